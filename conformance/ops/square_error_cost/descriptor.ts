/**
 * paddle.nn.functional.square_error_cost(input, label) (functional only, no reduction, no keyword at all): the
 * registry's entry, with names, parameters and dtypes from the documentation page.
 */
import { SQUARE_ERROR_COST_RULES, squareErrorCost, squareErrorCostGrad, type SquareErrorCostTensors } from '../../../reference/index.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse } from '../../reference_bridge.js';
import { EXACT_WITH_SUMMATION } from '../../tolerance.js';
import { squareErrorCostMutants } from './mutants.js';

const SIGNATURE: OpSignature = {
  family: 'square_error_cost',
  functional: 'paddle.nn.functional.square_error_cost',
  tensors: ['input', 'label'],
  // Not even name: square_error_cost(input, label, name=…) is Python's TypeError (unexpected keyword argument).
  kwargs: [],
  differentiable: ['input', 'label'],
  dtypes: ['float32'],
};

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: SQUARE_ERROR_COST_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, (call, grad) => {
    const tensors = call.tensors as unknown as SquareErrorCostTensors;
    const output = squareErrorCost(tensors);
    if (grad.length === 0) return { output };
    const g = squareErrorCostGrad(tensors, call.gradOutput);
    return { output, grad: Object.fromEntries(grad.map((name) => [name, name === 'input' ? g.input : g.label])) };
  }),
  // PyTorch has no square_error_cost; mse_loss(input, target, reduction='none') is the same (x − y)².
  torch: { functional: 'torch.nn.functional.mse_loss', fixed: { reduction: 'none' } },
  // (x − y)² is two roundings, each exactly determined; its gradient (g · 2) · (x − y) the same. Nothing is summed
  // but a broadcast label's gradient, which adds in Paddle's order (the summation bound).
  tolerance: EXACT_WITH_SUMMATION,
  fuzz: { values: [0, 1, -1] },
};

/** The descriptor of square_error_cost. */
export const squareErrorCostOp: OpDescriptor = { ...OP, mutants: squareErrorCostMutants(OP) };
