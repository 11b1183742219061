/**
 * paddle.nn.functional.mse_loss(input, label, reduction='mean', name=None)
 * and paddle.nn.MSELoss(reduction='mean'): names, parameters and dtypes from
 * the documentation page.
 */
import { lossSignature } from '../../loss_signature.js';
import type { OpSignature } from '../../op.js';

/** The call signature of mse_loss. */
export const MSE: OpSignature = lossSignature({
  family: 'mse_loss',
  layerClass: 'MSELoss',
  differentiable: ['input', 'label'],
  dtypes: ['float32', 'float64'],
});
