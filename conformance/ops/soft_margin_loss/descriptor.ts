/**
 * soft_margin_loss's descriptor, all but its mutants: the signature, the
 * reference's rules and adapter, PyTorch's counterpart, the tolerance and
 * the explainer of differing elements.
 */
import { SOFT_MARGIN_LOSS_RULES } from '../../../reference/index.js';
import type { OpDescriptor } from '../../op.js';
import { softMarginElementContext } from './explain.js';
import { SOFT_MARGIN_TOLERANCE } from './tolerance.js';
import { answer } from './reference.js';
import { SOFT_MARGIN } from './signature.js';

/** The descriptor of soft_margin_loss, without the mutant catalog (mutants.ts builds on this). */
export const SOFT_MARGIN_DESCRIPTOR: Omit<OpDescriptor, 'mutants'> = {
  ...SOFT_MARGIN,
  rules: SOFT_MARGIN_LOSS_RULES,
  reference: answer,
  // torch.nn.functional.soft_margin_loss(input, target, ..., reduction='mean'): the same positional order.
  torch: { functional: 'torch.nn.functional.soft_margin_loss', layer: 'torch.nn.SoftMarginLoss', drop: ['name'] },
  // Derived bounds, not exact: see tolerance.ts.
  tolerance: SOFT_MARGIN_TOLERANCE,
  explain: softMarginElementContext,
  // z = -label·x: exp(z) overflows past ln(FLT_MAX) ≈ 88.72 and ln(DBL_MAX) ≈ 709.78; 1 + exp(z) absorbs it below ln(2^-24) ≈ -16.64 and ln(2^-53) ≈ -36.74.
  fuzz: { values: [88.72283905206835, -88.72283905206835, 709.782712893384, -709.782712893384, 16.635532333438686, -16.635532333438686, 36.7368005696771, -36.7368005696771, 0], labelDomain: 'sign' },
};
