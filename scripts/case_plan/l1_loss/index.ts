/**
 * The case plan of l1_loss (paddle.nn.functional.l1_loss and
 * paddle.nn.L1Loss), found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
