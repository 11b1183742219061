/**
 * The case plan of softmax_with_cross_entropy (paddle.nn.functional.softmax_with_cross_entropy), found by
 * scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
