/**
 * Report files (`--json`, `--junit`): checked before the run, so a path that
 * cannot be written is a usage error at once rather than a stack trace after
 * the whole run, and written atomically, so a reader (or a CI artefact
 * upload) sees the old file or the whole new one, never half of it.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** A report path that cannot be written; the message names the path and why. */
export class ReportPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportPathError';
  }
}

/**
 * Checks that a report can be written at `file` by writing (and removing) a
 * probe file beside it. Missing folders are created, and returned so the
 * caller can say so; on failure, the folders it created are removed again.
 */
export function prepareReportPath(file: string): { created: string[] } {
  const path = resolve(file);
  if (isDirectory(path)) throw new ReportPathError(`${file} is a folder, not a file`);
  const dir = dirname(path);
  const created = makeFolders(dir, file);
  const probe = join(dir, `.${basename(path)}.${process.pid}.probe`);
  try {
    closeSync(openSync(probe, 'wx'));
    rmSync(probe, { force: true });
  } catch (e) {
    for (const folder of [...created].reverse()) rmdirSync(folder);
    throw new ReportPathError(`cannot write ${file}: ${describe(e)} creating a file in ${dir}`);
  }
  return { created };
}

/** Writes `text` to `file` through a temporary file in the same folder and a rename. */
export function writeReportFile(file: string, text: string): void {
  const dir = dirname(resolve(file));
  makeFolders(dir, file);
  const temp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/**
 * Creates `dir` and any missing parents, one level at a time, and returns the
 * folders it created, outermost first. Not `mkdirSync(dir, { recursive: true })`:
 * on Node 20 that loops forever under /proc (`/proc/nope/x.json` spun at 100% CPU).
 */
function makeFolders(dir: string, file: string): string[] {
  const missing: string[] = [];
  let existing = dir;
  while (!exists(existing)) {
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  if (exists(existing) && !isDirectory(existing)) throw new ReportPathError(`cannot write ${file}: ${existing} is not a folder`);
  const created: string[] = [];
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (e) {
      for (const made of [...created].reverse()) rmdirSync(made);
      throw new ReportPathError(`cannot write ${file}: ${describe(e)} creating the folder ${folder}`);
    }
    created.push(folder);
  }
  return created;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** An fs error as a reader wants it: the code and its meaning, without Node's restatement of the path. */
function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const meaning: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOENT: 'no such file or folder',
    ENOTDIR: 'a parent is not a folder',
    EROFS: 'read-only file system',
    EEXIST: 'already exists',
    EISDIR: 'is a folder',
  };
  return err?.code ? `${err.code} (${meaning[err.code] ?? 'error'})` : String(e);
}
