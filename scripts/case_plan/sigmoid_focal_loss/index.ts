/**
 * The case plan of sigmoid_focal_loss (paddle.nn.functional.sigmoid_focal_loss (functional only)),
 * found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
