/**
 * binary_cross_entropy's mutants: each rule's alternative (what a reasonable port does where the page is silent; its
 * primitives' are written once in mutants/kernel_alternatives.ts) and the natural bugs of the loss.
 */
import { reductionCheckedLast, sumAndMeanSwapped } from '../../mutants/common.js';
import type { OpDescriptor } from '../../op.js';
import type { Variant } from '../../mutants/variant.js';

/** binary_cross_entropy's mutants, over its descriptor. */
export function binaryCrossEntropyMutants(OP: Omit<OpDescriptor, 'mutants'>): readonly Variant[] {
  return [
    reductionCheckedLast(OP, 'binary-cross-entropy-reduction-checked-last', 'binary-cross-entropy-reduction-checked-first'),
    sumAndMeanSwapped(OP, 'binary-cross-entropy-sum-and-mean-swapped'),
  ];
}
