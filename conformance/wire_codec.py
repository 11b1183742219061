"""The Python side of the wire (conformance/PROTOCOL.md), shared by the Paddle
oracle (scripts/paddle_oracle.py) and the PyTorch port (ports/torch_port.py),
so both read a request the same way: tensors to numpy, keyword values, numpy
back to a b64 wire tensor, and the op table the processes are started with.

It imports neither Paddle nor PyTorch; the conversion from numpy to a
framework's tensor and back stays in each script. numpy is imported where a
function needs it, so a process that only prints its provenance or answers a
protocol error never pays for it.

The op table is the JSON of `opTable()` (conformance/ops/index.ts), passed as
`--ops '<json>'`: {"ops": [{"family", "functional", "layer" (null for a
functional-only API), "layer_aliases"?, "tensors", "optional_tensors"?,
"float_kwargs", "differentiable", "reduction" (null when the op never
reduces), "outputs"?: [names, in return order, for an op that returns several
tensors], "since"?: {api: release}, "torch"?: {"functional", "layer",
"renames", "drop", "fixed"?, "defaults"?}}]}. It is required: the descriptors in
conformance/ops/ are the only record of an op, so no table is kept here.
"""
import base64
import importlib
import json
import math
import os
import re
import sys

SPECIALS = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}

NUMPY_DTYPES = {
    "float16": "float16", "float32": "float32", "float64": "float64", "int8": "int8", "uint8": "uint8",
    "int16": "int16", "int32": "int32", "int64": "int64", "bool": "bool", "bfloat16": "uint16",
}

class ProtocolError(Exception):
    """A request that does not follow the protocol."""


class OpTableError(Exception):
    """An --ops argument that is not an op table; the process cannot start."""


def private_protocol_stream():
    """A private copy of stdout for the protocol lines; file descriptor 1 then
    points at stderr, so whatever the library prints, from Python or native
    code, cannot land in the protocol stream."""
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), 1)
    sys.stdout = sys.stderr
    return out


def answer_line(line, compute, error_of):
    """One response for one request line: compute(request) for a well-formed
    request, error_of(e) for any exception, since the library's exceptions
    are the answer, not a crash."""
    rid = None
    try:
        request = json.loads(line, parse_constant=reject_constant)
        if not isinstance(request, dict) or not isinstance(request.get("id"), str):
            raise ProtocolError('a request must be a JSON object with a string "id"')
        rid = request["id"]
        return dict({"id": rid}, **compute(request))
    except Exception as e:
        return {"id": rid, "error": error_of(e)}


def reject_constant(name):
    """json.loads' parse_constant: bare NaN/Infinity are Python's extension, not JSON."""
    raise ProtocolError(f"bare {name} is not JSON; write the string \"{name}\"")


# ---------------------------------------------------------------- the op table

_STRING_LISTS = ("tensors", "optional_tensors", "layer_aliases", "float_kwargs", "differentiable")


def op_table_from_argv(argv):
    """The op table of `--ops <json>` in argv; OpTableError when it is missing or malformed."""
    if "--ops" not in argv:
        raise OpTableError("--ops '<json>' is required: the op table, the JSON of opTable() in conformance/ops/index.ts "
                           "(the suite passes it; by hand: npx tsx -e \"import('./conformance/ops/index.ts').then(m => "
                           "console.log(JSON.stringify(m.opTable())))\")")
    at = argv.index("--ops")
    if at + 1 >= len(argv):
        raise OpTableError("--ops needs the op table's JSON as the next argument")
    try:
        raw = json.loads(argv[at + 1], parse_constant=reject_constant)
    except (json.JSONDecodeError, ProtocolError) as e:
        raise OpTableError(f"--ops is not JSON: {e}") from None
    return parse_op_table(raw)


def parse_op_table(raw):
    """The op table checked field by field: a list of op entries (dicts) as opTable() writes them."""
    if not isinstance(raw, dict) or not isinstance(raw.get("ops"), list) or not raw["ops"]:
        raise OpTableError('--ops must be {"ops": [...]} with at least one op')
    ops = []
    for i, op in enumerate(raw["ops"]):
        where = f"--ops: ops[{i}]"
        if not isinstance(op, dict):
            raise OpTableError(f"{where} is not an object")
        for key in ("family", "functional"):
            if not isinstance(op.get(key), str):
                raise OpTableError(f"{where}.{key} must be a string")
        for key in ("layer", "reduction"):
            if op.get(key) is not None and not isinstance(op[key], str):
                raise OpTableError(f"{where}.{key} must be a string or null")
        op = dict(op, layer=op.get("layer"), reduction=op.get("reduction"),
                  layer_aliases=op.get("layer_aliases", []), optional_tensors=op.get("optional_tensors", []), since=op.get("since", {}),
                  tensor_lists=op.get("tensor_lists", []))
        for key in _STRING_LISTS:
            if not isinstance(op.get(key), list) or not all(isinstance(s, str) for s in op[key]):
                raise OpTableError(f"{where}.{key} must be a list of strings")
        if "outputs" in op and (not isinstance(op["outputs"], list) or len(op["outputs"]) < 2
                                or not all(isinstance(s, str) for s in op["outputs"])):
            raise OpTableError(f"{where}.outputs must be a list of at least two names")
        if not isinstance(op["since"], dict) or not all(isinstance(v, str) for v in op["since"].values()):
            raise OpTableError(f"{where}.since must map API names to release strings")
        unknown = [t for t in op["differentiable"] if t not in op["tensors"] + op["optional_tensors"] + op["tensor_lists"]]
        if unknown:
            raise OpTableError(f"{where}.differentiable names {unknown[0]!r}, which is not one of its tensors")
        torch = op.get("torch")
        if torch is not None:
            if not isinstance(torch, dict) or not isinstance(torch.get("functional"), str) or not isinstance(torch.get("layer"), (str, type(None))):
                raise OpTableError(f"{where}.torch must have a string functional and a string or null layer")
            if not isinstance(torch.get("renames", {}), dict) or not isinstance(torch.get("drop", []), list):
                raise OpTableError(f"{where}.torch.renames must be an object and torch.drop a list")
            if not isinstance(torch.get("fixed", {}), dict) or not isinstance(torch.get("defaults", {}), dict):
                raise OpTableError(f"{where}.torch.fixed and torch.defaults must be objects")
        ops.append(op)
    return {"ops": ops}


def api_names(op):
    """Every name a request may call of the op: its functional form, its layer and the layer's aliases."""
    return [op["functional"]] + ([op["layer"]] if op["layer"] else []) + op["layer_aliases"]


def find_op(table, api):
    """The op one of whose names is `api`, and the form: (op, "functional" | "layer")."""
    for op in table["ops"]:
        if api == op["functional"]:
            return op, "functional"
        if api in api_names(op):
            return op, "layer"
    names = [name for op in table["ops"] for name in api_names(op)]
    raise ProtocolError(f"unknown api {api!r}; expected one of {', '.join(names)}")


def resolve(dotted, what):
    """The object a dotted name denotes (`paddle.nn.functional.hinge_embedding_loss`): attributes from the
    top-level package, importing a submodule where no attribute is there yet. ProtocolError when there is
    none, so a name this library lacks is never mistaken for an error the library raised."""
    parts = dotted.split(".")
    try:
        target = importlib.import_module(parts[0])
        for i, attr in enumerate(parts[1:], start=2):
            try:
                target = getattr(target, attr)
            except AttributeError:
                target = importlib.import_module(".".join(parts[:i]))
    except ImportError as e:
        raise ProtocolError(f"{dotted} ({what}) cannot be found: {e}") from None
    return target


def tensor_args(op, inputs):
    """The request's tensors in the op's order (the optional ones it gives last); ProtocolError unless it has all the
    op's required tensors and no others."""
    names, optional = op["tensors"], op["optional_tensors"]
    if not isinstance(inputs, dict):
        raise ProtocolError(f'"inputs" must be an object with the tensors {", ".join(names)}')
    elements = sorted((k for k in inputs if list_index(op, k) is not None), key=lambda k: (k.split(".")[0], list_index(op, k)))
    missing = [n for n in names if n not in inputs]
    unknown = [n for n in inputs if n not in names + optional + elements]
    if missing or unknown:
        parts = ([f"missing {', '.join(missing)}"] if missing else []) + ([f"unknown {', '.join(unknown)}"] if unknown else [])
        also = f" (and optionally {', '.join(optional)})" if optional else ""
        lists = f" (and the lists {', '.join(n + '.<i>.<j>' for n in op.get('tensor_lists', []))})" if op.get("tensor_lists") else ""
        raise ProtocolError(f'"inputs" of {op["family"]} are exactly {", ".join(names)}{also}{lists}: {"; ".join(parts)}')
    return [(n, inputs[n]) for n in names + elements + optional if n in inputs]


def list_index(op, key):
    """(i, j) of a tensor list's element key (`tail_weights.0.1`, PROTOCOL.md "Lists of tensors"), or None."""
    m = re.fullmatch(r"([^.]+)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)", key)
    if m is None or m.group(1) not in op.get("tensor_lists", []):
        return None
    return int(m.group(2)), int(m.group(3))


def nested_lists(op, tensors):
    """Each tensor list parameter's nested list [[t00, t01], [t10, t11], ...] from its elements' keys; [] when none is given."""
    out = {}
    for name in op.get("tensor_lists", []):
        rows = {}
        for key, t in tensors.items():
            at = list_index(op, key)
            if at is not None and key.split(".")[0] == name:
                rows.setdefault(at[0], {})[at[1]] = t
        out[name] = [[row[j] for j in sorted(row)] for _, row in sorted(rows.items())]
    return out


def invoke(target, form, op, tensors, args):
    """Calls a form with the tensors by name: the required ones positionally, the tensor lists (nested, functional form
    only) and the optional ones by keyword (to the functional form, or to the layer's constructor), then the keyword
    arguments."""
    positional = [tensors[n] for n in op["tensors"]]
    optional = {n: tensors[n] for n in op["optional_tensors"] if n in tensors}
    if form == "functional":
        return target(*positional, **nested_lists(op, tensors), **optional, **args)
    return target(**optional, **args)(*positional)


def grad_names(op, raw):
    """The tensor names a request's "grad" asks gradients for ([] when absent); ProtocolError unless each is differentiable, once."""
    if raw is None:
        return []
    allowed = op["differentiable"]
    if (not isinstance(raw, list) or not all(isinstance(n, str) and (n in allowed or (list_index(op, n) and n.split(".")[0] in allowed)) for n in raw)
            or len(set(raw)) != len(raw)):
        raise ProtocolError(f'"grad" may only list names from {json.dumps(allowed)} (the differentiable inputs of '
                            f'{op["family"]}), each once; got {json.dumps(raw)}')
    return list(raw)


# ---------------------------------------------------------------- several outputs

def result_tensors(result):
    """The tensors of a call's result: a tuple or list (an op with several outputs, PROTOCOL.md "Several outputs")
    as a list in return order, one tensor as a list of one; and whether it was several."""
    if isinstance(result, (tuple, list)):
        return list(result), True
    return [result], False


def encode_result(result, encode):
    """A call's result as the protocol's "output": one tensor, or a list of tensors for a tuple or list result."""
    tensors, several = result_tensors(result)
    encoded = [encode(t) for t in tensors]
    return encoded if several else encoded[0]


def backward_roots(result, raw, convert):
    """The outputs a backward pass starts from and their upstream gradients (None: ones of its shape), from a
    request's "grad_output": one tensor for a result of one tensor; for several, a list with one entry per output,
    null for an output the backward does not go through. Absent: ones through every output. `convert(t, where)`
    makes the library's tensor."""
    tensors, several = result_tensors(result)
    if not several:
        if isinstance(raw, list):
            raise ProtocolError('"grad_output" is a list, but the call returned one tensor: give one tensor')
        return tensors, [None if raw is None else convert(raw, "grad_output")]
    if raw is None:
        return tensors, [None] * len(tensors)
    if not isinstance(raw, list) or len(raw) != len(tensors) or all(t is None for t in raw):
        raise ProtocolError(f'"grad_output" must be a list of {len(tensors)} entries (a tensor, or null where the '
                            f'backward does not go through that output), not all null: the call returned {len(tensors)} outputs')
    pairs = [(o, convert(t, f"grad_output[{i}]")) for i, (o, t) in enumerate(zip(tensors, raw)) if t is not None]
    return [o for o, _ in pairs], [g for _, g in pairs]


# ---------------------------------------------------------------- keyword arguments

def decode_kwargs(raw, where, float_kwargs):
    """A request's `kwargs` or `init` object decoded per name (decode_kwarg); {} when absent."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ProtocolError(f'"{where}" must be an object of keyword arguments')
    return {name: decode_kwarg(name, value, float_kwargs) for name, value in raw.items()}


def decode_kwarg(name, value, float_kwargs):
    """One keyword value: {"int": n} an int, {"str": s} a str, a number or special string a float when `name` is in float_kwargs, else as is."""
    if isinstance(value, dict):
        if set(value) == {"int"} and isinstance(value["int"], int) and not isinstance(value["int"], bool):
            return value["int"]
        if set(value) == {"str"} and isinstance(value["str"], str):
            return value["str"]
        raise ProtocolError(f"kwarg {name!r}: an object must be {{\"int\": n}} or {{\"str\": s}}, got {json.dumps(value)}")
    if name in float_kwargs:
        if isinstance(value, str) and value in SPECIALS:
            return SPECIALS[value]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    return value


# ---------------------------------------------------------------- tensors

def to_numpy(t, where):
    """A wire tensor as a numpy array of exactly its dtype, shape and bits (bfloat16 as its uint16 bits)."""
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
    if "generated" in t:
        return generated_numpy(t, where).reshape(shape)
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


# ---------------------------------------------------------------- generated tensors

GENERATOR_KEYS = ("bits", "seed", "distribution", "low", "high")
GENERATED_DTYPES = {"uniform": ("float32", "float64", "bfloat16"), "integers": ("int32", "int64")}


def generated_numpy(t, where):
    """A generated tensor (conformance/generated.ts; golden/README.md) expanded in numpy and checked against its
    sha256: flat, of its wire dtype (bfloat16 as uint16 bits). ProtocolError for a spec this generator does not
    expand, or bytes that do not hash to the stated sha256 (both hashes in the message)."""
    import hashlib
    import numpy as np

    extra = [k for k in t if k not in ("dtype", "shape", "generated", "sha256")]
    if extra:
        raise ProtocolError(f"{where}.{extra[0]}: a generated tensor has only dtype, shape, generated and sha256")
    dtype, spec, count = t["dtype"], t["generated"], math.prod(t["shape"])
    problem = generator_problem(spec, dtype, count)
    if problem:
        raise ProtocolError(f"{where}.generated: {problem}")
    stated = t.get("sha256")
    if not isinstance(stated, str) or len(stated) != 64 or any(c not in "0123456789abcdef" for c in stated):
        raise ProtocolError(f"{where}.sha256: a generated tensor needs sha256, 64 lowercase hex digits, got {json.dumps(stated)}")
    u32 = np.uint32
    base = (spec["seed"] * 0x9E3779B9) & 0xFFFFFFFF
    h = ((np.arange(count, dtype=np.uint64) + np.uint64(base)) & np.uint64(0xFFFFFFFF)).astype(u32)
    h ^= h >> u32(16)
    h *= u32(0x85EBCA6B)
    h ^= h >> u32(13)
    h *= u32(0xC2B2AE35)
    h ^= h >> u32(16)
    if spec["distribution"] == "integers":
        low, span = int(spec["low"]), int(spec["high"]) - int(spec["low"])
        k = (h.astype(np.uint64) * np.uint64(span)) >> np.uint64(32)  # exact: h * span < 2^53
        a = (k.astype(np.int64) + np.int64(low)).astype(dtype)
    else:
        low, high = float(spec["low"]), float(spec["high"])
        u = (h >> u32(8)).astype(np.float64) * (2.0 ** -24)
        v = low + (high - low) * u  # float64, one rounding per operation, in this order
        if dtype == "float64":
            a = v
        elif dtype == "float32":
            a = v.astype(np.float32)
        else:  # bfloat16: nearest even from the float32 value
            b = v.astype(np.float32).view(u32)
            a = ((b + u32(0x7FFF) + ((b >> u32(16)) & u32(1))) >> u32(16)).astype(np.uint16)
    got = hashlib.sha256(a.astype(a.dtype.newbyteorder("<"), copy=False).tobytes()).hexdigest()
    if got != stated:
        raise ProtocolError(f"{where}.sha256: the generated bytes hash to {got} but the tensor states {stated}; "
                            "the generator or the file changed")
    return a


def generator_problem(spec, dtype, count):
    """What is wrong with a generator spec for a dtype and element count (None when it expands); as generated.ts says it."""
    if not isinstance(spec, dict):
        return 'must be an object {"bits", "seed", "distribution", "low", "high"}'
    extra = [k for k in spec if k not in GENERATOR_KEYS]
    if extra:
        return f"has the unknown field {json.dumps(extra[0])}; allowed: {', '.join(GENERATOR_KEYS)}"
    if spec.get("bits") != "fmix32":
        return f'bits must be "fmix32", got {json.dumps(spec.get("bits"))}'
    seed = spec.get("seed")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2 ** 32:
        return f"seed must be an integer in [0, 2^32), got {json.dumps(seed)}"
    dist = spec.get("distribution")
    if dist not in GENERATED_DTYPES:
        return f'distribution must be "uniform" or "integers", got {json.dumps(dist)}'
    if dtype not in GENERATED_DTYPES[dist]:
        return f"distribution {dist} fills {', '.join(GENERATED_DTYPES[dist])}, not {dtype}"
    low, high = spec.get("low"), spec.get("high")
    numbers = all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in (low, high))
    if not numbers or not low < high:
        return f"low and high must be finite numbers with low < high, got {json.dumps(low)} and {json.dumps(high)}"
    if dist == "integers":
        if not all(float(x).is_integer() for x in (low, high)):
            return f"integers needs integer low and high, got {low} and {high}"
        if low < -2 ** 31 or high > 2 ** 31:
            return f"integers needs low and high within int32's range [-2^31, 2^31], got {low} and {high}"
        if high - low > 2 ** 21:
            return f"integers needs high - low <= 2^21 (2097152), got {high - low}"
    if count > 2 ** 32:
        return f"numel {count} exceeds 2^32, the counter's range"
    return None


def from_base64(text, where):
    """The bytes of a tensor's b64 field; ProtocolError for anything but strict base64."""
    if not isinstance(text, str):
        raise ProtocolError(f"{where}.b64: expected a base64 string, got {json.dumps(text)[:80]}")
    try:
        return base64.b64decode(text, validate=True)
    except ValueError as e:  # binascii.Error
        raise ProtocolError(f"{where}.b64: not base64 ({e})") from None


def boolean(v, where):
    """A bool tensor's element: JSON true/false, or the 0 and 1 that numpy writes for a bool tensor."""
    if isinstance(v, bool) or (isinstance(v, int) and v in (0, 1)):
        return bool(v)
    raise ProtocolError(f"{where}.data: {json.dumps(v)} is not a bool (true, false, 0 or 1)")


def integer(v, where):
    """An integer tensor's element: a JSON integer, never a bool or a float."""
    if isinstance(v, bool) or not isinstance(v, int):
        raise ProtocolError(f"{where}.data: {json.dumps(v)} is not an integer")
    return v


def scalar(v, where):
    """A float tensor's element: a finite JSON number, or "NaN", "Infinity", "-Infinity"."""
    if isinstance(v, str):
        if v in SPECIALS:
            return SPECIALS[v]
        raise ProtocolError(f"{where}.data: {v!r} is not a number, \"NaN\", \"Infinity\" or \"-Infinity\"")
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ProtocolError(f"{where}.data: {v!r} is not a number")
    if isinstance(v, float) and not math.isfinite(v):  # 1e400 parses to inf; infinities are spelt "Infinity"
        raise ProtocolError(f"{where}.data: a number out of float64's range; write \"Infinity\" or \"-Infinity\"")
    return float(v)


def encode_numpy(a, dtype, shape):
    """A numpy array as a wire tensor of the given wire dtype and shape, with b64 little-endian row-major bytes (bfloat16: its 16-bit patterns)."""
    little = a.astype(a.dtype.newbyteorder("<"), copy=False)
    return {"dtype": dtype, "shape": [int(d) for d in shape], "b64": base64.b64encode(little.tobytes()).decode("ascii")}


def json_float(v):
    """A float as the protocol writes it: a JSON number, or "NaN", "Infinity", "-Infinity"."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v
