#!/usr/bin/env python3
"""The PyTorch port: answers port-protocol requests (conformance/PROTOCOL.md)
by calling PyTorch's own hinge embedding loss, a real third-party
implementation to hold against Paddle's goldens.

  paddle.nn.functional.hinge_embedding_loss -> torch.nn.functional.hinge_embedding_loss
  paddle.nn.HingeEmbeddingLoss              -> torch.nn.HingeEmbeddingLoss

Paddle's keyword arguments are passed to PyTorch as they are (margin and
reduction mean the same in both), except `name`: it only names Paddle's output
tensor and changes no value, and PyTorch has no such parameter, so the adapter
drops it. Anything else PyTorch does not take gets PyTorch's own error back,
as PyTorch raises it. Gradients come from
autograd. It calls PyTorch and never computes the loss itself.

The tensor and kwarg codec is the Paddle oracle's (scripts/paddle_oracle.py),
so both Python ports read the protocol the same way.
"""
import base64
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))

from paddle_oracle import APIS, ProtocolError, decode_kwargs, reject_constant, to_numpy  # noqa: E402


def main():
    # Protocol lines go to a private copy of stdout; file descriptor 1 itself is
    # pointed at stderr, so anything torch prints, from Python or native code,
    # cannot land in the protocol stream.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), 1)
    sys.stdout = sys.stderr
    import torch  # noqa: F401  (imported before the first request so its cost is not in one answer)
    for line in sys.stdin:
        if line.strip():
            out.write(json.dumps(answer(line), allow_nan=False) + "\n")
            out.flush()
    return 0


def answer(line):
    """One response for one request line; every exception becomes an error response."""
    rid = None
    try:
        request = json.loads(line, parse_constant=reject_constant)
        if not isinstance(request, dict) or not isinstance(request.get("id"), str):
            raise ProtocolError('a request must be a JSON object with a string "id"')
        rid = request["id"]
        return dict({"id": rid}, **run(request))
    except Exception as e:  # PyTorch's exceptions are the answer, not a crash.
        return {"id": rid, "error": {"type": type(e).__name__, "message": str(e)}}


def run(request):
    import torch

    api = request.get("api")
    if api not in APIS:
        raise ProtocolError(f"unknown api {api!r}; expected one of {', '.join(APIS)}")
    inputs = request.get("inputs") or {}
    x = to_torch(inputs.get("input"), "inputs.input")
    label = to_torch(inputs.get("label"), "inputs.label")
    args = decode_kwargs(request.get("init" if api == APIS[1] else "kwargs"), api)
    args.pop("name", None)  # Paddle's output name; PyTorch has no counterpart and no value depends on it
    want_grad = request.get("grad") == ["input"]
    if want_grad:
        x.requires_grad_(True)
    if api == APIS[0]:
        loss = torch.nn.functional.hinge_embedding_loss(x, label, **args)
    else:
        loss = torch.nn.HingeEmbeddingLoss(**args)(x, label)
    response = {"output": encode(loss)}
    if want_grad:
        upstream = request.get("grad_output")
        loss.backward(torch.ones_like(loss) if upstream is None else to_torch(upstream, "grad_output"))
        response["grad"] = {} if x.grad is None else {"input": encode(x.grad)}
    return response


def to_torch(t, where):
    """A CPU tensor with exactly the wire tensor's dtype, shape and bits."""
    import numpy as np
    import torch

    a = np.array(to_numpy(t, where))  # a writable copy; bfloat16 arrives as its uint16 bits
    if t["dtype"] == "bfloat16":
        return torch.from_numpy(a.view(np.int16)).view(torch.bfloat16)
    return torch.from_numpy(a)


def encode(t):
    """A torch tensor as a wire tensor with b64 little-endian bytes."""
    import torch

    t = t.detach().cpu().contiguous()
    dtype = str(t.dtype).replace("torch.", "")
    bits = t.view(torch.int16) if t.dtype == torch.bfloat16 else t
    a = bits.numpy()
    little = a.astype(a.dtype.newbyteorder("<"), copy=False)
    return {"dtype": dtype, "shape": list(t.shape), "b64": base64.b64encode(little.tobytes()).decode("ascii")}


if __name__ == "__main__":
    sys.exit(main())
