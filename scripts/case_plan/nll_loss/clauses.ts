/** The clauses of nll_loss's pages (Paddle 3.3.1, paddle.nn.functional.nll_loss and paddle.nn.NLLLoss), by name. */
import { quoter } from '../clauses.js';

export const CLAUSES = {
  functional: "paddle.nn.functional. nll_loss ( input: Tensor, label: Tensor, weight: Tensor | None = None, ignore_index: int = -100, reduction: _ReduceMode = 'mean', name: str | None = None ) Tensor",
  layer: "class paddle.nn. NLLLoss ( weight: Tensor | None = None, ignore_index: int = -100, reduction: _ReduceMode = 'mean', name: str | None = None )",
  formula: 'l_n = - w_{y_n} x_{n,y_n}, w_{c} = weight[c] · 1{c ≠ ignore_index}',
  mean: "If reduction is 'mean', the reduced mean loss is returned: Σ_n l_n / Σ_n w_{y_n}",
  sum: "if reduction is 'sum', the reduced sum loss is returned: Σ_n l_n",
  none: "if reduction is 'none', no reduction will be applied. … If reduction is 'none', the shape is [N, *]. If reduction is 'sum' or 'mean', the shape is [].",
  reductionDefault: "reduction (str, optional) – Indicate how to average the loss, the candidates are 'none' | 'mean' | 'sum'. … Default is 'mean'.",
  input: 'input (Tensor) – Input tensor, the shape is [N, C], C is the number of classes. But in K-dimension situation, the shape is [N, C, d_1, d_2, ..., d_K]. The data type is float32, float64.',
  label: 'label (Tensor) – Label tensor, the shape is [N,] or [N, d_1, d_2, ..., d_K]. The data type is int64.',
  weight: 'weight (Tensor, optional) – Weight tensor, a manual rescaling weight given to each class. If given, it has to be a 1D Tensor whose size is [C, ]. Otherwise, it treated as if having all ones. the data type is float32, float64',
  ignoreIndex: 'ignore_index (int, optional) – Specifies a target value that is ignored and does not contribute to the input gradient. Default is -100.',
  example: '>>> label = paddle.to_tensor([0, 2, 1, 1, 0], "int64") >>> result = nll_loss(log_out, label) … 1.07202101',
} as const;

/** The quoted text of several clauses, joined. */
export const quote = quoter(CLAUSES);
