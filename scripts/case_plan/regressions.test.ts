/**
 * The regressions group: reading fuzz counterexamples, their identity (the
 * hash of the canonical request), dedupe, the byte-stable regressions.json and
 * the plan's loader. No op is named: requests are built for the first
 * registered op from its descriptor.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RequestJson } from '../../conformance/case.js';
import { OPS } from '../../conformance/ops/index.js';
import { stringifyExact } from '../../conformance/wire.js';
import { buildPlan, loadOpPlan } from './plan.js';
import {
  canonicalRegressionRequest,
  checkEntry,
  mergeRegressions,
  readCounterexamples,
  readRegressions,
  regressionCase,
  RegressionDataError,
  regressionHash,
  regressionsPath,
  regressionsText,
  type FoundJson,
  type RegressionEntry,
} from './regressions.js';

const OP = OPS[0]!;
const FOUND: FoundJson = { port: 'reference', oracle: 'paddle', seed: 42, path: '3:0:1', failure: 'output[0]: expected 0 (0x0), got 1e-16' };

/** A request of the first registered op: one float64 element per tensor, in Paddle's order. */
function request(values: readonly number[] = OP.tensors.map(() => 0.5), kwargs: RequestJson['kwargs'] = { reduction: 'none' }): RequestJson {
  return {
    api: OP.functional,
    inputs: Object.fromEntries(OP.tensors.map((name, i) => [name, { dtype: 'float64', shape: [1], data: [values[i]!] }])),
    ...(kwargs && { kwargs }),
  };
}

const line = (r: unknown, found: unknown = FOUND): string => JSON.stringify({ request: r, found });

function tempFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'counterexamples-')), 'cx.jsonl');
  writeFileSync(file, text);
  return file;
}

describe('a counterexample file (JSON Lines of {request, found})', () => {
  it('reads each line with its op family and line number, skipping blank lines', () => {
    const file = tempFile(`${line(request())}\n\n${line(request([0.25, ...OP.tensors.slice(1).map(() => 0.5)]))}\n`);
    const read = readCounterexamples(file);
    expect(read.map((c) => [c.line, c.family])).toEqual([[1, OP.family], [3, OP.family]]);
    expect(read[0]!.entry.found).toEqual(FOUND);
  });

  it.each([
    ['a missing file', null, /no such file; --from takes the counterexample file/],
    ['an empty file', '\n\n', /holds no counterexample/],
    ['a line that is not JSON', `${line(request())}\n{"request":`, /cx\.jsonl:2: not valid JSON/],
    ['an api that is not registered', line({ ...request(), api: 'paddle.nn.functional.no_such_loss' }), /cx\.jsonl:1: request\.api: "paddle\.nn\.functional\.no_such_loss" is not a registered API; registered: /],
    ['a tensor whose data does not fit its shape', line({ ...request(), inputs: { ...request().inputs, [OP.tensors[0]!]: { dtype: 'float64', shape: [2], data: [1] } } }), new RegExp(`cx\\.jsonl:1: request\\.inputs\\.${OP.tensors[0]}\\.data: has 1 values but shape \\[2\\] needs 2`)],
    ['tensors out of Paddle\'s order', line({ ...request(), inputs: Object.fromEntries(Object.entries(request().inputs).reverse()) }), /cx\.jsonl:1: request\.inputs: must list the tensors in Paddle's positional order/],
    ['init on the functional form', line({ ...request(), init: {} }), /cx\.jsonl:1: request\.init: the functional form takes keyword arguments/],
    ['a gradient of no input', line({ ...request(), grad: ['no_such_input'] }), /cx\.jsonl:1: request\.grad: must list distinct inputs that have a gradient/],
    ['an unknown request field', line({ ...request(), id: 'x' }), /cx\.jsonl:1: request\.id: unknown field/],
    ['a missing found', JSON.stringify({ request: request() }), /cx\.jsonl:1: missing field "found"/],
    ['an extra top-level field', JSON.stringify({ request: request(), found: FOUND, note: 1 }), /cx\.jsonl:1: unknown field "note"; allowed: request, found/],
    ['a found without the seed', line(request(), { ...FOUND, seed: undefined }), /cx\.jsonl:1: found: missing field "seed"/],
    ['a seed that is not an integer', line(request(), { ...FOUND, seed: '42' }), /cx\.jsonl:1: found\.seed: expected an integer/],
    ['a failure that is not a string', line(request(), { ...FOUND, failure: 3 }), /cx\.jsonl:1: found\.failure: expected a string, got 3/],
  ] as Array<[string, string | null, RegExp]>)('refuses %s, naming the file and line', (_what, text, message) => {
    const file = text === null ? join(mkdtempSync(join(tmpdir(), 'counterexamples-')), 'cx.jsonl') : tempFile(`${text}\n`);
    const read = () => readCounterexamples(file);
    expect(read).toThrow(RegressionDataError);
    expect(read).toThrow(message);
  });
});

describe('the identity of a counterexample', () => {
  it('is the hash of the canonical request: keyword order and tensor encoding do not matter', () => {
    const a = canonicalRegressionRequest(request(undefined, { reduction: 'none', margin: 1 }), OP);
    const b = canonicalRegressionRequest(request(undefined, { margin: 1, reduction: 'none' }), OP);
    // The same tensor as base64 (little-endian float64 0.5) is the same call.
    const b64 = canonicalRegressionRequest({ ...request(undefined, { margin: 1, reduction: 'none' }), inputs: { ...request().inputs, [OP.tensors[0]!]: { dtype: 'float64', shape: [1], b64: 'AAAAAAAA4D8=' } } }, OP);
    expect(stringifyExact(a)).toBe(stringifyExact(b));
    expect(regressionHash(a)).toBe(regressionHash(b));
    expect(regressionHash(b64)).toBe(regressionHash(a));
    expect(Object.keys(a.kwargs!)).toEqual(['margin', 'reduction']);
  });

  it('tells -0 from +0 (SameValue), and float32 from float64', () => {
    const zero = (data: number, dtype = 'float64') => canonicalRegressionRequest({ ...request(), inputs: { ...request().inputs, [OP.tensors[0]!]: { dtype, shape: [1], data: [data] } } }, OP);
    expect(regressionHash(zero(0))).not.toBe(regressionHash(zero(-0)));
    expect(regressionHash(zero(0))).not.toBe(regressionHash(zero(0, 'float32')));
  });

  it('gives a 64-hex sha256 and the id <family>/regressions/case=<its first 12 hex>', () => {
    const canonical = canonicalRegressionRequest(request(), OP);
    const hash = regressionHash(canonical);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(regressionCase(OP.family, { request: request(), found: FOUND }).id).toBe(`${OP.family}/regressions/case=${hash.slice(0, 12)}`);
  });
});

describe('merging counterexamples (dedupe)', () => {
  const one: RegressionEntry = { request: request([0.25, ...OP.tensors.slice(1).map(() => 0.5)]), found: FOUND };
  const two: RegressionEntry = { request: request([0.75, ...OP.tensors.slice(1).map(() => 0.5)]), found: { ...FOUND, seed: 7 } };

  it('adds a new request and skips one already there, keeping the first found', () => {
    const first = mergeRegressions(OP.family, [], [one]);
    const again = mergeRegressions(OP.family, first.entries, [{ ...one, found: { ...FOUND, seed: 99 } }, two]);
    expect(again.added).toEqual([regressionCase(OP.family, two).id]);
    expect(again.known).toEqual([regressionCase(OP.family, one).id]);
    expect(again.entries.find((e) => stringifyExact(e.request) === stringifyExact(canonicalRegressionRequest(one.request, OP)))!.found.seed).toBe(42);
  });

  it('skips a request repeated within the same file', () => {
    const merged = mergeRegressions(OP.family, [], [one, { ...one, found: { ...FOUND, port: 'other' } }]);
    expect(merged.entries).toHaveLength(1);
    expect(merged.known).toHaveLength(1);
  });

  it('writes byte-identical text whatever the order they came in, sorted by case id', () => {
    const ab = regressionsText(mergeRegressions(OP.family, [], [one, two]).entries);
    const ba = regressionsText(mergeRegressions(OP.family, [two], [one]).entries);
    expect(ab).toBe(ba);
    expect(ab.endsWith(']\n')).toBe(true);
    const ids = (JSON.parse(ab) as RegressionEntry[]).map((e) => regressionCase(OP.family, e).id);
    expect(ids).toEqual([...ids].sort());
  });
});

describe('regressions.json and the regressions group of the plan', () => {
  /** A regressions root holding the given entries for the first op. */
  function fixture(entries: readonly RegressionEntry[] | string): string {
    const root = mkdtempSync(join(tmpdir(), 'plan-regressions-'));
    mkdirSync(join(root, OP.family));
    writeFileSync(regressionsPath(root, OP.family), typeof entries === 'string' ? entries : regressionsText(mergeRegressions(OP.family, [], entries).entries));
    return root;
  }
  const entries: RegressionEntry[] = [
    { request: request([0.25, ...OP.tensors.slice(1).map(() => 0.5)]), found: FOUND },
    { request: request([-0, ...OP.tensors.slice(1).map(() => 0.5)], { reduction: 'sum' }), found: { ...FOUND, failure: 'line one\nline two' } },
  ];

  it('reads nothing when the op has no regressions.json', () => {
    expect(readRegressions(mkdtempSync(join(tmpdir(), 'plan-regressions-')), OP.family)).toEqual([]);
  });

  it('turns each entry into a paddle-level case of group regressions, tagged fuzz, naming no rule', async () => {
    const root = fixture(entries);
    const plan = await buildPlan(OP.family, undefined, { regressionsRoot: root });
    const regressions = plan.filter((c) => c.group === 'regressions');
    expect(regressions).toHaveLength(2);
    for (const c of regressions) {
      expect(c.id).toMatch(new RegExp(`^${OP.family}/regressions/case=[0-9a-f]{12}$`));
      expect(c.level).toBe('paddle');
      expect(c.rules).toBeUndefined();
      expect(c.spec_clause).toBeUndefined();
      expect(c.tags).toContain('fuzz');
      expect(c.tags).toEqual([...new Set(c.tags)].sort());
      expect(c.description).not.toContain('\n');
    }
    const multiline = regressions.find((c) => c.description.includes('line one'))!;
    expect(multiline.description).toBe('fuzz counterexample: port reference against oracle paddle, seed 42, path 3:0:1: line one ⏎ line two');
    expect(multiline.tags).toEqual(['fuzz']);
    expect(plan.map((c) => c.id)).toEqual([...plan.map((c) => c.id)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('adds the group to GROUPS only when there are entries, and builds it byte-identically twice', async () => {
    const root = fixture(entries);
    expect(Object.keys((await loadOpPlan(OP.family, undefined, { regressionsRoot: root })).GROUPS)).toContain('regressions');
    expect(Object.keys((await loadOpPlan(OP.family, undefined, { regressionsRoot: mkdtempSync(join(tmpdir(), 'none-')) })).GROUPS)).not.toContain('regressions');
    const once = await buildPlan(OP.family, undefined, { regressionsRoot: root });
    expect(stringifyExact(await buildPlan(OP.family, undefined, { regressionsRoot: root }))).toBe(stringifyExact(once));
  });

  it('uses entries given in memory instead of the file (golden:generate --from, before it writes)', async () => {
    const plan = await buildPlan(OP.family, undefined, { regressionsRoot: fixture(entries), regressions: new Map([[OP.family, entries.slice(0, 1)]]) });
    expect(plan.filter((c) => c.group === 'regressions')).toHaveLength(1);
  });

  it.each([
    ['not JSON', '[', /regressions\.json: not valid JSON/],
    ['not an array', '{}', /regressions\.json: expected a JSON array of \{"request", "found"\} entries/],
    ['a request twice', JSON.stringify([{ request: request(), found: FOUND }, { request: request(), found: FOUND }]), /appears more than once/],
    ['a bad entry', JSON.stringify([{ request: request(), found: { ...FOUND, seed: 1.5 } }]), /regressions\.json: \[0\]: found\.seed: expected an integer/],
  ])('refuses a regressions.json that is %s, naming the file', (_what, text, message) => {
    const root = fixture(text);
    expect(() => readRegressions(root, OP.family)).toThrow(message);
  });

  it("refuses an entry that calls another op's API", () => {
    const other = OPS.find((o) => o.family !== OP.family);
    if (!other) return;
    const root = mkdtempSync(join(tmpdir(), 'plan-regressions-'));
    mkdirSync(join(root, OP.family));
    const foreign = { api: other.functional, inputs: Object.fromEntries(other.tensors.map((n) => [n, { dtype: 'float64', shape: [1], data: [1] }])) };
    writeFileSync(regressionsPath(root, OP.family), JSON.stringify([{ request: foreign, found: FOUND }]));
    expect(() => readRegressions(root, OP.family)).toThrow(`is an API of ${other.family}; its counterexample belongs in ${regressionsPath(root, other.family)}`);
  });

  it('refuses a plan folder that builds a group called regressions itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'case-plan-'));
    mkdirSync(join(dir, OP.family));
    writeFileSync(join(dir, OP.family, 'index.js'), 'export const GROUPS = { regressions: () => [] };\n');
    await expect(loadOpPlan(OP.family, pathToFileURL(`${dir}/`))).rejects.toThrow('exports a group regressions, but that group is built from regressions.json');
  });

  it('checks one entry as a whole: the family comes from the api', () => {
    expect(checkEntry({ request: request(), found: FOUND }, 'x').family).toBe(OP.family);
  });
});
