/**
 * A port in any language: a child process speaking the JSON-lines protocol
 * of PROTOCOL.md, one request per line on stdin, one response per line on
 * stdout, diagnostics on stderr.
 *
 * The runner must survive whatever the process does, so every wait here has
 * a way out: a crash fails the case and the process is restarted for the
 * next one, a hang is killed at the timeout, garbage is quoted back, and a
 * process that closes its stdout or stdin while still running is reported
 * at once rather than left to time out. Nothing the process writes can grow
 * the runner's memory without bound (line_splitter.ts), and when a start of
 * the port ends, every process it started ends with it (port_processes.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { stringifyExact } from '../wire.js';
import type { ResponseJson } from '../case.js';
import { capLine, capTail, LINE_CHARS, TAIL_LINES } from '../excerpt.js';
import { PortFailure, PortUnavailable, type CloseOptions, type Port, type PortRequest } from '../port.js';
import { LineSplitter, type SplitLine } from './line_splitter.js';
import { PortProcesses } from './port_processes.js';
import { isLateAnswer, quote, QUOTE_LIMIT, readLine } from './response.js';
import { shellScript, signalOfShellStatus } from './shell_command.js';

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
 * The longest stdout line read as a response: 16 MiB, some fifteen times the
 * largest request of the bundled goldens (1 MiB). A longer line fails its case
 * as garbage as soon as it passes the limit, and the rest of it is dropped.
 */
export const RESPONSE_LINE_BYTES = 16 * 1024 * 1024;

/** Bytes of each stderr line kept: enough for LINE_CHARS characters of UTF-8, the most a quote shows. */
const STDERR_LINE_BYTES = 4 * LINE_CHARS;

/** How often the end of a start is checked for, while waiting for its last processes to go. */
const POLL_MS = 50;

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
  /** Set when the process was the shell running a command line, whose exit code above 128 reports a signal. */
  viaShell?: boolean;
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
  /** Every process this start began, for stopping them all. */
  readonly processes: PortProcesses;
  /** Quotes of stdout lines that arrived while no request waited (late answers to failed cases left out). */
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
  /** Resolves when the first process itself has exited, whoever still holds its pipes. */
  readonly leaderExited: Promise<void>;
  private readonly stderrLines = new LineSplitter(STDERR_LINE_BYTES, (line) => this.noteStderr(line));

  constructor(child: ChildProcess, processes: PortProcesses, reader: StdoutReader, onStreamClosed: (stream: 'stdout' | 'stdin') => void) {
    this.child = child;
    this.processes = processes;
    processes.started(child.pid);
    const stdoutLines = new LineSplitter(RESPONSE_LINE_BYTES, reader.line, reader.overlong);
    child.stdout!.on('data', (chunk: Buffer) => stdoutLines.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => this.stderrLines.push(chunk));
    child.stdout!.once('end', () => onStreamClosed('stdout'));
    // EPIPE: the port closed its stdin (or died) while we wrote to it; it must not take the runner down.
    child.stdin!.on('error', () => onStreamClosed('stdin'));
    this.leaderExited = new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', () => resolve());
    });
    this.exited = new Promise((resolve) => this.watchExit(resolve));
  }

  /** Keeps a stderr line, each cut to a readable length, the last STDERR_LINES of them. */
  noteStderr(line: SplitLine): void {
    this.stderr.push(capped(line));
    if (this.stderr.length > STDERR_LINES) this.stderr.shift();
  }

  /** This start's stderr tail, with the line it is still writing, capped in bytes too. */
  tail(): string {
    const pending = this.stderrLines.pending();
    return capTail([...this.stderr, ...(pending ? [capped(pending)] : [])].join('\n'));
  }

  /** Resolves once the process is gone and its stdout drained (or shortly after exit, if a grandchild holds stdout open). */
  private watchExit(resolve: (info: ExitInfo) => void): void {
    const finish = (info: ExitInfo): void => {
      if (this.exit) return;
      this.exit = info;
      resolve(info);
    };
    const viaShell = this.child.spawnfile === '/bin/sh';
    this.child.once('error', (spawnError) => finish({ code: null, signal: null, spawnError }));
    this.child.once('close', (code, signal) => finish({ code, signal, viaShell }));
    this.child.once('exit', (code, signal) => {
      setTimeout(() => finish({ code, signal, viaShell }), 200).unref();
    });
  }

  /** Signals every process of this start: its group, and whatever left the group carrying its marker. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.child.pid === undefined) return;
    this.processes.signal(signal);
  }

  /**
   * Waits up to `ms` for this start to be over: its first process exited and
   * no process of it left. Its timers hold the runner open: once the shell
   * has exited, they may be all that does while a leftover process is stopped.
   */
  async over(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    if (!(await Promise.race([this.leaderExited.then(() => true), delay(ms, true).then(() => false)]))) return false;
    for (;;) {
      if (!this.processes.alive()) return true;
      if (Date.now() >= deadline) return false;
      await delay(POLL_MS, true);
    }
  }

  /** Lets go of the pipes, so a process that outlived every signal cannot keep the runner waiting on them. */
  release(): void {
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) stream?.destroy();
  }

  /** Kills every process of this start and lets go of its pipes: the start is over, whatever is left of it. */
  end(): void {
    this.kill('SIGKILL');
    this.release();
  }
}

/** What the process port does with each stdout line, and with a line that passes the limit. */
interface StdoutReader {
  line: (line: SplitLine) => void;
  overlong: (line: { head: string }) => void;
}

/** A stderr line as kept: cut to LINE_CHARS characters, saying how many were cut (the splitter's drop included). */
function capped(line: SplitLine): string {
  if (line.dropped === 0) return capLine(line.text);
  return `${line.text.slice(0, LINE_CHARS)} … ${line.text.length - LINE_CHARS + line.dropped} characters cut`;
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
  private interrupted = false;
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
      proc.end();
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

  /**
   * Closes stdin and waits for every process of the port to exit: SIGTERM
   * after the grace period, SIGKILL after another. Interrupted, it fails the
   * request in flight and sends SIGTERM at once.
   */
  async close(options: CloseOptions = {}): Promise<void> {
    this.closed = true;
    this.interrupted = options.interrupted ?? false;
    if (options.interrupted && this.pending) {
      const pending = this.pending;
      this.settle(() => pending.reject(new PortFailure('crash', `the run was interrupted during case ${pending.id}`)));
    }
    await this.queue;
    const proc = this.current;
    this.current = undefined;
    if (proc) await stop(proc, this.options.closeGraceMs ?? 3000, options.interrupted ?? false);
    process.off('exit', this.killOnExit);
  }

  private async handleNow(request: PortRequest): Promise<ResponseJson> {
    if (this.interrupted) throw new PortFailure('crash', `the run was interrupted before case ${request.id}`);
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
    const stray = proc.stray.splice(0);
    if (stray.length > 0) {
      throw new PortFailure('garbage', `port wrote ${stray.length} line(s) to stdout that answered no request, before case ${request.id}`, stray.join('\n'));
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
    const [file, args] = this.options.command ? ['/bin/sh', ['-c', shellScript(this.options.command)]] : [this.options.argv![0]!, this.options.argv!.slice(1)];
    this.starts++;
    const processes = new PortProcesses();
    const env = processes.environment(this.options.env);
    const child = spawn(file, args, { cwd: this.options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const reader: StdoutReader = { line: (line) => this.onLine(proc, line), overlong: (line) => this.onOverlong(proc, line.head) };
    const proc: Incarnation = new Incarnation(child, processes, reader, (stream) => void this.onStreamClosed(proc, stream));
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

  private onLine(proc: Incarnation, { text: line, dropped }: SplitLine): void {
    // An overlong line was dealt with when it passed the limit (onOverlong); its end is dropped.
    if (proc !== this.current || dropped > 0) return;
    const pending = this.pending;
    if (!pending) {
      // Kept as quotes, so ten stray lines of 16 MiB cost no more than ten short ones.
      if (proc.stray.length < STRAY_LINES && !isLateAnswer(line, proc.failedIds)) proc.stray.push(quote(line));
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

  /** A stdout line passed RESPONSE_LINE_BYTES: it fails the case waiting (or the next one) now, not when (if ever) it ends. */
  private onOverlong(proc: Incarnation, head: string): void {
    if (proc !== this.current) return;
    const what = `a stdout line longer than ${RESPONSE_LINE_BYTES} bytes (16 MiB, the limit for one response); the rest of it is dropped`;
    const start = `${JSON.stringify(head.slice(0, QUOTE_LIMIT))}... (its first ${QUOTE_LIMIT} characters)`;
    const pending = this.pending;
    if (!pending) {
      if (proc.stray.length < STRAY_LINES) proc.stray.push(`${start}, ${what}`);
      return;
    }
    proc.failedIds.add(pending.id);
    this.settle(() => pending.reject(new PortFailure('garbage', `port wrote ${what}, for case ${pending.id}`, start)));
  }

  private onTimeout(proc: Incarnation, allowance: number): void {
    const pending = this.pending;
    if (!pending || proc !== this.current) return;
    const tail = proc.tail();
    proc.end();
    this.current = undefined;
    this.failuresInARow++;
    const message = `port did not answer case ${pending.id} within ${this.options.timeoutMs} ms${allowance ? ` (+${allowance} ms for its startup)` : ''}; it was killed and will be restarted for the next case`;
    this.settle(() => pending.reject(new PortFailure('timeout', message, tail)));
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
    const tail = proc.tail();
    proc.end();
    this.current = undefined;
    const pending = this.pending;
    if (!pending) return;
    proc.lostStream = undefined;
    this.failuresInARow++;
    const message = `${stream} closed: the port closed its ${stream} while still running, during case ${pending.id}; it was killed and will be restarted for the next case`;
    this.settle(() => pending.reject(new PortFailure('crash', message, tail)));
  }

  private onExit(proc: Incarnation, info: ExitInfo): void {
    const pending = this.pending;
    const tail = proc.tail();
    // Whatever the start left behind (a child still holding its pipes) goes with it; a closing port's stop() does this itself.
    if (!this.closed) proc.end();
    if (proc !== this.current) return;
    this.current = undefined;
    if (!pending) return;
    this.failuresInARow++;
    if (!this.everAnswered && (info.spawnError || info.code === 126 || info.code === 127 || this.starts >= 2)) {
      const times = this.starts >= 2 ? `; it was started ${this.starts} times and never answered a request` : '';
      return this.settle(() => pending.reject(this.unavailable(`the port cannot be run (${describeExit(info)}${times})`, proc)));
    }
    const message = `port ${describeExit(info)} while handling case ${pending.id}; it will be restarted for the next case`;
    this.settle(() => pending.reject(new PortFailure('crash', message, tail)));
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

/**
 * Ends stdin and waits for every process of the start to exit; then SIGTERM,
 * then SIGKILL, each after the grace period (SIGTERM at once when the run was
 * interrupted). The group and every process carrying the start's marker are
 * signalled, whether or not the first process is still there.
 */
async function stop(proc: Incarnation, graceMs: number, interrupted: boolean): Promise<void> {
  proc.child.stdin!.end();
  const steps: (NodeJS.Signals | undefined)[] = interrupted ? ['SIGTERM', 'SIGKILL'] : [undefined, 'SIGTERM', 'SIGKILL'];
  for (const signal of steps) {
    if (signal) proc.kill(signal);
    if (await proc.over(graceMs)) break;
  }
  proc.end();
}

function describeExit(info: ExitInfo): string {
  if (info.spawnError) return `spawn failed: ${info.spawnError.message}`;
  if (info.signal) return `was killed by ${info.signal}`;
  if (info.code === 127) return 'exited with code 127: command not found';
  if (info.code === 126) return 'exited with code 126: command not executable';
  const signal = info.viaShell ? signalOfShellStatus(info.code) : undefined;
  if (signal) return `exited with code ${info.code}, the shell's status for a command killed by ${signal}`;
  return `exited with code ${info.code}`;
}

/** A pause; unless `holdOpen`, it does not keep the runner from exiting. */
function delay(ms: number, holdOpen = false): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (!holdOpen) timer.unref();
  });
}
