/**
 * The case plan of soft_margin_loss (paddle.nn.functional.soft_margin_loss
 * and paddle.nn.SoftMarginLoss), found by scripts/case_plan/plan.ts by this
 * folder's name.
 */
export { GROUPS } from './groups.js';
