/**
 * The tools variants are built from: reading and rewriting requests, tensors
 * and responses around an op's reference. None of them computes an op; every
 * value a variant returns comes from the reference, transformed.
 */
import type { KwargJson, OutputJson, ResponseJson } from '../case.js';
import { mapOutput } from '../outputs.js';
import { argsOf, reductionOf, unreducedRequest, withArgs, type OpDescriptor } from '../op.js';
import type { PortRequest } from '../port.js';
import { decodeTensor, encodeTensor, fromTypedArray, fromValues, shapeSize, valuesOf, type TensorJson, type WireTensor } from '../wire.js';

export { argsOf, reductionOf, withArgs };
export { nextUp } from '../floats.js';

/** Whether a reduction value is one Paddle accepts. */
export function isValidReduction(r: unknown): r is 'none' | 'mean' | 'sum' {
  return r === 'none' || r === 'mean' || r === 'sum';
}

/** Whether a dtype is one the mutants compute in (float32 or float64). */
export function isCatalogFloat(dtype: string): dtype is 'float32' | 'float64' {
  return dtype === 'float32' || dtype === 'float64';
}

/** Rounding to a float dtype the catalog knows (float32, float64); undefined for any other dtype. */
export function rounderOf(dtype: string): ((x: number) => number) | undefined {
  if (dtype === 'float32') return Math.fround;
  if (dtype === 'float64') return (x) => x;
  return undefined;
}

/** A request tensor by parameter name; a request without it is a bug in the plan, not a port's fault. */
export function tensorOf(request: PortRequest, name: string): TensorJson {
  const t = request.inputs[name];
  if (t === undefined) throw new Error(`request ${request.id} has no tensor "${name}"`);
  return t;
}

/** Whether two tensors have the same shape, so their elements pair up one to one. */
export function sameShape(a: WireTensor, b: WireTensor): boolean {
  return a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
}

/** A tensor JSON with every value mapped (dtype and shape kept; each result rounded to the dtype on encoding). */
export function mapValues(json: TensorJson, f: (v: number, i: number) => number): TensorJson {
  const t = decodeTensor(json);
  return encodeTensor(fromValues(t.dtype, t.shape, valuesOf(t).map(f)));
}

/** A response with its output (each of several) and every gradient tensor passed through `f`; errors and skips untouched. */
export function mapTensors(res: ResponseJson, f: (t: TensorJson) => TensorJson): ResponseJson {
  const out: ResponseJson = { ...res };
  if (res.output) out.output = mapOutput<OutputJson>(res.output, (t) => f(t)) as TensorJson;
  if (res.grad) out.grad = Object.fromEntries(Object.entries(res.grad).map(([k, t]) => [k, f(t)]));
  return out;
}

/** A tensor JSON cast to another float dtype, value by value. */
export function castTo(json: TensorJson, dtype: 'float32' | 'float64'): TensorJson {
  const t = decodeTensor(json);
  return encodeTensor(fromValues(dtype, t.shape, valuesOf(t)));
}

/** A tensor JSON with a new shape of the same size, its bytes untouched. */
export function reshape(json: TensorJson, shape: number[]): TensorJson {
  const t = decodeTensor(json);
  return encodeTensor({ ...t, shape });
}

/** A 0-D tensor JSON holding one value of the dtype. */
export function scalarTensor(dtype: 'float32' | 'float64', value: number): TensorJson {
  const data = dtype === 'float32' ? Float32Array.of(value) : Float64Array.of(value);
  return encodeTensor(fromTypedArray(dtype, [], data));
}

/** The number of elements of a tensor JSON. */
export function sizeOf(json: TensorJson): number {
  return shapeSize(json.shape);
}

/** The reduction of a list of values; the correct variants and some mutants supply their own. */
export type Reducer = (values: readonly number[], round: (x: number) => number) => number;

/** Sum left to right, every partial sum rounded to the dtype. */
export const leftToRight: Reducer = (values, round) => values.reduce((acc, v) => round(acc + v), 0);

/** The reference's answer to a request with its reduction set to 'none' and no gradient: the unreduced result. */
export function unreduced(op: Omit<OpDescriptor, 'mutants'>, request: PortRequest): ResponseJson {
  return op.reference({ ...unreducedRequest(op, request), grad: undefined, grad_output: undefined });
}

/**
 * The response to a request whose unreduced result is the reference's, passed
 * through `edit`, and then reduced by `sum` (mean divides by the count). The
 * gradients, when asked for, are the reference's own. Requests the edit
 * cannot handle (other dtypes, errors) get the reference's answer unchanged.
 */
export function viaUnreduced(
  op: Omit<OpDescriptor, 'mutants'>,
  request: PortRequest,
  edit: (values: number[], round: (x: number) => number) => number[],
  sum: Reducer = leftToRight,
  divisor?: number,
): ResponseJson {
  const reduction = reductionOf(op, request);
  const full = op.reference(request);
  const round = full.output && rounderOf(full.output.dtype);
  if (!isValidReduction(reduction) || !round || !full.output) return full;
  const plain = unreduced(op, request).output;
  if (!plain) return full;
  const t = decodeTensor(plain);
  const values = edit(valuesOf(t), round);
  const output = reduction === 'none'
    ? encodeTensor(fromValues(t.dtype, t.shape, values))
    : scalarTensor(full.output.dtype as 'float32', reduction === 'sum' ? sum(values, round) : round(sum(values, round) / (divisor ?? values.length)));
  return { ...full, output };
}


/** Python's float() syntax: optional sign, then a decimal with _ between digits, or inf/infinity/nan in any case. */
const PYTHON_FLOAT = /^[+-]?((\d(_?\d)*)?(\.(\d(_?\d)*)?)?([eE][+-]?\d(_?\d)*)?|inf|infinity|nan)$/i;

/** What Python's float(text) gives, or undefined where it raises ValueError (a port written in Python reading a str). */
export function pythonFloat(text: string): number | undefined {
  const s = text.trim();
  if (!PYTHON_FLOAT.test(s) || !/\d|inf|nan/i.test(s)) return undefined;
  const lower = s.toLowerCase();
  if (lower.endsWith('nan')) return NaN;
  if (lower.endsWith('inf') || lower.endsWith('infinity')) return lower.startsWith('-') ? -Infinity : Infinity;
  return Number(s.replaceAll('_', ''));
}

/** An op's reference and request helpers bound to the op, so a variant reads as plainly as the request it changes. */
export interface BoundOp {
  /** The op's reference answer. */
  reference: (r: PortRequest) => ResponseJson;
  /** The request's keyword arguments. */
  argsOf: (r: PortRequest) => Record<string, KwargJson>;
  /** The request with keyword arguments replaced (undefined removes one). */
  withArgs: (r: PortRequest, patch: Record<string, KwargJson | undefined>) => PortRequest;
  /** The reduction the request asks for. */
  reductionOf: (r: PortRequest) => KwargJson;
  /** viaUnreduced for this op. */
  viaUnreduced: (r: PortRequest, edit: (values: number[], round: (x: number) => number) => number[], sum?: Reducer) => ResponseJson;
}

/** The helpers of transform.ts bound to one op. */
export function bindOp(op: Omit<OpDescriptor, 'mutants'>): BoundOp {
  return {
    reference: (r) => op.reference(r),
    argsOf: (r) => argsOf(op, r),
    withArgs: (r, patch) => withArgs(op, r, patch),
    reductionOf: (r) => reductionOf(op, r),
    viaUnreduced: (r, edit, sum) => viaUnreduced(op, r, edit, sum),
  };
}
