/**
 * paddle.nn.functional.hinge_embedding_loss(input, label, margin=1.0, reduction='mean', name=None)
 * and paddle.nn.HingeEmbeddingLoss(margin=1.0, reduction='mean', name=None)
 *
 * The documentation page:
 *
 *     l_n = x_n                      if y_n = 1
 *     l_n = max(0, margin - x_n)     if y_n = -1
 *     loss = mean(L) | sum(L) | L    for reduction 'mean' | 'sum' | 'none'
 *
 * with input and label of float32 or float64, label of input's shape, and a
 * 0-D result for 'mean' and 'sum'.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py, the same
 * source in every release since 2.6.2) as
 *
 *     zero_ = paddle.zeros([1], dtype=input.dtype)
 *     loss = paddle.where(label == 1.0, input, zero_) + paddle.where(
 *         label == -1.0, paddle.nn.functional.relu(margin - input), zero_)
 *     'mean': paddle.mean(loss)    'sum': paddle.sum(loss)
 *
 * after checking the reduction, so beyond its own rules below everything is
 * its primitives' (reference/kernels/): `==` compares floats with a
 * tolerance; `where` broadcasts label against input and has no float16
 * kernel, and sums a broadcast input's gradient in its own order; relu maps
 * NaN to 0, is registered for floats only and passes no gradient at its
 * kink; a str margin is read by C++'s stream; mean and sum of an empty loss.
 * `margin - input` is Tensor.__rsub__ (see rsub below), which picks the
 * kernels by the margin's Python type.
 */
import { dtypeOf } from './dtype.js';
import { PaddleAttributeError, PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { add } from './kernels/add.js';
import { cast } from './kernels/cast.js';
import { equalScalar } from './kernels/equal.js';
import { full, zeros, type ScalarValue } from './kernels/full.js';
import { mean } from './kernels/mean.js';
import { relu } from './kernels/relu.js';
import { scale } from './kernels/scale.js';
import { subtract } from './kernels/subtract.js';
import { sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { where } from './kernels/where.js';
import { checkReduction, type Reduction } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { full as filled, isTensor, type Tensor } from './tensor.js';

/**
 * A margin as Python passes one: a float (a number), an int (a bigint, `2n`),
 * a bool or a str. Float input treats an int like the float of the same
 * value; integer and bool input tell the two apart (rsub below).
 */
export type Margin = ScalarValue;

/** Keyword arguments of the loss, for the options-object form of the call. */
export interface HingeEmbeddingLossOptions {
  /** For label -1, only inputs below the margin contribute. Default 1.0. */
  margin?: Margin;
  /** 'none' | 'mean' | 'sum'. Default 'mean'. */
  reduction?: Reduction | string;
  /** Output name; accepted and ignored, as in eager Paddle. */
  name?: string;
}

/** Margin, reduction and name after defaults have been applied. */
export interface LossArguments {
  /** The margin as given. */
  margin: unknown;
  /** The reduction as given (validated at the call). */
  reduction: unknown;
  /** The output name. */
  name: string | undefined;
}

/**
 * Computes the hinge embedding loss: Paddle's parameters, order and defaults,
 * `hingeEmbeddingLoss(input, label, margin = 1.0, reduction = 'mean', name)`,
 * or `hingeEmbeddingLoss(input, label, { margin, reduction, name })`.
 */
export function hingeEmbeddingLoss(
  input: Tensor,
  label: Tensor,
  margin: Margin | HingeEmbeddingLossOptions = 1.0,
  reduction: Reduction | string = 'mean',
  name?: string,
): Tensor {
  const args = lossArguments(margin, reduction, name);
  return onTape(new Tape(), input, label, args, false).loss.value;
}

/**
 * d loss / d input for `hingeEmbeddingLoss(input, label, margin, reduction)`,
 * given the upstream gradient (ones of the loss's shape by default), with
 * Paddle's parameter order:
 * `hingeEmbeddingLossGrad(input, label, margin = 1.0, reduction = 'mean', gradOutput)`.
 * A grad_output of another shape than the loss's gets this reference's own ValueError.
 */
export function hingeEmbeddingLossGrad(
  input: Tensor,
  label: Tensor,
  margin: Margin | HingeEmbeddingLossOptions = 1.0,
  reduction: Reduction | string = 'mean',
  gradOutput?: Tensor,
): Tensor {
  const tape = new Tape();
  const { loss, x } = onTape(tape, input, label, lossArguments(margin, reduction, undefined), true);
  const shape = loss.value.shape;
  if (gradOutput !== undefined && gradOutput.shape.join() !== shape.join()) {
    throw new PaddleValueError(`grad_output has shape [${gradOutput.shape.join(', ')}] but the loss has shape [${shape.join(', ')}].`);
  }
  return tape.backward(loss, gradOutput ?? filled(shape, 1, loss.value.dtype)).get(x.id)!;
}

/**
 * paddle.nn.HingeEmbeddingLoss: the loss as a layer. Like Paddle's, the
 * constructor stores its arguments without checking them; a bad reduction
 * raises at the call (python/paddle/nn/layer/loss.py; Paddle 3.3.1).
 */
export class HingeEmbeddingLoss {
  /** The margin given at construction. */
  readonly margin: Margin;
  /** The reduction given at construction, unchecked until the call. */
  readonly reduction: Reduction | string;
  /** The output name. */
  readonly name: string | undefined;

  /** `new HingeEmbeddingLoss(margin = 1.0, reduction = 'mean', name)` or `new HingeEmbeddingLoss({ margin, reduction, name })`. */
  constructor(margin: Margin | HingeEmbeddingLossOptions = 1.0, reduction: Reduction | string = 'mean', name?: string) {
    const args = lossArguments(margin, reduction, name);
    this.margin = args.margin as Margin;
    this.reduction = args.reduction as string;
    this.name = args.name;
  }

  /** Computes the loss of `input` against `label` with the stored arguments. */
  forward(input: Tensor, label: Tensor): Tensor {
    return hingeEmbeddingLoss(input, label, this.margin, this.reduction, this.name);
  }
}

/** Resolves the positional and options-object forms of the call into one set of arguments. */
export function lossArguments(margin: unknown, reduction: unknown, name: string | undefined): LossArguments {
  if (typeof margin === 'object' && margin !== null && !Array.isArray(margin)) {
    const o = margin as HingeEmbeddingLossOptions;
    return { margin: 'margin' in o ? o.margin : 1.0, reduction: 'reduction' in o ? o.reduction : 'mean', name: o.name };
  }
  return { margin, reduction, name };
}

/**
 * The transcription of Paddle's source on a tape.
 *
 * Rule `hinge-zero-d-none-is-shape-1`: `zero_` has shape [1] and each `where`
 * broadcasts against it, so a 0-D input and label give a loss of shape [1]
 * under 'none' (mean and sum give []), as the page does not say (Paddle
 * 3.3.1).
 *
 * Rule `hinge-other-labels-contribute-zero`: a label that `==` finds neither
 * 1 nor -1 (0, 2, 0.5, -0.0, NaN, ±inf) selects `zero_` in both `where`s and
 * adds 0, where PyTorch adds both terms; a bool True is 1 (Paddle 3.3.1).
 *
 * Rule `hinge-label-any-dtype`: the label meets only the Python floats 1.0
 * and -1.0, in `==` and in its own dtype, and never the input: an int, bool,
 * float16 or float64 label works against float32 input, with no type
 * promotion (Paddle 3.3.1: float32 input with an int64 label computes).
 *
 * Rule `hinge-negative-zero-is-added-to-zero`: the two `where` results are
 * added, so input -0.0 under label 1 gives -0 + 0 = +0, not -0 (Paddle
 * 3.3.1, float32 and float64).
 */
function onTape(tape: Tape, input: unknown, label: unknown, args: LossArguments, needsGrad: boolean): { loss: Var; x: Var } {
  checkHingeReduction(args.reduction);
  // `input.dtype` on a non-tensor raises AttributeError (Paddle 3.3.1: a list input).
  if (!isTensor(input)) throw new PaddleAttributeError(`'${pythonTypeName(input)}' object has no attribute 'dtype'`);
  // `label == 1.0` on a non-tensor is a Python bool, and `where` then asks it for `.shape`.
  if (!isTensor(label)) throw new PaddleAttributeError(`'bool' object has no attribute 'shape'`);
  const x = tape.leaf(input, needsGrad);
  const y = tape.leaf(label);
  const zero = zeros(tape, [1], input.dtype);
  const positive = where(tape, equalScalar(tape, y, 1.0), x, zero);
  const negative = where(tape, equalScalar(tape, y, -1.0), relu(tape, rsub(tape, args.margin, x)), zero);
  const loss = add(tape, positive, negative);
  if (args.reduction === 'mean') return { loss: mean(tape, loss), x };
  return { loss: args.reduction === 'sum' ? sumAll(tape, loss) : loss, x };
}

/**
 * `margin - input`, Tensor.__rsub__ (paddle/fluid/pybind/eager_math_op_patch.cc):
 * a Python float is scale(input, -1, margin), an integer or bool input cast
 * to float32 first; an int is the same scale, a bool input cast to int64
 * first; a bool or str becomes a full tensor of input's dtype and shape
 * (full.ts), and input is subtracted from it. Anything else is refused.
 *
 * Rule `hinge-margin-by-python-type`: so the margin is rounded to the input's
 * dtype (scale's attributes; float32 input: 1e39 becomes inf), integer and
 * bool input fail where a float margin makes the second `where` meet a
 * float32 relu with an integer `zero_` (type promotion's TypeError; before
 * Paddle 3.0.0, ValueError) or an int or bool margin reaches relu (its
 * RuntimeError) or bool's subtract (its RuntimeError), and a str or bool
 * margin's subtraction passes an upstream -0 on where scale's backward
 * would add +0 (Paddle 3.3.1: margin '0.5' or True, input [0], label 1,
 * upstream -0 gives -0; margin 0.5 or 1 gives +0).
 */
function rsub(tape: Tape, margin: unknown, x: Var): Var {
  const floating = dtypeOf(x.value.dtype).floating;
  if (typeof margin === 'number') return scale(tape, floating ? x : cast(tape, x, 'float32'), -1, margin);
  if (typeof margin === 'bigint') return scale(tape, x.value.dtype === 'bool' ? cast(tape, x, 'int64') : x, -1, Number(margin));
  if (typeof margin === 'boolean' || typeof margin === 'string') return subtract(tape, full(tape, x.value.shape, margin, x.value.dtype), x);
  const text = `__rsub__(): argument (position 1) must be int, float, bool or Tensor, but got ${pythonTypeName(margin)}`;
  // Before Paddle 3.0.0 the argument parser raised ValueError (Paddle 2.6.2: margin=None).
  throw paddleReleaseBefore('3.0.0') ? new PaddleValueError(`(InvalidArgument) ${text}`) : new PaddleTypeError(`(InvalidType) ${text}`);
}

/**
 * hinge_embedding_loss's own check, the first line of its source
 * (reduction.ts). Rule `hinge-reduction-checked-first`: a reduction other
 * than 'none', 'mean' or 'sum' (None and 'MEAN' too) raises ValueError
 * before any tensor is looked at (Paddle 3.3.1: a list input with reduction
 * 'MEAN'); the layer stores it and raises at the call.
 */
function checkHingeReduction(reduction: unknown): asserts reduction is Reduction {
  checkReduction(reduction, 'hinge_embedding_loss');
}
