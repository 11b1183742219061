/** smooth_l1_loss's descriptor, all but its mutants: the signature, the rules, the reference's adapter, PyTorch's counterpart and the tolerance. */
import { SMOOTH_L1_LOSS_RULES } from '../../../reference/index.js';
import type { OpDescriptor } from '../../op.js';
import { EXACT_WITH_SUMMATION } from '../../tolerance.js';
import { answer } from './reference.js';
import { SMOOTH_L1 } from './signature.js';

/** The descriptor of smooth_l1_loss, without the mutant catalog (mutants.ts builds on this). */
export const SMOOTH_L1_DESCRIPTOR: Omit<OpDescriptor, 'mutants'> = {
  ...SMOOTH_L1,
  rules: SMOOTH_L1_LOSS_RULES,
  reference: answer,
  // Paddle's smooth_l1_loss is PyTorch's huber_loss (delta); the layer HuberLoss.
  torch: { functional: 'torch.nn.functional.huber_loss', layer: 'torch.nn.HuberLoss', drop: ['name', 'is_huber'] },
  // Each branch of the Huber loss is a few roundings, each determined by the page's formula evaluated left to right,
  // and its gradient one product: element-wise results are exact. Mean and sum: the summation bound.
  tolerance: EXACT_WITH_SUMMATION,
  // The kink of the loss is |input − label| = delta (1 by default), and the residual 0.
  fuzz: { values: [0, 1, -1, 0.5] },
};
