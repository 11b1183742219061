/**
 * The case plan of square_error_cost (paddle.nn.functional.square_error_cost (functional only)),
 * found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
