/**
 * The hostile-port suite: the real runner (the CLI, run as a program) against
 * ports built to crash it, hang it or exhaust it, each a small script in
 * ports/. Every run must end, within RUN_MS; its counts must add up; its JSON
 * and JUnit reports must be written; no process it started may outlive it;
 * and the runner's peak RSS must stay under PEAK_RSS_KIB, whatever the port
 * sends. These are limits a run must stay under, stated here and in the
 * README's Robustness section, not measurements.
 *
 * Run with `npx vitest run --config conformance/hostile/vitest.config.ts`
 * (.ci/run does); it takes about a minute.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The runner's peak resident memory may not reach 512 MiB, whatever the port sends. */
const PEAK_RSS_KIB = 512 * 1024;

/** A run must end within this long; each scenario's own grace periods and timeouts add up to well under it. */
const RUN_MS = 45_000;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PORTS = join(ROOT, 'conformance/hostile/ports');
const FIXTURE = 'conformance/fixtures/golden';
/** The fixture's cases: every run selects them all. */
const CASES = 5;

/** What one run of the runner showed. */
interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
  /** The JSON report, parsed. */
  json: Report;
  /** The JUnit report's text. */
  junit: string;
  peakRssKiB: number;
  /** Processes started by the run (carrying its mark) still running after it ended. */
  survivors: number[];
}

/** The parts of the JSON report the suite reads. */
interface Report {
  summary: { exit_code: number; aborted?: string; not_run?: string[] };
  totals: { all: Record<string, number> & { total: number } };
  cases: { id: string; status: string; port_failure?: { message: string; detail: string }; skip_reason?: string; actual?: unknown; failure?: { message: string } }[];
}

/** How to interrupt a run: send `signal` once its stderr shows `after`. */
interface Interrupt {
  after: RegExp;
  signal: NodeJS.Signals;
}

/** Runs `paddle-conformance run` on the fixture with `args`, as a program, and gathers what it left. */
async function runHostile(args: string[], interrupt?: Interrupt): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  const mark = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const env = { ...process.env, HOSTILE_RUN: mark, PEAK_RSS_FILE: join(dir, 'rss'), NO_COLOR: '1' };
  const preload = pathToFileURL(join(ROOT, 'conformance/hostile/peak_rss.mjs')).href;
  const argv = ['--import', 'tsx', '--import', preload, 'conformance/cli.ts', 'run', '--golden', FIXTURE, '--json', join(dir, 'r.json'), '--junit', join(dir, 'r.xml'), ...args];
  const started = Date.now();
  const child = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  const keep = (key: 'stdout' | 'stderr') => (chunk: Buffer) => {
    out[key] = (out[key] + chunk.toString()).slice(-65_536);
    if (key === 'stderr' && interrupt && interrupt.after.test(out.stderr)) {
      child.kill(interrupt.signal);
      interrupt = undefined;
    }
  };
  child.stdout.on('data', keep('stdout'));
  child.stderr.on('data', keep('stderr'));
  const guard = setTimeout(() => child.kill('SIGKILL'), RUN_MS);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  clearTimeout(guard);
  const elapsedMs = Date.now() - started;
  const survivors = marked(mark);
  for (const pid of survivors) process.kill(pid, 'SIGKILL');
  const read = (name: string): string => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '');
  const json = read('r.json');
  return { code, signal, ...out, elapsedMs, json: json ? (JSON.parse(json) as Report) : ({} as Report), junit: read('r.xml'), peakRssKiB: Number(read('rss')), survivors };
}

/** Running processes whose environment carries HOSTILE_RUN=mark: the runner's, the port's, and any the port started. */
function marked(mark: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (/^\d+ \(.*\) [ZX] /s.test(readFileSync(`/proc/${name}/stat`, 'latin1'))) continue;
      if (readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(`HOSTILE_RUN=${mark}`)) found.push(Number(name));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

/** What every run must show, whatever the port did; `selected` is how many cases it was given. */
function expectSound(o: Outcome, selected = CASES): void {
  expect(o.signal, o.stderr).toBeNull();
  expect(o.elapsedMs).toBeLessThan(RUN_MS);
  expect(o.survivors).toEqual([]);
  expect(o.peakRssKiB).toBeGreaterThan(0);
  expect(o.peakRssKiB).toBeLessThan(PEAK_RSS_KIB);
  // The counts add up: every selected case is a result or not run, and the statuses sum to the results.
  const { total, ...statuses } = o.json.totals.all;
  expect(total + (o.json.summary.not_run?.length ?? 0)).toBe(selected);
  expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBe(total);
  expect(o.json.cases).toHaveLength(total);
  expect(o.junit).toContain(`<testsuites name="paddle-conformance" tests="${selected}"`);
  expect(o.junit.match(/<testcase /g)).toHaveLength(selected);
}

const port = (script: string): string[] => ['--port-cmd', `"${process.execPath}" "${join(PORTS, script)}"`];

describe.runIf(process.platform === 'linux')('hostile ports against the real runner', () => {
  it('a stderr line that never ends (a RangeError lost every report): each case times out, its stderr cut to 500 characters', async () => {
    const o = await runHostile([...port('stderr_flood.mjs'), '--timeout-ms', '2000', '--filter', '**/reduction=mean', '--filter', '**/reduction=none']);
    expectSound(o, 2);
    expect(o.json.cases.map((c) => c.status)).toEqual(['timeout', 'timeout']);
    expect(o.json.cases[0]!.port_failure!.detail).toMatch(/^e{500} … \d+ characters cut$/);
  });

  it('a stdout line that never ends: the case fails as garbage at 16 MiB, and the run goes on', async () => {
    const o = await runHostile([...port('stdout_flood.mjs'), '--timeout-ms', '3000']);
    expectSound(o);
    expect(o.json.cases[0]!.status).toBe('garbage');
    expect(o.json.cases[0]!.port_failure!.message).toContain('a stdout line longer than 16777216 bytes');
  });

  it('15 MB error messages and skip reasons (six of 40 MB took 4 GB and wrote 500 MB of reports): cut to 4096 characters', async () => {
    const o = await runHostile(port('huge_messages.mjs'));
    expectSound(o);
    // The last case expects a ValueError: its type matches, and only the message differs.
    expect(o.json.cases.map((c) => c.status)).toEqual(['fail', 'skip', 'fail', 'skip', 'pass']);
    const reason = o.json.cases[1]!.skip_reason!;
    expect([reason.length, reason.slice(4090)]).toEqual([4096 + ` … ${15_000_000 - 4096} characters cut`.length, `mmmmmm … ${15_000_000 - 4096} characters cut`]);
    expect(JSON.stringify(o.json).length).toBeLessThan(1_000_000);
    expect(o.junit.length).toBeLessThan(1_000_000);
  });

  it('a port that ignores SIGTERM and the end of its input, leaving two children on its pipes, one of them setsid: all are stopped and the run ends', async () => {
    const o = await runHostile(port('leave_children.mjs'));
    expectSound(o);
    // It skips every case, the spec ones too: not spec-conformant, so exit 1 (gate.ts).
    expect(o.code).toBe(1);
    expect(o.json.cases.map((c) => c.status)).toEqual(Array(CASES).fill('skip'));
  });

  it('a port that closes its stdout, run through the shell without exec: "stdout closed" at once, not a timeout', async () => {
    const o = await runHostile([...port('close_stdout.mjs'), '--timeout-ms', '60000']);
    expectSound(o);
    expect(o.json.cases[1]!.status).toBe('crash');
    expect(o.json.cases[1]!.port_failure!.message).toMatch(/^stdout closed: /);
    expect(o.elapsedMs).toBeLessThan(30_000);
  });

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} during a case (a port stalled, deaf to SIGTERM): the port is stopped, the reports of the two cases run are written, exit ${code}`, async () => {
      const o = await runHostile([...port('stall.mjs'), '--progress'], { after: /\[2\/5\]/, signal });
      expectSound(o);
      expect(o.code).toBe(code);
      expect(o.json.cases.map((c) => c.status)).toEqual(['skip', 'skip']);
      expect(o.json.summary.aborted).toBe(`the run was interrupted (${signal})`);
      expect(o.stdout).toContain('RUN STOPPED after 2 of 5 cases (3 not run)');
    });
  }

  it('a module port calling process.exit() in handle() (a silent exit 0): every case a crash, exit 1', async () => {
    const o = await runHostile(['--port', join(PORTS, 'exit_module.mjs')]);
    expectSound(o);
    expect(o.code).toBe(1);
    expect(o.json.cases.map((c) => c.status)).toEqual(Array(CASES).fill('crash'));
    expect(o.json.cases[0]!.port_failure!.message).toContain('called process.exit()');
  });

  it('a module port whose top-level await never settles (exit 13, not a word): the port cannot be run, exit 2, every case not run', async () => {
    const o = await runHostile(['--port', join(PORTS, 'await_forever_module.mjs')]);
    expectSound(o);
    expect(o.code).toBe(2);
    expect(o.stderr).toContain('its top-level code awaits a promise that nothing will ever settle');
    expect(o.json.summary.not_run).toHaveLength(CASES);
  });
});
