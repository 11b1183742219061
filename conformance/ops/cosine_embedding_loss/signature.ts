/**
 * paddle.nn.functional.cosine_embedding_loss(input1, input2, label,
 * margin=0, reduction='mean', name=None) and
 * paddle.nn.CosineEmbeddingLoss(margin=0, reduction='mean', name=None):
 * names, parameters and dtypes from the documentation page.
 */
import type { OpSignature } from '../../op.js';

/** The call signature of cosine_embedding_loss. */
export const COSINE: OpSignature = {
  family: 'cosine_embedding_loss',
  functional: 'paddle.nn.functional.cosine_embedding_loss',
  layer: 'paddle.nn.CosineEmbeddingLoss',
  tensors: ['input1', 'input2', 'label'],
  kwargs: [
    { name: 'margin', kind: 'float', default: 0 },
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'name', kind: 'str', default: null },
  ],
  differentiable: ['input1', 'input2'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64'],
};
