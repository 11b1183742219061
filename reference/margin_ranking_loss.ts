/**
 * paddle.nn.functional.margin_ranking_loss and paddle.nn.MarginRankingLoss,
 * read literally from the documentation page:
 *
 *     margin_rank_loss = max(0, -label * (input - other) + margin)
 *     Out = MEAN(margin_rank_loss) | SUM(margin_rank_loss) | margin_rank_loss
 *                                         for reduction 'mean' | 'sum' | 'none'
 *
 * computed the way Paddle 3.3.1 computes it in eager mode
 * (python/paddle/nn/functional/loss.py):
 *
 *     out = subtract(other, input)
 *     out = multiply(out, label)
 *     if margin != 0.0: out = add(out, to_tensor([margin], dtype=out.dtype))
 *     out = relu(out)
 *     sum(out) | mean_all(out) | out
 *
 * with every step rounded to its dtype. (other - input) * label equals
 * -label * (input - other) bit for bit except for the sign of a zero, which
 * relu erases; the order matters for rounding only through the dtypes of
 * the steps (rule `ranking-float-dtypes-promoted`).
 */
import { broadcastIndex, broadcastShapes } from './broadcast.js';
import { dtypeOf, type DType, type DTypeName } from './dtype.js';
import { PaddleTypeError, PaddleValueError } from './errors.js';
import { requireKernel, type KernelName } from './kernels/registration.js';
import { promote } from './kernels/promotion.js';

export { promote, type OperandType } from './kernels/promotion.js';
import { legacyBroadcastShape } from './legacy_broadcast.js';
import { paddleReleaseBefore } from './release.js';
import { pythonStr, reduceLoss, type Reduction } from './reduction.js';
import { isTensor, Tensor } from './tensor.js';

/** A margin as Paddle takes one: a number, a bool (True is 1); a str or null (None) reach Paddle's errors. */
export type RankingMargin = number | boolean | string | null;

/** Keyword arguments of the loss, for the options-object form of the call. */
export interface MarginRankingLossOptions {
  /** Added before relu. Default 0.0. */
  margin?: RankingMargin;
  /** 'none' | 'mean' | 'sum'. Default 'mean'. */
  reduction?: Reduction | string;
  /** Output name; accepted and ignored, as in eager Paddle. */
  name?: string;
}

/**
 * Computes the margin ranking loss with Paddle's parameters, order and defaults,
 * `marginRankingLoss(input, other, label, margin = 0.0, reduction = 'mean', name)`,
 * or `marginRankingLoss(input, other, label, { margin, reduction, name })`.
 */
export function marginRankingLoss(
  input: Tensor,
  other: Tensor,
  label: Tensor,
  margin: RankingMargin | MarginRankingLossOptions = 0.0,
  reduction: Reduction | string = 'mean',
  name?: string,
): Tensor {
  const call = checkRankingCall(input, other, label, margin, reduction, name);
  // `sum` or `mean_all` to a 0-D tensor of the loss's dtype.
  // Rule `ranking-sum-of-empty-is-zero`: an empty loss sums to +0, shape []
  // (Paddle 2.6.2 raised ValueError instead; reduction.ts).
  // Rule `ranking-mean-of-empty-is-nan`: its mean is the positive quiet NaN
  // (0x7fc00000 for float32, 0x7ff8000000000000 for float64), shape []
  // (Paddle 3.0.0: 0xffc00000; reduction.ts).
  // Both confirmed against Paddle 3.3.1.
  return reduceLoss(rankingSteps(call).loss, call.reduction, 'mean_all');
}

/** The arguments after defaults: margin, reduction and name as given. */
interface RankingArguments {
  margin: unknown;
  reduction: unknown;
  name: string | undefined;
}

/** Resolves the positional and options-object forms of the call into one set of arguments. */
export function rankingArguments(margin: unknown, reduction: unknown, name: string | undefined): RankingArguments {
  if (typeof margin === 'object' && margin !== null && !Array.isArray(margin)) {
    const o = margin as MarginRankingLossOptions;
    return { margin: 'margin' in o ? o.margin : 0.0, reduction: 'reduction' in o ? o.reduction : 'mean', name: o.name };
  }
  return { margin, reduction, name };
}

/**
 * Throws Paddle's ValueError unless `reduction` is 'sum', 'mean' or 'none'.
 *
 * Rule `ranking-reduction-checked-first`: the functional form checks this
 * before it touches any operand (a list input with a bad reduction raises
 * this ValueError), and the layer checks it in its constructor; the text
 * differs from hinge_embedding_loss's (reduction.ts). Confirmed against
 * Paddle 3.3.1 with 'reduce_mean', 'MEAN', '', None and 1.
 */
export function checkRankingReduction(reduction: unknown): asserts reduction is Reduction {
  if (reduction === 'sum' || reduction === 'mean' || reduction === 'none') return;
  throw new PaddleValueError(
    `The value of 'reduction' in MarginRankingLoss should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}, which is not allowed.`,
  );
}

/** A call that passed every check: the operands, the dtypes and shapes of each step, and the margin to add. */
export interface RankingCall {
  readonly input: Tensor;
  readonly other: Tensor;
  readonly label: Tensor;
  readonly reduction: Reduction;
  /** The dtype of `other - input`. */
  readonly subtractDtype: DTypeName;
  /** The shape of `other - input`. */
  readonly subtractShape: number[];
  /** The dtype of the product with the label, and of the loss. */
  readonly dtype: DTypeName;
  /** The shape of the product with the label. */
  readonly productShape: number[];
  /** The margin in the result dtype, or null when Paddle adds none. */
  readonly margin: number | null;
  /** The shape of the unreduced loss. */
  readonly lossShape: number[];
}

/**
 * Runs Paddle's checks in Paddle's order and returns what the computation needs.
 *
 * Rule `ranking-checks-in-op-order`: eager Paddle has no checks of its own
 * beyond the reduction; each op checks its operands as it runs, in the
 * generated API's order: the Python argument parser (non-tensors), type
 * promotion, kernel selection, then shape inference. So a float16 pair of
 * unbroadcastable shapes fails in the subtract kernel (RuntimeError), an
 * int32 input with a bad shape fails type promotion (TypeError), a label of
 * a bad shape beats margin=None, and margin=None beats the relu kernel of an
 * int32 input (all confirmed against Paddle 3.3.1).
 */
export function checkRankingCall(
  input: unknown,
  other: unknown,
  label: unknown,
  margin: unknown,
  reduction: unknown,
  name: string | undefined,
): RankingCall {
  const args = rankingArguments(margin, reduction, name);
  checkRankingReduction(args.reduction);
  // subtract(other, input): other is the op's x (position 0), input its y (position 1).
  checkTensorArgument('subtract', other, 'x', 0);
  checkTensorArgument('subtract', input, 'y', 1);
  const subtractDtype = promote(other, input);
  checkKernel('subtract', subtractDtype);
  // Rule `ranking-operands-broadcast`: the doc says other and label have
  // input's shape, but subtract and multiply broadcast: other [3,1] against
  // input [3,4], a label [4], or a label larger than both, give the broadcast
  // shape; shapes that cannot broadcast raise ValueError naming X = other and
  // Y = input, then X = other - input and Y = label (confirmed against Paddle 3.3.1).
  const subtractShape = binaryShape(other.shape, input.shape);
  // multiply(out, label)
  checkTensorArgument('multiply', label, 'y', 1);
  const dtype = promote({ dtype: subtractDtype, shape: subtractShape }, label);
  checkKernel('multiply', dtype);
  const productShape = binaryShape(subtractShape, label.shape);
  const added = marginIsAdded(args.margin);
  const value = added ? marginTensorValue(args.margin, dtype) : null;
  if (added) checkKernel('add', dtype);
  // Rule `ranking-zero-d-none-shape-follows-margin`: the margin is a tensor
  // of shape [1], so adding it turns a 0-D product into shape [1]; with no
  // margin a 0-D product stays []. Confirmed against Paddle 3.3.1: 0-D
  // operands with 'none' give [] for margin 0.0, -0.0, 0 and False and [1]
  // for 0.5, 1e-50 (which rounds to 0 but is still added) and NaN.
  const lossShape = added ? binaryShape(productShape, [1]) : productShape;
  checkKernel('relu', dtype);
  return { input, other, label, reduction: args.reduction, subtractDtype, subtractShape, dtype, productShape, margin: value, lossShape };
}

/**
 * The result shape of a binary op (subtract, multiply, add).
 *
 * Rule `ranking-operands-broadcast` before Paddle 3.0.0: Paddle 2.6's shape
 * inference (legacyBroadcastShape) made a zero-size operand that meets a
 * differently shaped one a RuntimeError: [0] or [2, 0] operands with margin
 * 0.5, whose [1] margin tensor is added, raise RuntimeError
 * (PreconditionNotMet) in every reduction (confirmed against Paddle 2.6.2);
 * with margin 0 nothing is broadcast.
 */
function binaryShape(x: readonly number[], y: readonly number[]): number[] {
  return paddleReleaseBefore('3.0.0') ? legacyBroadcastShape(x, y) : broadcastShapes(x, y);
}

/**
 * Paddle's argument parser: an op's tensor argument must be a Tensor.
 *
 * A non-tensor input, other or label raises ValueError from the op that
 * first receives it (subtract for input and other, multiply for label),
 * naming the Python type: list, float, int, bool, str, None, numpy.ndarray
 * (confirmed against Paddle 3.3.1).
 */
function checkTensorArgument(op: string, value: unknown, arg: string, position: number): asserts value is Tensor {
  if (isTensor(value)) return;
  throw new PaddleValueError(
    `(InvalidArgument) ${op}(): argument '${arg}' (position ${position}) must be Tensor, but got ${pythonTypeName(value)}`,
  );
}


/**
 * Rule `ranking-no-dtype-check`: eager Paddle never checks the dtype itself
 * (the doc's float32/float64 is checked only in static mode); the CPU
 * kernels decide. float16 and bool fail in subtract (float16 in multiply
 * when a 0-D float16 label meets integer operands); bfloat16 passes subtract
 * and multiply and fails in add (a non-zero margin) or relu; int32 and int64
 * fail in relu. Each raises RuntimeError (NotFound) with
 * the kernel's registered dtypes (confirmed against Paddle 3.3.1).
 */
function checkKernel(kernel: KernelName, dtype: DTypeName): void {
  requireKernel(kernel, dtype);
}

/**
 * Python's `margin != 0.0`.
 *
 * Rule `ranking-margin-added-only-when-nonzero`: Paddle adds the margin only
 * when `margin != 0.0`, so 0, -0.0 and False add nothing, while every other
 * value, including None, a str, NaN and 1e-50 (0 in float32), is turned into
 * a tensor and added (python/paddle/nn/functional/loss.py; confirmed against
 * Paddle 3.3.1 through the output shape of 0-D operands). Adding a zero
 * margin would change no value (relu already maps -0 to +0), only the shape.
 */
export function marginIsAdded(margin: unknown): boolean {
  if (typeof margin === 'number') return margin !== 0;
  if (typeof margin === 'boolean') return margin;
  return true;
}

/**
 * `paddle.to_tensor([margin], dtype=out.dtype)`: the margin's value in the
 * result dtype, or the error numpy and to_tensor raise.
 *
 * Rule `ranking-margin-in-result-dtype`: the margin becomes a tensor of the
 * product's dtype, one rounding from the Python float: float32 turns 1e39
 * into inf and 0.1 into 0x3dcccccd, float64 keeps 0.1 and 1e39; with a
 * float32 input and a float64 label the margin is float64 (confirmed against
 * Paddle 3.3.1). Integer dtypes truncate it, but fail in relu later.
 *
 * Rule `ranking-margin-none-or-str-refused`: to_tensor cannot take None
 * (ValueError) or a str (numpy makes a `<U n` array, a dtype Paddle refuses
 * with TypeError, whatever the string says: '1.5', 'inf', '0', ''); True is
 * 1. Unlike hinge_embedding_loss, no C++ Scalar ever reads the string.
 * Confirmed against Paddle 3.3.1.
 */
function marginTensorValue(margin: unknown, dtype: DTypeName): number {
  if (margin === null || margin === undefined) {
    throw new PaddleValueError(
      '\n\tFailed to convert input data to a regular ndarray :\n\t - Usually this means the input data contains nested lists with different lengths. ',
    );
  }
  if (typeof margin === 'string') {
    throw new PaddleTypeError(
      'dtype must be any of [bool, float16, uint16, float32, float64, int8, int16, int32, int64, uint8, complex64, complex128, bfloat16], ' +
        `but received <U${Math.max(1, [...margin].length)}`,
    );
  }
  if (typeof margin !== 'number' && typeof margin !== 'boolean') {
    throw new PaddleTypeError(`margin must be a number, a bool, a str or null, got ${pythonTypeName(margin)}`);
  }
  return dtypeOf(dtype).round(Number(margin));
}

/** The values of each step of the forward computation, kept for the gradient. */
export interface RankingSteps {
  /** other - input, in the subtract dtype. */
  readonly difference: Tensor;
  /** The product with the label, before the margin and relu. */
  readonly product: Tensor;
  /** relu(product + margin): the unreduced loss. */
  readonly loss: Tensor;
}

/** Computes the unreduced loss step by step, each step rounded to its dtype. */
export function rankingSteps(call: RankingCall): RankingSteps {
  const { input, other, label, subtractDtype, subtractShape, dtype, productShape, margin, lossShape } = call;
  const d1 = dtypeOf(subtractDtype);
  const d2 = dtypeOf(dtype);
  // Step 1: subtract(other, input).
  const difference = elementwise(subtractShape, d1, [other, input], ([o, x]) => o! - x!);
  // Step 2: multiply(out, label).
  const product = elementwise(productShape, d2, [difference, label], ([v, y]) => v! * y!);
  // Step 3: add(out, margin), only for a non-zero margin.
  const shifted = margin === null ? product : elementwise(lossShape, d2, [product], ([v]) => v! + margin);
  // Step 4: relu.
  const loss = elementwise(lossShape, d2, [shifted], ([v]) => relu(v!));
  return { difference, product, loss };
}

/**
 * max(0, v) as Paddle's CPU relu kernel computes it.
 *
 * Rule `ranking-relu-nan-is-zero`: relu gives +0 for NaN and for -0, so
 * a NaN input, other or label, inf - inf, 0 × inf and a NaN margin all give
 * a loss of 0, and the loss is never -0 (confirmed against Paddle 3.3.1:
 * paddle.nn.functional.relu([-0.0, NaN]) gives [0x0, 0x0], and
 * margin_ranking_loss with margin NaN gives 0). PyTorch propagates NaN.
 */
function relu(v: number): number {
  return v > 0 ? v : 0;
}

/** One broadcasting element-wise op: reads each operand at its broadcast position, cast to `dtype`, and rounds the result. */
function elementwise(shape: number[], dtype: DType, operands: Tensor[], f: (values: number[]) => number): Tensor {
  const at = operands.map((t) => broadcastIndex(t.shape, shape));
  const n = at[0]!.length;
  const out = dtype.allocate(n);
  // Type promotion casts each operand to the op's dtype first (a 0-D float64 other meeting a float32 input is rounded).
  for (let k = 0; k < n; k++) dtype.set(out, k, dtype.round(f(operands.map((t, j) => dtype.round(t.at(at[j]![k]!))))));
  return new Tensor(dtype.name, shape, out);
}


/** The name Python's `type(value).__name__` gives for a JavaScript value, as Paddle's parser prints it. */
function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (ArrayBuffer.isView(value)) return 'numpy.ndarray';
  return 'object';
}

/**
 * paddle.nn.MarginRankingLoss: the layer form. Unlike HingeEmbeddingLoss it
 * checks the reduction in its constructor (rule
 * `ranking-reduction-checked-first`; python/paddle/nn/layer/loss.py,
 * confirmed against Paddle 3.3.1), then stores margin, reduction and name.
 */
export class MarginRankingLoss {
  /** The margin given at construction. */
  readonly margin: RankingMargin;
  /** The reduction given at construction, already checked. */
  readonly reduction: Reduction;
  /** The output name. */
  readonly name: string | undefined;

  /** `new MarginRankingLoss(margin = 0.0, reduction = 'mean', name)` or `new MarginRankingLoss({ margin, reduction, name })`. */
  constructor(margin: RankingMargin | MarginRankingLossOptions = 0.0, reduction: Reduction | string = 'mean', name?: string) {
    const args = rankingArguments(margin, reduction, name);
    checkRankingReduction(args.reduction);
    this.margin = args.margin as RankingMargin;
    this.reduction = args.reduction;
    this.name = args.name;
  }

  /** Computes the loss of `input` against `other` and `label` with the stored arguments. */
  forward(input: Tensor, other: Tensor, label: Tensor): Tensor {
    return marginRankingLoss(input, other, label, this.margin, this.reduction, this.name);
  }
}
