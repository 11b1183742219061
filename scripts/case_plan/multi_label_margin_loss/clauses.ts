/** The clauses of multi_label_margin_loss's page (Paddle 3.3.1, English page of paddle.nn.functional.multi_label_margin_loss), by name. */
import { quoter } from '../clauses.js';

export const CLAUSES = {
  functional: 'paddle.nn.functional. multi_label_margin_loss ( input: Tensor, label: Tensor, reduction: _ReduceMode = \'mean\', name: str | None = None ) Tensor',
  layer: "class paddle.nn. MultiLabelMarginLoss ( reduction: _ReduceMode = 'mean', name: str | None = None )",
  formula: '\\text{loss}(input_i, label_i) = \\frac{\\sum_{j \\in \\text{valid_labels}} \\sum_{k \\neq \\text{valid_labels}} \\max(0, 1 - (input_i[\\text{valid_labels}[j]] - input_i[k]))}{C}',
  valid: 'where C is the number of classes, valid_labels contains all non-negative label indices for sample i (stopping at the first -1 encountered), and k ranges over all class indices except those in valid_labels.',
  input: 'input (Tensor) – Input tensor, the data type is float32 or float64. Shape is (N, C), where C is number of classes.',
  label: 'label (Tensor) – Label tensor, the data type is int32 or int64. Shape is (N, C), same shape as input. Label values should be class indices (non-negative values) and -1 values. The -1 values are ignored and stop processing for each sample.',
  reduction: "reduction (str, optional) – Indicate how to calculate the loss by batch_size, the candidates are 'none' | 'mean' | 'sum'. If reduction is 'none', the unreduced loss is returned; If reduction is 'mean', the reduced mean loss is returned; If reduction is 'sum', the summed loss is returned. Default: 'mean'",
  name: 'name (str|None, optional) – Name for the operation (optional, default is None).',
  example: ">>> input = paddle.to_tensor([[0.1, 0.2, 0.4, 0.8], [0.2, 0.5, 0.3, 0.1]], dtype='float32') >>> label = paddle.to_tensor([[3, 0, -1, -1], [0, 2, -1, -1]], dtype='int64') >>> loss = F.multi_label_margin_loss(input, label, reduction='mean') >>> print(loss) Tensor(shape=[], dtype=float32, place=Place(cpu), stop_gradient=True, 0.94999999)",
} as const;

/** The quoted text of several clauses, joined. */
export const quote = quoter(CLAUSES);
