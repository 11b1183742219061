/**
 * paddle.nn.functional.cross_entropy(input, label, weight=None, ignore_index=-100, reduction='mean', soft_label=False,
 * axis=-1, use_softmax=True, label_smoothing=0.0, name=None) and paddle.nn.CrossEntropyLoss(weight=None, …): the
 * registry's entry. Only input has a gradient (the label's kernel gives none; weight is left out, as
 * binary_cross_entropy_with_logits leaves its optional weight out).
 */
import { CROSS_ENTROPY_RULES, crossEntropy, crossEntropyGrad, crossEntropyMeanDivisor, CrossEntropyLoss, type CrossEntropyDivisor, type CrossEntropyTensors, type Tensor } from '../../../reference/index.js';
import type { RequestJson } from '../../case.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { decodeTensor, valuesOf } from '../../wire.js';
import { crossEntropyMutants } from './mutants.js';
import { crossEntropyTolerance } from './tolerance.js';

const SIGNATURE: OpSignature = {
  family: 'cross_entropy',
  functional: 'paddle.nn.functional.cross_entropy',
  layer: 'paddle.nn.CrossEntropyLoss',
  tensors: ['input', 'label'],
  optionalTensors: ['weight'],
  kwargs: [
    { name: 'ignore_index', kind: 'int', default: { int: -100 } },
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'soft_label', kind: 'bool', default: false },
    { name: 'axis', kind: 'int', default: { int: -1 } },
    { name: 'use_softmax', kind: 'bool', default: true },
    { name: 'label_smoothing', kind: 'float', default: 0.0 },
    { name: 'name', kind: 'str', default: null },
    { name: 'size_average', kind: 'str', default: null, layerOnly: true },
    { name: 'reduce', kind: 'str', default: null, layerOnly: true },
  ],
  differentiable: ['input'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64'],
};

/**
 * A soft (or smoothed) label with a 0-D weight: matmul reads a dimension of the 0-D weight that is not there
 * (Paddle 3.3.1 names a different garbage size each run); a weight of rank 3 or more is not reproduced here.
 */
function softWeightUndefined(r: RequestJson): boolean {
  const args = { ...r.kwargs, ...r.init };
  const smoothing = args.label_smoothing;
  const soft = args.soft_label === true || smoothing === true || (typeof smoothing === 'number' && smoothing > 0);
  const rank = r.inputs.weight?.shape.length;
  return soft && rank !== undefined && (rank === 0 || rank > 2);
}

/** Zero classes with rows left: the kernel returns a loss of one element per row it never writes (garbage), read unless 'mean' adds NaN. */
function zeroClassesUndefined(r: RequestJson): boolean {
  const args = { ...r.kwargs, ...r.init };
  const shape = r.inputs.input?.shape ?? [];
  const a = typeof args.axis === 'object' && args.axis !== null && 'int' in args.axis ? args.axis.int : -1;
  const at = a < 0 ? a + shape.length : a;
  const rows = shape.filter((_, i) => i !== at).reduce((p, d) => p * d, 1);
  return shape[at] === 0 && rows > 0 && (args.reduction === 'none' || args.reduction === 'sum');
}

/** The reference's result for one decoded call: the layer or the functional form, and input's gradient when asked. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as CrossEntropyTensors;
  const output = call.layer ? new CrossEntropyLoss({ ...call.args, ...(tensors.weight && { weight: tensors.weight }) }).forward({ input: tensors.input, label: tensors.label! }) : crossEntropy(tensors, call.args);
  if (grad.length === 0) return { output };
  return { output, grad: { input: crossEntropyGrad(tensors, call.args, call.gradOutput).input! } };
}

/** What 'mean' divides by when it is not the element count, as the reference finds it (0 is divided as 1). */
function meanDivisor(request: RequestJson): { value: number; terms: number; absolute: number } | undefined {
  let found: CrossEntropyDivisor | undefined;
  referenceResponse(SIGNATURE, { ...request, id: '', grad: undefined }, (call) => {
    found = crossEntropyMeanDivisor(call.tensors as unknown as CrossEntropyTensors, call.args);
    return { output: null };
  });
  return found && { value: found.total === 0 ? 1 : found.total, terms: found.count, absolute: found.absolute };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: CROSS_ENTROPY_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // torch.nn.functional.cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
  // reduction='mean', label_smoothing=0.0): no soft_label, axis or use_softmax (each changes the value, so a request
  // giving one is PyTorch's TypeError; a soft label is a float target).
  torch: { functional: 'torch.nn.functional.cross_entropy', layer: 'torch.nn.CrossEntropyLoss', drop: ['name'] },
  tolerance: crossEntropyTolerance(SIGNATURE, meanDivisor),
  // The softmax's clip (a shift of −64), exp's overflow without the shift (88.7, 100), logits that tie. A hard
  // label beyond int32 with a gradient is undefined: the forward reads it as an int, the backward as an int64
  // index and writes outside the gradient (cross_entropy_grad_kernel.cc).
  fuzz: {
    values: [0, 1, -1, 64, -64, 88.72283905206835, 100, -100, 1000],
    labelDomain: 'class', classLabelTrailingOne: 'sometimes', ignoreIndex: 'ignore_index', labelDtypes: ['int64', 'int32', 'float32', 'float64'],
    classAxisKeyword: 'axis', softLabelKeyword: 'soft_label', intervals: { label_smoothing: [0, 1] },
    undefinedBehaviour: (r) => (r.grad !== undefined && r.inputs.label !== undefined && valuesOf(decodeTensor(r.inputs.label)).some((v) => Math.abs(v) >= 2 ** 31)) || softWeightUndefined(r) || zeroClassesUndefined(r),
  },
};

/** The descriptor of cross_entropy. */
export const crossEntropyOp: OpDescriptor = { ...OP, mutants: crossEntropyMutants(OP) };
