/** The reference's answer to a margin_ranking_loss request (reference/margin_ranking_loss.ts). */
import { MarginRankingLoss, marginRankingLoss, marginRankingLossGrad, type RankingMargin, type Tensor } from '../../../reference/index.js';
import type { ResponseJson } from '../../case.js';
import type { PortRequest } from '../../port.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { RANKING } from './signature.js';

/** The reference's response to one request: a result, Paddle's error, or a skip for a dtype it cannot hold. */
export function answer(request: PortRequest): ResponseJson {
  return referenceResponse(RANKING, request, compute);
}

function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const { input, other, label } = call.tensors as { input: Tensor; other: Tensor; label: Tensor };
  const margin = call.args.margin as RankingMargin | undefined;
  const reduction = call.args.reduction as string | undefined;
  const name = call.args.name as string | undefined;
  const output = call.layer
    ? new MarginRankingLoss(margin, reduction, name).forward(input, other, label)
    : marginRankingLoss(input, other, label, margin, reduction, name);
  if (grad.length === 0) return { output };
  const all = marginRankingLossGrad(input, other, label, margin, reduction, call.gradOutput);
  return { output, grad: Object.fromEntries(grad.map((n) => [n, all[n as 'input' | 'other']])) };
}
