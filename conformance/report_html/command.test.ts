/**
 * `paddle-conformance report` through the CLI: the page is written from saved
 * runs; bad inputs and unwritable --out paths are clear errors (exit 2) that
 * leave no page, no temporary file and no folder behind.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';

const FIXTURES = 'conformance/report_html/fixtures';
const RUNS = [`${FIXTURES}/reference.json`, `${FIXTURES}/example_port.json`];

interface Outcome { code: number; stdout: string; stderr: string }

/** Runs the CLI in process, collecting what it writes. */
async function cli(...args: string[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrIsTTY: false });
  return { code, stdout, stderr };
}

describe('paddle-conformance report', () => {
  it('writes one page from the runs and says what it holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    const out = join(dir, 'compat.html');
    const { code, stdout } = await cli('report', ...RUNS, '--out', out);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^wrote .*compat\.html: 78 cases x 2 ports \(reference, python3 conformance\/examples\/port_example\.py\), \d+ KiB\n$/);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
    expect(readdirSync(dir)).toEqual(['compat.html']);
  });

  it('creates missing folders for --out, and says so', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'report-')), 'a', 'b', 'page.html');
    const { code, stderr } = await cli('report', RUNS[0]!, '--out', out);
    expect(code).toBe(0);
    expect(stderr).toContain('paddle-conformance: created the folder');
    expect(existsSync(out)).toBe(true);
  });

  it('names a missing run file, exit 2, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    const { code, stderr } = await cli('report', RUNS[0]!, join(dir, 'missing.json'), '--out', join(dir, 'new', 'page.html'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^paddle-conformance: bad run report: .*missing\.json: \$: cannot read: ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names a malformed run file, exit 2, and leaves an existing page as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format": "paddle-conformance/report@1", "port": ');
    const out = join(dir, 'page.html');
    writeFileSync(out, 'the previous page');
    const { code, stderr } = await cli('report', bad, '--out', out);
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad run report: .*bad\.json: \$: not valid JSON/);
    expect(readFileSync(out, 'utf8')).toBe('the previous page');
  });

  it('rejects an --out that is a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    mkdirSync(join(dir, 'page.html'));
    const { code, stderr } = await cli('report', RUNS[0]!, '--out', join(dir, 'page.html'));
    expect(code).toBe(2);
    expect(stderr).toContain(`paddle-conformance report: --out: ${join(dir, 'page.html')} is a folder, not a file`);
  });

  it('rejects an --out under a parent that is a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    writeFileSync(join(dir, 'file'), '');
    const { code, stderr } = await cli('report', RUNS[0]!, '--out', join(dir, 'file', 'page.html'));
    expect(code).toBe(2);
    expect(stderr).toContain(`--out: cannot write ${join(dir, 'file', 'page.html')}: ${join(dir, 'file')} is not a folder`);
  });

  it('rejects an --out where nothing can be created', async () => {
    const { code, stderr } = await cli('report', RUNS[0]!, '--out', '/proc/page.html');
    expect(code).toBe(2);
    expect(stderr).toContain('--out: cannot write /proc/page.html');
  });

  it('needs --out and at least one run', async () => {
    expect((await cli('report', RUNS[0]!)).stderr).toContain('--out <file.html> is required');
    expect((await cli('report', '--out', 'x.html')).stderr).toContain('expected at least one run report');
  });

  it('has help', async () => {
    const { code, stdout } = await cli('report', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: paddle-conformance report <run\.json>\.\.\. --out <file\.html>/);
  });
});
