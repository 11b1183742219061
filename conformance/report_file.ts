/**
 * The files the command line writes (`--json`, `--junit`, `report --out`, the
 * counterexample file, the golden scripts' outputs): checked before the run,
 * so a path that cannot be written is a usage error at once rather than a
 * stack trace after the whole run; written atomically, so a reader (or a CI
 * artefact upload) sees the old file or the whole new one, never half of it;
 * and only ever regular files. A device, a FIFO, a socket or a folder (or a
 * symbolic link to one) is refused rather than replaced: renaming over
 * /dev/full once turned the device node into an HTML page, and opening a FIFO
 * for writing waits for a reader that never comes.
 */
import {
  closeSync, constants, fchmodSync, fchownSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync,
  realpathSync, renameSync, rmdirSync, rmSync, statSync, writeSync, type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The path that stands for standard output where a command accepts it (`--json -`). */
export const STANDARD_OUTPUT = '-';

/** A report path that cannot be written; the message names the path and why. */
export class ReportPathError extends Error {
  /** True when something other than a regular file stands at the path (a device, a FIFO, a socket, a folder). */
  readonly special: boolean;

  constructor(message: string, special = false) {
    super(message);
    this.name = 'ReportPathError';
    this.special = special;
  }
}

/** A file written beside its target, ready to be renamed over it. */
export interface StagedFile {
  /** The temporary file, `.<name>.tmp-<pid>` in the target's folder. */
  readonly temp: string;
  /** The regular file it replaces or creates (a symbolic link's target, not the link). */
  readonly target: string;
}

/** Symbolic links followed at most, as the kernel's own limit (ELOOP past 40). */
const MAX_LINKS = 40;

/**
 * The regular file a report at `file` is written to: `file` itself, or, when
 * `file` is a symbolic link, the file at the end of its chain (created if it
 * does not exist yet), so the link survives the write. Anything else standing
 * there is refused with a ReportPathError whose `special` is true, and so is
 * a link to an open file descriptor (/dev/stdout, /proc/self/fd/1): renamed
 * over, the file it leads to would be replaced under the process writing it.
 */
export function outputTarget(file: string): string {
  let path = resolve(file);
  for (let links = 0; ; links++) {
    const own = statOf(path, lstatSync);
    if (!own) return path;
    if (!own.isSymbolicLink()) {
      if (own.isFile()) return path;
      throw notRegular(file, path, own);
    }
    if (isDescriptorLink(path)) {
      throw new ReportPathError(`${file} leads to an open file descriptor (${path} -> ${readlinkSync(path)}), not to a file; refusing to write over it: give the path of a regular file`, true);
    }
    if (links >= MAX_LINKS) throw new ReportPathError(`cannot write ${file}: more than ${MAX_LINKS} symbolic links to follow`);
    path = resolve(dirname(path), readlinkSync(path));
  }
}

/** Whether a symbolic link is one of /proc's links to a process's open files (reached as /proc/self/fd/N, /dev/fd/N, /dev/stdout, ...). */
function isDescriptorLink(path: string): boolean {
  try {
    return realpathSync.native(dirname(path)).startsWith('/proc/');
  } catch {
    return false;
  }
}

/**
 * Checks that a report can be written at `file` by writing (and removing) a
 * probe file beside it. Missing folders are created, and returned so the
 * caller can say so; on failure, the folders it created are removed again.
 * Temporary files an interrupted write of the same report left behind are
 * removed. `-` (standard output) needs no check.
 */
export function prepareReportPath(file: string): { created: string[] } {
  if (file === STANDARD_OUTPUT) return { created: [] };
  const target = outputTarget(file);
  const dir = dirname(target);
  const created = makeFolders(dir, `cannot write ${file}`);
  const probe = join(dir, `.${basename(target)}.${process.pid}.probe`);
  try {
    closeSync(openSync(probe, 'wx'));
    rmSync(probe, { force: true });
  } catch (e) {
    removeFolders(created);
    throw new ReportPathError(`cannot write ${file}: ${describe(e)} creating a file in ${dir}`);
  }
  removeStaleTemps(dir, 0, basename(target));
  return { created };
}

/**
 * Checks that files can be written under the folder `dir` (by creating and
 * removing a probe file in it), creating it and its missing parents; returns
 * the folders it created, outermost first, for the caller to report and, if
 * nothing ends up in them, remove (removeFolders).
 */
export function prepareOutputFolder(dir: string): { created: string[] } {
  const path = resolve(dir);
  const existing = statOf(path, statSync);
  if (existing && !existing.isDirectory()) throw new ReportPathError(`${dir} is ${kindOf(existing)}, not a folder`, true);
  const created = makeFolders(path, `cannot write into ${dir}`);
  const probe = join(path, `.probe-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    rmSync(probe, { force: true });
  } catch (e) {
    removeFolders(created);
    throw new ReportPathError(`cannot write into ${dir}: ${describe(e)} creating a file there`);
  }
  return { created };
}

/** Writes `text` to `file` through a temporary file in the same folder and a rename; `-` writes it to `stdout`. */
export function writeReportFile(file: string, text: string, stdout: (text: string) => void = (t) => void process.stdout.write(t)): void {
  if (file === STANDARD_OUTPUT) return stdout(text);
  const staged = stageFile(file, text);
  try {
    renameSync(staged.temp, staged.target);
  } catch (e) {
    rmSync(staged.temp, { force: true });
    throw new ReportPathError(`cannot write ${file}: ${describe(e)} renaming ${staged.temp} into place`);
  }
}

/**
 * Writes `text` to a temporary file beside where `file` is written, with the
 * mode (and, where allowed, the owner) of the file it will replace, so the
 * rename that follows changes the content and nothing else. What stands at
 * `file` is checked again here: it may have changed since the run began.
 */
export function stageFile(file: string, text: string): StagedFile {
  const target = outputTarget(file);
  const before = statOf(target, statSync);
  const dir = dirname(target);
  makeFolders(dir, `cannot write ${file}`);
  const temp = join(dir, `.${basename(target)}.tmp-${process.pid}`);
  try {
    // A temp of this pid left by a killed process that had the same pid is ours to replace.
    rmSync(temp, { force: true });
    const fd = openSync(temp, 'wx');
    try {
      if (before) keepOwnerAndMode(fd, before);
      writeAll(fd, text);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    rmSync(temp, { force: true });
    throw new ReportPathError(`cannot write ${file}: ${describe(e)} writing ${temp}`);
  }
  return { temp, target };
}

/**
 * Appends `text` to `file`, creating it if missing; only a regular file (or a
 * link to one) is appended to. The open does not block, so a FIFO that
 * appears between the check and the write is refused, not waited on.
 */
export function appendToFile(file: string, text: string): void {
  const target = outputTarget(file);
  let fd: number;
  try {
    fd = openSync(target, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK, 0o666);
  } catch (e) {
    throw new ReportPathError(`cannot append to ${file}: ${describe(e)}`, (e as NodeJS.ErrnoException).code === 'ENXIO');
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw notRegular(file, target, stats);
    writeAll(fd, text);
  } catch (e) {
    if (e instanceof ReportPathError) throw e;
    throw new ReportPathError(`cannot append to ${file}: ${describe(e)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Removes the temporary files (`.<name>.tmp-<pid>`) that writers killed
 * mid-write left in `dir` and, up to `depth` levels down, its subfolders:
 * only those whose process no longer runs, and with `name` only that file's.
 * Returns the paths removed.
 */
export function removeStaleTemps(dir: string, depth: number, name?: string): string[] {
  const removed: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (depth > 0) removed.push(...removeStaleTemps(path, depth - 1, name));
      continue;
    }
    const temp = /^\.(.+)\.tmp-(\d+)$/.exec(entry.name);
    if (!temp || !entry.isFile() || (name !== undefined && temp[1] !== name) || isRunning(Number(temp[2]))) continue;
    rmSync(path, { force: true });
    removed.push(path);
  }
  return removed;
}

/**
 * Creates `dir` and any missing parents, one level at a time, and returns the
 * folders it created, outermost first; failures are ReportPathErrors that
 * begin with `what`. Not `mkdirSync(dir, { recursive: true })`: on Node 20
 * that loops forever under /proc (`/proc/nope/x.json` spun at 100% CPU).
 */
export function makeFolders(dir: string, what: string): string[] {
  const missing: string[] = [];
  let existing = dir;
  while (!statOf(existing, statSync)) {
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  const found = statOf(existing, statSync);
  if (found && !found.isDirectory()) throw new ReportPathError(`${what}: ${existing} is not a folder`);
  const created: string[] = [];
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (e) {
      removeFolders(created);
      throw new ReportPathError(`${what}: ${describe(e)} creating the folder ${folder}`);
    }
    created.push(folder);
  }
  return created;
}

/** Removes folders makeFolders created (given outermost first) that are still empty, innermost first. */
export function removeFolders(created: readonly string[]): void {
  for (const folder of [...created].reverse()) {
    try {
      rmdirSync(folder);
    } catch {
      // Not empty (something was written there after all) or already gone: keep it.
    }
  }
}

/** The refusal of what stands at `path` (reached from `file`, perhaps through links), which is not a regular file. */
function notRegular(file: string, path: string, stats: Stats): ReportPathError {
  const kind = kindOf(stats);
  const link = path !== resolve(file) || statOf(path, lstatSync)?.isSymbolicLink();
  if (!link && stats.isDirectory()) return new ReportPathError(`${file} is a folder, not a file`, true);
  const what = link ? `a symbolic link to ${kind} (${linkEnd(path)})` : kind;
  return new ReportPathError(`${file} is ${what}, not a regular file; refusing to write over it: give the path of a regular file`, true);
}

/** Where a chain of links ends, for a message: its real path, or the last link's own text (/proc/self/fd/1 of a pipe reads "pipe:[…]"). */
function linkEnd(path: string): string {
  let end = path;
  let text = path;
  for (let links = 0; links < MAX_LINKS && statOf(end, lstatSync)?.isSymbolicLink(); links++) {
    text = readlinkSync(end);
    end = resolve(dirname(end), text);
  }
  return statOf(end, lstatSync) ? realpathSync(end) : text;
}

/** What a non-regular file is, for a message. */
function kindOf(stats: Stats): string {
  if (stats.isFile()) return 'a file';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Gives the staged file the replaced file's owner (only root may; otherwise it stays the writer's) and then its mode. */
function keepOwnerAndMode(fd: number, before: Stats): void {
  try {
    fchownSync(fd, before.uid, before.gid);
  } catch {
    // Not permitted for an ordinary user: the new file is theirs, as any file they write.
  }
  // After the chown, which clears set-id bits.
  fchmodSync(fd, before.mode & 0o7777);
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
}

/** The stats of `path` by `how` (stat follows links, lstat does not), or undefined when there is nothing there. */
function statOf(path: string, how: (p: string) => Stats): Stats | undefined {
  try {
    return how(path);
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
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
    ENOSPC: 'no space left on the device',
    ENXIO: 'a FIFO with no reader',
    ELOOP: 'too many symbolic links',
  };
  return err?.code ? `${err.code} (${meaning[err.code] ?? 'error'})` : String(e);
}
