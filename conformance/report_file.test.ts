/**
 * The files the command line writes (report_file.ts): only regular files are
 * written or appended to, through a temporary file and a rename that keeps
 * the replaced file's mode and any symbolic link that leads to it; devices,
 * FIFOs, sockets and folders, and links to them, are refused as they stand.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appendToFile, outputTarget, prepareOutputFolder, prepareReportPath, removeStaleTemps, ReportPathError, STANDARD_OUTPUT, writeReportFile } from './report_file.js';

const isRoot = process.getuid?.() === 0;

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'report-file-'));
}

/** A FIFO at `path`, made with mkfifo(1). */
function fifo(path: string): string {
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  return path;
}

/** The ReportPathError `action` throws. */
function refusal(action: () => unknown): ReportPathError {
  try {
    action();
  } catch (e) {
    if (e instanceof ReportPathError) return e;
    throw e;
  }
  throw new Error('expected a ReportPathError');
}

/** A pid no process has: that of a child that has exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('what stands at a report path', () => {
  it('a FIFO is refused before the run and at the write, and stays a FIFO', () => {
    const path = fifo(join(folder(), 'junit.xml'));
    const early = refusal(() => prepareReportPath(path));
    expect(early.message).toBe(`${path} is a FIFO (named pipe), not a regular file; refusing to write over it: give the path of a regular file`);
    expect(early.special).toBe(true);
    expect(refusal(() => writeReportFile(path, '<x/>')).special).toBe(true);
    expect(statSync(path).isFIFO()).toBe(true);
    expect(readdirSync(join(path, '..'))).toEqual(['junit.xml']);
  });

  it('a socket is refused', async () => {
    const path = join(folder(), 'r.json');
    const server = createServer();
    await new Promise<void>((done) => server.listen(path, done));
    try {
      expect(refusal(() => writeReportFile(path, '{}')).message).toContain(`${path} is a socket, not a regular file`);
      expect(lstatSync(path).isSocket()).toBe(true);
    } finally {
      server.close();
    }
  });

  it.skipIf(!isRoot)('a device node is refused and stays a device (as root, a rename would have replaced it)', () => {
    const path = join(folder(), 'full');
    expect(spawnSync('mknod', [path, 'c', '1', '7']).status).toBe(0);
    expect(refusal(() => writeReportFile(path, '<html>')).message).toContain(`${path} is a character device, not a regular file`);
    expect(lstatSync(path).isCharacterDevice()).toBe(true);
  });

  it('a symbolic link to a device or to a FIFO is refused, naming where it leads, and stays a link', () => {
    const dir = folder();
    const toNull = join(dir, 'null.json');
    symlinkSync('/dev/null', toNull);
    expect(refusal(() => prepareReportPath(toNull)).message).toBe(
      `${toNull} is a symbolic link to a character device (/dev/null), not a regular file; refusing to write over it: give the path of a regular file`);
    const toFifo = join(dir, 'fifo.xml');
    symlinkSync(fifo(join(dir, 'pipe')), toFifo);
    expect(refusal(() => writeReportFile(toFifo, '<x/>')).message).toContain(`a symbolic link to a FIFO (named pipe) (${join(dir, 'pipe')})`);
    expect(lstatSync(toNull).isSymbolicLink()).toBe(true);
    expect(lstatSync(toFifo).isSymbolicLink()).toBe(true);
  });

  it('/dev/stdout and /proc/self/fd/1 are refused: they lead to an open file, not to a path', () => {
    for (const path of ['/dev/stdout', '/proc/self/fd/1']) {
      expect(refusal(() => prepareReportPath(path)).message).toMatch(new RegExp(`^${path} leads to an open file descriptor \\(/proc/self/fd/1 -> .*\\), not to a file`));
    }
  });

  // Spawned with standard output redirected to a file: followed as a link to a regular file, the report was renamed over it.
  it('a link to /proc/self/fd/1 of a process whose output goes to a file leaves that file alone', () => {
    const dir = folder();
    const log = join(dir, 'log.txt');
    writeFileSync(log, 'earlier output\n');
    symlinkSync('/proc/self/fd/1', join(dir, 'r.json'));
    const module = fileURLToPath(new URL('./report_file.ts', import.meta.url));
    const script = `import { writeReportFile } from ${JSON.stringify(module)}; try { writeReportFile(${JSON.stringify(join(dir, 'r.json'))}, '{"report":1}'); } catch (e) { process.stderr.write(e.message); }`;
    const fd = openSync(log, 'a');
    const inode = statSync(log).ino;
    try {
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
      expect(child.stderr).toContain('leads to an open file descriptor');
    } finally {
      closeSync(fd);
    }
    expect(statSync(log).ino).toBe(inode);
    expect(readFileSync(log, 'utf8')).toBe('earlier output\n');
  });

  it('a folder is refused', () => {
    const dir = folder();
    expect(refusal(() => prepareReportPath(dir)).message).toBe(`${dir} is a folder, not a file`);
  });

  it('a symbolic link to a regular file is written through: the file changes, the link stays', () => {
    const dir = folder();
    writeFileSync(join(dir, 'run-42.json'), 'old');
    symlinkSync('run-42.json', join(dir, 'latest.json'));
    expect(outputTarget(join(dir, 'latest.json'))).toBe(join(dir, 'run-42.json'));
    writeReportFile(join(dir, 'latest.json'), 'new');
    expect(readlinkSync(join(dir, 'latest.json'))).toBe('run-42.json');
    expect(readFileSync(join(dir, 'run-42.json'), 'utf8')).toBe('new');
  });

  it('a symbolic link to a file not made yet creates that file', () => {
    const dir = folder();
    symlinkSync('later.json', join(dir, 'latest.json'));
    writeReportFile(join(dir, 'latest.json'), 'first');
    expect(readlinkSync(join(dir, 'latest.json'))).toBe('later.json');
    expect(readFileSync(join(dir, 'later.json'), 'utf8')).toBe('first');
  });

  it('a path that became a FIFO during the run is refused at the write', () => {
    const path = join(folder(), 'r.json');
    prepareReportPath(path);
    fifo(path);
    expect(refusal(() => writeReportFile(path, '{}')).special).toBe(true);
    expect(statSync(path).isFIFO()).toBe(true);
  });
});

describe('replacing a regular file', () => {
  it.each([0o444, 0o640, 0o600])('keeps its mode %o', (mode) => {
    const path = join(folder(), 'r.json');
    writeFileSync(path, 'old');
    chmodSync(path, mode);
    writeReportFile(path, 'new');
    expect(statSync(path).mode & 0o777).toBe(mode);
    expect(readFileSync(path, 'utf8')).toBe('new');
  });

  it('- goes to standard output and touches no file', () => {
    let out = '';
    expect(prepareReportPath(STANDARD_OUTPUT)).toEqual({ created: [] });
    writeReportFile(STANDARD_OUTPUT, '{"a":1}\n', (t) => void (out += t));
    expect(out).toBe('{"a":1}\n');
    expect(existsSync(STANDARD_OUTPUT)).toBe(false);
  });
});

describe('appending', () => {
  it('appends to a regular file and creates a missing one', () => {
    const path = join(folder(), 'cx.jsonl');
    appendToFile(path, 'a\n');
    appendToFile(path, 'b\n');
    expect(readFileSync(path, 'utf8')).toBe('a\nb\n');
  });

  it('refuses a FIFO at once, without waiting for a reader', () => {
    const path = fifo(join(folder(), 'cx.jsonl'));
    expect(refusal(() => appendToFile(path, 'a\n')).message).toContain('is a FIFO (named pipe), not a regular file');
  });
});

describe('output folders', () => {
  it('a regular file given as a folder is refused', () => {
    const file = join(folder(), 'g');
    writeFileSync(file, 'x');
    expect(refusal(() => prepareOutputFolder(file)).message).toBe(`${file} is a file, not a folder`);
  });

  it.skipIf(!existsSync('/proc/self'))('a folder that cannot be created under /proc is refused (Node 20 recursive mkdir spins there)', () => {
    expect(refusal(() => prepareOutputFolder('/proc/nope/g')).message).toBe('cannot write into /proc/nope/g: ENOENT (no such file or folder) creating the folder /proc/nope');
  });

  it('creates missing folders and says which', () => {
    const dir = folder();
    expect(prepareOutputFolder(join(dir, 'a', 'b'))).toEqual({ created: [join(dir, 'a'), join(dir, 'a', 'b')] });
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual([]);
  });
});

describe('temporary files of interrupted writes', () => {
  it('removes those of processes that no longer run, and only those', () => {
    const dir = folder();
    mkdirSync(join(dir, 'family'));
    const dead = deadPid();
    const stale = join(dir, 'family', `.labels.json.tmp-${dead}`);
    const live = join(dir, 'family', `.margins.json.tmp-${process.pid}`);
    const other = join(dir, 'family', 'notes.tmp-1');
    for (const path of [stale, live, other]) writeFileSync(path, 'partial');
    expect(removeStaleTemps(dir, 1)).toEqual([stale]);
    expect(readdirSync(join(dir, 'family')).sort()).toEqual([`.margins.json.tmp-${process.pid}`, 'notes.tmp-1']);
    rmSync(live);
  });

  it('preparing a report removes its own stale temporary file', () => {
    const dir = folder();
    writeFileSync(join(dir, `.r.json.tmp-${deadPid()}`), 'partial');
    prepareReportPath(join(dir, 'r.json'));
    expect(readdirSync(dir)).toEqual([]);
  });
});
