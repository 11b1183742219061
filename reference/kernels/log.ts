/**
 * Paddle's `log` kernel (`paddle.log`) and its backward, as the CPU kernel
 * of Paddle 3.3.1 computes them (reference/elementary.ts).
 *
 * Forward: the C library's logf / log for every element, whatever its
 * position (glibc's, bit for bit, where V8's Math.log differs on 1.5% of
 * float32 and 0.65% of float64 arguments); a NaN argument comes back as it
 * is, sign and payload kept (log(1 + NaN) of a 0xffc00000 is 0xffc00000).
 * The 16-bit floats compute in float32 and round (Paddle 3.3.1, float16
 * [2, 0.5, 3]); int32 and int64 are cast to float32 first and give float32,
 * as exp's are (exp.ts). Registered for every dtype but bool (RuntimeError
 * NotFound).
 *
 * Rule `log-of-negative-nan-sign`: a negative float32 (or 16-bit, computed
 * in float32) argument gives the negative default NaN 0xffc00000, glibc's
 * logf (Paddle 3.3.1 and 3.0.0: log of -1, -inf and -2^-149, in a packet and
 * in the tail); before Paddle 3.0.0 the positive 0x7fc00000 (Paddle 2.6.2,
 * the same arguments; float16 -1 gives 0x7e00, where 3.3.1 gives 0xfe00).
 * float64 gives +NaN (0x7ff8000000000000) in both.
 *
 * Rule `log-grad-no-float16-kernel`: the backward (log_grad) has no float16 kernel (nor
 * bfloat16, nor, unlike the forward, int32 and int64): a float16 input's gradient raises RuntimeError (NotFound) in
 * the backward, where the forward passed (every release from 2.6.2; poisson_nll_loss of a float16 input against
 * a float32 label).
 *
 * Backward (LogGradFunctor): dout · (1 / x), the reciprocal rounded first,
 * then the product, in x's dtype.
 */
import { dtypeOf, type DTypeName } from '../dtype.js';
import { paddleLog } from '../elementary.js';
import { paddleReleaseBefore } from '../release.js';
import { Tensor } from '../tensor.js';
import { mulKeepingFirstNaN } from '../x86_nan.js';
import { isWrappingInteger } from './integer.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** log(x) on the tape. */
export function log(tape: Tape, x: Var): Var {
  requireKernel('log', x.value.dtype);
  const dtype: DTypeName = isWrappingInteger(x.value.dtype) ? 'float32' : x.value.dtype;
  const d = dtypeOf(dtype);
  const values = d.allocate(x.value.size);
  const out = d.allocate(x.value.size);
  for (let k = 0; k < x.value.size; k++) {
    const v = d.round(x.value.at(k));
    d.set(values, k, v);
    d.set(out, k, v !== v ? v : v < 0 && dtype !== 'float64' && paddleReleaseBefore('3.0.0') ? NaN : d.round(paddleLog(v, dtype === 'float64' ? 'float64' : 'float32')));
  }
  const input = new Tensor(dtype, x.value.shape, values);
  return tape.record(new Tensor(dtype, x.value.shape, out), [x], (dout) => [gradient(input, dout)]);
}

function gradient(x: Tensor, dout: Tensor): Tensor {
  requireKernel('log_grad', x.dtype);
  const d = dtypeOf(x.dtype);
  const g = d.allocate(x.size);
  for (let k = 0; k < x.size; k++) d.set(g, k, mulKeepingFirstNaN(d.round(dout.at(k)), d.round(1 / x.at(k)), d));
  return new Tensor(x.dtype, x.shape, g);
}
