/**
 * gaussian_nll_loss's mutants: each rule's alternative (what a reasonable port does where the page is silent; its
 * primitives' are written once in mutants/kernel_alternatives.ts) and the natural bugs of the loss.
 */
import { reductionCheckedLast, sumAndMeanSwapped } from '../../mutants/common.js';
import type { OpDescriptor } from '../../op.js';
import type { Variant } from '../../mutants/variant.js';

/** gaussian_nll_loss's mutants, over its descriptor. */
export function gaussianNllLossMutants(OP: Omit<OpDescriptor, 'mutants'>): readonly Variant[] {
  return [
    reductionCheckedLast(OP, 'gaussian-nll-reduction-checked-last', 'gaussian-nll-reduction-checked-first'),
    sumAndMeanSwapped(OP, 'gaussian-nll-sum-and-mean-swapped'),
  ];
}
