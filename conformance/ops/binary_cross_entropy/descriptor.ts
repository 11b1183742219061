/**
 * paddle.nn.functional.binary_cross_entropy(input, label, weight=None, reduction='mean', name=None)
 * and paddle.nn.BCELoss(weight=None, reduction='mean', name=None): the registry's entry, with names,
 * parameters and dtypes from the documentation page. weight is an optional tensor: a keyword of the
 * functional form, the layer's constructor argument. Gradients: input (bce_loss's backward) and
 * weight (multiply's, Paddle 3.3.1 gives it one); the label gets none (bce_loss_grad computes only
 * input's, Paddle 3.3.1 leaves label.grad None).
 */
import { BCELoss, BINARY_CROSS_ENTROPY_RULES, binaryCrossEntropy, binaryCrossEntropyGrad, type BinaryCrossEntropyTensors, type Tensor } from '../../../reference/index.js';
import { lossSignature } from '../../loss_signature.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { binaryCrossEntropyMutants } from './mutants.js';
import { BINARY_CROSS_ENTROPY_TOLERANCE } from './tolerance.js';

const SIGNATURE: OpSignature = {
  ...lossSignature({ family: 'binary_cross_entropy', layerClass: 'BCELoss', differentiable: ['input', 'weight'], dtypes: ['float16', 'float32', 'float64'] }),
  optionalTensors: ['weight'],
};

/** The reference's result for one decoded call: the layer or the functional form, and the gradients asked for. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as BinaryCrossEntropyTensors;
  const output = call.layer ? new BCELoss({ ...call.args, ...(tensors.weight && { weight: tensors.weight }) }).forward(tensors) : binaryCrossEntropy(tensors, call.args);
  if (grad.length === 0) return { output };
  const g = binaryCrossEntropyGrad(tensors, call.args, call.gradOutput);
  return { output, grad: Object.fromEntries(grad.map((name) => [name, g[name]!])) };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: BINARY_CROSS_ENTROPY_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // torch.nn.functional.binary_cross_entropy(input, target, weight=None, size_average, reduce, reduction='mean'): the same keywords.
  torch: { functional: 'torch.nn.functional.binary_cross_entropy', layer: 'torch.nn.BCELoss', drop: ['name'] },
  // log (the C library's in Paddle) and PyTorch's log1p(−x): derived bounds, see tolerance.ts.
  tolerance: BINARY_CROSS_ENTROPY_TOLERANCE,
  // The domain's edges 0 and 1 (the clamp at −100: logf(x) < −100 below 3.7e-44), the smallest subnormal and 1 − ulp;
  // input (a sigmoid's output, the page says) and label in [0, 1]: one input outside raises for the whole tensor.
  fuzz: { values: [0, 1, 0.5, 3.7200760e-44, 1.4e-45, 0.99999994, 5e-324, 0.9999999999999999], intervals: { input: [0, 1], label: [0, 1] } },
};

/** The descriptor of binary_cross_entropy. */
export const binaryCrossEntropyOp: OpDescriptor = { ...OP, mutants: binaryCrossEntropyMutants(OP) };
