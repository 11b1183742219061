/** l1_loss's descriptor, all but its mutants: the signature, the rules, the reference's adapter, PyTorch's counterpart and the tolerance. */
import { L1_LOSS_RULES } from '../../../reference/index.js';
import type { OpDescriptor } from '../../op.js';
import { EXACT_WITH_SUMMATION } from '../../tolerance.js';
import { answer } from './reference.js';
import { L1 } from './signature.js';

/** The descriptor of l1_loss, without the mutant catalog (mutants.ts builds on this). */
export const L1_DESCRIPTOR: Omit<OpDescriptor, 'mutants'> = {
  ...L1,
  rules: L1_LOSS_RULES,
  reference: answer,
  // torch.nn.functional.l1_loss(input, target, ..., reduction='mean'): the same positional order.
  torch: { functional: 'torch.nn.functional.l1_loss', layer: 'torch.nn.L1Loss', drop: ['name'] },
  // |x − y| is one rounding (subtract) and an exact abs; its gradient ±g, g / N or +0: every element-wise result is
  // exact. Mean and sum add in Eigen's order, which a port need not follow: the summation bound.
  tolerance: EXACT_WITH_SUMMATION,
  // The kink of |x − y| is x = y: the fuzzer draws inputs at and next to the labels' values.
  fuzz: { values: [0, 1, -1] },
};
