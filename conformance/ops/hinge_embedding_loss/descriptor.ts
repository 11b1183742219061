/**
 * hinge_embedding_loss's descriptor, all but its mutants: the signature, the
 * reference's rules and adapter, PyTorch's counterpart and the explainer of
 * differing elements.
 */
import { HINGE_EMBEDDING_LOSS_RULES } from '../../../reference/hinge_embedding_loss_rules.js';
import type { OpDescriptor } from '../../op.js';
import { EXACT_WITH_SUMMATION } from '../../tolerance.js';
import { hingeElementContext } from './explain.js';
import { answer } from './reference.js';
import { HINGE } from './signature.js';

/** The descriptor of hinge_embedding_loss, without the mutant catalog (mutants.ts builds on this). */
export const HINGE_DESCRIPTOR: Omit<OpDescriptor, 'mutants'> = {
  ...HINGE,
  rules: HINGE_EMBEDDING_LOSS_RULES,
  reference: answer,
  torch: { functional: 'torch.nn.functional.hinge_embedding_loss', layer: 'torch.nn.HingeEmbeddingLoss', drop: ['name'] },
  // Every element-wise step is one IEEE rounding (margin - x, then relu and the where-sum), so results are exact; mean and sum may add in any order.
  tolerance: EXACT_WITH_SUMMATION,
  explain: hingeElementContext,
  // The hinge turns where margin - x = 0: at x = 1 for the default margin; 0 is the label-free point of relu.
  fuzz: { values: [1, -1, 0, 0.5], labelDomain: 'sign' },
};
