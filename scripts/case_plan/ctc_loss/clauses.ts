/** The clauses of ctc_loss's page (Paddle 3.3.1, English page of paddle.nn.functional.ctc_loss), by name. */
import { quoter } from '../clauses.js';

export const CLAUSES = {
  softmax: 'It can be aliased as softmax with CTC, since a native softmax activation is integrated to the Warp-CTC library to normalize values for each row of the input tensor.',
  logProbs: 'log_probs (Tensor): The unscaled probability sequence with padding, which is a 3-D Tensor. The tensor shape is [max_logit_length, batch_size, num_classes + 1], where max_logit_length is the longest length of input logit sequence. The data type should be float32 or float64.',
  labels: 'labels (Tensor): The ground truth sequence with padding, which must be a 3-D Tensor. The tensor shape is [batch_size, max_label_length], where max_label_length is the longest length of label sequence. The data type must be int32.',
  inputLengths: 'input_lengths (Tensor): The length for each input sequence, it should have shape [batch_size] and dtype int64.',
  labelLengths: 'label_lengths (Tensor): The length for each label sequence, it should have shape [batch_size] and dtype int64.',
  blank: 'blank (int, optional): The blank label index of Connectionist Temporal Classification (CTC) loss, which is in the half-opened interval [0, num_classes + 1). The data type must be int32. Default: 0.',
  mean: "If :attr:`reduction` is ``'mean'``, the output loss will be divided by the label_lengths, and then return the mean of quotient;",
  sum: "If :attr:`reduction` is ``'sum'``, return the sum of loss;",
  none: "If :attr:`reduction` is ``'none'``, no reduction will be applied. Default: ``'mean'``.",
  normByTimes: "norm_by_times (bool, optional): Whether to normalize the gradients by the number of time-step, which is also the sequence's length. There is no need to normalize the gradients if reduction mode is 'mean'. Default: False.",
  zeroInfinity: 'zero_infinity (bool, optional): If True, set infinite loss to zero. Default: False.',
  returns: "Tensor, The Connectionist Temporal Classification (CTC) loss between ``log_probs`` and  ``labels``. If attr:`reduction` is ``'none'``, the shape of loss is [batch_size], otherwise, the shape of loss is []. Data type is the same as ``log_probs``.",
} as const;

/** The quoted text of several clauses, joined. */
export const quote = quoter(CLAUSES);
