/**
 * Clauses of the documentation pages of paddle.nn.functional.cosine_embedding_loss
 * and paddle.nn.CosineEmbeddingLoss (Paddle 3.3.1, English pages, with the
 * Chinese page's wording where it says more). A `spec` case names the clauses
 * its expectation relies on.
 *
 * The page prints the label -1 branch as `max(0, cos(input1, input2)) - margin`,
 * while its own example clips the loss (its second row, cos < 0.5 under
 * label -1 with margin 0.5, gives 0, not a negative loss). Both hold for
 * `max(0, max(0, cos) - margin)`, which is Paddle's clip(cos - margin, min=0)
 * whenever margin >= 0: a case whose result rests on where the clip sits
 * quotes the example's 'none' output beside the formula. Under a negative
 * margin the two readings part where cos < 0, and the page contradicting
 * itself fixes nothing there: those cases cite rule cosine-clip-after-margin.
 */
import { quoter } from '../clauses.js';

/** The page's clauses that cases rely on, by short name. */
export const CLAUSES = {
  positive: 'If label = 1, then the loss value can be calculated as follow: Out = 1 - cos(input1, input2)',
  negative: 'If label = -1, then the loss value can be calculated as follow: Out = max(0, cos(input1, input2)) - margin',
  cosine: 'The operator cos can be described as follow: cos(x1, x2) = x1 · x2 / (‖x1‖₂ * ‖x2‖₂)',
  mean: "'mean': the sum of the output will be divided by the number of elements in the output",
  sum: "'sum': the output will be summed.",
  none: "'none': no reduction will be applied",
  reductionDefault: "reduction (string, optional) – Specifies the reduction to apply to the output: 'none' | 'mean' | 'sum'. … 默认为 'mean'",
  marginDefault: 'margin (float, optional) – Should be a number from -1 to 1, 0 to 0.5 is suggested. If margin is missing, the default value is 0.',
  inputShape: "input1 (Tensor) – tensor with shape: [N, M] or [M], 'N' means batch size, which can be 0, 'M' means the length of input array. Available dtypes are float32, float64.",
  labelShape: "label (Tensor) – tensor with shape: [N] or [1], 'N' means the length of input array. The target labels values should be -1 or 1. Available dtypes are int32, int64, float32, float64.",
  outputShape: "如果 reduction 为 'none'，则输出 Loss 的维度为 [N]，与输入 input1 和 input2 相同。如果 reduction 为 'mean' 或 'sum'，则输出 Loss 的维度为 []。",
  layer: "class paddle.nn.CosineEmbeddingLoss(margin: float = 0, reduction: _ReduceMode = 'mean', name: str | None = None)",
  functional:
    "paddle.nn.functional.cosine_embedding_loss(input1: Tensor, input2: Tensor, label: Tensor, margin: float = 0, reduction: _ReduceMode = 'mean', name: str | None = None)",
  example:
    "Example: input1 = [[1.6, 1.2, -0.5], [3.2, 2.6, -5.8]], input2 = [[0.5, 0.5, -1.8], [2.3, -1.4, 1.1]] (float32), label = [1, -1] (int64); " +
    "CosineEmbeddingLoss(margin=0.5, reduction='mean') -> 0.21155193, reduction='sum' -> 0.42310387",
  exampleNone: "Example: CosineEmbeddingLoss(margin=0.5, reduction='none') -> [0.42310387, 0.        ] (the label -1 row, whose cos is below the margin, gives 0)",
} as const;

/** The short name of a clause. */
export type ClauseName = keyof typeof CLAUSES;

/** The quoted text of several of the page's clauses, joined in the order given. */
export const quote = quoter(CLAUSES);

export { CLAUSE_SEPARATOR, reductionClause } from '../clauses.js';
