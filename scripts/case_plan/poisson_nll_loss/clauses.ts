/** The clauses of poisson_nll_loss's page (Paddle 3.3.1, English pages of paddle.nn.functional.poisson_nll_loss and paddle.nn.PoissonNLLLoss), by role. */
import type { StandardClauses } from '../standard_loss.js';

const LOG_INPUT = 'log_input (bool, optional) – Whether to the treat input tensor as log input. If True the loss is computed as, exp(input) − label * input . If False then loss is input − label * log(input + epsilon) . Default: True.';
const REDUCTION = "reduction (str, optional) – Indicate how to reduce the loss, the candidates are 'none' | 'mean' | 'sum'.";

export const CLAUSES: StandardClauses = {
  none: `${LOG_INPUT} // ${REDUCTION} … if reduction is 'none', the unreduced loss is returned.`,
  mean: `${LOG_INPUT} // ${REDUCTION} If reduction is 'mean', the reduced mean loss is returned;`,
  sum: `${LOG_INPUT} // ${REDUCTION} … if reduction is 'sum', the summed loss is returned.`,
  input: 'input (Tensor) – Input tensor, expectation of underlying Poisson distribution. The shape of input tensor should be (N, *) or (*) where (*) denotes any number of extra dimensions. It’s data type should be float16, bfloat16, float32, float64.',
  label: 'label (Tensor) – Label tensor, random sampled from Poisson distribution label ∼ Poisson(input). The shape of input tensor should be (N, *) or (*), same shape as the input tensor. It’s data type should be float16, bfloat16, float32, float64.',
  reductionDefault: `${REDUCTION} … Default is 'mean'.`,
  outputShape: 'Returns: Tensor, The tensor variable storing the poisson_nll_loss_out. // Examples: … loss = F.poisson_nll_loss(input, label, reduction=\'mean\') … Tensor(shape=[], dtype=float32, …)',
  layer: "class paddle.nn. PoissonNLLLoss ( log_input: bool = True, full: bool = False, epsilon: float = 1e-08, reduction: _ReduceMode = 'mean', name: str | None = None )",
  functional: "paddle.nn.functional. poisson_nll_loss ( input: Tensor, label: Tensor, log_input: bool = True, full: bool = False, epsilon: float = 1e-08, reduction: _ReduceMode = 'mean', name: str | None = None ) Tensor",
  // The page's own example draws its operands with paddle.randn: the formula on fixed operands stands in for it.
  example: `${LOG_INPUT} // Examples: … loss = F.poisson_nll_loss(input, label, log_input=True, reduction='none')`,
};

/** The full flag and the Stirling term, quoted from both pages. */
export const FULL =
  'full (bool, optional) – Whether to compute full loss. If True, the Stirling approximation term is added. If False, the Stirling approximation is dropped. Default: False. // ' +
  'The approximation is added when label values are more than 1 and omitted when the labels are less than or equal to 1.';

/** The epsilon argument. */
export const EPSILON = 'epsilon (float, optional) – A small value to avoid evaluation of log(0) when log_input=False. epsilon > 0. Default: 1e-8.';
