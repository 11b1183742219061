/** The clauses of mse_loss's page (Paddle 3.3.1, English pages of paddle.nn.functional.mse_loss and paddle.nn.MSELoss), by role. */
import type { StandardClauses } from '../standard_loss.js';

export const CLAUSES: StandardClauses = {
  none: "If reduction is set to 'none', loss is calculated as: Out = (input − label)^2",
  mean: "If reduction is set to 'mean', loss is calculated as: Out = mean((input − label)^2)",
  sum: "If reduction is set to 'sum', loss is calculated as: Out = sum((input − label)^2)",
  input: 'input (Tensor) – Input tensor, the data type should be float32 or float64.',
  label: 'label (Tensor) – Label tensor, the data type should be float32 or float64.',
  reductionDefault: "reduction (string, optional) – The reduction method for the output, could be ‘none’ | ‘mean’ | ‘sum’. … Default is 'mean'.",
  outputShape: "Examples: … output = mse_loss(input, label) print(output) Tensor(shape=[], dtype=float32, place=Place(cpu), stop_gradient=True, 0.04000002)",
  layer: "class paddle.nn. MSELoss ( reduction: _ReduceMode = 'mean' )",
  functional: "paddle.nn.functional. mse_loss ( input: Tensor, label: Tensor, reduction: _ReduceMode = 'mean', name: str | None = None ) Tensor",
  example: 'Examples: mse_loss = paddle.nn.loss.MSELoss() input = paddle.to_tensor([1.5]) label = paddle.to_tensor([1.7]) output = mse_loss(input, label) print(output) Tensor(shape=[], dtype=float32, place=Place(cpu), stop_gradient=True, 0.04000002)',
};
