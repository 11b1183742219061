/** The reference's answer to a soft_margin_loss request (reference/soft_margin_loss.ts). */
import { SoftMarginLoss, softMarginLoss, softMarginLossGrad, type Tensor } from '../../../reference/index.js';
import type { ResponseJson } from '../../case.js';
import type { PortRequest } from '../../port.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { SOFT_MARGIN } from './signature.js';

/** The reference's response to one request: a result, Paddle's error, or a skip for a dtype it cannot hold. */
export function answer(request: PortRequest): ResponseJson {
  return referenceResponse(SOFT_MARGIN, request, compute);
}

function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const { input, label } = call.tensors as { input: Tensor; label: Tensor };
  const reduction = call.args.reduction as string | undefined;
  const name = call.args.name as string | undefined;
  // The layer gets its keywords as keywords (an options object), so name=True is a name, not a positional reduce.
  const output = call.layer ? new SoftMarginLoss({ ...call.args }).forward(input, label) : softMarginLoss(input, label, reduction, name);
  if (grad.length === 0) return { output };
  return { output, grad: { input: softMarginLossGrad(input, label, reduction, call.gradOutput).input } };
}
