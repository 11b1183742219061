#!/usr/bin/env python3
"""The Paddle oracle: answers port-protocol requests by calling real Paddle.

One process serves every case. It reads one JSON request per stdin line and
writes one JSON response per stdout line (flushed), and exits when stdin
closes. It calls Paddle and never computes the loss itself.

Request  {"id", "api", "inputs": {"input": T, "label": T},
          "kwargs": {...} (functional form) | "init": {...} (layer),
          "grad": ["input"]?, "grad_output": T?}
Response {"id", "output": T, "grad": {"input": T}}
         {"id", "error": {"type": "<Python exception class>", "message": str(e)}}
A request that breaks the protocol (an unknown field, the other form's
arguments, a tensor that does not decode exactly) gets the error type
"ProtocolError", so it is never mistaken for an exception Paddle raised.

T is {"dtype", "shape", "data": [...]} or {"dtype", "shape", "b64": "..."}:
data values are JSON numbers exact in the dtype or "NaN", "Infinity",
"-Infinity" (negative zero is -0.0); b64 holds little-endian row-major bytes.
Outputs are always b64, so every bit Paddle produced (NaN payloads, -0) is kept.

Keyword arguments decode by name: `margin` numbers and "NaN"/"Infinity"/
"-Infinity" become Python floats; anywhere, {"int": n} is a Python int,
{"str": s} a Python str and null is None; other values (reduction, name, ...) pass through verbatim. A kwarg
that is absent is not passed, so Paddle's default applies.

Gradients: `input` gets stop_gradient=False; the loss runs `backward()` or
`backward(grad_output)`. When Paddle leaves `input.grad` as None, the response
says so by omitting the key: "grad": {} (no zeros are made up).

Flags: --basis adds "reduction_basis": {"count", "abs_sum"} to mean/sum
results (Paddle's own unreduced loss for the same call, |l| summed exactly with
math.fsum in float64); --provenance prints the oracle's facts as one JSON line
and exits. Paddle's own chatter goes to stderr; stdout carries only responses.
"""
import base64
import json
import math
import os
import platform
import sys

APIS = ("paddle.nn.functional.hinge_embedding_loss", "paddle.nn.HingeEmbeddingLoss")
SPECIALS = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}
# Float kwargs by name: a JSON number (or special string) here is a Python float.
FLOAT_KWARGS = ("margin",)
# Every field a request may have (conformance/PROTOCOL.md); a misspelt one would otherwise be ignored.
FIELDS = ("id", "api", "inputs", "kwargs", "init", "grad", "grad_output")


class ProtocolError(Exception):
    """A request that does not follow the protocol."""


def main(argv):
    # Protocol lines go to a private copy of stdout. File descriptor 1 itself is
    # pointed at stderr, so what Paddle's native code writes there (it bypasses
    # sys.stdout) cannot land in the middle of the protocol stream.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), 1)
    sys.stdout = sys.stderr
    if "--provenance" in argv:
        out.write(json.dumps(provenance()) + "\n")
        out.flush()
        return 0
    basis = "--basis" in argv
    import paddle  # noqa: F401  (imported before the first request so its cost is not in one answer)
    for line in sys.stdin:
        if not line.strip():
            continue
        out.write(json.dumps(answer(line, basis), allow_nan=False) + "\n")
        out.flush()
    return 0


def answer(line, basis):
    """One response for one request line; every failure becomes an error response."""
    rid = None
    try:
        try:
            request = json.loads(line, parse_constant=reject_constant)
        except json.JSONDecodeError as e:
            raise ProtocolError(f"malformed request line (not JSON: {e}): {line.strip()[:200]}") from None
        if not isinstance(request, dict):
            raise ProtocolError("a request must be a JSON object")
        rid = request.get("id")
        if not isinstance(rid, str):
            raise ProtocolError('a request needs a string "id"')
        return dict({"id": rid}, **run(request, basis))
    except Exception as e:  # Paddle's exceptions are the answer, not a crash.
        return {"id": rid, "error": {"type": type(e).__name__, "message": str(e)}}


def reject_constant(name):
    raise ProtocolError(f"bare {name} is not JSON; write the string \"{name}\"")


def run(request, basis):
    import paddle

    api = request.get("api")
    if api not in APIS:
        raise ProtocolError(f"unknown api {api!r}; expected one of {', '.join(APIS)}")
    check_fields(request, api)
    inputs = request.get("inputs")
    if not isinstance(inputs, dict) or "input" not in inputs or "label" not in inputs:
        raise ProtocolError('"inputs" needs "input" and "label" tensors')
    want_grad = request.get("grad")
    if want_grad is None:
        want_grad = []
    if want_grad not in ([], ["input"]) or isinstance(want_grad, bool):
        raise ProtocolError(f'"grad" may only be ["input"], got {json.dumps(want_grad)}')
    if not want_grad and request.get("grad_output") is not None:
        raise ProtocolError('"grad_output" needs "grad": ["input"]; without it no backward pass runs')
    x = to_paddle(inputs["input"], "inputs.input")
    label = to_paddle(inputs["label"], "inputs.label")
    args = decode_kwargs(request.get("init" if api == APIS[1] else "kwargs"), api)
    if want_grad:
        x.stop_gradient = False
    loss = call(api, x, label, args)
    response = {"output": encode(loss)}
    if want_grad:
        if "grad_output" in request and request["grad_output"] is not None:
            loss.backward(to_paddle(request["grad_output"], "grad_output"))
        else:
            loss.backward()
        response["grad"] = {} if x.grad is None else {"input": encode(x.grad)}
    if basis and args.get("reduction", "mean") in ("mean", "sum"):
        response["reduction_basis"] = reduction_basis(api, inputs, args)
    return response


def check_fields(request, api):
    """Rejects fields the protocol does not define, and the other form's keyword arguments."""
    unknown = [k for k in request if k not in FIELDS]
    if unknown:
        raise ProtocolError(f'unknown field "{unknown[0]}"; a request has only {", ".join(FIELDS)}')
    other, own = ("kwargs", "init") if api == APIS[1] else ("init", "kwargs")
    if other in request:
        raise ProtocolError(f'"{other}" is for {APIS[0] if other == "kwargs" else APIS[1]}; {api} takes "{own}"')


def call(api, x, label, args):
    import paddle

    if api == APIS[0]:
        return paddle.nn.functional.hinge_embedding_loss(x, label, **args)
    return paddle.nn.HingeEmbeddingLoss(**args)(x, label)


def reduction_basis(api, inputs, args):
    """Count and exactly rounded Σ|l| of Paddle's own unreduced loss for the same call."""
    unreduced = call(api, to_paddle(inputs["input"], "inputs.input"), to_paddle(inputs["label"], "inputs.label"),
                     dict(args, reduction="none"))
    values = widen(unreduced).ravel()
    try:
        abs_sum = math.fsum(abs(float(v)) for v in values)
    except OverflowError:  # fsum's partials overflow only when the exact sum exceeds float64's range
        abs_sum = float("inf")
    except ValueError:  # inf - inf inside fsum cannot happen for |l|, but NaN + inf raises
        abs_sum = float("nan")
    return {"count": int(values.size), "abs_sum": json_float(abs_sum)}


def widen(t):
    """A Paddle tensor's values as float64 numpy (bfloat16 via its float32 bits)."""
    import numpy as np

    a = t.numpy()
    if str(t.dtype).endswith("bfloat16"):
        a = (a.astype(np.uint32) << 16).view(np.float32)
    return a.astype(np.float64)


def json_float(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def decode_kwargs(raw, api):
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        where = "init" if api == APIS[1] else "kwargs"
        raise ProtocolError(f'"{where}" must be an object of keyword arguments')
    return {name: decode_kwarg(name, value) for name, value in raw.items()}


def decode_kwarg(name, value):
    if isinstance(value, dict):
        if set(value) == {"int"} and isinstance(value["int"], int) and not isinstance(value["int"], bool):
            return value["int"]
        if set(value) == {"str"} and isinstance(value["str"], str):
            return value["str"]
        raise ProtocolError(f"kwarg {name!r}: an object must be {{\"int\": n}} or {{\"str\": s}}, got {json.dumps(value)}")
    if name in FLOAT_KWARGS:
        if isinstance(value, str) and value in SPECIALS:
            return SPECIALS[value]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    return value


# ---------------------------------------------------------------- tensors

NUMPY_DTYPES = {
    "float16": "float16", "float32": "float32", "float64": "float64", "int8": "int8", "uint8": "uint8",
    "int16": "int16", "int32": "int32", "int64": "int64", "bool": "bool", "bfloat16": "uint16",
}


def to_paddle(t, where):
    """A Paddle CPU tensor with exactly the wire tensor's dtype, shape and bits."""
    import numpy as np
    import paddle

    a = to_numpy(t, where)
    if t["dtype"] != "bfloat16":
        return paddle.to_tensor(a, dtype=t["dtype"], place=paddle.CPUPlace())
    bits = paddle.to_tensor(a, place=paddle.CPUPlace())
    try:
        return bits.view(paddle.bfloat16)
    except Exception:  # Paddle without Tensor.view(dtype): go through float32, exact for bfloat16 values
        return paddle.to_tensor((a.astype(np.uint32) << 16).view(np.float32)).cast("bfloat16")


def to_numpy(t, where):
    import numpy as np

    if not isinstance(t, dict):
        raise ProtocolError(f"{where}: a tensor must be an object with dtype, shape and data or b64")
    dtype = t.get("dtype")
    if dtype not in NUMPY_DTYPES:
        raise ProtocolError(f"{where}.dtype: unknown dtype {dtype!r}; expected one of {', '.join(NUMPY_DTYPES)}")
    shape = t.get("shape")
    if not isinstance(shape, list) or not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape):
        raise ProtocolError(f"{where}.shape: expected a list of non-negative integers, got {json.dumps(shape)}")
    np_dtype = np.dtype(NUMPY_DTYPES[dtype]).newbyteorder("<")
    count = math.prod(shape)
    if "b64" in t:
        raw = from_base64(t["b64"], where)
        if len(raw) != count * np_dtype.itemsize:
            raise ProtocolError(f"{where}.b64: {len(raw)} bytes, but {dtype}{shape} needs {count * np_dtype.itemsize}")
        return np.frombuffer(raw, dtype=np_dtype).reshape(shape).astype(np_dtype.newbyteorder("="))
    data = t.get("data")
    if not isinstance(data, list) or len(data) != count:
        raise ProtocolError(f"{where}.data: expected a list of {count} values for shape {shape}")
    if dtype == "bool":
        return np.array([boolean(v, where) for v in data], dtype=np.bool_).reshape(shape)
    if dtype.startswith("int") or dtype == "uint8":
        try:
            return np.array([integer(v, where) for v in data], dtype=np_dtype.newbyteorder("=")).reshape(shape)
        except OverflowError:
            raise ProtocolError(f"{where}.data: a value is out of range for {dtype}") from None
    # Float values are exact decimals of the dtype's value, so parsing to float64 and
    # narrowing rounds nothing.
    wide = np.array([scalar(v, where) for v in data], dtype=np.float64).reshape(shape)
    if dtype == "bfloat16":
        return (wide.astype(np.float32).view(np.uint32) >> 16).astype(np.uint16)
    return wide.astype(np_dtype.newbyteorder("="))


def from_base64(text, where):
    if not isinstance(text, str):
        raise ProtocolError(f"{where}.b64: expected a base64 string, got {json.dumps(text)[:80]}")
    try:
        return base64.b64decode(text, validate=True)
    except ValueError as e:  # binascii.Error
        raise ProtocolError(f"{where}.b64: not base64 ({e})") from None


def boolean(v, where):
    # JSON true/false, or the 0 and 1 that numpy writes for a bool tensor.
    if isinstance(v, bool) or (isinstance(v, int) and v in (0, 1)):
        return bool(v)
    raise ProtocolError(f"{where}.data: {json.dumps(v)} is not a bool (true, false, 0 or 1)")


def integer(v, where):
    if isinstance(v, bool) or not isinstance(v, int):
        raise ProtocolError(f"{where}.data: {json.dumps(v)} is not an integer")
    return v


def scalar(v, where):
    if isinstance(v, str):
        if v in SPECIALS:
            return SPECIALS[v]
        raise ProtocolError(f"{where}.data: {v!r} is not a number, \"NaN\", \"Infinity\" or \"-Infinity\"")
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ProtocolError(f"{where}.data: {v!r} is not a number")
    if isinstance(v, float) and not math.isfinite(v):  # 1e400 parses to inf; infinities are spelt "Infinity"
        raise ProtocolError(f"{where}.data: a number out of float64's range; write \"Infinity\" or \"-Infinity\"")
    return float(v)


def encode(t):
    """A Paddle tensor as a wire tensor with b64 little-endian bytes."""
    a = t.numpy()  # bfloat16 comes back as its uint16 bits
    dtype = str(t.dtype).replace("paddle.", "")
    little = a.astype(a.dtype.newbyteorder("<"), copy=False)
    return {"dtype": dtype, "shape": [int(d) for d in t.shape], "b64": base64.b64encode(little.tobytes()).decode("ascii")}


# ---------------------------------------------------------------- provenance

def provenance():
    import numpy
    import paddle

    return {
        "paddle_version": paddle.__version__,
        "paddle_commit": getattr(paddle.version, "commit", "unknown"),
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "os": f"{platform.system()} {platform.release()}",
        "cpu": cpu_model(),
        "machine": platform.machine(),
    }


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
