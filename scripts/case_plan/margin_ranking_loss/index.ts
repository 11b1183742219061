/**
 * The case plan of margin_ranking_loss (paddle.nn.functional.margin_ranking_loss
 * and paddle.nn.MarginRankingLoss), found by scripts/case_plan/plan.ts by this
 * folder's name.
 */
export { GROUPS } from './groups.js';
