/**
 * paddle.nn.functional.nll_loss(input, label, weight=None, ignore_index=-100, reduction='mean', name=None)
 * and paddle.nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean', name=None): the registry's entry,
 * with names, parameters and dtypes from the documentation page. Only input has a gradient: the label holds
 * class indices and nll_loss's backward computes none for the weight.
 */
import { NLLLoss, NLL_LOSS_RULES, nllLoss, nllLossGrad, type NllLossTensors, type Tensor } from '../../../reference/index.js';
import type { RequestJson } from '../../case.js';
import { argsOf, reductionOf, type OpDescriptor, type OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { decodeTensor, itemsize, valuesOf } from '../../wire.js';
import { nllLossMutants } from './mutants.js';
import { nllLossTolerance } from './tolerance.js';

const SIGNATURE: OpSignature = {
  family: 'nll_loss',
  functional: 'paddle.nn.functional.nll_loss',
  layer: 'paddle.nn.NLLLoss',
  tensors: ['input', 'label'],
  optionalTensors: ['weight'],
  kwargs: [
    { name: 'ignore_index', kind: 'int', default: -100 },
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'name', kind: 'str', default: null },
    // PyTorch's removed arguments: the layer takes them only to refuse them.
    { name: 'size_average', kind: 'str', default: null, layerOnly: true },
    { name: 'reduce', kind: 'str', default: null, layerOnly: true },
  ],
  differentiable: ['input'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64'],
};

/** The reference's result for one decoded call: the layer or the functional form, and the gradients asked for. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as NllLossTensors;
  const output = call.layer ? new NLLLoss({ ...call.args, ...(tensors.weight && { weight: tensors.weight }) }).forward(tensors) : nllLoss(tensors, call.args);
  if (grad.length === 0) return { output };
  return { output, grad: nllLossGrad(tensors, call.args, call.gradOutput) };
}

/**
 * Under 'mean' and 'sum' Paddle's CPU kernel writes out[k] = 0 for each ignored label k into its one-element output:
 * past the allocation's 24 usable bytes (k ≥ 6 in float32, k ≥ 3 in float64) it corrupts the heap (Paddle 3.3.1:
 * free(): invalid next size, or a malloc assertion, or a hang), so such requests have no answer to compare.
 */
function writesPastOutput(request: RequestJson): boolean {
  const reduction = reductionOf(SIGNATURE, request);
  if (reduction !== 'mean' && reduction !== 'sum') return false;
  try {
    const x = decodeTensor(request.inputs.input);
    const v = argsOf(SIGNATURE, request).ignore_index ?? -100;
    const ignore = typeof v === 'object' && v !== null && 'int' in v ? v.int : v;
    const safe = 24 / itemsize(x.dtype);
    return valuesOf(decodeTensor(request.inputs.label)).some((y, k) => k >= safe && y === ignore);
  } catch {
    return false;
  }
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: NLL_LOSS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // torch.nn.functional.nll_loss(input, target, weight=None, size_average, ignore_index=-100, reduce, reduction='mean').
  torch: { functional: 'torch.nn.functional.nll_loss', layer: 'torch.nn.NLLLoss', drop: ['name'] },
  // Picking and negating are exact; the sum and the total weight are sequential sums: derived, see tolerance.ts.
  tolerance: nllLossTolerance(SIGNATURE),
  // Class indices along axis 1 (the label [N, d1, …]), int64, ignore_index among them.
  fuzz: { values: [0, 1, -1], labelDomain: 'class', classAxis: 1, ignoreIndex: 'ignore_index', labelDtypes: ['int64'], undefinedBehaviour: writesPastOutput },
};

/** The descriptor of nll_loss. */
export const nllLossOp: OpDescriptor = { ...OP, mutants: nllLossMutants(OP) };
