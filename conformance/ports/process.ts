/**
 * A port in any language: a child process speaking the JSON-lines protocol
 * of PROTOCOL.md, one request per line on stdin, one response per line on
 * stdout, diagnostics on stderr.
 *
 * The runner must survive whatever the process does, so every wait here has
 * a way out: a crash fails the case and the process is restarted for the
 * next one, a hang is killed at the timeout, garbage is quoted back, and a
 * process that closes its stdout or stdin while still running is reported
 * at once rather than left to time out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { stringifyExact } from '../wire.js';
import { createInterface } from 'node:readline';
import type { ResponseJson } from '../case.js';
import { capLine, capTail, TAIL_LINES } from '../excerpt.js';
import { PortFailure, PortUnavailable, type Port, type PortRequest } from '../port.js';
import { isLateAnswer, quote, readLine } from './response.js';

/** How to start a process port and how patient to be with it. */
export interface ProcessPortOptions {
  /** A command line, run by `/bin/sh -c` (so quoting, PATH and `VAR=x cmd` work as in a shell). */
  command?: string;
  /** Or the program and its arguments, run without a shell. */
  argv?: readonly string[];
  /** The name used in reports; the command line by default. */
  name?: string;
  /** How long one request may take before the process is killed. */
  timeoutMs: number;
  /** Working directory of the process. */
  cwd?: string;
  /** Environment of the process; the runner's own by default. */
  env?: NodeJS.ProcessEnv;
  /** Give up after this many crashes or timeouts in a row (default 5). */
  maxConsecutiveFailures?: number;
  /** How long to watch a fresh process for an immediate exit before trusting it (default 100 ms). */
  startupGraceMs?: number;
  /** Extra time the first request after each (re)start may take, for the port's own startup (default 0). */
  startupMs?: number;
  /** How long `close()` waits for the process to exit after stdin closes, before killing it (default 3000 ms). */
  closeGraceMs?: number;
}

/** Lines of stderr kept for diagnostics, per start of the process (capped again in bytes when quoted). */
export const STDERR_LINES = TAIL_LINES;

/**
 * How long a closed stdout or stdin waits for the process to exit before it is
 * reported as closed: a process that exits closes its streams first, and that
 * is a crash, reported with its exit code.
 */
const STREAM_CLOSE_GRACE_MS = 500;

/** Stray stdout lines kept between requests (they fail the next request). */
const STRAY_LINES = 10;

/** How an exited process ended. */
interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be spawned at all. */
  spawnError?: Error;
}

/** The request waiting for its answer. */
interface Pending {
  id: string;
  resolve: (response: ResponseJson) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Starts a process port, failing with PortUnavailable when the command cannot run. */
export async function openProcessPort(options: ProcessPortOptions): Promise<Port> {
  const port = new ProcessPort(options);
  await port.start();
  return port;
}

/** One running copy of the port's process and what it has said so far. */
class Incarnation {
  readonly child: ChildProcess;
  readonly stray: string[] = [];
  /** Ids of requests answered with garbage: a well-formed answer to one of them arriving later is dropped. */
  readonly failedIds = new Set<string>();
  exit: ExitInfo | undefined;
  /** Whether no request has been sent yet: the first one also waits for the port's startup. */
  fresh = true;
  /** The last lines of this start's stderr: a failure quotes its own start, not earlier ones. */
  readonly stderr: string[] = [];
  /** Set when the process closed its stdout or stdin while still running: it was killed, and the next request is told. */
  lostStream: 'stdout' | 'stdin' | undefined;
  readonly exited: Promise<ExitInfo>;

  constructor(child: ChildProcess, onLine: (line: string) => void, onStreamClosed: (stream: 'stdout' | 'stdin') => void) {
    this.child = child;
    createInterface({ input: child.stdout!, crlfDelay: Infinity }).on('line', onLine);
    createInterface({ input: child.stderr!, crlfDelay: Infinity }).on('line', (line) => this.noteStderr(line));
    child.stdout!.once('end', () => onStreamClosed('stdout'));
    // EPIPE: the port closed its stdin (or died) while we wrote to it; it must not take the runner down.
    child.stdin!.on('error', () => onStreamClosed('stdin'));
    this.exited = new Promise((resolve) => this.watchExit(resolve));
  }

  /** Keeps a stderr line, each cut to a readable length, the last STDERR_LINES of them. */
  noteStderr(line: string): void {
    this.stderr.push(capLine(line));
    if (this.stderr.length > STDERR_LINES) this.stderr.shift();
  }

  /** This start's stderr tail, capped in bytes too. */
  tail(): string {
    return capTail(this.stderr.join('\n'));
  }

  /** Resolves once the process is gone and its stdout drained (or shortly after exit, if a grandchild holds stdout open). */
  private watchExit(resolve: (info: ExitInfo) => void): void {
    const finish = (info: ExitInfo): void => {
      if (this.exit) return;
      this.exit = info;
      resolve(info);
    };
    this.child.once('error', (spawnError) => finish({ code: null, signal: null, spawnError }));
    this.child.once('close', (code, signal) => finish({ code, signal }));
    this.child.once('exit', (code, signal) => {
      setTimeout(() => finish({ code, signal }), 200).unref();
    });
  }

  /** Kills the whole process group (the shell and whatever it started). */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.exit || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      this.child.kill(signal);
    }
  }
}

/** A process port: the protocol over a child's stdin and stdout, with restarts. */
class ProcessPort implements Port {
  readonly name: string;
  readonly startupMs: number;
  private readonly options: ProcessPortOptions;
  private current: Incarnation | undefined;
  /** The latest start, alive or not, whose stderr a PortUnavailable quotes. */
  private latest: Incarnation | undefined;
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private failuresInARow = 0;
  private starts = 0;
  private everAnswered = false;
  private closed = false;
  private readonly killOnExit = (): void => this.current?.kill();

  constructor(options: ProcessPortOptions) {
    if (!options.command === !options.argv) throw new Error('a process port needs exactly one of "command" or "argv"');
    this.options = options;
    this.name = options.name ?? options.command ?? options.argv!.join(' ');
    this.startupMs = options.startupMs ?? 0;
    process.on('exit', this.killOnExit);
  }

  /** Spawns the first process and watches it briefly, so a missing command fails before any case runs. */
  async start(): Promise<void> {
    const proc = this.spawn();
    const grace = this.options.startupGraceMs ?? 100;
    const early = await Promise.race([proc.exited, delay(grace).then(() => undefined)]);
    if (early) {
      this.current = undefined;
      process.off('exit', this.killOnExit);
      throw this.unavailable(`the port exited at startup (${describeExit(early)})`, proc);
    }
  }

  /** Sends one request and waits for its answer; requests are served one at a time. */
  handle(request: PortRequest): Promise<ResponseJson> {
    const next = this.queue.then(() => this.handleNow(request));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Closes stdin, waits for the process to exit, and kills it if it does not. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    const proc = this.current;
    this.current = undefined;
    if (proc && !proc.exit) await stop(proc, this.options.closeGraceMs ?? 3000);
    process.off('exit', this.killOnExit);
  }

  private async handleNow(request: PortRequest): Promise<ResponseJson> {
    if (this.closed) throw new Error(`port ${this.name} is closed`);
    const lost = this.latest?.lostStream;
    if (lost && this.latest !== this.current) {
      // Closed between requests: this case is the first to find out; the next one gets a fresh process.
      const proc = this.latest!;
      proc.lostStream = undefined;
      this.failuresInARow++;
      throw new PortFailure('crash', `${lost} closed: the port closed its ${lost} while still running, before case ${request.id}; it was killed and will be restarted for the next case`, proc.tail());
    }
    const proc = this.running();
    const stray = proc.stray.splice(0).filter((line) => !isLateAnswer(line, proc.failedIds));
    if (stray.length > 0) {
      throw new PortFailure('garbage', `port wrote ${stray.length} line(s) to stdout that answered no request, before case ${request.id}`, stray.map((l) => quote(l)).join('\n'));
    }
    return this.exchange(proc, request);
  }

  /** The live process, restarting it when the last one died. */
  private running(): Incarnation {
    if (this.current && !this.current.exit) return this.current;
    const limit = this.options.maxConsecutiveFailures ?? 5;
    if (this.failuresInARow >= limit) {
      throw this.unavailable(`gave up after ${this.failuresInARow} crashes or timeouts in a row`, this.latest);
    }
    return this.spawn();
  }

  private spawn(): Incarnation {
    const [file, args] = this.options.command ? ['/bin/sh', ['-c', this.options.command]] : [this.options.argv![0]!, this.options.argv!.slice(1)];
    this.starts++;
    const child = spawn(file, args, { cwd: this.options.cwd, env: this.options.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const proc: Incarnation = new Incarnation(child, (line) => this.onLine(proc, line), (stream) => void this.onStreamClosed(proc, stream));
    proc.exited.then((info) => this.onExit(proc, info));
    this.current = proc;
    this.latest = proc;
    return proc;
  }

  private exchange(proc: Incarnation, request: PortRequest): Promise<ResponseJson> {
    return new Promise((resolve, reject) => {
      const allowance = proc.fresh ? this.startupMs : 0;
      proc.fresh = false;
      const timer = setTimeout(() => this.onTimeout(proc, allowance), this.options.timeoutMs + allowance);
      this.pending = { id: request.id, resolve, reject, timer };
      // stringifyExact keeps -0 (JSON.stringify writes it as 0, and the port would compute with +0).
      proc.child.stdin!.write(`${stringifyExact(request)}\n`);
    });
  }

  private onLine(proc: Incarnation, line: string): void {
    if (proc !== this.current) return;
    const pending = this.pending;
    if (!pending) {
      if (proc.stray.length < STRAY_LINES) proc.stray.push(line);
      return;
    }
    const verdict = readLine(line, pending.id, proc.failedIds);
    if (verdict.kind === 'late') return;
    if (verdict.kind === 'garbage') {
      proc.failedIds.add(pending.id);
      return this.settle(() => pending.reject(verdict.failure));
    }
    this.everAnswered = true;
    this.failuresInARow = 0;
    this.settle(() => pending.resolve(verdict.response));
  }

  private onTimeout(proc: Incarnation, allowance: number): void {
    const pending = this.pending;
    if (!pending || proc !== this.current) return;
    proc.kill();
    this.current = undefined;
    this.failuresInARow++;
    const message = `port did not answer case ${pending.id} within ${this.options.timeoutMs} ms${allowance ? ` (+${allowance} ms for its startup)` : ''}; it was killed and will be restarted for the next case`;
    this.settle(() => pending.reject(new PortFailure('timeout', message, proc.tail())));
  }

  /** The process closed its stdout or stdin but did not exit: nothing more can be exchanged, so say so now. */
  private async onStreamClosed(proc: Incarnation, stream: 'stdout' | 'stdin'): Promise<void> {
    if (this.closed || proc.exit || proc.lostStream) return;
    const exited = await Promise.race([proc.exited, delay(STREAM_CLOSE_GRACE_MS).then(() => undefined)]);
    // A busy event loop runs timers before it delivers a pending exit: let that exit arrive first.
    await new Promise((resolve) => setImmediate(resolve));
    const gone = proc.child.exitCode !== null || proc.child.signalCode !== null;
    if (exited || gone || this.closed || proc !== this.current) return;
    proc.lostStream = stream;
    proc.kill();
    this.current = undefined;
    const pending = this.pending;
    if (!pending) return;
    proc.lostStream = undefined;
    this.failuresInARow++;
    const message = `${stream} closed: the port closed its ${stream} while still running, during case ${pending.id}; it was killed and will be restarted for the next case`;
    this.settle(() => pending.reject(new PortFailure('crash', message, proc.tail())));
  }

  private onExit(proc: Incarnation, info: ExitInfo): void {
    const pending = this.pending;
    if (proc !== this.current) return;
    this.current = undefined;
    if (!pending) return;
    this.failuresInARow++;
    if (!this.everAnswered && (info.spawnError || info.code === 126 || info.code === 127 || this.starts >= 2)) {
      const times = this.starts >= 2 ? `; it was started ${this.starts} times and never answered a request` : '';
      return this.settle(() => pending.reject(this.unavailable(`the port cannot be run (${describeExit(info)}${times})`, proc)));
    }
    const message = `port ${describeExit(info)} while handling case ${pending.id}; it will be restarted for the next case`;
    this.settle(() => pending.reject(new PortFailure('crash', message, proc.tail())));
  }

  private settle(action: () => void): void {
    clearTimeout(this.pending!.timer);
    this.pending = undefined;
    action();
  }

  private unavailable(message: string, proc: Incarnation | undefined): PortUnavailable {
    return new PortUnavailable(this.name, `${message}\n  command: ${this.name}${this.options.cwd ? `\n  in: ${this.options.cwd}` : ''}`, proc?.tail() ?? '');
  }
}

/** Ends stdin and waits; then SIGTERM, then SIGKILL, each after the grace period. */
async function stop(proc: Incarnation, graceMs: number): Promise<void> {
  proc.child.stdin!.end();
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    if (await Promise.race([proc.exited, delay(graceMs).then(() => undefined)])) return;
    proc.kill(signal);
  }
  await Promise.race([proc.exited, delay(graceMs)]);
}

function describeExit(info: ExitInfo): string {
  if (info.spawnError) return `spawn failed: ${info.spawnError.message}`;
  if (info.signal) return `was killed by ${info.signal}`;
  if (info.code === 127) return 'exited with code 127: command not found';
  if (info.code === 126) return 'exited with code 126: command not executable';
  return `exited with code ${info.code}`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
