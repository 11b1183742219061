/**
 * The case plan of ctc_loss (paddle.nn.functional.ctc_loss and paddle.nn.CTCLoss), found by
 * scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
