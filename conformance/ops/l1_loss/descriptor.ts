/**
 * paddle.nn.functional.l1_loss(input, label, reduction='mean', name=None)
 * and paddle.nn.L1Loss(reduction='mean', name=None): the registry's entry,
 * with names, parameters and dtypes from the documentation page.
 */
import { L1Loss, L1_LOSS_RULES, l1Loss, l1LossGrad } from '../../../reference/index.js';
import { lossSignature } from '../../loss_signature.js';
import type { OpDescriptor } from '../../op.js';
import { inputLabelLossAnswer } from '../../reference_bridge.js';
import { EXACT_WITH_SUMMATION } from '../../tolerance.js';
import { l1Mutants } from './mutants.js';

const SIGNATURE = lossSignature({
  family: 'l1_loss',
  layerClass: 'L1Loss',
  differentiable: ['input', 'label'],
  dtypes: ['float32', 'float64', 'int32', 'int64'],
});

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: L1_LOSS_RULES,
  reference: inputLabelLossAnswer(SIGNATURE, { forward: l1Loss, grad: l1LossGrad, layer: (args) => new L1Loss(args) }),
  // torch.nn.functional.l1_loss(input, target, ..., reduction='mean'): the same positional order.
  torch: { functional: 'torch.nn.functional.l1_loss', layer: 'torch.nn.L1Loss', drop: ['name'] },
  // |x − y| is one rounding (subtract) and an exact abs; its gradient ±g, g / N or +0: every element-wise result is
  // exact. Mean and sum add in Eigen's order, which a port need not follow: the summation bound.
  tolerance: EXACT_WITH_SUMMATION,
  // The kink of |x − y| is x = y: the fuzzer draws inputs at and next to the labels' values.
  fuzz: { values: [0, 1, -1] },
};

/** The descriptor of l1_loss. */
export const l1LossOp: OpDescriptor = { ...OP, mutants: l1Mutants(OP) };
