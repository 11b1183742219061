/** The clauses of binary_cross_entropy's page (Paddle 3.3.1, English pages of paddle.nn.functional.binary_cross_entropy and paddle.nn.BCELoss), by role. */
import type { StandardClauses } from '../standard_loss.js';

const FORMULA = 'If weight is None, the loss is: Out = -1 * (label * log(input) + (1 - label) * log(1 - input))';

/** The standard plan's clauses. */
export const CLAUSES: StandardClauses = {
  none: `${FORMULA} // If reduction set to 'none', the interface will return the original loss Out.`,
  mean: `${FORMULA} // If reduction set to 'mean', the reduced mean loss is: Out = MEAN(Out)`,
  sum: `${FORMULA} // If reduction set to 'sum', the reduced sum loss is: Out = SUM(Out)`,
  input: 'input (Tensor) – The input predications tensor. 2-D tensor with shape: [N, *], N is batch_size, * means number of additional dimensions. The input should always be the output of sigmoid. Available dtype is float16, float32, float64.',
  label: 'label (Tensor) – The target labels tensor. 2-D tensor with the same shape as input. The target labels which values should be numbers between 0 and 1. Available dtype is float16, float32, float64.',
  reductionDefault: "reduction (str, optional) – Indicate how to average the loss by batch_size, the candidates are 'none' | 'mean' | 'sum'. … Default is 'mean'.",
  outputShape: "Returns: Tensor. If reduction is 'none', the shape of output is same as input , else the shape of output is scalar.",
  layer: "class paddle.nn. BCELoss ( weight: Tensor | None = None, reduction: _ReduceMode = 'mean', name: str | None = None )",
  functional: "paddle.nn.functional. binary_cross_entropy ( input: Tensor, label: Tensor, weight: Tensor | None = None, reduction: _ReduceMode = 'mean', name: str | None = None ) Tensor",
  example: ">>> input = paddle.to_tensor([0.5, 0.6, 0.7], 'float32') >>> label = paddle.to_tensor([1.0, 0.0, 1.0], 'float32') >>> output = paddle.nn.functional.binary_cross_entropy(input, label) … 0.65537095",
};

/** The page's clauses beyond the standard plan's: weight. */
export const OWN_CLAUSES = {
  weight: 'If weight is set, the loss is: Out = -1 * weight * (label * log(input) + (1 - label) * log(1 - input))',
  weightParam: 'weight (Tensor, optional) – A manual rescaling weight given to the loss of each batch element. If given, has to be a Tensor of size nbatch and the data type is float32, float64.',
  domain: 'Note that the input predictions input always be the output of sigmoid, and the target labels label should be numbers between 0 and 1.',
} as const;
