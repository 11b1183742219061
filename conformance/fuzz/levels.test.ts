/**
 * fuzz --level and fuzz --expectations (issue 20, item 4). The port of the
 * issue's porter: soft_margin_loss from its page, with three documented
 * departures beyond it (SoftMarginLoss takes size_average= and reduce= and
 * ignores them, integer input is refused, a reduction is read whatever its
 * case). Before, every seed stopped at one of them; at the spec level, or
 * with the expectations file its `run` uses, fuzzing gets past them, and a
 * bug the page does fix is still found.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import { parseExpectations } from '../expectations.js';
import { bundledGoldenDir, loadGoldens } from '../golden.js';
import { MUTANTS, variantPort } from '../mutants/catalog.js';
import { OPS, opForFamily } from '../ops/index.js';
import { inProcessPort } from '../ports/module.js';
import { answer } from '../ports/reference.js';
import { expectedDepartures } from './departures.js';
import { fuzzOp } from './fuzz.js';
import { handle as porter } from './fixtures/porter.js';
import { outsidePage } from './page_domain.js';

const SOFT = opForFamily('soft_margin_loss')!;
const SEEDS = [1, 2, 3];

/** The porter's port module (fixtures/porter.ts). */
const PORTER_FILE = 'conformance/fuzz/fixtures/porter.ts';
const PORTER = inProcessPort('porter', { handle: porter }, 10_000);

/** The expectations file the porter's `run --api soft_margin_loss --strict` passes with. */
const KNOWN = parseExpectations([
  { id: 'soft_margin_loss/errors/legacy=size_average:True,form=layer', reason: 'size_average= and reduce= are accepted and ignored' },
  { id: 'soft_margin_loss/errors/legacy=reduce:False,form=layer', reason: 'size_average= and reduce= are accepted and ignored' },
  { id: 'soft_margin_loss/dtypes/dtype=int*', reason: 'integer input is refused' },
  { id: 'soft_margin_loss/errors/reduction=MEAN*', reason: 'a reduction is read whatever its case' },
]);

const SUITE = loadGoldens([bundledGoldenDir()]);

describe("the porter's departures stop every seed without --level or --expectations (the issue's symptom)", () => {
  it.each(SEEDS)('seed %i: a disagreement, outside the page: an integer input, a legacy keyword or reduction="MEAN"', async (seed) => {
    const result = await fuzzOp({ op: SOFT, port: PORTER, oracle: 'reference', seed, runs: 300, maxNumel: 16 });
    expect(result.found).toBeDefined();
    expect(outsidePage(SOFT, result.found!.request).join('; ')).toMatch(/input of dtype int(32|64)|size_average=|reduce=|reduction="MEAN"/);
  });
});

describe('--level spec judges only what the page fixes', () => {
  it.each(SEEDS)('seed %i: the porter passes; most requests are judged, and those that are not are counted by reason', async (seed) => {
    const result = await fuzzOp({ op: SOFT, port: PORTER, oracle: 'reference', seed, runs: 300, maxNumel: 16, level: 'spec' });
    expect(result.found).toBeUndefined();
    const l = result.levels!;
    expect(l.page + l.off + l.raises + l.rule).toBe(300);
    expect(l.page).toBeGreaterThan(100);
  });

  it('a bug the page does fix (the label\'s sign flipped) is still found, and its shrunk request lies inside the page\'s domain', async () => {
    const flipped = MUTANTS.find((m) => m.id === 'soft-margin-label-sign-flipped')!;
    const result = await fuzzOp({ op: SOFT, port: variantPort(flipped), oracle: 'reference', seed: 1, runs: 300, maxNumel: 16, level: 'spec' });
    expect(result.found).toBeDefined();
    expect(outsidePage(SOFT, result.found!.request)).toEqual([]);
  });

  it('--level paddle judges the rest: a rule\'s alternative (legacy keywords ignored) is found there, not at spec', async () => {
    const ignored = MUTANTS.find((m) => m.id === 'soft-margin-legacy-arguments-ignored')!;
    const paddle = await fuzzOp({ op: SOFT, port: variantPort(ignored), oracle: 'reference', seed: 1, runs: 300, maxNumel: 16, level: 'paddle' });
    expect(paddle.found).toBeDefined();
    const spec = await fuzzOp({ op: SOFT, port: variantPort(ignored), oracle: 'reference', seed: 1, runs: 300, maxNumel: 16, level: 'spec' });
    expect(spec.found).toBeUndefined();
  });

  // A spec verdict never depends on a rule: under every rule's alternative, of every op, spec-level fuzzing finds nothing.
  const alternatives = MUTANTS.filter((m) => m.rule !== undefined).map((m) => [m.family!, m.id, m] as const);
  it.each(alternatives)('%s: under %s, --level spec finds nothing', async (family, _id, alternative) => {
    const result = await fuzzOp({ op: opForFamily(family)!, port: variantPort(alternative), oracle: 'reference', seed: 11, runs: 25, maxNumel: 8, level: 'spec' });
    expect(result.found?.failure).toBeUndefined();
  });
});

describe('--expectations: a known departure is counted, not found', () => {
  it.each(SEEDS)('seed %i: the porter passes with its expectations file; each of its departures is met', async (seed) => {
    const departures = expectedDepartures('soft_margin_loss', KNOWN, SUITE);
    const result = await fuzzOp({ op: SOFT, port: PORTER, oracle: 'reference', seed, runs: 300, maxNumel: 16, departures });
    expect(result.found).toBeUndefined();
    const met = Object.fromEntries(result.expected!.map((e) => [e.entry.id, e.requests]));
    expect(met['soft_margin_loss/dtypes/dtype=int*']).toBeGreaterThan(0);
    expect(met['soft_margin_loss/errors/legacy=size_average:True,form=layer']).toBeGreaterThan(0);
  });

  it('an entry covers only its own departure: with the integer entry alone, a legacy keyword is still a finding', async () => {
    const departures = expectedDepartures('soft_margin_loss', KNOWN.filter((e) => e.id.includes('dtype=int')), SUITE);
    const result = await fuzzOp({ op: SOFT, port: PORTER, oracle: 'reference', seed: 1, runs: 300, maxNumel: 16, departures });
    expect(result.found).toBeDefined();
    expect(outsidePage(SOFT, result.found!.request).join('; ')).toMatch(/size_average=|reduce=|reduction="MEAN"/);
  });

  it('a real bug is still found with the file given', async () => {
    const flipped = MUTANTS.find((m) => m.id === 'soft-margin-label-sign-flipped')!;
    const departures = expectedDepartures('soft_margin_loss', KNOWN, SUITE);
    const result = await fuzzOp({ op: SOFT, port: variantPort(flipped), oracle: 'reference', seed: 1, runs: 300, maxNumel: 16, departures });
    expect(result.found).toBeDefined();
  });
});

describe('every op: the reference passes both levels', () => {
  it.each(OPS.map((op) => [op.family, op] as const))('%s', async (_family, op) => {
    for (const level of ['spec', 'paddle'] as const) {
      const result = await fuzzOp({ op, port: variantPort({ id: 'reference', expect: 'passes', description: 'the reference', handle: answer }), oracle: 'reference', seed: 3, runs: 60, maxNumel: 16, level });
      expect(result.found?.failure, level).toBeUndefined();
    }
  });
});

describe('through the CLI', () => {
  /** The porter's module, and its expectations file and a counterexample file in a fresh folder. */
  function porterFiles(): { port: string; known: string; found: string } {
    const dir = mkdtempSync(join(tmpdir(), 'fuzz-levels-'));
    const known = join(dir, 'known.json');
    writeFileSync(known, JSON.stringify(KNOWN));
    return { port: PORTER_FILE, known, found: join(dir, 'found.jsonl') };
  }

  async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrIsTTY: false });
    return { code, stdout, stderr };
  }

  it('fuzz --expectations: exit 0, and the departures met are counted per entry', async () => {
    const f = porterFiles();
    const out = await cli('fuzz', '--api', 'soft_margin_loss', '--port', f.port, '--expectations', f.known, '--seed', '1', '--runs', '300', '--max-numel', '16', '--counterexamples', f.found);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^soft_margin_loss: 300 cases in .* no disagreement\n  expected departures met: \d+ requests, not findings \(.*"soft_margin_loss\/dtypes\/dtype=int\*": \d+.*\); 4 entries apply to this op\n$/);
  });

  it('fuzz --level spec: exit 0, and how many requests were judged', async () => {
    const f = porterFiles();
    const out = await cli('fuzz', '--api', 'soft_margin_loss', '--port', f.port, '--level', 'spec', '--seed', '1', '--runs', '300', '--max-numel', '16', '--counterexamples', f.found);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/\n  level spec: \d+ requests judged, those whose result the page fixes; not judged: \d+ outside the page's domain, \d+ on which Paddle raises, \d+ whose result a named rule decides\n$/);
  });

  it('a finding\'s re-run command keeps --level and --expectations', async () => {
    const f = porterFiles();
    const out = await cli('fuzz', '--api', 'soft_margin_loss', '--port', 'conformance/examples/port_example.mjs', '--level', 'paddle', '--expectations', f.known, '--seed', '2', '--runs', '300', '--counterexamples', f.found);
    expect(out.stdout).toMatch(/re-run: npx paddle-conformance fuzz .* --level paddle --expectations \S+known\.json\n/);
  });

  it.each([
    [['--level', 'page'], '--level must be spec or paddle, got "page"'],
    [['--expectations', '/nonexistent/known.json'], 'bad expectations file: /nonexistent/known.json'],
  ])('fuzz %j is refused with exit 2 before anything runs', async (args, message) => {
    const out = await cli('fuzz', '--api', 'soft_margin_loss', ...args, '--runs', '1', '--counterexamples', porterFiles().found);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(message);
    expect(out.stdout).toBe('');
  });
});
