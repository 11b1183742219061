/**
 * The counterexample file: one JSON line per shrunk disagreement, appended
 * and never rewritten, so a file gathers findings across runs. `npm run
 * golden:generate -- --from <file>` reads the same lines back to record
 * Paddle's answers as goldens; the format is that contract:
 *
 *   {"request": RequestJson, "found": {"port", "oracle", "seed", "path", "failure"}}
 */
import { appendToFile, ReportPathError, STANDARD_OUTPUT } from '../report_file.js';
import type { RequestJson } from '../case.js';
import { stringifyExact } from '../wire.js';

/** The file the fuzz command appends to when --counterexamples is not given (in the working directory). */
export const DEFAULT_COUNTEREXAMPLES = 'fuzz-counterexamples.jsonl';

/** Where and how a counterexample was found. */
export interface FoundJson {
  /** The port that disagreed. */
  port: string;
  /** The oracle it disagreed with. */
  oracle: string;
  /** fast-check's seed. */
  seed: number;
  /** fast-check's path: with the seed, replays the shrunk request. */
  path: string;
  /** The comparison's statement of the disagreement. */
  failure: string;
}

/** One line of the counterexample file. */
export interface CounterexampleJson {
  /** The shrunk request, as a port receives it (without an id). */
  request: RequestJson;
  /** Where it came from. */
  found: FoundJson;
}

/** The counterexample file cannot be opened for appending. */
export class CounterexampleFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CounterexampleFileError';
  }
}

/**
 * Checks, before any fuzzing, that the file can be appended to (creating it
 * empty if missing): a regular file, never a FIFO (whose open would wait for a
 * reader), a device or standard output, which carries fuzz's own report.
 */
export function prepareCounterexampleFile(file: string): void {
  if (file === STANDARD_OUTPUT) throw new CounterexampleFileError('- (standard output) carries the fuzz report; give a file to append the counterexamples to');
  append(file, '');
}

/** Appends one counterexample as one line (negative zeros kept as -0.0); earlier lines are left as they are. */
export function appendCounterexample(file: string, counterexample: CounterexampleJson): void {
  const { port, oracle, seed, path, failure } = counterexample.found;
  // Keys in the documented order, whatever order the caller built them in.
  append(file, `${stringifyExact({ request: counterexample.request, found: { port, oracle, seed, path, failure } })}\n`);
}

function append(file: string, text: string): void {
  try {
    appendToFile(file, text);
  } catch (e) {
    if (e instanceof ReportPathError) throw new CounterexampleFileError(e.message);
    throw e;
  }
}
