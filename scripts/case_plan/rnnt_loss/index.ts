/**
 * The case plan of rnnt_loss (paddle.nn.functional.rnnt_loss and paddle.nn.RNNTLoss),
 * found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
