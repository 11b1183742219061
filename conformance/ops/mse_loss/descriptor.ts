/**
 * paddle.nn.functional.mse_loss(input, label, reduction='mean', name=None)
 * and paddle.nn.MSELoss(reduction='mean'): the registry's entry, with names,
 * parameters and dtypes from the documentation page.
 */
import { MSELoss, MSE_LOSS_RULES, mseLoss, mseLossGrad } from '../../../reference/index.js';
import { lossSignature } from '../../loss_signature.js';
import type { OpDescriptor } from '../../op.js';
import { inputLabelLossAnswer } from '../../reference_bridge.js';
import { EXACT_WITH_SUMMATION } from '../../tolerance.js';
import { mseMutants } from './mutants.js';

const SIGNATURE = lossSignature({
  family: 'mse_loss',
  layerClass: 'MSELoss',
  differentiable: ['input', 'label'],
  dtypes: ['float32', 'float64'],
});

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: MSE_LOSS_RULES,
  reference: inputLabelLossAnswer(SIGNATURE, { forward: mseLoss, grad: mseLossGrad, layer: (args) => new MSELoss(args) }),
  // torch.nn.functional.mse_loss(input, target, ..., reduction='mean'): the same positional order.
  torch: { functional: 'torch.nn.functional.mse_loss', layer: 'torch.nn.MSELoss', drop: ['name'] },
  // (x − y)² is two roundings each exactly determined; its gradient (g · 2) · (x − y) the same: every element-wise
  // result is exact. Mean and sum add in Eigen's order, which a port need not follow: the summation bound.
  tolerance: EXACT_WITH_SUMMATION,
  fuzz: { values: [0, 1, -1] },
};

/** The descriptor of mse_loss. */
export const mseLossOp: OpDescriptor = { ...OP, mutants: mseMutants(OP) };
