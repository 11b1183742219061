/**
 * The case plan of binary_cross_entropy_with_logits (paddle.nn.functional.binary_cross_entropy_with_logits and paddle.nn.BCEWithLogitsLoss),
 * found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
