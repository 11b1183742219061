/**
 * Paddle's `multiply` kernel (`_C_ops.multiply`, `paddle.multiply`): x · y
 * with broadcasting and type promotion, and its backward.
 *
 * Forward: each product rounded once in the promoted dtype (promotion.ts);
 * where an operand is NaN the result is the first NaN operand, as x86's
 * mulss/mulsd give it; an integer product wraps (integer.ts). Registered for
 * the dtypes of registration.ts: not float16 (RuntimeError NotFound). Rule
 * `multiply-broadcasts`: the operands need only broadcast; the result has
 * the broadcast shape (Paddle 3.3.1: margin_ranking_loss's (other − input)
 * of shape [3, 4] times a label [4]). Before Paddle 3.0.0 shape inference
 * followed Paddle 2.6's rule for zero-size dimensions (legacy_broadcast.ts).
 *
 * Backward (phi's MulGradDX and MulGradDY): x gets dout · y and y gets
 * dout · x, each product rounded once with the upstream's NaN first, then
 * summed back to a broadcast operand's shape (broadcast_grad.ts) and cast
 * back to the operand's own dtype. Rule `multiply-grad-is-upstream-times-other`:
 * the product is taken even where the upstream is 0, so a zero upstream
 * meets an infinite or NaN operand as 0 · inf = NaN (Paddle 3.3.1:
 * margin_ranking_loss of input [3, 1], other [1, 2], label [inf, 1], margin
 * 0.5, 'sum', whose first loss is 0, gives other's gradient [NaN, 1]),
 * where a port that skips zero upstream gradients gives 0.
 */
import { broadcastIndex } from '../broadcast.js';
import { dtypeOf, type DType, type DTypeName, type Storage } from '../dtype.js';
import { PaddleTypeError, PaddleValueError } from '../errors.js';
import { paddleReleaseBefore, paddleReleaseIs } from '../release.js';
import { cast } from './cast.js';
import { elementwiseShape } from '../legacy_broadcast.js';
import { Tensor } from '../tensor.js';
import { mulKeepingFirstNaN } from '../x86_nan.js';
import { operandGradients } from './broadcast_grad.js';
import { integerProduct, isWrappingInteger } from './integer.js';
import { castGradient, promote } from './promotion.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** x · y on the tape. */
export function multiply(tape: Tape, x: Var, y: Var): Var {
  const dtype = promote(x.value, y.value);
  requireKernel('multiply', dtype);
  const shape = elementwiseShape(x.value.shape, y.value.shape);
  const d = dtypeOf(dtype);
  // The operands as the promotion's casts leave them, in the output's shape.
  const xs = expanded(x.value, shape, d);
  const ys = expanded(y.value, shape, d);
  const out = d.allocate(xs.length);
  const yFirst = broadcastKeepsYNaN(x.value.shape, y.value.shape);
  for (let k = 0; k < xs.length; k++) d.set(out, k, yFirst ? product(d.get(ys, k), d.get(xs, k), d) : product(d.get(xs, k), d.get(ys, k), d));
  return tape.record(new Tensor(dtype, shape, out), [x, y], (dout) => {
    checkGradientDtype(dout, dtype);
    const dx = x.needsGrad ? products(dout, ys, d) : null;
    const dy = y.needsGrad ? products(dout, xs, d) : null;
    const summed = operandGradients(x.value.shape, y.value.shape, shape, dx, dy, d);
    return [gradientOf(x, summed.dx, dtype), gradientOf(y, summed.dy, dtype)];
  });
}

/**
 * Rule `multiply-broadcast-keeps-y-nan`: where both operands are NaN, equal shapes keep x's NaN, but the broadcast
 * kernel keeps y's (Paddle 3.3.1 and 3.1.0: −NaN [4, 4] times +NaN [4, 1], [1, 4] or [4], and −NaN [4, 1] times
 * +NaN [4, 4], all give +NaN; [4, 4] by [4, 4] gives −NaN). Before Paddle 3.1.0 only when y has the lower rank or
 * alone has a last dimension of 1 (2.6.2 and 3.0.0: [4, 4] by [4, 1] or [4] gives y's, by [1, 4] x's, [4, 1] by [4, 4] x's).
 */
function broadcastKeepsYNaN(xs: readonly number[], ys: readonly number[]): boolean {
  if (xs.length === ys.length && xs.every((v, i) => v === ys[i])) return false;
  if (!paddleReleaseBefore('3.1.0')) return true;
  return ys.length < xs.length || (ys.length === xs.length && ys[ys.length - 1] === 1 && xs[xs.length - 1]! > 1);
}

/**
 * Rule `exp-of-integers-in-float32`: before Paddle 3.3.0 the engine passed
 * a float gradient to an integer product as it was (exp's at its autocast
 * input, tape.ts), and MulGrad read it as the product's dtype: ValueError
 * (Paddle 3.2.2: soft_margin_loss of int32 input, with input's gradient).
 */
function checkGradientDtype(dout: Tensor, dtype: DTypeName): void {
  const codes: Partial<Record<DTypeName, number>> = { int32: 7, int64: 9 };
  if (dout.dtype !== 'float32' || codes[dtype] === undefined) return;
  throw new PaddleValueError(
    `(InvalidArgument) The type of data we are trying to retrieve (float32) does not match the type of data (${dtype}) currently contained in the container.` +
      `\n  [Hint: Expected dtype() == phi::CppTypeToDataType<T>::Type(), but received dtype():${codes[dtype]} != phi::CppTypeToDataType<T>::Type():10.]`,
  );
}

/**
 * Python's `x * y` of two tensors (Tensor.__mul__): multiply. Rule
 * `multiply-no-float16-kernel`: float16 has no CPU multiply kernel
 * (RuntimeError NotFound), and in Paddle 3.1.0 alone the operator turns that
 * failure, and a broadcast's ValueError, into Python's TypeError (unsupported operand type(s) for *:
 * 'Tensor' and 'Tensor'; Paddle 3.1.0, where paddle.multiply still raises
 * the RuntimeError and 3.1.1 raises it from `*` too).
 *
 * Rule `multiply-operator-casts-other-before-3-0-0`: before Paddle 3.0.0 the
 * eager `*` cast a right operand of another dtype to the left's unless both
 * were floats (eager_math_op_patch.cc), where paddle.multiply raised: an
 * int32 label times a float32 tensor is an int32 product of the truncated
 * floats, a float32 tensor times an int32 or bool weight a float32 product
 * (Paddle 2.6.2, multi_label_soft_margin_loss).
 */
export function multiplyOperator(tape: Tape, x: Var, y: Var): Var {
  if (paddleReleaseBefore('3.0.0') && x.value.dtype !== y.value.dtype && !(dtypeOf(x.value.dtype).floating && dtypeOf(y.value.dtype).floating)) {
    return multiply(tape, x, cast(tape, y, x.value.dtype));
  }
  if (!paddleReleaseIs('3.1.0')) return multiply(tape, x, y);
  if (promote(x.value, y.value) === 'float16') throw new PaddleTypeError("unsupported operand type(s) for *: 'Tensor' and 'Tensor'");
  try {
    return multiply(tape, x, y);
  } catch (e) {
    // Shapes that do not broadcast too (Paddle 3.1.0: multi_label_soft_margin_loss's [3, 4] loss times a [3] weight).
    if (e instanceof PaddleValueError) throw new PaddleTypeError("unsupported operand type(s) for *: 'Tensor' and 'Tensor'");
    throw e;
  }
}

/** a · b in the dtype: wrapped for integers, else rounded once with the first NaN operand kept. */
function product(a: number, b: number, d: DType): number {
  return isWrappingInteger(d.name) ? integerProduct(a, b, d.name) : mulKeepingFirstNaN(a, b, d);
}

/** The upstream gradient times the other operand, element by element, the upstream first. */
function products(dout: Tensor, other: Storage, d: DType): Storage {
  const out = d.allocate(dout.size);
  for (let k = 0; k < dout.size; k++) d.set(out, k, product(dout.at(k), d.get(other, k), d));
  return out;
}

/** A tensor's values read at each position of `shape` and rounded to the dtype (the cast promotion inserts). */
function expanded(t: Tensor, shape: readonly number[], d: DType): Storage {
  const at = broadcastIndex(t.shape, shape);
  const out = d.allocate(at.length);
  for (let k = 0; k < at.length; k++) d.set(out, k, d.round(t.at(at[k]!)));
  return out;
}

/** An operand's gradient in its own dtype, or null where it needs none. */
function gradientOf(operand: Var, values: Storage | null, dtype: Tensor['dtype']): Tensor | null {
  return values === null ? null : castGradient(new Tensor(dtype, operand.value.shape, values), operand.value.dtype);
}
