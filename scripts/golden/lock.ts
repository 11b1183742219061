/**
 * The golden:generate lock: a run reads a golden root (and the plan data that
 * goes with it), runs Paddle for a while, and writes both back, so two runs
 * on the same folder at once could each write what it saw: a `--from` run
 * beside a plain one left 9 regressions in the plan and 8 in the goldens.
 * A run therefore holds `.golden-generate.lock` in every folder it reads and
 * writes, a file holding its pid, made with a hard link so that it appears
 * whole or not at all. A lock whose process is gone (killed, crashed) is
 * stale and taken over; a live one is waited on briefly and then refused.
 */
import { linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { CannotRun } from './regeneration.js';

/** The lock file's name in a locked folder. */
export const LOCK_NAME = '.golden-generate.lock';

/** How long a run waits for another one's lock before refusing (ms): enough for one that is about to finish, not for a Paddle run. */
export const LOCK_WAIT_MS = 5_000;

/** A lock held by this process. */
export interface Lock {
  /** The lock file. */
  readonly path: string;
  /** Removes the lock file (once; later calls do nothing). */
  release(): void;
}

/** Who holds a lock, as its file says. */
interface Holder {
  pid: number;
  /** The holder's command line and start, for the message. */
  what: string;
  /** The lock file's identity, so a takeover removes only the file judged stale. */
  stats: Stats;
}

/**
 * Takes the lock of `dir` (which must exist) for this process, describing it
 * as `what`; waits up to `waitMs` for a live holder, then throws CannotRun
 * naming it. Stale locks are removed, with a line to `log`.
 */
export async function acquireLock(dir: string, what: string, options: { waitMs?: number; log?: (line: string) => void } = {}): Promise<Lock> {
  const path = join(dir, LOCK_NAME);
  const deadline = Date.now() + (options.waitMs ?? LOCK_WAIT_MS);
  for (;;) {
    if (tryCreate(path, what)) return heldLock(path);
    const holder = readHolder(path);
    if (holder && !isRunning(holder.pid)) {
      if (removeStale(path, holder)) options.log?.(`golden:generate: removed the stale lock ${path} of pid ${holder.pid} (${holder.what}), which no longer runs`);
      continue;
    }
    if (holder && Date.now() >= deadline) throw held(path, holder);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Creates the lock file whole (written beside it, then hard-linked into place); false when it exists already. */
function tryCreate(path: string, what: string): boolean {
  const draft = `${path}.${process.pid}`;
  writeFileSync(draft, `${process.pid}\n${what}, since ${new Date().toISOString()}\n`);
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

function heldLock(path: string): Lock {
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      rmSync(path, { force: true });
    },
  };
}

/** The holder of an existing lock; undefined when it vanished meanwhile (then the caller simply tries again). */
function readHolder(path: string): Holder | undefined {
  try {
    const stats = statSync(path);
    const [first = '', what = 'an unknown command'] = readFileSync(path, 'utf8').split('\n');
    // A file that names no pid was not made by tryCreate: treat it as held by a process that is gone.
    return { pid: /^\d+$/.test(first) ? Number(first) : 0, what, stats };
  } catch {
    return undefined;
  }
}

/**
 * Removes a stale lock, but only the file that was judged stale: it is
 * renamed aside first and compared, and a newer holder's lock that took its
 * place meanwhile is linked back. True when the stale one was removed.
 */
function removeStale(path: string, holder: Holder): boolean {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return false; // Another run removed it first.
  }
  try {
    const moved = statSync(aside);
    if (moved.ino === holder.stats.ino && moved.dev === holder.stats.dev) return true;
    linkSync(aside, path);
    return false;
  } finally {
    rmSync(aside, { force: true });
  }
}

function held(path: string, holder: Holder): CannotRun {
  return new CannotRun(`another golden:generate is using ${join(path, '..')}: pid ${holder.pid} (${holder.what}) holds ${path}. ` +
    `Rerun when it has finished; if pid ${holder.pid} is no golden:generate (its pid was reused), delete ${path}`);
}

function isRunning(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
