/**
 * paddle.nn.functional.multi_margin_loss(input, label, p=1, margin=1.0, weight=None, reduction='mean', name=None)
 * and paddle.nn.MultiMarginLoss(p=1, margin=1.0, weight=None, reduction='mean', name=None): the registry's entry,
 * with names, parameters and dtypes from the documentation page. The label holds class indices (int32 or int64,
 * shape [N]); input and the weight get gradients (index_sample's and add's, gather's), the label none.
 */
import { MultiMarginLoss, MULTI_MARGIN_LOSS_RULES, multiMarginLoss, multiMarginLossGrad, type MultiMarginLossTensors, type Tensor } from '../../../reference/index.js';
import { argsOf, type OpDescriptor, type OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { multiMarginLossMutants } from './mutants.js';
import { multiMarginLossTolerance } from './tolerance.js';

const SIGNATURE: OpSignature = {
  family: 'multi_margin_loss',
  functional: 'paddle.nn.functional.multi_margin_loss',
  layer: 'paddle.nn.MultiMarginLoss',
  tensors: ['input', 'label'],
  optionalTensors: ['weight'],
  kwargs: [
    { name: 'p', kind: 'int', default: { int: 1 } },
    { name: 'margin', kind: 'float', default: 1.0 },
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'name', kind: 'str', default: null },
    // PyTorch's removed arguments: the layer takes them only to refuse them (ValueError).
    { name: 'size_average', kind: 'str', default: null, layerOnly: true },
    { name: 'reduce', kind: 'str', default: null, layerOnly: true },
  ],
  differentiable: ['input', 'weight'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64'],
};

/** The reference's result for one decoded call: the layer or the functional form, and the gradients asked for. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as MultiMarginLossTensors;
  const output = call.layer ? new MultiMarginLoss({ ...call.args, ...(tensors.weight && { weight: tensors.weight }) }).forward(tensors) : multiMarginLoss(tensors, call.args);
  if (grad.length === 0) return { output };
  const g = multiMarginLossGrad(tensors, call.args, call.gradOutput, grad);
  return { output, grad: Object.fromEntries(grad.filter((name) => g[name]).map((name) => [name, g[name]!])) };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: MULTI_MARGIN_LOSS_RULES,
  // A Python int margin ({"int": n}) as a bigint: an integer input tells it from a float (margin - s keeps int32).
  reference: (request) => referenceResponse(SIGNATURE, request, (call, grad) => {
    const raw = argsOf(SIGNATURE, request).margin;
    const margin = typeof raw === 'object' && raw !== null && 'int' in raw ? { margin: BigInt(raw.int) } : {};
    return compute({ ...call, args: { ...call.args, ...margin } }, grad);
  }),
  // torch.nn.functional.multi_margin_loss(input, target, p=1, margin=1, weight=None, size_average, reduce, reduction='mean').
  torch: { functional: 'torch.nn.functional.multi_margin_loss', layer: 'torch.nn.MultiMarginLoss', drop: ['name'] },
  // pow's error and the roundings of the margin term, the class mean and the subtraction: derived, see tolerance.ts.
  tolerance: multiMarginLossTolerance(SIGNATURE),
  // The hinge's kink where margin − x[y] + x[j] = 0 (margin 1 and 0); [N, C] input and one class index per row.
  fuzz: {
    values: [0, 1, -1, 0.5], shape: 'matrix', labelDomain: 'class', labelDtypes: ['int64', 'int32'],
    // A negative margin to a non-integer power is a complex number in Python: a complex64 loss the protocol does not carry.
    undefinedBehaviour: (r) => { const a = (r.kwargs ?? r.init ?? {}) as Record<string, unknown>; const m = Number(a.margin ?? 1); return m < 0 && typeof a.p === 'number' && !Number.isInteger(a.p); },
  },
};

/** The descriptor of multi_margin_loss. */
export const multiMarginLossOp: OpDescriptor = { ...OP, mutants: multiMarginLossMutants(OP) };
