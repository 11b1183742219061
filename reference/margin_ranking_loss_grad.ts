/**
 * The gradients of the margin ranking loss with respect to `input` and
 * `other`, following the backward pass of Paddle's graph
 * `relu(multiply(subtract(other, input), label) [+ margin])` op by op, on
 * CPU, with every step rounded to its dtype:
 *
 *     d loss / d other =  mask · g · label      (summed back to other's shape)
 *     d loss / d input = -mask · g · label      (summed back to input's shape)
 *
 * where g is the upstream gradient and mask = [loss > 0]. The label gets a
 * gradient too in Paddle when it requires one, relu's mask times
 * (other - input); this reference returns the two the brief names.
 */
import { broadcastIndex, sameShape } from './broadcast.js';
import { operandGradients } from './kernels/broadcast_grad.js';
import { castValue } from './cast.js';
import { dtypeOf, type DType, type Storage } from './dtype.js';
import { PaddleSystemError, PaddleValueError } from './errors.js';
import {
  checkRankingCall,
  rankingSteps,
  type MarginRankingLossOptions,
  type RankingCall,
  type RankingMargin,
  type RankingSteps,
} from './margin_ranking_loss.js';
import { checkReducible, type Reduction } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { numel, Tensor } from './tensor.js';
import { negate } from './x86_nan.js';

/** The gradients of the loss with respect to its two scored operands. */
export interface RankingGradients {
  /** d loss / d input, with the input's shape and dtype. */
  readonly input: Tensor;
  /** d loss / d other, with other's shape and dtype. */
  readonly other: Tensor;
}

/**
 * d loss / d input and d loss / d other for
 * `marginRankingLoss(input, other, label, margin, reduction)`, given the
 * upstream gradient (ones of the loss's shape by default), with Paddle's
 * parameter order: `marginRankingLossGrad(input, other, label, margin = 0.0, reduction = 'mean', gradOutput)`.
 */
export function marginRankingLossGrad(
  input: Tensor,
  other: Tensor,
  label: Tensor,
  margin: RankingMargin | MarginRankingLossOptions = 0.0,
  reduction: Reduction | string = 'mean',
  gradOutput?: Tensor,
): RankingGradients {
  const call = checkRankingCall(input, other, label, margin, reduction, undefined);
  // The forward's reduction runs first and may refuse an empty loss.
  checkReducible(numel(call.lossShape), call.reduction, 'mean_all');
  checkBackwardOfEmpty(call);
  const steps = rankingSteps(call);
  const d2 = dtypeOf(call.dtype);
  const d1 = dtypeOf(call.subtractDtype);
  const atLoss = reluGradient(steps, upstream(call, d2, gradOutput), d2);
  const atProduct = call.margin === null ? atLoss : operandGradients(call.productShape, [1], call.lossShape, atLoss, null, d2).dx!;
  const atDifference = castTo(multiplyGradient(call, atProduct, d2), d2, d1);
  // subtract's gradient for its second operand is -dout: passed on element
  // by element it flips a NaN's sign (label NaN gives input's gradient
  // 0xffc00000; so does input [2] against a 0-D other), but where it is
  // summed down (input [1] against other [2], or input [2] against other
  // [1] on the common broadcast path) the NaN keeps its sign (labels
  // [NaN, 1]: 0x7fc00000; labels [-inf, 1]: 0xffc00000 from 0 × -inf).
  // Confirmed against Paddle 3.3.1. Like the sign of zero, it tells the
  // backward's paths apart (rule `ranking-grad-zero-signs`).
  const flipped = mapStorage(atDifference, d1, (v) => -v);
  const scaled = mapStorage(atDifference, d1, negate);
  const { dx, dy } = operandGradients(call.other.shape, call.input.shape, call.subtractShape, atDifference, flipped, d1, scaled);
  return {
    input: new Tensor(call.input.dtype, call.input.shape, castTo(dy!, d1, dtypeOf(call.input.dtype))),
    other: new Tensor(call.other.dtype, call.other.shape, castTo(dx!, d1, dtypeOf(call.other.dtype))),
  };
}

/**
 * An empty loss has empty gradients of the operands' shapes, as the page's
 * formula gives, since Paddle 3.0.0. Before, eager autograd could not run a
 * backward through it: [0] or [2, 0] operands with margin 0 and 'none'
 * compute the loss and then raise SystemError (confirmed against Paddle
 * 2.6.2; 'sum' and a non-zero margin fail in the forward already). A
 * departure from the page on spec cases, so no named rule describes it.
 */
function checkBackwardOfEmpty(call: RankingCall): void {
  if (paddleReleaseBefore('3.0.0') && numel(call.lossShape) === 0) {
    throw new PaddleSystemError('(Fatal) Unable to fill empty grad inputs due to empty GradSlotMeta');
  }
}

/**
 * The gradient arriving at each element of the unreduced loss.
 *
 * Rule `ranking-mean-grad-divides-by-count`: mean_all's backward gives every
 * element g / N, one division rounded in the dtype (N = 6 in float32: g = 1
 * gives 0x3e2aaaab, and the label 3 then gives exactly 0.5); sum's gives g.
 * Confirmed against Paddle 3.3.1. A grad_output of the wrong shape gets this
 * reference's own ValueError.
 */
function upstream(call: RankingCall, dtype: DType, gradOutput: Tensor | undefined): Storage {
  const shape = call.reduction === 'none' ? call.lossShape : [];
  const g = gradOutput ?? new Tensor(call.dtype, shape, fill(dtype, numel(shape), 1));
  if (!sameShape(g.shape, shape)) {
    throw new PaddleValueError(`grad_output has shape [${g.shape.join(', ')}] but the loss has shape [${shape.join(', ')}].`);
  }
  const n = numel(call.lossShape);
  if (call.reduction === 'none') return mapStorage(g.data, dtype, (_, k) => g.at(k));
  const g0 = dtype.round(g.at(0));
  const each = call.reduction === 'sum' ? g0 : dtype.round(g0 / dtype.round(n));
  return fill(dtype, n, each);
}

/**
 * relu's backward, `dout * (out > 0)`.
 *
 * Rule `ranking-relu-grad-zero-at-kink`: where -label * (input - other) +
 * margin == 0 the loss is 0 and the mask is 0, so the gradient is ±0, not
 * ∓label (PyTorch's clamp_min passes the gradient at the kink). The mask
 * multiplies: a negative upstream gives -0, a NaN upstream NaN. Confirmed
 * against Paddle 3.3.1 (input [1, 1, 2], other [1, 0.5, 1], label 1, margin
 * 0.5: input's gradient [-1, -0, -0]).
 */
function reluGradient(steps: RankingSteps, up: Storage, dtype: DType): Storage {
  return mapStorage(up, dtype, (g, k) => g * (steps.loss.at(k) > 0 ? 1 : 0));
}

/**
 * multiply's backward for its first operand, `dout * label`, summed back to
 * the shape of `other - input`.
 *
 * Rule `ranking-grad-is-mask-times-label`: the mask multiplies first and the
 * label after, so where the loss is 0 an infinite or NaN label gives
 * 0 × inf = NaN in the gradients of input and other, while a NaN input
 * (whose loss relu makes 0) gives ±0 (confirmed against Paddle 3.3.1:
 * labels [NaN, inf] with losses [0, inf] give other's gradient [NaN, inf]).
 */
function multiplyGradient(call: RankingCall, atProduct: Storage, dtype: DType): Storage {
  const { label, productShape, subtractShape } = call;
  const yAt = broadcastIndex(label.shape, productShape);
  const values = mapStorage(atProduct, dtype, (g, k) => g * label.at(yAt[k]!));
  return operandGradients(subtractShape, label.shape, productShape, values, null, dtype).dx!;
}

/** Storage of `dtype` holding f(v, k) of each value, rounded. */
function mapStorage(values: ArrayLike<number>, dtype: DType, f: (v: number, k: number) => number): Storage {
  const out = dtype.allocate(values.length);
  for (let k = 0; k < values.length; k++) dtype.set(out, k, dtype.round(f(values[k]!, k)));
  return out;
}

/** Storage of n copies of a value. */
function fill(dtype: DType, n: number, v: number): Storage {
  const out = dtype.allocate(n);
  for (let k = 0; k < n; k++) dtype.set(out, k, v);
  return out;
}

/**
 * A cast op's backward: the gradient cast to the operand's dtype as Paddle's
 * cast kernel casts (reference/cast.ts): rounded to a float dtype, truncated
 * to an integer one, where NaN, ±inf and values out of range give the
 * integer minimum. Confirmed against Paddle 3.3.1: input int64 0-D 0, other
 * float32 0, label NaN gives input's gradient -9223372036854775808 and
 * other's NaN (found by fuzzing).
 */
function castTo(values: Storage, from: DType, to: DType): Storage {
  const out = to.allocate(values.length);
  for (let k = 0; k < values.length; k++) to.set(out, k, castValue(from.get(values, k), from.name, to.name));
  return out;
}
