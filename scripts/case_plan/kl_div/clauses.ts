/** The clauses of kl_div's page (Paddle 3.3.1, English pages of paddle.nn.functional.kl_div and paddle.nn.KLDivLoss), by role. */
import type { StandardClauses } from '../standard_loss.js';

const FORMULA = 'If log_target is False: l(x, y) = y * (log(y) - x) … Here x is input and y is label.';

/** The standard plan's clauses. */
export const CLAUSES: StandardClauses = {
  none: `${FORMULA} // If reduction is 'none', the output loss is the same shape as the input, and the loss at each point is calculated separately. There is no reduction to the result.`,
  mean: `${FORMULA} // If reduction is 'mean', the output loss is the shape of [], and the output is the average of all losses.`,
  sum: `${FORMULA} // If reduction is 'sum', the output loss is the shape of [], and the output is the sum of all losses.`,
  input: 'input (Tensor) – The input tensor. The shapes is [N, *], where N is batch size and * means any number of additional dimensions. It’s data type should be float32, float64.',
  label: 'label (Tensor) – label. The shapes is [N, *], same shape as input . It’s data type should be float32, float64.',
  reductionDefault: "reduction (str, optional) – Indicate how to average the loss, the candidates are 'none' | 'batchmean' | 'mean' | 'sum'. … Default is 'mean'.",
  outputShape: "Examples: … # 'mean' reduction, loss shape will be [], who is 0-D Tensor … # 'none' reduction, loss shape is same with input shape",
  layer: "class paddle.nn. KLDivLoss ( reduction: _ReduceMode = 'mean', log_target: bool = False )",
  functional: "paddle.nn.functional. kl_div ( input: Tensor, label: Tensor, reduction: _ReduceMode = 'mean', log_target: bool = False, name: str | None = None ) Tensor",
  // The page's own example draws its operands with paddle.randn and paddle.uniform: the formula on fixed operands stands in for it.
  example: `${FORMULA} // Notes that Input(X) is the log-probability and Input(Target) is the probability.`,
};

/** The page's clauses beyond the standard plan's: log_target and 'batchmean'. */
export const OWN_CLAUSES = {
  logTarget: 'If log_target is True: l(x, y) = exp(y) * (y - x) // log_target (bool, optional) – Indicate whether label is passed in log space. Default is False.',
  batchmean: "If reduction is 'batchmean', … the output is the sum of all losses divided by the batch size. // input (Tensor) – The shapes is [N, *], where N is batch size",
  batchmeanShape: "Examples: … # 'batchmean' reduction, loss shape will be [], who is 0-D Tensor",
} as const;
