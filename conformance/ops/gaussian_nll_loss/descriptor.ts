/**
 * paddle.nn.functional.gaussian_nll_loss(input, label, variance, full=False, epsilon=1e-6, reduction='mean', name=None)
 * and paddle.nn.GaussianNLLLoss(full=False, epsilon=1e-6, reduction='mean', name=None): the registry's entry, with
 * names, parameters and dtypes from the documentation page. variance is differentiable on the page, but Paddle
 * leaves its gradient None (rule gaussian-nll-variance-gets-no-gradient): the goldens record it absent.
 */
import { GaussianNLLLoss, GAUSSIAN_NLL_LOSS_RULES, gaussianNllLoss, gaussianNllLossGrad, type GaussianNllLossTensors, type Tensor } from '../../../reference/index.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { gaussianNllLossMutants } from './mutants.js';
import { gaussianNllTolerance } from './tolerance.js';

const SIGNATURE: OpSignature = {
  family: 'gaussian_nll_loss',
  functional: 'paddle.nn.functional.gaussian_nll_loss',
  layer: 'paddle.nn.GaussianNLLLoss',
  tensors: ['input', 'label', 'variance'],
  kwargs: [
    { name: 'full', kind: 'bool', default: false },
    { name: 'epsilon', kind: 'float', default: 1e-6 },
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'name', kind: 'str', default: null },
    // PyTorch's removed arguments: unlike most loss layers, this one does not know them (a TypeError).
    { name: 'size_average', kind: 'str', default: null, layerOnly: true },
    { name: 'reduce', kind: 'str', default: null, layerOnly: true },
  ],
  differentiable: ['input', 'label', 'variance'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64'],
};

/** The reference's result for one decoded call: the layer or the functional form, and the gradients asked for (never variance's). */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as GaussianNllLossTensors;
  const output = call.layer ? new GaussianNLLLoss({ ...call.args }).forward(tensors) : gaussianNllLoss(tensors, call.args);
  if (grad.length === 0) return { output };
  const g: Record<string, Tensor> = gaussianNllLossGrad(tensors, call.args, call.gradOutput);
  return { output, grad: Object.fromEntries(grad.filter((name) => name in g).map((name) => [name, g[name]!])) };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: GAUSSIAN_NLL_LOSS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // torch.nn.functional.gaussian_nll_loss(input, target, var, full=False, eps=1e-06, reduction='mean'): the same order.
  torch: { functional: 'torch.nn.functional.gaussian_nll_loss', layer: 'torch.nn.GaussianNLLLoss', renames: { epsilon: 'eps' }, drop: ['name'] },
  // log (the C library's in Paddle), the division and the grouping: derived bounds, see tolerance.ts.
  tolerance: gaussianNllTolerance(SIGNATURE),
  // variance's clamp at epsilon (1e-6) and the residual's 0; log's 1.
  fuzz: { values: [0, 1, 1e-6] },
};

/** The descriptor of gaussian_nll_loss. */
export const gaussianNllLossOp: OpDescriptor = { ...OP, mutants: gaussianNllLossMutants(OP) };
