/** mse_loss's descriptor, all but its mutants: the signature, the rules, the reference's adapter, PyTorch's counterpart and the tolerance. */
import { MSE_LOSS_RULES } from '../../../reference/index.js';
import type { OpDescriptor } from '../../op.js';
import { EXACT_WITH_SUMMATION } from '../../tolerance.js';
import { answer } from './reference.js';
import { MSE } from './signature.js';

/** The descriptor of mse_loss, without the mutant catalog (mutants.ts builds on this). */
export const MSE_DESCRIPTOR: Omit<OpDescriptor, 'mutants'> = {
  ...MSE,
  rules: MSE_LOSS_RULES,
  reference: answer,
  // torch.nn.functional.mse_loss(input, target, ..., reduction='mean'): the same positional order.
  torch: { functional: 'torch.nn.functional.mse_loss', layer: 'torch.nn.MSELoss', drop: ['name'] },
  // (x − y)² is two roundings each exactly determined; its gradient (g · 2) · (x − y) the same: every element-wise
  // result is exact. Mean and sum add in Eigen's order, which a port need not follow: the summation bound.
  tolerance: EXACT_WITH_SUMMATION,
  fuzz: { values: [0, 1, -1] },
};
