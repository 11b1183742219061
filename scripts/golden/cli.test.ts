import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main as check } from './check.js';
import { main as generate } from './generate.js';
import { OPS } from '../../conformance/ops/index.js';
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
