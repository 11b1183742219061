/**
 * paddle.nn.functional.triplet_margin_with_distance_loss(input, positive, negative, distance_function=None, margin=1.0, swap=False, reduction='mean', name=None)
 * and paddle.nn.TripletMarginWithDistanceLoss(distance_function=None, margin=1.0, swap=False, reduction='mean', name=None).
 *
 * The documentation page:
 *
 *     L(input, pos, neg) = max{d(input_i, pos_i) − d(input_i, neg_i) + margin, 0},   d(x_i, y_i) = ‖x_i − y_i‖_p
 *
 * "where the default distance function" is the 2-norm; swap compares d(input, negative) with
 * d(positive, negative) and takes the smaller. Only the default distance is reproduced: a Python
 * callable cannot cross the protocol (conformance/PROTOCOL.md).
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py) as triplet_margin_loss does
 * (reference/triplet_margin_loss.ts) with paddle.nn.PairwiseDistance(2), epsilon 1e-6, and, after the
 * swap, its own check of the distances: `paddle.all(dist >= 0)` for both, else ValueError (rule
 * `triplet-distance-negative-or-nan-refused`). Paddle's layer passes no distance_function to the
 * functional form, so TripletMarginWithDistanceLoss(distance_function=f) computes the 2-norm anyway.
 */
import { PaddleTypeError } from './errors.js';
import { Tape } from './kernels/tape.js';
import type { Tensor } from './tensor.js';
import { checkLayerReduction, tripletGrad, tripletOnTape, type TripletMarginLossTensors, type TripletTensor } from './triplet_margin_loss.js';

/** triplet_margin_with_distance_loss's keyword arguments (the default distance only); an absent one takes Paddle's default. */
export interface TripletMarginWithDistanceLossOptions {
  margin?: unknown;
  swap?: unknown;
  reduction?: unknown;
  name?: unknown;
}

/** triplet_margin_with_distance_loss's forward: the loss as Paddle 3.3.1 returns it. */
export function tripletMarginWithDistanceLoss(tensors: TripletMarginLossTensors, options: TripletMarginWithDistanceLossOptions = {}): Tensor {
  return tripletOnTape(new Tape(), tensors, options, [], 'triplet_margin_with_distance_loss').loss.value;
}

/** triplet_margin_with_distance_loss's gradients for the tensors in `wrt`, for upstream `gradOutput` (ones by default). */
export function tripletMarginWithDistanceLossGrad(tensors: TripletMarginLossTensors, options: TripletMarginWithDistanceLossOptions = {}, gradOutput?: Tensor, wrt?: readonly TripletTensor[]): Record<string, Tensor> {
  return tripletGrad(tensors, options, gradOutput, 'triplet_margin_with_distance_loss', wrt);
}

/**
 * paddle.nn.TripletMarginWithDistanceLoss: the reduction checked at construction. Rule
 * `triplet-distance-layer-no-legacy-arguments`: it has no size_average or reduce (TypeError in every release).
 */
export class TripletMarginWithDistanceLoss {
  private readonly options: TripletMarginWithDistanceLossOptions;

  /** Checks the arguments as Paddle's constructor does. */
  constructor(options: TripletMarginWithDistanceLossOptions & Record<string, unknown> = {}) {
    const unknown = Object.keys(options).find((k) => !['distance_function', 'margin', 'swap', 'reduction', 'name'].includes(k));
    if (unknown !== undefined) throw new PaddleTypeError(`TripletMarginWithDistanceLoss.__init__() got an unexpected keyword argument '${unknown}'`);
    checkLayerReduction('TripletMarginWithDistanceLoss', options);
    this.options = options;
  }

  /** The loss of the three tensors. */
  forward(tensors: TripletMarginLossTensors): Tensor {
    return tripletMarginWithDistanceLoss(tensors, this.options);
  }
}
