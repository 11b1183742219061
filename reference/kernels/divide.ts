/**
 * Paddle's `divide` kernel (`_C_ops.divide`, `x / y` of two tensors) with
 * broadcasting and type promotion, and its backward.
 *
 * Forward: x / y rounded once in the promoted dtype (promotion.ts); where an
 * operand is NaN the result is the first NaN operand itself, as x86's divss
 * and divsd give it, and 0/0 or inf/inf gives x86's default NaN, sign bit set
 * (Paddle 3.3.1: +NaN / −NaN is 0x7fc00000, 0/0 is 0xffc00000). Registered
 * for the dtypes of registration.ts (the shapes broadcast as add's do, by
 * Paddle 2.6's rule before 3.0.0: [0] / [1] raises RuntimeError in 2.6.2), not float16 or bfloat16 (RuntimeError
 * NotFound). Eager
 * Paddle 3.3.1 divides int32 operands in float32 (7 / 2 = 3.5) and bool
 * operands as bool; this reference reproduces neither and refuses them.
 *
 * Backward (phi's DivGradDX and DivGradDY): x gets dout / y, y gets
 * (−dout · out) / y, each step rounded, the negation a sign flip that flips
 * a NaN's sign too; a broadcast operand's contributions are summed as
 * broadcast_grad.ts says, and a promoted operand's gradient is cast back.
 */
import { broadcastIndex } from '../broadcast.js';
import { elementwiseShape } from '../legacy_broadcast.js';
import { dtypeOf, type DType, type Storage } from '../dtype.js';
import { Tensor } from '../tensor.js';
import { divKeepingFirstNaN, flipSign, mulKeepingFirstNaN } from '../x86_nan.js';
import { paddleReleaseBefore } from '../release.js';
import { operandGradients } from './broadcast_grad.js';
import { cast } from './cast.js';
import { castGradient, promote } from './promotion.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/**
 * The `x / y` operator of two tensors. Rule `divide-operator-casts-before-3-0-0`: since Paddle
 * 3.0.0 it is divide, promoting; before, two different float dtypes made the operator cast y to
 * x's dtype first (Paddle 2.6.2: a float32 [1.5625] / a float64 [0.75] is float32 2.0833333,
 * where paddle.divide of the two raises ValueError).
 */
export function divideOperator(tape: Tape, x: Var, y: Var): Var {
  if (!paddleReleaseBefore('3.0.0') || x.value.dtype === y.value.dtype) return divide(tape, x, y);
  return divide(tape, x, cast(tape, y, x.value.dtype));
}

/** x / y on the tape. */
export function divide(tape: Tape, x: Var, y: Var): Var {
  const dtype = promote(x.value, y.value);
  requireKernel('divide', dtype);
  const d = dtypeOf(dtype);
  if (!d.floating) throw new Error(`divide of ${dtype} operands is not reproduced by this reference`);
  const shape = elementwiseShape(x.value.shape, y.value.shape);
  const xAt = broadcastIndex(x.value.shape, shape);
  const yAt = broadcastIndex(y.value.shape, shape);
  const xs = d.allocate(xAt.length);
  const ys = d.allocate(xAt.length);
  const out = d.allocate(xAt.length);
  for (let k = 0; k < xAt.length; k++) {
    d.set(xs, k, d.round(x.value.at(xAt[k]!)));
    d.set(ys, k, d.round(y.value.at(yAt[k]!)));
    d.set(out, k, quotient(d.get(xs, k), d.get(ys, k), d));
  }
  const result = new Tensor(dtype, shape, out);
  return tape.record(result, [x, y], (dout) => gradients(x.value, y.value, ys, result, dout));
}

/** x86's default NaN, sign bit set: what 0/0 and inf/inf give. */
const X86_DEFAULT_NAN = new Float64Array(new BigUint64Array([0xfff8000000000000n]).buffer)[0]!;

/** a / b as divss/divsd give it: the first NaN operand, else the default NaN for an invalid quotient, else the rounded quotient. */
function quotient(a: number, b: number, d: DType): number {
  const q = divKeepingFirstNaN(a, b, d);
  return q !== q && a === a && b === b ? X86_DEFAULT_NAN : q;
}


function gradients(x: Tensor, y: Tensor, ys: Storage, out: Tensor, dout: Tensor): [Tensor, Tensor] {
  const d = dtypeOf(dout.dtype);
  const n = dout.size;
  const dxValues = d.allocate(n);
  const dyValues = d.allocate(n);
  for (let k = 0; k < n; k++) {
    const g = dout.at(k);
    const b = d.get(ys, k);
    d.set(dxValues, k, quotient(g, b, d));
    d.set(dyValues, k, quotient(mulKeepingFirstNaN(flipSign(g), out.at(k), d), b, d));
  }
  const { dx, dy } = operandGradients(x.shape, y.shape, dout.shape, dxValues, dyValues, d);
  return [castGradient(new Tensor(dout.dtype, x.shape, dx!), x.dtype), castGradient(new Tensor(dout.dtype, y.shape, dy!), y.dtype)];
}
