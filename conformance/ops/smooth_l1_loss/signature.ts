/**
 * paddle.nn.functional.smooth_l1_loss(input, label, reduction='mean',
 * delta=1.0, is_huber=True, name=None) and paddle.nn.SmoothL1Loss(…): names,
 * parameters and dtypes from the documentation page (is_huber is Paddle's, not the page's).
 */
import { lossSignature } from '../../loss_signature.js';
import type { OpSignature } from '../../op.js';

/** The call signature of smooth_l1_loss. */
export const SMOOTH_L1: OpSignature = lossSignature({
  family: 'smooth_l1_loss',
  layerClass: 'SmoothL1Loss',
  ownKwargs: [
    { name: 'delta', kind: 'float', default: 1.0 },
    { name: 'is_huber', kind: 'str', default: true },
  ],
  differentiable: ['input', 'label'],
  dtypes: ['float32', 'float64'],
});
