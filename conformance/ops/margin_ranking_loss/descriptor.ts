/**
 * margin_ranking_loss's descriptor, all but its mutants: the signature, the
 * reference's rules and adapter, PyTorch's counterpart and the explainer of
 * differing elements.
 */
import { MARGIN_RANKING_LOSS_RULES } from '../../../reference/index.js';
import type { OpDescriptor } from '../../op.js';
import { EXACT_WITH_SUMMATION } from '../../tolerance.js';
import { rankingElementContext } from './explain.js';
import { answer } from './reference.js';
import { RANKING } from './signature.js';

/** The descriptor of margin_ranking_loss, without the mutant catalog (mutants.ts builds on this). */
export const RANKING_DESCRIPTOR: Omit<OpDescriptor, 'mutants'> = {
  ...RANKING,
  rules: MARGIN_RANKING_LOSS_RULES,
  reference: answer,
  // torch.nn.functional.margin_ranking_loss(input1, input2, target, margin=0, ...): the same positional order.
  torch: { functional: 'torch.nn.functional.margin_ranking_loss', layer: 'torch.nn.MarginRankingLoss', drop: ['name'] },
  // subtract, multiply, add and relu are each one IEEE rounding, so element-wise results are exact; mean and sum may add in any order.
  tolerance: EXACT_WITH_SUMMATION,
  explain: rankingElementContext,
  // relu turns where margin - label·(input - other) = 0: at a difference of 0 for the default margin, ±margin otherwise.
  fuzz: { values: [0, 1, -1, 0.5], labelDomain: 'sign' },
};
