/** The reference's answer to a smooth_l1_loss request (reference/smooth_l1_loss.ts, over reference/kernels/). */
import { SmoothL1Loss, smoothL1Loss, smoothL1LossGrad, type SmoothL1Options, type Tensor } from '../../../reference/index.js';
import type { ResponseJson } from '../../case.js';
import type { PortRequest } from '../../port.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { SMOOTH_L1 } from './signature.js';

/** The reference's response to one request: a result, Paddle's error, or a skip for a dtype it cannot hold. */
export function answer(request: PortRequest): ResponseJson {
  return referenceResponse(SMOOTH_L1, request, compute);
}

function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const { input, label } = call.tensors as { input: Tensor; label: Tensor };
  const { name: _name, ...options } = call.args as SmoothL1Options & { name?: unknown };
  const output = call.layer ? new SmoothL1Loss({ ...call.args }).forward(input, label) : smoothL1Loss(input, label, options);
  if (grad.length === 0) return { output };
  const g = smoothL1LossGrad(input, label, options, call.gradOutput);
  return { output, grad: Object.fromEntries(grad.map((name) => [name, name === 'input' ? g.input : g.label])) };
}
