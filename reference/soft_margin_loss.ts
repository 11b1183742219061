/**
 * paddle.nn.functional.soft_margin_loss(input, label, reduction='mean', name=None)
 * and paddle.nn.SoftMarginLoss(reduction='mean', name=None).
 *
 * The documentation page:
 *
 *     Out = log(1 + exp((-label * input)))
 *     Out = MEAN(Out) | SUM(Out) | Out     for reduction 'mean' | 'sum' | 'none'
 *
 * with `label` of the same shape as `input`, input float32 or float64, label
 * int32, int64, float32 or float64, and output shape [] for 'mean' and 'sum'.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py, the same
 * source in every release from 2.6.2) as
 *
 *     if reduction not in ['sum', 'mean', 'none']: raise ValueError(...)
 *     if not (input.shape == label.shape): raise ValueError("input's shape must equal to label's shape")
 *     label = paddle.cast(label, input.dtype)
 *     out = paddle.log(1 + paddle.exp(-label * input))
 *     'sum': paddle.sum(out)    'mean': paddle.mean(out)    'none': out
 *
 * where `-label` is scale(label, -1, 0) and `1 + t` is scale(t, 1, 1), so it
 * runs cast, scale, multiply, exp, scale, log and sum or mean
 * (reference/kernels/), forward and backward, each step rounded in its
 * dtype. Everything beyond the page is those primitives' but the checks
 * above and the formula as written: no log1p and no softplus (rules
 * `soft-margin-exp-overflows-to-inf` and
 * `soft-margin-one-plus-exp-absorbs-small`), and a gradient that is the
 * chain of the primitives' backwards (rule `soft-margin-grad-chain-rounded`).
 */
import { PaddleAttributeError, PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { cast } from './kernels/cast.js';
import { exp } from './kernels/exp.js';
import { log } from './kernels/log.js';
import { mean } from './kernels/mean.js';
import { multiplyOperator } from './kernels/multiply.js';
import { scale } from './kernels/scale.js';
import { sumAll } from './kernels/sum.js';
import { castGradient } from './kernels/promotion.js';
import { Tape, type Var } from './kernels/tape.js';
import { pythonStr, type Reduction } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { full, isTensor, type Tensor } from './tensor.js';

/** Keyword arguments of the loss, for the options-object form of the call. */
export interface SoftMarginLossOptions {
  /** 'none' | 'mean' | 'sum'. Default 'mean'. */
  reduction?: Reduction | string;
  /** Output name; accepted and ignored, as in eager Paddle. */
  name?: string;
}

/**
 * The loss with Paddle's parameters, order and defaults:
 * `softMarginLoss(input, label, reduction = 'mean', name)` or
 * `softMarginLoss(input, label, { reduction, name })`.
 */
export function softMarginLoss(input: Tensor, label: Tensor, reduction: Reduction | string | SoftMarginLossOptions = 'mean', _name?: string): Tensor {
  return onTape(new Tape(), input, label, optionsOf(reduction).reduction, false).loss.value;
}

/** The gradient of the loss with respect to its scored operand, with the input's shape and dtype. */
export interface SoftMarginGradients {
  /** d loss / d input. */
  readonly input: Tensor;
}

/**
 * d loss / d input for upstream `gradOutput` (ones of the loss's shape by
 * default), through the tape's backward.
 *
 * Rule `soft-margin-grad-chain-rounded`: the gradient is the chain of the
 * primitives' backwards, each rounded: log's g · (1 / (1 + e)), scale's + 0,
 * exp's × e, multiply's × (-label); not -label · sigmoid(z) in one
 * expression. Where 1 + e rounds to 1 it is g · e · (-label), not 0; where
 * exp overflows, NaN (Paddle 3.3.1: input [-88, -16] with label 1 gives
 * [0xbf7fffff, 0xbf7ffffe]; input 100 with label -1 gives NaN).
 */
export function softMarginLossGrad(
  input: Tensor,
  label: Tensor,
  reduction: Reduction | string | SoftMarginLossOptions = 'mean',
  gradOutput?: Tensor,
): SoftMarginGradients {
  const tape = new Tape();
  const { loss, x } = onTape(tape, input, label, optionsOf(reduction).reduction, true);
  const dtype = loss.value.dtype;
  const grads = tape.backward(loss, gradOutput ? castGradient(gradOutput, dtype) : full(loss.value.shape, 1, dtype));
  return { input: grads.get(x.id)! };
}

/** The values of each step of the unreduced forward computation. */
export interface SoftMarginSteps {
  /** -label, in the input's dtype. */
  readonly neg: Tensor;
  /** -label * input, in the input's dtype. */
  readonly z: Tensor;
  /** exp(-label * input), in the loss dtype (float32 for an integer input). */
  readonly exp: Tensor;
  /** 1 + exp(...). */
  readonly onePlus: Tensor;
  /** log(1 + exp(...)): the unreduced loss. */
  readonly loss: Tensor;
}

/** Every step of the unreduced loss, as Paddle computes them; throws Paddle's error where Paddle raises. */
export function softMarginSteps(input: Tensor, label: Tensor): SoftMarginSteps {
  const steps = transcription(new Tape(), input, label, 'none', false);
  return { neg: steps.neg.value, z: steps.z.value, exp: steps.e.value, onePlus: steps.onePlus.value, loss: steps.out.value };
}

/** The transcription on a tape: the loss, and the input as the tape knows it. */
function onTape(tape: Tape, input: Tensor, label: Tensor, reduction: unknown, needsGrad: boolean): { loss: Var; x: Var } {
  const { x, out, reduction: checked } = transcription(tape, input, label, reduction, needsGrad);
  const loss = checked === 'sum' ? sumAll(tape, out) : checked === 'mean' ? mean(tape, out) : out;
  return { loss, x };
}

/** Paddle's source up to the reduction, line by line. */
function transcription(tape: Tape, input: unknown, label: unknown, reduction: unknown, needsGrad: boolean) {
  checkSoftMarginReduction(reduction);
  // Rule `soft-margin-non-tensor-attribute-error`: `input.shape == label.shape`
  // is the first thing that touches the operands, so a non-tensor input or
  // label raises AttributeError naming its Python type ('list' object has no
  // attribute 'shape'; also NoneType, float, int, str), input before label
  // (Paddle 3.3.1).
  const [inputShape, labelShape] = [shapeOf(input), shapeOf(label)];
  // Rule `soft-margin-shapes-must-equal`: a comparison of Python lists, so no
  // broadcasting: [3] against [1], [1] against [] and [1, 2] against [2] all
  // raise this ValueError (Paddle 3.3.1).
  if (inputShape.join() !== labelShape.join() || inputShape.length !== labelShape.length) {
    throw new PaddleValueError("input's shape must equal to label's shape");
  }
  const x = tape.leaf(input as Tensor, needsGrad);
  // Rule `soft-margin-label-cast-to-input-dtype`: the label is cast to the
  // input's dtype first, whatever its own: a float64 label meets a float32
  // input as float32, a bool one as 0 or 1, a float one meets an integer
  // input truncated (cast.ts); and any value scales, not only ±1 (label 0
  // gives log 2; label 2 with input 0.5 gives log(1 + e^-1)). Paddle 3.3.1.
  const y = cast(tape, tape.leaf(label as Tensor), x.value.dtype);
  const neg = scale(tape, y, -1, 0);
  const z = multiplyOperator(tape, neg, x);
  // Rule `soft-margin-exp-overflows-to-inf`: log(1 + exp(z)) as written, so
  // where exp(z) overflows (z > 88.7228 in float32, > 709.78 in float64) the
  // loss is inf and the gradient NaN (exp's dout · out is 0 · inf): input
  // [100, -100, 0.5] with label [-1, 1, 1] gives [inf, inf, 0.474077] and the
  // gradient [NaN, NaN, -0.377541] (Paddle 3.3.1; float64 at ±1000).
  const e = exp(tape, z);
  // Rule `soft-margin-one-plus-exp-absorbs-small`: 1 + exp(z) rounds to 1
  // once exp(z) is at most half an ulp of 1 (z below about -16.6 in float32,
  // -36.7 in float64), so the loss is exactly 0 there, not exp(z): input 20
  // with label 1 gives 0 (Paddle 3.3.1).
  const onePlus = scale(tape, e, 1, 1);
  const out = log(tape, onePlus);
  return { x, neg, z, e, onePlus, out, reduction };
}

/**
 * Throws Paddle's ValueError unless `reduction` is 'sum', 'mean' or 'none'.
 *
 * Rule `soft-margin-reduction-checked-first`: the functional form checks the
 * reduction before it looks at input or label (list operands with a bad
 * reduction raise this error), naming soft_margin_loss; the layer checks it
 * in its constructor, naming SoftMarginLoss (Paddle 3.3.1: 'MEAN', None,
 * ['mean'], False).
 */
export function checkSoftMarginReduction(reduction: unknown, api = 'soft_margin_loss'): asserts reduction is Reduction {
  if (reduction === 'sum' || reduction === 'mean' || reduction === 'none') return;
  throw new PaddleValueError(`The value of 'reduction' in ${api} should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}, which is not allowed.`);
}

/** `value.shape` as Python evaluates it: a tensor's shape, else AttributeError. */
function shapeOf(value: unknown): readonly number[] {
  if (isTensor(value)) return value.shape;
  throw new PaddleAttributeError(`'${pythonTypeName(value)}' object has no attribute 'shape'`);
}

/** The positional and options-object forms of `reduction` and `name`, resolved. */
function optionsOf(reduction: unknown): { reduction: unknown; name?: unknown } {
  if (typeof reduction !== 'object' || reduction === null || Array.isArray(reduction)) return { reduction };
  const o = reduction as SoftMarginLossOptions;
  return { reduction: 'reduction' in o ? o.reduction : 'mean', name: o.name };
}

/** The arguments the layer's constructor accepts in its options-object form, with Paddle's removed ones. */
export interface SoftMarginLossLayerOptions extends SoftMarginLossOptions {
  /** Removed in Paddle; passing it raises the deprecation ValueError. */
  size_average?: unknown;
  /** Removed in Paddle; passing it raises the deprecation ValueError. */
  reduce?: unknown;
}

/**
 * paddle.nn.SoftMarginLoss: the layer form. It checks the legacy arguments
 * and the reduction in its constructor, then stores reduction and name.
 */
export class SoftMarginLoss {
  /** The reduction given at construction, already checked. */
  readonly reduction: Reduction;
  /** The output name. */
  readonly name: string | undefined;

  /** `new SoftMarginLoss(reduction = 'mean', name)` or `new SoftMarginLoss({ reduction, name })`. */
  constructor(reduction: Reduction | string | boolean | SoftMarginLossLayerOptions = 'mean', name?: string | boolean) {
    checkLegacyArguments(reduction, name);
    const args = optionsOf(reduction);
    checkSoftMarginReduction(args.reduction, 'SoftMarginLoss');
    this.reduction = args.reduction;
    this.name = typeof reduction === 'object' ? (args.name as string | undefined) : typeof name === 'string' ? name : undefined;
  }

  /** Computes the loss of `input` against `label` with the stored reduction. */
  forward(input: Tensor, label: Tensor): Tensor {
    return softMarginLoss(input, label, this.reduction);
  }
}

/**
 * Paddle's legacy_reduction_decorator on SoftMarginLoss.__init__.
 *
 * Rule `soft-margin-layer-legacy-arguments`: a bool in the first or second
 * position (PyTorch's size_average and reduce), or the keywords size_average
 * or reduce, raise ValueError suggesting a reduction; reduction=False as a
 * keyword gets the ordinary reduction error instead
 * (python/paddle/utils/decorator_utils.py; Paddle 3.3.1:
 * SoftMarginLoss(True) suggests 'mean', reduce=False 'none'). Before Paddle
 * 3.3.0 (2.6.2 to 3.2.2) there is no decorator: the keywords are Python's
 * TypeError (unexpected keyword argument), a positional bool is the
 * reduction (True: the reduction ValueError) or the name (accepted).
 */
function checkLegacyArguments(reduction: unknown, name: unknown): void {
  const keywords = typeof reduction === 'object' && reduction !== null && !Array.isArray(reduction) ? (reduction as SoftMarginLossLayerOptions) : undefined;
  if (paddleReleaseBefore('3.3.0')) {
    const unexpected = Object.keys(keywords ?? {}).find((k) => k === 'size_average' || k === 'reduce');
    if (unexpected !== undefined) throw new PaddleTypeError(`SoftMarginLoss.__init__() got an unexpected keyword argument '${unexpected}'`);
    return;
  }
  const sizeAverage = keywords ? ('size_average' in keywords ? keywords.size_average : '') : typeof reduction === 'boolean' ? reduction : '';
  const reduce = keywords ? ('reduce' in keywords ? keywords.reduce : '') : typeof name === 'boolean' ? name : '';
  if (sizeAverage === '' && reduce === '') return;
  const suggested = reduce === false ? 'none' : sizeAverage === false ? 'sum' : 'mean';
  const shown = (v: unknown): string => (v === '' ? 'None' : pythonStr(v));
  throw new PaddleValueError(
    `[Deprecated] 'SoftMarginLoss' no longer supports 'reduce' or 'size_average'.` +
      `\nDetected: reduce=${shown(reduce)}, size_average=${shown(sizeAverage)}` +
      `\nPlease use: reduction='${suggested}' instead.`,
  );
}
