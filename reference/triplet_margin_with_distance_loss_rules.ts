/**
 * The named rules of paddle.nn.functional.triplet_margin_with_distance_loss and paddle.nn.TripletMarginWithDistanceLoss:
 * triplet_margin_loss's source and primitives (its default distance is the same PairwiseDistance), and its check of the distances.
 */
import { TRIPLET_KERNEL_RULES, TRIPLET_SHARED_RULES } from './triplet_margin_loss_rules.js';

/** Every triplet_margin_with_distance_loss rule, with the one line a failure report prints for it. */
export const TRIPLET_MARGIN_WITH_DISTANCE_LOSS_RULES = {
  ...TRIPLET_SHARED_RULES,
  'triplet-distance-negative-or-nan-refused':
    'after the swap both distances must satisfy paddle.all(d >= 0): a NaN distance raises ValueError (The positive distance or negative distance should be greater than 0, …); before Paddle 3.1.1 the test was d > 0, so a zero distance (x − y = −1e-6 in every element) raised too',
  'triplet-distance-layer-no-legacy-arguments':
    "TripletMarginWithDistanceLoss(size_average=…) or reduce=… raise TypeError (unexpected keyword argument) in every release, where TripletMarginLoss raises the [Deprecated] ValueError since Paddle 3.3.0",
  ...TRIPLET_KERNEL_RULES,
} as const satisfies Record<string, string>;
