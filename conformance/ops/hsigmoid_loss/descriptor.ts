/**
 * paddle.nn.functional.hsigmoid_loss(input, label, num_classes, weight, bias=None, path_table=None, path_code=None,
 * is_sparse=False, name=None) and paddle.nn.HSigmoidLoss(feature_size, num_classes, weight_attr=None,
 * bias_attr=None, is_custom=False, is_sparse=False, name=None). num_classes sits between label and weight, so
 * weight travels by keyword with the optional tensors (the oracle passes them by name); the layer's parameters
 * are random, so only its constructor's refusals are compared.
 */
import { full, HSigmoidLoss, HSIGMOID_LOSS_RULES, hsigmoidLoss, hsigmoidLossGrad, type HsigmoidKernels, type HsigmoidLossTensors, type Tensor } from '../../../reference/index.js';
import type { ResponseJson } from '../../case.js';
import { formOf, type OpDescriptor, type OpSignature, type ReferenceAnswer } from '../../op.js';
import type { PortRequest } from '../../port.js';
import { referenceResponse } from '../../reference_bridge.js';
import { hsigmoidRequests, hsigmoidUndefined } from './fuzz.js';
import { hsigmoidLossMutants } from './mutants.js';
import { hsigmoidLossTolerance } from './tolerance.js';

const SIGNATURE: OpSignature = {
  family: 'hsigmoid_loss',
  functional: 'paddle.nn.functional.hsigmoid_loss',
  layer: 'paddle.nn.HSigmoidLoss',
  tensors: ['input', 'label'],
  optionalTensors: ['weight', 'bias', 'path_table', 'path_code'],
  kwargs: [
    { name: 'feature_size', kind: 'int', default: null, layerOnly: true },
    { name: 'num_classes', kind: 'int', default: null, required: true },
    { name: 'weight_attr', kind: 'str', default: null, layerOnly: true },
    { name: 'bias_attr', kind: 'str', default: null, layerOnly: true },
    { name: 'is_custom', kind: 'bool', default: false, layerOnly: true },
    { name: 'is_sparse', kind: 'bool', default: false },
    { name: 'name', kind: 'str', default: null },
  ],
  differentiable: ['input', 'weight', 'bias'],
  dtypes: ['float32', 'float64'],
};

/**
 * The layer: its constructor's refusals, and the call on an empty batch, which reads none of the parameters (its
 * [C, feature_size] weight stands in as zeros); any other call is skipped: the parameters are random at construction.
 */
function layerAnswer(request: PortRequest): ResponseJson {
  let empty = true;
  const answer = referenceResponse(SIGNATURE, request, (call) => {
    const layer = new HSigmoidLoss(call.args);
    const input = call.tensors.input!;
    empty = input.shape[0] === 0;
    return { output: empty ? hsigmoidLoss({ input, label: call.tensors.label!, weight: full(layer.weightShape, 0, input.dtype) }, layer.numClasses) : null };
  });
  return 'error' in answer || empty ? answer : { id: request.id, skip: "the layer's parameters are random at construction and no request sets them" };
}

/** The reference's answer with the given dot product (Paddle's order as the reference takes it; the mutants pass others). */
export function answerWith(kernels?: HsigmoidKernels): ReferenceAnswer {
  return (request) => (formOf(SIGNATURE, request.api) === 'layer' ? layerAnswer(request) : referenceResponse(SIGNATURE, request, (call, grad) => {
    const tensors = call.tensors as unknown as HsigmoidLossTensors;
    const [classes, sparse] = [call.args.num_classes, call.args.is_sparse];
    const output = hsigmoidLoss(tensors, classes, sparse, kernels);
    if (grad.length === 0) return { output };
    const all = hsigmoidLossGrad(tensors, classes, sparse, call.gradOutput, kernels);
    return { output, grad: Object.fromEntries(grad.flatMap((name) => (all[name] ? [[name, all[name]!]] : []))) as Record<string, Tensor> };
  }));
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: HSIGMOID_LOSS_RULES,
  reference: answerWith(),
  // No torch mapping: PyTorch has no hierarchical sigmoid, so its port skips every case.
  // MKL's DOT order is not read (rule hsigmoid-dot-mkl-order): a derived bound, see tolerance.ts.
  tolerance: hsigmoidLossTolerance(),
  // The generic draft makes no code tables: the op draws its own requests, finite values only (which NaN MKL's DOT keeps is not read).
  // The page's domain: int64 labels, and num_classes "greater than 2" (Paddle's check is num_classes < 2: 2 computes).
  fuzz: { requests: hsigmoidRequests(SIGNATURE.functional), finite: true, undefinedBehaviour: hsigmoidUndefined, labelName: 'label', labelDtypes: ['int64'], intervals: { num_classes: [3, Infinity] } },
};

/** The descriptor of hsigmoid_loss. */
export const hsigmoidLossOp: OpDescriptor = { ...OP, mutants: hsigmoidLossMutants(OP, answerWith) };
