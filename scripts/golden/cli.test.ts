import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { main as check } from './check.js';
import { main as generate } from './generate.js';
import { OPS } from '../../conformance/ops/index.js';
import { LOCK_NAME } from './lock.js';
import { CannotRun } from './regeneration.js';

// Each of these must be refused as a usage error before any Paddle runs or any file is touched.
describe('golden:generate refuses arguments it would otherwise misread', () => {
  it.each([
    [['--out'], /--out needs a directory/],
    [['--out='], /--out needs a directory/],
    [['--baseline', '', '--paddle-version', '2.6.2'], /--baseline needs a directory/],
    [['--report', '', '--paddle-version', '2.6.2'], /--report needs a file/],
    [['accept'], /unexpected argument accept/],
    [['--report', '/tmp/r.txt'], /--report and --baseline only apply with --paddle-version/],
    [['--baseline', '/tmp'], /--report and --baseline only apply with --paddle-version/],
    [['--bogus'], /unknown option --bogus/],
    [['--op', ''], new RegExp(`--op needs an op family, e.g. --op ${OPS[0]!.family}`)],
    [['--op', 'no_such_op'], new RegExp(`--op no_such_op: no such op is registered; registered: ${OPS.map((o) => o.family).join(', ')}`)],
    [['--paddle', ''], /--paddle needs a release, e\.g\. --paddle 2\.6\.2/],
    [['--paddle', '2.5.2'], /--paddle: no expectations are kept for Paddle "2\.5\.2"; choose one of 2\.6\.2, 3\.0\.0/],
    [['--paddle', '3.0.0', '--all-versions'], /give --paddle <X> or --all-versions, not both/],
    [['--paddle', '3.0.0', '--from', 'x.jsonl'], /--from does not go with --paddle or --all-versions/],
    [['--all-versions', '--paddle-version', '2.6.2'], /--paddle-version does not go with --paddle or --all-versions/],
  ])('%j', async (argv, message) => {
    await expect(generate(argv)).rejects.toThrow(CannotRun);
    await expect(generate(argv)).rejects.toThrow(message);
  });
});

describe('golden:check refuses arguments it would otherwise ignore', () => {
  it.each([
    [['skip-unavailable'], /unexpected argument skip-unavailable/],
    [['--bogus'], /unknown option --bogus/],
    [['--paddle', '2.5.2'], /--paddle: no expectations are kept for Paddle "2\.5\.2"/],
    [['--paddle', '3.0.0', '--all-versions'], /give --paddle <X> or --all-versions, not both/],
    [['--paddle', '3.0.0', '--paddle', '3.1.0'], /--paddle needs one release/],
  ])('%j', async (argv, message) => {
    await expect(check(argv)).rejects.toThrow(CannotRun);
    await expect(check(argv)).rejects.toThrow(message);
  });
});

describe('golden:generate checks where the report goes before it runs Paddle', () => {
  it('refuses a --report in a directory that does not exist', async () => {
    await expect(generate(['--paddle-version', '2.6.2', '--report', '/nonexistent-dir/drift.txt'])).rejects.toThrow(/--report .*the directory \/nonexistent-dir does not exist/);
  });
});

describe('golden:check --skip-unavailable', () => {
  it("prints one SKIPPED line that ends with Python's own complaint, not a dangling 'Python said:'", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-python-'));
    const python = join(dir, 'python');
    writeFileSync(python, '#!/bin/sh\necho "Traceback (most recent call last):" >&2\necho "ModuleNotFoundError: No module named \'paddle\'" >&2\nexit 1\n', { mode: 0o755 });
    vi.stubEnv('PADDLE_PYTHON', python);
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      expect(await check(['--skip-unavailable'])).toBe(0);
    } finally {
      vi.restoreAllMocks();
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^SKIPPED: golden:check — .*cannot import paddle.*ModuleNotFoundError: No module named 'paddle'$/);
  });
});

/** Runs generate in process with a PADDLE_PYTHON that does not exist: whatever reaches Paddle fails there, with exit 2. */
async function withoutPaddle(argv: string[]): Promise<unknown> {
  vi.stubEnv('PADDLE_PYTHON', '/no/such/python');
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  try {
    return await generate(argv).catch((e: unknown) => e);
  } finally {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  }
}

/** A pid no process has: that of a child that has exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

// Issue 19, item 8: each was found only after the whole Paddle run; now before it (PADDLE_PYTHON is never reached).
describe('golden:generate checks --out and --report before it runs Paddle', () => {
  it('a regular file as --out is a usage error (it was a stack trace and exit 1 after the run)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'golden-out-')), 'g');
    writeFileSync(file, 'not a folder');
    const e = await withoutPaddle(['--out', file, '--op', OPS[0]!.family]);
    expect(e).toBeInstanceOf(CannotRun);
    expect((e as Error).message).toBe(`--out: ${file} is a file, not a folder`);
  });

  // Spawned, with a time limit: Node's recursive mkdir spins forever on /proc/nope, and a spin in process could not be timed out.
  it.skipIf(!existsSync('/proc/self'))('--out /proc/nope/g is a usage error at once, not a spin', async () => {
    const out = await new Promise<{ code: number | null; stderr: string }>((done) => {
      execFile(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./generate.ts', import.meta.url)), '--out', '/proc/nope/g'],
        { env: { ...process.env, PADDLE_PYTHON: '/no/such/python' }, timeout: 30_000, killSignal: 'SIGKILL' },
        (error, _stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }));
    });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('golden:generate: --out: cannot write into /proc/nope/g: ENOENT (no such file or folder) creating the folder /proc/nope\nNothing was written.');
  });

  it('a FIFO as --report is a usage error (writing it would wait for a reader)', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'golden-report-')), 'drift.txt');
    expect(spawnSync('mkfifo', [report]).status).toBe(0);
    const e = await withoutPaddle(['--paddle-version', '2.6.2', '--report', report]);
    expect((e as Error).message).toContain(`--report: ${report} is a FIFO (named pipe), not a regular file`);
    expect(statSync(report).isFIFO()).toBe(true);
  });

  it('--report - is a usage error: the drift report is on standard output already', async () => {
    const e = await withoutPaddle(['--paddle-version', '2.6.2', '--report', '-']);
    expect((e as Error).message).toBe('--report -: the drift report is printed on standard output already; give a file to save it to');
  });
});

// Issue 19, item 10: a --from run beside a plain one left 9 regressions in the plan and 8 in the goldens.
describe('golden:generate holds a lock on the folders it writes', () => {
  it('refuses while another live golden:generate holds --out, naming it, before reading anything', async () => {
    const out = mkdtempSync(join(tmpdir(), 'golden-out-'));
    const holder = spawn('sleep', ['60']);
    try {
      writeFileSync(join(out, LOCK_NAME), `${holder.pid}\ngolden:generate --from cx.jsonl, since then\n`);
      const e = await withoutPaddle(['--out', out, '--op', OPS[0]!.family]);
      expect(e).toBeInstanceOf(CannotRun);
      expect((e as Error).message).toMatch(new RegExp(`^another golden:generate is using ${out}: pid ${holder.pid} \\(golden:generate --from cx\\.jsonl, since then\\) holds`));
    } finally {
      holder.kill();
    }
  });

  it('releases its lock however the run ends, and removes the folders it made for nothing', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'golden-out-'));
    const e = await withoutPaddle(['--out', join(parent, 'new', 'g'), '--op', OPS[0]!.family]);
    expect((e as Error).message).toContain('PADDLE_PYTHON=/no/such/python does not exist');
    expect(readdirSync(parent)).toEqual([]);
  });

  it('removes the temp files an interrupted run left, and only those of processes that are gone', async () => {
    const out = mkdtempSync(join(tmpdir(), 'golden-out-'));
    const family = OPS[0]!.family;
    mkdirSync(join(out, family));
    const holder = spawn('sleep', ['60']);
    try {
      const stale = `.labels.json.tmp-${deadPid()}`;
      const live = `.margins.json.tmp-${holder.pid}`;
      for (const name of [stale, live]) writeFileSync(join(out, family, name), 'partial');
      await withoutPaddle(['--out', out, '--op', family]);
      expect(readdirSync(join(out, family))).toEqual([live]);
    } finally {
      holder.kill();
    }
  });
});
