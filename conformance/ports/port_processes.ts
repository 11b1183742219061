/**
 * Every process a process port started, found so that it can be stopped.
 * The port runs in its own process group, but a port can leave it: a child
 * that calls setsid() is in a new session, and the kill of the group misses
 * it. So each start of a port also carries a marker in its environment,
 * which its children inherit however they detach; on Linux the processes
 * carrying it are found in /proc and signalled one by one. (A process that
 * both leaves the group and clears its environment is out of reach.)
 */
import { readdirSync, readFileSync } from 'node:fs';

/** The environment variable that marks a port's processes. */
export const MARKER_VARIABLE = 'PADDLE_CONFORMANCE_PORT';

/** Starts so far in this runner, so that every start has its own marker. */
let starts = 0;

/** The processes of one start of a port: its process group and everything carrying its marker. */
export class PortProcesses {
  /** The marker's value, unique to this start in this runner. */
  readonly marker: string;
  private group: number | undefined;

  constructor() {
    this.marker = `${process.pid}.${++starts}.${Math.random().toString(36).slice(2, 10)}`;
  }

  /** The environment to start the port with: `base` plus the marker. */
  environment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
    return { ...base, [MARKER_VARIABLE]: this.marker };
  }

  /** Records the group the port was started in (its first process's pid, started detached). */
  started(pid: number | undefined): void {
    this.group = pid;
  }

  /** The live processes of this start (not zombies), where /proc tells; undefined where it cannot. */
  members(): number[] | undefined {
    return liveProcesses((p) => p.group === this.group || p.environ.includes(`\0${MARKER_VARIABLE}=${this.marker}\0`));
  }

  /** Whether any process of this start still runs (where /proc cannot tell, whether its group has a member). */
  alive(): boolean {
    const members = this.members();
    if (members) return members.length > 0;
    if (this.group === undefined) return false;
    return send(-this.group, 0);
  }

  /**
   * Sends `signal` to the whole group and to every process carrying the marker.
   * The group is signalled as one (a port that forks in a loop cannot outrun
   * it), but only while it has members, so a group id the kernel has since
   * given to another process is never signalled.
   */
  signal(signal: NodeJS.Signals): void {
    const members = this.members();
    if (this.group !== undefined && (members === undefined || members.length > 0)) send(-this.group, signal);
    for (const pid of members ?? []) send(pid, signal);
  }
}

/** What /proc tells of one process. */
interface ProcEntry {
  pid: number;
  group: number;
  /** The environment the process started with, NUL-separated, with a NUL before the first entry. */
  environ: string;
}

/** The pids of live processes matching `wanted`; undefined without /proc (not Linux). */
function liveProcesses(wanted: (p: ProcEntry) => boolean): number[] | undefined {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const found: number[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    const entry = readEntry(Number(name));
    if (entry && wanted(entry)) found.push(entry.pid);
  }
  return found;
}

/** One process's group and environment, or undefined when it is gone or a zombie. */
function readEntry(pid: number): ProcEntry | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  // The command name is in parentheses and may itself hold spaces and parentheses: read after the last one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
  return { pid, group: Number(fields[2]), environ: `\0${readEnviron(pid)}` };
}

/** A process's starting environment; empty when it is not ours to read. */
function readEnviron(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1');
  } catch {
    return '';
  }
}

/** kill(2), true when the target exists; a target already gone is not an error here. */
function send(target: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(target, signal);
    return true;
  } catch {
    return false;
  }
}
