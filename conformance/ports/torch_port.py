#!/usr/bin/env python3
"""The PyTorch port: answers port-protocol requests (conformance/PROTOCOL.md)
by calling PyTorch's own implementation of each op, a real third-party
implementation to hold against Paddle's goldens.

Usage: python torch_port.py --ops '<json>'

Which PyTorch API answers which Paddle API comes from the op table (--ops, the
JSON of opTable() in conformance/ops/index.ts, required), from each op's
"torch" mapping, e.g.:

  paddle.nn.functional.hinge_embedding_loss -> torch.nn.functional.hinge_embedding_loss
  paddle.nn.MarginRankingLoss               -> torch.nn.MarginRankingLoss
  paddle.nn.functional.rnnt_loss            -> torchaudio.functional.rnnt_loss

A name in a package beside torch (torchaudio) is imported from it; where the venv lacks that package (torchaudio has no
release for torch 2.15.0) the op's requests are answered with a skip that says so.

The tensors are passed positionally in Paddle's order. Paddle's keyword
arguments are passed to PyTorch as they are, except those the mapping renames
(Paddle name -> PyTorch name) or drops (keywords such as `name`, which only
names Paddle's output tensor and changes no value; PyTorch has no such
parameter), plus the mapping's fixed keywords (square_error_cost is
mse_loss with reduction='none') and Paddle's defaults that PyTorch does not
share, where the request leaves them out (rnnt_loss's blank=0), and inputs PyTorch takes as log-probabilities
where Paddle takes logits get log_softmax over the last axis first (ctc_loss). Anything else PyTorch does not take gets PyTorch's own error back,
as PyTorch raises it. An op without a torch mapping is answered with
{"id", "skip": "PyTorch has no counterpart of <api>"}. Gradients come from
autograd, for each tensor named in "grad" (requires_grad_), keyed by Paddle's
tensor name. A tuple result (several outputs) is answered as a list of tensors. It calls PyTorch and never computes any op itself.

The tensor and kwarg codec is conformance/wire_codec.py, shared with the Paddle
oracle (scripts/paddle_oracle.py), so both Python ports read the protocol the
same way.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from wire_codec import (  # noqa: E402
    OpTableError, ProtocolError, answer_line, backward_roots, decode_kwargs, encode_numpy, encode_result, find_op,
    grad_names, op_table_from_argv, private_protocol_stream, reject_constant, resolve, tensor_args, to_numpy, invoke,
)


def main(argv):
    out = private_protocol_stream()
    try:
        table = op_table_from_argv(argv)
    except OpTableError as e:
        print(f"torch_port.py: {e}", file=sys.stderr)
        return 2
    import torch  # noqa: F401  (imported before the first request so its cost is not in one answer)
    for line in sys.stdin:
        if line.strip():
            out.write(json.dumps(answer(line, table), allow_nan=False) + "\n")
            out.flush()
    return 0


def answer(line, table):
    """One response for one request line; every exception becomes an error response."""
    return answer_line(line, lambda request: run(request, table), lambda e: {"type": type(e).__name__, "message": str(e)})


def run(request, table):
    """The response fields (output, grad, or skip) for one request, by calling PyTorch."""
    api = request.get("api")
    op, form = find_op(table, api)
    mapping = op.get("torch")
    if mapping is None:
        return {"skip": f"PyTorch has no counterpart of {api}"}
    if mapping.get(form) is None:
        return {"skip": f"PyTorch has no {form} form of {op['family']}"}
    absent = absent_package(mapping[form])
    if absent:
        return {"skip": f"{mapping[form]} answers {api}, but {absent}"}
    named = tensor_args(op, request.get("inputs"))
    want_grad = grad_names(op, request.get("grad"))
    tensors = {name: to_torch(t, f"inputs.{name}") for name, t in named}
    field = "init" if form == "layer" else "kwargs"
    args = torch_kwargs(decode_kwargs(request.get(field), field, op["float_kwargs"]), mapping)
    for name in want_grad:
        tensors[name].requires_grad_(True)
    target = resolve(mapping[form], f"the torch {form} form of {op['family']} in the op table")
    result = invoke(target, form, torch_names(op, mapping), {mapping.get("renames", {}).get(n, n): t for n, t in log_softmaxed(tensors, mapping).items()}, args)
    if result is None:
        if want_grad:
            result.backward()  # raises the AttributeError a caller meets
        return {"output": None}
    response = {"output": encode_result(result, encode)}
    if want_grad:
        import torch

        # A tuple result (several outputs) back-propagates from each output whose grad_output entry is not null.
        roots, seeds = backward_roots(result, request.get("grad_output"), to_torch)
        torch.autograd.backward(roots, [torch.ones_like(r) if g is None else g for r, g in zip(roots, seeds)])
        response["grad"] = {name: encode(tensors[name].grad) for name in want_grad if tensors[name].grad is not None}
    return response


def absent_package(dotted):
    """Why the package beside torch that a mapping names (torchaudio.functional.rnnt_loss) cannot be used, or None: the
    managed venv installs torchaudio only for a torch that has a torchaudio release (conformance/python_env.ts)."""
    import importlib
    import importlib.util

    import torch

    package = dotted.split(".")[0]
    if package == "torch":
        return None
    version = torch.__version__.split("+")[0]
    if importlib.util.find_spec(package) is None:
        return f"{package} is not installed beside torch {version} (the managed venv has it only where {package} has a release for that torch)"
    try:
        importlib.import_module(package)
    except Exception as e:  # an installed package that fails to import (built for another torch) is reported, not raised
        return f"{package} does not import beside torch {version}: {type(e).__name__}: {e}"
    return None


def log_softmaxed(tensors, mapping):
    """The tensors with log_softmax over the last axis applied to those PyTorch takes as log-probabilities where
    Paddle takes logits (the mapping's "log_softmax": ctc_loss); the leaves keep requires_grad, so autograd's
    gradient flows through it."""
    import torch

    return {name: torch.log_softmax(t, dim=-1) if name in mapping.get("log_softmax", []) else t for name, t in tensors.items()}


def torch_names(op, mapping):
    """The op's table entry with its tensor names as PyTorch spells them (an optional tensor is passed by keyword)."""
    renames = mapping.get("renames", {})
    return dict(op, tensors=[renames.get(n, n) for n in op["tensors"]], optional_tensors=[renames.get(n, n) for n in op["optional_tensors"]])


def torch_kwargs(args, mapping):
    """Paddle's keyword arguments under PyTorch's names, without those PyTorch lacks and no value depends on, and
    with the keywords PyTorch's counterpart needs where Paddle has no such parameter (the mapping's "fixed"), and
    Paddle's defaults the counterpart does not share where the request leaves the keyword out (its "defaults")."""
    drop = set(mapping.get("drop", []))
    renames = mapping.get("renames", {})
    args = {**mapping.get("defaults", {}), **args}
    return {**{renames.get(name, name): value for name, value in args.items() if name not in drop}, **mapping.get("fixed", {})}


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
    bits = t.view(torch.int16) if t.dtype == torch.bfloat16 else t
    return encode_numpy(bits.numpy(), str(t.dtype).replace("torch.", ""), t.shape)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
