/** The reference's answer to an l1_loss request (reference/l1_loss.ts, over reference/kernels/). */
import { L1Loss, l1Loss, l1LossGrad, type Tensor } from '../../../reference/index.js';
import type { ResponseJson } from '../../case.js';
import type { PortRequest } from '../../port.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { L1 } from './signature.js';

/** The reference's response to one request: a result, Paddle's error, or a skip for a dtype it cannot hold. */
export function answer(request: PortRequest): ResponseJson {
  return referenceResponse(L1, request, compute);
}

function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const { input, label } = call.tensors as { input: Tensor; label: Tensor };
  // An explicit None is a bad reduction, not the default.
  const reduction = ('reduction' in call.args ? call.args.reduction : 'mean') as string;
  const output = call.layer ? new L1Loss({ ...call.args }).forward(input, label) : l1Loss(input, label, reduction);
  if (grad.length === 0) return { output };
  const g = l1LossGrad(input, label, reduction, call.gradOutput);
  return { output, grad: Object.fromEntries(grad.map((name) => [name, name === 'input' ? g.input : g.label])) };
}
