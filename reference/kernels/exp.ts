/**
 * Paddle's `exp` kernel (`paddle.exp`) and its backward, as the CPU kernel
 * of Paddle 3.3.1 computes them (reference/elementary.ts).
 *
 * Forward. Rule `exp-packet-and-tail`: Eigen's polynomial (AVX, no FMA) on
 * every whole packet of 8 float32 or 4 float64 elements of the flattened
 * tensor, the C library's expf / exp on the last n mod 8 (n mod 4), so one
 * value's exp depends on its position: exp(-100) is 2.938e-39 (0x1ffeb0) in
 * a packet, where the polynomial clamps its argument, and 3.78e-44 (0x1b)
 * in the tail (Paddle 3.3.1, paddle.exp of nine -100s); elsewhere the two
 * differ by an ulp at most. Both return a NaN argument as it is, sign and
 * payload kept (eight 0xffc00000 give 0xffc00000 in the packet and the tail).
 * The 16-bit floats compute in float32 and round (Paddle 3.3.1, float16
 * [2, 0.5, 3]).
 *
 * Rule `exp-no-bfloat16-or-bool-kernel`: registered for int32, int64,
 * float16, float32 and float64, not bfloat16 or bool (RuntimeError
 * NotFound, in every release from 2.6.2).
 *
 * Rule `exp-of-integers-in-float32`: an int32 or int64 tensor is cast to
 * float32 first (the eager API's type autocast) and the result is float32
 * (Paddle 3.3.1: exp of int32 [1, 0, 2] is float32 [2.7182817, 1,
 * 7.389056]). Its gradient is float32: since Paddle 3.3.0 the engine casts
 * it to the integer dtype before the integer tensor's own backward runs
 * (tape.ts: soft_margin_loss of int32 input [-1, 0], label [3, 2], upstream 5
 * gives [-12, -4], 5·0.9526 → 4 then × -3), and before 3.3.0 multiply's
 * backward raises ValueError on it (multiply.ts).
 *
 * Rule `exp-grad-no-float16-kernel`: the backward (exp_grad) has no float16 kernel (nor
 * bfloat16): a float16 input's gradient raises RuntimeError (NotFound) in
 * the backward, where the forward passed (every release from 2.6.2; poisson_nll_loss of a float16 input against
 * a float32 label).
 *
 * Backward (ExpGradFunctor): dout · out, rounded in the result's dtype, the
 * upstream's NaN first.
 */
import { dtypeOf, type DTypeName } from '../dtype.js';
import { paddleExp } from '../elementary.js';
import { Tensor } from '../tensor.js';
import { mulKeepingFirstNaN } from '../x86_nan.js';
import { isWrappingInteger } from './integer.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** exp(x) on the tape. */
export function exp(tape: Tape, x: Var): Var {
  requireKernel('exp', x.value.dtype);
  const dtype: DTypeName = isWrappingInteger(x.value.dtype) ? 'float32' : x.value.dtype;
  const d = dtypeOf(dtype);
  const n = x.value.size;
  const out = d.allocate(n);
  for (let k = 0; k < n; k++) {
    const v = d.round(x.value.at(k));
    d.set(out, k, v !== v ? v : d.round(paddleExp(v, dtype === 'float64' ? 'float64' : 'float32', k, n)));
  }
  const result = new Tensor(dtype, x.value.shape, out);
  return tape.record(result, [x], (dout) => [gradient(result, dout)]);
}

function gradient(out: Tensor, dout: Tensor): Tensor {
  requireKernel('exp_grad', out.dtype);
  const d = dtypeOf(out.dtype);
  const g = d.allocate(out.size);
  for (let k = 0; k < out.size; k++) d.set(g, k, mulKeepingFirstNaN(d.round(dout.at(k)), out.at(k), d));
  return new Tensor(out.dtype, out.shape, g);
}
