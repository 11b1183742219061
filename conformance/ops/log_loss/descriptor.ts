/**
 * paddle.nn.functional.log_loss(input, label, epsilon=0.0001, name=None) (functional only, no reduction): the
 * registry's entry, with names, parameters and dtypes from the documentation page. Only input has a gradient.
 */
import { LOG_LOSS_RULES, logLoss, logLossGrad, type LogLossTensors, type Tensor } from '../../../reference/index.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { logLossMutants } from './mutants.js';
import { logLossTolerance } from './tolerance.js';

const SIGNATURE: OpSignature = {
  family: 'log_loss',
  functional: 'paddle.nn.functional.log_loss',
  tensors: ['input', 'label'],
  kwargs: [
    { name: 'epsilon', kind: 'float', default: 0.0001 },
    { name: 'name', kind: 'str', default: null },
  ],
  differentiable: ['input'],
  dtypes: ['float32'],
};

/** The reference's result for one decoded call and the gradients asked for (input's only). */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as LogLossTensors;
  const output = logLoss(tensors, call.args);
  if (grad.length === 0) return { output };
  const { input } = logLossGrad(tensors, call.args, call.gradOutput);
  return { output, grad: input ? { input } : {} };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: LOG_LOSS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // No torch mapping: PyTorch has no log_loss, and binary_cross_entropy clamps log at -100 instead of adding
  // epsilon, so the PyTorch port skips every case ("PyTorch has no counterpart").
  tolerance: logLossTolerance(SIGNATURE),
  // The domain edges of both logs: input 0 and 1 (ε decides), −ε and 1 + ε (log 0), a label of 0 and 1.
  fuzz: { values: [0, 1, -1e-4, 1.0001, 0.5], shape: 'column' },
};

/** The descriptor of log_loss. */
export const logLossOp: OpDescriptor = { ...OP, mutants: logLossMutants(OP) };
