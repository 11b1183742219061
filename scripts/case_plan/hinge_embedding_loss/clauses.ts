/**
 * Clauses of the documentation page (paddle.nn.HingeEmbeddingLoss), quoted
 * from its English rendering in the shared spec notes, with the Chinese
 * original's wording where the rendering abbreviates. A `spec` case names the
 * clauses its expectation relies on.
 */
import { quoter } from '../clauses.js';

/** The page's clauses that cases rely on, by short name. */
export const CLAUSES = {
  formula: 'l_n = x_n if y_n = 1; l_n = max(0, margin - x_n) if y_n = -1',
  mean: "loss = mean(L) if reduction == 'mean'",
  sum: "loss = sum(L) if reduction == 'sum'",
  none: "loss = L if reduction == 'none'",
  marginDefault: 'margin (float, optional): for label -1, only inputs below margin contribute. Default 1.0.',
  reductionDefault: "reduction (str, optional): 'none' | 'mean' | 'sum'. Default 'mean'.",
  dtypes: 'input (Tensor): shape [N, *], any number of extra dimensions; float32 or float64. label (Tensor): ... float32 or float64.',
  shapes: 'input (Tensor): shape [N, *], any number of extra dimensions. label (Tensor): shape [N, *], same as input.',
  outputShape: "Output - 'none': same shape as input. 'mean' / 'sum': shape [] (a 0-D tensor).",
  layer: "class paddle.nn.HingeEmbeddingLoss(margin=1.0, reduction='mean', name=None)",
  functional: "paddle.nn.functional.hinge_embedding_loss(input, label, margin=1.0, reduction='mean', name=None)",
  example:
    "Example (float32): input = [[1, -2, 3], [0, -1, 2], [1, 0, 1]], label = [[-1, 1, -1], [1, 1, 1], [1, -1, 1]]; " +
    "reduction='none' -> [[0, -2, 0], [0, -1, 2], [1, 1, 1]]; reduction='mean' -> 0.22222222",
} as const;

/** The short name of a clause. */
export type ClauseName = keyof typeof CLAUSES;

/** The quoted text of several of the page's clauses, joined in the order given. */
export const quote = quoter(CLAUSES);

export { CLAUSE_SEPARATOR, reductionClause } from '../clauses.js';
