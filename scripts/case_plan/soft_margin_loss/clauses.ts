/**
 * Clauses of the documentation page of paddle.nn.functional.soft_margin_loss
 * and paddle.nn.SoftMarginLoss (Paddle 3.3.1, English pages). A `spec` case
 * names the clauses its expectation relies on.
 */
import { quoter } from '../clauses.js';

/** The page's clauses that cases rely on, by short name. */
export const CLAUSES = {
  formula: 'The API measures the soft margin loss between input predictions input and target labels label . It can be described as: Out = log(1 + exp((-label * input)))',
  input:
    'input (Tensor) – The input predications tensor with shape: [N, *], N is batch_size, * means any number of additional dimensions. The input ranges from -inf to inf. Available dtype is float32, float64.',
  label:
    'label (Tensor) – The target labels tensor with the same shape as input. The target labels which values should be numbers -1 or 1. Available dtype is int32, int64, float32, float64.',
  none: "If reduction is 'none', the unreduced loss is returned;",
  mean: "If reduction is 'mean', the reduced mean loss is returned;",
  sum: "If reduction is 'sum', the summed loss is returned.",
  reductionDefault: "reduction (str, optional) – Indicate how to average the loss by batch_size, the candidates are 'none' | 'mean' | 'sum'. … Default is 'mean'.",
  outputShape: "Returns: If reduction is 'none', the shape of output is same as input , else the shape of output is [].",
  layer: "class paddle.nn. SoftMarginLoss ( reduction: _ReduceMode = 'mean', name: str | None = None )",
  functional: "paddle.nn.functional. soft_margin_loss ( input: Tensor, label: Tensor, reduction: _ReduceMode = 'mean', name: str | None = None ) Tensor",
  example:
    "Examples: input = paddle.to_tensor([[0.5, 0.6, 0.7],[0.3, 0.5, 0.2]], 'float32') label = paddle.to_tensor([[1.0, -1.0, 1.0],[-1.0, 1.0, 1.0]], 'float32') " +
    'output = paddle.nn.functional.soft_margin_loss(input, label) print(output) Tensor(shape=[], dtype=float32, place=Place(cpu), stop_gradient=True, 0.64022040)',
} as const;

/** The short name of a clause. */
export type ClauseName = keyof typeof CLAUSES;

/** The quoted text of several of the page's clauses, joined in the order given. */
export const quote = quoter(CLAUSES);

export { CLAUSE_SEPARATOR, reductionClause } from '../clauses.js';
