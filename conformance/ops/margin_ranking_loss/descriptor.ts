/**
 * paddle.nn.functional.margin_ranking_loss(input, other, label, margin=0.0,
 * reduction='mean', name=None) and paddle.nn.MarginRankingLoss(margin=0.0,
 * reduction='mean', name=None): the registry's entry, with names, parameters
 * and dtypes from the documentation page, and the reference's answer
 * (reference/margin_ranking_loss.ts).
 */
import {
  MARGIN_RANKING_LOSS_RULES,
  MarginRankingLoss,
  marginRankingLoss as rankingLoss,
  marginRankingLossGrad,
  type RankingMargin,
  type Tensor,
} from '../../../reference/index.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { EXACT_WITH_SUMMATION } from '../../tolerance.js';
import { rankingElementContext } from './explain.js';
import { rankingFuzzOnly } from './fuzz_only.js';
import { rankingMutants } from './mutants.js';

const SIGNATURE: OpSignature = {
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

/** The reference's result for one decoded call: the layer or the functional form, and the gradients asked for. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const { input, other, label } = call.tensors as { input: Tensor; other: Tensor; label: Tensor };
  const margin = call.args.margin as RankingMargin | undefined;
  const reduction = call.args.reduction as string | undefined;
  const name = call.args.name as string | undefined;
  const output = call.layer
    ? new MarginRankingLoss(margin, reduction, name).forward(input, other, label)
    : rankingLoss(input, other, label, margin, reduction, name);
  if (grad.length === 0) return { output };
  const all = marginRankingLossGrad(input, other, label, margin, reduction, call.gradOutput);
  return { output, grad: Object.fromEntries(grad.map((n) => [n, all[n as 'input' | 'other']])) };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: MARGIN_RANKING_LOSS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // torch.nn.functional.margin_ranking_loss(input1, input2, target, margin=0, ...): the same positional order.
  torch: { functional: 'torch.nn.functional.margin_ranking_loss', layer: 'torch.nn.MarginRankingLoss', drop: ['name'] },
  // subtract, multiply, add and relu are each one IEEE rounding, so element-wise results are exact; mean and sum may add in any order.
  tolerance: EXACT_WITH_SUMMATION,
  explain: rankingElementContext(SIGNATURE),
  // relu turns where margin - label·(input - other) = 0: at a difference of 0 for the default margin, ±margin otherwise.
  fuzz: { values: [0, 1, -1, 0.5], labelDomain: 'sign' },
};

/** The descriptor of margin_ranking_loss: its mutants, then the one only the fuzzer finds. */
export const marginRankingLoss: OpDescriptor = { ...OP, mutants: [...rankingMutants(OP), ...rankingFuzzOnly(OP)] };
