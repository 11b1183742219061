/** The clauses of rnnt_loss's page (Paddle 3.3.1, English page of paddle.nn.functional.rnnt_loss), by name. */
import { quoter } from '../clauses.js';

export const CLAUSES = {
  summary: 'An operator integrating the open source Warp-Transducer library (https://github.com/b-flo/warp-transducer.git) to compute Sequence Transduction with Recurrent Neural Networks (RNN-T) loss.',
  input: 'input (Tensor) – The logprobs sequence with padding, which is a 4-D Tensor. The tensor shape is [B, Tmax, Umax, D], where Tmax is the longest length of input logit sequence. The data type should be float32 or float64.',
  label: 'label (Tensor) – The ground truth sequence with padding, which must be a 2-D Tensor. The tensor shape is [B, Umax], where Umax is the longest length of label sequence. The data type must be int32.',
  lengths: 'input_lengths (Tensor) – The length for each input sequence, it should have shape [batch_size] and dtype int64. label_lengths (Tensor) – The length for each label sequence, it should have shape [batch_size] and dtype int64.',
  blank: 'blank (int, optional) – The blank label index of RNN-T loss, which is in the half-opened interval [0, B). The data type must be int32. Default is 0.',
  reduction: "reduction (string, optional) – Indicate how to average the loss, the candidates are 'none' | 'mean' | 'sum'. If reduction is 'mean', the output will be sum of loss and be divided by the batch_size; If reduction is 'sum', return the sum of loss; If reduction is 'none', no reduction will be applied. Default is 'mean'.",
  returns: "Returns: Tensor, The RNN-T loss between input and label. If attr reduction is 'none', the shape of loss is [batch_size], otherwise, the shape of loss is []. Data type is the same as input.",
} as const;

/** The quoted text of several clauses, joined. */
export const quote = quoter(CLAUSES);
