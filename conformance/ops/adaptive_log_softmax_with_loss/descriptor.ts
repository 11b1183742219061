/**
 * paddle.nn.functional.adaptive_log_softmax_with_loss(input, label, head_weight, tail_weights, cutoffs,
 * head_bias=None, name=None) and paddle.nn.AdaptiveLogSoftmaxWithLoss(in_features, n_classes, cutoffs,
 * weight_attr=None, bias_attr=None, div_value=4.0, head_bias=False, name=None), both since Paddle 3.0.0.
 * tail_weights travels as the tensor list `tail_weights.<i>.<j>` (PROTOCOL.md, "Lists of tensors"), cutoffs
 * as a JSON list of ints. Two outputs: output [N] and loss [].
 */
import { PaddleTypeError, PADDLE_KERNELS, type AdaptiveKernels, ADAPTIVE_LOG_SOFTMAX_WITH_LOSS_RULES, AdaptiveLogSoftmaxWithLoss, adaptiveLogSoftmaxWithLoss, adaptiveLogSoftmaxWithLossGrad, type Tensor } from '../../../reference/index.js';
import type { ResponseJson } from '../../case.js';
import { formOf, nestedList, type OpDescriptor, type OpSignature, type ReferenceAnswer } from '../../op.js';
import type { PortRequest } from '../../port.js';
import { referenceResponse } from '../../reference_bridge.js';
import { adaptiveRequests } from './fuzz.js';
import { adaptiveLogSoftmaxMutants } from './mutants.js';
import { adaptiveLogSoftmaxTolerance } from './tolerance.js';

const SIGNATURE: OpSignature = {
  family: 'adaptive_log_softmax_with_loss',
  functional: 'paddle.nn.functional.adaptive_log_softmax_with_loss',
  layer: 'paddle.nn.AdaptiveLogSoftmaxWithLoss',
  tensors: ['input', 'label', 'head_weight'],
  tensorLists: ['tail_weights'],
  optionalTensors: ['head_bias'],
  // The layer's constructor takes (in_features, n_classes, cutoffs, weight_attr, bias_attr, div_value, head_bias, name).
  kwargs: [
    { name: 'in_features', kind: 'int', default: null, layerOnly: true },
    { name: 'n_classes', kind: 'int', default: null, layerOnly: true },
    { name: 'cutoffs', kind: 'ints', default: null, required: true },
    { name: 'weight_attr', kind: 'str', default: null, layerOnly: true },
    { name: 'bias_attr', kind: 'str', default: null, layerOnly: true },
    { name: 'div_value', kind: 'float', default: 4.0, layerOnly: true },
    { name: 'head_bias', kind: 'bool', default: false, layerOnly: true },
    { name: 'name', kind: 'str', default: null },
  ],
  differentiable: ['input', 'head_weight', 'tail_weights', 'head_bias'],
  outputs: ['output', 'loss'],
  dtypes: ['float32', 'float64'],
  since: { 'paddle.nn.functional.adaptive_log_softmax_with_loss': '3.0.0', 'paddle.nn.AdaptiveLogSoftmaxWithLoss': '3.0.0' },
};

/** The layer: its constructor's refusals; a layer it builds has random parameters, which no request sets, so the call is skipped. */
function layerAnswer(request: PortRequest): ResponseJson {
  const answer = referenceResponse(SIGNATURE, request, (call) => {
    new AdaptiveLogSoftmaxWithLoss(call.args);
    return { output: null };
  });
  return 'error' in answer ? answer : { id: request.id, skip: "the layer's parameters are random at construction and no request sets them" };
}

/** The reference's answer with the given value kernels (Paddle's; the mutants pass another port's). */
function answerWith(kernels: AdaptiveKernels): ReferenceAnswer {
  return (request) => (formOf(SIGNATURE, request.api) === 'layer' ? layerAnswer(request) : referenceResponse(SIGNATURE, request, (call, grad) => {
    const t = call.tensors;
    const tensors = { input: t.input!, label: t.label!, head_weight: t.head_weight!, tail_weights: nestedList<Tensor>('tail_weights', t), ...(t.head_bias && { head_bias: t.head_bias }) };
    if (!('cutoffs' in call.args)) throw new PaddleTypeError("adaptive_log_softmax_with_loss() missing 1 required positional argument: 'cutoffs'");
    const cutoffs = call.args.cutoffs as number[];
    const output = adaptiveLogSoftmaxWithLoss(tensors, cutoffs, kernels);
    if (grad.length === 0) return { output };
    return { output, grad: adaptiveLogSoftmaxWithLossGrad(tensors, cutoffs, grad, call.gradOutputs, kernels) };
  }));
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: ADAPTIVE_LOG_SOFTMAX_WITH_LOSS_RULES,
  reference: answerWith(PADDLE_KERNELS),
  // No torch mapping: torch.nn.AdaptiveLogSoftmaxWithLoss draws its weights at construction, and PyTorch has no functional form, so its port skips every case.
  // MKL's matmul order is the tile's (kernels/matmul.ts): a derived bound, see tolerance.ts.
  tolerance: adaptiveLogSoftmaxTolerance(SIGNATURE),
  // The generic draft makes no tensor lists nor rising cutoffs: the op draws its own requests.
  fuzz: { requests: adaptiveRequests(SIGNATURE.functional) },
};

/** The descriptor of adaptive_log_softmax_with_loss. */
export const adaptiveLogSoftmaxWithLossOp: OpDescriptor = { ...OP, mutants: adaptiveLogSoftmaxMutants(OP, answerWith) };
