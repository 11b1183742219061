/**
 * The comparison policy: how a port's response is judged against a golden
 * expectation. This module is the only place the policy lives.
 *
 * 1. Outcome. When Paddle raised, the port must raise an error of the same
 *    Python exception type; a different message is a note, not a failure.
 *    Messages are compared without the decorations Paddle's C++ checks add
 *    (a `[Hint: Expected …]` line and an `(at /paddle/…:line)` source
 *    location): they restate the failed C++ condition and name a build path,
 *    so no port can be expected to reproduce them.
 *    When Paddle returned, the port must return (an error is a failure).
 *    A `skip` response is reported as skipped: it never counts as a pass.
 * 2. dtype and shape of every returned tensor must match exactly.
 * 3. Values lie within the bound of the op's tolerance policy for that kind
 *    of result (OpDescriptor.tolerance; the policies and their derivations
 *    are in tolerance.ts): exact, the summation bound for mean and sum, or an
 *    element-wise bound in ulps.
 */
import type { AnyExpectedJson, AnyResponseJson, ErrorJson, GoldenCase, OutputJson, RequestJson } from './case.js';
import { outputNamesFor, outputTensors } from './outputs.js';
import { allowanceOf, allowedAt, elementwiseBound, EXACT_WITH_SUMMATION, exactBound, formatNumber, reductionBound, withinAbsoluteRelative, type Bound, type TolerancePolicies } from './tolerance.js';

export { exactBound, formatNumber, gamma, reductionBound, UNIT_ROUNDOFF, type Bound } from './tolerance.js';
export { unravel, type ElementMismatch } from './element_context.js';
import { unravel, type ElementMismatch } from './element_context.js';
import { reductionOf, type OpDescriptor } from './op.js';
import { responseProblem } from './ports/response.js';
import { bitsAt, decodeScalar, decodeTensor, elementAt, hexBitsAt, isFloatDType, itemsize, shapeSize, type WireTensor } from './wire.js';

/** How strictly element values are compared. */
export interface CompareOptions {
  /** Compare raw bytes: distinguishes +0 from -0 and NaN payloads. */
  bitwise: boolean;
}

/** What kind of departure a failure is. */
export type FailureKind = 'outcome' | 'error-type' | 'dtype' | 'shape' | 'value' | 'missing' | 'malformed';


/** Why a case failed. */
export interface Failure {
  /** The kind of departure. */
  kind: FailureKind;
  /** A complete one-line statement of the problem. */
  message: string;
  /** For value failures: the first differing element. */
  element?: ElementMismatch;
  /** The tolerance applied to the tensor that failed, when a tensor was compared. */
  bound?: Bound;
  /** The error Paddle raised, for failures of a case where it raised (its message without the C++ decorations). */
  expectedError?: ErrorJson;
  /** The error the port raised, when it raised one. */
  actualError?: ErrorJson;
}

/** For a passing reduced result: its distance from Paddle's value and the bound it had to meet. */
export interface ReductionMargin {
  /** |actual − expected| in float64 (0 when equal). */
  difference: number;
  /** Distance in units in the last place, exact; null when NaN. */
  ulps: bigint | null;
  /** The summation bound applied. */
  bound: Bound;
}

/** For a passing result compared under a bound that is not exact: the element that came closest to its allowance. */
export interface BoundMargin {
  /** Which tensor: `output` (`output.<name>` for an op with several outputs) or `grad.<input name>`. */
  field: string;
  /** Flat row-major index of the element. */
  index: number;
  /** |actual − expected| in float64. */
  difference: number;
  /** Distance in units in the last place; null when NaN. */
  ulps: bigint | null;
  /** What the bound allowed at that element (|Δ| for absolute bounds, ulps for ulp bounds). */
  allowed: number;
  /** difference / allowed (ulps / allowed for ulp bounds): 1 is the edge of the bound. */
  ratio: number;
  /** The bound applied. */
  bound: Bound;
}

/** The policy's judgement of one response. */
export type Verdict =
  | { status: 'pass'; notes: string[]; reduction?: ReductionMargin; closest?: BoundMargin }
  | { status: 'skip'; reason: string; notes: string[] }
  | { status: 'fail'; failure: Failure; notes: string[] };

/**
 * What the comparison needs of a case's op: its tolerance policies, and its
 * names and reduction keyword to tell a sum from a mean. Callers pass the
 * descriptor; this module does not reach into the registry.
 */
export type ComparedOp = Pick<OpDescriptor, 'tolerance' | 'functional' | 'layer' | 'kwargs' | 'reduction' | 'outputs' | 'singleOutput'>;

/**
 * Judges a port's response to a golden case under the comparison policy, with
 * the tolerance policies of the case's op (exact, with the summation bound
 * for a reduced result taken as a mean, when no op is given).
 */
export function compareResponse(golden: GoldenCase, response: unknown, options: CompareOptions, op?: ComparedOp): Verdict {
  const problem = responseProblem(response);
  if (problem !== undefined) return fail('malformed', `port ${problem}: ${quote(response)}`);
  const shape = response as AnyResponseJson;
  if (shape.skip !== undefined) return { status: 'skip', reason: shape.skip, notes: [] };
  const expected: AnyExpectedJson = golden.expected;
  if (expected.error) return compareError(expected.error, shape);
  if (shape.error) {
    return { status: 'fail', failure: { kind: 'outcome', message: `expected a result but the port raised ${shape.error.type}: ${shape.error.message}`, actualError: shape.error }, notes: [] };
  }
  const none = compareNone(expected, shape);
  if (none !== undefined) return none;
  const reduced = op !== undefined && reductionOf(op, golden.request) === 'sum' ? 'sum' : 'mean';
  const names = outputNamesFor(op, golden.request);
  const form = compareForm(expected.output!, shape.output!, names);
  if (form !== undefined) return form;
  return compareResult(golden.request, expected, shape, options, op?.tolerance ?? EXACT_WITH_SUMMATION, reduced, names);
}

/** When Paddle returned several outputs (a list) and the port not as many, or one tensor and the port a list: the outcome departs. */
function compareForm(expected: OutputJson, actual: OutputJson, names?: readonly string[]): Verdict | undefined {
  const count = (o: OutputJson): string => (Array.isArray(o) ? `a list of ${o.length} tensors` : 'one tensor');
  if (Array.isArray(expected) === Array.isArray(actual) && (!Array.isArray(expected) || expected.length === (actual as unknown[]).length)) return undefined;
  const fields = Array.isArray(expected) ? ` (${outputTensors(expected, names).map(([f]) => f).join(', ')})` : '';
  return fail('outcome', `expected ${count(expected)}${fields} but the port returned ${count(actual)}`);
}

/** When Paddle or the port returned None (`"output": null`): both must have, and nothing more is compared. */
function compareNone(expected: AnyExpectedJson, response: AnyResponseJson): Verdict | undefined {
  if (expected.output !== null && response.output !== null) return undefined;
  if (expected.output === null && response.output === null) return { status: 'pass', notes: [] };
  const message = expected.output === null
    ? 'expected None (Paddle returned None, "output": null) but the port returned a tensor'
    : 'expected a tensor but the port returned None ("output": null)';
  return { status: 'fail', failure: { kind: 'outcome', message }, notes: [] };
}

function compareError(expected: ErrorJson, response: AnyResponseJson): Verdict {
  const expectedError = { type: expected.type, message: messageProper(expected.message) };
  if (!response.error) {
    const message = `expected ${expected.type}: ${expected.message} but the port returned a result`;
    return { status: 'fail', failure: { kind: 'outcome', message, expectedError }, notes: [] };
  }
  if (response.error.type !== expected.type) {
    const message = `expected ${expected.type} but the port raised ${response.error.type}: ${response.error.message}`;
    return { status: 'fail', failure: { kind: 'error-type', message, expectedError, actualError: response.error }, notes: [] };
  }
  const want = messageProper(expected.message);
  const got = messageProper(response.error.message);
  return { status: 'pass', notes: want === got ? [] : [messageNote(want, got)] };
}

/**
 * An error message without Paddle's C++ enforce decorations: the trailing
 * `(at /paddle/…/file.cc:123)` location and the `[Hint: Expected …]` line
 * (paddle/common/enforce.h appends both to every PADDLE_ENFORCE message).
 */
export function messageProper(message: string): string {
  return withoutHint(withoutLocation(message)).trimEnd();
}

// The two decorations are found from their literal openings, walking back over the whitespace before them:
// the regular expressions /\s*\(at …/ and /\n\s*\[Hint: …/ took time quadratic in a run of spaces or
// newlines, and a port's message is not to be trusted (64K spaces took 12 s).

/** The message without a trailing `(at file:line)` location and the whitespace before it. */
function withoutLocation(message: string): string {
  const at = /\(at [^()\n]*:\d+\)\s*$/.exec(message);
  if (!at) return message;
  return message.slice(0, whitespaceBefore(message, at.index));
}

/** The message cut at the first newline of the whitespace before a `[Hint: ` (the line Paddle's enforce adds). */
function withoutHint(message: string): string {
  for (let i = message.indexOf('[Hint: '); i >= 0; i = message.indexOf('[Hint: ', i + 1)) {
    const newline = message.indexOf('\n', whitespaceBefore(message, i));
    if (newline >= 0 && newline < i) return message.slice(0, newline);
  }
  return message;
}

/** Where the run of whitespace that ends at `end` begins. */
function whitespaceBefore(text: string, end: number): number {
  let start = end;
  while (start > 0 && /\s/.test(text[start - 1]!)) start--;
  return start;
}

/** A short note on where two error messages part ways, quoting a little of each from there. */
export function messageNote(expected: string, actual: string): string {
  let k = 0;
  while (k < expected.length && k < actual.length && expected[k] === actual[k]) k++;
  const from = (s: string): string => {
    if (k >= s.length) return 'the end of the message';
    const part = s.slice(k, k + 60);
    return JSON.stringify(`${k > 0 ? '…' : ''}${part}${k + 60 < s.length ? '…' : ''}`);
  };
  return `message differs from character ${k}: expected ${from(expected)}, got ${from(actual)}`;
}

function compareResult(request: RequestJson, expected: AnyExpectedJson, response: AnyResponseJson, options: CompareOptions, tolerance: TolerancePolicies, reduced: 'sum' | 'mean', names?: readonly string[]): Verdict {
  // Each output is judged on its own under the op's tolerance (PROTOCOL.md, "Several outputs"); compareForm checked the count.
  const actuals = outputTensors(response.output!, names);
  let reduction: ReductionMargin | undefined;
  let closest: BoundMargin | undefined;
  for (const [i, [field, json]] of outputTensors(expected.output!, names).entries()) {
    const expectedOutput = decodeTensor(json, `$.expected.${field}`);
    const bound = outputBound(request, expected, expectedOutput, options, tolerance, reduced, field);
    const output = compareTensorField(field, actuals[i]![1], expectedOutput, bound);
    if (output) return { status: 'fail', failure: output, notes: [] };
    const actualOutput = decodeTensor(actuals[i]![1], `response.${field}`);
    if (bound.kind === 'reduction') reduction = reductionMargin(actualOutput, expectedOutput, bound);
    closest = closer(closest, closestToBound(field, actualOutput, expectedOutput, bound));
  }
  for (const [name, json] of Object.entries(expected.grad ?? {})) {
    const expectedGrad = decodeTensor(json, `$.expected.grad.${name}`);
    const actual = (response.grad as Record<string, unknown> | undefined)?.[name];
    if (actual === undefined) return fail('missing', `the request asked for grad.${name} but the response has no "grad": {"${name}": ...}`);
    const field = `grad.${name}`;
    const gradBound = elementwiseBound(tolerance.grad, expectedGrad.dtype, options, { request, field });
    const grad = compareTensorField(field, actual, expectedGrad, gradBound);
    if (grad) return { status: 'fail', failure: grad, notes: [] };
    closest = closer(closest, closestToBound(field, decodeTensor(actual, `response.${field}`), expectedGrad, gradBound));
  }
  // A gradient Paddle leaves None is absent from the golden (PROTOCOL.md): a port that gives one departs.
  const extra = (request.grad ?? []).find((name) => !(name in (expected.grad ?? {})) && (response.grad as Record<string, unknown> | undefined)?.[name] !== undefined);
  if (extra !== undefined) return fail('outcome', `Paddle leaves grad.${extra} None (the golden has none) but the response gives one`);
  return { status: 'pass', notes: [], ...(reduction && { reduction }), ...(closest && { closest }) };
}

/** Among the elements of a passing tensor that differ from Paddle's, the one nearest its bound; undefined when none differs or the bound is exact. */
function closestToBound(field: string, actual: WireTensor, expected: WireTensor, bound: Bound): BoundMargin | undefined {
  if (bound.kind === 'exact' || actual.dtype !== expected.dtype) return undefined;
  let best: BoundMargin | undefined;
  for (let i = 0; i < shapeSize(expected.shape); i++) {
    const a = elementAt(actual, i);
    const e = elementAt(expected, i);
    if (sameValue(a, e) || !Number.isFinite(a) || !Number.isFinite(e)) continue;
    const ulps = ulpDistance(actual, expected, i);
    const difference = Math.abs(a - e);
    const allowed = bound.kind === 'ulp' ? (bound.ulps ?? 0) : bound.kind === 'reduction' ? bound.value : allowedAt(bound, i, e);
    const ratio = (bound.kind === 'ulp' ? Number(ulps ?? 0n) : difference) / allowed;
    if (!best || ratio > best.ratio) best = { field, index: i, difference, ulps, allowed, ratio, bound };
  }
  return best;
}

/** The margin nearer its bound of two. */
function closer(a: BoundMargin | undefined, b: BoundMargin | undefined): BoundMargin | undefined {
  if (!a || !b) return a ?? b;
  return b.ratio > a.ratio ? b : a;
}

/** How far inside its bound a passing reduced result lies. */
function reductionMargin(actual: WireTensor, expected: WireTensor, bound: Bound): ReductionMargin {
  const a = elementAt(actual, 0);
  const e = elementAt(expected, 0);
  const difference = sameValue(a, e) ? 0 : Math.abs(a - e);
  return { difference, ulps: ulpDistance(actual, expected, 0), bound };
}

/** Decodes (responseProblem already checked it decodes) and compares one returned tensor; null when it conforms. */
function compareTensorField(field: string, json: unknown, expected: WireTensor, bound: Bound): Failure | null {
  return compareTensors(field, decodeTensor(json, `response.${field}`), expected, bound);
}

/** Compares two decoded tensors under a bound; null when they conform. */
export function compareTensors(field: string, actual: WireTensor, expected: WireTensor, bound: Bound): Failure | null {
  if (actual.dtype !== expected.dtype) {
    return { kind: 'dtype', message: `${field}: dtype ${actual.dtype}, expected ${expected.dtype}`, bound };
  }
  if (actual.shape.join(',') !== expected.shape.join(',') || actual.shape.length !== expected.shape.length) {
    return { kind: 'shape', message: `${field}: shape [${actual.shape.join(', ')}], expected [${expected.shape.join(', ')}]`, bound };
  }
  const element = firstMismatch(field, actual, expected, bound);
  if (!element) return null;
  const where = element.multiIndex.length ? `[${element.multiIndex.join(', ')}]` : '(0-D)';
  return {
    kind: 'value',
    message: `${field}${where}: got ${formatNumber(element.actual)} (${element.actualBits}), expected ${formatNumber(element.expected)} (${element.expectedBits}); ` +
      `${element.ulps === null ? 'ulp distance n/a' : `${element.ulps} ulp apart`}${allowance(bound, element)}; bound: ${bound.description}; ${element.mismatches} of ${element.size} elements differ`,
    element,
    bound,
  };
}

function firstMismatch(field: string, actual: WireTensor, expected: WireTensor, bound: Bound): ElementMismatch | null {
  const n = shapeSize(expected.shape);
  let first = -1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (elementConforms(actual, expected, i, bound)) continue;
    if (first < 0) first = i;
    count++;
  }
  if (first < 0) return null;
  const a = elementAt(actual, first);
  const e = elementAt(expected, first);
  return {
    field,
    index: first,
    multiIndex: unravel(first, expected.shape),
    actual: a,
    expected: e,
    actualBits: hexBitsAt(actual, first),
    expectedBits: hexBitsAt(expected, first),
    ulps: ulpDistance(actual, expected, first),
    difference: Math.abs(a - e),
    mismatches: count,
    size: n,
  };
}

/** Where the element stands against a bound that is not exact: its distance as a multiple of what the bound allows there. */
function allowance(bound: Bound, element: ElementMismatch): string {
  if (bound.kind === 'ulp' && element.ulps !== null) return ` = ${(Number(element.ulps) / (bound.ulps ?? 0)).toPrecision(3)}× the bound`;
  if (bound.kind === 'reduction') return `, |Δ| = ${formatNumber(element.difference)}${ratioText(element.difference, bound.value)}`;
  if (bound.kind !== 'absolute-relative') return '';
  const allowed = allowedAt(bound, element.index, element.expected);
  if (Number.isNaN(allowed)) return `, |Δ| = ${formatNumber(element.difference)}; the bound is not defined here (NaN, from a non-finite value), so only the expected value passes`;
  return `, |Δ| = ${formatNumber(element.difference)} against ${formatNumber(allowed)} allowed here (${(element.difference / allowed).toPrecision(3)}× the bound)`;
}

/** A distance as a multiple of the bound, or why there is no such multiple. */
function ratioText(difference: number, bound: number): string {
  if (Number.isNaN(bound)) return '; the bound is not defined here (NaN, from a non-finite value), so only the expected value passes';
  return ` = ${(difference / bound).toPrecision(3)}× the bound`;
}

/** Whether element i conforms under the bound. */
function elementConforms(actual: WireTensor, expected: WireTensor, i: number, bound: Bound): boolean {
  if (bound.bitwise && bitsAt(actual, i) === bitsAt(expected, i)) return true;
  const a = elementAt(actual, i);
  const e = elementAt(expected, i);
  // Equal values with different bits are ±0 or two NaN payloads: only bitwise mode tells them apart.
  if (sameValue(a, e)) return !bound.bitwise;
  if (bound.kind === 'exact') return false;
  if (!Number.isFinite(a) || !Number.isFinite(e)) return false;
  if (bound.kind === 'ulp') return (ulpDistance(actual, expected, i) ?? Infinity) <= BigInt(bound.ulps ?? 0);
  if (bound.kind === 'absolute-relative') return withinAbsoluteRelative(bound, a, e, i);
  return Math.abs(a - e) <= bound.value;
}

/** Value-mode equality: NaN equals NaN, +0 equals -0. */
function sameValue(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** The bound for the expected output: the op's reduced policy for a mean or sum with its basis, otherwise its element-wise one. */
function outputBound(request: RequestJson, expected: AnyExpectedJson, output: WireTensor, options: CompareOptions, tolerance: TolerancePolicies, reduced: 'sum' | 'mean', field: string): Bound {
  // A reduction basis belongs to a result of one output (golden.ts refuses it beside a list).
  const basis = field === 'output' ? expected.reduction_basis : undefined;
  if (!basis || output.shape.length !== 0 || !isFloatDType(output.dtype)) return elementwiseBound(tolerance.output, output.dtype, options, { request, field });
  if (tolerance.reduced.kind !== 'summation') return elementwiseBound(tolerance.reduced, output.dtype, options, { request, field });
  const n = basis.count;
  const s = decodeScalar(basis.abs_sum, '$.expected.reduction_basis.abs_sum');
  if (n === 0 || !Number.isFinite(s)) return exactBound(options);
  // Each summand may itself lie within the element-wise allowance of Paddle's (none for exact element-wise results).
  const elements = allowanceOf(tolerance.output, output.dtype, request, 'output');
  const divisor = reduced === 'mean' ? tolerance.reduced.divisor?.(request) : undefined;
  const bound = reductionBound(output.dtype, reduced, n, s, elements, divisor);
  // Bitwise mode still tolerates summation order, but equal values must then agree in their bits.
  if (!options.bitwise) return bound;
  return { ...bound, bitwise: true, description: `${bound.description}; equal values must match bitwise` };
}

/**
 * Distance in units in the last place between element i of two float tensors
 * of the same dtype: the number of representable values between them, with
 * +0 and -0 at distance 0. Null when either is NaN; |a − b| for integers.
 * A bigint, because float64 distances run to 2^63 and a number would round
 * them past 2^53 (0 to 0.5 is 4602678819172646912, not ...7000).
 */
export function ulpDistance(a: WireTensor, b: WireTensor, i: number): bigint | null {
  if (!isFloatDType(a.dtype)) return BigInt(Math.abs(elementAt(a, i) - elementAt(b, i)));
  if (Number.isNaN(elementAt(a, i)) || Number.isNaN(elementAt(b, i))) return null;
  const width = BigInt(itemsize(a.dtype) * 8);
  const d = orderedBits(bitsAt(a, i), width) - orderedBits(bitsAt(b, i), width);
  return d < 0n ? -d : d;
}

/** Maps IEEE bits onto a line where adjacent floats differ by 1 and ±0 meet at 0. */
function orderedBits(bits: bigint, width: bigint): bigint {
  const sign = 1n << (width - 1n);
  return bits & sign ? -(bits & (sign - 1n)) : bits;
}


function fail(kind: FailureKind, message: string): Verdict {
  return { status: 'fail', failure: { kind, message }, notes: [] };
}

/** A value quoted for a failure message, cut to a readable length. */
function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
