/**
 * Checking what a port answered: a response must be a JSON object with the
 * request's id and exactly one of `output`, `error` or `skip`, with tensors
 * that decode (PROTOCOL.md, "Responses"). Anything else is garbage, reported
 * with the offending line quoted.
 */
import type { ResponseJson } from '../case.js';
import { PortFailure } from '../port.js';
import { decodeTensor, WireFormatError } from '../wire.js';

/** Quoted lines longer than this are cut, so a failure stays readable. */
export const QUOTE_LIMIT = 300;

/** A line (or value) shortened for a failure message, with its full length when cut. */
export function quote(text: string, limit = QUOTE_LIMIT): string {
  if (text.length <= limit) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, limit))}... (${text.length} characters in all)`;
}

/** What one stdout line means for the request waiting for it. */
export type LineVerdict =
  | { kind: 'answer'; response: ResponseJson }
  | { kind: 'late' }
  | { kind: 'garbage'; failure: PortFailure };

/**
 * Reads one stdout line as the answer to request `id`. A well-formed answer
 * carrying the id of an earlier request that failed (`failedIds`) is a late
 * answer to that case, and is dropped rather than blamed on this one.
 */
export function readLine(line: string, id: string, failedIds: ReadonlySet<string>): LineVerdict {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return garbage(id, `answered a line that is not JSON (${(e as Error).message})${nonFiniteHint(line)}`, line);
  }
  if (answersEarlier(value, id, failedIds)) return { kind: 'late' };
  try {
    return { kind: 'answer', response: checkResponse(value, id) };
  } catch (e) {
    if (e instanceof PortFailure) return { kind: 'garbage', failure: new PortFailure('garbage', e.message, quote(line)) };
    throw e;
  }
}

/**
 * A hint for a line that fails to parse because of a bare NaN, Infinity or
 * -Infinity token (outside any string): Python's `json.dumps` writes those,
 * and JSON has no such numbers. Empty when there is none.
 */
export function nonFiniteHint(line: string): string {
  const outsideStrings = line.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const token = /(?<![\w.])-?(?:NaN|Infinity)(?![\w.])/.exec(outsideStrings);
  if (!token) return '';
  return `; the bare token ${token[0]} is not JSON: Python's json.dumps writes it, so write the string "${token[0]}" or use "b64" (see PROTOCOL.md, Tensors)`;
}

/** Whether a stdout line is a late answer to one of `failedIds` (a case that already failed), to be dropped. */
export function isLateAnswer(line: string, failedIds: ReadonlySet<string>): boolean {
  try {
    return answersEarlier(JSON.parse(line), undefined, failedIds);
  } catch {
    return false;
  }
}

function answersEarlier(value: unknown, id: string | undefined, failedIds: ReadonlySet<string>): boolean {
  return isObject(value) && typeof value.id === 'string' && value.id !== id && failedIds.has(value.id);
}

/** Checks a decoded response for request `id`; throws PortFailure('garbage') saying what is wrong. */
export function checkResponse(value: unknown, id: string): ResponseJson {
  const problem = responseProblem(value, id);
  if (problem !== undefined) throw garbage(id, problem).failure;
  return value as ResponseJson;
}

/**
 * What is wrong with a response, or undefined when it is well formed: the one
 * place the protocol's "Responses" section is checked (a JSON object, the
 * request's id when `id` is given, exactly one of output/error/skip, tensors
 * that decode, gradients as an object of tensors, an error's type and message,
 * a skip's reason). The message reads after "port ".
 */
export function responseProblem(value: unknown, id?: string): string | undefined {
  if (!isObject(value)) return `answered ${describe(value)}, not a JSON object`;
  if (id !== undefined && !('id' in value)) return 'answered an object without "id"';
  if (id !== undefined && value.id !== id) return `answered with id ${JSON.stringify(value.id)}, expected ${JSON.stringify(id)}`;
  const kinds = (['output', 'error', 'skip'] as const).filter((k) => value[k] !== undefined);
  if (kinds.length !== 1) {
    const found = kinds.length === 0 ? 'none of them' : kinds.join(' and ');
    return `must answer exactly one of "output", "error" or "skip", but gave ${found}`;
  }
  return fieldProblem(value);
}

function fieldProblem(value: Record<string, unknown>): string | undefined {
  if (value.output === null && value.grad !== undefined) return '"output": null stands for Python\'s None, which has no gradients; drop "grad"';
  if (Array.isArray(value.output)) {
    // An op with several outputs answers a list of tensors (PROTOCOL.md, "Several outputs"); compare.ts checks the count.
    if (value.output.length === 0) return '"output" is an empty list; an op with several outputs answers one tensor per output';
    for (const [i, t] of value.output.entries()) {
      const output = tensorProblem(t, `$.output[${i}]`);
      if (output) return output;
    }
  } else if (value.output !== undefined && value.output !== null) {
    const output = tensorProblem(value.output, '$.output');
    if (output) return output;
  }
  if (value.grad !== undefined) {
    if (!isObject(value.grad)) return `"grad" must be an object of tensors by input name, like {"input": T}, got ${describe(value.grad)}`;
    for (const [name, t] of Object.entries(value.grad)) {
      const grad = tensorProblem(t, `$.grad.${name}`);
      if (grad) return grad;
    }
  }
  const error = value.error;
  if (error !== undefined && (!isObject(error) || typeof error.type !== 'string' || typeof error.message !== 'string')) {
    return `"error" must be {"type": "<Python exception class>", "message": "<text>"}, got ${describe(error)}`;
  }
  if (value.skip !== undefined && typeof value.skip !== 'string') return '"skip" must be a string giving the reason';
  return undefined;
}

function tensorProblem(tensor: unknown, path: string): string | undefined {
  try {
    decodeTensor(tensor, path);
    return undefined;
  } catch (e) {
    if (e instanceof WireFormatError) return `answered a malformed tensor: ${e.message}`;
    throw e;
  }
}

function garbage(id: string, what: string, line?: string): { kind: 'garbage'; failure: PortFailure } {
  const message = `port ${what} for case ${id}`;
  return { kind: 'garbage', failure: new PortFailure('garbage', message, line === undefined ? '' : quote(line)) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a JSON array';
  return `a JSON ${typeof value}`;
}
