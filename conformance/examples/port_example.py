#!/usr/bin/env python3
"""An example port (conformance/PROTOCOL.md) for port authors to copy: replace loss() with a call into your library.
Run it: npx paddle-conformance run --port-cmd "python3 conformance/examples/port_example.py"   (needs numpy)"""
import base64, json, sys
import numpy as np

def decode(t):  # a wire tensor -> numpy; "NaN"/"Infinity"/"-Infinity" parse with float()
    dt = np.dtype(t["dtype"]).newbyteorder("<")
    if "b64" in t:
        return np.frombuffer(base64.b64decode(t["b64"]), dt).reshape(t["shape"])
    return np.array([float(v) for v in t["data"]], dt).reshape(t["shape"])

def encode(a):  # numpy -> a wire tensor, as exact little-endian bytes
    return {"dtype": str(a.dtype), "shape": list(a.shape), "b64": base64.b64encode(a.astype(a.dtype.newbyteorder("<")).tobytes()).decode()}

def loss(x, y, margin=1.0, reduction="mean", name=None):  # the implementation under test (float32/float64 only)
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(f"'reduction' in 'hinge_embedding_loss' should be 'sum', 'mean' or 'none', but received {reduction}.")
    m, zero = x.dtype.type(margin), x.dtype.type(0)  # the margin is rounded to the input's dtype first
    l = np.where(y == 1, x, zero) + np.where(y == -1, np.where(m - x > 0, m - x, zero), zero)
    return l if reduction == "none" else np.asarray(l.mean() if reduction == "mean" else l.sum(), x.dtype)

def answer(r):
    x, y = decode(r["inputs"]["input"]), decode(r["inputs"]["label"])
    if r.get("grad") or x.dtype.name not in ("float32", "float64"):
        return {"id": r["id"], "skip": "this example does float32/float64 forward only"}
    try:
        args = {k: v["int"] if isinstance(v, dict) else float(v) if k == "margin" else v for k, v in (r.get("kwargs") or r.get("init") or {}).items()}
        return {"id": r["id"], "output": encode(loss(x, y, **args))}
    except Exception as e:  # an error the library raises is an answer: its Python type and message
        return {"id": r["id"], "error": {"type": type(e).__name__, "message": str(e)}}

for line in sys.stdin:  # one request per line in, one response per line out; exit when stdin closes
    print(json.dumps(answer(json.loads(line))), flush=True)
