/**
 * A saved run (`run --json <file>`), read back for the compatibility page:
 * parsed, checked for the fields the page relies on, and typed. A file that is
 * missing, not JSON or not a run report is a RunFileError naming the file and
 * the JSON path of the problem, so `report` can say which input is bad.
 */
import { readJsonFile } from '../json_file.js';
import { REPORT_FORMAT } from '../report_json.js';

/** A run report that cannot be used; the message names the file and what is wrong. */
export class RunFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFileError';
  }
}

/** One op's headline numbers in a run report. */
export interface RunApiSummary {
  /** Whether every spec case of the op passed; null when none was selected. */
  spec_conformant: boolean | null;
  /** Passing cases out of all the op's selected cases. */
  paddle_compatible: { passed: number; total: number };
  /** Passing spec cases out of the op's spec cases (absent in reports written before it was added). */
  spec?: { passed: number; total: number };
}

/** One case of a run report, as report_json.ts writes it (only the fields the page reads are named). */
export interface RunCase {
  /** The case id. */
  id: string;
  /** The op's family name. */
  api: string;
  /** The case's group. */
  group: string;
  /** `spec` or `paddle`. */
  level: 'spec' | 'paddle';
  /** How the case ended (pass, fail, skip, crash, timeout, garbage, expected-fail, unexpected-pass). */
  status: string;
  /** Everything else the report says about the case (failure, actual, request, rerun...). */
  [field: string]: unknown;
}

/** A run report as the page reads it. */
export interface RunFile {
  /** The path it was read from. */
  file: string;
  /** The port's name, as the run named it (--port-name, else `reference`, `paddle@3.3.1`, a command line...). */
  port: string;
  /** How the port was chosen (its command line, module or bundled name), when --port-name named it otherwise. */
  portCommand?: string;
  /** The run's summary: verdicts overall and per op, exit code, an abort and the cases never run. */
  summary: { spec_conformant: boolean | null; paddle_compatible: { passed: number; total: number }; apis: Record<string, RunApiSummary>; exit_code: number; aborted?: string; not_run?: string[] };
  /** The one-line summaries of the rules its cases cite (absent in older reports). */
  rules: Record<string, string>;
  /** Options the run used. */
  options: { bitwise?: boolean; strict?: boolean; timeout_ms?: number; paddle?: string; machine_class?: string };
  /** Every case that ran. */
  cases: RunCase[];
}

/** Reads and checks one run report. */
export function loadRunFile(file: string): RunFile {
  const fail = (path: string, message: string) => new RunFileError(`${file}: ${path}: ${message}`);
  const json = readJsonFile(file, fail);
  if (!isObject(json)) throw fail('$', 'not a run report (expected a JSON object, as written by "paddle-conformance run --json <file>")');
  if (json.format !== REPORT_FORMAT) throw fail('$.format', `expected ${JSON.stringify(REPORT_FORMAT)} (a report written by "paddle-conformance run --json <file>"), got ${JSON.stringify(json.format)}`);
  if (typeof json.port !== 'string' || json.port === '') throw fail('$.port', 'must be the port\'s name, a non-empty string');
  if (json.port_command !== undefined && typeof json.port_command !== 'string') throw fail('$.port_command', 'must be the port\'s command line, a string');
  const summary = checkSummary(json.summary, fail);
  if (!Array.isArray(json.cases)) throw fail('$.cases', 'must be an array of cases');
  const cases = json.cases.map((c, i) => checkCase(c, `$.cases[${i}]`, fail));
  const rules = isObject(json.rules) ? (json.rules as Record<string, string>) : {};
  const options = isObject(json.options) ? (json.options as RunFile['options']) : {};
  return { file, port: json.port, ...(typeof json.port_command === 'string' && { portCommand: json.port_command }), summary, rules, options, cases };
}

function checkSummary(value: unknown, fail: (path: string, message: string) => Error): RunFile['summary'] {
  if (!isObject(value)) throw fail('$.summary', 'must be an object');
  if (!isObject(value.apis)) throw fail('$.summary.apis', 'must be an object of per-op verdicts');
  for (const [name, api] of Object.entries(value.apis)) {
    const path = `$.summary.apis.${name}`;
    if (!isObject(api) || !isCount(api.paddle_compatible)) throw fail(`${path}.paddle_compatible`, 'must be {"passed": n, "total": n}');
    if (api.spec !== undefined && !isCount(api.spec)) throw fail(`${path}.spec`, 'must be {"passed": n, "total": n}');
  }
  if (value.not_run !== undefined && !(Array.isArray(value.not_run) && value.not_run.every((id) => typeof id === 'string'))) throw fail('$.summary.not_run', 'must be an array of case ids');
  return value as RunFile['summary'];
}

function checkCase(value: unknown, path: string, fail: (path: string, message: string) => Error): RunCase {
  if (!isObject(value)) throw fail(path, 'must be an object');
  for (const key of ['id', 'api', 'group', 'status'] as const) {
    if (typeof value[key] !== 'string') throw fail(`${path}.${key}`, 'must be a string');
  }
  if (value.level !== 'spec' && value.level !== 'paddle') throw fail(`${path}.level`, `must be "spec" or "paddle", got ${JSON.stringify(value.level)}`);
  if (isObject(value.failure) && isObject(value.failure.element)) checkElement(value.failure.element, `${path}.failure.element`, fail);
  return value as RunCase;
}

/**
 * The first differing element's indices, which the page joins as lists: its
 * multi-index, and each operand's index in the context that produced it.
 */
function checkElement(element: Record<string, unknown>, path: string, fail: (path: string, message: string) => Error): void {
  if (element.multi_index !== undefined) checkIndex(element.multi_index, `${path}.multi_index`, fail);
  const operands = isObject(element.context) ? element.context.operands : undefined;
  if (!isObject(operands)) return;
  for (const [name, operand] of Object.entries(operands)) {
    if (!isObject(operand)) throw fail(`${path}.context.operands.${name}`, `must be {"index": [...], "value": ..., "bits": "0x..."}, got ${shown(operand)}`);
    checkIndex(operand.index, `${path}.context.operands.${name}.index`, fail);
  }
}

function checkIndex(value: unknown, path: string, fail: (path: string, message: string) => Error): void {
  if (!(Array.isArray(value) && value.every((i) => Number.isInteger(i) && i >= 0))) {
    throw fail(path, `must be an element's index, a list of non-negative integers such as [1, 2] ([] for a 0-D tensor), got ${shown(value)}`);
  }
}

/** A value as a message quotes it: JSON, cut at 80 characters. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function isCount(value: unknown): boolean {
  return isObject(value) && Number.isInteger(value.passed) && Number.isInteger(value.total);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
