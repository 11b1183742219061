/**
 * The case plan of nll_loss (paddle.nn.functional.nll_loss and paddle.nn.NLLLoss), found by
 * scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
