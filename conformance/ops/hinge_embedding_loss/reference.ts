/**
 * The reference's answer to a hinge_embedding_loss request, through the
 * literal reading (reference/hinge_embedding_loss.ts) or the fused fast path
 * (reference/hinge_embedding_loss_fast.ts). The fast path is a port of its own too, so the maths
 * fast.ts writes a second time is judged against Paddle's goldens, not only
 * against the literal path.
 */
import {
  HingeEmbeddingLoss,
  hingeEmbeddingLoss,
  hingeEmbeddingLossFast,
  hingeEmbeddingLossGrad,
  hingeEmbeddingLossGradFast,
  type Margin,
  type Tensor,
} from '../../../reference/index.js';
import type { ResponseJson } from '../../case.js';
import { argsOf, reductionOf } from '../../op.js';
import type { Port, PortRequest } from '../../port.js';
import { referenceResponse, type DecodedCall, type ReferenceCompute } from '../../reference_bridge.js';
import { HINGE } from './signature.js';

/** The functions an answer computes with: the loss, the layer's forward, and the input gradient. */
interface Kernels {
  loss: typeof hingeEmbeddingLoss;
  forward: (layer: HingeEmbeddingLoss, input: Tensor, label: Tensor) => Tensor;
  grad: typeof hingeEmbeddingLossGrad;
}

/** The literal reading: the layer through its own forward. */
const LITERAL: Kernels = {
  loss: hingeEmbeddingLoss,
  forward: (layer, input, label) => layer.forward(input, label),
  grad: hingeEmbeddingLossGrad,
};

/** The fast path: the layer's stored arguments go to the fast loss, as forward passes them to the literal one. */
const FAST: Kernels = {
  loss: hingeEmbeddingLossFast,
  forward: (layer, input, label) => hingeEmbeddingLossFast(input, label, layer.margin, layer.reduction, layer.name),
  grad: hingeEmbeddingLossGradFast,
};

/** The reference's response to one request: a result, Paddle's error, or a skip for a dtype it cannot hold. */
export function answer(request: PortRequest): ResponseJson {
  return referenceResponse(HINGE, request, compute(LITERAL, request));
}

/**
 * Opens a port that answers with the fast path (hingeEmbeddingLossFast and
 * hingeEmbeddingLossGradFast) wherever it applies and with the literal
 * reference elsewhere. `onFastPath` hears the id of every request whose
 * result came from the fast kernels, so a caller can tell a fast port that
 * silently fell back everywhere from one that did not.
 */
export function referenceFastPort(onFastPath?: (id: string) => void): Port {
  return {
    name: 'reference-fast',
    handle: async (request) => {
      const fast = fastPathApplies(request);
      const response = referenceResponse(HINGE, request, compute(fast ? FAST : LITERAL, request));
      if (fast && response.output !== undefined) onFastPath?.(request.id);
      return response;
    },
    close: async () => {},
  };
}

function compute(kernels: Kernels, request: PortRequest): ReferenceCompute {
  return (call: DecodedCall, grad: readonly string[]) => {
    const { input, label } = call.tensors as { input: Tensor; label: Tensor };
    const margin = marginOf(call, request);
    const reduction = call.args.reduction as string | undefined;
    const name = call.args.name as string | undefined;
    const output = call.layer
      ? kernels.forward(new HingeEmbeddingLoss(margin, reduction, name), input, label)
      : kernels.loss(input, label, margin, reduction, name);
    if (!grad.includes('input')) return { output };
    return { output, grad: { input: kernels.grad(input, label, margin, reduction, call.gradOutput) } };
  };
}

/**
 * The margin for the reference: a Python int (`{"int": n}` on the wire) as a
 * bigint, since integer and bool input tell an int margin from a float one;
 * anything else as the bridge decoded it.
 */
function marginOf(call: DecodedCall, request: PortRequest): Margin | undefined {
  const raw = argsOf(HINGE, request).margin;
  if (typeof raw === 'object' && raw !== null && 'int' in raw && Number.isInteger(raw.int)) return BigInt(raw.int);
  return call.args.margin as Margin | undefined;
}

/**
 * Whether the fast kernels compute this request, decided from the request
 * alone as fast.ts's isCommonCase decides it: a float32 or float64 input and a
 * label of the same shape with at least one dimension (a 0-D pair broadcasts
 * to [1], off the fast path), and no grad_output of a shape the loss does not
 * have (fast.ts leaves that error to the literal gradient).
 */
export function fastPathApplies(request: PortRequest): boolean {
  const { input, label } = request.inputs;
  if (!input || !label || (input.dtype !== 'float32' && input.dtype !== 'float64')) return false;
  if (input.shape.length === 0 || !sameDims(input.shape, label.shape)) return false;
  if (!request.grad || !request.grad_output) return true;
  return sameDims(request.grad_output.shape, reductionOf(HINGE, request) === 'none' ? input.shape : []);
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
