/** The clauses of npair_loss's page (Paddle 3.3.1, English page of paddle.nn.functional.npair_loss), by name. */
import { quoter } from '../clauses.js';

export const CLAUSES = {
  signature: 'paddle.nn.functional. npair_loss ( anchor: Tensor, positive: Tensor, labels: Tensor, l2_reg: float = 0.002 ) Tensor',
  summary: 'Npair loss requires paired data. Npair loss has two parts: the first part is L2 regularizer on the embedding vector; the second part is cross entropy loss which takes the similarity matrix of anchor and positive as logits.',
  anchor: 'anchor (Tensor) – embedding vector for the anchor image. shape=[batch_size, embedding_dims], the data type is float32 or float64.',
  positive: 'positive (Tensor) – embedding vector for the positive image. shape=[batch_size, embedding_dims], the data type is float32 or float64.',
  labels: 'labels (Tensor) – 1-D tensor. shape=[batch_size], the data type is float32 or float64 or int64.',
  l2_reg: 'l2_reg (float, optional) – L2 regularization term on embedding vector, default: 0.002.',
  returns: 'Returns: A 0-D Tensor representing the npair loss, the data type is the same as anchor, the shape is [].',
  example: '>>> anchor = paddle.rand(shape=(18, 6), dtype=dtype) >>> positive = paddle.rand(shape=(18, 6), dtype=dtype) >>> labels = paddle.rand(shape=(18,), dtype=dtype) >>> npair_loss = paddle.nn.functional.npair_loss(anchor, positive, labels, l2_reg = 0.002)',
} as const;

/** The quoted text of several clauses, joined. */
export const quote = quoter(CLAUSES);
