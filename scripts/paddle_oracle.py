#!/usr/bin/env python3
"""The Paddle oracle: answers port-protocol requests by calling real Paddle.

One process serves every case. It reads one JSON request per stdin line and
writes one JSON response per stdout line (flushed), and exits when stdin
closes. It calls Paddle and never computes any op itself.

Usage: python paddle_oracle.py --ops '<json>' [--basis] | --provenance

The ops it answers come from --ops, the JSON of opTable()
(conformance/ops/index.ts): each op's functional and layer names, its tensor
parameters in Paddle's positional order, its float keywords, its
differentiable tensors and its reduction keyword. A missing or malformed
--ops ends the process before any request, with exit code 2.

Request  {"id", "api", "inputs": {<each of the op's tensors>: T},
          "kwargs": {...} (functional form) | "init": {...} (layer),
          "grad": [<differentiable tensor names>]?, "grad_output": T?}
Response {"id", "output": T, "grad": {<name>: T}}
         {"id", "output": [T, T], "grad": {...}}  (a call that returns a tuple: its tensors in order)
         {"id", "output": null}  (the call returned None; no grad, no basis; asking for a
                                  gradient of None raises AttributeError from None.backward())
         {"id", "error": {"type": "<Python exception class>", "message": str(e)}}
A request that breaks the protocol (an unknown field or api, the other form's
arguments, missing or extra tensors, a tensor that does not decode exactly, a
"grad" naming a tensor that has none) gets the error type "ProtocolError", so
it is never mistaken for an exception Paddle raised.

The tensors are passed positionally in the op's order: fn(*tensors, **kwargs)
for the functional form, cls(**init)(*tensors) for the layer.

T is {"dtype", "shape", "data": [...]} or {"dtype", "shape", "b64": "..."}:
data values are JSON numbers exact in the dtype or "NaN", "Infinity",
"-Infinity" (negative zero is -0.0); b64 holds little-endian row-major bytes.
Outputs are always b64, so every bit Paddle produced (NaN payloads, -0) is kept.

Keyword arguments decode by name: the op's float keywords (margin) take
numbers and "NaN"/"Infinity"/"-Infinity" as Python floats; anywhere,
{"int": n} is a Python int, {"str": s} a Python str and null is None; other
values (reduction, name, ...) pass through verbatim. A kwarg that is absent is
not passed, so Paddle's default applies.

Gradients: each tensor named in "grad" gets stop_gradient=False; the result
runs `backward()` or `backward(grad_output)`. A tuple result runs
paddle.autograd.backward over the outputs whose "grad_output" entry is not
null, with those entries (absent "grad_output": every output, with ones). "grad" in the response is keyed
by tensor name; one whose .grad Paddle leaves as None is omitted ("grad": {}
when none has one), so no zeros are made up.

Flags: --basis adds "reduction_basis": {"count", "abs_sum"} to results whose
reduction keyword (absent: 'mean') is mean or sum (Paddle's own unreduced
result of the same call with reduction='none', |l| summed exactly with
math.fsum in float64); --provenance prints the oracle's facts as one JSON line
and exits. Paddle's own chatter goes to stderr; stdout carries only responses.
The wire codec is conformance/wire_codec.py, shared with the PyTorch port.
"""
import json
import math
import os
import platform
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "conformance"))

from wire_codec import (  # noqa: E402
    OpTableError, ProtocolError, backward_roots, decode_kwargs, encode_numpy, encode_result, find_op, grad_names,
    json_float, invoke, op_table_from_argv, reject_constant, resolve, result_tensors, tensor_args, to_numpy,
)

# Every field a request may have (conformance/PROTOCOL.md); a misspelt one would otherwise be ignored.
FIELDS = ("id", "api", "inputs", "kwargs", "init", "grad", "grad_output")
# Paddle's default reduction for the losses the table names, used when a call does not pass the keyword.
DEFAULT_REDUCTION = "mean"


def main(argv):
    # Protocol lines go to a private copy of stdout. File descriptor 1 itself is
    # pointed at stderr, so what Paddle's native code writes there (it bypasses
    # sys.stdout) cannot land in the middle of the protocol stream.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), 1)
    sys.stdout = sys.stderr
    pin_threads()
    if "--provenance" in argv:
        out.write(json.dumps(provenance()) + "\n")
        out.flush()
        return 0
    try:
        table = op_table_from_argv(argv)
    except OpTableError as e:
        print(f"paddle_oracle.py: {e}", file=sys.stderr)
        return 2
    basis = "--basis" in argv
    import paddle  # noqa: F401  (imported before the first request so its cost is not in one answer)
    for line in sys.stdin:
        if not line.strip():
            continue
        out.write(json.dumps(answer(line, basis, table), allow_nan=False) + "\n")
        out.flush()
    return 0




def answer(line, basis, table):
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
        return dict({"id": rid}, **run(request, basis, table))
    except Exception as e:  # Paddle's exceptions are the answer, not a crash.
        return {"id": rid, "error": {"type": type(e).__name__, "message": stable_message(str(e))}}


def stable_message(message):
    """Paddle's message with its per-process tensor counter (generated_tensor_262) written as
    generated_tensor_N: the number counts the tensors made before in the process, so it depends
    on which requests came first, and a golden must not."""
    return re.sub(r"generated_tensor_\d+", "generated_tensor_N", message)


def run(request, basis, table):
    """The response fields (output, grad, reduction_basis) for one request, by calling Paddle."""
    op, form = find_op(table, request.get("api"))
    check_fields(request, op, form)
    named = tensor_args(op, request.get("inputs"))
    want_grad = grad_names(op, request.get("grad"))
    if not want_grad and request.get("grad_output") is not None:
        raise ProtocolError(f'"grad_output" needs a non-empty "grad" (e.g. "grad": {json.dumps(op["differentiable"][:1])}); '
                            f'without it no backward pass runs')
    tensors = {name: to_paddle(t, f"inputs.{name}") for name, t in named}
    field = "init" if form == "layer" else "kwargs"
    args = decode_kwargs(request.get(field), field, op["float_kwargs"])
    for name in want_grad:
        tensors[name].stop_gradient = False
    api = request["api"]
    result = call(op, form, api, tensors, args)
    if result is None:  # e.g. cosine_embedding_loss's functional form with an unknown reduction
        if want_grad:
            result.backward()  # raises the AttributeError a caller of Paddle meets
        return {"output": None}
    response = {"output": encode_result(result, encode)}
    if want_grad:
        roots, seeds = backward_roots(result, request.get("grad_output"), to_paddle)
        if len(roots) == 1 and not result_tensors(result)[1]:
            roots[0].backward(*([] if seeds[0] is None else [seeds[0]]))
        else:
            import paddle

            paddle.autograd.backward(roots, seeds)
        response["grad"] = {name: encode(tensors[name].grad) for name in want_grad if tensors[name].grad is not None}
    several = result_tensors(result)[1]
    if basis and not several and op["reduction"] and args.get(op["reduction"], DEFAULT_REDUCTION) in ("mean", "sum"):
        response["reduction_basis"] = reduction_basis(op, form, api, named, args)
    return response


def check_fields(request, op, form):
    """Rejects fields the protocol does not define, and the other form's keyword arguments."""
    unknown = [k for k in request if k not in FIELDS]
    if unknown:
        raise ProtocolError(f'unknown field "{unknown[0]}"; a request has only {", ".join(FIELDS)}')
    other, own = ("kwargs", "init") if form == "layer" else ("init", "kwargs")
    if other in request:
        owner = op["functional"] if other == "kwargs" else op["layer"]
        raise ProtocolError(f'"{other}" is for {owner}; {op[form]} takes "{own}"')


def call(op, form, api, tensors, args):
    """Paddle's op on the tensors by name: fn(*required, **optional, **args) or cls(**optional, **args)(*required)."""
    return invoke(paddle_api(op, form, api), form, op, tensors, args)


def paddle_api(op, form, api):
    """The Paddle object an API name denotes. A name the table says is younger than the running release raises
    Paddle's own AttributeError, as a caller of that release meets it; any other missing name is the table's
    fault (ProtocolError)."""
    try:
        return resolve(api, f"the {form} form of {op['family']} in the op table")
    except ProtocolError:
        since = op["since"].get(api)
        if since is None or not release_before(since):
            raise
        parent, attr = api.rsplit(".", 1)
        return getattr(resolve(parent, f"the module of {api}"), attr)


def release_before(version):
    """Whether the running Paddle is older than `version` (e.g. "3.3.0")."""
    import paddle

    number = lambda v: tuple(int(p) for p in v.split(".")[:3])  # noqa: E731
    return number(paddle.__version__) < number(version)


def reduction_basis(op, form, api, named, args):
    """Count and exactly rounded Σ|l| of Paddle's own unreduced result for the same call."""
    fresh = {name: to_paddle(t, f"inputs.{name}") for name, t in named}
    unreduced = call(op, form, api, fresh, dict(args, **{op["reduction"]: "none"}))
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


# ---------------------------------------------------------------- Paddle tensors

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


def encode(t):
    """A Paddle tensor as a wire tensor with b64 little-endian bytes."""
    # .numpy() gives bfloat16 as its uint16 bits, which is the wire's bfloat16.
    return encode_numpy(t.numpy(), str(t.dtype).replace("paddle.", ""), t.shape)


# ---------------------------------------------------------------- provenance

def provenance():
    import numpy
    import paddle

    vendor, model, flags = cpu_facts()
    return {
        "paddle_version": paddle.__version__,
        "paddle_commit": getattr(paddle.version, "commit", "unknown"),
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "os": f"{platform.system()} {platform.release()}",
        "cpu": model,
        "cpu_vendor": vendor,
        "cpu_flags": flags,
        "machine": platform.machine(),
        "threads": pinned_threads(),
        "paddle_flags": paddle_flags(paddle),
    }


def cpu_facts():
    """The CPU's vendor id, model name and every flag /proc/cpuinfo lists (the suite keeps the decisive ones)."""
    facts = {}
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                key, _, value = line.partition(":")
                key = key.strip()
                if key in ("vendor_id", "model name", "flags") and key not in facts:
                    facts[key] = value.strip()
    except OSError:
        pass
    return (facts.get("vendor_id", "unknown"), facts.get("model name", platform.processor() or "unknown"),
            sorted(facts.get("flags", "").split()))


# Paddle flags that can change what a CPU kernel computes; each is recorded where
# the release has it. FLAGS_use_accuracy_compatible_kernel (3.3.1, off by default)
# switches CPU mean/sum to other kernels on Paddle's development branch.
RECORDED_FLAGS = (
    "FLAGS_use_accuracy_compatible_kernel", "FLAGS_paddle_num_threads", "FLAGS_use_mkldnn",
    "FLAGS_cpu_deterministic", "FLAGS_check_nan_inf",
)


def paddle_flags(paddle):
    """The recorded flags' values in this process (after any FLAGS_* environment variable), by name."""
    names = sorted(set(RECORDED_FLAGS) | {k for k in os.environ if k.startswith("FLAGS_")})
    values = {}
    for name in names:
        try:
            values[name] = paddle.get_flags([name])[name]
        except Exception:  # noqa: BLE001  (a flag this release does not have)
            continue
    return values


# The thread count every Paddle process of the suite runs with. Paddle's CPU
# kernels for these ops ran the same with 1 and 2 threads (README, "Machine
# classes"); pinning makes that a recorded fact rather than an accident of the
# machine. PADDLE_CONFORMANCE_THREADS overrides it, to measure exactly that.
THREADS_VARIABLE = "PADDLE_CONFORMANCE_THREADS"


def pinned_threads():
    value = os.environ.get(THREADS_VARIABLE, "1")
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"paddle_oracle.py: {THREADS_VARIABLE}={value!r} must be a positive integer")
    return int(value)


def pin_threads():
    """Sets every thread-count knob Paddle's CPU path reads, before paddle is imported."""
    n = str(pinned_threads())
    for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "FLAGS_paddle_num_threads"):
        os.environ[variable] = n


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
