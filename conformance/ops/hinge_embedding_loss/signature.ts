/**
 * paddle.nn.functional.hinge_embedding_loss(input, label, margin=1.0,
 * reduction='mean', name=None) and paddle.nn.HingeEmbeddingLoss(margin=1.0,
 * reduction='mean', name=None): names, parameters and dtypes from the
 * documentation page.
 */
import type { OpSignature } from '../../op.js';

/** The call signature of hinge_embedding_loss. */
export const HINGE: OpSignature = {
  family: 'hinge_embedding_loss',
  functional: 'paddle.nn.functional.hinge_embedding_loss',
  layer: 'paddle.nn.HingeEmbeddingLoss',
  tensors: ['input', 'label'],
  kwargs: [
    { name: 'margin', kind: 'float', default: 1.0 },
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'name', kind: 'str', default: null },
  ],
  differentiable: ['input'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64'],
};
