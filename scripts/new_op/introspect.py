"""Prints, as one JSON line, the Python signatures of a Paddle loss's
functional form and of its layer's constructor, for `npm run new-op`.

argv: <family> [<LayerClass>]. The layer is the class of paddle.nn whose
name, lower-cased, is the family's without underscores (l1_loss: L1Loss),
unless one is named. Nothing here computes anything: it reads signatures.
"""
import inspect
import json
import sys

import paddle


def params(fn):
    out = []
    for p in inspect.signature(fn).parameters.values():
        if p.name == "self" or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        entry = {"name": p.name, "annotation": "" if p.annotation is p.empty else str(p.annotation)}
        if p.default is not p.empty:
            entry["default"] = p.default if isinstance(p.default, (bool, int, float, str, type(None))) else repr(p.default)
        out.append(entry)
    return out


def layer_class(family, named):
    if named:
        return getattr(paddle.nn, named, None)
    key = family.replace("_", "")
    matches = [c for c in dir(paddle.nn) if c.lower() in (key, key + "loss") and inspect.isclass(getattr(paddle.nn, c))]
    return getattr(paddle.nn, matches[0]) if matches else None


def main():
    family, named = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "")
    fn = getattr(paddle.nn.functional, family, None)
    if fn is None:
        print(json.dumps({"error": f"paddle.nn.functional has no {family} in Paddle {paddle.__version__}"}))
        return
    layer = layer_class(family, named)
    print(json.dumps({
        "paddle": paddle.__version__,
        "functional": params(fn),
        "layer": None if layer is None else {"name": layer.__name__, "params": params(layer.__init__)},
    }))


main()
