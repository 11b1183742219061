/**
 * paddle.nn.functional.margin_ranking_loss(input, other, label, margin=0.0,
 * reduction='mean', name=None) and paddle.nn.MarginRankingLoss(margin=0.0,
 * reduction='mean', name=None): names, parameters and dtypes from the
 * documentation page.
 */
import type { OpSignature } from '../../op.js';

/** The call signature of margin_ranking_loss. */
export const RANKING: OpSignature = {
  family: 'margin_ranking_loss',
  functional: 'paddle.nn.functional.margin_ranking_loss',
  layer: 'paddle.nn.MarginRankingLoss',
  tensors: ['input', 'other', 'label'],
  kwargs: [
    { name: 'margin', kind: 'float', default: 0.0 },
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'name', kind: 'str', default: null },
  ],
  differentiable: ['input', 'other'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64'],
};
