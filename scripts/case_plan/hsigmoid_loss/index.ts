/**
 * The case plan of hsigmoid_loss (paddle.nn.functional.hsigmoid_loss and paddle.nn.HSigmoidLoss), found by
 * scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
