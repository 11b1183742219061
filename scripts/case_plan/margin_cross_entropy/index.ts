/**
 * The case plan of margin_cross_entropy (paddle.nn.functional.margin_cross_entropy (functional only)),
 * found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
