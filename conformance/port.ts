/**
 * A port: an implementation under test, whatever language it is written in.
 * The runner only ever talks to this interface.
 */
import type { RequestJson, ResponseJson } from './case.js';

/** A request with the id the runner gave it. */
export type PortRequest = RequestJson & { id: string };

/** An implementation under test. */
export interface Port {
  /** A short name for reports, e.g. "reference" or the command line. */
  readonly name: string;
  /**
   * Extra time, beyond the per-case limit, that the first request after each
   * (re)start may take for the port's own startup (importing Paddle, say); the
   * runner's last-resort guard waits this much longer so it does not cut it short.
   */
  readonly startupMs?: number;
  /**
   * Answers one request. Rejects with a PortFailure when the port crashed,
   * hung past the timeout or answered something that is not a valid response.
   */
  handle(request: PortRequest): Promise<ResponseJson>;
  /**
   * Releases the port (for a process port: closes stdin and waits for every
   * process it started to exit, signalling them after a grace period).
   */
  close(options?: CloseOptions): Promise<void>;
}

/** How a port is closed. */
export interface CloseOptions {
  /** The run was interrupted (Ctrl-C, SIGTERM): fail the request in flight and stop the port at once, not at the end of its input. */
  interrupted?: boolean;
}

/** Why a port failed to answer a request, as opposed to answering it wrongly. */
export type PortFailureKind = 'crash' | 'timeout' | 'garbage';

/** A port that crashed, hung or answered garbage for one request. */
export class PortFailure extends Error {
  /** What went wrong. */
  readonly kind: PortFailureKind;
  /** The offending line, or the tail of stderr, when there is one. */
  readonly detail: string;

  constructor(kind: PortFailureKind, message: string, detail = '') {
    super(message);
    this.name = 'PortFailure';
    this.kind = kind;
    this.detail = detail;
  }
}

/**
 * A port that cannot be run at all: its command is missing, it exits before
 * answering anything, or it kept crashing until the restart cap was reached.
 * The run stops here (the CLI exits 2) but keeps the results gathered so far.
 */
export class PortUnavailable extends Error {
  /** The command line or module that could not be run. */
  readonly port: string;
  /** The tail of the port's stderr, when there is one. */
  readonly stderr: string;

  constructor(port: string, message: string, stderr = '') {
    super(stderr ? `${message}\n--- last lines of the port's stderr ---\n${stderr}` : message);
    this.name = 'PortUnavailable';
    this.port = port;
    this.stderr = stderr;
  }
}
