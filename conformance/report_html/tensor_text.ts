/**
 * Requests and results as lines of text for the page's case detail, the way
 * `show` prints them: the api and arguments, then each tensor's dtype, shape
 * and values (nested by shape; beyond 64 elements, the first 8). Whatever
 * cannot be decoded (a port's malformed answer) is quoted as JSON instead.
 */
import { formatNumber } from '../compare.js';
import { decodeTensor, encodeScalar, shapeSize, valuesOf } from '../wire.js';

/** Tensors with more elements than this are shown by their first values only. */
const SHOWN_ELEMENTS = 64;

/** The lines of a request: api, keyword or constructor arguments, input tensors, gradients asked for. */
export function requestText(request: unknown): string[] {
  if (!isObject(request)) return [`(not a request: ${quote(request)})`];
  const lines = [`api: ${String(request.api)}`];
  for (const field of ['kwargs', 'init'] as const) {
    const args = request[field];
    if (isObject(args)) lines.push(`${field}: ${Object.entries(args).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ') || "(none: Paddle's defaults)"}`);
  }
  if (isObject(request.inputs)) for (const [name, t] of Object.entries(request.inputs)) lines.push(tensorText(name, t));
  if (request.grad !== undefined) lines.push(`grad: ${JSON.stringify(request.grad)}`);
  // An op with several outputs has a list: one entry per output, null where the backward does not go through it.
  if (Array.isArray(request.grad_output)) request.grad_output.forEach((t, i) => lines.push(t === null ? `grad_output[${i}]: null` : tensorText(`grad_output[${i}]`, t)));
  else if (request.grad_output !== undefined) lines.push(tensorText('grad_output', request.grad_output));
  return lines;
}

/** The lines of a result (Paddle's expected one, or a port's response): its error, skip, output and gradients. */
export function resultText(result: unknown): string[] {
  if (!isObject(result)) return [`(not a result: ${quote(result)})`];
  const lines: string[] = [];
  if (isObject(result.error)) lines.push(`raises ${String(result.error.type)}: ${String(result.error.message)}`);
  if (typeof result.skip === 'string') lines.push(`skips: ${result.skip}`);
  if (result.output === null) lines.push('returns None');
  else if (Array.isArray(result.output)) result.output.forEach((t, i) => lines.push(tensorText(`output[${i}]`, t)));
  else if (result.output !== undefined) lines.push(tensorText('output', result.output));
  if (isObject(result.grad)) for (const [name, t] of Object.entries(result.grad)) lines.push(tensorText(`grad.${name}`, t));
  if (isObject(result.reduction_basis)) lines.push(`reduction basis: n = ${String(result.reduction_basis.count)}, Σ|l_i| = ${String(result.reduction_basis.abs_sum)}`);
  return lines.length ? lines : [`(empty: ${quote(result)})`];
}

/** One tensor as a line: `name: dtype[shape] = [...]`, or its first values when large. */
export function tensorText(name: string, json: unknown): string {
  let t;
  try {
    t = decodeTensor(json, name);
  } catch (e) {
    return `${name}: (not a tensor: ${(e as Error).message}) ${quote(json)}`;
  }
  const head = `${name}: ${t.dtype}[${t.shape.join(', ')}]`;
  const n = shapeSize(t.shape);
  const values = valuesOf(t).slice(0, n > SHOWN_ELEMENTS ? 8 : n).map(numberText);
  if (n > SHOWN_ELEMENTS) return `${head}  (${n} elements; first 8: ${values.join(', ')}, …)`;
  return `${head} = ${nested(values, t.shape)}`;
}

/** A number as the terminal report writes it: -0 kept, NaN and infinities by name. */
function numberText(v: number): string {
  if (Object.is(v, -0)) return '-0';
  const encoded = encodeScalar(v);
  return typeof encoded === 'string' ? encoded : formatNumber(v);
}

function nested(values: string[], shape: readonly number[]): string {
  if (shape.length === 0) return values[0] ?? '';
  const [head, ...rest] = shape;
  const stride = shapeSize(rest);
  return `[${Array.from({ length: head! }, (_, i) => nested(values.slice(i * stride, (i + 1) * stride), rest)).join(', ')}]`;
}

/** A value as JSON, cut short: a malformed answer can be arbitrarily long. */
function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
