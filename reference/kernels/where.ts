/**
 * `paddle.where(condition, x, y)` (python/paddle/tensor/search.py) and its
 * backward: the operands broadcast to one shape in Python, then Paddle's
 * `where` kernel picks x where the condition holds and y elsewhere.
 *
 * Rule `where-broadcasts`: condition, x and y need only broadcast against
 * each other (ValueError, Broadcast dimension mismatch, otherwise); the
 * result has the broadcast shape, so a 0-D x against a [1] y gives [1].
 * Since Paddle 3.0.0 each operand of another shape goes through
 * `broadcast_to`. Before, it broadcast by adding zeros (zeros_like of x and
 * y added, then the condition's, then that added to each operand) unless
 * all three shapes were equal, so every `add` applied Paddle 2.6's shape rule
 * (legacy_broadcast.ts): a zero-size operand raises RuntimeError
 * (PreconditionNotMet), [0, 0] operands the broadcast ValueError, and the
 * operands are added to +0 on the way (Paddle 2.6.2: hinge_embedding_loss of
 * [0] operands raises RuntimeError).
 *
 * Rule `where-no-float16-kernel`: the CPU kernel is registered for int32,
 * int64, float32, float64 and bool, not float16 or bfloat16 (RuntimeError
 * NotFound, after the shapes are checked; Paddle 3.3.1). x and y of other
 * dtypes are promoted first (promotion.ts: a float x with an integer or bool
 * y is a TypeError). Before Paddle 3.0.0 the first `add` ran before any shape
 * check and had no float16, bfloat16 or bool kernel, nor any promotion (x's
 * kernel refused y's data: ValueError); the where kernel itself, reached
 * directly only when the shapes are equal, had no bool kernel (Paddle 2.6.2).
 *
 * Backward. Rule `where-grad-zero-where-unselected`: x gets the upstream
 * gradient where the condition holds and +0 elsewhere, y the rest, whatever
 * the upstream is (Paddle 3.3.1: upstream NaN, inf or -0 at an unselected
 * position gives +0). Before Paddle 3.1.0 each got the upstream times its
 * 0/1 mask, so an unselected NaN upstream stays NaN (sign kept), ±inf gives
 * x86's default NaN (0xffc00000) and -0 stays -0 (2.6.2 and 3.0.0: x's
 * gradient under condition [False, True, False] and upstream [+NaN, -NaN,
 * inf] is [0x7fc00000, 0xffc00000, 0xffc00000]).
 *
 * Rule `where-broadcast-grad-column-major`: a
 * broadcast operand's gradient is `broadcast_to`'s backward, the sum of its
 * contributions taken one at a time in column-major order over the
 * broadcast shape (its first dimension fastest), from +0 (Paddle 3.3.1: x
 * [1, 1] against a condition of shape [2, 3], contributions
 * [[0, a, b], [0, a, b]] with a = 0x3ee5dbae and b = 0x3fb1c8a6, gives
 * 0 + 0 + a + a + b + b = 0x406b3f91, where row-major order gives
 * 0x406b3f92; broadcast_to of a 0-D x to [1] with upstream [-0] gives x +0,
 * and [1] to [2] with upstream [+NaN, -NaN] gives +NaN; found by fuzzing,
 * and matched random float32
 * contributions for [1, 1, 1], [1, 3, 1], [1, 1, 4], [3, 1] and [4] against
 * [2, 3, 4], and [1] and [1, 1] against [5, 7] and [7, 9]). Before Paddle
 * 3.0.0 it is `add`'s backward: row-major from +0 (broadcast_grad.ts;
 * Paddle 2.6.2 gives 0x406b3f92 there).
 */
import { broadcastIndex, broadcastShapes, sameShape } from '../broadcast.js';
import { dtypeOf, type DType, type DTypeName, type Storage } from '../dtype.js';
import { kernelNotRegistered } from '../errors.js';
import { legacyBroadcastShape } from '../legacy_broadcast.js';
import { paddleReleaseBefore } from '../release.js';
import { numel, Tensor } from '../tensor.js';
import { addKeepingFirstNaN } from '../x86_nan.js';
import { operandGradients } from './broadcast_grad.js';
import { castGradient, promote } from './promotion.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** paddle.where(condition, x, y) on the tape; condition is a bool tensor and gets no gradient. */
export function where(tape: Tape, condition: Var, x: Var, y: Var): Var {
  const legacy = paddleReleaseBefore('3.0.0');
  const shape = legacy ? legacyShape(condition.value, x.value, y.value) : broadcastShapes(broadcastShapes(x.value.shape, y.value.shape), condition.value.shape);
  const dtype = promote({ dtype: x.value.dtype, shape }, { dtype: y.value.dtype, shape });
  if (legacy) requireLegacyWhere(dtype);
  else requireKernel('where', dtype);
  const d = dtypeOf(dtype);
  const [c, a, b] = [condition, x, y].map((v) => broadcastIndex(v.value.shape, shape)) as [Int32Array, Int32Array, Int32Array];
  // Before 3.0.0 operands of different shapes reached the kernel as x + zeros, which makes a -0 +0.
  const viaAdds = legacy && !(sameShape(x.value.shape, y.value.shape) && sameShape(condition.value.shape, x.value.shape));
  const passed = (v: number): number => (viaAdds ? addKeepingFirstNaN(v, 0, d) : v);
  const out = d.allocate(c.length);
  for (let k = 0; k < c.length; k++) {
    d.set(out, k, passed(condition.value.at(c[k]!) ? d.round(x.value.at(a[k]!)) : d.round(y.value.at(b[k]!))));
  }
  return tape.record(new Tensor(dtype, shape, out), [condition, x, y], (dout) => {
    const picks = (wanted: boolean): Storage => selected(dout, condition.value, c, wanted, d);
    return [null, operandGradient(x.value, picks(true), shape, d), operandGradient(y.value, picks(false), shape, d)];
  });
}

/** The upstream gradient where the condition is `wanted`, +0 elsewhere (rule `where-grad-zero-where-unselected`), at the broadcast shape. */
function selected(dout: Tensor, condition: Tensor, at: Int32Array, wanted: boolean, d: DType): Storage {
  const out = d.allocate(dout.size);
  const masked = paddleReleaseBefore('3.1.0');
  for (let k = 0; k < dout.size; k++) {
    const picked = Boolean(condition.at(at[k]!)) === wanted;
    d.set(out, k, picked ? dout.at(k) : masked ? timesZero(dout.at(k), d) : 0);
  }
  return out;
}

/** v · 0 as x86's mulss/mulsd gives it: a NaN kept, ±inf the default NaN, a sign kept on a zero. */
function timesZero(v: number, d: DType): number {
  if (v !== v) return v;
  return Number.isFinite(v) ? d.round(v * 0) : X86_DEFAULT_NAN;
}

/** x86's default NaN, sign bit set: what an invalid operation such as inf · 0 gives. */
const X86_DEFAULT_NAN = new Float64Array(new BigUint64Array([0xfff8000000000000n]).buffer)[0]!;

/** An operand's gradient from its broadcast-shaped contributions, summed back to its shape and cast to its dtype. */
function operandGradient(operand: Tensor, contributions: Storage, shape: readonly number[], d: DType): Tensor {
  let summed: Storage;
  if (sameShape(operand.shape, shape)) summed = contributions;
  // Before 3.0.0: add's backward against the broadcast zeros, which take no gradient.
  else if (paddleReleaseBefore('3.0.0')) summed = operandGradients(operand.shape, shape, shape, contributions, null, d).dx!;
  else summed = sumColumnMajor(operand.shape, shape, contributions, d);
  return castGradient(new Tensor(d.name, operand.shape, summed), operand.dtype);
}

/** broadcast_to's backward (rule `where-broadcast-grad-column-major`): each element's contributions added to +0 in column-major order. */
function sumColumnMajor(operandShape: readonly number[], shape: readonly number[], contributions: Storage, d: DType): Storage {
  const out = d.allocate(numel(operandShape));
  const at = broadcastIndex(operandShape, shape);
  for (const k of columnMajorOrder(shape)) d.set(out, at[k]!, addKeepingFirstNaN(d.get(out, at[k]!), d.get(contributions, k), d));
  return out;
}

/** The row-major indices of a shape's elements in column-major order: the first dimension varies fastest. */
function columnMajorOrder(shape: readonly number[]): Int32Array {
  const n = numel(shape);
  const order = new Int32Array(n);
  const index = shape.map(() => 0);
  const strides = shape.map((_, i) => numel(shape.slice(i + 1)));
  for (let j = 0; j < n; j++) {
    order[j] = index.reduce((at, v, i) => at + v * strides[i]!, 0);
    for (let i = 0; i < shape.length; i++) {
      if (++index[i]! < shape[i]!) break;
      index[i] = 0;
    }
  }
  return order;
}

/**
 * The broadcast shape before Paddle 3.0.0 (rule `where-broadcasts`), or the
 * error of the first `add` of zeros that refuses the operands: its kernel,
 * x's dtype against y's (no promotion but between floats), then the shapes.
 */
function legacyShape(condition: Tensor, x: Tensor, y: Tensor): number[] {
  if (sameShape(x.shape, y.shape) && sameShape(condition.shape, x.shape)) return [...x.shape];
  if (!LEGACY_ADD_DTYPES.split(', ').includes(x.dtype)) throw kernelNotRegistered('add', x.dtype, LEGACY_ADD_DTYPES);
  promote(x, y);
  const zeros = legacyBroadcastShape(legacyBroadcastShape(x.shape, y.shape), condition.shape);
  for (const operand of [x.shape, y.shape, condition.shape]) legacyBroadcastShape(operand, zeros);
  return zeros;
}

/** Rule `where-no-float16-kernel` before Paddle 3.0.0: the where kernel's own registration. */
function requireLegacyWhere(dtype: DTypeName): void {
  if (!LEGACY_WHERE_DTYPES.split(', ').includes(dtype)) throw kernelNotRegistered('where', dtype, LEGACY_WHERE_DTYPES);
}

/** The dtypes of Paddle 2.6.2's CPU add kernel, in its message's order. */
const LEGACY_ADD_DTYPES = 'int32, int64, int16, float64, complex128, float32, complex64';

/** The dtypes of Paddle 2.6.2's CPU where kernel, in its message's order. */
const LEGACY_WHERE_DTYPES = 'int32, int64, float64, float32';
