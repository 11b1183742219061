/**
 * paddle.nn.functional.cosine_embedding_loss(input1, input2, label, margin=0, reduction='mean', name=None)
 * and paddle.nn.CosineEmbeddingLoss(margin=0, reduction='mean', name=None).
 *
 * The documentation page:
 *
 *     Out = 1 - cos(input1, input2)                 if label = 1
 *     Out = max(0, cos(input1, input2)) - margin    if label = -1
 *     cos(x1, x2) = x1 · x2 / (‖x1‖₂ · ‖x2‖₂)
 *
 * with input1 and input2 of shape [N, M] or [M], float32 or float64, label
 * [N] or [1] of int32, int64, float32 or float64, and the mean, the sum or
 * the [N] losses for reduction 'mean', 'sum' or 'none'. (The page's second
 * line clips the cosine, its example clips the loss; the code clips
 * `cos - margin`, rule `cosine-clip-after-margin`.)
 *
 * Paddle computes it (python/paddle/nn/functional/loss.py, the same source
 * in every release from 2.6.2 to 3.3.1), after the checks of checkCall, as
 *
 *     prod_sum = (input1 * input2).sum(axis=-1)
 *     mag_square1 = paddle.square(input1).sum(axis=-1) + 10e-12
 *     mag_square2 = paddle.square(input2).sum(axis=-1) + 10e-12
 *     denom = paddle.sqrt(mag_square1 * mag_square2)
 *     cos = prod_sum / denom
 *     zeros = paddle.zeros_like(cos)
 *     pos = 1 - cos
 *     neg = paddle.clip(cos - margin, min=0)
 *     out_pos = paddle.where(label == 1, pos, zeros)
 *     out_neg = paddle.where(label == -1, neg, zeros)
 *     out = out_pos + out_neg
 *     'none': out    'mean': paddle.mean(out)    'sum': paddle.sum(out)    else: None
 *
 * over multiply, sum, square, scale, sqrt, divide, full, clip, equal, where,
 * add and mean (reference/kernels/), forward and backward, each step rounded
 * in its dtype. What the page does not say is those primitives' (their rules
 * in cosine_embedding_loss_rules.ts) or the source's own, marked below:
 * float32's sqrt is Eigen's fast one in whole packets (sqrt.ts), the row sums
 * add left to right (sum.ts), clip keeps NaN and caps at the dtype's largest
 * value (clip.ts), and `x + c`, `c - x` and `x - c` of a Python number are
 * scale ops whose backward adds +0 (scale.ts).
 */
import { broadcastIndex } from './broadcast.js';
import { dtypeOf } from './dtype.js';
import { PaddleAttributeError, PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { add } from './kernels/add.js';
import { cast } from './kernels/cast.js';
import { clip } from './kernels/clip.js';
import { divide } from './kernels/divide.js';
import { equalScalar } from './kernels/equal.js';
import { full } from './kernels/full.js';
import { mean } from './kernels/mean.js';
import { multiply } from './kernels/multiply.js';
import { castGradient } from './kernels/promotion.js';
import { scale } from './kernels/scale.js';
import { sqrt } from './kernels/sqrt.js';
import { square } from './kernels/square.js';
import { subtract } from './kernels/subtract.js';
import { sumAll, sumAlongAxis } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { where } from './kernels/where.js';
import { pythonStr, type Reduction } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { full as filled, isTensor, type Tensor } from './tensor.js';

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
 * The loss with Paddle's parameters, order and defaults,
 * `cosineEmbeddingLoss(input1, input2, label, margin = 0, reduction = 'mean', name)`
 * or `cosineEmbeddingLoss(input1, input2, label, { margin, reduction, name })`.
 * Returns null (Python None) for a reduction other than 'none', 'mean' and 'sum'.
 */
export function cosineEmbeddingLoss(input1: Tensor, input2: Tensor, label: Tensor, margin?: CosineMargin, reduction?: Reduction, name?: string): Tensor;
export function cosineEmbeddingLoss(input1: Tensor, input2: Tensor, label: Tensor, options: CosineEmbeddingLossOptions & { reduction?: Reduction }): Tensor;
export function cosineEmbeddingLoss(input1: Tensor, input2: Tensor, label: Tensor, margin?: CosineMargin | CosineEmbeddingLossOptions, reduction?: string, name?: string): Tensor | null;
export function cosineEmbeddingLoss(
  input1: Tensor,
  input2: Tensor,
  label: Tensor,
  margin: CosineMargin | CosineEmbeddingLossOptions = 0,
  reduction: string = 'mean',
  name?: string,
): Tensor | null {
  const args = cosineArguments(margin, reduction, name);
  return onTape(new Tape(), input1, input2, label, args, [])?.loss.value ?? null;
}

/** The gradients of the loss with respect to the embeddings asked for. */
export interface CosineGradients {
  /** d loss / d input1, with input1's shape and dtype. */
  readonly input1?: Tensor;
  /** d loss / d input2, with input2's shape and dtype. */
  readonly input2?: Tensor;
}

/** An embedding a gradient can be taken with respect to. */
export type CosineEmbedding = 'input1' | 'input2';

/**
 * d loss / d input1 and d loss / d input2 for upstream `gradOutput` (ones of
 * the loss's shape by default), with Paddle's parameter order:
 * `cosineEmbeddingLossGrad(input1, input2, label, margin = 0, reduction = 'mean', gradOutput, wrt)`.
 * Only the embeddings in `wrt` take a gradient (stop_gradient=False), as in
 * Paddle, where an integer input2 that takes one raises (tape.ts).
 */
export function cosineEmbeddingLossGrad(
  input1: Tensor,
  input2: Tensor,
  label: Tensor,
  margin: CosineMargin | CosineEmbeddingLossOptions = 0,
  reduction: Reduction | string = 'mean',
  gradOutput?: Tensor,
  wrt: readonly CosineEmbedding[] = ['input1', 'input2'],
): CosineGradients {
  const tape = new Tape();
  const args = cosineArguments(margin, reduction, undefined);
  const run = onTape(tape, input1, input2, label, args, wrt);
  if (run === undefined) throw new PaddleValueError(`reduction ${String(args.reduction)} returns None in Paddle, which has no gradient.`);
  const { loss, x1, x2 } = run;
  if (gradOutput !== undefined && gradOutput.shape.join() !== loss.value.shape.join()) {
    throw new PaddleValueError(`grad_output has shape [${gradOutput.shape.join(', ')}] but the loss has shape [${loss.value.shape.join(', ')}].`);
  }
  const grads = tape.backward(loss, gradOutput ? castGradient(gradOutput, loss.value.dtype) : filled(loss.value.shape, 1, loss.value.dtype));
  return { ...(x1.needsGrad && { input1: grads.get(x1.id)! }), ...(x2.needsGrad && { input2: grads.get(x2.id)! }) };
}

/** The values of each step of the unreduced forward computation, for the suite's mutants and explainers. */
export interface CosineSteps {
  /** prod_sum, one per cosine element. */
  readonly prodSum: Float64Array;
  /** mag_square1 = sum(square(input1), axis=-1) + eps. */
  readonly magSquare1: Float64Array;
  /** mag_square2. */
  readonly magSquare2: Float64Array;
  /** mag_square1 * mag_square2. */
  readonly product: Float64Array;
  /** sqrt(product). */
  readonly denom: Float64Array;
  /** prod_sum / denom. */
  readonly cos: Float64Array;
  /** cos - margin, clip's input. */
  readonly shifted: Float64Array;
  /** For each loss element, the index of its cosine. */
  readonly cosAt: Int32Array;
  /** For each loss element, whether its label == 1 and whether it == -1. */
  readonly isPositive: Uint8Array;
  readonly isNegative: Uint8Array;
  /** The unreduced loss, out. */
  readonly loss: Tensor;
}

/** Every step of the unreduced loss as Paddle computes it; throws Paddle's error where Paddle raises. */
export function cosineSteps(input1: unknown, input2: unknown, label: unknown, margin: unknown): CosineSteps {
  const s = transcription(new Tape(), input1, input2, label, margin, []);
  const values = (v: Var): Float64Array => Float64Array.from(v.value.data);
  const lossShape = s.out.value.shape;
  const at = (v: Var): Int32Array => broadcastIndex(v.value.shape, lossShape);
  const picks = (v: Var): Uint8Array => Uint8Array.from(at(v), (i) => v.value.at(i));
  return {
    prodSum: values(s.prodSum), magSquare1: values(s.magSquare1), magSquare2: values(s.magSquare2), product: values(s.product),
    denom: values(s.denom), cos: values(s.cos), shifted: values(s.shifted), cosAt: at(s.cos),
    isPositive: picks(s.isPositive), isNegative: picks(s.isNegative), loss: s.out.value,
  };
}

/** The arguments after defaults: margin, reduction and name as given. */
interface CosineArguments {
  margin: unknown;
  reduction: unknown;
  name: string | undefined;
}

/** Resolves the positional and options-object forms of the call into one set of arguments. */
function cosineArguments(margin: unknown, reduction: unknown, name: string | undefined): CosineArguments {
  if (typeof margin === 'object' && margin !== null && !Array.isArray(margin) && !isTensor(margin)) {
    const o = margin as CosineEmbeddingLossOptions;
    return { margin: 'margin' in o ? o.margin : 0, reduction: 'reduction' in o ? o.reduction : 'mean', name: o.name };
  }
  return { margin, reduction, name };
}

/**
 * The transcription and its reduction on a tape: the loss and the two
 * embeddings as the tape knows them; undefined where Paddle returns None.
 *
 * Rule `cosine-functional-reduction-unchecked`: the functional form never
 * checks `reduction`: after computing the loss it returns `out` for 'none',
 * the mean for 'mean', the sum for 'sum' and None for anything else
 * ('reduce_mean', 'MEAN', '', None, 1), so only an error of the computation
 * itself is raised (Paddle 3.3.1). The layer checks it at construction.
 */
function onTape(tape: Tape, input1: unknown, input2: unknown, label: unknown, args: CosineArguments, wrt: readonly CosineEmbedding[]): { loss: Var; x1: Var; x2: Var } | undefined {
  const { x1, x2, out } = transcription(tape, input1, input2, label, args.margin, wrt);
  if (args.reduction === 'none') return { loss: out, x1, x2 };
  if (args.reduction === 'mean') return { loss: mean(tape, out), x1, x2 };
  if (args.reduction === 'sum') return { loss: sumAll(tape, out), x1, x2 };
  return undefined;
}

/** Paddle's source up to the reduction, line by line. */
function transcription(tape: Tape, input1: unknown, input2: unknown, label: unknown, margin: unknown, wrt: readonly CosineEmbedding[]) {
  checkCall(input1, input2, label);
  const x1 = tape.leaf(input1 as Tensor, wrt.includes('input1'));
  const x2 = tape.leaf(input2 as Tensor, wrt.includes('input2'));
  const y = tape.leaf(label as Tensor);
  const prodSum = sumAlongAxis(tape, times(tape, x1, x2), -1);
  // Rule `cosine-eps-added-to-each-squared-norm`: 10e-12 is 1e-11, not 1e-12,
  // added to each squared norm before their product and the sqrt, so a zero
  // vector gives cos = 0 (label 1: loss 1; label -1: 0 − margin clipped) and
  // tiny vectors are pulled toward 0: [1e-6, 0] against itself gives cos
  // 1e-12 / (1e-12 + 1e-11) = 1/11, loss 0.9090909 under label 1 (Paddle 3.3.1,
  // float32 and float64). `+ 10e-12` is scale(x, 1, 1e-11) (scale.ts: the
  // bias in the dtype, float32's 0x2d2febff; before 3.0.0 float32's for float64 too).
  const magSquare1 = plus(tape, sumAlongAxis(tape, square(tape, x1), -1), COSINE_EPSILON);
  const magSquare2 = plus(tape, sumAlongAxis(tape, square(tape, x2), -1), COSINE_EPSILON);
  // Rule `cosine-norms-multiplied-before-sqrt`: the squared norms are
  // multiplied before the one sqrt, so their product can overflow where each
  // norm is finite: float32 [[2^60, 2^59, 0]] against [[2^58, 2^60, 0]]
  // (squared norms about 2^120 each) gives denom inf and cos 0, so loss 1
  // under label 1 and 0 under label -1 with margin 0.25, where
  // sqrt(m1)·sqrt(m2) would give cos 0.65 (loss 0.4008 under label -1);
  // float64 the same at 2^500 (Paddle 3.3.1). In a float32 packet the fast
  // sqrt of that inf is NaN instead (sqrt.ts).
  const product = multiply(tape, magSquare1, magSquare2);
  const denom = sqrt(tape, product);
  const cos = divide(tape, prodSum, denom);
  const zeros = full(tape, cos.value.shape, 0, cos.value.dtype);
  const pos = scale(tape, cos, -1, 1);
  const shifted = minus(tape, cos, margin);
  // Rule `cosine-clip-after-margin`: the label -1 branch is clip(cos - margin,
  // min=0). The page prints max(0, cos) - margin, while its example (margin
  // 0.5, a row with cos below it) gives 0: both hold for max(0, max(0, cos) -
  // margin), which is Paddle's value whenever margin >= 0. Under a negative
  // margin they part where cos < 0: [[1, 0]] against [[-1, 1]] (cos -0.7071)
  // with margin -1 gives 0.29289323 (float32 0x3e95f61a) and gradients
  // [0, 0.70710677] and [0.35355338, 0.35355338], not 1 and zero gradients
  // (Paddle 3.3.1, float32 and float64).
  const neg = clip(tape, shifted, 0);
  // Rule `cosine-other-labels-contribute-zero`: a label that is neither 1 nor
  // -1 (0, 2, -2, 0.5, -0.0, NaN, inf; an int64 2^40 + 1) selects neither
  // branch and gives 0; a float label is compared by equal's tolerance
  // (equal.ts), so a float64 label within 4 ulps of ±1 counts (Paddle 3.3.1).
  const isPositive = equalScalar(tape, y, 1n);
  const isNegative = equalScalar(tape, y, -1n);
  // Rule `where-broadcasts`: where broadcasts the label against the cosine:
  // a label [1] covers every row, a label [L] against one row (or 1-D
  // inputs) gives L losses, and any other length raises ValueError
  // "Broadcast dimension mismatch ... X = [N] ... Y = [L]" (Paddle 3.3.1:
  // N = 2 with labels [1], [3], [4], [0]).
  const outPos = where(tape, isPositive, pos, zeros);
  const outNeg = where(tape, isNegative, neg, zeros);
  const out = add(tape, outPos, outNeg);
  return { x1, x2, prodSum, magSquare1, magSquare2, product, denom, cos, shifted, isPositive, isNegative, out };
}

/**
 * Paddle's checks, in the source's order, before any op runs.
 *
 * Rule `cosine-checks-in-source-order`: the label's rank
 * (`len(label.shape) != 1`), equal input shapes, the inputs' rank (`> 2`),
 * input1's dtype, the label's dtype, each a ValueError with a fixed text; a
 * non-tensor raises AttributeError where its `.shape` is first read (the
 * label's first). The ops raise after these, as they run: multiply's type
 * promotion (TypeError), the square kernel of input2 (RuntimeError),
 * `cos - margin` (TypeError for None), and where's broadcasting of the label
 * (ValueError). Confirmed against Paddle 3.3.1 with two faults at a time (a
 * [1,1,2] float16 input1 with a [[1]] label: the label's rank; with a [1]
 * label and input2 [1,2]: the shapes; margin None with a label of the wrong
 * length: TypeError).
 */
function checkCall(input1: unknown, input2: unknown, label: unknown): void {
  if (shapeOf(label).length !== 1) throw new PaddleValueError('1D target tensor expected, multi-target not supported');
  const [shape1, shape2] = [shapeOf(input1), shapeOf(input2)];
  if (shape1.join() !== shape2.join() || shape1.length !== shape2.length) {
    throw new PaddleValueError('the shape of input tensor 1 should be equal to input tensor 2, but found inputs with different sizes');
  }
  // Rule `cosine-one-d-input-is-one-pair`: only a rank above 2 is refused, so
  // 1-D inputs are one pair (the cosine is 0-D and broadcasts against the
  // label: label [1] gives loss shape [1], label [3] three copies) and 0-D
  // inputs a pair of one-element vectors (T(3.), T(-2.), label [1, -1]
  // gives [2, 0]). Confirmed against Paddle 3.3.1.
  if (shape1.length > 2) throw new PaddleValueError('1D target tensor expects 1D or 2D input tensors, but found inputs with different sizes');
  // Rule `cosine-input1-dtype-only`: the dtype check reads input1 and the
  // label only. input2's dtype meets the ops: multiply promotes a float32 and
  // float64 pair (the loss is float64) and refuses an integer or bool input2
  // (TypeError, "x: float32, y: int32"); float16 and bfloat16 pass multiply
  // (promoted to float32) and fail in square (RuntimeError). Paddle 3.3.1.
  const dtype1 = (input1 as Tensor).dtype;
  if (dtype1 !== 'float32' && dtype1 !== 'float64') throw new PaddleValueError("The data type of input Variable must be 'float32' or 'float64'");
  if (!['int32', 'int64', 'float32', 'float64'].includes((label as Tensor).dtype)) {
    throw new PaddleValueError("The data type of label Variable must be 'int32', 'int64', 'float32', 'float64'");
  }
}

/** Python's `x.shape`, or the AttributeError eager Paddle raises for a value without one. */
function shapeOf(value: unknown): readonly number[] {
  if (isTensor(value)) return value.shape;
  throw new PaddleAttributeError(`'${pythonTypeName(value)}' object has no attribute 'shape'`);
}

/**
 * `input1 * input2` (Tensor.__mul__ of two tensors): multiply.
 *
 * Rule `cosine-input1-dtype-only`: before Paddle 3.0.0 (2.6.2) the operator
 * cast an int32, int64 or bool input2 to input1's dtype (with a warning)
 * instead of promoting, so an integer input2 computes (float32 [[-608, -832],
 * ...] against int32 [[-864, 768], ...]: the losses [1.0954176, 0.48334265,
 * 1.1841441]) and a bool one fails later, in square. Float pairs are
 * promoted in every release. Confirmed against Paddle 2.6.2.
 */
function times(tape: Tape, x: Var, y: Var): Var {
  const integral = !dtypeOf(y.value.dtype).floating;
  return multiply(tape, x, integral && paddleReleaseBefore('3.0.0') ? cast(tape, y, x.value.dtype) : y);
}

/**
 * `x + c` for a Python float c (Tensor.__add__): scale(x, 1, c), an integer
 * tensor cast to float32 first. An integer x only gets here when both
 * inputs are 0-D (type promotion lets a 0-D int input2 through multiply):
 * its square sums to int64 and `+ 10e-12` makes the squared norm float32.
 */
function plus(tape: Tape, x: Var, c: number): Var {
  const floating = dtypeOf(x.value.dtype).floating;
  return scale(tape, floating ? x : cast(tape, x, 'float32'), 1, c);
}

/**
 * `cos - margin` (Tensor.__sub__): scale(cos, 1, -margin) for a Python int
 * or float; a bool or str margin is filled into a tensor of cos's shape and
 * dtype (full) and subtracted, so its backward passes a −0 gradient as −0
 * where scale's adds +0 (Paddle 3.3.1: `x - True` and `x - '1'` under
 * upstream −0 give x's gradient −0, `x - 1` +0).
 *
 * Rule `scale-attributes-in-dtype` (scale.ts): −margin is rounded to the
 * cosine's dtype and added with one rounding (float32: margin 0.1 gives
 * 0x3eb1c5fb for cos 0x3ee4f92e, margin −1e39 an infinite shift; float64
 * keeps 1e39); before Paddle 3.0.0 a float32 attribute, so a float64 cosine
 * too gets float32's −margin (0.1: the loss 0.8594305156, not
 * 0.8594305147); a str margin is filled, not rounded so (full.ts).
 * Confirmed against Paddle 3.3.1 and 2.6.2.
 *
 * Rule `cosine-margin-none-refused`: margin=None raises TypeError from the
 * operator, whatever the labels (Paddle 3.3.1 with label 1 only, and before a
 * label of the wrong length); Paddle 2.6.2 raised ValueError there.
 */
function minus(tape: Tape, cos: Var, margin: unknown): Var {
  if (typeof margin === 'number') return scale(tape, cos, 1, -margin);
  if (typeof margin === 'boolean' || typeof margin === 'string') return subtract(tape, cos, full(tape, cos.value.shape, margin, cos.value.dtype));
  if (margin === null || margin === undefined) {
    const text = '__sub__(): argument (position 1) must be int, float, bool or Tensor, but got NoneType';
    if (paddleReleaseBefore('3.0.0')) throw new PaddleValueError(`(InvalidArgument) ${text}`);
    throw new PaddleTypeError(`(InvalidType) ${text}`);
  }
  throw new PaddleTypeError(`margin must be a number, a bool, a str or null, got ${pythonTypeName(margin)}`);
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
      throw new PaddleValueError(`The value of 'margin' should be in the interval of [-1, 1], but received ${formatFixed(v)}, which is not allowed.`);
    }
    if (args.reduction !== 'sum' && args.reduction !== 'mean' && args.reduction !== 'none') {
      throw new PaddleValueError(`The value of 'reduction' should be 'sum', 'mean' or 'none', but received ${pythonStr(args.reduction)}, which is not allowed.`);
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
