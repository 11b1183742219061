/**
 * paddle.nn.functional.smooth_l1_loss(input, label, reduction='mean',
 * delta=1.0, is_huber=True, name=None) and paddle.nn.SmoothL1Loss(…): the
 * registry's entry, with names, parameters and dtypes from the documentation
 * page (is_huber is Paddle's, not the page's); paddle.nn.HuberLoss is the
 * layer's alias (rule smooth-l1-huber-loss-alias).
 */
import { SmoothL1Loss, SMOOTH_L1_LOSS_RULES, smoothL1Loss, smoothL1LossGrad, type SmoothL1Options, type Tensor } from '../../../reference/index.js';
import { lossSignature } from '../../loss_signature.js';
import type { OpDescriptor } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { EXACT_WITH_SUMMATION } from '../../tolerance.js';
import { smoothL1Mutants } from './mutants.js';

const HUBER_LOSS = 'paddle.nn.HuberLoss';

// paddle.nn.HuberLoss (Paddle 3.3.0) is SmoothL1Loss under a second name, the same class: the layer's alias, not an op.
const SIGNATURE = { ...lossSignature({
  family: 'smooth_l1_loss',
  layerClass: 'SmoothL1Loss',
  ownKwargs: [
    { name: 'delta', kind: 'float', default: 1.0 },
    { name: 'is_huber', kind: 'str', default: true },
  ],
  differentiable: ['input', 'label'],
  dtypes: ['float32', 'float64'],
}), layerAliases: [HUBER_LOSS], since: { [HUBER_LOSS]: '3.3.0' } };

/** The reference's result for one decoded call: the layer or the functional form, and the gradients asked for. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const { input, label } = call.tensors as { input: Tensor; label: Tensor };
  const { name: _name, ...options } = call.args as SmoothL1Options & { name?: unknown };
  const output = call.layer ? new SmoothL1Loss({ ...call.args }).forward(input, label) : smoothL1Loss(input, label, options);
  if (grad.length === 0) return { output };
  const g = smoothL1LossGrad(input, label, options, call.gradOutput);
  return { output, grad: Object.fromEntries(grad.map((name) => [name, name === 'input' ? g.input : g.label])) };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: SMOOTH_L1_LOSS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // Paddle's smooth_l1_loss is PyTorch's huber_loss (delta); the layer HuberLoss.
  torch: { functional: 'torch.nn.functional.huber_loss', layer: 'torch.nn.HuberLoss', drop: ['name', 'is_huber'] },
  // Each branch of the Huber loss is a few roundings, each determined by the page's formula evaluated left to right,
  // and its gradient one product: element-wise results are exact. Mean and sum: the summation bound.
  tolerance: EXACT_WITH_SUMMATION,
  // The kink of the loss is |input − label| = delta (1 by default), and the residual 0.
  fuzz: { values: [0, 1, -1, 0.5] },
};

/** The descriptor of smooth_l1_loss. */
export const smoothL1LossOp: OpDescriptor = { ...OP, mutants: smoothL1Mutants(OP) };
