/**
 * Paddle's `subtract` kernel (`_C_ops.subtract`, `paddle.subtract`): x − y
 * with broadcasting and type promotion, and its backward.
 *
 * Forward: where an operand is NaN the result is the first NaN operand
 * itself, sign and payload kept, as x86's subss/subsd give it (Paddle 3.3.1:
 * 1 − (−NaN) = −NaN, 0xffc00000). Rule `subtract-no-float16-or-bool-kernel`:
 * registered for the dtypes of registration.ts, not float16 or bool
 * (RuntimeError NotFound). Rule `subtract-broadcasts`: the operands need only
 * broadcast; the result has the broadcast shape (before Paddle 3.0.0 by
 * Paddle 2.6's rule for zero-size dimensions, legacy_broadcast.ts: [0] − [1]
 * raises RuntimeError in 2.6.2).
 *
 * Backward. Rule `subtract-grad-negates`: x gets the upstream gradient; y gets it negated. Where y's
 * gradient is passed on element by element the negation flips a NaN's sign
 * and turns +0 into −0 (l1_loss with input = label gives label's gradient
 * −0, 0x80000000); where a broadcast y's contributions are summed down, the
 * sum is scaled by −1, which keeps a NaN's sign (Paddle 3.3.1: a [2, 3]
 * input minus a [3] label, contributions +NaN and −NaN in one column, gives
 * label's gradient +NaN). The paths are broadcast_grad.ts's.
 */
import { elementwiseShape } from '../legacy_broadcast.js';
import { dtypeOf, type DType, type Storage } from '../dtype.js';
import { paddleReleaseBefore } from '../release.js';
import { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { negate } from '../x86_nan.js';
import { operandGradients } from './broadcast_grad.js';
import { castGradient, promote } from './promotion.js';
import { integerDifference, isWrappingInteger } from './integer.js';
import { requireKernel } from './registration.js';
import { elementPairs } from './elementwise.js';
import type { Tape, Var } from './tape.js';

/** x − y on the tape. */
export function subtract(tape: Tape, x: Var, y: Var): Var {
  const dtype = promote(x.value, y.value);
  requireKernel('subtract', dtype);
  const shape = elementwiseShape(x.value.shape, y.value.shape);
  const d = dtypeOf(dtype);
  const out = elementPairs(x.value, y.value, dtype, shape, (a, b) => isWrappingInteger(dtype) ? integerDifference(a, b, dtype) : difference(a, b, d));
  return tape.record(new Tensor(dtype, shape, out), [x, y], (dout) => gradients(x.value, y.value, dout));
}

/**
 * `x - y` between tensors, the eager operator. Rule `subtract-operator-legacy-cast`: before Paddle 3.0.0
 * the operator (eager_math_op_patch.cc) cast the right operand to the left's dtype where the dtypes differ and are
 * not both floats, so float32 - int32 is float32 (Paddle 2.6.2: [2, -1] - [3, 1] gives [-1, -2]) and int32 -
 * float32 int32; two floats promote as subtract does. From 3.0.0 it is subtract.
 */
export function subtractOperator(tape: Tape, x: Var, y: Var): Var {
  const [dx, dy] = [dtypeOf(x.value.dtype), dtypeOf(y.value.dtype)];
  if (!paddleReleaseBefore('3.0.0') || x.value.dtype === y.value.dtype || (dx.floating && dy.floating)) return subtract(tape, x, y);
  return subtract(tape, x, cast(tape, y, x.value.dtype));
}

/** a − b rounded in the dtype; when either is NaN, the first NaN operand itself. */
function difference(a: number, b: number, d: DType): number {
  if (a !== a) return a;
  if (b !== b) return b;
  return d.round(a - b);
}

function gradients(x: Tensor, y: Tensor, dout: Tensor): [Tensor, Tensor] {
  const d = dtypeOf(dout.dtype);
  const flipped = storage(dout, d, (v) => -v);
  const scaled = storage(dout, d, negate);
  const { dx, dy } = operandGradients(x.shape, y.shape, dout.shape, dout.data, flipped, d, scaled);
  return [castGradient(new Tensor(dout.dtype, x.shape, dx!), x.dtype), castGradient(new Tensor(dout.dtype, y.shape, dy!), y.dtype)];
}


function storage(t: Tensor, d: DType, f: (v: number) => number): Storage {
  const out = d.allocate(t.size);
  for (let k = 0; k < t.size; k++) d.set(out, k, f(t.at(k)));
  return out;
}
