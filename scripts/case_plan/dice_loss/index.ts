/**
 * The case plan of dice_loss (paddle.nn.functional.dice_loss (functional only)),
 * found by scripts/case_plan/plan.ts by this folder's name.
 */
export { GROUPS } from './groups.js';
