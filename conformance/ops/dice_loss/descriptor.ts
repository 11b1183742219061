/**
 * paddle.nn.functional.dice_loss(input, label, epsilon=1e-05, name=None) (functional only, a 0-D mean of the
 * per-sample scores): the registry's entry, with names, parameters and dtypes from the documentation page. Only
 * input has a gradient; label holds int32 or int64 class indices.
 */
import { DICE_LOSS_RULES, diceLoss, diceLossGrad, type DiceLossTensors, type Tensor } from '../../../reference/index.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { diceLossMutants } from './mutants.js';
import { diceLossTolerance } from './tolerance.js';

const SIGNATURE: OpSignature = {
  family: 'dice_loss',
  functional: 'paddle.nn.functional.dice_loss',
  tensors: ['input', 'label'],
  kwargs: [
    { name: 'epsilon', kind: 'float', default: 1e-5 },
    { name: 'name', kind: 'str', default: null },
  ],
  differentiable: ['input'],
  dtypes: ['float32', 'float64'],
};

/** The reference's result for one decoded call and the gradients asked for (input's only). */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as DiceLossTensors;
  const output = diceLoss(tensors, call.args);
  if (grad.length === 0) return { output };
  const { input } = diceLossGrad(tensors, call.args, call.gradOutput);
  return { output, grad: input ? { input } : {} };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: DICE_LOSS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // No torch mapping: PyTorch has no dice loss (torch.nn.functional has none), so its port skips every case.
  tolerance: diceLossTolerance(SIGNATURE),
  // Probabilities and their edges; the label [N, …, 1] of class indices, valid mostly, out of range now and then.
  fuzz: { values: [0, 1, 0.5, -1, 1e-5], intervals: { input: [0, 1] }, labelDomain: 'class', classLabelTrailingOne: 'always', labelDtypes: ['int64', 'int32'] },
};

/** The descriptor of dice_loss. */
export const diceLossOp: OpDescriptor = { ...OP, mutants: diceLossMutants(OP) };
