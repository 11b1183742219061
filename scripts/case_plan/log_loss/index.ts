/**
 * The case plan of log_loss (paddle.nn.functional.log_loss (functional only)),
 * found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
