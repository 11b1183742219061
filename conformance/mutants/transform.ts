/**
 * The tools the mutant catalog builds its ports from: reading and rewriting
 * requests, tensors and responses around the bundled reference. None of them
 * computes the loss; every loss value a mutant returns comes from the
 * reference, transformed.
 */
import type { KwargJson, ResponseJson } from '../case.js';
import type { PortRequest } from '../port.js';
import { answer } from '../ports/reference.js';
import { decodeScalar, decodeTensor, encodeTensor, fromTypedArray, fromValues, shapeSize, valuesOf, type TensorJson, type WireTensor } from '../wire.js';

/** The reference's answer to a request (the port every mutant wraps). */
export function reference(request: PortRequest): ResponseJson {
  return answer(request);
}

/** The keyword arguments of a request: `init` for the layer, `kwargs` for the functional form. */
export function argsOf(request: PortRequest): Record<string, KwargJson> {
  return (request.api === 'paddle.nn.HingeEmbeddingLoss' ? request.init : request.kwargs) ?? {};
}

/** The request with some keyword arguments replaced; `undefined` removes one (so Paddle's default applies). */
export function withArgs(request: PortRequest, patch: Record<string, KwargJson | undefined>): PortRequest {
  const args: Record<string, KwargJson> = { ...argsOf(request) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete args[key];
    else args[key] = value;
  }
  return request.api === 'paddle.nn.HingeEmbeddingLoss' ? { ...request, init: args } : { ...request, kwargs: args };
}

/** The reduction a request asks for: its `reduction` argument, or Paddle's default 'mean'. */
export function reductionOf(request: PortRequest): KwargJson {
  const args = argsOf(request);
  return 'reduction' in args ? args.reduction! : 'mean';
}

/** Whether a reduction value is one Paddle accepts. */
export function isValidReduction(r: KwargJson): r is 'none' | 'mean' | 'sum' {
  return r === 'none' || r === 'mean' || r === 'sum';
}

/** The margin as a number (Paddle's default 1.0 when absent), or undefined when it is not a number. */
export function marginOf(request: PortRequest): number | undefined {
  const m = argsOf(request).margin;
  if (m === undefined) return 1.0;
  if (typeof m === 'object' && m !== null) return 'int' in m ? m.int : undefined;
  if (typeof m === 'number' || m === 'NaN' || m === 'Infinity' || m === '-Infinity') return decodeScalar(m, 'margin');
  return undefined;
}

/** Rounding to a float dtype the catalog knows (float32, float64); undefined for any other dtype. */
export function rounderOf(dtype: string): ((x: number) => number) | undefined {
  if (dtype === 'float32') return Math.fround;
  if (dtype === 'float64') return (x) => x;
  return undefined;
}

/** The decoded input and label of a request. */
export function operandsOf(request: PortRequest): { input: WireTensor; label: WireTensor } {
  return { input: decodeTensor(request.inputs.input), label: decodeTensor(request.inputs.label) };
}

/** Whether label and input have the same shape, so their elements pair up one to one. */
export function sameShape(a: WireTensor, b: WireTensor): boolean {
  return a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
}

/** A tensor JSON with every value mapped (dtype and shape kept; each result rounded to the dtype on encoding). */
export function mapValues(json: TensorJson, f: (v: number, i: number) => number): TensorJson {
  const t = decodeTensor(json);
  return encodeTensor(fromValues(t.dtype, t.shape, valuesOf(t).map(f)));
}

/** A response with its output and gradient tensors (where present) passed through `f`; errors and skips untouched. */
export function mapTensors(res: ResponseJson, f: (t: TensorJson) => TensorJson): ResponseJson {
  const out: ResponseJson = { ...res };
  if (res.output) out.output = f(res.output);
  if (res.grad?.input) out.grad = { ...res.grad, input: f(res.grad.input) };
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

/** The next float of the dtype above x (x finite). */
export function nextUp(x: number, dtype: 'float32' | 'float64'): number {
  if (x === 0) return dtype === 'float32' ? 2 ** -149 : Number.MIN_VALUE;
  const bits = dtype === 'float32' ? new Float32Array([x]) : new Float64Array([x]);
  const ints = dtype === 'float32' ? new Int32Array(bits.buffer) : new BigInt64Array(bits.buffer);
  if (ints instanceof Int32Array) ints[0]! += x > 0 ? 1 : -1;
  else ints[0]! += x > 0 ? 1n : -1n;
  return bits[0]!;
}

/** The reduction of a list of loss values; the correct variants and some mutants supply their own. */
export type Reducer = (values: readonly number[], round: (x: number) => number) => number;

/** Sum left to right, every partial sum rounded to the dtype. */
export const leftToRight: Reducer = (values, round) => values.reduce((acc, v) => round(acc + v), 0);

/**
 * The response to a request whose unreduced loss is the reference's, passed
 * through `edit`, and then reduced by `sum` (mean divides by the count). The
 * gradient, when asked for, is the reference's own. Requests the edit cannot
 * handle (other dtypes, errors) get the reference's answer unchanged.
 */
export function viaUnreduced(
  request: PortRequest,
  edit: (loss: number[], round: (x: number) => number) => number[],
  sum: Reducer = leftToRight,
): ResponseJson {
  const reduction = reductionOf(request);
  const round = rounderOf(request.inputs.input.dtype);
  const full = reference(request);
  if (!isValidReduction(reduction) || !round || !full.output) return full;
  const unreduced = reference({ ...withArgs(request, { reduction: 'none' }), grad: undefined, grad_output: undefined });
  if (!unreduced.output) return full;
  const t = decodeTensor(unreduced.output);
  const loss = edit(valuesOf(t), round);
  const output = reduction === 'none'
    ? encodeTensor(fromValues(t.dtype, t.shape, loss))
    : scalarTensor(t.dtype as 'float32', reduction === 'sum' ? sum(loss, round) : round(sum(loss, round) / loss.length));
  return { ...full, output };
}
