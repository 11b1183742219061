/**
 * What produced a differing element of cosine_embedding_loss: the label
 * behind it, the row of input1 and input2 whose cosine it reads, and that
 * cosine's ingredients as the reference computes them (the dot product, the
 * two squared norms with the epsilon, the row length), so a port author can
 * tell a summation-order difference from a wrong branch without running `show`.
 *
 *     loss = 1 - cos                   where label == 1
 *            clip(cos - margin, 0)     where label == -1
 *            0                         otherwise (rule cosine-other-labels-contribute-zero)
 *     cos  = Σ x1·x2 / sqrt((Σ x1² + 1e-11) · (Σ x2² + 1e-11))
 */
import { broadcastIndex } from '../../../reference/broadcast.js';
import { cosineSteps, type CosineSteps } from '../../../reference/cosine_embedding_loss.js';
import { numel } from '../../../reference/tensor.js';
import type { KwargJson, RequestJson } from '../../case.js';
import { operandElement, type ElementContext, type ElementExplainer, type OperandElement, type ScalarArgument } from '../../element_context.js';
import { argsOf, reductionOf, type OpSignature } from '../../op.js';
import { toReference } from '../../reference_bridge.js';
import { decodeScalar, decodeTensor, type WireTensor } from '../../wire.js';

/** The branches, as a failure report names them. */
export const COSINE_BRANCHES = {
  positive: 'label 1: loss = 1 - cos',
  negative: 'label -1: loss = clip(cos - margin, min=0)',
  other: 'label neither 1 nor -1: loss = 0',
} as const;

/** A request's tensors decoded, and the reference's steps for it; undefined when the call raises. */
interface Decoded {
  input1: WireTensor;
  input2: WireTensor;
  label: WireTensor;
  steps: CosineSteps;
}

/**
 * The explainer of cosine_embedding_loss, over its signature: the context of a
 * differing element of the output (reduction 'none') or of a gradient.
 * Undefined for a reduced output (no single row produced it) and for requests
 * the reference refuses (Paddle raised there too, or the reference cannot hold
 * a dtype).
 */
export function cosineElementContext(signature: OpSignature): ElementExplainer {
  return (request, element) => {
    if (element.field === 'output' && reductionOf(signature, request) !== 'none') return undefined;
    const d = decoded(signature, request);
    if (!d) return undefined;
    const labelAt = broadcastIndex(d.label.shape, d.steps.loss.shape);
    const scalars = marginOf(argsOf(signature, request).margin, d.steps.loss.dtype);
    if (element.field === 'output') {
      const k = element.index;
      if (k >= labelAt.length) return undefined;
      const r = d.steps.cosAt[k]!;
      return withRow(d, r, { label: operandElement(d.label, labelAt[k]!) }, scalars, branchOf(d.steps, k));
    }
    const name = element.field.slice('grad.'.length);
    if (name !== 'input1' && name !== 'input2') return undefined;
    const self = name === 'input1' ? d.input1 : d.input2;
    const other = name === 'input1' ? d.input2 : d.input1;
    const r = rowOf(element.index, d);
    const losses = Array.from(d.steps.cosAt.keys()).filter((k) => d.steps.cosAt[k] === r);
    const operands: Record<string, OperandElement> = { [name]: operandElement(self, element.index), [name === 'input1' ? 'input2' : 'input1']: operandElement(other, element.index) };
    if (losses.length === 1) operands.label = operandElement(d.label, labelAt[losses[0]!]!);
    const context = withRow(d, r, operands, scalars, losses.length === 1 ? branchOf(d.steps, losses[0]!) : undefined);
    if (losses.length === 1) return context;
    return { ...context, note: `${context.note}; the label broadcasts, so this gradient sums ${losses.length} loss elements` };
  };
}

/** The request decoded and run through the reference's steps (reduction 'none'). */
function decoded(signature: OpSignature, request: RequestJson): Decoded | undefined {
  try {
    const [input1, input2, label] = signature.tensors.map((n) => decodeTensor(request.inputs[n], `$.inputs.${n}`)) as [WireTensor, WireTensor, WireTensor];
    const steps = cosineSteps(toReference(input1), toReference(input2), toReference(label), marginArgument(argsOf(signature, request).margin));
    return { input1, input2, label, steps };
  } catch {
    return undefined;
  }
}

/** The row (cosine index) a flat element of an input belongs to. */
function rowOf(index: number, d: Decoded): number {
  const length = rowLength(d.input1);
  return d.input1.shape.length === 2 && length > 0 ? Math.floor(index / length) : 0;
}

/** The length D of the rows whose cosines are taken: the last dimension of [N, D], all of a 1-D or 0-D input. */
function rowLength(t: WireTensor): number {
  return t.shape.length === 2 ? t.shape[1]! : numel(t.shape);
}

/** The context of a row: the given operands, the margin, the row's cosine ingredients, and a note naming the row. */
function withRow(d: Decoded, r: number, operands: Record<string, OperandElement>, margin: Record<string, ScalarArgument>, branch: string | undefined): ElementContext {
  const s = d.steps;
  const scalars: Record<string, ScalarArgument> = {
    ...margin,
    'dot (Σ input1·input2)': { value: s.prodSum[r]! },
    'Σ input1² + eps': { value: s.magSquare1[r]! },
    'Σ input2² + eps': { value: s.magSquare2[r]! },
    cos: { value: s.cos[r]! },
  };
  const row = d.input1.shape.length === 2 ? `row ${r} of input1 and input2` : 'the one pair input1, input2';
  const note = `cosine of ${row}, D = ${rowLength(d.input1)} values (reference's intermediate values)`;
  return { operands, scalars, ...(branch && { branch }), note };
}

/** The branch a loss element's label selects, as the reference decided it (Paddle's 1e-15 tolerance for float labels). */
function branchOf(s: CosineSteps, k: number): string {
  if (s.isPositive[k]) return COSINE_BRANCHES.positive;
  if (s.isNegative[k]) return COSINE_BRANCHES.negative;
  return COSINE_BRANCHES.other;
}

/** The margin as the reference reads it: absent is 0, {int}/{str} their value, the float keywords numbers. */
function marginArgument(m: KwargJson | undefined): unknown {
  if (m === undefined) return 0;
  if (typeof m === 'object' && m !== null) return 'int' in m ? m.int : m.str;
  if (m === 'NaN' || m === 'Infinity' || m === '-Infinity') return decodeScalar(m, '$.margin');
  return m;
}

/** The margin as given, with its float32 value when the loss is float32 and rounding changes it; nothing for a str margin. */
function marginOf(m: KwargJson | undefined, dtype: string): Record<string, ScalarArgument> {
  const v = marginArgument(m);
  const value = typeof v === 'boolean' ? Number(v) : v;
  if (typeof value !== 'number') return {};
  const inDtype = dtype === 'float32' ? Math.fround(value) : value;
  return { margin: { value, ...(Object.is(inDtype, value) || (Number.isNaN(inDtype) && Number.isNaN(value)) ? {} : { inDtype }) } };
}
