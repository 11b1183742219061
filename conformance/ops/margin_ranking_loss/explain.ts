/**
 * What produced a differing element of margin_ranking_loss: the input, other
 * and label elements behind it (through broadcasting) and the margin.
 *
 *     loss = max(0, -label * (input - other) + margin)
 */
import { broadcastIndex, broadcastShapes } from '../../../reference/broadcast.js';
import { numel } from '../../../reference/tensor.js';
import { operandElement, type ElementExplainer, type ScalarArgument } from '../../element_context.js';
import { argsOf, reductionOf, type OpSignature } from '../../op.js';
import { decodeScalar, decodeTensor, type WireTensor } from '../../wire.js';

/**
 * The explainer of margin_ranking_loss, over its signature: the context of a
 * differing element of the output (reduction 'none') or of a gradient. For a
 * gradient element of an operand broadcast against larger ones, it says how
 * many loss elements the gradient sums. Undefined for a reduced output and for
 * requests whose tensors do not decode or broadcast.
 */
export function rankingElementContext(signature: OpSignature): ElementExplainer {
  return (request, element) => {
    if (element.field === 'output' && reductionOf(signature, request) !== 'none') return undefined;
    let operands: Record<string, WireTensor>;
    let shape: number[];
    try {
      operands = Object.fromEntries(signature.tensors.map((n) => [n, decodeTensor(request.inputs[n], `$.inputs.${n}`)]));
      shape = broadcastShapes(broadcastShapes(operands.other!.shape, operands.input!.shape), operands.label!.shape);
    } catch {
      return undefined;
    }
    const scalars = marginOf(argsOf(signature, request).margin);
    const at = Object.fromEntries(Object.entries(operands).map(([n, t]) => [n, broadcastIndex(t.shape, shape)]));
    const grad = element.field.startsWith('grad.') ? element.field.slice('grad.'.length) : undefined;
    const position = lossPosition(element.index, grad === undefined ? undefined : operands[grad], shape);
    if (typeof position === 'object') {
      const note = `${grad} is broadcast against the other operands: this gradient element sums ${position.summed} loss elements`;
      return { operands: { [grad!]: operandElement(operands[grad!]!, element.index) }, scalars, note };
    }
    if (position === undefined || position >= numel(shape)) return undefined;
    return { operands: Object.fromEntries(Object.entries(operands).map(([n, t]) => [n, operandElement(t, at[n]![position]!)])), scalars };
  };
}

/** The loss position of a differing element, or how many positions a broadcast operand's gradient element sums. */
function lossPosition(index: number, operand: WireTensor | undefined, shape: number[]): number | { summed: number } | undefined {
  if (!operand || numel(operand.shape) === numel(shape)) return index;
  return { summed: broadcastIndex(operand.shape, shape).filter((i) => i === index).length };
}

/** The margin as given (0.0, Paddle's default, when absent); nothing for a margin that is not a number. */
function marginOf(m: unknown): Record<string, ScalarArgument> {
  if (m === undefined) return { margin: { value: 0 } };
  if (typeof m === 'boolean') return { margin: { value: Number(m) } };
  if (typeof m === 'object' && m !== null && typeof (m as { int?: unknown }).int === 'number') return { margin: { value: (m as { int: number }).int } };
  try {
    return typeof m === 'number' || typeof m === 'string' ? { margin: { value: decodeScalar(m, '$.margin') } } : {};
  } catch {
    return {};
  }
}
