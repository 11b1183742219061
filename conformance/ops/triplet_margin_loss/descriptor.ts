/**
 * paddle.nn.functional.triplet_margin_loss(input, positive, negative, margin=1.0, p=2, epsilon=1e-6, swap=False, reduction='mean', name=None)
 * and paddle.nn.TripletMarginLoss: the registry's entry, with names, parameters and dtypes from the documentation page.
 */
import { TripletMarginLoss, TRIPLET_MARGIN_LOSS_RULES, tripletMarginLoss, tripletMarginLossGrad, type TripletMarginLossTensors, type TripletTensor, type Tensor } from '../../../reference/index.js';
import type { RequestJson } from '../../case.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { tripletMarginLossMutants } from './mutants.js';
import { tripletTolerance } from './tolerance.js';

const SIGNATURE: OpSignature = {
  family: 'triplet_margin_loss',
  functional: 'paddle.nn.functional.triplet_margin_loss',
  layer: 'paddle.nn.TripletMarginLoss',
  tensors: ['input', 'positive', 'negative'],
  kwargs: [
    { name: 'margin', kind: 'float', default: 1 },
    { name: 'p', kind: 'float', default: 2 },
    { name: 'epsilon', kind: 'float', default: 0.000001 },
    { name: 'swap', kind: 'bool', default: false },
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'name', kind: 'str', default: null },
    // PyTorch's removed arguments: the layer takes them only to refuse them (ValueError, since Paddle 3.3.0).
    { name: 'size_average', kind: 'str', default: null, layerOnly: true },
    { name: 'reduce', kind: 'str', default: null, layerOnly: true },
  ],
  differentiable: ['input', 'positive', 'negative'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64'],
};

/** The reference's result for one decoded call: the layer or the functional form, and the gradients asked for. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as TripletMarginLossTensors;
  const output = call.layer ? new TripletMarginLoss({ ...call.args }).forward(tensors) : tripletMarginLoss(tensors, call.args);
  if (grad.length === 0) return { output };
  const g = tripletMarginLossGrad(tensors, call.args, call.gradOutput, grad as TripletTensor[]);
  return { output, grad: Object.fromEntries(grad.map((name) => [name, g[name]!])) };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: TRIPLET_MARGIN_LOSS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // torch.nn.functional.triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-06, swap=False, size_average, reduce, reduction='mean').
  torch: { functional: 'torch.nn.functional.triplet_margin_loss', layer: 'torch.nn.TripletMarginLoss', renames: { epsilon: 'eps' }, drop: ['name'] },
  // Eigen's pow in p_norm is not correctly rounded: derived bounds, see tolerance.ts.
  tolerance: tripletTolerance(SIGNATURE),
  // A difference of −epsilon (the zero norm), and the clip's kink where d⁺ − d⁻ + margin = 0.
  // Paddle's p_norm of a 0-D difference (0-D operands with epsilon 0) reads a dimension the tensor lacks: undefined.
  fuzz: { values: [0, 1, -1, -1e-6], undefinedBehaviour: zeroDWithoutEpsilon },
};

/** 0-D operands and an epsilon Python reads as 0 (0, -0, False, an int 0): p_norm gets a 0-D tensor. */
export function zeroDWithoutEpsilon(request: RequestJson): boolean {
  const epsilon = (request.kwargs ?? request.init ?? {}).epsilon;
  const zero = epsilon === 0 || epsilon === false || (typeof epsilon === 'object' && epsilon !== null && 'int' in epsilon && epsilon.int === 0);
  return zero && Object.values(request.inputs).every((t) => t.shape.length === 0);
}

/** The descriptor of triplet_margin_loss. */
export const tripletMarginLossOp: OpDescriptor = { ...OP, mutants: tripletMarginLossMutants(OP) };
