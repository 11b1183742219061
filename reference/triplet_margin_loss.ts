/**
 * paddle.nn.functional.triplet_margin_loss(input, positive, negative, margin=1.0, p=2, epsilon=1e-6, swap=False, reduction='mean', name=None)
 * and paddle.nn.TripletMarginLoss(margin=1.0, p=2.0, epsilon=1e-6, swap=False, reduction='mean', name=None).
 *
 * The documentation page:
 *
 *     L(input, pos, neg) = max{d(input_i, pos_i) − d(input_i, neg_i) + margin, 0},   d(x_i, y_i) = ‖x_i − y_i‖_p
 *
 * with input, positive and negative of one shape [N, *], float32 or float64.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py, and pairwise_distance in
 * python/paddle/nn/functional/distance.py) as
 *
 *     (the reduction, then margin < 0, then the three shapes: ValueError)
 *     d(x, y) = p_norm(subtract(x, y) + to_tensor([epsilon], dtype)  if epsilon != 0.0,  p, axis=-1)
 *     positive_dist = d(input, positive);  negative_dist = d(input, negative)
 *     if swap: negative_dist = minimum(negative_dist, d(positive, negative))
 *     loss = clip(positive_dist − negative_dist + margin, min=0.0)
 *     'mean': paddle.mean(loss)    'sum': paddle.sum(loss)    'none': loss
 *
 * over subtract, add, p_norm, minimum, scale (`+ margin`), clip and mean or sum (reference/kernels/).
 * epsilon is added to every element of x − y before the
 * norm (as PyTorch's pairwise_distance), not to the norm: equal rows are 1e-6·D^(1/p) apart, and x − y
 * = −epsilon makes a zero row, whose gradient is NaN for p = 2 (p_norm.ts). The same release history as
 * its primitives', and the shape message's two spaces before Paddle 3.2.0.
 */
import { PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { add } from './kernels/add.js';
import { clip } from './kernels/clip.js';
import { full } from './kernels/full.js';
import { mean } from './kernels/mean.js';
import { minimum } from './kernels/minimum.js';
import { pNorm } from './kernels/p_norm.js';
import { scale } from './kernels/scale.js';
import { subtract } from './kernels/subtract.js';
import { sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { pythonStr } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { full as filled, type Tensor } from './tensor.js';

/** The three tensors of a triplet loss, by Paddle's parameter names. */
export interface TripletMarginLossTensors {
  input: Tensor;
  positive: Tensor;
  negative: Tensor;
}

/** triplet_margin_loss's keyword arguments; an absent one takes Paddle's default. */
export interface TripletMarginLossOptions {
  margin?: unknown;
  p?: unknown;
  epsilon?: unknown;
  swap?: unknown;
  reduction?: unknown;
  name?: unknown;
}

/** triplet_margin_loss's forward: the loss as Paddle 3.3.1 returns it. */
export function tripletMarginLoss(tensors: TripletMarginLossTensors, options: TripletMarginLossOptions = {}): Tensor {
  return tripletOnTape(new Tape(), tensors, options, [], 'triplet_margin_loss').loss.value;
}

/** triplet_margin_loss's gradient with respect to each tensor, for upstream `gradOutput` (ones of the loss's shape by default). */
export function tripletMarginLossGrad(tensors: TripletMarginLossTensors, options: TripletMarginLossOptions = {}, gradOutput?: Tensor, wrt: readonly TripletTensor[] = TRIPLET_TENSORS): Record<string, Tensor> {
  return tripletGrad(tensors, options, gradOutput, 'triplet_margin_loss', wrt);
}

/**
 * paddle.nn.TripletMarginLoss: the reduction checked at construction (margin only at the call).
 * Rule `triplet-layer-legacy-arguments`: size_average or reduce raise ValueError ([Deprecated] …)
 * since Paddle 3.3.0; before, TypeError (unexpected keyword argument).
 */
export class TripletMarginLoss {
  private readonly options: TripletMarginLossOptions;

  /** Checks the arguments as Paddle's constructor does. */
  constructor(options: TripletMarginLossOptions & Record<string, unknown> = {}) {
    const legacy = (['size_average', 'reduce'] as const).find((k) => k in options);
    if (legacy !== undefined) {
      if (paddleReleaseBefore('3.3.0')) throw new PaddleTypeError(`TripletMarginLoss.__init__() got an unexpected keyword argument '${legacy}'`);
      throw new PaddleValueError("[Deprecated] 'TripletMarginLoss' no longer supports 'reduce' or 'size_average'.");
    }
    checkLayerReduction('TripletMarginLoss', options);
    this.options = options;
  }

  /** The loss of the three tensors. */
  forward(tensors: TripletMarginLossTensors): Tensor {
    return tripletMarginLoss(tensors, this.options);
  }
}

/** The layers' check: reduction ValueError naming the class, at construction. */
export function checkLayerReduction(layer: string, options: { reduction?: unknown }): void {
  const reduction = 'reduction' in options ? options.reduction : 'mean';
  if (reduction === 'none' || reduction === 'mean' || reduction === 'sum') return;
  throw new PaddleValueError(`The value of 'reduction' in ${layer} should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}, which is not allowed.`);
}

/** A triplet tensor's name. */
export type TripletTensor = keyof TripletMarginLossTensors;
const TRIPLET_TENSORS: readonly TripletTensor[] = ['input', 'positive', 'negative'];

/** The gradients of either triplet loss, by tensor name, for the tensors in `wrt` (stop_gradient=False; the others True). */
export function tripletGrad(tensors: TripletMarginLossTensors, options: TripletMarginLossOptions, gradOutput: Tensor | undefined, api: TripletApi, wrt: readonly TripletTensor[] = TRIPLET_TENSORS): Record<string, Tensor> {
  const tape = new Tape();
  const { loss, leaves } = tripletOnTape(tape, tensors, options, wrt, api);
  const grads = tape.backward(loss, gradOutput ?? filled(loss.value.shape, 1, loss.value.dtype));
  return Object.fromEntries(wrt.map((name) => [name, grads.get(leaves[name].id) ?? filled(leaves[name].value.shape, 0, leaves[name].value.dtype)]));
}

/** The functional form of each triplet loss. */
export type TripletApi = 'triplet_margin_loss' | 'triplet_margin_with_distance_loss';

/**
 * The transcription of Paddle's source on a tape; triplet_margin_with_distance_loss's default
 * distance is the same PairwiseDistance(2, epsilon=1e-6), then its check of the distances.
 */
export function tripletOnTape(tape: Tape, tensors: TripletMarginLossTensors, options: TripletMarginLossOptions, wrt: readonly TripletTensor[], api: TripletApi): { loss: Var; leaves: Record<TripletTensor, Var> } {
  const get = (key: keyof TripletMarginLossOptions, fallback: unknown): unknown => (key in options ? options[key] : fallback);
  const reduction = get('reduction', 'mean');
  // Rule `triplet-checks-in-source-order`: the reduction, then the margin, then the shapes, each a ValueError; then the kernels' own.
  if (reduction !== 'none' && reduction !== 'mean' && reduction !== 'sum') {
    throw new PaddleValueError(`'reduction' in '${api}' should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}.`);
  }
  const margin = get('margin', 1.0);
  if (typeof margin !== 'number' && typeof margin !== 'boolean') throw new PaddleTypeError(`'<' not supported between instances of '${pythonTypeName(margin)}' and 'int'`);
  if (Number(margin) < 0) throw new PaddleValueError('The margin between positive samples and negative samples should be greater than 0.');
  const { input, positive, negative } = tensors;
  if (![positive, negative].every((t) => t.shape.join() === input.shape.join() && t.shape.length === input.shape.length)) {
    throw new PaddleValueError(paddleReleaseBefore('3.2.0') ? "input's shape must equal to positive's shape and  negative's shape" : "input's shape must equal to positive's shape and negative's shape");
  }
  const leaves = { input: tape.leaf(input, wrt.includes('input')), positive: tape.leaf(positive, wrt.includes('positive')), negative: tape.leaf(negative, wrt.includes('negative')) };
  const [p, epsilon] = api === 'triplet_margin_loss' ? [get('p', 2), get('epsilon', 1e-6)] : [2, 1e-6];
  const distance = (x: Var, y: Var): Var => pairwiseDistance(tape, x, y, p, epsilon);
  const positiveDist = distance(leaves.input, leaves.positive);
  let negativeDist = distance(leaves.input, leaves.negative);
  // Python's `if swap:` (1 and 'x' swap, 0, '' and None do not).
  const swap = get('swap', false);
  if (swap !== null && swap !== false && swap !== 0 && swap !== '') negativeDist = minimum(tape, negativeDist, distance(leaves.positive, leaves.negative));
  if (api === 'triplet_margin_with_distance_loss') checkDistances(positiveDist, negativeDist);
  const difference = subtract(tape, positiveDist, negativeDist);
  // `+ margin`: scale(x, 1, margin) for a Python int or float, full(margin) added for a bool (scale.ts, full.ts).
  const shifted = typeof margin === 'number' ? scale(tape, difference, 1, margin) : add(tape, difference, full(tape, difference.value.shape, margin, difference.value.dtype));
  // Rule `clip-keeps-nan`: a NaN distance gives a NaN loss. Rule `clip-caps-at-dtype-max`: an inf (a norm that overflowed, rule `p-norm-powers-unscaled`) becomes the dtype's largest value.
  const loss = clip(tape, shifted, 0);
  return { loss: reduction === 'mean' ? mean(tape, loss) : reduction === 'sum' ? sumAll(tape, loss) : loss, leaves };
}

/**
 * paddle.nn.functional.pairwise_distance(x, y, p, epsilon) in eager mode. `epsilon != 0.0` decides whether it is added, as
 * to_tensor([epsilon], dtype=sub.dtype), a [1] tensor (so a 0-D difference becomes [1]):
 * a bool is 0 or 1, None raises ValueError (empty message) and a str TypeError from to_tensor;
 * p must be a Python number or bool, else TypeError from p_norm's argument parser.
 */
function pairwiseDistance(tape: Tape, x: Var, y: Var, p: unknown, epsilon: unknown): Var {
  let sub = subtract(tape, x, y);
  if (epsilon !== 0 && epsilon !== false) {
    if (epsilon === null || epsilon === undefined) throw new PaddleValueError('');
    if (typeof epsilon !== 'number' && typeof epsilon !== 'boolean') throw new PaddleTypeError(`dtype must be any of [bool, float16, uint16, float32, float64, int8, int16, int32, int64, uint8, complex64, complex128, bfloat16], but received ${pythonTypeName(epsilon)}`);
    sub = add(tape, sub, full(tape, [1], Number(epsilon), sub.value.dtype));
  }
  if (typeof p !== 'number' && typeof p !== 'boolean') throw new PaddleTypeError(`(InvalidType) p_norm(): argument (position 2) must be double, but got ${pythonTypeName(p)}`);
  // Rule `triplet-distance-along-last-axis`: the norm of each row of the last axis, whatever the rank.
  return pNorm(tape, sub, Number(p));
}

/**
 * Rule `triplet-distance-negative-or-nan-refused` (triplet_margin_with_distance_loss): after the
 * swap, `paddle.all(dist >= 0)` must hold for both distances, so a NaN distance raises ValueError;
 * before Paddle 3.1.1 the test was `> 0`, so a zero distance (x − y = −1e-6 in every element) raised too.
 */
function checkDistances(...distances: Var[]): void {
  const strict = paddleReleaseBefore('3.1.1');
  for (const d of distances) {
    for (let k = 0; k < d.value.size; k++) {
      const v = d.value.at(k);
      if (strict ? v > 0 : v >= 0) continue;
      throw new PaddleValueError('The positive distance or negative distance should be greater than 0, The distance functions should be checked.');
    }
  }
}
