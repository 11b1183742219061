/**
 * paddle.nn.functional.margin_cross_entropy(logits, label, margin1=1.0, margin2=0.5, margin3=0.0, scale=64.0,
 * group=None, return_softmax=False, reduction='mean') (functional only): the registry's entry. On Paddle's CPU every
 * call raises (the kernel is not implemented there), so the goldens are errors and the reference raises them; the
 * values need a GPU. The reduction keyword accepts None, so the descriptor declares no reduction of its own.
 */
import { MARGIN_CROSS_ENTROPY_RULES, marginCrossEntropy, type MarginCrossEntropyTensors, type Tensor } from '../../../reference/index.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { EXACT_WITH_SUMMATION } from '../../tolerance.js';
import { marginCrossEntropyMutants } from './mutants.js';

const SIGNATURE: OpSignature = {
  family: 'margin_cross_entropy',
  functional: 'paddle.nn.functional.margin_cross_entropy',
  tensors: ['logits', 'label'],
  kwargs: [
    { name: 'margin1', kind: 'float', default: 1.0 },
    { name: 'margin2', kind: 'float', default: 0.5 },
    { name: 'margin3', kind: 'float', default: 0.0 },
    { name: 'scale', kind: 'float', default: 64.0 },
    { name: 'group', kind: 'bool', default: null },
    { name: 'return_softmax', kind: 'bool', default: false },
    { name: 'reduction', kind: 'str', default: 'mean' },
  ],
  differentiable: ['logits'],
  dtypes: ['float16', 'float32', 'float64'],
};

/** The reference's answer: Paddle's CPU error for every call. */
function compute(call: DecodedCall): { output: Tensor } {
  return marginCrossEntropy(call.tensors as unknown as MarginCrossEntropyTensors, call.args);
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: MARGIN_CROSS_ENTROPY_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // No torch mapping: PyTorch has no margin (ArcFace) cross entropy. Nothing is computed, so exact.
  tolerance: EXACT_WITH_SUMMATION,
  fuzz: { values: [0, 1, -1, 0.5], intervals: { logits: [-1, 1] }, labelDomain: 'class', classLabelTrailingOne: 'sometimes', labelDtypes: ['int64', 'int32'] },
};

/** The descriptor of margin_cross_entropy. */
export const marginCrossEntropyOp: OpDescriptor = { ...OP, mutants: marginCrossEntropyMutants(OP) };
