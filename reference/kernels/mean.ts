/**
 * Paddle's `mean` kernel over every axis (`paddle.mean(x)`): a 0-D tensor,
 * and its backward. Unlike `mean_all` it has integer (and bool) kernels.
 *
 * Forward: Eigen's mean for floats (reduction.ts). Rule
 * `mean-of-integers-truncates`: an integer tensor's mean is its exact sum
 * divided by the count, truncated toward zero, in its own dtype (Paddle
 * 3.3.1: [-1, -9, -4] gives -4). An empty tensor: rule
 * `mean-of-empty-is-nan` (reduction.ts).
 *
 * Backward, rule `mean-grad-divides-by-count`: every element gets dout / n,
 * one division rounded in the dtype.
 */
import { dtypeOf } from '../dtype.js';
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
  d.set(out, 0, x.value.size === 0 ? meanOfEmpty('mean') : d.floating ? eigenMean(x.value.data, d) : integerMean(x.value));
  return tape.record(new Tensor(x.value.dtype, [], out), [x], (dout) => [gradient(x.value, dout)]);
}

function integerMean(x: Tensor): number {
  let total = 0;
  for (let k = 0; k < x.size; k++) total += x.at(k);
  return Math.trunc(total / x.size);
}

function gradient(x: Tensor, dout: Tensor): Tensor {
  const d = dtypeOf(dout.dtype);
  const out = d.allocate(x.size);
  const each = d.floating ? d.round(dout.at(0) / x.size) : Math.trunc(dout.at(0) / x.size);
  for (let k = 0; k < x.size; k++) d.set(out, k, each);
  return new Tensor(dout.dtype, x.shape, out);
}
