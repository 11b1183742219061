/**
 * paddle.nn.functional.soft_margin_loss(input, label, reduction='mean',
 * name=None) and paddle.nn.SoftMarginLoss(reduction='mean', name=None):
 * names, parameters and dtypes from the documentation page.
 */
import { lossSignature } from '../../loss_signature.js';
import type { OpSignature } from '../../op.js';

/** The call signature of soft_margin_loss. */
export const SOFT_MARGIN: OpSignature = lossSignature({
  family: 'soft_margin_loss',
  layerClass: 'SoftMarginLoss',
  differentiable: ['input'],
  dtypes: ['float32', 'float64'],
});
