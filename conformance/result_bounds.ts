/**
 * What a run keeps of a port's own words, bounded. Six error messages of
 * 40 MB each once took the runner to 4 GB and wrote 500 MB of JSON and JUnit;
 * six of 50 MB ended in an internal error with no report at all. A case is
 * judged on the whole response (within the 16 MiB a response line may
 * take), and then what is kept for the reports is cut: every message, reason
 * and note to MESSAGE_CHARS characters, and the failing responses shown beside
 * the expected results to RESPONSE_BUDGET_BYTES for the whole run.
 */
import type { ErrorJson, ResponseJson } from './case.js';
import { capTail } from './excerpt.js';
import type { CaseResult } from './runner.js';

/** The most characters kept of one message, skip reason or note: Paddle's longest error message in the goldens is under 600. */
export const MESSAGE_CHARS = 4096;

/** The most bytes (as JSON) of failing responses one run keeps for its reports. */
export const RESPONSE_BUDGET_BYTES = 64 * 1024 * 1024;

/** `text` cut to MESSAGE_CHARS characters, saying how many were cut. */
export function capMessage(text: string): string {
  if (text.length <= MESSAGE_CHARS) return text;
  return `${text.slice(0, MESSAGE_CHARS)} … ${text.length - MESSAGE_CHARS} characters cut`;
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
  if (result.portFailure) out.portFailure = { ...result.portFailure, message: capMessage(result.portFailure.message), detail: capTail(result.portFailure.detail) };
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

function capResponse(response: ResponseJson): ResponseJson {
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
