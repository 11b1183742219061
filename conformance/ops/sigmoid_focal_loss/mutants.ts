/**
 * sigmoid_focal_loss's mutants: each rule's alternative (what a reasonable port does where the page is silent; its
 * primitives' are written once in mutants/kernel_alternatives.ts) and the natural bugs of the loss.
 */
import { reductionCheckedLast, sumAndMeanSwapped } from '../../mutants/common.js';
import type { OpDescriptor } from '../../op.js';
import type { Variant } from '../../mutants/variant.js';

/** sigmoid_focal_loss's mutants, over its descriptor. */
export function sigmoidFocalLossMutants(OP: Omit<OpDescriptor, 'mutants'>): readonly Variant[] {
  return [
    reductionCheckedLast(OP, 'sigmoid-focal-reduction-checked-last', 'sigmoid-focal-reduction-checked-first'),
    sumAndMeanSwapped(OP, 'sigmoid-focal-sum-and-mean-swapped'),
  ];
}
