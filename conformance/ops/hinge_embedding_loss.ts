/**
 * paddle.nn.functional.hinge_embedding_loss and paddle.nn.HingeEmbeddingLoss:
 * the op's descriptor.
 */
import { RULE_SUMMARIES } from '../../reference/rules.js';
import { hingeElementContext } from '../element_context.js';
import type { OpDescriptor } from '../op.js';
import { answer } from '../ports/reference.js';

/** The descriptor of hinge_embedding_loss. */
export const hingeEmbeddingLoss: OpDescriptor = {
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
  rules: RULE_SUMMARIES,
  reference: (request) => answer(request),
  torch: { functional: 'torch.nn.functional.hinge_embedding_loss', layer: 'torch.nn.HingeEmbeddingLoss', drop: ['name'] },
  explain: hingeElementContext,
};
