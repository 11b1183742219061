/** The clauses of margin_cross_entropy's page (Paddle 3.3.1, English page of paddle.nn.functional.margin_cross_entropy), by name. */
import { quoter } from '../clauses.js';

export const CLAUSES = {
  signature: "paddle.nn.functional. margin_cross_entropy ( logits, label, margin1=1.0, margin2=0.5, margin3=0.0, scale=64.0, group=None, return_softmax=False, reduction='mean' )",
  logits: 'logits (Tensor) – shape[N, local_num_classes], the output of the normalized X multiply the normalized W. The logits is shard_logits when using model parallel.',
  label: 'label (Tensor) – shape[N] or shape[N, 1], the ground truth label.',
  reduction: "reduction (str|None, optional) – The candidates are 'none' | 'mean' | 'sum'.",
  example: ">>> # doctest: +REQUIRES(env:GPU) >>> import paddle >>> paddle.seed(2023) >>> paddle.device.set_device('gpu')",
} as const;

/** The quoted text of several clauses, joined. */
export const quote = quoter(CLAUSES);
