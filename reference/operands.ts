/**
 * What Paddle's eager mode does with the operands before any arithmetic: the
 * checks that decide which error a bad call raises, in Paddle's order.
 */
import { dtypeOf, type DType } from './dtype.js';
import { kernelNotRegistered, PaddleAttributeError, PaddleTypeError, pythonTypeName } from './errors.js';
import { broadcastShapes } from './broadcast.js';
import { scalarFromString } from './scalar.js';
import { isTensor, type Tensor } from './tensor.js';

/** The validated operands of the loss and the shape its element-wise result has. */
export interface Operands {
  /** The input tensor. */
  readonly input: Tensor;
  /** The label tensor. */
  readonly label: Tensor;
  /** The arithmetic of the input's dtype, in which the loss is computed. */
  readonly dtype: DType;
  /** The input-dtype value of the margin. */
  readonly margin: number;
  /** The shape of the unreduced loss. */
  readonly shape: number[];
}

/**
 * Checks input, label and margin the way eager Paddle trips over them.
 *
 * Paddle runs `zeros([1], dtype=input.dtype)`, then `label == 1.0`, then
 * `where(...)`, then `margin - input` (python/paddle/nn/functional/loss.py), so
 * the first of those steps that fails decides the error.
 */
export function checkOperands(input: unknown, label: unknown, margin: unknown): Operands {
  // `input.dtype` on a non-tensor raises AttributeError (confirmed: a list input).
  if (!isTensor(input)) throw new PaddleAttributeError(`'${pythonTypeName(input)}' object has no attribute 'dtype'`);
  // `label == 1.0` on a non-tensor is a Python bool, and `where` then asks it for `.shape`.
  if (!isTensor(label)) throw new PaddleAttributeError(`'bool' object has no attribute 'shape'`);
  // `where` infers its output shape before it looks up a kernel, so a shape
  // mismatch beats a missing float16 kernel (confirmed against Paddle 3.3.1).
  const shape = lossShape(input.shape, label.shape);
  checkWhereKernel(input);
  const dtype = dtypeOf(input.dtype);
  return { input, label, dtype, margin: marginInDtype(margin, input, dtype), shape };
}

/**
 * Rule `zero-d-none-is-shape-1`: the unreduced loss has the broadcast shape of
 * label, input and `zero_`, a tensor of shape [1]; a 0-D input and label
 * therefore give shape [1], not [] (confirmed against Paddle 3.3.1).
 *
 * Rule `label-broadcasts`: label and input need only be broadcastable, not
 * equal in shape (paddle.where broadcasts; confirmed against Paddle 3.3.1,
 * which raises ValueError for shapes that cannot broadcast).
 */
export function lossShape(inputShape: readonly number[], labelShape: readonly number[]): number[] {
  return broadcastShapes(broadcastShapes(inputShape, labelShape), [1]);
}

/**
 * Rule `no-eager-dtype-check`: eager Paddle never checks dtypes itself; the
 * kernels do. The CPU `where` kernel exists for int32, int64, float32,
 * float64 and bool only, so float16 and bfloat16 fail there with RuntimeError
 * (confirmed against Paddle 3.3.1, whatever the label's dtype).
 */
function checkWhereKernel(input: Tensor): void {
  if (input.dtype === 'float16' || input.dtype === 'bfloat16') {
    throw kernelNotRegistered('where', input.dtype, 'int32, int64, float64, complex128, float32, complex64, bool');
  }
}

/**
 * Rule `margin-rounded-to-input-dtype`: `margin - input` turns a Python float
 * margin into a tensor of the input's dtype, so for float32 input the margin
 * is rounded to float32 before the subtraction (1e39 becomes inf); for float64
 * it stays exact. Confirmed against Paddle 3.3.1; Paddle 2.6.2 still rounded
 * it to float32 for float64 input (x = 0.1, margin 0.1 gives 1.4901161138336505e-9). An integer input meets a float32 margin and
 * fails type promotion with TypeError; None fails __rsub__ with TypeError.
 */
function marginInDtype(margin: unknown, input: Tensor, dtype: DType): number {
  if (typeof margin === 'string') return stringMarginInDtype(margin, input, dtype);
  if (typeof margin !== 'number' && typeof margin !== 'boolean') {
    throw new PaddleTypeError(
      `(InvalidType) __rsub__(): argument (position 1) must be int, float, bool or Tensor, but got ${pythonTypeName(margin)}`,
    );
  }
  if (!dtype.floating) {
    throw new PaddleTypeError(
      `(InvalidType) Type promotion only support calculations between floating-point numbers and between complex and real numbers. ` +
        `But got different data type x: float32, y: ${input.dtype}.`,
    );
  }
  return dtype.round(Number(margin));
}

/**
 * Rule `string-margin-read-by-cpp-stream`: a str margin is not a Python float.
 * `__rsub__` builds a phi Scalar from the string (reference/scalar.ts) and
 * fills a [1] tensor of the input's dtype with it, so there is no type
 * promotion: float input gets the value rounded to its dtype, and integer or
 * bool input fail in the next kernel that lacks their dtype (`relu` for
 * int32/int64, `subtract` for bool; confirmed against Paddle 3.3.1).
 */
function stringMarginInDtype(margin: string, input: Tensor, dtype: DType): number {
  if (input.dtype === 'bool') throw kernelNotRegistered('subtract', input.dtype, 'int64, int16, float64, complex128, float32, complex64, int32, bfloat16');
  if (!dtype.floating) throw kernelNotRegistered('relu', input.dtype, 'float64, float32');
  return dtype.round(scalarFromString(margin));
}


