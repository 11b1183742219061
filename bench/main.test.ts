/**
 * Smoke test of `npm run bench`: a quick run without the frameworks writes a
 * JSON report of the documented structure, and the command line rejects bad
 * input with exit code 2. No timing is asserted: the figures depend on the machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchReport } from './report.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bench(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/main.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
}

describe('npm run bench -- --quick --no-frameworks --sizes 1000,2000 --json <file>', () => {
  const file = join(dir, 'bench.json');
  const run = bench('--quick', '--no-frameworks', '--sizes', '1000,2000', '--json', file);
  const report = JSON.parse(readFileSync(file, 'utf8')) as BenchReport;

  it('exits 0 and prints the tables', () => {
    expect(run.status, run.stderr).toBe(0);
    for (const heading of ['### Bandwidth baselines', '### Forward', '### Backward', '### Runner throughput', '### Peak memory', '### Targets']) {
      expect(run.stdout).toContain(heading);
    }
  });

  it('records the machine facts', () => {
    expect(report.format).toBe('paddle-conformance-bench/1');
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.machine.node).toBe(process.version);
    expect(typeof report.machine.cpuModel).toBe('string');
  });

  it('has a baseline per dtype, size and traffic pattern', () => {
    const keys = report.throughput.baselines.map((b) => `${b.dtype}/${b.n}/${b.traffic}`).sort();
    expect(keys).toEqual([
      'float32/1000/read2', 'float32/1000/read2write1', 'float32/2000/read2', 'float32/2000/read2write1',
      'float64/1000/read2', 'float64/1000/read2write1', 'float64/2000/read2', 'float64/2000/read2write1',
    ]);
  });

  it('has a reference figure per path, direction, dtype, reduction and size, each a summary of positive seconds', () => {
    expect(report.throughput.reference).toHaveLength(2 * 2 * 2 * 3 * 2);
    for (const r of report.throughput.reference) {
      expect(r.seconds.samples).toBeGreaterThanOrEqual(3);
      expect(r.seconds.min).toBeGreaterThan(0);
      expect(r.seconds.min).toBeLessThanOrEqual(r.seconds.median);
      expect(r.seconds.median).toBeLessThanOrEqual(r.seconds.max);
      expect(r.bytes).toBeGreaterThan(0);
    }
  });

  it('says why the framework columns are empty', () => {
    expect(report.frameworks.map((f) => [f.framework, f.results.length, f.note])).toEqual([
      ['paddle', 0, 'n/a: skipped (--no-frameworks)'],
      ['torch', 0, 'n/a: skipped (--no-frameworks)'],
    ]);
  });

  it('times the golden suite through the in-process reference and the --port-cmd reference, and skips the Paddle port', () => {
    expect('skipped' in report.runner).toBe(false);
    if ('skipped' in report.runner) return;
    expect(report.runner.runs.map((r) => r.port)).toEqual(['reference (in-process)', 'reference (--port-cmd)']);
    expect(report.runner.runs[0]!.cases).toBe(report.runner.cases);
    expect(report.runner.notes).toContain('paddle port skipped (--no-frameworks)');
  });

  it('measures fuzzing throughput of the in-process reference against the reference oracle, and skips the Paddle set-ups', () => {
    expect('skipped' in report.fuzz).toBe(false);
    if ('skipped' in report.fuzz) return;
    expect(report.fuzz.rates.map((r) => [r.port, r.oracle, r.disagreement])).toEqual([['reference', 'reference', false]]);
    expect(report.fuzz.rates[0]!.cases).toBe(100);
    expect(report.fuzz.rates[0]!.perSecond).toBeGreaterThan(0);
    expect(report.fuzz.notes).toContain('Paddle set-ups skipped (--no-frameworks)');
  });

  it('measures peak memory for the fast and literal paths', () => {
    expect(Array.isArray(report.memory)).toBe(true);
    if (!Array.isArray(report.memory)) return;
    expect(report.memory.map((m) => `${m.path} ${m.reduction}`)).toEqual(['fast mean', 'fast none', 'literal mean', 'literal none']);
    expect(report.memory.find((m) => m.reduction === 'none')!.outputBytes).toBe(4e5);
  });

  it('times expanding a generated 8 × 151,936 input per dtype', () => {
    expect(run.stdout).toContain('### Generated inputs');
    expect(report.generated.map((g) => `${g.dtype} ${g.shape.join('x')}`)).toEqual(['float32 8x151936', 'bfloat16 8x151936', 'float64 8x151936', 'int64 8x151936']);
  });

  it('judges every target, marking those it could not measure n/a', () => {
    expect(report.targets.map((t) => t.met === null)).toEqual([true, true, false, true, false, false, false, false]);
  });
});

describe('npm run bench command line', () => {
  it('--help prints the usage and exits 0', () => {
    const run = bench('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: npm run bench');
  });

  it('a bad size exits 2 and says what is wrong', () => {
    const run = bench('--sizes', '1e3,lots');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--sizes: "lots" is not a whole number of elements');
  });

  it('an unknown option exits 2', () => {
    const run = bench('--fast');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown option --fast');
  });
});
