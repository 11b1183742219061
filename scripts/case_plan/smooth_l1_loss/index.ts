/** The case plan of smooth_l1_loss (paddle.nn.functional.smooth_l1_loss and paddle.nn.SmoothL1Loss), found by scripts/case_plan/plan.ts by this folder's name. */
export { GROUPS } from './groups.js';
