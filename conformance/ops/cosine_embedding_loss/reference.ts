/** The reference's answer to a cosine_embedding_loss request (reference/cosine_embedding_loss.ts). */
import { CosineEmbeddingLoss, cosineEmbeddingLoss, cosineEmbeddingLossGrad, PaddleAttributeError, type CosineEmbedding, type CosineMargin, type Tensor } from '../../../reference/index.js';
import type { ResponseJson } from '../../case.js';
import type { PortRequest } from '../../port.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { COSINE } from './signature.js';

/** The reference's response to one request: a result, Paddle's error, or a skip for a dtype it cannot hold. */
export function answer(request: PortRequest): ResponseJson {
  return referenceResponse(COSINE, request, compute);
}

function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor | null; grad?: Record<string, Tensor> } {
  const { input1, input2, label } = call.tensors as { input1: Tensor; input2: Tensor; label: Tensor };
  const margin = call.args.margin as CosineMargin | undefined;
  const reduction = call.args.reduction as string | undefined;
  const name = call.args.name as string | undefined;
  const output = call.layer
    ? new CosineEmbeddingLoss(margin as number | undefined, reduction, name).forward(input1, input2, label)
    : cosineEmbeddingLoss(input1, input2, label, margin, reduction, name);
  if (grad.length === 0) return { output };
  // What a caller of Paddle meets when the functional form returned None and they call backward() on it.
  if (output === null) throw new PaddleAttributeError("'NoneType' object has no attribute 'backward'");
  const wrt = grad.filter((n): n is CosineEmbedding => n === 'input1' || n === 'input2');
  const all = cosineEmbeddingLossGrad(input1, input2, label, margin, reduction, call.gradOutput, wrt);
  return { output, grad: Object.fromEntries(wrt.map((n) => [n, all[n]!])) };
}
