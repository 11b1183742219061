/**
 * paddle.nn.functional.hinge_embedding_loss(input, label, margin=1.0,
 * reduction='mean', name=None) and paddle.nn.HingeEmbeddingLoss(margin=1.0,
 * reduction='mean', name=None): the registry's entry, with names, parameters
 * and dtypes from the documentation page, and the reference's answer through
 * the literal reading (reference/hinge_embedding_loss.ts). fast_path.ts
 * answers through the fused kernels with the same adapter.
 */
import {
  HINGE_EMBEDDING_LOSS_RULES,
  HingeEmbeddingLoss,
  hingeEmbeddingLoss as hingeLoss,
  hingeEmbeddingLossGrad,
  type Margin,
  type Tensor,
} from '../../../reference/index.js';
import { argsOf, type OpDescriptor, type OpSignature } from '../../op.js';
import type { PortRequest } from '../../port.js';
import { referenceResponse, type DecodedCall, type ReferenceCompute } from '../../reference_bridge.js';
import { EXACT_WITH_SUMMATION } from '../../tolerance.js';
import { hingeElementContext } from './explain.js';
import { hingeFuzzOnly } from './fuzz_only.js';
import { hingeMutants } from './mutants.js';

const SIGNATURE: OpSignature = {
  family: 'hinge_embedding_loss',
  functional: 'paddle.nn.functional.hinge_embedding_loss',
  layer: 'paddle.nn.HingeEmbeddingLoss',
  tensors: ['input', 'label'],
  kwargs: [
    { name: 'margin', kind: 'float', default: 1.0 },
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'name', kind: 'str', default: null },
  ],
  differentiable: ['input'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64'],
};

/** The functions an answer computes with: the loss, the layer's forward, and the input gradient. */
export interface HingeKernels {
  loss: typeof hingeLoss;
  forward: (layer: HingeEmbeddingLoss, input: Tensor, label: Tensor) => Tensor;
  grad: typeof hingeEmbeddingLossGrad;
}

/** The literal reading: the layer through its own forward. */
export const LITERAL_KERNELS: HingeKernels = {
  loss: hingeLoss,
  forward: (layer, input, label) => layer.forward(input, label),
  grad: hingeEmbeddingLossGrad,
};

/** The reference's computation of one request with the given kernels: the layer or the functional form, and the input gradient when asked for. */
export function hingeCompute(kernels: HingeKernels, request: PortRequest): ReferenceCompute {
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
  const raw = argsOf(SIGNATURE, request).margin;
  if (typeof raw === 'object' && raw !== null && 'int' in raw && Number.isInteger(raw.int)) return BigInt(raw.int);
  return call.args.margin as Margin | undefined;
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: HINGE_EMBEDDING_LOSS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, hingeCompute(LITERAL_KERNELS, request)),
  torch: { functional: 'torch.nn.functional.hinge_embedding_loss', layer: 'torch.nn.HingeEmbeddingLoss', drop: ['name'] },
  // Every element-wise step is one IEEE rounding (margin - x, then relu and the where-sum), so results are exact; mean and sum may add in any order.
  tolerance: EXACT_WITH_SUMMATION,
  explain: hingeElementContext(SIGNATURE),
  // The hinge turns where margin - x = 0: at x = 1 for the default margin; 0 is the label-free point of relu.
  fuzz: { values: [1, -1, 0, 0.5], labelDomain: 'sign' },
};

/** The descriptor of hinge_embedding_loss: its mutants, then those only the fuzzer finds. */
export const hingeEmbeddingLoss: OpDescriptor = { ...OP, mutants: [...hingeMutants(OP), ...hingeFuzzOnly(OP)] };
