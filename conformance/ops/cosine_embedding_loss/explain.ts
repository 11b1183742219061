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
 *
 * Where it can see an intermediate value in a regime where correct
 * computations part, the note names it first (withCauses), since the rules
 * a case cites name what Paddle does, not what a port got wrong:
 *
 * - input1 and input2 of different float dtypes: the narrower one's squared
 *   norm is computed in its own dtype and promoted only at the product of
 *   the two (a port that takes that norm's sqrt, or its sum, in float32 is a
 *   float32 rounding off a float64 result);
 * - a square or the product of the squared norms past the dtype's largest
 *   value (Paddle's cos is then dot/inf);
 * - a product x_i·y_i below the smallest normal, which the division by
 *   d ≥ eps carries into cos;
 * - for a gradient element, a product or quotient a natural order forms
 *   (cos·x_i, G·cos, x_i/m, cos/m; G·y_i, y_i/d, G/d) that lies below the
 *   smallest normal while the gradient term it feeds does not, so that
 *   order loses what Paddle's chain keeps.
 */
import { broadcastIndex } from '../../../reference/broadcast.js';
import { COSINE_EPSILON, cosineSteps, type CosineSteps } from '../../../reference/cosine_embedding_loss.js';
import { numel } from '../../../reference/tensor.js';
import type { KwargJson, RequestJson } from '../../case.js';
import { operandElement, shortNumber, withCauses, type ElementContext, type ElementMismatch, type ElementExplainer, type OperandElement, type ScalarArgument } from '../../element_context.js';
import { MAX_FINITE, MIN_NORMAL, MIN_SUBNORMAL, roundTo, type UlpDType } from '../../floats.js';
import { argsOf, reductionOf, type OpSignature } from '../../op.js';
import { toReference } from '../../reference_bridge.js';
import { decodeScalar, decodeTensor, valuesOf, type WireTensor } from '../../wire.js';

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
      const label = d.steps.isPositive[k] ? 1 : d.steps.isNegative[k] ? -1 : 0;
      const margin = marginArgument(argsOf(signature, request).margin);
      const seen = { ...seenOf(element), label, margin: typeof margin === 'number' || typeof margin === 'boolean' ? roundTo(Number(margin), d.steps.loss.dtype === 'float32' ? 'float32' : 'float64') : undefined } as const;
      return withCauses(withRow(d, r, { label: operandElement(d.label, labelAt[k]!) }, scalars, branchOf(d.steps, k)), rowCauses(d, r, seen));
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
    const G = upstreamOf(signature, request, d, losses);
    const seen = { ...seenOf(element), terms: termsOf(d, r, name, element.index, G) };
    const causes = [...gradientCauses(d, r, name, element.index, G, seen), ...rowCauses(d, r, seen)];
    if (losses.length === 1) return withCauses(context, causes);
    return withCauses({ ...context, note: `${context.note}; the label broadcasts, so this gradient sums ${losses.length} loss elements` }, causes);
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

/** The port's and Paddle's values of a differing element, and their distance. */
function seenOf(element: ElementMismatch): Seen {
  return { actual: element.actual, expected: element.expected, difference: Math.abs(element.actual - element.expected) };
}

/** What the explainer sees of the differing element, to name only causes the difference fits. */
interface Seen {
  /** The port's value and Paddle's, and |actual − expected| (NaN when either is NaN). */
  actual: number;
  expected: number;
  difference: number;
  /** For a loss element: its branch (1 for 1 − cos, −1 for the clip, 0 otherwise) and the margin as a number (undefined for a str margin). */
  label?: 1 | -1 | 0;
  margin?: number;
  /** For a gradient element: G·|y_i|/d and G·|cos·x_i|/m_x, the two terms' magnitudes. */
  terms?: [number, number];
}

/** The limits of a float dtype that the causes are judged against. */
interface Limits {
  dtype: UlpDType;
  round: (x: number) => number;
  normal: number;
  tiny: number;
  max: number;
}

/** float32's or float64's limits; undefined for another dtype. */
function limitsOf(dtype: string): Limits | undefined {
  if (dtype !== 'float32' && dtype !== 'float64') return undefined;
  return { dtype, round: (x) => roundTo(x, dtype), normal: MIN_NORMAL[dtype], tiny: MIN_SUBNORMAL[dtype], max: MAX_FINITE[dtype] };
}

/** Row r of a [N, D] tensor (all of a 1-D or 0-D one). */
function rowValues(t: WireTensor, r: number): number[] {
  const values = valuesOf(t);
  const length = rowLength(t);
  return t.shape.length === 2 ? values.slice(r * length, r * length + length) : values;
}

/**
 * The intermediates of row r's cosine that leave the dtype's range or
 * precision (mixed dtypes, overflow, subnormal products), each named only
 * where the element's difference is the size that intermediate explains.
 */
function rowCauses(d: Decoded, r: number, seen: Seen): string[] {
  const s = d.steps;
  const result = limitsOf(s.loss.dtype);
  if (!result) return [];
  const causes: string[] = [];
  const names = ['input1', 'input2'] as const;
  const tensors = [d.input1, d.input2];
  const squared = [s.magSquare1[r]!, s.magSquare2[r]!];
  const cos = s.cos[r]!;
  const narrow = tensors.findIndex((t) => t.dtype === 'float32');
  // A float32 rounding of one norm moves the result by about 2^-24 of its terms: a difference far larger is another fault.
  const scale = Math.abs(seen.expected) + (seen.terms ? seen.terms[0] + seen.terms[1] : Math.abs(cos));
  if (result.dtype === 'float64' && narrow >= 0 && seen.difference <= 2 ** -18 * scale) {
    const [self, other] = [names[narrow]!, names[1 - narrow]!];
    const wide = rowValues(tensors[narrow]!, r).reduce((sum, v) => sum + v * v, COSINE_EPSILON);
    const differs = Math.abs(wide - squared[narrow]!) > 2 ** -30 * Math.abs(wide) ? `; in float64 throughout it would be ${wide}, not Paddle's ${squared[narrow]}` : '';
    const size = seen.terms ? NaN : seen.difference / (Math.abs(cos) * 2 ** -24);
    const off = size > 2 ** -6 && size < 8 ? ` (the port's value is ${shortNumber(seen.difference)} off Paddle's, ${shortNumber(size)}·|cos|·2^-24: one float32 rounding of the cosine)` : '';
    causes.push(
      `${self} is float32 and ${other} float64: Paddle squares and sums ${self} and adds eps in float32 (Σ ${self}² + eps = ${shortNumber(squared[narrow]!)}), and takes only the product with Σ ${other}² + eps, ` +
        `its sqrt and what follows in float64, so a norm or sqrt of ${self} taken in float32 is up to 2^-24 relative off a float64 result${off}${differs}`,
    );
  }
  if (overflowFits(d, r, seen)) {
    tensors.forEach((t, k) => {
      const limits = limitsOf(t.dtype);
      const row = rowValues(t, r);
      const i = limits ? row.findIndex((v) => Number.isFinite(v) && !Number.isFinite(limits.round(v * v))) : -1;
      if (limits && i >= 0) causes.push(`${names[k]}[${at(d, r, i)}] = ${shortNumber(row[i]!)}: its square overflows ${limits.dtype} (largest ${shortNumber(limits.max)}), so Σ ${names[k]}² + eps is inf and Paddle's cos is dot/inf`);
    });
    if (squared.every(Number.isFinite) && !Number.isFinite(s.product[r]!)) {
      causes.push(`the product of the squared norms, ${shortNumber(squared[0]!)} · ${shortNumber(squared[1]!)}, overflows ${result.dtype}: Paddle's cos is dot / sqrt(inf) = 0, where a sqrt of each norm apart stays finite`);
    }
  }
  const x = rowValues(d.input1, r);
  const y = rowValues(d.input2, r);
  const products = x.map((xi, i) => xi * y[i]!);
  const small = products.map((p, i) => [p, i] as const).filter(([p]) => p !== 0 && Math.abs(p) < result.normal);
  // A port that flushes those products to 0 has cos − Σp/d: named where the port's loss is the loss of that cosine.
  const flushed = cos - small.reduce((sum, [p]) => sum + p, 0) / s.denom[r]!;
  const alt = lossOf(flushed, seen);
  if (small.length > 0 && !seen.terms && Math.abs(seen.actual - alt) <= 2 ** -20 * Math.max(Math.abs(alt), Math.abs(cos)) + (4 * small.length * result.tiny) / s.denom[r]!) {
    const [p, i] = small[0]!;
    causes.push(
      `input1·input2 at [${at(d, r, i)}] = ${shortNumber(p)}${small.length > 1 ? ` (and ${small.length - 1} more of the row)` : ''} lies below ${result.dtype}'s smallest normal ${shortNumber(result.normal)}: ` +
        `every port rounds it to a multiple of ${shortNumber(result.tiny)} (one that flushes it to 0 loses it), and the division by d = ${shortNumber(s.denom[r]!)} carries that step into cos`,
    );
  }
  return causes;
}

/**
 * Whether the element's difference is what an overflowing square or product
 * of squared norms explains: for a loss, the port's value is the loss of
 * the exact cosine (computed with each row scaled by its largest element);
 * for a gradient, Paddle's is 0 or NaN there and the port's a finite value.
 */
function overflowFits(d: Decoded, r: number, seen: Seen): boolean {
  if (seen.terms) return (seen.expected === 0 || Number.isNaN(seen.expected)) && Number.isFinite(seen.actual) && seen.actual !== 0;
  const alt = lossOf(scaledCosine(rowValues(d.input1, r), rowValues(d.input2, r)), seen);
  return Math.abs(seen.actual - alt) <= 1e-3 * Math.max(1, Math.abs(alt));
}

/** The loss a cosine gives under the element's branch: 1 − cos, clip(cos − margin, 0), or NaN where no branch is known. */
function lossOf(cos: number, seen: Seen): number {
  if (seen.label === 1) return 1 - cos;
  if (seen.label === -1 && seen.margin !== undefined) return Math.max(cos - seen.margin, 0);
  return NaN;
}

/** The cosine of two rows without overflow: each scaled by its largest magnitude first (eps is negligible beside such rows). */
function scaledCosine(x: number[], y: number[]): number {
  const sx = x.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  const sy = y.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  let dot = 0;
  let nx = 0;
  let ny = 0;
  x.forEach((xi, i) => {
    const a = xi / sx;
    const b = y[i]! / sy;
    dot += a * b;
    nx += a * a;
    ny += b * b;
  });
  return dot / Math.sqrt(nx * ny);
}

/** The multi-index of element i of row r, as a failure prints it. */
function at(d: Decoded, r: number, i: number): string {
  return d.input1.shape.length === 2 ? `${r}, ${i}` : `${i}`;
}

/** The gradient element's own input value, the other input's at the same place, and its row's squared norms. */
function gradientParts(d: Decoded, r: number, name: 'input1' | 'input2', index: number): { x: number; y: number; mSelf: number; mOther: number } {
  const s = d.steps;
  const i = index - (d.input1.shape.length === 2 ? r * rowLength(d.input1) : 0);
  const x = rowValues(name === 'input1' ? d.input1 : d.input2, r)[i]!;
  const y = rowValues(name === 'input1' ? d.input2 : d.input1, r)[i]!;
  const [mSelf, mOther] = name === 'input1' ? [s.magSquare1[r]!, s.magSquare2[r]!] : [s.magSquare2[r]!, s.magSquare1[r]!];
  return { x, y, mSelf, mOther };
}

/** The magnitudes of the gradient's two terms at the element: G·|y_i|/d and G·|cos·x_i|/m_x. */
function termsOf(d: Decoded, r: number, name: 'input1' | 'input2', index: number, G: number): [number, number] {
  const { x, y, mSelf } = gradientParts(d, r, name, index);
  return [Math.abs((G * y) / d.steps.denom[r]!), Math.abs((G * d.steps.cos[r]! * x) / mSelf)];
}

/**
 * The products and quotients a natural order forms for element i of row r's
 * gradient (G·(y_i/d − cos·x_i/m_x), x the element's own input) that lie
 * below the smallest normal while the term they feed does not, contrasted
 * with Paddle's chain for that term; only where the element's difference is
 * at most about that term (what the order loses).
 */
function gradientCauses(d: Decoded, r: number, name: 'input1' | 'input2', index: number, G: number, seen: Seen): string[] {
  const s = d.steps;
  const limits = limitsOf(s.loss.dtype);
  if (!limits || G === 0 || !Number.isFinite(G)) return [];
  const other = name === 'input1' ? 'input2' : 'input1';
  const { x, y, mSelf, mOther } = gradientParts(d, r, name, index);
  const den = s.denom[r]!;
  const cos = s.cos[r]!;
  if (![x, y, mSelf, mOther, den, cos].every(Number.isFinite)) return [];
  const m = `(Σ ${name}² + eps)`;
  const [first, second] = termsOf(d, r, name, index, G);
  const candidates: Array<[string, number, number, string]> = [
    [`cos·${name}`, cos * x, second, `multiplies by cos before dividing by ${m} = ${shortNumber(mSelf)}`],
    ['G·cos', G * cos, second, `multiplies G by cos before dividing by ${m} = ${shortNumber(mSelf)}`],
    [`${name}/${m}`, x / mSelf, second, `divides ${name} by ${m} before multiplying by cos = ${shortNumber(cos)} and G`],
    [`cos/${m}`, cos / mSelf, second, `divides cos by ${m} before multiplying by ${name} = ${shortNumber(x)}`],
    [`G·${other}`, G * y, first, `multiplies G by ${other} before dividing by d = ${shortNumber(den)}`],
    [`${other}/d`, y / den, first, `divides ${other} by d before multiplying by G = ${shortNumber(G)}`],
    ['G/d', G / den, first, `divides G by d before multiplying by ${other} = ${shortNumber(y)}`],
  ];
  for (const [label, value, term, order] of candidates) {
    const rounded = limits.round(value);
    // Below the normal range and then multiplied up (the term over twice the value, so half a step of it costs more than a step of the term), and a difference that losing the term explains.
    if (value === 0 || Math.abs(value) >= limits.normal || term < limits.tiny || term <= 2 * Math.abs(value) || !(seen.difference <= 2 * term + 4 * limits.tiny)) continue;
    const fate = rounded === 0 ? `underflows ${limits.dtype} to 0 (its smallest subnormal is ${shortNumber(limits.tiny)})` : `lies below ${limits.dtype}'s smallest normal ${shortNumber(limits.normal)} (rounded to a multiple of ${shortNumber(limits.tiny)})`;
    return [`${label} = ${shortNumber(value)} ${fate}, yet the gradient term it feeds is ${shortNumber(term)}: an order that ${order} loses ${rounded === 0 ? 'that term' : 'digits of that term'}, ${paddleChain(term === first, name, G, cos, den, mOther, limits)}`];
  }
  return [];
}

/** How Paddle forms the gradient term, and whether its steps stay in the normal range before the last product. */
function paddleChain(firstTerm: boolean, name: 'input1' | 'input2', G: number, cos: number, den: number, mOther: number, limits: Limits): string {
  const other = name === 'input1' ? 'input2' : 'input1';
  if (firstTerm) {
    const q = Math.abs(G / den);
    return `while Paddle forms it as (G/d)·${other}, with G/d = ${shortNumber(q)}${q < limits.normal ? ', itself below the normal range' : ''}`;
  }
  const steps = [G * cos, (G * cos) / den, (0.5 * G * cos) / den, (0.5 * G * cos) / den / den, ((0.5 * G * cos) / den / den) * mOther, ((G * cos) / den / den) * mOther];
  const low = steps.find((v) => v !== 0 && Math.abs(v) < limits.normal);
  return `while Paddle forms it as ((((−G·cos)/d)·0.5)/d)·(Σ ${other}² + eps)·2·${name}${low === undefined ? ', in the normal range until its last product' : `, which also passes below the normal range (${shortNumber(Math.abs(low))})`}`;
}

/** Σ|G| of the ±1-labelled losses of a row, as the gradient receives them (over the count for mean; 0 for a label-−1 loss whose clip is closed). */
function upstreamOf(signature: OpSignature, request: RequestJson, d: Decoded, losses: number[]): number {
  let upstream: number[] = [];
  try {
    upstream = request.grad_output ? valuesOf(decodeTensor(request.grad_output)) : [];
  } catch {
    upstream = [];
  }
  const reduction = reductionOf(signature, request);
  const n = d.steps.cosAt.length;
  const scale = reduction === 'mean' && n > 0 ? 1 / n : 1;
  return losses.reduce((sum, k) => {
    const g = Math.abs(upstream.length === 0 ? 1 : upstream[reduction === 'none' ? k : 0] ?? 1) * scale;
    if (d.steps.isPositive[k]) return sum + g;
    if (d.steps.isNegative[k] && d.steps.shifted[d.steps.cosAt[k]!]! >= 0) return sum + g;
    return sum;
  }, 0);
}
