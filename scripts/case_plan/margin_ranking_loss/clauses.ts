/**
 * Clauses of the documentation page of paddle.nn.functional.margin_ranking_loss
 * and paddle.nn.MarginRankingLoss (Paddle 3.3.1, English page, with the
 * Chinese page's wording where it says more). A `spec` case names the clauses
 * its expectation relies on.
 */
import { quoter } from '../clauses.js';

/** The page's clauses that cases rely on, by short name. */
export const CLAUSES = {
  formula: 'margin_rank_loss = max(0, -label * (input - other) + margin)',
  mean: "If reduction set to 'mean', the reduced mean loss is: Out = MEAN(margin_rank_loss)",
  sum: "If reduction set to 'sum', the reduced sum loss is: Out = SUM(margin_rank_loss)",
  none: "If reduction set to 'none', just return the origin margin_rank_loss.",
  marginDefault: 'margin (float, optional) – The margin value to add, default value is 0',
  reductionDefault: "reduction (str, optional) – … the candidates are 'none', 'mean', 'sum'. … Default is 'mean'.",
  dtypes: "input (Tensor) – the first input tensor, it's data type should be float32, float64. other (Tensor) – … float32, float64. label (Tensor) – … float32, float64.",
  shapes: 'input: N-D Tensor, the shape is [N, *] … other: N-D Tensor, other have the same shape and dtype as input. label: N-D Tensor, label have the same shape and dtype as input.',
  outputShape: "Returns: Tensor, if reduction is 'mean' or 'sum', the out shape is [], otherwise the shape is the same as input. The same dtype as input, other.",
  layer: "class paddle.nn.MarginRankingLoss(margin=0.0, reduction='mean', name=None)",
  functional: "paddle.nn.functional.margin_ranking_loss(input, other, label, margin=0.0, reduction='mean', name=None)",
  example:
    "Example: input = [[1, 2], [3, 4]], other = [[2, 1], [2, 4]], label = [[1, -1], [-1, -1]] (float32); " +
    'paddle.nn.MarginRankingLoss()(input, other, label) -> 0.75000000',
} as const;

/** The short name of a clause. */
export type ClauseName = keyof typeof CLAUSES;

/** The quoted text of several of the page's clauses, joined in the order given. */
export const quote = quoter(CLAUSES);

export { CLAUSE_SEPARATOR, reductionClause } from '../clauses.js';
