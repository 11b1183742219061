/**
 * The reference's fused fast path (reference/hinge_embedding_loss_fast.ts) as
 * a port of its own, through the descriptor's adapter with the fast kernels.
 * fast.ts writes the maths a second time, so it is judged against Paddle's
 * goldens (fast_goldens.test.ts), not only against the literal path.
 */
import { hingeEmbeddingLossFast, hingeEmbeddingLossGradFast } from '../../../reference/index.js';
import { reductionOf } from '../../op.js';
import type { Port, PortRequest } from '../../port.js';
import { referenceResponse } from '../../reference_bridge.js';
import { hingeCompute, hingeEmbeddingLoss as HINGE, LITERAL_KERNELS, type HingeKernels } from './descriptor.js';

/** The fast path: the layer's stored arguments go to the fast loss, as forward passes them to the literal one. */
const FAST_KERNELS: HingeKernels = {
  loss: hingeEmbeddingLossFast,
  forward: (layer, input, label) => hingeEmbeddingLossFast(input, label, layer.margin, layer.reduction, layer.name),
  grad: hingeEmbeddingLossGradFast,
};

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
      const response = referenceResponse(HINGE, request, hingeCompute(fast ? FAST_KERNELS : LITERAL_KERNELS, request));
      if (fast && response.output !== undefined) onFastPath?.(request.id);
      return response;
    },
    close: async () => {},
  };
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
