/**
 * paddle.nn.functional.margin_ranking_loss(input, other, label, margin=0.0, reduction='mean', name=None)
 * and paddle.nn.MarginRankingLoss(margin=0.0, reduction='mean', name=None)
 *
 * The documentation page:
 *
 *     margin_rank_loss = max(0, -label * (input - other) + margin)
 *     Out = MEAN(margin_rank_loss) | SUM(margin_rank_loss) | margin_rank_loss
 *                                         for reduction 'mean' | 'sum' | 'none'
 *
 * with other and label of input's shape and dtype, float32 or float64.
 *
 * Paddle 3.3.1 computes it in eager mode (python/paddle/nn/functional/loss.py,
 * the same in every release from 2.6.2) as
 *
 *     out = _C_ops.subtract(other, input)
 *     out = _C_ops.multiply(out, label)
 *     if margin != 0.0:
 *         margin = paddle.to_tensor([margin], dtype=out.dtype)
 *         out = _C_ops.add(out, margin)
 *     out = _C_ops.relu(out)
 *     'sum': _C_ops.sum(out, [], None, False)   'mean': _C_ops.mean_all(out)
 *
 * so most of what the page leaves open is its primitives' (reference/kernels/):
 * subtract and multiply broadcast the three operands and promote their dtypes
 * op by op; float16 and bool have no subtract kernel, bfloat16 no add kernel,
 * the integers no relu kernel; relu maps NaN to 0 and its gradient is 0 at the
 * kink; (other − input) · label equals −label · (input − other) bit for bit
 * but for the sign of a zero, which relu erases. The page's float32/float64
 * check runs only in static mode. What is the op's own: the reduction check,
 * which runs first; the order of the ops, which decides which error wins;
 * and the margin's conversion to a tensor.
 */
import { PaddleTypeError, PaddleValueError } from './errors.js';
import { castValue } from './cast.js';
import type { DTypeName } from './dtype.js';
import { add } from './kernels/add.js';
import { meanAll } from './kernels/mean_all.js';
import { multiply } from './kernels/multiply.js';
import { castGradient } from './kernels/promotion.js';
import { relu } from './kernels/relu.js';
import { subtract } from './kernels/subtract.js';
import { sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { pythonStr, type Reduction } from './reduction.js';
import { full, isTensor, Tensor } from './tensor.js';
import { sameShape } from './broadcast.js';

export { promote, type OperandType } from './kernels/promotion.js';

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

/** The gradients of the loss with respect to its two scored operands. */
export interface RankingGradients {
  /** d loss / d input, with the input's shape and dtype. */
  readonly input: Tensor;
  /** d loss / d other, with other's shape and dtype. */
  readonly other: Tensor;
}

/**
 * The loss with Paddle's parameters, order and defaults,
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
  const args = rankingArguments(margin, reduction, name);
  return onTape(new Tape(), input, other, label, args, false).loss.value;
}

/**
 * d loss / d input and d loss / d other for the same call, given the
 * upstream gradient (ones of the loss's shape by default): Paddle's backward
 * through the primitives, in its engine's order.
 */
export function marginRankingLossGrad(
  input: Tensor,
  other: Tensor,
  label: Tensor,
  margin: RankingMargin | MarginRankingLossOptions = 0.0,
  reduction: Reduction | string = 'mean',
  gradOutput?: Tensor,
): RankingGradients {
  const tape = new Tape();
  const { loss, x, y } = onTape(tape, input, other, label, rankingArguments(margin, reduction, undefined), true);
  const grads = tape.backward(loss, upstream(loss.value, gradOutput));
  return { input: grads.get(x.id)!, other: grads.get(y.id)! };
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

/** The arguments after defaults: margin, reduction and name as given. */
interface RankingArguments {
  margin: unknown;
  reduction: unknown;
  name: string | undefined;
}

/** Resolves the positional and options-object forms of the call into one set of arguments. */
function rankingArguments(margin: unknown, reduction: unknown, name: string | undefined): RankingArguments {
  if (typeof margin === 'object' && margin !== null && !Array.isArray(margin)) {
    const o = margin as MarginRankingLossOptions;
    return { margin: 'margin' in o ? o.margin : 0.0, reduction: 'reduction' in o ? o.reduction : 'mean', name: o.name };
  }
  return { margin, reduction, name };
}

/**
 * The transcription of Paddle's source on a tape.
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
function onTape(tape: Tape, input: unknown, other: unknown, label: unknown, args: RankingArguments, needsGrad: boolean): { loss: Var; x: Var; y: Var } {
  const { margin, reduction } = args;
  checkRankingReduction(reduction);
  // subtract(other, input): other is the op's x (position 0), input its y (position 1).
  checkTensorArgument('subtract', other, 'x', 0);
  checkTensorArgument('subtract', input, 'y', 1);
  const y = tape.leaf(other, needsGrad);
  const x = tape.leaf(input, needsGrad);
  let out = subtract(tape, y, x);
  checkTensorArgument('multiply', label, 'y', 1);
  out = multiply(tape, out, tape.leaf(label));
  if (marginIsAdded(margin)) out = add(tape, out, tape.leaf(marginTensor(margin, out.value.dtype)));
  out = relu(tape, out);
  const loss = reduction === 'sum' ? sumAll(tape, out) : reduction === 'mean' ? meanAll(tape, out) : out;
  return { loss, x, y };
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
function checkRankingReduction(reduction: unknown): asserts reduction is Reduction {
  if (reduction === 'sum' || reduction === 'mean' || reduction === 'none') return;
  throw new PaddleValueError(
    `The value of 'reduction' in MarginRankingLoss should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}, which is not allowed.`,
  );
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
  throw new PaddleValueError(`(InvalidArgument) ${op}(): argument '${arg}' (position ${position}) must be Tensor, but got ${parserTypeName(value)}`);
}

/** The name Python's `type(value).__name__` gives for a JavaScript value, as Paddle's parser prints it. */
function parserTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (ArrayBuffer.isView(value)) return 'numpy.ndarray';
  return 'object';
}

/**
 * Python's `margin != 0.0`.
 *
 * Rule `ranking-margin-added-only-when-nonzero`: Paddle adds the margin only
 * when `margin != 0.0`, so 0, -0.0 and False add nothing, while every other
 * value, including None, a str, NaN and 1e-50 (0 in float32), is turned into
 * a tensor and added (confirmed against Paddle 3.3.1 through the output
 * shape of 0-D operands). Adding a zero margin would change no value (relu
 * already maps -0 to +0), only the shape.
 *
 * Rule `ranking-zero-d-none-shape-follows-margin`: the margin is a tensor of
 * shape [1], so adding it turns a 0-D product into shape [1]; with no margin
 * a 0-D product stays []. Confirmed against Paddle 3.3.1: 0-D operands with
 * 'none' give [] for margin 0.0, -0.0, 0 and False and [1] for 0.5, 1e-50
 * (which rounds to 0 but is still added) and NaN.
 */
function marginIsAdded(margin: unknown): boolean {
  if (typeof margin === 'number') return margin !== 0;
  if (typeof margin === 'boolean') return margin;
  return true;
}

/**
 * `paddle.to_tensor([margin], dtype=out.dtype)`: a [1] tensor of the
 * product's dtype, or the error numpy and to_tensor raise.
 *
 * Rule `ranking-margin-in-result-dtype`: one rounding from the Python float
 * to the product's dtype: float32 turns 1e39 into inf and 0.1 into
 * 0x3dcccccd, float64 keeps 0.1 and 1e39; with a float32 input and a float64
 * label the margin is float64 (confirmed against Paddle 3.3.1). Integer
 * dtypes take numpy's cast of it (truncated; NaN, ±inf and values out of
 * range the integer minimum, reference/cast.ts), but fail in relu later.
 *
 * Rule `ranking-margin-none-or-str-refused`: to_tensor cannot take None
 * (ValueError) or a str (numpy makes a `<U n` array, a dtype Paddle refuses
 * with TypeError, whatever the string says: '1.5', 'inf', '0', ''); True is
 * 1. Unlike hinge_embedding_loss, no C++ Scalar ever reads the string.
 * Confirmed against Paddle 3.3.1.
 */
function marginTensor(margin: unknown, dtype: DTypeName): Tensor {
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
    throw new PaddleTypeError(`margin must be a number, a bool, a str or null, got ${parserTypeName(margin)}`);
  }
  return full([1], castValue(Number(margin), 'float64', dtype), dtype);
}

/**
 * The upstream gradient of the loss: ones of its shape and dtype, or the
 * one given, read in the loss's dtype. A grad_output of the wrong shape gets
 * this reference's own ValueError.
 */
function upstream(loss: Tensor, gradOutput: Tensor | undefined): Tensor {
  if (gradOutput === undefined) return full(loss.shape, 1, loss.dtype);
  if (!sameShape(gradOutput.shape, loss.shape)) {
    throw new PaddleValueError(`grad_output has shape [${gradOutput.shape.join(', ')}] but the loss has shape [${loss.shape.join(', ')}].`);
  }
  return castGradient(gradOutput, loss.dtype);
}
