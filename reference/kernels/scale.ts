/**
 * Paddle's `scale` kernel (`paddle.scale(x, scale, bias)` with
 * bias_after_scale, `_C_ops.scale`) and its backward. It is the primitive
 * behind a tensor meeting a Python scalar: `-t` (Tensor.__neg__) is
 * scale(t, -1, 0), `t + c` and `c + t` scale(t, 1, c), `t - c` scale(t, 1, -c),
 * `c - t` scale(t, -1, c) (Paddle's eager operator patch calls scale for a
 * scalar operand). Registered on CPU for every dtype this reference holds,
 * bool and the 16-bit floats included (Paddle 3.3.1: -T([True]) is True).
 *
 * Forward: x · scale, rounded, then + bias, rounded, in the tensor's dtype
 * (Eigen's `x * scale + bias`, two operations on Paddle's AVX build without
 * FMA); a NaN x comes out as it is, sign kept, and where x and the bias are
 * both NaN, x's survives (x86's first operand). Rule `scale-adds-zero-bias`:
 * the bias is added even when it is 0, so a zero result is +0: -t of +0 and
 * of -0 are both +0, never -0 (Paddle 3.3.1: -T([0.0, -0.0]) is [0x0, 0x0],
 * so soft_margin_loss's input gradient at a label of 0 is +0).
 *
 * Rule `scale-attributes-in-dtype`: scale and bias are rounded to the
 * tensor's dtype (a C++ `Scalar::to<T>()`), so a Python float meeting a
 * float32 tensor is rounded to float32 first (Paddle 3.3.1: margin 1e39 in
 * hinge_embedding_loss is inf for float32 input; margin 0.1 against x =
 * 0x3dcccccc gives 2^-27); before Paddle 3.0.0 they were float32
 * attributes, so a float64 tensor got them rounded to float32 first (Paddle
 * 2.6.2: `cos - 0.1` in cosine_embedding_loss, `margin - input` in
 * hinge_embedding_loss: x = 0.1, margin 0.1 gives 1.4901161138336505e-9).
 * Only the bias was: the factor was already a phi Scalar holding the double
 * (Paddle 2.6.2: float64 `0.1 * x` at x = 1 is 0.1, `x + 0.1` is 1 +
 * 0.10000000149011612; poisson_nll_loss's `2 * math.pi * label` keeps 2π).
 * Integer tensors compute in the integer dtype and wrap (-(-2^31) is -2^31
 * in int32); bool computes in C++ bool arithmetic.
 *
 * Backward (scale_grad): scale(dout, scale, 0). Rule `scale-grad-adds-zero`:
 * that + 0 turns a -0 gradient into +0 (Paddle 3.3.1: soft_margin_loss with
 * upstream [-0, -0] at input [0.5, -0.5], label 1, gives input's gradient
 * [-0, -0], where a backward without it gives [+0, +0]); a NaN dout keeps
 * its sign through the product.
 */
import { dtypeOf, type DType, type DTypeName } from '../dtype.js';
import { paddleReleaseBefore } from '../release.js';
import { Tensor } from '../tensor.js';
import { addKeepingFirstNaN, mulKeepingFirstNaN } from '../x86_nan.js';
import { integerDifference, integerProduct, isWrappingInteger } from './integer.js';
import { cast } from './cast.js';
import type { Tape, Var } from './tape.js';

/** paddle.scale(x, scale, bias) with the bias added after scaling, on the tape. */
export function scale(tape: Tape, x: Var, factor: number, bias: number): Var {
  const out = scaled(x.value, factor, bias);
  return tape.record(out, [x], (dout) => [scaled(dout, factor, 0)]);
}

/**
 * A tensor meeting a Python float (`x + c`, `c * x`): scale(x, factor, bias), an integer or bool tensor cast to
 * float32 first (the eager operator patch; Paddle 3.3.1: bool False + 1e-8 is float32 1e-8, int32 2 * math.pi
 * float32; cosine_embedding_loss's `+ 10e-12` likewise).
 */
export function scaleByFloat(tape: Tape, x: Var, factor: number, bias: number): Var {
  return scale(tape, dtypeOf(x.value.dtype).floating ? x : cast(tape, x, 'float32'), factor, bias);
}

/** x · s + b element by element in x's dtype, the attributes as the kernel receives them. */
function scaled(x: Tensor, factor: number, bias: number): Tensor {
  const dtype = x.dtype;
  const d = dtypeOf(dtype);
  const s = attribute(factor, d, false);
  const b = attribute(bias, d, paddleReleaseBefore('3.0.0'));
  const out = d.allocate(x.size);
  for (let k = 0; k < x.size; k++) d.set(out, k, scaleOne(x.at(k), s, b, dtype, d));
  return new Tensor(dtype, x.shape, out);
}

/** One element: integers wrap, bool is C++ bool arithmetic, floats round after each operation. */
function scaleOne(v: number, s: number, b: number, dtype: DTypeName, d: DType): number {
  if (isWrappingInteger(dtype)) return integerDifference(integerProduct(v, s, dtype), -b, dtype);
  if (dtype === 'bool') return (v !== 0 && s !== 0) || b !== 0 ? 1 : 0;
  return addKeepingFirstNaN(mulKeepingFirstNaN(v, s, d), b, d);
}

/** A scale or bias attribute in the tensor's dtype; rounded to float32 first where it is a float attribute (the bias before Paddle 3.0.0). */
function attribute(value: number, d: DType, float32Attribute: boolean): number {
  if (!d.floating) return d.round(value);
  return d.round(float32Attribute ? Math.fround(value) : value);
}
