/**
 * The case plan of cross_entropy (paddle.nn.functional.cross_entropy and paddle.nn.CrossEntropyLoss),
 * found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
