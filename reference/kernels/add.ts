/**
 * Paddle's `add` kernel (`_C_ops.add`, `paddle.add`): x + y with
 * broadcasting and type promotion, and its backward.
 *
 * Forward: each sum rounded once in the promoted dtype (promotion.ts); where
 * an operand is NaN the result is the first NaN operand, as x86's
 * addss/addsd give it; an integer sum wraps (integer.ts). The operands need
 * only broadcast (before Paddle 3.0.0 by Paddle 2.6's rule for zero-size
 * dimensions, legacy_broadcast.ts: margin_ranking_loss's [0] product plus
 * its [1] margin raises RuntimeError in 2.6.2). Rule
 * `add-no-float16-or-bfloat16-kernel`: registered for the dtypes of
 * registration.ts, not float16 or bfloat16 (RuntimeError NotFound; Paddle
 * 3.3.1: margin_ranking_loss of bfloat16 operands with margin 0.5 fails in
 * add, after subtract and multiply ran).
 *
 * Backward: each operand gets the upstream gradient as it is, summed back to
 * a broadcast operand's shape (broadcast_grad.ts) and cast back to the
 * operand's own dtype.
 */
import { dtypeOf, type DType } from '../dtype.js';
import { elementwiseShape } from '../legacy_broadcast.js';
import { kernelNotRegistered } from '../errors.js';
import { paddleReleaseBefore } from '../release.js';
import { Tensor } from '../tensor.js';
import { addKeepingFirstNaN } from '../x86_nan.js';
import { operandGradients } from './broadcast_grad.js';
import { integerSum, isWrappingInteger } from './integer.js';
import { castGradient, promote } from './promotion.js';
import { requireKernel } from './registration.js';
import { elementPairs } from './elementwise.js';
import type { Tape, Var } from './tape.js';

/** x + y on the tape. */
export function add(tape: Tape, x: Var, y: Var): Var {
  const dtype = promote(x.value, y.value);
  // Before Paddle 3.0.0 add had no bool kernel either (Paddle 2.6.2 lists int32, int64, int16, float64, complex128, float32, complex64).
  if (dtype === 'bool' && paddleReleaseBefore('3.0.0')) throw kernelNotRegistered('add', dtype, 'int32, int64, int16, float64, complex128, float32, complex64');
  requireKernel('add', dtype);
  const shape = elementwiseShape(x.value.shape, y.value.shape);
  const d = dtypeOf(dtype);
  const out = elementPairs(x.value, y.value, dtype, shape, (a, b) => sum(a, b, d));
  return tape.record(new Tensor(dtype, shape, out), [x, y], (dout) => {
    const { dx, dy } = operandGradients(x.value.shape, y.value.shape, shape, x.needsGrad ? dout.data : null, y.needsGrad ? dout.data : null, d);
    return [dx && castGradient(new Tensor(dtype, x.value.shape, dx), x.value.dtype), dy && castGradient(new Tensor(dtype, y.value.shape, dy), y.value.dtype)];
  });
}

/** a + b in the dtype: wrapped for integers, else rounded once with the first NaN operand kept. */
function sum(a: number, b: number, d: DType): number {
  return isWrappingInteger(d.name) ? integerSum(a, b, d.name) : addKeepingFirstNaN(a, b, d);
}
