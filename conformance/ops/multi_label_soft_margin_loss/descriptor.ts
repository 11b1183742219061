/**
 * paddle.nn.functional.multi_label_soft_margin_loss(input, label, weight=None, reduction='mean', name=None)
 * and paddle.nn.MultiLabelSoftMarginLoss(weight=None, reduction='mean', name=None): the registry's entry,
 * with names, parameters and dtypes from the documentation page.
 *
 * weight is an optional tensor, a keyword of the function and of the layer's constructor. Paddle gives
 * it a gradient (a multiply's), but it is left out of `differentiable`: a request may omit it, and its
 * gradient, a broadcast operand's sum, is multiply's rule, held by the other ops.
 */
import { MultiLabelSoftMarginLoss, MULTI_LABEL_SOFT_MARGIN_LOSS_RULES, multiLabelSoftMarginLoss, multiLabelSoftMarginLossGrad, type MultiLabelSoftMarginLossTensors, type Tensor } from '../../../reference/index.js';
import { lossSignature } from '../../loss_signature.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { multiLabelSoftMarginLossMutants } from './mutants.js';
import { multiLabelSoftMarginLossTolerance } from './tolerance.js';

const SIGNATURE: OpSignature = {
  ...lossSignature({ family: 'multi_label_soft_margin_loss', layerClass: 'MultiLabelSoftMarginLoss', differentiable: ['input', 'label'], dtypes: ['float32', 'float64'] }),
  optionalTensors: ['weight'],
};

/** The reference's result for one decoded call: the layer or the functional form, and the gradients asked for. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as MultiLabelSoftMarginLossTensors;
  const output = call.layer ? new MultiLabelSoftMarginLoss({ ...call.args, ...(tensors.weight && { weight: tensors.weight }) }).forward(tensors) : multiLabelSoftMarginLoss(tensors, call.args);
  if (grad.length === 0) return { output };
  const g = multiLabelSoftMarginLossGrad(tensors, call.args, call.gradOutput, grad);
  return { output, grad: Object.fromEntries(grad.map((name) => [name, g[name]!])) };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: MULTI_LABEL_SOFT_MARGIN_LOSS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // torch.nn.functional.multilabel_soft_margin_loss(input, target, weight=None, size_average, reduce, reduction='mean').
  torch: { functional: 'torch.nn.functional.multilabel_soft_margin_loss', layer: 'torch.nn.MultiLabelSoftMarginLoss', drop: ['name'] },
  // logsigmoid's exp and log (Eigen's or the C library's in Paddle), the products, the class mean: derived, see tolerance.ts.
  tolerance: multiLabelSoftMarginLossTolerance(SIGNATURE),
  // logsigmoid's turning point 0, the labels 0 and 1 (one term), and where exp(−|x|) underflows (float32 and float64).
  fuzz: { values: [0, 1, -1, 16.6, -16.6, 88.72283905206835, -103.27892990343184, 745.1332191019411] },
};

/** The descriptor of multi_label_soft_margin_loss. */
export const multiLabelSoftMarginLossOp: OpDescriptor = { ...OP, mutants: multiLabelSoftMarginLossMutants(OP) };
