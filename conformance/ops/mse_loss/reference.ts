/** The reference's answer to an mse_loss request (reference/mse_loss.ts, over reference/kernels/). */
import { MSELoss, mseLoss, mseLossGrad, type Tensor } from '../../../reference/index.js';
import type { ResponseJson } from '../../case.js';
import type { PortRequest } from '../../port.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { MSE } from './signature.js';

/** The reference's response to one request: a result, Paddle's error, or a skip for a dtype it cannot hold. */
export function answer(request: PortRequest): ResponseJson {
  return referenceResponse(MSE, request, compute);
}

function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const { input, label } = call.tensors as { input: Tensor; label: Tensor };
  // An explicit None is a bad reduction, not the default.
  const reduction = ('reduction' in call.args ? call.args.reduction : 'mean') as string;
  const output = call.layer ? new MSELoss({ ...call.args }).forward(input, label) : mseLoss(input, label, reduction);
  if (grad.length === 0) return { output };
  const g = mseLossGrad(input, label, reduction, call.gradOutput);
  return { output, grad: Object.fromEntries(grad.map((name) => [name, name === 'input' ? g.input : g.label])) };
}
