#!/usr/bin/env python3
"""An example port (conformance/PROTOCOL.md) for port authors to copy: replace loss() with a call into your library.
Run it: npx paddle-conformance run --port-cmd "python3 conformance/examples/port_example.py"   (standard library only)"""
import array, base64, json, math, sys

CODES = {"float32": "f", "float64": "d"}  # this example handles these two dtypes; array() stores them natively

def decode(t):  # a wire tensor -> a flat list of floats; "NaN"/"Infinity"/"-Infinity" parse with float()
    if "b64" in t:
        return list(array.array(CODES[t["dtype"]], base64.b64decode(t["b64"])))  # little-endian on x86/ARM hosts
    return [float(v) for v in t["data"]]

def encode(values, dtype, shape):  # flat floats -> a wire tensor, as exact little-endian bytes
    return {"dtype": dtype, "shape": shape, "b64": base64.b64encode(array.array(CODES[dtype], values).tobytes()).decode()}

def loss(x, y, f32, margin=1.0, reduction="mean", name=None):  # the implementation under test
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(f"'reduction' in 'hinge_embedding_loss' should be 'sum', 'mean' or 'none', but received {reduction}.")
    rnd = (lambda v: array.array("f", [v])[0]) if f32 else float  # every step rounded to the dtype
    m = rnd(float(margin))  # the margin is rounded to the input's dtype first
    relu = lambda v: v if v > 0 else 0.0
    l = [xi + 0.0 if yi == 1 else relu(rnd(m - xi)) if yi == -1 else 0.0 for xi, yi in zip(x, y)]
    total = 0.0
    for v in l:
        total = rnd(total + v)
    return l if reduction == "none" else [total if reduction == "sum" else rnd(total / len(l)) if l else math.nan]

# An op that returns several tensors (PROTOCOL.md, "Several outputs": adaptive_log_softmax_with_loss returns
# output and loss) is answered with a list, in Paddle's return order: {"id": ..., "output": [encode(...), encode(...)]};
# its "grad_output", when given, is a list too, with null for an output the backward does not go through.
def answer(r):
    x, y, dtype = r["inputs"]["input"], r["inputs"]["label"], r["inputs"]["input"]["dtype"]
    if r.get("grad") or dtype not in CODES or y["dtype"] != dtype or x["shape"] != y["shape"]:
        return {"id": r["id"], "skip": "this example does same-shape float32/float64 forward only"}
    try:
        args = {k: v["int"] if isinstance(v, dict) else float(v) if k == "margin" and v is not None else v for k, v in (r.get("kwargs") or r.get("init") or {}).items()}
        out = loss(decode(x), decode(y), dtype == "float32", **args)
        return {"id": r["id"], "output": encode(out, dtype, x["shape"] if args.get("reduction") == "none" else [])}
    except Exception as e:  # an error the library raises is an answer: its Python type and message
        return {"id": r["id"], "error": {"type": type(e).__name__, "message": str(e)}}

for line in sys.stdin:  # one request per line in, one response per line out; exit when stdin closes
    print(json.dumps(answer(json.loads(line))), flush=True)
