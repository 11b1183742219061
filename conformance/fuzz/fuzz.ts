/**
 * Differential fuzzing: random requests of one op go to a port and to an
 * oracle, and the comparison policy (compare.ts) judges the port's answer
 * against the oracle's exactly as it judges a golden case. fast-check drives
 * the search and shrinks a disagreement to a small request; its seed and
 * path replay it.
 *
 * Two things narrow what counts as a finding. At `level: 'spec'` a request is
 * judged only when the documentation page fixes its result: it lies inside
 * the domain the page states (page_domain.ts: the dtypes it names, labels of
 * ±1, float keywords as floats, a valid reduction), Paddle returns a result
 * rather than raising (no spec case of any op expects an error: error types
 * and messages are Paddle's, each under a named rule), and no rule of the op
 * decides it (rule_dependence.ts). At `level: 'paddle'` only the other
 * requests are judged. And a disagreement that an expectations entry covers
 * (departures.ts) is an expected departure: counted, not a finding, so the
 * search goes on past a port's documented departures.
 */
import fc from 'fast-check';
import type { ExpectedJson, GoldenCase, Level, RequestJson } from '../case.js';
import { compareResponse } from '../compare.js';
import type { Expectation } from '../expectations.js';
import type { OpDescriptor } from '../op.js';
import { PortFailure, PortUnavailable, type Port } from '../port.js';
import { responseProblem } from '../ports/response.js';
import type { ExpectedDepartures } from './departures.js';
import { requestArbitrary } from './generators.js';
import { openOracle, type Oracle, type OracleKind } from './oracle.js';
import { outsidePage } from './page_domain.js';
import { rulesDeciding } from './rule_dependence.js';

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
  /** Judge only the requests the page fixes (`spec`), or only the others (`paddle`); every request when absent. */
  level?: Level;
  /** The port's known departures (an expectations file read for this op): a disagreement they cover is not a finding. */
  departures?: ExpectedDepartures;
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
  /** With a level: how many drawn requests were judged, and why the others were not. */
  levels?: LevelCounts;
  /** With departures: each entry that covered a drawn request, with how many it covered, in the file's order. */
  expected?: Array<{ entry: Expectation; requests: number }>;
}

/** How a level split the drawn requests (before the first disagreement): the level's are judged, the others not. */
export interface LevelCounts {
  /** The level judged: `spec` judges the `page` requests, `paddle` the others. */
  level: Level;
  /** Requests the page fixes: inside its domain, Paddle returns a result, and no named rule decides it. */
  page: number;
  /** Requests outside the domain the page states (page_domain.ts): another dtype, a label not ±1, an argument of another kind. */
  off: number;
  /** Requests the page does not fix because Paddle raises on them. */
  raises: number;
  /** Requests the page does not fix because a named rule decides their result (and Paddle does not raise). */
  rule: number;
}

/** Whether the page fixes a request's result, and if not, why not. */
type Fixed = 'page' | 'off' | 'raises' | 'rule';

/** What became of one request; `fixed` is known when a level was asked for. */
type Outcome = { fixed?: Fixed } & (
  | { kind: 'agrees' }
  /** Not judged: it belongs to the other level. */
  | { kind: 'other-level' }
  | { kind: 'expected'; entry: Expectation }
  | { kind: 'disagrees'; failure: string }
);

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
  const levels: LevelCounts | undefined = options.level ? { level: options.level, page: 0, off: 0, raises: 0, rule: 0 } : undefined;
  const met = new Map<Expectation, number>();
  const property = fc.asyncProperty(requestArbitrary(options.op, { maxNumel: options.maxNumel, pageDomain: options.level === 'spec' }), async (request) => {
    if (!first) drawn++;
    if (!first && options.bitwise && cpuJudgedByValue(options, request)) cpuDependent++;
    const outcome = await judged(options, oracle, request);
    // Counted while drawing: shrinking re-asks about requests near the finding, which says nothing of the port's coverage.
    if (!first) count(outcome, levels, met);
    if (outcome.kind === 'disagrees' && !first) first = { cases: drawn, ms: performance.now() - started };
    return outcome.kind !== 'disagrees';
  });
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.runs,
    ...(options.path !== undefined && { path: options.path }),
    ...(options.timeBudgetMs !== undefined && { interruptAfterTimeLimit: options.timeBudgetMs }),
  });
  const base = {
    op: options.op.family, port: options.port.name, oracle: oracle.name, seed: options.seed, cases: details.numRuns, elapsedMs: performance.now() - started, interrupted: details.interrupted,
    ...(options.bitwise && options.foreignMachine !== undefined && { cpuDependent }),
    ...(levels && { levels }),
    ...(options.departures && { expected: [...met].map(([entry, requests]) => ({ entry, requests })).sort((a, b) => entryOrder(options, a.entry) - entryOrder(options, b.entry)) }),
  };
  if (!details.failed || details.counterexample === null) return base;
  if (details.errorInstance instanceof PortUnavailable) throw details.errorInstance;
  const request = details.counterexample[0];
  // The predicate said only "false": ask once more for the words.
  const again = await judged(options, oracle, request);
  const failure = again.kind === 'disagrees' ? again.failure : describeError(details.errorInstance);
  const found = { request, failure, path: details.counterexamplePath ?? '', casesToFirst: first?.cases ?? details.numRuns, msToFirst: first?.ms ?? 0, shrinks: details.numShrinks };
  return { ...base, elapsedMs: performance.now() - started, found };
}

/** Adds one drawn request's outcome to the level's counts and the entries met. */
function count(outcome: Outcome, levels: LevelCounts | undefined, met: Map<Expectation, number>): void {
  if (levels && outcome.fixed) levels[outcome.fixed]++;
  if (outcome.kind === 'expected') met.set(outcome.entry, (met.get(outcome.entry) ?? 0) + 1);
}

function entryOrder(options: FuzzOptions, entry: Expectation): number {
  return options.departures?.recognisable.indexOf(entry) ?? 0;
}

/** The outcome of a request, with an oracle that fails (throws) stated as the finding; only PortUnavailable ends the run. */
async function judged(options: FuzzOptions, oracle: Oracle, request: RequestJson): Promise<Outcome> {
  // Outside the page's domain, a spec-level run need not even ask the oracle.
  const outside = outsidePage(options.op, request);
  const off = outside.length > 0;
  if (off && options.level === 'spec') return { kind: 'other-level', fixed: 'off' };
  let expected: ExpectedJson;
  try {
    expected = await oracle.expected(request);
  } catch (e) {
    if (e instanceof PortUnavailable) throw e;
    return { kind: 'disagrees', failure: `the oracle (${oracle.name}) failed on this request: ${describeError(e)}` };
  }
  // The rules deciding the request are worked out only when needed: for a level, or for a disagreement an entry may cover.
  let deciding: Promise<string[]> | undefined;
  const rules = (): Promise<string[]> => (deciding ??= rulesDeciding(options.op, request, options.bitwise ?? false));
  let fixed: Fixed | undefined;
  if (options.level) {
    fixed = off ? 'off' : expected.error ? 'raises' : (await rules()).length > 0 ? 'rule' : 'page';
    if ((fixed === 'page') !== (options.level === 'spec')) return { kind: 'other-level', fixed };
  }
  const at = fixed ? { fixed } : {};
  const failure = await portDisagreement(options, expected, request);
  if (failure === undefined) return { kind: 'agrees', ...at };
  const entry = options.departures?.covering({ outside, rules: await rules(), expected });
  return entry ? { kind: 'expected', entry, ...at } : { kind: 'disagrees', failure, ...at };
}

/** How the port's answer to a request departs from the oracle's; undefined when it conforms (or the port declines). */
export async function disagreement(options: Pick<FuzzOptions, 'port' | 'op' | 'bitwise' | 'timeoutMs' | 'foreignMachine'>, oracle: Oracle, request: RequestJson): Promise<string | undefined> {
  return portDisagreement(options, await oracle.expected(request), request);
}

/** How the port's answer departs from what the oracle expects of the request; undefined when it conforms (or the port declines). */
async function portDisagreement(options: Pick<FuzzOptions, 'port' | 'op' | 'bitwise' | 'timeoutMs' | 'foreignMachine'>, expected: ExpectedJson, request: RequestJson): Promise<string | undefined> {
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
