/**
 * paddle.nn.functional.adaptive_log_softmax_with_loss(input, label, head_weight, tail_weights, cutoffs,
 * head_bias=None, name=None) and paddle.nn.AdaptiveLogSoftmaxWithLoss(in_features, n_classes, cutoffs,
 * weight_attr=None, bias_attr=None, div_value=4.0, head_bias=False, name=None), both since Paddle 3.0.0.
 * tail_weights travels as the tensor list `tail_weights.<i>.<j>` (PROTOCOL.md, "Lists of tensors"), cutoffs
 * as a JSON list of ints. Two outputs: output [N] and loss [].
 */
import { adaptiveLogSoftmaxWithLoss, adaptiveLogSoftmaxWithLossGrad, type Tensor } from '../../../reference/index.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { nestedList } from '../../op.js';
import { referenceResponse } from '../../reference_bridge.js';
import { adaptiveLogSoftmaxTolerance } from './tolerance.js';

const SIGNATURE: OpSignature = {
  family: 'adaptive_log_softmax_with_loss',
  functional: 'paddle.nn.functional.adaptive_log_softmax_with_loss',
  layer: 'paddle.nn.AdaptiveLogSoftmaxWithLoss',
  tensors: ['input', 'label', 'head_weight'],
  tensorLists: ['tail_weights'],
  optionalTensors: ['head_bias'],
  kwargs: [
    { name: 'cutoffs', kind: 'ints', default: null },
    { name: 'name', kind: 'str', default: null },
  ],
  differentiable: ['input', 'head_weight', 'tail_weights', 'head_bias'],
  outputs: ['output', 'loss'],
  dtypes: ['float32', 'float64'],
  since: { 'paddle.nn.functional.adaptive_log_softmax_with_loss': '3.0.0', 'paddle.nn.AdaptiveLogSoftmaxWithLoss': '3.0.0' },
};

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: {},
  reference: (request) => referenceResponse(SIGNATURE, request, (call, grad) => {
    const t = call.tensors;
    const tensors = { input: t.input!, label: t.label!, head_weight: t.head_weight!, tail_weights: nestedList<Tensor>('tail_weights', t), ...(t.head_bias && { head_bias: t.head_bias }) };
    const cutoffs = call.args.cutoffs as number[];
    const output = adaptiveLogSoftmaxWithLoss(tensors, cutoffs);
    if (grad.length === 0) return { output };
    return { output, grad: adaptiveLogSoftmaxWithLossGrad(tensors, cutoffs, grad, call.gradOutputs) };
  }),
  // MKL's matmul order is the tile's (kernels/matmul.ts): a derived bound, see tolerance.ts.
  tolerance: adaptiveLogSoftmaxTolerance(SIGNATURE),
};

/** The descriptor of adaptive_log_softmax_with_loss. */
export const adaptiveLogSoftmaxWithLossOp: OpDescriptor = { ...OP, mutants: [] };
