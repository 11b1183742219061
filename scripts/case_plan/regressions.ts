/**
 * The `regressions` group: fuzz counterexamples kept as permanent cases.
 *
 * `paddle-conformance fuzz` appends each shrunk counterexample to a JSON Lines
 * file, one `{"request", "found"}` object a line. `golden:generate --from`
 * reads such a file, adds each request not seen before to
 * `<plan root>/<family>/regressions.json` (this module's format), and the
 * plan turns every entry of that file into a case of group `regressions`,
 * whose expectation Paddle then records like any other. Nothing here knows an
 * op: the family comes from the registry through the request's api.
 *
 * regressions.json is a JSON array of `{"request", "found"}` entries, the
 * request in canonical form (see canonicalRegressionRequest), sorted by case
 * id, written with a one-space indent and a trailing newline, so adding the
 * same counterexamples again gives byte-identical text. An entry's id is
 * `<family>/regressions/case=<the first 12 hex digits of regressionHash>`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_FORMAT, type GoldenCase, type GoldenFileJson, type GradOutputJson, type KwargJson, type PlannedCase, type RequestJson } from '../../conformance/case.js';
import { indexPath, mapGradOutput } from '../../conformance/outputs.js';
import { contentHash, validateGoldenFile } from '../../conformance/golden.js';
import { tensorNamesOf, type OpSignature } from '../../conformance/op.js';
import { opForApi, opForFamily, registeredApis } from '../../conformance/ops/index.js';
import { decodeTensor, encodeTensor, stringifyExact, type TensorJson } from '../../conformance/wire.js';
import type { CounterexampleJson, FoundJson } from '../../conformance/fuzz/counterexamples.js';
import { caseId } from './params.js';
import { derivedTags } from './planned_case.js';

/** The group (and golden file) fuzz counterexamples go to. */
export const REGRESSIONS_GROUP = 'regressions';

/** The file, in an op's plan folder, that holds its counterexamples. */
export const REGRESSIONS_FILE = 'regressions.json';

/** The tag every regressions case carries, so a report can pick them out. */
export const FUZZ_TAG = 'fuzz';

/** One counterexample: the call and how it was found, as `paddle-conformance fuzz` writes it. */
export type RegressionEntry = CounterexampleJson;

export type { FoundJson };

/** A counterexample file or regressions.json that cannot be used; the message names the file and the line or entry. */
export class RegressionDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegressionDataError';
  }
}

/** Where an op's counterexamples live under a plan root: `<root>/<family>/regressions.json`. */
export function regressionsPath(root: string, family: string): string {
  return join(root, family, REGRESSIONS_FILE);
}

// ---------------------------------------------------------------- identity

/**
 * A request in canonical form, so equal calls are equal text: the op's
 * tensors in Paddle's order, each re-encoded by encodeTensor (`data` when
 * small and exact, else `b64`), keyword arguments sorted by name (Python does
 * not see their order), gradients in the op's order, and keys in a fixed order.
 */
export function canonicalRegressionRequest(request: RequestJson, op: OpSignature): RequestJson {
  const tensor = (t: TensorJson, path: string): TensorJson => encodeTensor(decodeTensor(t, path));
  const inputs: Record<string, TensorJson> = {};
  for (const name of tensorNamesOf(op)) if (request.inputs[name] !== undefined) inputs[name] = tensor(request.inputs[name], `request.inputs.${name}`);
  const out: RequestJson = { api: request.api, inputs };
  if (request.kwargs !== undefined) out.kwargs = sortedArgs(request.kwargs);
  if (request.init !== undefined) out.init = sortedArgs(request.init);
  if (request.grad !== undefined) out.grad = tensorNamesOf(op).filter((name) => request.grad!.includes(name));
  if (request.grad_output !== undefined) out.grad_output = mapGradOutput<GradOutputJson>(request.grad_output, (t, i) => tensor(t, `request.grad_output${indexPath(i)}`)) as TensorJson;
  return out;
}

function sortedArgs(args: Record<string, KwargJson>): Record<string, KwargJson> {
  return Object.fromEntries(Object.keys(args).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => [k, args[k]!]));
}

/** sha256 (hex) of a canonical request's exact text (`stringifyExact`, so -0 and 0 differ): what makes two counterexamples the same. */
export function regressionHash(canonical: RequestJson): string {
  return createHash('sha256').update(stringifyExact(canonical)).digest('hex');
}

/** The case id of a counterexample: `<family>/regressions/case=<first 12 hex of its hash>`. */
export function regressionId(family: string, canonical: RequestJson): string {
  return caseId(family, REGRESSIONS_GROUP, { case: regressionHash(canonical).slice(0, 12) });
}

// ---------------------------------------------------------------- cases

/**
 * The planned case of one counterexample. It is a `paddle` case: what it
 * expects is whatever Paddle does with this exact call, not a clause of the
 * documentation page. It names no rules, because a counterexample is found
 * by search, not derived from a rule of the reference; which rule (if any)
 * explains Paddle's answer is what the failure is there to find out. The
 * `fuzz` tag marks it instead, and its description says how it was found.
 */
export function regressionCase(family: string, entry: RegressionEntry): PlannedCase {
  const op = opForFamily(family);
  if (!op) throw new RangeError(`no op of family ${JSON.stringify(family)} is registered in conformance/ops/index.ts`);
  const request = canonicalRegressionRequest(entry.request, op);
  const { port, oracle, seed, path, failure } = entry.found;
  const tags = [...new Set([FUZZ_TAG, ...derivedTags(op, request)])].sort();
  return {
    id: regressionId(family, request),
    group: REGRESSIONS_GROUP,
    level: 'paddle',
    tags,
    // One line: a golden description never spans lines; the failure is kept verbatim in regressions.json.
    description: `fuzz counterexample: port ${port} against oracle ${oracle}, seed ${seed}, path ${path}: ${oneLine(failure)}`,
    request,
  };
}

function oneLine(text: string): string {
  return text.trim().replace(/\s*[\r\n]+\s*/g, ' ⏎ ');
}

// ---------------------------------------------------------------- reading

/**
 * Checks one counterexample object (`{"request", "found"}`, nothing else) and
 * returns its op's family and the entry with its request in canonical form.
 * The request must call a registered api and pass the same request validation
 * a golden file gets (conformance/golden.ts), so its golden will load.
 * `where` starts every message (the file and the line or entry).
 */
export function checkEntry(value: unknown, where: string): { family: string; entry: RegressionEntry } {
  const o = exactObject(value, where, ['request', 'found']);
  const request = o.request;
  if (typeof request !== 'object' || request === null || Array.isArray(request)) throw new RegressionDataError(`${where}: request: expected an object, got ${show(request)}`);
  const api = (request as { api?: unknown }).api;
  const op = typeof api === 'string' ? opForApi(api) : undefined;
  if (!op) throw new RegressionDataError(`${where}: request.api: ${show(api)} is not a registered API; registered: ${registeredApis().join(', ')}`);
  validateRequest(request, op.family, where);
  const f = exactObject(o.found, `${where}: found`, ['port', 'oracle', 'seed', 'path', 'failure']);
  for (const k of ['port', 'oracle', 'path', 'failure'] as const) {
    if (typeof f[k] !== 'string') throw new RegressionDataError(`${where}: found.${k}: expected a string, got ${show(f[k])}`);
  }
  if (!Number.isSafeInteger(f.seed)) throw new RegressionDataError(`${where}: found.seed: expected an integer (fast-check's seed), got ${show(f.seed)}`);
  const found: FoundJson = { port: f.port as string, oracle: f.oracle as string, seed: f.seed as number, path: f.path as string, failure: f.failure as string };
  return { family: op.family, entry: { request: canonicalRegressionRequest(request as RequestJson, op), found } };
}

/**
 * Runs the request through golden validation as the one case of a
 * regressions file, which is exactly the check its golden will face when a
 * runner loads it, and reports a refusal at the request's own path.
 */
function validateRequest(request: object, family: string, where: string): void {
  const probe: GoldenCase = {
    id: `${family}/${REGRESSIONS_GROUP}/case=probe`, group: REGRESSIONS_GROUP, level: 'paddle', tags: [], description: '',
    request: request as RequestJson, expected: { error: { type: 'Probe', message: '' } },
  };
  const file: GoldenFileJson = {
    format: GOLDEN_FORMAT, api: family, group: REGRESSIONS_GROUP,
    provenance: {
      oracle: { paddle_version: '', paddle_commit: '', python: '', numpy: '', os: '', cpu: '', machine: '' },
      generator: { name: '', version: '' },
      content_sha256: contentHash([probe]),
    },
    cases: [probe],
  };
  try {
    validateGoldenFile(file, REGRESSIONS_GROUP);
  } catch (error) {
    const path = (error as { path?: unknown }).path;
    if (!(error instanceof Error) || typeof path !== 'string') throw error;
    // A WireFormatError's message starts with its path, golden validation's does not.
    const message = error.message.startsWith(`${path}: `) ? error.message : `${path}: ${error.message}`;
    throw new RegressionDataError(`${where}: ${message.replaceAll('$.cases[0].request', 'request')}`);
  }
}

/**
 * Reads a counterexample file of `paddle-conformance fuzz` (JSON Lines, one
 * `{"request", "found"}` a line; blank lines are skipped) and returns every
 * entry with its family and line number. Throws RegressionDataError naming the
 * file and line for a missing file, a line that is not JSON, or a request
 * that is not a registered API's or that request validation refuses, and for
 * a file with no counterexample at all.
 */
export function readCounterexamples(file: string): Array<{ line: number; family: string; entry: RegressionEntry }> {
  if (!existsSync(file)) throw new RegressionDataError(`${file}: no such file; --from takes the counterexample file (JSON Lines) that paddle-conformance fuzz writes`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RegressionDataError(`${file}: cannot read: ${(error as Error).message}`);
  }
  const out: Array<{ line: number; family: string; entry: RegressionEntry }> = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const where = `${file}:${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      throw new RegressionDataError(`${where}: not valid JSON (${(error as Error).message}); each line must be one {"request", "found"} object`);
    }
    out.push({ line: i + 1, ...checkEntry(json, where) });
  });
  if (out.length === 0) throw new RegressionDataError(`${file}: holds no counterexample; expected one {"request", "found"} object a line`);
  return out;
}

/**
 * Reads `<root>/<family>/regressions.json`: [] when there is none. Each entry
 * is checked as a counterexample and must call one of the op's own APIs, and
 * no request may appear twice. Returns the entries in canonical form, sorted
 * by case id.
 */
export function readRegressions(root: string, family: string): RegressionEntry[] {
  const file = regressionsPath(root, family);
  if (!existsSync(file)) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new RegressionDataError(`${file}: not valid JSON (${(error as Error).message}); restore it from git (it is written only by golden:generate --from)`);
  }
  if (!Array.isArray(json)) throw new RegressionDataError(`${file}: expected a JSON array of {"request", "found"} entries, got ${show(json)}`);
  const entries = json.map((value, i) => {
    const checked = checkEntry(value, `${file}: [${i}]`);
    if (checked.family !== family) {
      throw new RegressionDataError(`${file}: [${i}]: request.api ${checked.entry.request.api} is an API of ${checked.family}; its counterexample belongs in ${regressionsPath(root, checked.family)}`);
    }
    return checked.entry;
  });
  const merged = mergeRegressions(family, [], entries);
  if (merged.known.length > 0) throw new RegressionDataError(`${file}: the request of ${merged.known[0]} appears more than once; each counterexample is kept once`);
  return merged.entries;
}

/**
 * Adds counterexamples to an op's entries: a request already there (same
 * hash) is skipped, so the first `found` of a request is the one kept.
 * Returns every entry sorted by case id, and the ids added and skipped.
 */
export function mergeRegressions(family: string, existing: readonly RegressionEntry[], incoming: readonly RegressionEntry[]): { entries: RegressionEntry[]; added: string[]; known: string[] } {
  const op = opForFamily(family);
  if (!op) throw new RangeError(`no op of family ${JSON.stringify(family)} is registered in conformance/ops/index.ts`);
  const byHash = new Map<string, RegressionEntry>();
  const added: string[] = [];
  const known: string[] = [];
  const put = (entry: RegressionEntry, report: boolean): void => {
    const request = canonicalRegressionRequest(entry.request, op);
    const hash = regressionHash(request);
    const id = regressionId(family, request);
    if (byHash.has(hash)) {
      known.push(id);
      return;
    }
    byHash.set(hash, { request, found: { ...entry.found } });
    if (report) added.push(id);
  };
  for (const entry of existing) put(entry, false);
  for (const entry of incoming) put(entry, true);
  const entries = [...byHash.values()]
    .map((entry) => ({ id: regressionId(family, entry.request), entry }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ entry }) => entry);
  return { entries, added, known };
}

/** The exact text of a regressions.json: the entries (sorted by case id), a one-space indent, a trailing newline. */
export function regressionsText(entries: readonly RegressionEntry[]): string {
  return `${stringifyExact(entries.map((e) => ({ request: e.request, found: e.found })), 1)}\n`;
}

// ---------------------------------------------------------------- field checks

function exactObject(value: unknown, where: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RegressionDataError(`${where}: expected an object with ${keys.join(', ')}, got ${show(value)}`);
  const o = value as Record<string, unknown>;
  for (const k of keys) if (!(k in o)) throw new RegressionDataError(`${where}: missing field "${k}"`);
  const extra = Object.keys(o).find((k) => !keys.includes(k));
  if (extra !== undefined) throw new RegressionDataError(`${where}: unknown field "${extra}"; allowed: ${keys.join(', ')}`);
  return o;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
