/**
 * What produced a differing element of hinge_embedding_loss: the input and
 * label elements behind it (through broadcasting), the margin, and the branch
 * of the formula the label selects.
 *
 *     loss = x                 where label == 1
 *            max(0, margin - x) where label == -1
 *            0                  otherwise (rule hinge-other-labels-contribute-zero)
 */
import { broadcastIndex, broadcastShapes } from '../../../reference/broadcast.js';
import { dtypeOf, isDTypeName } from '../../../reference/dtype.js';
import { elementEquals } from '../../../reference/kernels/equal.js';
import { scalarFromString } from '../../../reference/scalar.js';
import { numel } from '../../../reference/tensor.js';
import type { ElementMismatch } from '../../compare.js';
import { operandElement, type ElementContext, type ElementExplainer, type ScalarArgument } from '../../element_context.js';
import { argsOf, reductionOf, type OpSignature } from '../../op.js';
import { decodeScalar, decodeTensor, elementAt, type WireTensor } from '../../wire.js';

/** The branches, as a failure report names them. */
export const BRANCHES = {
  positive: 'label 1: loss = x',
  negative: 'label -1: loss = max(0, margin - x)',
  other: 'label neither 1 nor -1: loss = 0',
} as const;

/**
 * The explainer of hinge_embedding_loss, over its signature: the context of a
 * differing element of the output (with reduction 'none') or input gradient.
 * Undefined for a reduced output (mean, sum: no single element produced it)
 * and for requests whose tensors do not decode or broadcast (Paddle raised
 * there, so no element is compared).
 */
export function hingeElementContext(signature: OpSignature): ElementExplainer {
  return (request, element) => {
    if (element.field === 'output' && reductionOf(signature, request) !== 'none') return undefined;
    let input: WireTensor;
    let label: WireTensor;
    let shape: number[];
    try {
      input = decodeTensor(request.inputs.input, '$.inputs.input');
      label = decodeTensor(request.inputs.label, '$.inputs.label');
      // Each where broadcasts input against zero_ ([1]), then the label (rule hinge-zero-d-none-is-shape-1).
      shape = broadcastShapes(broadcastShapes(input.shape, [1]), label.shape);
    } catch {
      return undefined;
    }
    const scalars = marginOf(argsOf(signature, request).margin, input);
    const xAt = broadcastIndex(input.shape, shape);
    const yAt = broadcastIndex(label.shape, shape);
    const position = lossPosition(element, input, shape, xAt);
    if (typeof position === 'object') {
      const note = `the input is broadcast against the label: this gradient element sums ${position.summed} loss elements`;
      return { operands: { input: operandElement(input, element.index) }, scalars, note };
    }
    if (position === undefined) return undefined;
    const y = elementAt(label, yAt[position]!);
    const operands = { input: operandElement(input, xAt[position]!), label: operandElement(label, yAt[position]!) };
    return { operands, scalars, branch: branchOf(y, label) } satisfies ElementContext;
  };
}

/**
 * The flat position in the loss of the differing element, or, for a gradient
 * element of an input broadcast against a larger label, how many positions it sums.
 */
function lossPosition(element: ElementMismatch, input: WireTensor, shape: number[], xAt: Int32Array): number | { summed: number } | undefined {
  if (element.field === 'output') return element.index < xAt.length ? element.index : undefined;
  if (element.field !== 'grad.input') return undefined;
  // Broadcasting that only adds dimensions of size 1 keeps the row-major order, so the flat index carries over.
  if (numel(input.shape) === numel(shape)) return element.index;
  return { summed: xAt.filter((x) => x === element.index).length };
}

/** The branch a label value selects, decided by the reference's own `==` (Paddle's 1e-15 tolerance for float labels). */
function branchOf(y: number, label: WireTensor): string {
  // Label dtypes the reference has no arithmetic for (int8, uint8, int16) compare exactly, like int32.
  const dtype = isDTypeName(label.dtype) ? label.dtype : 'int32';
  if (elementEquals(y, dtype, 1.0)) return BRANCHES.positive;
  if (elementEquals(y, dtype, -1.0)) return BRANCHES.negative;
  return BRANCHES.other;
}

/** The margin as given (`kwargs.margin` or `init.margin`, 1.0 when absent) and, when rounding changes it, in the input's dtype. */
function marginOf(given: unknown, input: WireTensor): Record<string, ScalarArgument> {
  const margin = marginValue(given);
  if (margin === undefined) return {};
  const rounded = isDTypeName(input.dtype) && dtypeOf(input.dtype).floating ? dtypeOf(input.dtype).round(margin) : margin;
  const same = Object.is(rounded, margin) || (Number.isNaN(rounded) && Number.isNaN(margin));
  return { margin: same ? { value: margin } : { value: margin, inDtype: rounded } };
}

function marginValue(m: unknown): number | undefined {
  if (m === undefined) return 1.0;
  if (typeof m === 'boolean') return Number(m);
  if (typeof m === 'object' && m !== null && typeof (m as { int?: unknown }).int === 'number') return (m as { int: number }).int;
  // A Python str margin: the value Paddle reads from it (rule full-str-read-by-cpp-stream).
  if (typeof m === 'object' && m !== null && typeof (m as { str?: unknown }).str === 'string') return scalarFromString((m as { str: string }).str);
  try {
    return typeof m === 'number' || typeof m === 'string' ? decodeScalar(m, '$.margin') : undefined;
  } catch {
    return undefined;
  }
}
