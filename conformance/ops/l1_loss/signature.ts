/**
 * paddle.nn.functional.l1_loss(input, label, reduction='mean', name=None)
 * and paddle.nn.L1Loss(reduction='mean', name=None): names, parameters and
 * dtypes from the documentation page.
 */
import { lossSignature } from '../../loss_signature.js';
import type { OpSignature } from '../../op.js';

/** The call signature of l1_loss. */
export const L1: OpSignature = lossSignature({
  family: 'l1_loss',
  layerClass: 'L1Loss',
  differentiable: ['input', 'label'],
  dtypes: ['float32', 'float64', 'int32', 'int64'],
});
