/**
 * paddle.nn.functional.poisson_nll_loss(input, label, log_input=True, full=False, epsilon=1e-8, reduction='mean', name=None)
 * and paddle.nn.PoissonNLLLoss: the registry's entry, with names, parameters and dtypes from the documentation page.
 * log_input and full are the page's bools; any other JSON value still reaches Paddle as it is, whose `if log_input:`
 * is a Python truth test (rule poisson-nll-flags-truthy).
 */
import { PoissonNLLLoss, POISSON_NLL_LOSS_RULES, poissonNllLoss, poissonNllLossGrad, type PoissonNllLossTensors, type Tensor } from '../../../reference/index.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { poissonNllLossMutants } from './mutants.js';
import { poissonNllLossTolerance } from './tolerance.js';

// Paddle's order (log_input, full and epsilon before reduction), so not lossSignature's.
const SIGNATURE: OpSignature = {
  family: 'poisson_nll_loss',
  functional: 'paddle.nn.functional.poisson_nll_loss',
  layer: 'paddle.nn.PoissonNLLLoss',
  tensors: ['input', 'label'],
  kwargs: [
    { name: 'log_input', kind: 'bool', default: true },
    { name: 'full', kind: 'bool', default: false },
    { name: 'epsilon', kind: 'float', default: 1e-8 },
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'name', kind: 'str', default: null },
    // PyTorch's removed arguments: the layer takes them only to refuse them (ValueError).
    { name: 'size_average', kind: 'str', default: null, layerOnly: true },
    { name: 'reduce', kind: 'str', default: null, layerOnly: true },
  ],
  differentiable: ['input', 'label'],
  reduction: 'reduction',
  dtypes: ['float16', 'bfloat16', 'float32', 'float64'],
};

/** The reference's result for one decoded call: the layer or the functional form, and the gradients asked for. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as PoissonNllLossTensors;
  const output = call.layer ? new PoissonNLLLoss({ ...call.args }).forward(tensors) : poissonNllLoss(tensors, call.args);
  if (grad.length === 0) return { output };
  const wrt = grad as readonly (keyof PoissonNllLossTensors)[];
  const g = poissonNllLossGrad(tensors, call.args, call.gradOutput, wrt);
  return { output, grad: Object.fromEntries(wrt.map((name) => [name, g[name]!])) };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: POISSON_NLL_LOSS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // torch.nn.functional.poisson_nll_loss(input, target, log_input, full, size_average, eps, reduce, reduction).
  torch: { functional: 'torch.nn.functional.poisson_nll_loss', layer: 'torch.nn.PoissonNLLLoss', drop: ['name'], renames: { epsilon: 'eps' } },
  // exp and log (Eigen's and the C library's in Paddle; another port's may differ by ulps): derived bounds, see tolerance.ts.
  tolerance: poissonNllLossTolerance(SIGNATURE),
  // The Stirling mask is label = 1; log's domain edge input + epsilon = 0; exp's overflow near 88.7 (float32).
  fuzz: { values: [0, 1, -1, 2, 89, -1e-8] },
};

/** The descriptor of poisson_nll_loss. */
export const poissonNllLossOp: OpDescriptor = { ...OP, mutants: poissonNllLossMutants(OP) };
