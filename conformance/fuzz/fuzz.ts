/**
 * Differential fuzzing: random requests of one op go to a port and to an
 * oracle, and the comparison policy (compare.ts) judges the port's answer
 * against the oracle's exactly as it judges a golden case. fast-check drives
 * the search and shrinks a disagreement to a small request; its seed and
 * path replay it.
 */
import fc from 'fast-check';
import type { GoldenCase, RequestJson } from '../case.js';
import { compareResponse } from '../compare.js';
import type { OpDescriptor } from '../op.js';
import { PortFailure, PortUnavailable, type Port } from '../port.js';
import { responseProblem } from '../ports/response.js';
import { requestArbitrary } from './generators.js';
import { openOracle, type Oracle, type OracleKind } from './oracle.js';

/** What to fuzz, against what, and for how long. */
export interface FuzzOptions {
  /** The op whose requests are generated. */
  op: OpDescriptor;
  /** The implementation under test. */
  port: Port;
  /** The oracle: a kind to open (and close) for this op, or one already open, shared across ops. */
  oracle: OracleKind | Oracle;
  /** fast-check's seed: the same seed draws the same requests. */
  seed: number;
  /** How many requests to try at most. */
  runs: number;
  /** Stop drawing (and shrinking) after this long. */
  timeBudgetMs?: number;
  /** The most elements any one tensor may have. */
  maxNumel: number;
  /** Compare raw bits (--bitwise). */
  bitwise?: boolean;
  /**
   * The oracle's machine class, when it is not the one whose bits the
   * reference reproduces (the goldens'): results an op declares CPU-dependent
   * (OpDescriptor.cpuDependent) are then judged within the bound, not bit for bit.
   */
  foreignMachine?: string;
  /** fast-check's path of a failure, to replay it (with the same seed). */
  path?: string;
  /** Per-request limit for the port; past it the request counts as a disagreement. */
  timeoutMs?: number;
}

/** A disagreement, shrunk. */
export interface FuzzFinding {
  /** The smallest failing request fast-check found. */
  request: RequestJson;
  /** What the comparison (or the port's crash or timeout) says about it. */
  failure: string;
  /** fast-check's path of this request: replays it with the seed. */
  path: string;
  /** Requests drawn until the first disagreement (that one included). */
  casesToFirst: number;
  /** Milliseconds until the first disagreement. */
  msToFirst: number;
  /** Shrinking steps that succeeded. */
  shrinks: number;
}

/** The outcome of fuzzing one op. */
export interface FuzzResult {
  /** The op's family. */
  op: string;
  /** The port's name. */
  port: string;
  /** The oracle's name. */
  oracle: string;
  /** The seed used. */
  seed: number;
  /** Requests drawn (not counting shrinking). */
  cases: number;
  /** Wall time, shrinking included. */
  elapsedMs: number;
  /** Whether the time budget cut the run short. */
  interrupted: boolean;
  /** The shrunk disagreement, when there was one. */
  found?: FuzzFinding;
  /** Under --bitwise against another class's Paddle: how many drawn requests had CPU-dependent results (OpDescriptor.cpuDependent), judged in value mode. */
  cpuDependent?: number;
}

/** Fuzzes one op: draws requests, asks the port and the oracle, and shrinks the first disagreement. */
export async function fuzzOp(options: FuzzOptions): Promise<FuzzResult> {
  const oracle = typeof options.oracle === 'string' ? await openOracle(options.oracle) : options.oracle;
  try {
    return await fuzzWith(options, oracle);
  } finally {
    if (typeof options.oracle === 'string') await oracle.close();
  }
}

async function fuzzWith(options: FuzzOptions, oracle: Oracle): Promise<FuzzResult> {
  const started = performance.now();
  let drawn = 0;
  let first: { cases: number; ms: number } | undefined;
  let cpuDependent = 0;
  const property = fc.asyncProperty(requestArbitrary(options.op, { maxNumel: options.maxNumel }), async (request) => {
    if (!first) drawn++;
    if (!first && options.bitwise && cpuJudgedByValue(options, request)) cpuDependent++;
    const failure = await judged(options, oracle, request);
    if (failure !== undefined && !first) first = { cases: drawn, ms: performance.now() - started };
    return failure === undefined;
  });
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.runs,
    ...(options.path !== undefined && { path: options.path }),
    ...(options.timeBudgetMs !== undefined && { interruptAfterTimeLimit: options.timeBudgetMs }),
  });
  const base = { op: options.op.family, port: options.port.name, oracle: oracle.name, seed: options.seed, cases: details.numRuns, elapsedMs: performance.now() - started, interrupted: details.interrupted, ...(options.bitwise && options.foreignMachine !== undefined && { cpuDependent }) };
  if (!details.failed || details.counterexample === null) return base;
  if (details.errorInstance instanceof PortUnavailable) throw details.errorInstance;
  const request = details.counterexample[0];
  // The predicate said only "false": ask once more for the words.
  const failure = (await judged(options, oracle, request)) ?? describeError(details.errorInstance);
  const found = { request, failure, path: details.counterexamplePath ?? '', casesToFirst: first?.cases ?? details.numRuns, msToFirst: first?.ms ?? 0, shrinks: details.numShrinks };
  return { ...base, elapsedMs: performance.now() - started, found };
}

/** The disagreement on a request, with an oracle that fails (throws) stated as the finding; only PortUnavailable ends the run. */
async function judged(options: FuzzOptions, oracle: Oracle, request: RequestJson): Promise<string | undefined> {
  try {
    return await disagreement(options, oracle, request);
  } catch (e) {
    if (e instanceof PortUnavailable) throw e;
    return `the oracle (${oracle.name}) failed on this request: ${describeError(e)}`;
  }
}

/** How the port's answer to a request departs from the oracle's; undefined when it conforms (or the port declines). */
export async function disagreement(options: Pick<FuzzOptions, 'port' | 'op' | 'bitwise' | 'timeoutMs' | 'foreignMachine'>, oracle: Oracle, request: RequestJson): Promise<string | undefined> {
  const expected = await oracle.expected(request);
  const golden: GoldenCase = { id: `${options.op.family}/fuzz/case`, group: 'fuzz', level: 'paddle', tags: [], description: 'a generated request', request, expected };
  let response: unknown;
  try {
    response = await guarded(options.port.handle({ id: golden.id, ...request }), options.timeoutMs ?? 30_000);
  } catch (e) {
    if (e instanceof PortUnavailable) throw e;
    return e instanceof PortFailure ? `the port ${e.kind === 'timeout' ? 'timed out' : e.kind === 'crash' ? 'crashed' : 'answered garbage'}: ${e.message}` : `the port threw ${describeError(e)}`;
  }
  const problem = responseProblem(response, golden.id);
  if (problem) return `the port ${problem}`;
  // On another machine class, where the CPU decides the bits (OpDescriptor.cpuDependent), only the value is Paddle's.
  const bitwise = (options.bitwise ?? false) && !cpuJudgedByValue(options, request);
  const verdict = compareResponse(golden, response, { bitwise }, options.op);
  return verdict.status === 'fail' ? verdict.failure.message : undefined;
}

/** Whether a request's results are judged by value under --bitwise: the oracle is another class's Paddle and the op says the CPU decides their bits. */
function cpuJudgedByValue(options: Pick<FuzzOptions, 'op' | 'foreignMachine'>, request: RequestJson): boolean {
  return options.foreignMachine !== undefined && (options.op.cpuDependent?.applies(request) ?? false);
}

/** The promise, or a timeout PortFailure a little after the port's own limit, so a stuck in-process port cannot hang the run. */
function guarded<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PortFailure('timeout', `no answer within ${timeoutMs} ms`)), timeoutMs + 2_000);
    timer.unref?.();
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
