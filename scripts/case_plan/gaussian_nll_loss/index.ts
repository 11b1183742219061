/**
 * The case plan of gaussian_nll_loss (paddle.nn.functional.gaussian_nll_loss and
 * paddle.nn.GaussianNLLLoss), found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
