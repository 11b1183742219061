/** The clauses of adaptive_log_softmax_with_loss's pages (Paddle 3.3.1, English pages of the function and the layer), by name. */
import { quoter } from '../clauses.js';

export const CLAUSES = {
  signature: 'paddle.nn.functional. adaptive_log_softmax_with_loss ( input: Tensor, label: Tensor, head_weight: Tensor, tail_weights: Sequence[Sequence[Tensor]], cutoffs: Sequence[int | Tensor], head_bias: Tensor | None = None, name: str | None = None ) tuple[Tensor, Tensor]',
  input: 'input (Tensor) – Input tensor, the data type should be float32 or float64.',
  headWeight: 'head_weight (Tensor) – weight tensor for linear computation, the data type should be float32 or float64, the shape should be [input.shape[1], shortlist_size + n_clusters], where shortlist_size is the first element in the cutoffs list, and n_clusters is the length of the cutoffs list minus 1.',
  cutoffs: 'cutoffs (Sequence) – Cutoffs used to assign targets to their buckets.',
  output: 'output (Tensor). The tensor storing adaptive logsoftmax result, the shape of output is [N]',
  loss: 'loss (Tensor). The tensor variable storing the adaptive_log_softmax_loss of input and label.',
  layerCutoffs: 'For cutoffs should be an ordered Sequence of integers sorted in the increasing order. It controls number of clusters and the partitioning of targets into clusters.',
} as const;

/** The quoted text of several clauses, joined. */
export const quote = quoter(CLAUSES);
