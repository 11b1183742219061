#!/usr/bin/env python3
"""Times real Paddle (CPU) and PyTorch (CPU) eager hinge_embedding_loss, forward
and backward, inside their own process, for `npm run bench` (bench/frameworks.ts).

It calls the frameworks and never computes the loss itself.

Usage:
  python framework_bench.py --framework paddle|torch --config '<json>'
      config: {"sizes": [...], "dtypes": [...], "reductions": [...],
               "warmup": k, "samples": k, "min_samples": k, "budget_s": s,
               "min_sample_s": s, "slow_call_s": s}
      Prints one JSON object: {"facts": {...}, "results": [{"framework",
      "direction", "dtype", "reduction", "n", "seconds": {median, min, max,
      q1, q3, samples}}]}.
  python framework_bench.py --suite requests.jsonl --oracle scripts/paddle_oracle.py [--ops '<json>'] --repeats k
      Answers every request line with the Paddle port's own `answer()` (with
      the op table of --ops, as the oracle process reads it) in this
      process (no pipe), k times after one warm-up pass, and prints
      {"cases", "seconds": {...}} for one whole pass: the port's work without
      the protocol's transport.

Inputs follow bench/workload.ts: uniform in [-2, 3), labels ±1 at random,
margin 1. Forward times one call of the functional form. Backward times one
`loss.backward()` (an explicit ones upstream gradient for reduction none) on a
fresh graph; the forward that builds the graph is not timed. Progress goes to
stderr; stdout carries only the JSON.
"""
import json
import os
import platform
import statistics
import sys
import time


def summarise(values):
    """Median, min, max and quartiles (numpy's default linear rule) of seconds."""
    s = sorted(values)

    def q(p):
        at = (len(s) - 1) * p
        lo, hi = int(at // 1), int(-(-at // 1))
        return s[lo] + (s[hi] - s[lo]) * (at - lo)

    return {"median": statistics.median(s), "min": s[0], "max": s[-1], "q1": q(0.25), "q3": q(0.75), "samples": len(s)}


def warm_up(fn, cfg):
    """Runs the warm-up calls and returns the minimum sample count; a slow call (a large N) needs one warm-up and three samples."""
    t0 = time.perf_counter()
    fn()
    if time.perf_counter() - t0 > cfg["slow_call_s"]:
        return min(3, cfg["min_samples"])
    for _ in range(cfg["warmup"] - 1):
        fn()
    return cfg["min_samples"]


def time_batched(fn, cfg):
    """Seconds per call: warm-up, then samples of enough calls to last min_sample_s, within the budget."""
    min_samples = warm_up(fn, cfg)
    calls = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        dt = time.perf_counter() - t0
        if dt >= cfg["min_sample_s"] or calls >= 1 << 16:
            break
        calls *= 2 if dt * 16 > cfg["min_sample_s"] else 16
    per_call, start = [], time.perf_counter()
    while len(per_call) < cfg["samples"]:
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        per_call.append((time.perf_counter() - t0) / calls)
        if len(per_call) >= min_samples and time.perf_counter() - start > cfg["budget_s"]:
            break
    return summarise(per_call)


def time_each(setup, fn, cfg):
    """Seconds per call of fn(setup()), setup untimed; each call is its own sample."""
    min_samples = warm_up(lambda: fn(setup()), cfg)
    per_call, start = [], time.perf_counter()
    while len(per_call) < max(cfg["samples"], 3 * min_samples):
        state = setup()
        t0 = time.perf_counter()
        fn(state)
        per_call.append(time.perf_counter() - t0)
        if len(per_call) >= min_samples and time.perf_counter() - start > cfg["budget_s"]:
            break
    return summarise(per_call)


def workload(np, dtype, n, seed=20240501):
    rng = np.random.default_rng(seed)
    x = (rng.random(n) * 5 - 2).astype(dtype)
    y = np.where(rng.integers(0, 2, n) == 1, 1.0, -1.0).astype(dtype)
    return x, y


class Paddle:
    name = "paddle"

    def __init__(self):
        import paddle

        paddle.set_device("cpu")
        self.paddle = paddle
        self.F = paddle.nn.functional

    def facts(self):
        import numpy

        return {"paddle": self.paddle.__version__, "paddle_commit": getattr(self.paddle.version, "commit", ""), "numpy": numpy.__version__}

    def tensors(self, x, y):
        return self.paddle.to_tensor(x), self.paddle.to_tensor(y)

    def forward(self, x, y, reduction):
        return self.F.hinge_embedding_loss(x, y, margin=1.0, reduction=reduction)

    def requires_grad(self, x):
        x.stop_gradient = False
        x.clear_gradient()

    def ones_like(self, t):
        return self.paddle.ones_like(t)


class Torch:
    name = "torch"

    def __init__(self):
        import torch

        self.torch = torch
        self.F = torch.nn.functional

    def facts(self):
        import numpy

        return {"torch": self.torch.__version__, "torch_threads": self.torch.get_num_threads(), "numpy": numpy.__version__}

    def tensors(self, x, y):
        return self.torch.from_numpy(x), self.torch.from_numpy(y)

    def forward(self, x, y, reduction):
        return self.F.hinge_embedding_loss(x, y, margin=1.0, reduction=reduction)

    def requires_grad(self, x):
        x.requires_grad_(True)
        x.grad = None

    def ones_like(self, t):
        return self.torch.ones_like(t)


def run_framework(name, cfg):
    import numpy as np

    fw = Paddle() if name == "paddle" else Torch()
    facts = {"python": platform.python_version(), "omp_num_threads": os.environ.get("OMP_NUM_THREADS"), "cpu_count": os.cpu_count()}
    facts.update(fw.facts())
    results = []
    for dtype in cfg["dtypes"]:
        for n in cfg["sizes"]:
            xn, yn = workload(np, dtype, n)
            for reduction in cfg["reductions"]:
                x, y = fw.tensors(xn, yn)
                fwd = time_batched(lambda: fw.forward(x, y, reduction), cfg)
                results.append({"framework": name, "direction": "forward", "dtype": dtype, "reduction": reduction, "n": n, "seconds": fwd})
                xg, yg = fw.tensors(xn.copy(), yn)
                fw.requires_grad(xg)
                upstream = fw.ones_like(fw.forward(xg, yg, "none")) if reduction == "none" else None

                def setup():
                    fw.requires_grad(xg)
                    return fw.forward(xg, yg, reduction)

                def backward(loss):
                    if upstream is None:
                        loss.backward()
                    else:
                        loss.backward(upstream)

                bwd = time_each(setup, backward, cfg)
                results.append({"framework": name, "direction": "backward", "dtype": dtype, "reduction": reduction, "n": n, "seconds": bwd})
                print(f"{name} {dtype} n={n} {reduction}: forward {fwd['median'] * 1e3:.3f} ms, backward {bwd['median'] * 1e3:.3f} ms", file=sys.stderr)
    return {"facts": facts, "results": results}


def run_suite(path, oracle, repeats, argv):
    sys.path.insert(0, os.path.dirname(os.path.abspath(oracle)))
    import paddle  # noqa: F401  (imported before timing, as the port imports it before its first answer)
    import paddle_oracle

    table = paddle_oracle.op_table_from_argv(argv)

    with open(path, encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]

    def one_pass():
        t0 = time.perf_counter()
        for line in lines:
            json.dumps(paddle_oracle.answer(line, False, table), allow_nan=False)
        return time.perf_counter() - t0

    one_pass()
    return {"cases": len(lines), "seconds": summarise([one_pass() for _ in range(repeats)])}


def arg(argv, flag):
    return argv[argv.index(flag) + 1] if flag in argv else None


def main(argv):
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    sys.stdout = sys.stderr  # the frameworks' chatter must not reach the JSON
    if "--suite" in argv:
        result = run_suite(arg(argv, "--suite"), arg(argv, "--oracle"), int(arg(argv, "--repeats") or 3), argv)
    else:
        result = run_framework(arg(argv, "--framework"), json.loads(arg(argv, "--config")))
    out.write(json.dumps(result) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
