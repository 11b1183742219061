/**
 * `npm run report` (main.ts) checks its folder and every file it will write
 * before any port runs: a FIFO, a device or a file where a folder goes is
 * exit 2 at once, and left as it is (issue 19, item 7). Spawned, with a time
 * limit: before the check, each of these ran every port first.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

function report(outDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', MAIN, '--out-dir', outDir], { timeout: 60_000, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }));
  });
}

describe('npm run report refuses outputs it cannot write before running any port', () => {
  it('a FIFO where a run report goes: exit 2, the FIFO left as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-out-'));
    expect(spawnSync('mkfifo', [join(dir, 'reference.json')]).status).toBe(0);
    const out = await report(dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(`npm run report: --out-dir ${dir}: ${join(dir, 'reference.json')} is a FIFO (named pipe), not a regular file; refusing to write over it: give the path of a regular file\n`);
    expect(out.stdout).not.toContain('running');
    expect(statSync(join(dir, 'reference.json')).isFIFO()).toBe(true);
  });

  it('a file as --out-dir: exit 2', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'report-out-')), 'reports');
    writeFileSync(file, 'x');
    const out = await report(file);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(`npm run report: --out-dir ${file}: ${file} is a file, not a folder\n`);
  });

  it.skipIf(!existsSync('/proc/self'))('--out-dir /proc/nope/x: exit 2, not a spin', async () => {
    const out = await report('/proc/nope/x');
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('cannot write into /proc/nope/x: ENOENT (no such file or folder) creating the folder /proc/nope');
  });
});
