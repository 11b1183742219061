/**
 * Paddle's `mean` kernel over every axis (`paddle.mean(x)`): a 0-D tensor,
 * and its backward. Unlike `mean_all` it has integer (and bool) kernels.
 *
 * Forward: Eigen's mean for floats (reduction.ts). Rule
 * `mean-of-integers-truncates`: an integer tensor's mean is taken in float32
 * (the values, Eigen's sum and the division all rounded to float32), then
 * truncated toward zero into the tensor's own dtype (Paddle 3.3.1: int32
 * [-7, 2] gives -2; [16777217, 1] gives 8388608, and int64 [2^40 + 1, 1]
 * 549755813888, both float32's rounding). Before Paddle 3.1.0 it was the
 * exact integer quotient (3.0.0 and 2.6.2: int32 [19686969] gives 19686969,
 * where 3.1.0 on gives 19686968). An empty tensor: rule
 * `mean-of-empty-is-nan` (reduction.ts).
 *
 * Backward. Rule `mean-grad-divides-by-count`: every element gets dout / n,
 * one division rounded in the dtype.
 */
import { dtypeOf } from '../dtype.js';
import { castValue } from '../cast.js';
import { paddleReleaseBefore } from '../release.js';
import { checkReducible, eigenMean, meanOfEmpty } from '../reduction.js';
import { Tensor } from '../tensor.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** paddle.mean(x) over every element, on the tape. */
export function mean(tape: Tape, x: Var): Var {
  requireKernel('mean', x.value.dtype);
  checkReducible(x.value.size, 'mean', 'mean');
  const d = dtypeOf(x.value.dtype);
  const out = d.allocate(1);
  d.set(out, 0, d.floating ? (x.value.size === 0 ? meanOfEmpty('mean') : eigenMean(x.value.data, d)) : integerMean(x.value));
  return tape.record(new Tensor(x.value.dtype, [], out), [x], (dout) => [gradient(x.value, dout)]);
}

/** The float32 mean cast to the integer dtype as Paddle's cast does (an empty tensor's NaN gives the integer minimum). */
function integerMean(x: Tensor): number {
  if (paddleReleaseBefore('3.1.0') && x.size > 0) {
    let total = 0;
    for (let k = 0; k < x.size; k++) total += x.at(k);
    return Math.trunc(total / x.size);
  }
  const mean = x.size === 0 ? NaN : eigenMean(Float32Array.from(x.data), dtypeOf('float32'));
  return castValue(mean, 'float32', x.dtype);
}

function gradient(x: Tensor, dout: Tensor): Tensor {
  const d = dtypeOf(dout.dtype);
  const out = d.allocate(x.size);
  const each = d.floating ? d.round(dout.at(0) / x.size) : Math.trunc(dout.at(0) / x.size);
  for (let k = 0; k < x.size; k++) d.set(out, k, each);
  return new Tensor(dout.dtype, x.shape, out);
}
