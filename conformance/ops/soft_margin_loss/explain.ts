/**
 * What produced a differing element of soft_margin_loss: the input and label
 * elements behind it (input and label have one shape, so they share its
 * index), and z = -label * input with exp(z) as the reference computes them
 * in the input's dtype, naming the regime that decides the result.
 *
 *     loss = log(1 + exp(z)),  z = -label * input
 */
import { softMarginSteps } from '../../../reference/soft_margin_loss.js';
import { operandElement, type ElementExplainer } from '../../element_context.js';
import { reductionOf, type OpSignature } from '../../op.js';
import { toReference } from '../../reference_bridge.js';
import { decodeTensor, shapeSize, type WireTensor } from '../../wire.js';

/** The regimes of log(1 + exp(z)), as a failure report names them. */
export const BRANCHES = {
  overflow: 'exp(z) overflows: loss inf, gradient NaN (rule soft-margin-exp-overflows-to-inf)',
  absorbed: '1 + exp(z) rounds to 1: loss exactly 0 (rule soft-margin-one-plus-exp-absorbs-small)',
  plain: 'loss = log(1 + exp(z))',
} as const;

/**
 * The explainer of soft_margin_loss, over its signature: the context of a
 * differing element of the output (reduction 'none') or of input's gradient.
 * Undefined for a reduced output (no single element produced it) and for
 * requests whose tensors do not decode or that raise.
 */
export function softMarginElementContext(signature: OpSignature): ElementExplainer {
  return (request, element) => {
    if (element.field === 'output' && reductionOf(signature, request) !== 'none') return undefined;
    if (element.field !== 'output' && element.field !== 'grad.input') return undefined;
    let input: WireTensor;
    let label: WireTensor;
    try {
      input = decodeTensor(request.inputs.input, '$.inputs.input');
      label = decodeTensor(request.inputs.label, '$.inputs.label');
    } catch {
      return undefined;
    }
    const k = element.index;
    if (k >= shapeSize(input.shape) || shapeSize(label.shape) !== shapeSize(input.shape)) return undefined;
    const operands = { input: operandElement(input, k), label: operandElement(label, k) };
    const computed = stepAt(input, label, k);
    if (!computed) return { operands, scalars: {} };
    return { operands, scalars: {}, branch: computed.branch, note: computed.note };
  };
}

/** z and exp(z) at element k as the reference computes them, with the regime they put the loss in. */
function stepAt(input: WireTensor, label: WireTensor, k: number): { branch: string; note: string } | undefined {
  try {
    const steps = softMarginSteps(toReference(input), toReference(label));
    const dtype = steps.exp.dtype;
    const z = steps.z.at(k);
    const e = steps.exp.at(k);
    const lanes = dtype === 'float32' ? 8 : 4;
    const n = steps.z.size;
    const where = k < n - (n % lanes) ? "Eigen's packet exp" : "the C library's exp (the tail)";
    const branch = e === Infinity ? BRANCHES.overflow : steps.onePlus.at(k) === 1 && e > 0 ? BRANCHES.absorbed : BRANCHES.plain;
    return { branch, note: `z = -label * input = ${z} and exp(z) = ${e} in ${dtype}, by ${where} (element ${k} of ${n})` };
  } catch {
    return undefined;
  }
}
