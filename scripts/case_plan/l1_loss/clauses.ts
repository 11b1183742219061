/** The clauses of l1_loss's page (Paddle 3.3.1, English page of paddle.nn.functional.l1_loss and paddle.nn.L1Loss), by role. */
import type { StandardClauses } from '../standard_loss.js';

/** The page's clauses that cases rely on, by short name. */
export const CLAUSES: StandardClauses = {
  none: "If reduction set to 'none', the loss is: Out = |input − label|",
  mean: "If reduction set to 'mean', the loss is: Out = MEAN(|input − label|)",
  sum: "If reduction set to 'sum', the loss is: Out = SUM(|input − label|)",
  input: "input (Tensor) – The input tensor. The shapes is [N, *], where N is batch size and * means any number of additional dimensions. It’s data type should be float32, float64, int32, int64.",
  label: "label (Tensor) – label. The shapes is [N, *], same shape as input . It’s data type should be float32, float64, int32, int64.",
  reductionDefault: "reduction (str, optional) – Indicate the reduction to apply to the loss, the candidates are 'none' | 'mean' | 'sum'. … Default is 'mean'.",
  outputShape: "Returns: Tensor, the L1 Loss of Tensor input and label. If reduction is 'none', the shape of output loss is [N, *], the same as input . If reduction is 'mean' or 'sum', the shape of output loss is [].",
  layer: "class paddle.nn. L1Loss ( reduction: _ReduceMode = 'mean', name: str | None = None )",
  functional: "paddle.nn.functional. l1_loss ( input: Tensor, label: Tensor, reduction: _ReduceMode = 'mean', name: str | None = None ) Tensor",
  example:
    "Examples: input = paddle.to_tensor([[1.5, 0.8], [0.2, 1.3]]) label = paddle.to_tensor([[1.7, 1], [0.4, 0.5]]) l1_loss = paddle.nn.functional.l1_loss(input, label) " +
    'print(l1_loss) Tensor(shape=[], dtype=float32, place=Place(cpu), stop_gradient=True, 0.34999999)',
};
