/**
 * The golden:generate lock (lock.ts): one run at a time per folder, the
 * holder named when another is refused, and a lock whose process is gone
 * taken over.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LOCK_NAME } from './lock.js';
import { CannotRun } from './regeneration.js';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'golden-lock-'));
}

/** A pid no process has: that of a child that has exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('acquireLock', () => {
  it('writes the holder\'s pid and command, and release removes the file', async () => {
    const dir = folder();
    const lock = await acquireLock(dir, 'golden:generate --accept');
    const [pid, what] = readFileSync(join(dir, LOCK_NAME), 'utf8').split('\n');
    expect(Number(pid)).toBe(process.pid);
    expect(what).toMatch(/^golden:generate --accept, since \d{4}-\d\d-\d\dT/);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses while another live process holds the lock, naming it, and leaves its lock alone', async () => {
    const dir = folder();
    const holder = spawn('sleep', ['60']);
    try {
      writeFileSync(join(dir, LOCK_NAME), `${holder.pid}\ngolden:generate --from cx.jsonl, since then\n`);
      const refused = await acquireLock(dir, 'golden:generate', { waitMs: 0 }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(CannotRun);
      expect((refused as CannotRun).message).toBe(`another golden:generate is using ${dir}: pid ${holder.pid} (golden:generate --from cx.jsonl, since then) holds ${join(dir, LOCK_NAME)}. ` +
        `Rerun when it has finished; if pid ${holder.pid} is no golden:generate (its pid was reused), delete ${join(dir, LOCK_NAME)}`);
      expect(readFileSync(join(dir, LOCK_NAME), 'utf8')).toContain(String(holder.pid));
    } finally {
      holder.kill();
    }
  });

  it('takes over the lock of a process that no longer runs, and says so', async () => {
    const dir = folder();
    const dead = deadPid();
    writeFileSync(join(dir, LOCK_NAME), `${dead}\ngolden:generate, since then\n`);
    const lines: string[] = [];
    const lock = await acquireLock(dir, 'golden:generate', { waitMs: 0, log: (line) => lines.push(line) });
    expect(Number(readFileSync(join(dir, LOCK_NAME), 'utf8').split('\n')[0])).toBe(process.pid);
    expect(lines).toEqual([`golden:generate: removed the stale lock ${join(dir, LOCK_NAME)} of pid ${dead} (golden:generate, since then), which no longer runs`]);
    lock.release();
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
  });

  it('takes over a lock file that names no pid', async () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_NAME), '');
    const lock = await acquireLock(dir, 'golden:generate', { waitMs: 0 });
    expect(Number(readFileSync(join(dir, LOCK_NAME), 'utf8').split('\n')[0])).toBe(process.pid);
    lock.release();
  });
});
