/** The clauses of multi_label_soft_margin_loss's page (Paddle 3.3.1, English pages of paddle.nn.functional.multi_label_soft_margin_loss and paddle.nn.MultiLabelSoftMarginLoss), by role. */
import type { StandardClauses } from '../standard_loss.js';

const FORMULA = 'loss(x, y) = − 1/C * Σ_i y[i] * log((1 + exp(−x[i]))^−1) + (1 − y[i]) * log(exp(−x[i]) / (1 + exp(−x[i])))';
const REDUCTION = "reduction (str, optional) – Indicate how to average the loss by batch_size, the candidates are 'none' | 'mean' | 'sum'.";

/** The standard plan's clauses. */
export const CLAUSES: StandardClauses = {
  none: `${FORMULA} // ${REDUCTION} If reduction is 'none', the unreduced loss is returned;`,
  mean: `${FORMULA} // ${REDUCTION} If reduction is 'mean', the reduced mean loss is returned;`,
  sum: `${FORMULA} // ${REDUCTION} If reduction is 'sum', the summed loss is returned.`,
  input: 'input (Tensor) – Input tensor, the data type is float32 or float64. Shape is (N, C), where C is number of classes, and if shape is more than 2D, this is (N, C, D1, D2,…, Dk), k >= 1.',
  label: 'label (Tensor) – Label tensor, the data type is float32 or float64. The shape of label is the same as the shape of input.',
  reductionDefault: `${REDUCTION} … Default: 'mean'`,
  // The page's Shape says a 'none' output has the input's shape; its example prints shape [3] for a [3, 3] input, as Paddle returns.
  outputShape: "Examples: … loss = F.multi_label_soft_margin_loss(input, label, reduction='none') … Tensor(shape=[3] … loss = F.multi_label_soft_margin_loss(input, label, reduction='mean') … Tensor(shape=[] …",
  layer: "class paddle.nn. MultiLabelSoftMarginLoss ( weight: Tensor | None = None, reduction: _ReduceMode = 'mean', name: str | None = None )",
  functional: "paddle.nn.functional. multi_label_soft_margin_loss ( input: Tensor, label: Tensor, weight: Tensor | None = None, reduction: _ReduceMode = 'mean', name: str | None = None ) Tensor",
  example: ">>> input = paddle.to_tensor([[1, -2, 3], [0, -1, 2], [1, 0, 1]], dtype=paddle.float32) >>> # label elements in {1., -1.} >>> label = paddle.to_tensor([[-1, 1, -1], [1, 1, 1], [1, -1, 1]], dtype=paddle.float32)",
};

/** The page's clause on the weight. */
export const WEIGHT = "weight (Tensor,optional) – a manual rescaling weight given to each class. If given, has to be a Tensor of size C and the data type is float32, float64. Default is 'None' .";
