/**
 * What produced a differing element of hinge_embedding_loss: the input and
 * label elements behind it (through broadcasting), the margin, and the branch
 * of the formula the label selects, so a port author can act on a value
 * failure without running `show`.
 *
 *     loss = x                 where label == 1
 *            max(0, margin - x) where label == -1
 *            0                  otherwise (rule other-labels-contribute-zero)
 *
 * This is the one module that knows the op's formula on the suite's side; a
 * runner for another op passes its own explainer (RunOptions.explainElement).
 */
import { broadcastIndex } from '../reference/broadcast.js';
import { dtypeOf, isDTypeName } from '../reference/dtype.js';
import { labelIs } from '../reference/label.js';
import { lossShape } from '../reference/operands.js';
import { scalarFromString } from '../reference/scalar.js';
import { numel } from '../reference/tensor.js';
import type { RequestJson } from './case.js';
import { unravel, type ElementMismatch } from './compare.js';
import { decodeScalar, decodeTensor, elementAt, hexBitsAt, type WireTensor } from './wire.js';

/** One element of a request tensor. */
export interface OperandElement {
  /** Its index per dimension in its own tensor ([] for a 0-D tensor). */
  index: number[];
  /** Its value. */
  value: number;
  /** Its raw bits, 0x-prefixed hex. */
  bits: string;
}

/** The inputs behind one differing element of an element-wise result (reduction 'none', or a gradient). */
export interface ElementContext {
  /** The input element. */
  input: OperandElement;
  /** The label element it met; absent for a gradient element that sums several (the input broadcast against a larger label). */
  label?: OperandElement;
  /** The margin as the request gives it (1.0, Paddle's default, when absent); absent when it is not a number (None). */
  margin?: number;
  /** The margin in the input's dtype, when rounding changes it (float32: 0.1 becomes 0.10000000149011612). */
  marginInDtype?: number;
  /** The branch of the formula the label selects; absent when no single label is involved. */
  branch?: string;
  /** For a gradient element of a broadcast input: how many loss elements it sums. */
  summed?: number;
}

/** Explains a differing element of a case's result; undefined when there is nothing to explain. */
export type ElementExplainer = (request: RequestJson, element: ElementMismatch) => ElementContext | undefined;

/** The branches, as a failure report names them. */
export const BRANCHES = {
  positive: 'label 1: loss = x',
  negative: 'label -1: loss = max(0, margin - x)',
  other: 'label neither 1 nor -1: loss = 0',
} as const;

/**
 * The context of a differing element of hinge_embedding_loss's output (with
 * reduction 'none') or input gradient. Undefined for a reduced output (mean,
 * sum: no single element produced it) and for requests whose tensors do not
 * decode or broadcast (Paddle raised there, so no element is compared).
 */
export const hingeElementContext: ElementExplainer = (request, element) => {
  const args = (request.api === 'paddle.nn.HingeEmbeddingLoss' ? request.init : request.kwargs) ?? {};
  const reduction = 'reduction' in args ? args.reduction : 'mean';
  if (element.field === 'output' && reduction !== 'none') return undefined;
  let input: WireTensor;
  let label: WireTensor;
  let shape: number[];
  try {
    input = decodeTensor(request.inputs.input, '$.inputs.input');
    label = decodeTensor(request.inputs.label, '$.inputs.label');
    shape = lossShape(input.shape, label.shape);
  } catch {
    return undefined;
  }
  const margins = marginsOf(args.margin, input);
  const xAt = broadcastIndex(input.shape, shape);
  const yAt = broadcastIndex(label.shape, shape);
  const position = lossPosition(element, input, shape, xAt);
  if (typeof position === 'object') return { input: operand(input, element.index), ...margins, summed: position.summed };
  if (position === undefined) return undefined;
  const y = elementAt(label, yAt[position]!);
  return { input: operand(input, xAt[position]!), label: operand(label, yAt[position]!), ...margins, branch: branchOf(y, label) };
};

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

function operand(t: WireTensor, flat: number): OperandElement {
  return { index: unravel(flat, t.shape), value: elementAt(t, flat), bits: hexBitsAt(t, flat) };
}

/** The branch a label value selects, decided by the reference's own test (Paddle's 1e-15 tolerance for float labels). */
function branchOf(y: number, label: WireTensor): string {
  // Label dtypes the reference has no arithmetic for (int8, uint8, int16) compare exactly, like int32.
  const dtype = dtypeOf(isDTypeName(label.dtype) ? label.dtype : 'int32');
  if (labelIs(y, 1, dtype)) return BRANCHES.positive;
  if (labelIs(y, -1, dtype)) return BRANCHES.negative;
  return BRANCHES.other;
}

/** The margin as given (`kwargs.margin` or `init.margin`, 1.0 when absent) and, when rounding changes it, in the input's dtype. */
function marginsOf(given: unknown, input: WireTensor): { margin?: number; marginInDtype?: number } {
  const margin = marginValue(given);
  if (margin === undefined) return {};
  const rounded = isDTypeName(input.dtype) && dtypeOf(input.dtype).floating ? dtypeOf(input.dtype).round(margin) : margin;
  return Object.is(rounded, margin) || (Number.isNaN(rounded) && Number.isNaN(margin)) ? { margin } : { margin, marginInDtype: rounded };
}

function marginValue(m: unknown): number | undefined {
  if (m === undefined) return 1.0;
  if (typeof m === 'boolean') return Number(m);
  if (typeof m === 'object' && m !== null && typeof (m as { int?: unknown }).int === 'number') return (m as { int: number }).int;
  // A Python str margin: the value Paddle reads from it (rule string-margin-read-by-cpp-stream).
  if (typeof m === 'object' && m !== null && typeof (m as { str?: unknown }).str === 'string') return scalarFromString((m as { str: string }).str);
  try {
    return typeof m === 'number' || typeof m === 'string' ? decodeScalar(m, '$.margin') : undefined;
  } catch {
    return undefined;
  }
}
