/**
 * The case plan of kl_div (paddle.nn.functional.kl_div and
 * paddle.nn.KLDivLoss), found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
