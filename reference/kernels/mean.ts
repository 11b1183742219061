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
 *
 * Along the last axis (`x.mean(axis=-1)`, meanAlongLastAxis). Rule
 * `mean-along-last-axis-sum-then-divide`: each row's sum, added left to right
 * as sum's row sums are (sum.ts), then divided by the row length once
 * (Paddle 3.3.1: 1,200 random float32 and float64 rows of length 1 to 1000
 * all equal paddle.sum(x, -1) / m, where · round(1 / m) missed up to 66%);
 * where a NaN value meets a NaN sum, float32's loop puts the value first at
 * steps 0, 1, 4 and 6 of each block of 8 (sum's also at 5, as mean's in
 * Paddle 3.0.0; read off Paddle 3.3.1 by placing +NaN and −NaN in every pair
 * of places of rows of 2 to 32);
 * a row of no element is the positive NaN, an empty batch an empty result;
 * before Paddle 3.1.0 an empty tensor raised (rule `mean-of-empty-is-nan`).
 * A 0-D or 1-D tensor is the mean over every element (0-D). Its backward
 * gives each element its row's dout / m.
 */
import { dtypeOf } from '../dtype.js';
import { kernelNotRegistered } from '../errors.js';
import { castValue } from '../cast.js';
import { paddleReleaseBefore, paddleReleaseIs } from '../release.js';
import { checkReducible, eigenMean, meanOfEmpty } from '../reduction.js';
import { Tensor } from '../tensor.js';
import { sumRows } from './sum.js';
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
  // Before Paddle 3.0.0 mean_grad had no integer kernel (Paddle 2.6.2: the int32 loss its `*` cast makes).
  if (!d.floating && d.name !== 'bool' && paddleReleaseBefore('3.0.0')) throw kernelNotRegistered('mean_grad', dout.dtype, 'float64, complex128, float32, complex64, bool');
  const out = d.allocate(x.size);
  const each = d.floating ? d.round(dout.at(0) / x.size) : Math.trunc(dout.at(0) / x.size);
  for (let k = 0; k < x.size; k++) d.set(out, k, each);
  return new Tensor(dout.dtype, x.shape, out);
}

/** The steps of float32's row loop of mean where a NaN value survives a NaN sum (sum.ts's ROW_VALUE_FIRST_32 less 5). */
const MEAN_ROW_VALUE_FIRST_32: ReadonlySet<number> = new Set([0, 1, 4, 6]);

/** x.mean(axis=-1) on the tape: the row means, shape x.shape without its last dimension. */
export function meanAlongLastAxis(tape: Tape, x: Var): Var {
  const rank = x.value.shape.length;
  if (rank <= 1) return mean(tape, x);
  requireKernel('mean', x.value.dtype);
  checkReducible(x.value.size, 'mean', 'mean');
  const d = dtypeOf(x.value.dtype);
  const m = x.value.shape[rank - 1]!;
  const shape = x.value.shape.slice(0, -1);
  const sums = sumRows(x.value, m, d, paddleReleaseIs('3.0.0') ? undefined : MEAN_ROW_VALUE_FIRST_32);
  const out = d.allocate(sums.length);
  for (let r = 0; r < sums.length; r++) {
    const s = d.get(sums, r);
    d.set(out, r, m === 0 ? meanOfEmpty('mean') : d.floating ? (s !== s ? s : d.round(s / m)) : Math.trunc(s / m));
  }
  return tape.record(new Tensor(x.value.dtype, shape, out), [x], (dout) => [rowGradient(x.value, dout, m)]);
}

/** Every element gets its row's dout / m, one division rounded in the dtype. */
function rowGradient(x: Tensor, dout: Tensor, m: number): Tensor {
  const d = dtypeOf(dout.dtype);
  const out = d.allocate(x.size);
  for (let k = 0; k < x.size; k++) {
    const g = dout.at(Math.floor(k / m));
    d.set(out, k, d.floating ? (g !== g ? g : d.round(g / m)) : Math.trunc(g / m));
  }
  return new Tensor(dout.dtype, x.shape, out);
}
