/** The clauses of softmax_with_cross_entropy's page (Paddle 3.3.1, English page of paddle.nn.functional.softmax_with_cross_entropy), by name. */
import { quoter } from '../clauses.js';

export const CLAUSES = {
  hard: '1) Hard label (one-hot label, so every sample has exactly one class) \\loss_j=-\\text{logits}_{label_j} +\\log\\left(\\sum_{i=0}^{K}\\exp(\\text{logits}_i)\\right), j = 1,..., K',
  soft: '2) Soft label (each sample can have a distribution over all classes) \\loss_j= -\\sum_{i=0}^{K}\\text{label}_i\\left(\\text{logits}_i - \\log\\left(\\sum_{i=0}^{K}\\exp(\\text{logits}_i)\\right)\\right), j = 1,...,K',
  stable: '3) If :attr:`numeric_stable_mode` is :attr:`True`, softmax is calculated first by: \\max_j&=\\max_{i=0}^{K}{\\text{logits}_i} \\\\ log\\_max\\_sum_j &= \\log\\sum_{i=0}^{K}\\exp(logits_i - max_j)\\\\ softmax_j &= \\exp(logits_j - max_j - {log\\_max\\_sum}_j)',
  logits: 'logits (Tensor): A multi-dimension ``Tensor`` , and the data type is float32 or float64. The input tensor of unscaled log probabilities.',
  label: 'If :attr:`soft_label` is set to :attr:`True`, Label is a ``Tensor``  in the same shape with :attr:`logits` expect shape in dimension :attr:`axis` as 1.',
  softLabel: 'soft_label (bool, optional): A flag to indicate whether to interpret the given labels as soft labels. Default False.',
  ignoreIndex: 'ignore_index (int, optional): Specifies a target value that is ignored and does not contribute to the input gradient. Only valid if :attr:`soft_label` is set to :attr:`False`. Default: kIgnoreIndex(-100).',
  numericStable: 'When :attr:`soft_label` is :attr:`True` or CPU is used, the algorithm is always numerically stable.',
  returnSoftmax: 'return_softmax (bool, optional): A flag indicating whether to return the softmax along with the cross entropy loss. Default: False.',
  axis: 'axis (int, optional): The index of dimension to perform softmax calculations. It should be in range :math:`[-1, rank - 1]`, while :math:`rank` is the rank of input :attr:`logits`. Default: -1.',
  returns: 'If `return_softmax` is True, return a tuple of two ``Tensor``: the cross entropy loss and the softmax result. The dtype of the cross entropy loss is the same as the input ``logits``, and the shape is consistent with ``logits`` except in dimension :attr:`axis` as 1. The dtype and shape of the softmax result are the same as the input ``logits``.',
  example: '>>> logits = paddle.to_tensor([0.4, 0.6, 0.9], dtype="float32") >>> label = paddle.to_tensor([1], dtype="int64") >>> out = paddle.nn.functional.softmax_with_cross_entropy(logits=logits, label=label) >>> print(out) Tensor(shape=[1], dtype=float32, place=Place(cpu), stop_gradient=True, [1.15328646])',
} as const;

/** The quoted text of several clauses, joined. */
export const quote = quoter(CLAUSES);
