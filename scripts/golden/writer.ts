/**
 * The golden writer: turns the case plan plus the oracle's responses into
 * golden files (format in golden/README.md), serialises them canonically and
 * writes them atomically. Nothing here depends on the clock, so the same
 * inputs always give byte-identical files.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  GOLDEN_FORMAT,
  type ExpectedJson,
  type GoldenCase,
  type GoldenFileJson,
  type PlannedCase,
  type ProvenanceJson,
  type ReductionBasisJson,
  type RequestJson,
  type ResponseJson,
  type GradOutputJson,
  type OutputJson,
} from '../../conformance/case.js';
import { indexPath, mapGradOutput, mapOutput } from '../../conformance/outputs.js';
import { opForApi } from '../../conformance/ops/index.js';
import { inputKeysOf } from '../../conformance/op.js';
import { stageFile, type StagedFile } from '../../conformance/report_file.js';
import { canonicalGenerated, decodeTensor, encodeTensor, stringifyExact, type TensorJson } from '../../conformance/wire.js';

/** A response of the oracle run with `--basis`: a port response plus the reduction basis. */
export type OracleResponse = ResponseJson & { reduction_basis?: ReductionBasisJson };

/** The generator's name as recorded in provenance. */
export const GENERATOR_NAME = 'paddle-conformance golden:generate';

/** Group names become file names, so they are kept to a safe alphabet. */
const GROUP_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * The canonical JSON form of a tensor: decoded and re-encoded with encodeTensor (data when small and exact, b64
 * otherwise); a generated input stays generated, checked against its sha256, its keys in the documented order.
 */
export function canonicalTensor(t: TensorJson, path: string): TensorJson {
  if (t.generated !== undefined) return canonicalGenerated(t, path);
  return encodeTensor(decodeTensor(t, path));
}

/**
 * Names in a canonical order: those of `order` first, in its order (an op's
 * tensors, Paddle's positional order), then any others as they came.
 */
function inOrder(names: readonly string[], order: readonly string[]): string[] {
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  // Array.prototype.sort is stable, so names outside `order` keep their own order.
  return [...names].sort((a, b) => rank(a) - rank(b));
}

/** A request with canonical tensors and a fixed key order: every input by name, in the op's order when its api is registered. */
export function canonicalRequest(r: RequestJson, path: string): RequestJson {
  const op = opForApi(r.api);
  const order = op ? inputKeysOf(op, r.inputs) : [];
  const inputs: Record<string, TensorJson> = {};
  for (const name of inOrder(Object.keys(r.inputs), order)) inputs[name] = canonicalTensor(r.inputs[name]!, `${path}.inputs.${name}`);
  const out: RequestJson = { api: r.api, inputs };
  if (r.kwargs !== undefined) out.kwargs = r.kwargs;
  if (r.init !== undefined) out.init = r.init;
  if (r.grad !== undefined) out.grad = r.grad;
  if (r.grad_output !== undefined) out.grad_output = mapGradOutput<GradOutputJson>(r.grad_output, (t, i) => canonicalTensor(t, `${path}.grad_output${indexPath(i)}`)) as TensorJson;
  return out;
}

/**
 * What Paddle did, from the oracle's response, with tensors re-encoded
 * canonically: every gradient by name, in `order` (the op's tensors) and then
 * as the response gave them; `grad` is {} when Paddle left every asked one None.
 */
export function expectedFromResponse(r: OracleResponse, order: readonly string[] = []): ExpectedJson {
  const path = `response ${r.id}`;
  if (r.error) return { error: { type: r.error.type, message: r.error.message } };
  if (r.output === null) return { output: null };
  if (!r.output) throw new Error(`${path}: neither output nor error`);
  // An op with several outputs has a list of tensors (conformance/outputs.ts); ExpectedJson's type says one, as most ops' code reads it.
  const expected: ExpectedJson = { output: mapOutput<OutputJson>(r.output, (t, i) => canonicalTensor(t, `${path}.output${indexPath(i)}`)) as TensorJson };
  if (r.grad) {
    const grad: Record<string, TensorJson> = {};
    for (const name of inOrder(Object.keys(r.grad), order)) grad[name] = canonicalTensor(r.grad[name]!, `${path}.grad.${name}`);
    expected.grad = grad;
  }
  if (r.reduction_basis) expected.reduction_basis = { count: r.reduction_basis.count, abs_sum: r.reduction_basis.abs_sum };
  return expected;
}

/** A golden case: the planned case's fields in a fixed order, then what Paddle did. */
export function goldenCase(c: PlannedCase, expected: ExpectedJson): GoldenCase {
  const g: Partial<GoldenCase> = { id: c.id, group: c.group, level: c.level };
  if (c.spec_clause !== undefined) g.spec_clause = c.spec_clause;
  if (c.rules !== undefined) g.rules = [...c.rules];
  g.tags = [...c.tags];
  g.description = c.description;
  g.request = canonicalRequest(c.request, c.id);
  g.expected = expected;
  return g as GoldenCase;
}

/** The API family of a case id, its first path segment (`<family>/<group>/...`). */
export function apiOf(id: string): string {
  return id.split('/')[0]!;
}

/** sha256 (hex) of the canonical JSON text of a file's cases. */
export function contentSha256(cases: readonly GoldenCase[]): string {
  return createHash('sha256').update(stringifyExact(cases)).digest('hex');
}

/**
 * Groups golden cases into files, one per group, cases sorted by id, with
 * provenance. Rejects duplicate ids and group names unfit for file names.
 */
export function buildGoldenFiles(
  cases: readonly GoldenCase[],
  oracle: ProvenanceJson['oracle'],
  generator: ProvenanceJson['generator'],
): GoldenFileJson[] {
  const groups = new Map<string, GoldenCase[]>();
  const ids = new Set<string>();
  for (const c of cases) {
    if (ids.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
    ids.add(c.id);
    if (!GROUP_NAME.test(c.group)) throw new Error(`case ${c.id}: group ${JSON.stringify(c.group)} is not a valid file name (use ${GROUP_NAME})`);
    const key = `${apiOf(c.id)}/${c.group}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.keys()].sort(byCodeUnits).map((key) => {
    const sorted = [...groups.get(key)!].sort((a, b) => byCodeUnits(a.id, b.id));
    const [api, group] = key.split('/') as [string, string];
    return {
      format: GOLDEN_FORMAT,
      api,
      group,
      provenance: { oracle: { ...oracle }, generator: { ...generator }, content_sha256: contentSha256(sorted) },
      cases: sorted,
    };
  });
}

/** Plain code-unit order, the same on every machine and locale. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The exact text of a golden file: stringifyExact with a one-space indent and a trailing newline. */
export function serializeGolden(file: GoldenFileJson): string {
  return `${stringifyExact(file, 1)}\n`;
}

/** A golden file's key: `<api>/<group>`, its path under a golden root without `.json`; how the pipeline names files. */
export function goldenKey(file: Pick<GoldenFileJson, 'api' | 'group'>): string {
  return `${file.api}/${file.group}`;
}

/** Where a golden file lives under a golden root: `<root>/<api>/<group>.json` for the key `<api>/<group>`. */
export function goldenPath(root: string, key: string): string {
  return join(root, `${key}.json`);
}

/**
 * The golden files of the given APIs (op families) under a root, as text, by
 * key `<api>/<group>`: every `.json` file of `<root>/<api>/`, in code-unit
 * order. A folder that does not exist contributes nothing.
 */
export function readGoldenTexts(root: string, apis: readonly string[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const api of [...apis].sort(byCodeUnits)) {
    const dir = join(root, api);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort(byCodeUnits)) {
      texts.set(`${api}/${basename(name, '.json')}`, readFileSync(join(dir, name), 'utf8'));
    }
  }
  return texts;
}

/** One file to write: its path and exact text. */
export interface FileWrite {
  path: string;
  text: string;
}

/** Test seams for writeAtomically: called before each rename, so a test can fail there. */
export interface WriteHooks {
  beforeRename?: (path: string) => void;
}

/**
 * Writes files all-or-nothing as far as the file system allows: every text
 * goes to a temp file in its target's directory first (stageFile: only over
 * regular files, keeping their mode); only when all are written are they
 * renamed over their targets (rename is atomic per file), and only then are
 * `removals` deleted. If anything fails before the renames, the temp files
 * are removed and no target is touched; an interrupt (SIGINT, SIGTERM,
 * SIGHUP) that comes during the renames takes effect after the last one.
 */
export function writeAtomically(writes: readonly FileWrite[], removals: readonly string[] = [], hooks: WriteHooks = {}): void {
  const staged: Array<StagedFile & { path: string }> = [];
  try {
    for (const w of writes) staged.push({ ...stageFile(w.path, w.text), path: w.path });
    uninterrupted(() => {
      for (const { temp, target, path } of staged) {
        hooks.beforeRename?.(path);
        renameSync(temp, target);
      }
      for (const path of removals) rmSync(path, { force: true });
    });
  } finally {
    for (const { temp } of staged) rmSync(temp, { force: true });
  }
}

/** The signals that end a golden run from the terminal or a supervisor. */
const INTERRUPTS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `work` (synchronous) with the interrupts held: a listener keeps each
 * from killing the process mid-work, and one that came is raised again on
 * the event loop's next turn, with the listeners gone, so the process still
 * ends by it. Without this, a Ctrl-C between two renames left plan data and
 * goldens out of step, and the remaining temp files behind.
 */
function uninterrupted(work: () => void): void {
  let held: NodeJS.Signals | undefined;
  let finished = false;
  const release = (): void => {
    for (const signal of INTERRUPTS) process.off(signal, hold);
    if (held) process.kill(process.pid, held);
  };
  const hold = (signal: NodeJS.Signals): void => {
    held ??= signal;
    if (finished) release();
  };
  for (const signal of INTERRUPTS) process.on(signal, hold);
  try {
    work();
  } finally {
    finished = true;
    // A signal sent during the work reaches `hold` in the loop's poll phase; the second turn's immediate runs after
    // one whole poll phase (the first may not: a module evaluated late in a turn has its immediate in that same turn).
    setImmediate(() => setImmediate(() => held === undefined && release()));
  }
}
