/**
 * The case plan of triplet_margin_with_distance_loss (paddle.nn.functional.triplet_margin_with_distance_loss and
 * paddle.nn.TripletMarginWithDistanceLoss), found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
