/** The clauses of cross_entropy's page (Paddle 3.3.1, English page of paddle.nn.functional.cross_entropy), by name. */
import { quoter } from '../clauses.js';

export const CLAUSES = {
  hard: '1.1. when use_softmax=True \\loss_j=-\\text{logits}_{label_j}+\\log\\left(\\sum_{i=0}^{C}\\exp(\\text{logits}_i)\\right) , j = 1,...,N',
  hardNoSoftmax: '1.2. when use_softmax=False \\loss_j=-\\log\\left({P}_{label_j}\\right) , j = 1,...,N where, N is the number of samples and C is the number of categories, P is input(the output of softmax).',
  soft: '2.1. when use_softmax=True \\loss_j=-\\sum_{i=0}^{C}\\text{label}_i\\left(\\text{logits}_i-\\log\\left(\\sum_{i=0}^{C}\\exp(\\text{logits}_i)\\right)\\right) , j = 1,...,N',
  weightHard: '1.1. Hard labels (soft_label = False) \\loss_j=loss_j*weight[label_j]',
  reduction: "2.1 if the ``reduction`` parameter is ``none`` Return the previous result directly 2.2 if the ``reduction`` parameter is ``sum`` Return the sum of the previous results",
  mean: '2.3.1. If the ``weight`` parameter is ``None`` Return the average value of the previous results \\loss=\\sum_{j}loss_j/N',
  weightedMean: '1. Hard labels (soft_label = False) \\loss=\\sum_{j}loss_j/\\sum_{j}weight[label_j]',
  input: 'input (Tensor): the data type is float32, float64. Shape is :math:`[N_1, N_2, ..., N_k, C]`, where C is number of classes, ``k >= 1`` .',
  label: 'If soft_label=False, the shape is :math:`[N_1, N_2, ..., N_k]` or :math:`[N_1, N_2, ..., N_k, 1]`, k >= 1. the data type is int32, int64, float32, float64, where each value is [0, C-1].',
  softLabel: 'If soft_label=True and no label_smoothing, the shape and data type should be same with ``input`` , and the sum of the labels for each sample should be 1.',
  weight: 'weight (Tensor, optional): a manual rescaling weight given to each class. If given, has to be a Tensor of size C and the data type is float32, float64.',
  ignoreIndex: 'ignore_index (int64, optional): Specifies a target value that is ignored and does not contribute to the loss. A negative value means that no label value needs to be ignored. Only valid when soft_label = False. Default is ``-100`` .',
  reductionArg: "reduction (str, optional): Indicate how to average the loss by batch_size, the candidates are ``'none'`` | ``'mean'`` | ``'sum'``.",
  labelSmoothing: 'label_smoothing (float, optional): A float in [0.0, 1.0]. Specifies the amount of smoothing when computing the loss, where 0.0 means no smoothing.',
  axis: 'axis (int, optional):The index of dimension to perform softmax calculations. It should be in range :math:`[-1, rank - 1]`, where :math:`rank` is the number of dimensions of input :attr:`input`. Default is ``-1`` .',
  returns: "If :attr:`reduction` is ``'none'``: 1. If soft_label = False, the dimension of return value is the same with ``label`` . 2. if soft_label = True, the dimension of return value is :math:`[N_1, N_2, ..., N_k, 1]` .",
  example: '>>> input = paddle.rand([N, C], dtype=\'float64\') >>> label = paddle.randint(0, C, shape=[N], dtype=\'int64\') >>> weight = paddle.rand([C], dtype=\'float64\') >>> cross_entropy_loss = paddle.nn.loss.CrossEntropyLoss( weight=weight, reduction=reduction)',
} as const;

/** The quoted text of several clauses, joined. */
export const quote = quoter(CLAUSES);
