/**
 * paddle.nn.functional.triplet_margin_with_distance_loss(input, positive, negative, distance_function=None, margin=1.0, swap=False, reduction='mean', name=None)
 * and paddle.nn.TripletMarginWithDistanceLoss: the registry's entry, with names, parameters and dtypes from the documentation page.
 *
 * distance_function is not a keyword here: a Python callable cannot cross the JSON-lines protocol
 * (conformance/PROTOCOL.md), so every case computes the default distance, PairwiseDistance(2).
 */
import {
  TripletMarginWithDistanceLoss, TRIPLET_MARGIN_WITH_DISTANCE_LOSS_RULES, tripletMarginWithDistanceLoss, tripletMarginWithDistanceLossGrad,
  type Tensor, type TripletMarginLossTensors, type TripletTensor,
} from '../../../reference/index.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { tripletTolerance } from '../triplet_margin_loss/tolerance.js';
import { tripletMarginWithDistanceLossMutants } from './mutants.js';

const SIGNATURE: OpSignature = {
  family: 'triplet_margin_with_distance_loss',
  functional: 'paddle.nn.functional.triplet_margin_with_distance_loss',
  layer: 'paddle.nn.TripletMarginWithDistanceLoss',
  tensors: ['input', 'positive', 'negative'],
  kwargs: [
    { name: 'margin', kind: 'float', default: 1 },
    { name: 'swap', kind: 'bool', default: false },
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'name', kind: 'str', default: null },
    // PyTorch's removed arguments, which this layer does not know (TypeError in every release).
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
  const output = call.layer ? new TripletMarginWithDistanceLoss({ ...call.args }).forward(tensors) : tripletMarginWithDistanceLoss(tensors, call.args);
  if (grad.length === 0) return { output };
  const g = tripletMarginWithDistanceLossGrad(tensors, call.args, call.gradOutput, grad as TripletTensor[]);
  return { output, grad: Object.fromEntries(grad.map((name) => [name, g[name]!])) };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: TRIPLET_MARGIN_WITH_DISTANCE_LOSS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // torch.nn.functional.triplet_margin_with_distance_loss(anchor, positive, negative, *, distance_function=None, margin=1.0, swap=False, reduction='mean').
  torch: { functional: 'torch.nn.functional.triplet_margin_with_distance_loss', layer: 'torch.nn.TripletMarginWithDistanceLoss', drop: ['name'] },
  // triplet_margin_loss's bound with p = 2 and epsilon 1e-6 (its tolerance.ts).
  tolerance: tripletTolerance(SIGNATURE),
  // A difference of −1e-6 (epsilon's zero norm) and the clip's kink.
  fuzz: { values: [0, 1, -1, -1e-6] },
};

/** The descriptor of triplet_margin_with_distance_loss. */
export const tripletMarginWithDistanceLossOp: OpDescriptor = { ...OP, mutants: tripletMarginWithDistanceLossMutants(OP) };
