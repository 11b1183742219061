/**
 * paddle.nn.functional.mse_loss(input, label, reduction='mean', name=None)
 * and paddle.nn.MSELoss(reduction='mean'): names, parameters and dtypes from
 * the documentation page.
 */
import type { OpSignature } from '../../op.js';

/** The call signature of mse_loss. */
export const MSE: OpSignature = {
  family: 'mse_loss',
  functional: 'paddle.nn.functional.mse_loss',
  layer: 'paddle.nn.MSELoss',
  tensors: ['input', 'label'],
  kwargs: [
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'name', kind: 'str', default: null },
    // PyTorch's removed arguments: MSELoss's constructor takes them only to refuse them (Paddle 3.3.0 on).
    { name: 'size_average', kind: 'str', default: null, layerOnly: true },
    { name: 'reduce', kind: 'str', default: null, layerOnly: true },
  ],
  differentiable: ['input', 'label'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64'],
};
