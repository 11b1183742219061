/**
 * triplet_margin_with_distance_loss's mutants: triplet_margin_loss's shared ones (the same source over the same
 * kernels) and the alternative of its own check of the distances.
 */
import { withPaddleRelease } from '../../../reference/release.js';
import { layerIgnoresLegacyArguments } from '../../mutants/kernel_alternatives.js';
import { bindOp } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
import { tripletMarginLossOp } from '../triplet_margin_loss/descriptor.js';
import { tripletMutants } from '../triplet_margin_loss/mutants.js';

/** triplet_margin_with_distance_loss's mutants, over its descriptor. */
export function tripletMarginWithDistanceLossMutants(op: Omit<OpDescriptor, 'mutants'>): readonly Variant[] {
  const { reference } = bindOp(op);
  return [
    ...tripletMutants(op, 'triplet-distance'),
    layerIgnoresLegacyArguments(op, 'triplet-distance-layer-ignores-legacy-arguments', 'triplet-distance-layer-no-legacy-arguments'),
    {
      id: 'triplet-distance-epsilon-dropped', expect: 'killed', description: "drops PairwiseDistance's epsilon (the plain ‖x − y‖₂), the functional form through triplet_margin_loss with epsilon 0",
      handle: (r) => (r.api === op.functional ? tripletMarginLossOp.reference({ ...r, api: tripletMarginLossOp.functional, kwargs: { ...r.kwargs, epsilon: 0 } }) : reference(r)),
    },
    {
      id: 'triplet-distance-zero-distance-refused', expect: 'killed', rule: 'triplet-distance-negative-or-nan-refused',
      description: 'refuses a zero distance too (d > 0, Paddle before 3.1.1), where Paddle 3.3.1 computes with it',
      handle: (r) => withPaddleRelease('3.1.0', () => reference(r)),
    },
  ];
}
