/**
 * Paddle's `mean_all` kernel (`_C_ops.mean_all`): the mean of every element
 * as a 0-D tensor, and its backward.
 *
 * Forward: Eigen's mean (reduction.ts: its summation order and NaN order);
 * Rule `mean-all-of-empty-is-nan`: an empty tensor gives +NaN (0x7fc00000)
 * since Paddle 3.1.0; before, it divides 0 by 0, x86's 0xffc00000 (Paddle
 * 2.6.2 and 3.0.0: l1_loss of [0] operands; reduction.ts, meanOfEmpty). Rule `mean-all-no-integer-kernel`:
 * registered for float32, float64 and bfloat16 only, so an integer tensor
 * raises RuntimeError (NotFound), although paddle.mean (`mean`) has integer
 * kernels (Paddle 3.3.1: l1_loss of int32 operands with reduction 'mean').
 *
 * Backward. Rule `mean-all-grad-divides-by-count`: every element gets
 * dout / n, the count rounded to the dtype first (Paddle 3.3.1: n = 3,
 * dout 1 gives 0x3eaaaaab in float32).
 */
import { dtypeOf } from '../dtype.js';
import { eigenMean, meanOfEmpty } from '../reduction.js';
import { Tensor } from '../tensor.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** mean(x) over every element, on the tape. */
export function meanAll(tape: Tape, x: Var): Var {
  requireKernel('mean_all', x.value.dtype);
  const d = dtypeOf(x.value.dtype);
  const out = d.allocate(1);
  d.set(out, 0, x.value.size === 0 ? meanOfEmpty('mean_all') : eigenMean(x.value.data, d));
  return tape.record(new Tensor(x.value.dtype, [], out), [x], (dout) => [gradient(x.value, dout)]);
}

function gradient(x: Tensor, dout: Tensor): Tensor {
  const d = dtypeOf(dout.dtype);
  const out = d.allocate(x.size);
  const each = d.round(dout.at(0) / d.round(x.size));
  for (let k = 0; k < x.size; k++) d.set(out, k, each);
  return new Tensor(dout.dtype, x.shape, out);
}
