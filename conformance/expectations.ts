/**
 * Expectations: a port's known failures, as data. Each entry names a case id
 * (or glob, as in --filter) and the reason it is expected to fail. A matching
 * failure is reported as expected and does not fail the run; a matching case
 * that passes is an unexpected pass, which `--strict` turns into a failure so
 * the file cannot go stale. An entry that matches no case of the suite at all
 * is stale too, and `--strict` fails on it as well; one whose cases all lie
 * outside a run's selection is left out of that run (scopeExpectations).
 *
 * File format: `[{"id": "<id or glob>", "reason": "..."}, ...]`, or the same
 * list under an object's "expectations" key.
 */
import { readJsonFile } from './json_file.js';
import { globMatcher } from './query.js';

/** One known failure. */
export interface Expectation {
  /** A case id or glob. */
  id: string;
  /** Why the port departs from Paddle here. */
  reason: string;
}

/** A malformed expectations file: names the file and the JSON path of the problem. */
export class ExpectationsError extends Error {
  /** JSON path of the problem. */
  readonly path: string;

  constructor(file: string, path: string, message: string) {
    super(`${file}: ${path}: ${message}`);
    this.name = 'ExpectationsError';
    this.path = path;
  }
}

/** Reads and validates an expectations file. */
export function loadExpectations(file: string): Expectation[] {
  const json = readJsonFile(file, (path, message) => new ExpectationsError(file, path, message));
  return parseExpectations(json, file);
}

/** Validates parsed expectations JSON; `file` names it in errors. */
export function parseExpectations(json: unknown, file = '<expectations>'): Expectation[] {
  const wrapped = typeof json === 'object' && json !== null && !Array.isArray(json);
  const list = wrapped ? (json as Record<string, unknown>).expectations : json;
  const base = wrapped ? '$.expectations' : '$';
  if (wrapped) {
    const extra = Object.keys(json).filter((k) => k !== 'expectations');
    if (extra.length) throw new ExpectationsError(file, `$.${extra[0]}`, 'unknown field; the file holds a list of {"id", "reason"} entries, optionally under "expectations"');
  }
  if (!Array.isArray(list)) throw new ExpectationsError(file, base, 'expected a list of {"id": "<id or glob>", "reason": "..."} entries');
  return list.map((entry, i) => parseEntry(entry, `${base}[${i}]`, file));
}

function parseEntry(entry: unknown, path: string, file: string): Expectation {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new ExpectationsError(file, path, `expected {"id": "<id or glob>", "reason": "..."}, got ${JSON.stringify(entry)}`);
  }
  const e = entry as Record<string, unknown>;
  for (const key of Object.keys(e)) {
    if (key !== 'id' && key !== 'reason') throw new ExpectationsError(file, `${path}.${key}`, 'unknown field; an entry has only "id" and "reason"');
  }
  for (const key of ['id', 'reason'] as const) {
    if (typeof e[key] !== 'string' || (e[key] as string).trim() === '') {
      throw new ExpectationsError(file, `${path}.${key}`, `must be a non-empty string, got ${JSON.stringify(e[key]) ?? 'nothing'}`);
    }
  }
  return { id: e.id as string, reason: e.reason as string };
}

/** Returns a lookup from case id to the first expectation that names it. */
export function expectationMatcher(expectations: readonly Expectation[]): (id: string) => Expectation | undefined {
  const compiled = expectations.map((e) => ({ e, match: globMatcher(e.id) }));
  return (id) => compiled.find((c) => c.match(id))?.e;
}

/** The entries that match none of the given case ids: stale, or aimed at cases outside the selection. */
export function unmatchedExpectations(expectations: readonly Expectation[], ids: readonly string[]): Expectation[] {
  return expectations.filter((e) => {
    const match = globMatcher(e.id);
    return !ids.some((id) => match(id));
  });
}

/** An expectations file split by the selection of a run. */
export interface ScopedExpectations {
  /** Entries that match a selected case, or no case of the suite at all (stale): the run judges these. */
  judged: Expectation[];
  /** Entries that match cases of the suite, none of them selected (another --api, --filter, --level, --tag or --shard): neither used nor stale. */
  outside: Expectation[];
}

/**
 * Splits the entries by the selection. One file serves every subset of the
 * suite: an entry whose cases all lie outside this run's selection is left
 * out of it rather than called stale, so `--strict` holds under `--api`,
 * `--filter`, `--level`, `--tag` and `--shard` alike; an entry that matches
 * no case of the whole suite is stale in every run.
 */
export function scopeExpectations(expectations: readonly Expectation[], selectedIds: readonly string[], suiteIds: readonly string[]): ScopedExpectations {
  const judged: Expectation[] = [];
  const outside: Expectation[] = [];
  for (const e of expectations) {
    const match = globMatcher(e.id);
    const aimedOutside = !selectedIds.some((id) => match(id)) && suiteIds.some((id) => match(id));
    (aimedOutside ? outside : judged).push(e);
  }
  return { judged, outside };
}
