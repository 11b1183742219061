/**
 * golden:generate --from: fuzz counterexamples become goldens of the group
 * `regressions`. Usage and data errors are refused before Paddle runs, with
 * nothing written; the end-to-end runs need real Paddle and skip without it.
 * No op is named: the registered op with a reduction keyword whose goldens
 * are smallest stands for any, so the runs of its whole plan on Paddle stay short.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GoldenFileJson, RequestJson } from '../../conformance/case.js';
import { loadGoldenFile } from '../../conformance/golden.js';
import { OPS } from '../../conformance/ops/index.js';
import { findPaddlePython, paddleAbsentReason } from '../../conformance/python_env.js';
import { PLAN_ROOT } from '../case_plan/plan.js';
import { regressionsPath } from '../case_plan/regressions.js';
import { main as generate } from './generate.js';
import { CannotRun, GOLDEN_ROOT } from './regeneration.js';

/** The bytes of an op's committed golden files: how much Paddle regenerating its plan costs, roughly. */
function goldenBytes(family: string): number {
  const dir = join(GOLDEN_ROOT, family);
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

const OP = OPS.filter((op) => op.reduction !== undefined).sort((a, b) => goldenBytes(a.family) - goldenBytes(b.family))[0]!;
const python = findPaddlePython();
const FOUND = { port: 'reference', oracle: 'paddle', seed: 7, path: '0:1', failure: 'output[0]: expected 0, got 1' };

/** A request of the first registered op: one float64 element per tensor. */
function request(first: number): RequestJson {
  return { api: OP.functional, inputs: Object.fromEntries(OP.tensors.map((name, i) => [name, { dtype: 'float64', shape: [1], data: [i === 0 ? first : 1] }])), kwargs: { reduction: 'none' } };
}

const line = (r: unknown): string => JSON.stringify({ request: r, found: FOUND });

function temp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function file(text: string): string {
  const path = join(temp('counterexamples-'), 'cx.jsonl');
  writeFileSync(path, text);
  return path;
}

/** Every file under a directory with its text, for byte-for-byte comparisons. */
function tree(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  return Object.fromEntries((readdirSync(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .map((p) => [p.slice(dir.length), readFileSync(p, 'utf8')]));
}

beforeEach(() => void vi.spyOn(console, 'log').mockImplementation(() => undefined));
afterEach(() => void vi.restoreAllMocks());

describe('golden:generate --from: usage', () => {
  it.each([
    [['--from'], /--from needs a file/],
    [['--from', 'x.jsonl', '--out', '/tmp/g'], /--from with --out \/tmp\/g needs --plan-root <dir>: the counterexamples are added to <dir>\/<family>\/regressions\.json, not to the committed /],
    [['--from', 'x.jsonl', '--out', '/tmp/g', '--plan-root', fileURLToPath(PLAN_ROOT)], /is the committed plan data, which goes with golden\/; with --out \/tmp\/g give another directory/],
    [['--plan-root', '/tmp/p'], /--plan-root \/tmp\/p: golden\/ is generated from the committed plan data/],
    [['--from', 'x.jsonl', '--paddle-version', '2.6.2', '--out', '/tmp/g', '--plan-root', '/tmp/p'], /--from records counterexamples with the pinned Paddle/],
  ])('%j is refused before anything runs', async (argv, message) => {
    await expect(generate(argv)).rejects.toThrow(CannotRun);
    await expect(generate(argv)).rejects.toThrow(message);
  });
});

describe('golden:generate --from: a bad counterexample file writes nothing', () => {
  const other = OPS.find((o) => o.family !== OP.family);
  it.each([
    ['a missing file', null, /cx\.jsonl: no such file/],
    ['a line that is not JSON', `${line(request(0.5))}\nnot json\n`, /cx\.jsonl:2: not valid JSON/],
    ['an api that is not registered', line({ ...request(0.5), api: 'paddle.no_such_api' }), /cx\.jsonl:1: request\.api: "paddle\.no_such_api" is not a registered API/],
    ['a request validation refuses', line({ ...request(0.5), grad: [] }), /cx\.jsonl:1: request\.grad: must list distinct inputs that have a gradient/],
    ...(other ? [['a request of another op than --op', line({ api: other.functional, inputs: Object.fromEntries(other.tensors.map((n) => [n, { dtype: 'float64', shape: [1], data: [1] }])) }), new RegExp(`cx\\.jsonl:1: request\\.api ${other.functional.replaceAll('.', '\\.')} is an API of ${other.family}, but --op ${OP.family} runs only ${OP.family}`)]] : []),
  ] as Array<[string, string | null, RegExp]>)('%s', async (_what, text, message) => {
    const from = text === null ? join(temp('counterexamples-'), 'cx.jsonl') : file(`${text}\n`);
    const out = temp('golden-out-');
    const planRoot = temp('plan-root-');
    const argv = ['--from', from, '--out', out, '--plan-root', planRoot, '--op', OP.family];
    await expect(generate(argv)).rejects.toThrow(CannotRun);
    await expect(generate(argv)).rejects.toThrow(message);
    expect(tree(out)).toEqual({});
    expect(tree(planRoot)).toEqual({});
  });
});

// Each run regenerates an op's whole plan on Paddle: CI runs them (PADDLE_END_TO_END=1 in .ci/run), npm test leaves them out.
const endToEnd = process.env.PADDLE_END_TO_END === '1';
const skipped = !python ? paddleAbsentReason() : 'npm test leaves it out; PADDLE_END_TO_END=1 npx vitest run scripts/golden/counterexamples.test.ts runs it, as CI does';
describe.skipIf(!python || !endToEnd)(python && endToEnd ? 'golden:generate --from on real Paddle' : `golden:generate --from on real Paddle — SKIPPED: ${skipped}`, () => {
  it('records a counterexample as a regressions golden, then regenerates byte-identically and skips it when seen again', async () => {
    const out = temp('golden-out-');
    const planRoot = temp('plan-root-');
    const from = file(`${line(request(0.5))}\n`);
    const argv = ['--from', from, '--out', out, '--plan-root', planRoot, '--op', OP.family];
    expect(await generate(argv)).toBe(0);

    const plan = JSON.parse(readFileSync(regressionsPath(planRoot, OP.family), 'utf8')) as Array<{ request: RequestJson; found: unknown }>;
    expect(plan).toEqual([{ request: request(0.5), found: FOUND }]);
    const golden: GoldenFileJson = loadGoldenFile(join(out, OP.family, 'regressions.json'));
    expect(golden.cases).toHaveLength(1);
    const [c] = golden.cases;
    expect(c!.id).toMatch(new RegExp(`^${OP.family}/regressions/case=[0-9a-f]{12}$`));
    expect(c!.level).toBe('paddle');
    expect(c!.rules).toBeUndefined();
    expect(c!.tags).toContain('fuzz');
    expect(c!.description).toBe('fuzz counterexample: port reference against oracle paddle, seed 7, path 0:1: output[0]: expected 0, got 1');
    expect(c!.request).toEqual(request(0.5));
    // Paddle's answer, whatever it is: a tensor or an exception, never absent.
    expect(c!.expected.output !== undefined || c!.expected.error !== undefined).toBe(true);
    expect(golden.provenance.oracle.paddle_version).toBe('3.3.1');

    const before = { out: tree(out), plan: tree(planRoot) };
    // The same counterexample again (twice in one file): nothing new, every byte the same.
    expect(await generate(['--from', file(`${line(request(0.5))}\n${line(request(0.5))}\n`), '--out', out, '--plan-root', planRoot, '--op', OP.family])).toBe(0);
    expect(tree(out)).toEqual(before.out);
    expect(tree(planRoot)).toEqual(before.plan);

    // A second counterexample is an added case: written without --accept, the file kept sorted.
    expect(await generate(['--from', file(`${line(request(-0.5))}\n`), '--out', out, '--plan-root', planRoot, '--op', OP.family])).toBe(0);
    const ids = loadGoldenFile(join(out, OP.family, 'regressions.json')).cases.map((g) => g.id);
    expect(ids).toHaveLength(2);
    expect(ids).toEqual([...ids].sort());
    expect((JSON.parse(readFileSync(regressionsPath(planRoot, OP.family), 'utf8')) as unknown[]).length).toBe(2);
  }, 300_000);

  it('adds no counterexample when the run is refused', async () => {
    const out = temp('golden-out-');
    const planRoot = temp('plan-root-');
    expect(await generate(['--out', out, '--plan-root', planRoot, '--op', OP.family])).toBe(0);
    // A golden whose expectation Paddle will not reproduce: regenerating it needs --accept.
    const victim = readdirSync(join(out, OP.family)).sort()[0]!;
    const path = join(out, OP.family, victim);
    const tampered = JSON.parse(readFileSync(path, 'utf8')) as GoldenFileJson;
    tampered.cases[0]!.expected = { error: { type: 'ValueError', message: 'tampered' } };
    writeFileSync(path, `${JSON.stringify(tampered)}\n`);
    const copy = temp('golden-copy-');
    cpSync(out, copy, { recursive: true });

    expect(await generate(['--from', file(`${line(request(0.5))}\n`), '--out', out, '--plan-root', planRoot, '--op', OP.family])).toBe(1);
    expect(existsSync(regressionsPath(planRoot, OP.family))).toBe(false);
    expect(tree(out)).toEqual(tree(copy));
  }, 300_000);
});
