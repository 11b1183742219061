#!/usr/bin/env python3
"""The Ivy port: answers port-protocol requests (conformance/PROTOCOL.md) by
calling Ivy's Paddle frontend, a third-party reimplementation of Paddle's API,
to hold against Paddle's goldens.

Usage: python ivy_port.py --ops '<json>'

Each Paddle API is looked up under Ivy's frontend by the same dotted name:

  paddle.nn.functional.hinge_embedding_loss -> ivy.functional.frontends.paddle.nn.functional.hinge_embedding_loss
  paddle.nn.HingeEmbeddingLoss              -> ivy.functional.frontends.paddle.nn.HingeEmbeddingLoss

Ivy runs on its numpy backend (BACKEND), the one that needs no other framework.
The tensors become frontend tensors (ivy.functional.frontends.paddle.to_tensor
of a numpy array of exactly the wire tensor's dtype, shape and bits) and are
passed positionally in Paddle's order; the keyword arguments are passed as the
request gives them, so a keyword the frontend lacks gets the frontend's own
TypeError. The port calls Ivy and never computes any op itself. It skips, with
the reason:

  - an API the frontend does not have (Ivy's Paddle frontend has no loss layers);
  - a request for gradients: the numpy backend has no autograd (its
    execute_with_gradients returns None in place of the gradients);
  - a bfloat16 tensor: numpy has no bfloat16, so no numpy-backed tensor can hold it.

An exception Ivy raises is answered as an error. Ivy's own exception classes
subclass the builtin a Paddle caller catches (IvyValueError is a ValueError), so
the error's type is the first builtin exception class in the exception's
ancestry, and its message starts with Ivy's class name
("IvyValueError: numpy: multiply: operands could not be broadcast ..."). An Ivy
class with no builtin ancestor but Exception (IvyBroadcastShapeError) is
answered under its own name.

The tensor and kwarg codec is conformance/wire_codec.py, shared with the other
Python ports, so all of them read the protocol the same way.
"""
import builtins
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from wire_codec import (  # noqa: E402
    OpTableError, ProtocolError, answer_line, decode_kwargs, encode_numpy, encode_result, find_op, grad_names,
    op_table_from_argv, private_protocol_stream, reject_constant, resolve, tensor_args, to_numpy, invoke,
)

BACKEND = "numpy"

FRONTEND_PREFIX = "ivy.functional.frontends."

NO_AUTOGRAD = (f"Ivy's {BACKEND} backend has no autograd (ivy.execute_with_gradients returns None in place of "
               "the gradients), so this port computes no gradient")


def main(argv):
    out = private_protocol_stream()
    try:
        table = op_table_from_argv(argv)
    except OpTableError as e:
        print(f"ivy_port.py: {e}", file=sys.stderr)
        return 2
    # Importing Ivy opens a log file, ivy_logs.txt, in the working directory; run
    # in a private one so the port leaves nothing in the caller's.
    scratch = tempfile.mkdtemp(prefix="ivy_port-")
    os.chdir(scratch)
    try:
        start_ivy()
        for line in sys.stdin:
            if line.strip():
                out.write(json.dumps(answer(line, table), allow_nan=False) + "\n")
                out.flush()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def start_ivy():
    """Imports Ivy and its Paddle frontend on the numpy backend, before the first request, so their cost is in no answer."""
    import ivy

    ivy.set_backend(BACKEND)
    import ivy.functional.frontends.paddle  # noqa: F401
    print(f"ivy_port.py: ivy {ivy.__version__}, {BACKEND} backend", file=sys.stderr)


def answer(line, table):
    """One response for one request line; every exception becomes an error response."""
    return answer_line(line, lambda request: run(request, table), error_of)


def run(request, table):
    """The response fields (output, or skip) for one request, by calling Ivy's Paddle frontend."""
    api = request.get("api")
    op, form = find_op(table, api)
    named = tensor_args(op, request.get("inputs"))
    want_grad = grad_names(op, request.get("grad"))
    try:
        target = resolve(FRONTEND_PREFIX + api, f"Ivy's counterpart of {api}")
    except ProtocolError:
        return {"skip": f"Ivy's Paddle frontend has no {api} ({FRONTEND_PREFIX + api} does not exist)"}
    if want_grad:
        return {"skip": NO_AUTOGRAD}
    bfloat16 = [name for name, t in named if isinstance(t, dict) and t.get("dtype") == "bfloat16"]
    if bfloat16:
        return {"skip": f"{bfloat16[0]} is bfloat16, which numpy (so Ivy's {BACKEND} backend) has no dtype for"}
    tensors = {name: to_frontend(t, f"inputs.{name}") for name, t in named}
    field = "init" if form == "layer" else "kwargs"
    args = decode_kwargs(request.get(field), field, op["float_kwargs"])
    result = invoke(target, form, op, tensors, args)
    # A tuple result (several outputs) is answered as a list of tensors.
    return {"output": None if result is None else encode_result(result, encode)}


def to_frontend(t, where):
    """A frontend paddle Tensor with exactly the wire tensor's dtype, shape and bits."""
    import ivy.functional.frontends.paddle as paddle
    import numpy as np

    return paddle.to_tensor(np.array(to_numpy(t, where)))


def encode(result):
    """What the frontend returned (a frontend Tensor, an ivy.Array or a numpy value) as a wire tensor with b64 bytes."""
    import numpy as np

    value = getattr(result, "ivy_array", result)  # a frontend Tensor wraps an ivy.Array
    value = getattr(value, "data", value)  # an ivy.Array wraps the backend's numpy array
    a = np.array(value, order="C")  # not ascontiguousarray, which makes a 0-D result 1-D
    return encode_numpy(a, a.dtype.name, a.shape)


def error_of(e):
    """The protocol's error object: the builtin exception type a caller would catch, and Ivy's class named in the message."""
    base = next((c for c in type(e).__mro__
                 if issubclass(c, BaseException) and c not in (Exception, BaseException) and getattr(builtins, c.__name__, None) is c), None)
    if base is None or base is type(e):
        return {"type": type(e).__name__, "message": str(e)}
    return {"type": base.__name__, "message": f"{type(e).__name__}: {e}"}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
