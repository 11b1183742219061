/**
 * Expectations for every Paddle release: the base release's golden files
 * (golden/<family>/<group>.json) and, for each other release, an overlay
 * (golden/releases/<version>/<family>.json) holding only the cases whose
 * expected result differs from the base's, with that release's provenance.
 *
 * A case absent from an overlay was run on that release too and gave the
 * base's result byte for byte; golden:check --all-versions re-proves it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ExpectedJson, GoldenCase, ProvenanceJson } from './case.js';
import { checkOverlaidExpectation, checkOverlayProvenance, compareIds, contentHash, displayPath, GoldenError, RELEASES_DIR, type SuiteCase } from './golden.js';
import { readJsonFile } from './json_file.js';
import { OPS } from './ops/index.js';
import { PINNED_PADDLE } from './python_env.js';
import { PADDLE_RELEASES } from '../reference/release.js';
import { stringifyExact } from './wire.js';

/** Every release the suite keeps expectations for, oldest first. */
export const RELEASES: readonly string[] = PADDLE_RELEASES;

/** The release the golden files themselves hold. */
export const BASE_RELEASE = PINNED_PADDLE;

/** The releases stored as overlays: every release but the base. */
export const OVERLAY_RELEASES: readonly string[] = RELEASES.filter((v) => v !== BASE_RELEASE);

/** The format tag every overlay file carries. */
export const OVERLAY_FORMAT = 'paddle-conformance/overlay@1';

/** One case of an overlay: the base case's id and what this release gave instead. */
export interface OverlayCaseJson {
  /** The id of the base case it replaces the expectation of. */
  id: string;
  /** What this release did. */
  expected: ExpectedJson;
}

/** One overlay file: one op's differing cases for one release. */
export interface OverlayFileJson {
  /** Always OVERLAY_FORMAT. */
  format: typeof OVERLAY_FORMAT;
  /** The op's family name. */
  api: string;
  /** The release these expectations come from. */
  paddle_version: string;
  /** The release of the golden files it overlays. */
  base: string;
  /** Where the expectations came from; content_sha256 hashes `cases`. */
  provenance: ProvenanceJson;
  /** The differing cases, sorted by id. */
  cases: OverlayCaseJson[];
}

/** A --paddle value that names no release with expectations. */
export class ReleaseChoiceError extends Error {
  constructor(version: string) {
    super(`no expectations are kept for Paddle ${JSON.stringify(version)}; choose one of ${RELEASES.join(', ')}`);
    this.name = 'ReleaseChoiceError';
  }
}

/** Throws ReleaseChoiceError unless the suite keeps expectations for this release. */
export function checkRelease(version: string): void {
  if (!RELEASES.includes(version)) throw new ReleaseChoiceError(version);
}

/** The directory of one release's overlay under a golden root. */
export function overlayDir(goldenRoot: string, version: string): string {
  return join(goldenRoot, RELEASES_DIR, version);
}

/** Where one op's overlay for one release lives under a golden root. */
export function overlayPath(goldenRoot: string, version: string, family: string): string {
  return join(overlayDir(goldenRoot, version), `${family}.json`);
}

/** The exact text of an overlay file, as golden:generate writes it. */
export function serializeOverlay(file: OverlayFileJson): string {
  return `${stringifyExact(file, 1)}\n`;
}

/**
 * The overlay of each op for `version`: the cases of `fresh` (that release's
 * run of the same plan) whose expected result differs from `base`'s, with the
 * release's provenance. Every op gets a file, an empty one when nothing
 * differs, so the files also record that the release was run.
 */
export function buildOverlays(base: readonly GoldenCase[], fresh: readonly GoldenCase[], version: string, provenance: Omit<ProvenanceJson, 'content_sha256'>): OverlayFileJson[] {
  return differingPerOp(base, fresh, `Paddle ${version}'s run`).map(({ family, cases }) => (
    { format: OVERLAY_FORMAT, api: family, paddle_version: version, base: BASE_RELEASE, provenance: { ...provenance, content_sha256: contentHash(cases as GoldenCase[]) }, cases }
  ));
}

/**
 * The cases of `fresh` whose expectation differs from `base`'s, per
 * registered op (every op, with [] when none differs), sorted by id; an id
 * `base` lacks is an error naming `run`.
 */
export function differingPerOp(base: readonly GoldenCase[], fresh: readonly GoldenCase[], run: string): { family: string; cases: OverlayCaseJson[] }[] {
  const before = new Map(base.map((c) => [c.id, c]));
  const differing = fresh.filter((c) => {
    const was = before.get(c.id);
    if (!was) throw new Error(`${c.id} is in ${run} but not in the base goldens; regenerate the base first`);
    return stringifyExact(was.expected) !== stringifyExact(c.expected);
  });
  return OPS.map((op) => ({
    family: op.family,
    cases: differing.filter((c) => c.id.startsWith(`${op.family}/`)).map((c) => ({ id: c.id, expected: c.expected })).sort((a, b) => compareIds(a.id, b.id)),
  }));
}

/**
 * Reads and checks every overlay file of one release under a golden root;
 * GoldenError when there is none, when one is bad, or when an op whose
 * goldens the root holds (golden/<family>/) has no overlay file: every op gets
 * one, an empty one when nothing differs, so a missing file was deleted, and
 * without it the op's cases would be judged by the base release's results.
 */
export function loadOverlays(goldenRoot: string, version: string): { file: string; overlay: OverlayFileJson }[] {
  const dir = overlayDir(goldenRoot, version);
  if (!existsSync(dir)) {
    throw new GoldenError(displayPath(dir), '$', `no expectations for Paddle ${version} here; record them with: npm run golden:generate -- --paddle ${version}`);
  }
  const names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  const missing = OPS.map((op) => op.family).find((family) => existsSync(join(goldenRoot, family)) && !names.includes(`${family}.json`));
  if (missing !== undefined) {
    throw new GoldenError(displayPath(overlayPath(goldenRoot, version, missing)), '$',
      `missing: the golden files hold ${missing} cases but Paddle ${version}'s overlay for them is gone, and without it they would be judged by ${BASE_RELEASE}'s results; ` +
      `restore the file from version control, or record it again: npm run golden:generate -- --paddle ${version}`);
  }
  return names.map((name) => {
    const file = join(dir, name);
    return { file, overlay: readOverlay(file, version, name.slice(0, -'.json'.length)) };
  });
}

function readOverlay(file: string, version: string, family: string): OverlayFileJson {
  const shown = displayPath(file);
  const bad = (path: string, message: string) => new GoldenError(shown, path, message);
  const json = readJsonFile(file, bad) as Partial<OverlayFileJson> | null;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw bad('$', 'must be an overlay object');
  if (json.format !== OVERLAY_FORMAT) throw bad('$.format', `must be ${JSON.stringify(OVERLAY_FORMAT)}; this is not a release overlay`);
  if (json.api !== family) throw bad('$.api', `is ${JSON.stringify(json.api)} but the file is named ${family}.json`);
  if (json.paddle_version !== version) throw bad('$.paddle_version', `is ${JSON.stringify(json.paddle_version)} but the file sits under releases/${version}/`);
  if (json.base !== BASE_RELEASE) throw bad('$.base', `is ${JSON.stringify(json.base)}, but the golden files hold Paddle ${BASE_RELEASE}; regenerate the overlay`);
  checkOverlayProvenance(json.provenance, file);
  if (json.provenance!.oracle.paddle_version !== version) throw bad('$.provenance.oracle.paddle_version', `is ${json.provenance!.oracle.paddle_version}, not ${version}`);
  checkOverlayCases(json.cases, family, bad, `npm run golden:generate -- --paddle ${version}`);
  const hash = contentHash(json.cases as unknown as GoldenCase[]);
  if (hash !== json.provenance!.content_sha256) {
    throw bad('$.provenance.content_sha256', `is ${json.provenance!.content_sha256} but the cases hash to ${hash}; the file was edited by hand or truncated: regenerate it`);
  }
  return json as OverlayFileJson;
}

/**
 * Checks an overlay's `cases`: a list of {"id", "expected"} entries naming
 * cases of the file's op, sorted by id, each id once (a repeated id would let
 * the last entry win unseen). `regenerate` is the command that rewrites the file.
 */
export function checkOverlayCases(cases: unknown, family: string, bad: (path: string, message: string) => Error, regenerate: string): asserts cases is OverlayCaseJson[] {
  if (!Array.isArray(cases)) throw bad('$.cases', `must be a list of {"id", "expected"} entries; regenerate the file: ${regenerate}`);
  const seen = new Map<string, number>();
  cases.forEach((c: unknown, i) => {
    const path = `$.cases[${i}]`;
    if (typeof c !== 'object' || c === null || Array.isArray(c)) throw bad(path, `must be {"id": "<case id>", "expected": {...}}, got ${shown(c)}; regenerate the file: ${regenerate}`);
    const extra = Object.keys(c).find((k) => k !== 'id' && k !== 'expected');
    if (extra !== undefined) throw bad(`${path}.${extra}`, 'unknown field; an overlay case has only "id" and "expected"');
    const { id, expected } = c as Record<string, unknown>;
    if (typeof id !== 'string' || !id.startsWith(`${family}/`)) throw bad(`${path}.id`, `must be the id of a ${family} case, got ${shown(id)}`);
    if (expected === undefined) throw bad(path, 'missing required field "expected"');
    const twice = seen.get(id);
    if (twice !== undefined) throw bad(`${path}.id`, `${JSON.stringify(id)} repeats the id of $.cases[${twice}]; an overlay names each case once: regenerate the file: ${regenerate}`);
    seen.set(id, i);
    const before = i > 0 ? (cases[i - 1] as OverlayCaseJson).id : undefined;
    if (before !== undefined && compareIds(before, id) > 0) throw bad(`${path}.id`, `${JSON.stringify(id)} sorts before the previous id ${JSON.stringify(before)}; cases are sorted by id: regenerate the file: ${regenerate}`);
  });
}

/** A value as an error message quotes it: JSON, cut at 80 characters. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/**
 * The suite as release `version` is expected to behave: each overlaid case
 * gets the overlay's expectation and provenance; the others keep the base's.
 * GoldenError when an overlay names a case the base does not have (overlay
 * and goldens out of step) or its expectation does not fit the request.
 */
export function applyOverlays(cases: readonly SuiteCase[], overlays: readonly { file: string; overlay: Pick<OverlayFileJson, 'cases' | 'provenance'> }[]): SuiteCase[] {
  const replaced = new Map<string, { expected: ExpectedJson; file: string; provenance: ProvenanceJson; path: string }>();
  for (const { file, overlay } of overlays) {
    overlay.cases.forEach((c, i) => {
      const other = replaced.get(c.id);
      if (other) throw new GoldenError(displayPath(file), `$.cases[${i}].id`, `${JSON.stringify(c.id)} is also overlaid by ${displayPath(other.file)}; one overlay per release names each case once`);
      replaced.set(c.id, { expected: c.expected, file, provenance: overlay.provenance, path: `$.cases[${i}]` });
    });
  }
  const known = new Set(cases.map((c) => c.golden.id));
  for (const [id, r] of replaced) {
    if (!known.has(id)) throw new GoldenError(displayPath(r.file), `${r.path}.id`, `${JSON.stringify(id)} is not a case of the golden files; regenerate the overlay after the goldens`);
  }
  return cases.map((c) => {
    const r = replaced.get(c.golden.id);
    if (!r) return c;
    checkOverlaidExpectation(r.expected, c.golden.request, r.file, `${r.path}.expected`);
    return { golden: { ...c.golden, expected: r.expected }, file: displayPath(r.file), provenance: r.provenance };
  });
}

/** Whether the release died on this case (the oracle records a Crash, not a Python exception): there is no result to judge a port by. */
export function crashedOn(c: SuiteCase): boolean {
  return c.golden.expected.error?.type === 'Crash';
}
