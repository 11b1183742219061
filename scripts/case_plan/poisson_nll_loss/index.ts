/**
 * The case plan of poisson_nll_loss (paddle.nn.functional.poisson_nll_loss and
 * paddle.nn.PoissonNLLLoss), found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
