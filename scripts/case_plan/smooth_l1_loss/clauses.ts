/** The clauses of smooth_l1_loss's page (Paddle 3.3.1, English pages of paddle.nn.functional.smooth_l1_loss and paddle.nn.SmoothL1Loss), by role. */
import type { StandardClauses } from '../standard_loss.js';

const FORMULA = 'loss(x, y) = 1/n Σ_i z_i, where z_i is given by: z_i = 0.5(x_i − y_i)^2 if |x_i − y_i| < δ; δ * |x_i − y_i| − 0.5 * δ^2 otherwise';

export const CLAUSES: StandardClauses = {
  none: `${FORMULA} // If reduction is 'none', the unreduced loss is returned.`,
  mean: `${FORMULA} // If reduction is 'mean', the reduced mean loss is returned;`,
  sum: `${FORMULA} // If reduction is 'sum', the reduced sum loss is returned;`,
  input: 'input (Tensor) – Input tensor, the data type is float32 or float64. Shape is (N, C), where C is number of classes, and if shape is more than 2D, this is (N, C, D1, D2,…, Dk), k >= 1.',
  label: 'label (Tensor) – Label tensor, the data type is float32 or float64. The shape of label is the same as the shape of input.',
  reductionDefault: "reduction (str, optional) – Indicate how to average the loss by batch_size, the candidates are 'none' | 'mean' | 'sum'. … Default is 'mean'.",
  outputShape: 'Examples: … output = paddle.nn.functional.smooth_l1_loss(input, label) print(output) Tensor(shape=[], dtype=float32, place=Place(cpu), stop_gradient=True, 0.08307374)',
  layer: "class paddle.nn. SmoothL1Loss ( reduction: _ReduceMode = 'mean', delta: float = 1.0, name: str | None = None )",
  functional: "paddle.nn.functional. smooth_l1_loss ( input: Tensor, label: Tensor, reduction: _ReduceMode = 'mean', delta: float = 1.0, name: str | None = None ) Tensor",
  // The page's own example draws its operands with paddle.rand: the formula on fixed operands stands in for it.
  example: `${FORMULA} // delta (float, optional) – … Default value is 1.0.`,
};
