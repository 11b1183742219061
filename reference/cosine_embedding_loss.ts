/**
 * paddle.nn.functional.cosine_embedding_loss and paddle.nn.CosineEmbeddingLoss,
 * read literally from the documentation page:
 *
 *     Out = 1 - cos(input1, input2)                 if label = 1
 *     Out = max(0, cos(input1, input2) - margin)    if label = -1
 *     cos(x1, x2) = x1 · x2 / (‖x1‖₂ · ‖x2‖₂)
 *     then MEAN(Out) | SUM(Out) | Out               for reduction 'mean' | 'sum' | 'none'
 *
 * (the page prints the second line as `max(0, cos) - margin`; the code clips
 * `cos - margin`), computed the way Paddle 3.3.1 computes it in eager mode
 * (python/paddle/nn/functional/loss.py):
 *
 *     prod_sum    = (input1 * input2).sum(axis=-1)
 *     mag_square1 = paddle.square(input1).sum(axis=-1) + 10e-12
 *     mag_square2 = paddle.square(input2).sum(axis=-1) + 10e-12
 *     denom       = paddle.sqrt(mag_square1 * mag_square2)
 *     cos         = prod_sum / denom
 *     pos         = 1 - cos
 *     neg         = paddle.clip(cos - margin, min=0)
 *     out         = where(label == 1, pos, 0) + where(label == -1, neg, 0)
 *     sum(out) | mean(out) | out
 *
 * with every step rounded to its dtype. The only step this reference cannot
 * reproduce bit for bit is float32 sqrt over Eigen's 8-lane packets (rule
 * `cosine-float32-sqrt-fast-in-packets`).
 */
import { broadcastIndex, broadcastShapes } from './broadcast.js';
import { dtypeOf, type DType, type DTypeName } from './dtype.js';
import { kernelNotRegistered, PaddleAttributeError, PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { labelIs } from './label.js';
import { promote } from './margin_ranking_loss.js';
import { checkReducible, eigenMean, eigenSum, pythonStr, type Reduction } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { scalarFromString } from './scalar.js';
import { isTensor, numel, Tensor } from './tensor.js';
import { addKeepingFirstNaN, mulKeepingFirstNaN } from './x86_nan.js';

/** A margin as Paddle takes one: a number, a bool (True is 1), a str (read by phi's Scalar), or null (None, refused). */
export type CosineMargin = number | boolean | string | null;

/** Keyword arguments of the loss, for the options-object form of the call. */
export interface CosineEmbeddingLossOptions {
  /** Subtracted from the cosine under label -1. Default 0. */
  margin?: CosineMargin;
  /** 'none' | 'mean' | 'sum'. Default 'mean'. */
  reduction?: Reduction | string;
  /** Output name; accepted and ignored, as in eager Paddle. */
  name?: string;
}

/** The epsilon Paddle adds to each squared norm: the Python literal `10e-12`, that is 1e-11. */
export const COSINE_EPSILON = 10e-12;

/**
 * Computes the cosine embedding loss with Paddle's parameters, order and defaults,
 * `cosineEmbeddingLoss(input1, input2, label, margin = 0, reduction = 'mean', name)`,
 * or `cosineEmbeddingLoss(input1, input2, label, { margin, reduction, name })`.
 * Returns null (Python None) for a reduction other than 'none', 'mean' and 'sum'.
 */
export function cosineEmbeddingLoss(
  input1: Tensor,
  input2: Tensor,
  label: Tensor,
  margin?: CosineMargin,
  reduction?: Reduction,
  name?: string,
): Tensor;
export function cosineEmbeddingLoss(
  input1: Tensor,
  input2: Tensor,
  label: Tensor,
  options: CosineEmbeddingLossOptions & { reduction?: Reduction },
): Tensor;
export function cosineEmbeddingLoss(
  input1: Tensor,
  input2: Tensor,
  label: Tensor,
  margin?: CosineMargin | CosineEmbeddingLossOptions,
  reduction?: string,
  name?: string,
): Tensor | null;
export function cosineEmbeddingLoss(
  input1: Tensor,
  input2: Tensor,
  label: Tensor,
  margin: CosineMargin | CosineEmbeddingLossOptions = 0,
  reduction: string = 'mean',
  name?: string,
): Tensor | null {
  const call = checkCosineCall(input1, input2, label, margin, reduction, name);
  return reduceCosine(cosineSteps(call).loss, call.reduction);
}

/** The arguments after defaults: margin, reduction and name as given. */
interface CosineArguments {
  margin: unknown;
  reduction: unknown;
  name: string | undefined;
}

/** Resolves the positional and options-object forms of the call into one set of arguments. */
export function cosineArguments(margin: unknown, reduction: unknown, name: string | undefined): CosineArguments {
  if (typeof margin === 'object' && margin !== null && !Array.isArray(margin) && !isTensor(margin)) {
    const o = margin as CosineEmbeddingLossOptions;
    return { margin: 'margin' in o ? o.margin : 0, reduction: 'reduction' in o ? o.reduction : 'mean', name: o.name };
  }
  return { margin, reduction, name };
}

/** A call that passed Paddle's checks: the operands, the dtype of each step, the shapes, and the margin's value. */
export interface CosineCall {
  readonly input1: Tensor;
  readonly input2: Tensor;
  readonly label: Tensor;
  /** The reduction as given; anything but 'none', 'mean' and 'sum' makes the functional form return null. */
  readonly reduction: unknown;
  /** The dtype of input1 * input2, of the cosine and of the loss. */
  readonly dtype: DTypeName;
  /** The dtype of square(input1) and of mag_square1. */
  readonly square1Dtype: DTypeName;
  /** The dtype of square(input2) and of mag_square2. */
  readonly square2Dtype: DTypeName;
  /** The shape of the row sums and of the cosine: [N] for [N, M] inputs, [] for 1-D and 0-D inputs. */
  readonly cosShape: number[];
  /** The shape of the unreduced loss: cosShape broadcast with the label's shape. */
  readonly lossShape: number[];
  /** The margin as a float64 number (before Paddle rounds -margin to the dtype). */
  readonly margin: number;
}

/**
 * Runs Paddle's checks in Paddle's order and returns what the computation needs.
 *
 * Rule `cosine-checks-in-source-order`: the function body checks, in this
 * order, the label's rank (`len(label.shape) != 1`), equal input shapes, the
 * inputs' rank (`> 2`), input1's dtype and the label's dtype, each a
 * ValueError with a fixed text; a non-tensor raises AttributeError when its
 * `.shape` is first read (the label's first). Then the ops raise as they run:
 * multiply's type promotion (TypeError), the square kernel of input2
 * (RuntimeError), `cos - margin` (TypeError for None), and where's
 * broadcasting of the label (ValueError). The reduction is never checked.
 * Confirmed against Paddle 3.3.1 with two faults at a time (a [1,1,2] float16
 * input1 with a [[1]] label: the label's rank; with a [1] label and input2
 * [1,2]: the shapes; margin None with a label of the wrong length: TypeError).
 */
export function checkCosineCall(
  input1: unknown,
  input2: unknown,
  label: unknown,
  margin: unknown,
  reduction: unknown,
  name: string | undefined,
): CosineCall {
  const args = cosineArguments(margin, reduction, name);
  const labelShape = shapeOf(label);
  if (labelShape.length !== 1) throw new PaddleValueError('1D target tensor expected, multi-target not supported');
  const shape1 = shapeOf(input1);
  const shape2 = shapeOf(input2);
  if (shape1.length !== shape2.length || shape1.some((d, i) => d !== shape2[i])) {
    throw new PaddleValueError(
      'the shape of input tensor 1 should be equal to input tensor 2, but found inputs with different sizes',
    );
  }
  // Rule `cosine-one-d-input-is-one-pair`: only a rank above 2 is refused, so
  // 1-D inputs are one pair (the cosine is 0-D and broadcasts against the
  // label: label [1] gives loss shape [1], label [3] three copies) and 0-D
  // inputs are a pair of one-element vectors (T(3.), T(-2.), label [1, -1]
  // gives [2, 0]). Confirmed against Paddle 3.3.1.
  if (shape1.length > 2) {
    throw new PaddleValueError('1D target tensor expects 1D or 2D input tensors, but found inputs with different sizes');
  }
  const t1 = input1 as Tensor;
  const t2 = input2 as Tensor;
  const y = label as Tensor;
  // Rule `cosine-input1-dtype-only`: the dtype check reads input1 and the
  // label only, and raises ValueError (not TypeError). input2's dtype meets
  // the ops: float32 with float64 is promoted op by op (the loss is float64),
  // an integer or bool input2 fails multiply's type promotion (TypeError,
  // "x: float32, y: int32"), and float16/bfloat16 pass multiply (promoted to
  // float32) and fail in square (RuntimeError). Confirmed against Paddle 3.3.1.
  if (t1.dtype !== 'float32' && t1.dtype !== 'float64') {
    throw new PaddleValueError("The data type of input Variable must be 'float32' or 'float64'");
  }
  if (!['int32', 'int64', 'float32', 'float64'].includes(y.dtype)) {
    throw new PaddleValueError("The data type of label Variable must be 'int32', 'int64', 'float32', 'float64'");
  }
  const dtype = multiplyDtype(t1, t2);
  checkEmptyInputs(t1);
  const square2Dtype = squareDtype(t2.dtype);
  const cosShape = shape1.length === 2 ? [shape1[0]!] : [];
  const value = marginValue(args.margin);
  // Rule `cosine-label-broadcasts`: `where(label == 1, pos, zeros)` broadcasts
  // the label against the cosine: a label [1] covers every row, a label [L]
  // with one row (or 1-D inputs) gives L losses, and any other length raises
  // ValueError "Broadcast dimension mismatch ... X = [N] ... Y = [L]".
  // Confirmed against Paddle 3.3.1 (N = 2 with labels [1], [3], [4], [0]).
  const lossShape = broadcastShapes(cosShape, labelShape);
  return { input1: t1, input2: t2, label: y, reduction: args.reduction, dtype, square1Dtype: t1.dtype, square2Dtype, cosShape, lossShape, margin: value };
}

/**
 * The dtype of `input1 * input2`.
 *
 * Rule `cosine-input1-dtype-only`: before Paddle 3.0.0 (2.6.2) `*` had no
 * type promotion between floats and integers: an int32, int64 or bool input2
 * is cast to input1's dtype with a warning, so an integer input2 computes
 * (float32 [[-608, -832], ...] against int32 [[-864, 768], ...]: the losses
 * [1.0954176, 0.48334265, 1.1841441]) and a bool one fails later, in square.
 * Float pairs are promoted in every release. Confirmed against Paddle 2.6.2.
 */
function multiplyDtype(t1: Tensor, t2: Tensor): DTypeName {
  const integral = t2.dtype === 'int32' || t2.dtype === 'int64' || t2.dtype === 'bool';
  return integral && paddleReleaseBefore('3.0.0') ? t1.dtype : promote(t1, t2);
}

/**
 * The ValueError of the first row sum of zero-size inputs in old releases.
 *
 * Rule `cosine-empty-reductions`: before Paddle 3.0.0 (2.6.2) every reduce
 * kernel refuses a zero-size tensor, so `(input1 * input2).sum(axis=-1)`
 * raises ValueError (Tensor need be reduced must not empty.) for inputs
 * [0, 3] and [2, 0] under every reduction. Confirmed against Paddle 2.6.2.
 */
function checkEmptyInputs(input1: Tensor): void {
  checkReducible(input1.size, 'sum');
}

/** Python's `x.shape`, or the AttributeError eager Paddle raises for a value without one. */
function shapeOf(value: unknown): readonly number[] {
  if (isTensor(value)) return value.shape;
  throw new PaddleAttributeError(`'${pythonTypeName(value)}' object has no attribute 'shape'`);
}

/** The dtypes phi's CPU `square` kernel is registered for, in Paddle's message order. */
const SQUARE_KERNEL = 'int32, int64, float64, complex128, float32, complex64';

/**
 * The dtype `paddle.square(input2).sum(axis=-1) + 10e-12` ends in, or the
 * square kernel's RuntimeError (rule `cosine-input1-dtype-only`). An integer
 * input2 only gets here when both inputs are 0-D (type promotion lets a 0-D
 * pair through); Paddle squares it in its integer dtype and the float epsilon
 * casts the sum to float32, which this reference computes in float32.
 */
function squareDtype(dtype: DTypeName): DTypeName {
  if (SQUARE_KERNEL.split(', ').includes(dtype)) return dtype === 'float64' ? 'float64' : 'float32';
  throw kernelNotRegistered('square', dtype, SQUARE_KERNEL);
}

/**
 * The margin's value as `cos - margin` reads it.
 *
 * Rule `cosine-margin-none-refused`: margin=None raises TypeError from the
 * tensor's `__sub__`, whatever the labels (confirmed against Paddle 3.3.1
 * with label 1 only, and before a label of the wrong length); Paddle 2.6.2
 * raised ValueError there, 3.0.0 onward TypeError (the releases' overlays).
 *
 * Rule `cosine-string-margin-read-by-cpp-stream`: a str margin is accepted
 * and read as phi's Scalar(std::string) reads it (reference/scalar.ts):
 * '0.5' is 0.5, ' 2 ' is 2, '1.5abc' is 1.5, 'abc' is 0, '1e400' is DBL_MAX,
 * 'nan' is NaN and 'True' is 1 (confirmed against Paddle 3.3.1).
 */
function marginValue(margin: unknown): number {
  if (margin === null || margin === undefined) {
    const text = '__sub__(): argument (position 1) must be int, float, bool or Tensor, but got NoneType';
    // Before Paddle 3.0.0 (2.6.2) the same refusal was a ValueError (InvalidArgument).
    if (paddleReleaseBefore('3.0.0')) throw new PaddleValueError(`(InvalidArgument) ${text}`);
    throw new PaddleTypeError(`(InvalidType) ${text}`);
  }
  if (typeof margin === 'string') return scalarFromString(margin);
  if (typeof margin === 'boolean') return margin ? 1 : 0;
  if (typeof margin === 'number') return margin;
  throw new PaddleTypeError(`margin must be a number, a bool, a str or null, got ${pythonTypeName(margin)}`);
}

/** The values of each step of the forward computation, kept for the gradient. */
export interface CosineSteps {
  /** sum(input1 * input2, axis=-1), in the loss dtype, one per cosine element. */
  readonly prodSum: Float64Array;
  /** sum(square(input1), axis=-1) + eps, in input1's dtype. */
  readonly magSquare1: Float64Array;
  /** sum(square(input2), axis=-1) + eps, in input2's dtype. */
  readonly magSquare2: Float64Array;
  /** mag_square1 * mag_square2. */
  readonly product: Float64Array;
  /** sqrt(product). */
  readonly denom: Float64Array;
  /** prod_sum / denom. */
  readonly cos: Float64Array;
  /** cos - margin, the clip's input. */
  readonly shifted: Float64Array;
  /** For each loss element, the index of its cosine. */
  readonly cosAt: Int32Array;
  /** For each loss element, whether its label == 1 and whether it == -1. */
  readonly isPositive: Uint8Array;
  readonly isNegative: Uint8Array;
  /** The unreduced loss. */
  readonly loss: Tensor;
}

/** Computes the unreduced loss step by step, each step rounded to its dtype. */
export function cosineSteps(call: CosineCall): CosineSteps {
  const { input1, input2, label, cosShape, lossShape } = call;
  const d = dtypeOf(call.dtype);
  const d1 = dtypeOf(call.square1Dtype);
  const d2 = dtypeOf(call.square2Dtype);
  const rows = numel(cosShape);
  const m = input1.shape.length === 2 ? input1.shape[1]! : numel(input1.shape);
  // Each operand is cast to the op's dtype first (type promotion inserts a cast).
  const x1 = (dt: DType) => Float64Array.from(input1.data, (v) => dt.round(v));
  const x2 = (dt: DType) => Float64Array.from(input2.data, (v) => dt.round(v));
  const rowSums = (values: Float64Array, dt: DType) => sumAlongLastAxis(values, rows, m, input1.shape.length === 2, dt);
  // Step 1: prod_sum = (input1 * input2).sum(axis=-1)
  const a = x1(d);
  const b = x2(d);
  const prodSum = rowSums(a.map((v, i) => mulKeepingFirstNaN(v, b[i]!, d)), d);
  // Steps 2-3: mag_square = square(x).sum(axis=-1) + 10e-12.
  // Rule `cosine-eps-added-to-each-squared-norm`: the epsilon 10e-12 (= 1e-11,
  // not 1e-12) is added to each squared norm before their product and the sqrt,
  // as `scale(x, 1, eps)`: eps is rounded to the dtype first (float32:
  // 0x2d2febff), then added with one rounding. So a zero vector gives cos = 0
  // (label 1: loss 1; label -1: 0 - margin clipped), rows of length 0 too, and
  // tiny vectors are pulled toward 0: [1e-6, 0] against itself gives cos
  // 1e-12 / (1e-12 + 1e-11) = 1/11, loss 0.9090909 under label 1. Confirmed
  // against Paddle 3.3.1 in float32 and float64.
  const magSquare1 = addEpsilon(rowSums(x1(d1).map((v) => d1.round(v * v)), d1), d1);
  const magSquare2 = addEpsilon(rowSums(x2(d2).map((v) => d2.round(v * v)), d2), d2);
  const dp = dtypeOf(promote({ dtype: d1.name, shape: cosShape }, { dtype: d2.name, shape: cosShape }));
  // Step 4: denom = sqrt(mag_square1 * mag_square2)
  const product = magSquare1.map((v, i) => mulKeepingFirstNaN(dp.round(v), dp.round(magSquare2[i]!), dp));
  const denom = product.map((v, i) => paddleSqrt(v, dp, i, product.length));
  // Step 5: cos = prod_sum / denom
  const cos = prodSum.map((v, i) => d.round(v / d.round(denom[i]!)));
  // Step 6: pos = 1 - cos; neg = clip(cos - margin, min=0)
  // Rule `cosine-margin-in-dtype`: `cos - margin` is phi's scale(cos, 1,
  // -margin): -margin is rounded to the cosine's dtype and added with one
  // rounding (float32: margin 0.1 gives 0x3eb1c5fb for cos 0x3ee4f92e, margin
  // -1e39 an infinite shift; float64 keeps 1e39). Confirmed against Paddle 3.3.1.
  // Before Paddle 3.0.0 scale's bias was a float32 attribute (scaleBias).
  const bias = scaleBias(-call.margin, d);
  // scale's cos · 1 + bias: where both are NaN (a NaN margin), the cosine's survives.
  const shifted = cos.map((v) => addKeepingFirstNaN(v, bias, d));
  const pos = cos.map((v) => d.round(1 - v));
  const neg = shifted.map((v) => clipMin0(v, d));
  // Step 7: where(label == 1, pos, 0) + where(label == -1, neg, 0)
  // Rule `cosine-other-labels-contribute-zero`: a label that is neither 1 nor
  // -1 (0, 2, -2, 0.5, -0.0, NaN, inf; an int64 2^40 + 1) selects neither
  // branch and gives 0; float labels use Paddle's float equal, |y ∓ 1| <
  // 1e-15 in the label's dtype, so a float64 label within 4 ulps of ±1
  // counts (1 + 4·2^-52 does, 1 + 5·2^-52 does not; float32 labels must be
  // exact). Confirmed against Paddle 3.3.1.
  const ld = dtypeOf(label.dtype);
  const cosAt = broadcastIndex(cosShape, lossShape);
  const labelAt = broadcastIndex(label.shape, lossShape);
  const n = cosAt.length;
  const isPositive = new Uint8Array(n);
  const isNegative = new Uint8Array(n);
  const out = d.allocate(n);
  for (let k = 0; k < n; k++) {
    const y = label.at(labelAt[k]!);
    isPositive[k] = labelIs(y, 1, ld) ? 1 : 0;
    isNegative[k] = labelIs(y, -1, ld) ? 1 : 0;
    const c = cosAt[k]!;
    d.set(out, k, addKeepingFirstNaN(isPositive[k] ? pos[c]! : 0, isNegative[k] ? neg[c]! : 0, d));
  }
  return { prodSum, magSquare1, magSquare2, product, denom, cos, shifted, cosAt, isPositive, isNegative, loss: new Tensor(d.name, lossShape, out) };
}

/**
 * `x.sum(axis=-1)` for the three inner sums, one value per cosine element.
 *
 * Rule `cosine-row-sums-sequential`: for [N, M] inputs Paddle's CPU sum
 * along the last axis adds each row strictly left to right in the dtype,
 * from +0 (Eigen's unvectorised inner-dimension reducer); 17,000 random rows
 * of length 1..5000 in float32 and float64 matched bit for bit, while
 * pairwise, 8-lane and float64-accumulated orders matched about 30%. For
 * 1-D (and 0-D) inputs the sum is a full reduction instead, in Eigen's
 * vectorised order (rule `cosine-full-sums-eigen-order`). Confirmed against
 * Paddle 3.3.1.
 */
function sumAlongLastAxis(values: Float64Array, rows: number, m: number, twoD: boolean, dt: DType): Float64Array {
  if (!twoD) return Float64Array.of(eigenSum(values, dt));
  const sums = new Float64Array(rows);
  const [unroll, valueFirst] = dt.name === 'float64' ? [4, ROW_VALUE_FIRST_64] : [8, ROW_VALUE_FIRST_32];
  const unrolled = Math.floor(m / unroll) * unroll;
  for (let r = 0; r < rows; r++) {
    let acc = 0;
    for (let j = 0; j < m; j++) {
      const v = values[r * m + j]!;
      acc = j < unrolled && valueFirst.has(j % unroll) ? addKeepingFirstNaN(v, acc, dt) : addKeepingFirstNaN(acc, v, dt);
    }
    sums[r] = acc;
  }
  return sums;
}

/**
 * The steps of Paddle's row-sum loop that put the value before the running
 * sum. The loop adds left to right (the values above), unrolled by 8 in
 * float32 and by 4 in float64; at these steps of each unrolled block, where
 * a NaN value meets a NaN sum, the value's NaN survives, elsewhere and in the
 * leftover tail the sum's. Read off Paddle 3.3.1 by placing +NaN and -NaN in
 * every pair of places of rows of 4 to 32 values (every placement matched).
 */
const ROW_VALUE_FIRST_32: ReadonlySet<number> = new Set([0, 1, 4, 5, 6]);
const ROW_VALUE_FIRST_64: ReadonlySet<number> = new Set([0, 1]);

/** `s + 10e-12` as phi's scale kernel computes it: eps rounded to the dtype, then one rounded addition. */
function addEpsilon(sums: Float64Array, dt: DType): Float64Array {
  const eps = scaleBias(COSINE_EPSILON, dt);
  return sums.map((v) => dt.round(v + eps));
}

/**
 * The bias of phi's scale op (`cos - margin`, `+ 10e-12`) as the kernel receives it.
 *
 * Rules `cosine-margin-in-dtype` and `cosine-eps-added-to-each-squared-norm`:
 * since Paddle 3.0.0 the bias is rounded to the tensor's dtype; before it
 * (2.6.2) scale's bias attribute was a float32, so float64 too gets the
 * float32 margin (0.1: the loss 0.8594305156, not 0.8594305147) and the
 * float32 epsilon 0x2d2febff ([1e-6, 0] against itself: 0.9090909091779927,
 * not 0.9090909095082244). Confirmed against Paddle 2.6.2 (the overlay).
 */
function scaleBias(value: number, dt: DType): number {
  return paddleReleaseBefore('3.0.0') ? dt.round(Math.fround(value)) : dt.round(value);
}

/**
 * The NaN Eigen's fast sqrt gives for +inf: x · rsqrt(x) = inf · 0, whose
 * result on x86 is the "default NaN", sign bit set (float32 0xffc00000, not
 * 0x7fc00000). It passes through the division, 1 - cos and the clip with its
 * bits kept, so the loss holds it too (confirmed against Paddle 3.3.1: a
 * [2^70, 0, 0] row against [1, 0, 0] first among 8 gives 0xffc00000).
 */
const X86_DEFAULT_NAN = new Float64Array(new BigUint64Array([0xfff8000000000000n]).buffer)[0]!;

/** The smallest positive normal float32, below which Eigen's fast sqrt flushes to zero. */
const FLT_MIN = 2 ** -126;

/**
 * `paddle.sqrt` of element k of a tensor of `count` elements.
 *
 * Rule `cosine-float32-sqrt-fast-in-packets`: Paddle's CPU sqrt is an Eigen
 * expression; for float32 the elements in whole 8-lane packets (k <
 * 8·floor(count/8)) go through Eigen's fast-math psqrt, x · rsqrt(x) refined
 * by one Newton step, and the rest through std::sqrt. That psqrt gives NaN
 * for +inf (the negative default NaN, so a row whose squared norms overflow has
 * loss NaN among the first 8·floor(N/8) rows, but 1 or 0 in the tail) and +0 for inputs below
 * FLT_MIN. Its finite results are not correctly rounded: 38% of random
 * inputs are 1-4 ulps off, and the exact values depend on the CPU's rsqrtps
 * table (Intel and AMD differ), so no reference can reproduce them; this one
 * rounds correctly there. float64 uses the exact _mm256_sqrt_pd. Confirmed
 * against Paddle 3.3.1 on an AMD EPYC (9 rows of [1e20, 1e20] against [1, 1],
 * label 1: eight NaN, then 1).
 */
export function paddleSqrt(x: number, dt: DType, k: number, count: number): number {
  if (dt.name === 'float32' && k < Math.floor(count / 8) * 8) {
    if (x === Infinity) return X86_DEFAULT_NAN;
    if (x >= 0 && x < FLT_MIN) return 0;
  }
  return dt.round(Math.sqrt(x));
}

/**
 * `paddle.clip(v, min=0)`: phi's ClipFunctor, `v < min ? min : v > max ? max : v`.
 *
 * Rule `cosine-clip-keeps-nan`: NaN is neither below 0 nor above the max, so
 * a NaN cosine or a NaN margin gives a NaN loss under label -1 (unlike relu,
 * which hinge_embedding_loss uses and which maps NaN to 0).
 *
 * Rule `cosine-clip-caps-at-dtype-max`: clip's default max is the dtype's
 * largest finite value, so an infinite `cos - margin` (margin -inf, or
 * -1e39 in float32) gives FLT_MAX (0x7f7fffff) or DBL_MAX, not inf.
 * Both confirmed against Paddle 3.3.1.
 */
function clipMin0(v: number, dt: DType): number {
  const max = clipMax(dt);
  return v < 0 ? 0 : v > max ? max : v;
}

/**
 * The default max of paddle.clip for the dtype.
 *
 * Rule `cosine-clip-caps-at-dtype-max`: since Paddle 3.1.1 it is the dtype's
 * largest finite value; before (2.6.2 to 3.1.0) it was FLT_MAX for float64
 * too, so margin -inf or -1e39 gives 3.4028234663852886e38 in float64, and
 * the gradient is 0 above it. Confirmed against Paddle 3.1.0 and 3.1.1
 * (paddle.clip(T([1e39], 'float64'), min=0): 3.4028234663852886e38, then 1e39).
 */
export function clipMax(dt: DType): number {
  return dt.name === 'float64' && !paddleReleaseBefore('3.1.1') ? Number.MAX_VALUE : 3.4028234663852886e38;
}

/**
 * Applies the reduction to the unreduced loss.
 *
 * Rule `cosine-functional-reduction-unchecked`: the functional form never
 * checks `reduction`: after computing the loss it returns `out` for 'none',
 * the mean for 'mean', the sum for 'sum' and None for anything else
 * ('reduce_mean', 'MEAN', '', None, 1), so only an error of the computation
 * itself is raised (confirmed against Paddle 3.3.1). The layer checks it at
 * construction.
 *
 * Rule `cosine-empty-reductions`: an empty loss (N = 0) sums to +0 and its
 * mean is the positive quiet NaN (0x7fc00000), both shape [] (confirmed
 * against Paddle 3.3.1).
 */
export function reduceCosine(loss: Tensor, reduction: unknown): Tensor | null {
  if (reduction === 'none') return loss;
  if (reduction !== 'mean' && reduction !== 'sum') return null;
  checkEmptyLoss(loss, reduction);
  const dt = dtypeOf(loss.dtype);
  const data = dt.allocate(1);
  dt.set(data, 0, reduction === 'sum' ? eigenSum(loss.data, dt) : eigenMean(loss.data, dt));
  return new Tensor(loss.dtype, [], data);
}

/**
 * The ValueError older releases raise when they reduce an empty loss.
 *
 * Rule `cosine-empty-reductions`: before Paddle 3.1.0 (2.6.2 and 3.0.0)
 * paddle.mean of an empty loss raises ValueError (Tensor need be reduced
 * must not empty.), and before 3.0.0 paddle.sum too. Confirmed against
 * Paddle 3.0.0: inputs [0, 3] with 'mean' raise, 'sum' gives 0.
 */
export function checkEmptyLoss(loss: Tensor, reduction: 'mean' | 'sum'): void {
  checkReducible(loss.size, reduction);
}

/** Python's `f'{margin:f}'` for the layer's message: six decimals, or inf/-inf/nan. */
function formatFixed(margin: number): string {
  if (Number.isNaN(margin)) return 'nan';
  if (!Number.isFinite(margin)) return margin > 0 ? 'inf' : '-inf';
  // toFixed switches to exponent form from 1e21; Python's 'f' writes every digit (1e39: 999999999999999939709166371603178586112.000000).
  if (Math.abs(margin) >= 1e21) return `${BigInt(margin).toString()}.000000`;
  return margin.toFixed(6);
}

/**
 * paddle.nn.CosineEmbeddingLoss: the layer form.
 *
 * Rule `cosine-layer-checks-margin-then-reduction`: the constructor raises
 * ValueError for `margin > 1 or margin < -1` ("received 2.000000", "received
 * inf"; NaN passes, True is 1; None or a str raise Python's TypeError from
 * the comparison), then for a reduction other than 'sum', 'mean', 'none';
 * the functional form checks neither. Confirmed against Paddle 3.3.1.
 */
export class CosineEmbeddingLoss {
  /** The margin given at construction. */
  readonly margin: number | boolean;
  /** The reduction given at construction, already checked. */
  readonly reduction: Reduction;
  /** The output name. */
  readonly name: string | undefined;

  /** `new CosineEmbeddingLoss(margin = 0, reduction = 'mean', name)` or `new CosineEmbeddingLoss({ margin, reduction, name })`. */
  constructor(margin: number | boolean | CosineEmbeddingLossOptions = 0, reduction: Reduction | string = 'mean', name?: string) {
    const args = cosineArguments(margin, reduction, name);
    const m = args.margin;
    if (typeof m !== 'number' && typeof m !== 'boolean') {
      throw new PaddleTypeError(`'>' not supported between instances of '${pythonTypeName(m)}' and 'int'`);
    }
    const v = Number(m);
    if (v > 1 || v < -1) {
      throw new PaddleValueError(
        `The value of 'margin' should be in the interval of [-1, 1], but received ${formatFixed(v)}, which is not allowed.`,
      );
    }
    if (args.reduction !== 'sum' && args.reduction !== 'mean' && args.reduction !== 'none') {
      throw new PaddleValueError(
        `The value of 'reduction' should be 'sum', 'mean' or 'none', but received ${pythonStr(args.reduction)}, which is not allowed.`,
      );
    }
    this.margin = m;
    this.reduction = args.reduction;
    this.name = args.name;
  }

  /** Computes the loss of `input1` against `input2` and `label` with the stored arguments. */
  forward(input1: Tensor, input2: Tensor, label: Tensor): Tensor {
    return cosineEmbeddingLoss(input1, input2, label, this.margin, this.reduction, this.name);
  }
}
