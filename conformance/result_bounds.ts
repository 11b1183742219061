/**
 * What a run keeps of a port's own words, bounded. Six error messages of
 * 40 MB each once took the runner to 4 GB and wrote 500 MB of JSON and JUnit;
 * six of 50 MB ended in an internal error with no report at all. A case is
 * judged with the port's error message and skip reason cut to MESSAGE_CHARS
 * characters (no Paddle message comes near that), and what is kept for the
 * reports is cut too: every message, reason and note to MESSAGE_CHARS, and
 * the failing responses shown beside the expected results to
 * RESPONSE_BUDGET_BYTES for the whole run.
 */
import type { ErrorJson, ResponseJson } from './case.js';
import { capTail } from './excerpt.js';
import type { CaseResult } from './runner.js';

/** The most characters kept of one message, skip reason or note: Paddle's longest error message in the goldens is under 600. */
export const MESSAGE_CHARS = 4096;

/**
 * The most bytes (as JSON) of failing responses one run keeps for its reports:
 * 16 MiB, some seventy times the largest expected result of the bundled cases (213 KB).
 * Parsed, a list of small numbers takes four times its JSON size.
 */
export const RESPONSE_BUDGET_BYTES = 16 * 1024 * 1024;

/** A message capMessage already cut (when judged): left as it is, so cutting twice changes nothing. */
const ALREADY_CUT = new RegExp(`^[\\s\\S]{${MESSAGE_CHARS}} … \\d+ characters cut$`);

/** `text` cut to MESSAGE_CHARS characters, saying how many were cut; a copy, which keeps nothing of the original alive. */
export function capMessage(text: string): string {
  if (text.length <= MESSAGE_CHARS || ALREADY_CUT.test(text)) return text;
  return detached(`${text.slice(0, MESSAGE_CHARS)} … ${text.length - MESSAGE_CHARS} characters cut`);
}

/**
 * A copy of `text` that holds no reference to a larger string: V8 keeps a
 * slice's parent alive, so six 15 MB messages cut to 4 KB still held 90 MB.
 */
export function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** The share of RESPONSE_BUDGET_BYTES a run has left. */
export class ResponseBudget {
  private left: number;

  constructor(bytes = RESPONSE_BUDGET_BYTES) {
    this.left = bytes;
  }

  /** Takes `bytes` from the budget when they fit, and says whether they did. */
  take(bytes: number): boolean {
    if (bytes > this.left) return false;
    this.left -= bytes;
    return true;
  }
}

/** A case's result with the port's text in it cut to size, and its response dropped when the run's budget is spent. */
export function boundResult(result: CaseResult, budget: ResponseBudget): CaseResult {
  const out: CaseResult = { ...result, notes: result.notes.map(capMessage) };
  if (result.failure) {
    const { actualError } = result.failure;
    out.failure = { ...result.failure, message: capMessage(result.failure.message), ...(actualError && { actualError: capError(actualError) }) };
  }
  if (result.portFailure) out.portFailure = { ...result.portFailure, message: capMessage(result.portFailure.message), detail: detached(capTail(result.portFailure.detail)) };
  if (result.skipReason !== undefined) out.skipReason = capMessage(result.skipReason);
  if (result.response) {
    const response = capResponse(result.response);
    const bytes = sizeOf(response);
    if (bytes !== undefined && budget.take(bytes)) {
      out.response = response;
    } else {
      delete out.response;
      out.notes.push(`the port's response (${bytes === undefined ? 'too large to measure' : `${bytes} bytes as JSON`}) is not kept for the reports: a run keeps at most ${RESPONSE_BUDGET_BYTES} bytes of failing responses`);
    }
  }
  return out;
}

function capError(error: ErrorJson): ErrorJson {
  return { ...error, type: capMessage(error.type), message: capMessage(error.message) };
}

/** A response with its error type and message and its skip reason cut to MESSAGE_CHARS. */
export function capResponse(response: ResponseJson): ResponseJson {
  return {
    ...response,
    ...(response.error && { error: capError(response.error) }),
    ...(response.skip !== undefined && { skip: capMessage(response.skip) }),
  };
}

/** A response's size as JSON text; undefined when it cannot be written (a string over V8's limit). */
function sizeOf(response: ResponseJson): number | undefined {
  try {
    return JSON.stringify(response).length;
  } catch {
    return undefined;
  }
}
