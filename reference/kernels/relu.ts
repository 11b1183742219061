/**
 * Paddle's `relu` kernel (`_C_ops.relu`, `paddle.nn.functional.relu`) and
 * its backward.
 *
 * Forward. Rule `relu-nan-is-zero`: phi's CPU functor is `x > 0 ? x : 0`, so
 * a NaN gives +0 (NaN > 0 is false) and so does −0: the output is never NaN
 * or −0 (Paddle 3.3.1: relu of [−0.0, NaN] gives [0x0, 0x0], and
 * margin_ranking_loss with a NaN margin gives 0), where PyTorch's relu and
 * clamp_min propagate NaN. Rule `relu-float-kernels-only`: registered for
 * float32 and float64 only: float16, bfloat16, int32, int64 and bool raise
 * RuntimeError (NotFound) (Paddle 3.3.1: margin_ranking_loss of int32
 * operands, whose subtract, multiply and add all have int32 kernels).
 *
 * Backward. Rule `relu-grad-zero-at-kink`: phi's relu_grad is
 * dout · (out > 0), a product, the upstream first: where the input is at
 * the kink (0), below it or NaN, the gradient is dout · 0, so ±0 by the
 * upstream's sign and NaN for a NaN or infinite upstream, not the upstream
 * passed on as PyTorch's clamp_min does at the kink (Paddle 3.3.1:
 * margin_ranking_loss of input [1, 1, 2], other [1, 0.5, 1], label 1,
 * margin 0.5 gives input's gradient [−1, −0, −0]).
 */
import { dtypeOf } from '../dtype.js';
import { Tensor } from '../tensor.js';
import { mulKeepingFirstNaN } from '../x86_nan.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** relu(x) on the tape. */
export function relu(tape: Tape, x: Var): Var {
  requireKernel('relu', x.value.dtype);
  const d = dtypeOf(x.value.dtype);
  const out = d.allocate(x.value.size);
  for (let k = 0; k < x.value.size; k++) {
    const v = x.value.at(k);
    d.set(out, k, v > 0 ? v : 0);
  }
  const y = new Tensor(x.value.dtype, x.value.shape, out);
  return tape.record(y, [x], (dout) => [gradient(y, dout)]);
}

function gradient(out: Tensor, dout: Tensor): Tensor {
  const d = dtypeOf(dout.dtype);
  const g = d.allocate(out.size);
  for (let k = 0; k < out.size; k++) d.set(g, k, mulKeepingFirstNaN(dout.at(k), out.at(k) > 0 ? 1 : 0, d));
  return new Tensor(dout.dtype, out.shape, g);
}
