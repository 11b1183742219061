/**
 * What Paddle's eager mode does with the operands before any arithmetic: the
 * checks that decide which error a bad call raises, in Paddle's order.
 */
import { dtypeOf, type DType } from './dtype.js';
import { kernelNotRegistered, PaddleAttributeError, PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { broadcastShapes, sameShape } from './broadcast.js';
import { legacyBroadcastShape } from './legacy_broadcast.js';
import { paddleReleaseBefore } from './release.js';
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
  /** Whether the margin was given as a str or a bool, which makes `margin - input` a tensor subtraction rather than a scale. */
  readonly marginSubtracts: boolean;
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
  if (paddleReleaseBefore('3.0.0')) checkLegacyWhere(input, label);
  // `where` infers its output shape before it looks up a kernel, so a shape
  // mismatch beats a missing float16 kernel (confirmed against Paddle 3.3.1).
  const shape = lossShape(input.shape, label.shape);
  checkWhereKernel(input);
  const dtype = dtypeOf(input.dtype);
  return { input, label, dtype, margin: marginInDtype(margin, input, dtype), shape, marginSubtracts: typeof margin === 'string' || typeof margin === 'boolean' };
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
 * Rule `label-broadcasts` before Paddle 3.0.0: paddle.where broadcast in
 * Python, adding zeros_like of x, y and the condition, then adding that to
 * each (python/paddle/tensor/search.py), unless input and label both have
 * `zero_`'s shape [1]. So each add's shape inference is Paddle 2.6's
 * (legacyBroadcastShape): any zero-size input or label raises RuntimeError
 * (PreconditionNotMet), [0, 0] operands the broadcast ValueError, and input
 * [0, 3] against label [2, 3] RuntimeError (confirmed against Paddle 2.6.2).
 *
 * Rule `no-eager-dtype-check` before Paddle 3.0.0: the first add runs before
 * any shape is checked, and it has no float16, bfloat16 or bool kernel
 * (RuntimeError, also for labels that cannot broadcast); where's own kernel,
 * reached only for [1] operands, has no bool kernel either (confirmed
 * against Paddle 2.6.2).
 */
function checkLegacyWhere(input: Tensor, label: Tensor): void {
  const zero = [1];
  if (sameShape(input.shape, zero) && sameShape(label.shape, zero)) {
    if (!LEGACY_WHERE_DTYPES.split(', ').includes(input.dtype)) throw kernelNotRegistered('where', input.dtype, LEGACY_WHERE_DTYPES);
    return;
  }
  if (!LEGACY_ADD_DTYPES.split(', ').includes(input.dtype)) throw kernelNotRegistered('add', input.dtype, LEGACY_ADD_DTYPES);
  const zeros = legacyBroadcastShape(legacyBroadcastShape(input.shape, zero), label.shape);
  for (const operand of [input.shape, zero, label.shape]) legacyBroadcastShape(operand, zeros);
}

/** The dtypes of Paddle 2.6.2's CPU add kernel, in its message's order. */
const LEGACY_ADD_DTYPES = 'int32, int64, int16, float64, complex128, float32, complex64';

/** The dtypes of Paddle 2.6.2's CPU where kernel, in its message's order. */
const LEGACY_WHERE_DTYPES = 'int32, int64, float64, float32';

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
 * it stays exact. Confirmed against Paddle 3.3.1. Before Paddle 3.0.0 a
 * number, int or bool margin was rounded to float32 for float64 input too
 * (confirmed against Paddle 2.6.2: x = 0.1, margin 0.1 gives
 * 1.4901161138336505e-9; margin 1e39 gives inf; a str margin keeps float64).
 * None fails __rsub__ (rsubArgumentError).
 *
 * Rule `no-eager-dtype-check`: for an integer or bool input what fails depends
 * on the margin's Python type. A float margin is a float32 scalar and fails
 * type promotion (TypeError). An int margin (a bigint here) or a bool margin
 * is filled into the input's dtype with no promotion, so `margin - input`
 * computes and `relu`, which has only float32 and float64 kernels, raises
 * RuntimeError for int32 and int64; a bool input meets an int margin as int64
 * (relu fails for int64) and a bool margin as bool (`subtract` has no bool
 * kernel). Confirmed against Paddle 3.3.1: bool input with margin 2 or -3
 * raises the relu int64 error, with margin True the subtract bool error;
 * int32 input with margin 2 or True the relu int32 error; with margin 2.0 the
 * type-promotion TypeError (x: float32, y: int32).
 */
function marginInDtype(margin: unknown, input: Tensor, dtype: DType): number {
  if (typeof margin === 'string') return stringMarginInDtype(margin, input, dtype);
  if (typeof margin !== 'number' && typeof margin !== 'boolean' && typeof margin !== 'bigint') throw rsubArgumentError(margin);
  if (!dtype.floating) {
    if (typeof margin === 'number') throw floatMarginOnIntegers(input);
    if (input.dtype === 'bool' && typeof margin === 'boolean') throw kernelNotRegistered('subtract', 'bool', SUBTRACT_DTYPES);
    throw kernelNotRegistered('relu', input.dtype === 'bool' ? 'int64' : input.dtype, RELU_DTYPES);
  }
  // Before Paddle 3.0.0, `margin - input` was scale(input, -1, bias=margin),
  // whose bias is a float32 attribute, whatever the input's dtype.
  const value = paddleReleaseBefore('3.0.0') ? Math.fround(Number(margin)) : Number(margin);
  return dtype.round(value);
}

/**
 * What __rsub__'s argument parser raises for a margin that is no number:
 * TypeError, ValueError before Paddle 3.0.0 (confirmed against Paddle 2.6.2
 * and 3.3.1 with None).
 */
function rsubArgumentError(margin: unknown): Error {
  const text = `__rsub__(): argument (position 1) must be int, float, bool or Tensor, but got ${pythonTypeName(margin)}`;
  return paddleReleaseBefore('3.0.0') ? new PaddleValueError(`(InvalidArgument) ${text}`) : new PaddleTypeError(`(InvalidType) ${text}`);
}

/**
 * What a float margin does to an integer input: type promotion's TypeError;
 * before Paddle 3.0.0, which had none, __rsub__ cast the input to float32
 * and the second `where` met that float32 relu output with the integer
 * `zero_`, a ValueError (confirmed against Paddle 2.6.2, int32 and int64).
 */
function floatMarginOnIntegers(input: Tensor): Error {
  if (paddleReleaseBefore('3.0.0')) {
    return new PaddleValueError(
      `(InvalidArgument) The type of data we are trying to retrieve (${input.dtype}) does not match the type of data (float32) currently contained in the container.`,
    );
  }
  return new PaddleTypeError(
    `(InvalidType) Type promotion only support calculations between floating-point numbers and between complex and real numbers. ` +
      `But got different data type x: float32, y: ${input.dtype}.`,
  );
}

/** The dtypes of Paddle 3.3.1's CPU subtract kernel, in its message's order. */
const SUBTRACT_DTYPES = 'int64, int16, float64, complex128, float32, complex64, int32, bfloat16';

/** The dtypes of Paddle 3.3.1's CPU relu kernel, in its message's order. */
const RELU_DTYPES = 'float64, float32';

/**
 * Rule `string-margin-read-by-cpp-stream`: a str margin is not a Python float.
 * `__rsub__` builds a phi Scalar from the string (reference/scalar.ts) and
 * fills a [1] tensor of the input's dtype with it, so there is no type
 * promotion: float input gets the value rounded to its dtype, and integer or
 * bool input fail in the next kernel that lacks their dtype (`relu` for
 * int32/int64, `subtract` for bool; confirmed against Paddle 3.3.1).
 */
function stringMarginInDtype(margin: string, input: Tensor, dtype: DType): number {
  if (input.dtype === 'bool') throw kernelNotRegistered('subtract', input.dtype, SUBTRACT_DTYPES);
  if (!dtype.floating) throw kernelNotRegistered('relu', input.dtype, RELU_DTYPES);
  return dtype.round(scalarFromString(margin));
}


