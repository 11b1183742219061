/**
 * paddle.nn.functional.binary_cross_entropy_with_logits(logit, label, weight=None, reduction='mean', pos_weight=None, name=None)
 * and paddle.nn.BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None, name=None): the registry's entry. Only
 * logit is offered a gradient: Paddle gives a given weight one too (multiply's backward) and the label and pos_weight
 * none, but a request may not ask for the gradient of an optional tensor it leaves out, so weight's is not offered.
 */
import { BCEWithLogitsLoss, BINARY_CROSS_ENTROPY_WITH_LOGITS_RULES, binaryCrossEntropyWithLogits, binaryCrossEntropyWithLogitsGrad, type BinaryCrossEntropyWithLogitsTensors, type Tensor } from '../../../reference/index.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { binaryCrossEntropyWithLogitsMutants } from './mutants.js';
import { BCE_WITH_LOGITS_TOLERANCE } from './tolerance.js';

const SIGNATURE: OpSignature = {
  family: 'binary_cross_entropy_with_logits',
  functional: 'paddle.nn.functional.binary_cross_entropy_with_logits',
  layer: 'paddle.nn.BCEWithLogitsLoss',
  tensors: ['logit', 'label'],
  optionalTensors: ['weight', 'pos_weight'],
  kwargs: [
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'name', kind: 'str', default: null },
    // PyTorch's removed arguments: the layer takes them only to refuse them (ValueError).
    { name: 'size_average', kind: 'str', default: null, layerOnly: true },
    { name: 'reduce', kind: 'str', default: null, layerOnly: true },
  ],
  differentiable: ['logit'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64'],
};

/** The reference's result for one decoded call: the layer or the functional form, and the gradients asked for. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as BinaryCrossEntropyWithLogitsTensors;
  const output = call.layer ? new BCEWithLogitsLoss({ ...call.args, weight: tensors.weight, pos_weight: tensors.pos_weight }).forward(tensors) : binaryCrossEntropyWithLogits(tensors, call.args);
  if (grad.length === 0) return { output };
  const g = binaryCrossEntropyWithLogitsGrad(tensors, call.args, call.gradOutput);
  return { output, grad: Object.fromEntries(grad.map((name) => [name, g[name]!])) };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: BINARY_CROSS_ENTROPY_WITH_LOGITS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // torch.nn.functional.binary_cross_entropy_with_logits(input, target, weight=None, size_average=None, reduce=None, reduction='mean', pos_weight=None).
  torch: { functional: 'torch.nn.functional.binary_cross_entropy_with_logits', layer: 'torch.nn.BCEWithLogitsLoss', drop: ['name'] },
  tolerance: BCE_WITH_LOGITS_TOLERANCE,
  // 0 (the gradient's kink), where 1 + e(−|x|) rounds to 1 (float32 17, float64 37), exp's overflow, and the ignored label −100.
  fuzz: { values: [0, 1, -1, 17, -17, 37, 88.72283905206835, -100] },
};

/** The descriptor of binary_cross_entropy_with_logits. */
export const binaryCrossEntropyWithLogitsOp: OpDescriptor = { ...OP, mutants: binaryCrossEntropyWithLogitsMutants(OP) };
