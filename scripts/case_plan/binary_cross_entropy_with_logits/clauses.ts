/** The clauses of binary_cross_entropy_with_logits's page (Paddle 3.3.1, English pages of the functional form and of paddle.nn.BCEWithLogitsLoss), by role. */
import type { StandardClauses } from '../standard_loss.js';

const FORMULA = 'Out = max(Logit, 0) - Logit * Labels + log(1 + e^(-|Logit|))';

/** The standard plan's clauses. */
export const CLAUSES: StandardClauses = {
  none: `${FORMULA} // If reduction set to 'none', will return the original loss Out.`,
  mean: `${FORMULA} // If reduction set to 'mean', the reduced mean loss is Out = MEAN(Out).`,
  sum: `${FORMULA} // If reduction set to 'sum', the reduced sum loss is Out = SUM(Out).`,
  input: 'logit (Tensor) – The input predications tensor. 2-D tensor with shape: [N, *], N is batch_size, * means number of additional dimensions. … Available dtype is float32, float64.',
  label: 'label (Tensor) – The target labels tensor. 2-D tensor with the same shape as logit. The target labels which values should be numbers between 0 and 1. Available dtype is float32, float64.',
  reductionDefault: "reduction (str, optional) – Indicate how to average the loss by batch_size, the candidates are 'none' | 'mean' | 'sum'. … Default is 'mean'.",
  outputShape: "Returns: Tensor. If reduction is 'none', the shape of output is same as logit, else the shape of output is scalar.",
  layer: "class paddle.nn. BCEWithLogitsLoss ( weight: Tensor | None = None, reduction: _ReduceMode = 'mean', pos_weight: Tensor | None = None, name: str | None = None )",
  functional: "paddle.nn.functional. binary_cross_entropy_with_logits ( logit: Tensor, label: Tensor, weight: Tensor | None = None, reduction: _ReduceMode = 'mean', pos_weight: Tensor | None = None, name: str | None = None ) Tensor",
  example: 'logit = paddle.to_tensor([5.0, 1.0, 3.0]) label = paddle.to_tensor([1.0, 0.0, 1.0]) output = paddle.nn.functional.binary_cross_entropy_with_logits(logit, label) … 0.45618808',
};

/** The page's clauses of the optional tensors. */
export const OWN_CLAUSES = {
  weight: 'Then, if weight or pos_weight is not None, then multiply the weight tensor on the loss Out. The weight tensor will attach different weight on every items in the batch. // weight (Tensor, optional) – A manual rescaling weight given to the loss of each batch element.',
  posWeight: 'The pos_weight will attach different weight on the positive label of each class. // pos_weight (Tensor, optional) – A weight of positive examples. Must be a vector with length equal to the number of classes.',
} as const;
