/**
 * paddle.nn.functional.soft_margin_loss(input, label, reduction='mean',
 * name=None) and paddle.nn.SoftMarginLoss(reduction='mean', name=None): the
 * registry's entry, with names, parameters and dtypes from the documentation
 * page, and the reference's answer (reference/soft_margin_loss.ts).
 */
import { SOFT_MARGIN_LOSS_RULES, SoftMarginLoss, softMarginLoss as softMargin, softMarginLossGrad, type Tensor } from '../../../reference/index.js';
import { lossSignature } from '../../loss_signature.js';
import type { OpDescriptor } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { softMarginElementContext } from './explain.js';
import { softMarginMutants } from './mutants.js';
import { softMarginTolerance } from './tolerance.js';

const SIGNATURE = lossSignature({
  family: 'soft_margin_loss',
  layerClass: 'SoftMarginLoss',
  differentiable: ['input'],
  dtypes: ['float32', 'float64'],
});

/** The reference's result for one decoded call: the layer or the functional form, and input's gradient when asked for. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const { input, label } = call.tensors as { input: Tensor; label: Tensor };
  const reduction = call.args.reduction as string | undefined;
  const name = call.args.name as string | undefined;
  // The layer gets its keywords as keywords (an options object), so name=True is a name, not a positional reduce.
  const output = call.layer ? new SoftMarginLoss({ ...call.args }).forward(input, label) : softMargin(input, label, reduction, name);
  if (grad.length === 0) return { output };
  return { output, grad: { input: softMarginLossGrad(input, label, reduction, call.gradOutput).input } };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: SOFT_MARGIN_LOSS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // torch.nn.functional.soft_margin_loss(input, target, ..., reduction='mean'): the same positional order.
  torch: { functional: 'torch.nn.functional.soft_margin_loss', layer: 'torch.nn.SoftMarginLoss', drop: ['name'] },
  // Derived bounds, not exact: see tolerance.ts.
  tolerance: softMarginTolerance(SIGNATURE),
  explain: softMarginElementContext(SIGNATURE),
  // z = -label·x: exp(z) overflows past ln(FLT_MAX) ≈ 88.72 and ln(DBL_MAX) ≈ 709.78; 1 + exp(z) absorbs it below ln(2^-24) ≈ -16.64 and ln(2^-53) ≈ -36.74.
  fuzz: { values: [88.72283905206835, -88.72283905206835, 709.782712893384, -709.782712893384, 16.635532333438686, -16.635532333438686, 36.7368005696771, -36.7368005696771, 0], labelDomain: 'sign' },
};

/** The descriptor of soft_margin_loss. */
export const softMarginLoss: OpDescriptor = { ...OP, mutants: softMarginMutants(OP) };
