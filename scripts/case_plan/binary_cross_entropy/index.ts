/**
 * The case plan of binary_cross_entropy (paddle.nn.functional.binary_cross_entropy and paddle.nn.BCELoss),
 * found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
