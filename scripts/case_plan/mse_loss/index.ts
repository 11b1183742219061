/** The case plan of mse_loss (paddle.nn.functional.mse_loss and paddle.nn.MSELoss), found by scripts/case_plan/plan.ts by this folder's name. */
export { GROUPS } from './groups.js';
