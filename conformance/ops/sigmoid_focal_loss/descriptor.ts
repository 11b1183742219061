/**
 * paddle.nn.functional.sigmoid_focal_loss(logit, label, normalizer=None, alpha=0.25, gamma=2.0, reduction='sum', name=None)
 * (functional only): the registry's entry. logit and label get gradients (the label through p_t and alpha_t); the
 * optional normalizer gets one too in Paddle, but a request may not ask for an optional tensor's, so it is not offered.
 * PyTorch has no counterpart: torch.nn.functional has no focal loss (torchvision.ops.sigmoid_focal_loss is another
 * package, without normalizer), so no torch mapping.
 */
import { SIGMOID_FOCAL_LOSS_RULES, sigmoidFocalLoss, sigmoidFocalLossGrad, type SigmoidFocalLossTensors, type Tensor } from '../../../reference/index.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { sigmoidFocalLossMutants } from './mutants.js';
import { SIGMOID_FOCAL_TOLERANCE } from './tolerance.js';

const SIGNATURE: OpSignature = {
  family: 'sigmoid_focal_loss',
  functional: 'paddle.nn.functional.sigmoid_focal_loss',
  tensors: ['logit', 'label'],
  optionalTensors: ['normalizer'],
  kwargs: [
    { name: 'alpha', kind: 'float', default: 0.25 },
    { name: 'gamma', kind: 'float', default: 2.0 },
    { name: 'reduction', kind: 'str', default: 'sum' },
    { name: 'name', kind: 'str', default: null },
  ],
  differentiable: ['logit', 'label'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64'],
};

/** The reference's result for one decoded call: the layer or the functional form, and the gradients asked for. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as SigmoidFocalLossTensors;
  const output = sigmoidFocalLoss(tensors, call.args);
  if (grad.length === 0) return { output };
  const g = sigmoidFocalLossGrad(tensors, call.args, call.gradOutput);
  return { output, grad: Object.fromEntries(grad.map((name) => [name, g[name]!])) };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: SIGMOID_FOCAL_LOSS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // exp, log and pow (glibc's and Eigen's in Paddle), the cancellation in 1 − p_t: derived bounds, see tolerance.ts.
  tolerance: SIGMOID_FOCAL_TOLERANCE,
  // logit 0 (the kernel's gradient kink), where 1 + exp(−|x|) rounds to 1 (float32 17, float64 37), exp's overflow, the ignored label −100.
  fuzz: { values: [0, 1, -1, 17, -17, 37, 88.72283905206835, -100] },
};

/** The descriptor of sigmoid_focal_loss. */
export const sigmoidFocalLossOp: OpDescriptor = { ...OP, mutants: sigmoidFocalLossMutants(OP) };
