/** The clauses of gaussian_nll_loss's page (Paddle 3.3.1, English pages of paddle.nn.functional.gaussian_nll_loss and paddle.nn.GaussianNLLLoss), by role. */
import type { StandardClauses } from '../standard_loss.js';

const FORMULA = 'loss = 1/2 (log(max(var, epsilon)) + (input - label)^2 / max(var, epsilon)) + const. … By default, the constant term of the loss function is omitted unless full is True.';
const REDUCTION = "reduction (str, optional) – specifies the reduction to apply to the output:'none' | 'mean' | 'sum'. 'none': no reduction will be applied, 'mean': the output is the average of all batch member losses, 'sum': the output is the sum of all batch member losses. Default: 'mean'.";

/** The standard plan's clauses. */
export const CLAUSES: StandardClauses = {
  none: `${FORMULA} // ${REDUCTION}`,
  mean: `${FORMULA} // ${REDUCTION}`,
  sum: `${FORMULA} // ${REDUCTION}`,
  input: 'input (Tensor) – input tensor, (N, *) or (*) where * means any number of additional dimensions. Expectation of the Gaussian distribution, available dtype is float32, float64.',
  label: 'label (Tensor) – target label tensor, (N, *) or (*), same shape as the input, or same shape as the input but with one dimension equal to 1 (to allow for broadcasting). Sample from the Gaussian distribution, available dtype is float32, float64.',
  reductionDefault: REDUCTION,
  outputShape: "Returns: output (Tensor): If reduction is 'none', the shape of output is same as input , else the shape of output is [].",
  layer: "class paddle.nn. GaussianNLLLoss ( full: bool = False, epsilon: float = 1e-06, reduction: _ReduceMode = 'mean', name: str | None = None ) … forward(input, label, variance)",
  functional: "paddle.nn.functional. gaussian_nll_loss ( input: Tensor, label: Tensor, variance: Tensor, full: bool = False, epsilon: float = 1e-06, reduction: _ReduceMode = 'mean', name: str | None = None ) Tensor",
  // The page's example draws its operands with paddle.randn under a seed: the formula on fixed operands stands in for it.
  example: `${FORMULA} // variance (Tensor) – tensor of positive variance(s), (N, *) or (*), same shape as the input`,
};

/** The page's clauses beyond the standard plan's: variance, full and epsilon. */
export const OWN_CLAUSES = {
  variance: 'variance (Tensor) – tensor of positive variance(s), (N, *) or (*), same shape as the input, or same shape as the input but with one dimension equal to 1, or same shape as the input but with one fewer dimension (to allow for broadcasting). … available dtype is float32, float64.',
  homoscedastic: 'If variance is not the same size as input (due to a homoscedastic assumption), it must either have a final dimension of 1 or have one fewer dimension (with all other sizes being the same) for correct broadcasting.',
  full: 'full (bool, optional) – include the constant term in the loss calculation. Default: False.',
  epsilon: 'epsilon (float, optional) – value used to clamp variance (see note below), for stability. Default: 1e-6.',
} as const;
