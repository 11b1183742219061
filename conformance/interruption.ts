/**
 * Ctrl-C, SIGTERM and SIGHUP on the runner. Node's default is to die on the
 * spot: no report, and a port process that ignores the end of its input
 * (or its children) left running. With the CLI's handlers installed, the
 * first signal during a run stops it the way a port that became unusable
 * does: the port and every process it started are stopped, and the summary
 * and reports of the cases run so far are written. A second signal, or one
 * outside a run, exits at once, and the process ports' exit hooks still kill
 * their processes. Either way the exit code is 128 + the signal's number,
 * as a shell reports a command a signal ended (130 for Ctrl-C).
 */
import { constants } from 'node:os';

/** The signals that interrupt a run. */
export const INTERRUPTS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** One of INTERRUPTS. */
export type InterruptSignal = (typeof INTERRUPTS)[number];

/** process.exit as it was when the CLI started: a module port's exit guard (ports/exit_guard.ts) must not catch the runner's own exit. */
const exit = process.exit.bind(process);

/** The run that a first signal stops, when one is going on. */
let current: Interruption | undefined;

/** The exit code for a run that `signal` stopped: 128 + its number. */
export function exitCodeOf(signal: InterruptSignal): number {
  return 128 + constants.signals[signal];
}

/** A run that a signal may stop: its AbortSignal, and which signal came. */
export class Interruption {
  /** Aborted, with the signal's name as reason, when the first signal arrives. */
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly onFirst: (signal: InterruptSignal) => void;
  private received: InterruptSignal | undefined;

  /** @param onFirst called when the first signal arrives (to say what happens next) */
  constructor(onFirst: (signal: InterruptSignal) => void = () => {}) {
    this.signal = this.controller.signal;
    this.onFirst = onFirst;
    current = this;
  }

  /** The signal that interrupted the run, if one did. */
  get by(): InterruptSignal | undefined {
    return this.received;
  }

  /** Takes a signal: the first stops the run; a later one is not for this run to handle (false). */
  take(signal: InterruptSignal): boolean {
    if (this.received) return false;
    this.received = signal;
    this.onFirst(signal);
    this.controller.abort(signal);
    return true;
  }

  /** The run is over: a signal now exits at once. */
  dispose(): void {
    if (current === this) current = undefined;
  }
}

/** Installs the CLI's signal handlers (the program only: tests that call main() keep Node's defaults). */
export function handleInterrupts(): void {
  for (const signal of INTERRUPTS) {
    process.on(signal, () => {
      if (current?.take(signal)) return;
      // 'exit' listeners run (process ports kill their processes there); Node's default death by signal would skip them.
      exit(exitCodeOf(signal));
    });
  }
}
