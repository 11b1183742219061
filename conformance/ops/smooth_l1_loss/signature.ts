/**
 * paddle.nn.functional.smooth_l1_loss(input, label, reduction='mean',
 * delta=1.0, is_huber=True, name=None) and paddle.nn.SmoothL1Loss(…): names,
 * parameters and dtypes from the documentation page (is_huber is Paddle's, not the page's).
 */
import type { OpSignature } from '../../op.js';

/** The call signature of smooth_l1_loss. */
export const SMOOTH_L1: OpSignature = {
  family: 'smooth_l1_loss',
  functional: 'paddle.nn.functional.smooth_l1_loss',
  layer: 'paddle.nn.SmoothL1Loss',
  tensors: ['input', 'label'],
  kwargs: [
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'delta', kind: 'float', default: 1.0 },
    { name: 'is_huber', kind: 'str', default: true },
    { name: 'name', kind: 'str', default: null },
    // PyTorch's removed arguments: SmoothL1Loss's constructor takes them only to refuse them (Paddle 3.3.0 on).
    { name: 'size_average', kind: 'str', default: null, layerOnly: true },
    { name: 'reduce', kind: 'str', default: null, layerOnly: true },
  ],
  differentiable: ['input', 'label'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64'],
};
