/**
 * paddle.nn.functional.l1_loss(input, label, reduction='mean', name=None)
 * and paddle.nn.L1Loss(reduction='mean', name=None): names, parameters and
 * dtypes from the documentation page.
 */
import type { OpSignature } from '../../op.js';

/** The call signature of l1_loss. */
export const L1: OpSignature = {
  family: 'l1_loss',
  functional: 'paddle.nn.functional.l1_loss',
  layer: 'paddle.nn.L1Loss',
  tensors: ['input', 'label'],
  kwargs: [
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'name', kind: 'str', default: null },
    // PyTorch's removed arguments: L1Loss's constructor takes them only to refuse them (Paddle 3.3.0 on).
    { name: 'size_average', kind: 'str', default: null, layerOnly: true },
    { name: 'reduce', kind: 'str', default: null, layerOnly: true },
  ],
  differentiable: ['input', 'label'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64', 'int32', 'int64'],
};
