/**
 * paddle.nn.functional.multi_label_margin_loss(input, label, reduction='mean', name=None)
 * and paddle.nn.MultiLabelMarginLoss(reduction='mean', name=None): the registry's entry, with names, parameters
 * and dtypes from the documentation page. Both names appeared in Paddle 3.1.1; an older release answers them with
 * its AttributeError. The label holds class indices: it gets no gradient.
 */
import { MultiLabelMarginLoss, MULTI_LABEL_MARGIN_LOSS_RULES, multiLabelMarginLoss, multiLabelMarginLossGrad, type MultiLabelMarginLossTensors, type Tensor } from '../../../reference/index.js';
import { lossSignature } from '../../loss_signature.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { multiLabelMarginLossMutants } from './mutants.js';
import { multiLabelMarginLossTolerance } from './tolerance.js';

const SIGNATURE: OpSignature = {
  ...lossSignature({ family: 'multi_label_margin_loss', layerClass: 'MultiLabelMarginLoss', differentiable: ['input'], dtypes: ['float32', 'float64'] }),
  since: { 'paddle.nn.functional.multi_label_margin_loss': '3.1.1', 'paddle.nn.MultiLabelMarginLoss': '3.1.1' },
};

/** The reference's result for one decoded call: the layer or the functional form, and the gradients asked for. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as MultiLabelMarginLossTensors;
  const output = call.layer ? new MultiLabelMarginLoss({ ...call.args }).forward(tensors) : multiLabelMarginLoss(tensors, call.args);
  if (grad.length === 0) return { output };
  const g = multiLabelMarginLossGrad(tensors, call.args, call.gradOutput);
  return { output, grad: Object.fromEntries(grad.map((name) => [name, g[name]!])) };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: MULTI_LABEL_MARGIN_LOSS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // torch.nn.functional.multilabel_margin_loss(input, target, size_average, reduce, reduction='mean'): another name, the same convention.
  torch: { functional: 'torch.nn.functional.multilabel_margin_loss', layer: 'torch.nn.MultiLabelMarginLoss', drop: ['name'] },
  // Two roundings per margin and the sums' order: derived, see tolerance.ts.
  tolerance: multiLabelMarginLossTolerance(SIGNATURE),
  // The hinge's kink: margins 1 − x[y] + x[k] of 0 where inputs differ by 1.
  // [N, C] labels of class indices, each row's list ended by −1.
  fuzz: {
    values: [0, 1, -1, 0.5, -0.5], labelDomain: 'class', classAxis: 1, classLabelKeepsAxis: true, classTerminator: -1, labelDtypes: ['int64', 'int32'],
    // A label of more rows than the input: targets in rows past N are written out of bounds (Paddle 3.3.1: IndexError, or
    // SIGSEGV for an empty batch, or free(): invalid pointer for a [12, 4] label against [6, 5] input).
    undefinedBehaviour: (r) => r.inputs.input?.shape.length === 2 && r.inputs.label?.shape.length === 2 && r.inputs.label.shape[0]! > r.inputs.input.shape[0]!,
  },
};

/** The descriptor of multi_label_margin_loss. */
export const multiLabelMarginLossOp: OpDescriptor = { ...OP, mutants: multiLabelMarginLossMutants(OP) };
