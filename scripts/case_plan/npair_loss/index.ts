/**
 * The case plan of npair_loss (paddle.nn.functional.npair_loss (functional only)),
 * found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
