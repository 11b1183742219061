/**
 * The case plan of triplet_margin_loss (paddle.nn.functional.triplet_margin_loss and
 * paddle.nn.TripletMarginLoss), found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
