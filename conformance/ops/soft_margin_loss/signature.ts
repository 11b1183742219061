/**
 * paddle.nn.functional.soft_margin_loss(input, label, reduction='mean',
 * name=None) and paddle.nn.SoftMarginLoss(reduction='mean', name=None):
 * names, parameters and dtypes from the documentation page.
 */
import type { OpSignature } from '../../op.js';

/** The call signature of soft_margin_loss. */
export const SOFT_MARGIN: OpSignature = {
  family: 'soft_margin_loss',
  functional: 'paddle.nn.functional.soft_margin_loss',
  layer: 'paddle.nn.SoftMarginLoss',
  tensors: ['input', 'label'],
  kwargs: [
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'name', kind: 'str', default: null },
    // PyTorch's removed arguments: SoftMarginLoss's constructor takes them only to refuse them.
    { name: 'size_average', kind: 'str', default: null, layerOnly: true },
    { name: 'reduce', kind: 'str', default: null, layerOnly: true },
  ],
  differentiable: ['input'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64'],
};
