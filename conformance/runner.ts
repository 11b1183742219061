/**
 * The runner: sends each selected golden case to a port, judges the answer
 * with the comparison policy (compare.ts), applies expectations, and totals
 * the results per level and per group. A port failure on one case marks that
 * case and the run goes on; nothing gathered so far is lost, not even when
 * the run is interrupted (RunOptions.signal), and what a result keeps of the
 * port's own text is bounded (result_bounds.ts).
 */
import type { Level, RequestJson, ResponseJson } from './case.js';
import { compareResponse, type Failure, type BoundMargin, type ReductionMargin, type Verdict } from './compare.js';
import type { ElementContext, ElementExplainer } from './element_context.js';
import { opForApi } from './ops/index.js';
import { responseProblem } from './ports/response.js';
import { expectationMatcher, unmatchedExpectations, type Expectation } from './expectations.js';
import type { SuiteCase } from './golden.js';
import { PortFailure, PortUnavailable, type Port, type PortFailureKind, type PortRequest } from './port.js';
import { boundResult, capResponse, ResponseBudget } from './result_bounds.js';
import { decodeTensor, encodeTensor } from './wire.js';

/** How a case ended. `crash`, `timeout` and `garbage` are port failures; `expected-fail` and `unexpected-pass` come from expectations. */
export type CaseStatus = 'pass' | 'fail' | 'skip' | PortFailureKind | 'expected-fail' | 'unexpected-pass';

/** Statuses that fail a run (plus `unexpected-pass` under --strict). */
export const FAILING: readonly CaseStatus[] = ['fail', 'crash', 'timeout', 'garbage'];

/** The result of one case. */
export interface CaseResult {
  /** The case id. */
  id: string;
  /** The op's family name (the id's first segment), e.g. `hinge_embedding_loss`. */
  api: string;
  /** The case's group. */
  group: string;
  /** The case's level. */
  level: Level;
  /** The golden file the case came from. */
  file: string;
  /** How the case ended. */
  status: CaseStatus;
  /** The named rules of the reference the case exercises (the golden case's `rules`). */
  rules?: string[];
  /** Why the response did not conform (for `fail`, and `expected-fail` of a fail). */
  failure?: Failure;
  /** For a value failure of an element-wise result: the inputs that produced the first differing element. */
  context?: ElementContext;
  /** For `fail` (and `expected-fail` of one): the port's response as received, so reports can show actual beside expected. */
  response?: ResponseJson;
  /** Why the port did not answer (for crash, timeout, garbage, and `expected-fail` of one of those). */
  portFailure?: { kind: PortFailureKind; message: string; detail: string };
  /** The port's reason, for `skip`. */
  skipReason?: string;
  /** The expectation that matched, for `expected-fail` and `unexpected-pass`. */
  expectation?: Expectation;
  /** Departures that do not fail the case, e.g. a different error message. */
  notes: string[];
  /** For a passing reduced result: how far inside the summation bound it lies. */
  reduction?: ReductionMargin;
  /** For a passing result compared under a bound that is not exact: the element nearest its allowance. */
  closest?: BoundMargin;
  /** For a pass of a machine-dependent case that matched another class's recording, not the selected one's: that class. */
  machineClass?: string;
}

/** Counts of each status. */
export type Totals = { total: number } & Record<CaseStatus, number>;

/** Everything a run found. */
export interface RunResult {
  /** The port's name. */
  port: string;
  /** The options the run used, and whose expectations it judged by: Paddle release and machine class (when the golden set records one). */
  options: { bitwise: boolean; strict: boolean; timeoutMs: number; paddle?: string; machine?: string };
  /** One result per case that ran, in run order. */
  results: CaseResult[];
  /** Selected cases the run never reached because the port became unusable (empty when the run finished). */
  notRun: NotRunCase[];
  /** Totals over all cases, per level, and per `api/group` (e.g. `hinge_embedding_loss/margins`). */
  totals: { all: Totals; level: Record<Level, Totals>; group: Record<string, Totals> };
  /** The headline verdicts per op, by family name, in the order the ops first appear. */
  apis: Record<string, Verdicts>;
  /** Whether every `spec` case passed; null when no `spec` case was selected. */
  specConformant: boolean | null;
  /** Passing cases out of all selected cases (both levels, including any not run). */
  paddleCompatible: { passed: number; total: number };
  /** Expectations entries that match no selected case: stale (or aimed outside the selection); they fail --strict. */
  staleExpectations: Expectation[];
  /** Set when the port became unusable mid-run: the run stopped there, keeping the results before it. */
  aborted?: string;
  /** 0 when every required case passed, 1 on failures, 2 when the port could not be run. */
  exitCode: 0 | 1 | 2;
}

/** A selected case that a stopped run never reached. */
export interface NotRunCase {
  /** The case id. */
  id: string;
  /** The op's family name. */
  api: string;
  /** The case's group. */
  group: string;
  /** The case's level. */
  level: Level;
}

/** The two headline verdicts for one op (or for the whole run). */
export interface Verdicts {
  /** Totals over the op's cases. */
  totals: Totals;
  /** Whether every `spec` case passed; null when no `spec` case was selected. */
  specConformant: boolean | null;
  /** Passing cases out of all selected cases (both levels, including any not run). */
  paddleCompatible: { passed: number; total: number };
}

/** What runSuite needs. */
export interface RunOptions {
  /** The cases to run, in the order to run them. */
  cases: readonly SuiteCase[];
  /** The implementation under test. */
  port: Port;
  /** Compare raw bytes (see compare.ts). */
  bitwise?: boolean;
  /** Per-case time limit; the port enforces it, the runner adds a grace period as a last resort. */
  timeoutMs?: number;
  /** Known failures. */
  expectations?: readonly Expectation[];
  /** Fail the run on an unexpected pass. */
  strict?: boolean;
  /** Called after each case. */
  onProgress?: (done: number, total: number, result: CaseResult) => void;
  /** The Paddle release the cases' expectations are of, for the report. */
  paddle?: string;
  /** The machine class the cases' expectations are of, for the report. */
  machine?: string;
  /** Explains the first differing element of a value failure; by default the case's op explains it (OpDescriptor.explain). */
  explainElement?: ElementExplainer;
  /** Stops the run when aborted (Ctrl-C): the case in flight and the rest are not run, and the results so far are kept. Its reason says why. */
  signal?: AbortSignal;
}

/** Default per-case time limit. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Runs the cases against the port and judges every answer. */
export async function runSuite(options: RunOptions): Promise<RunResult> {
  const { cases, port } = options;
  const bitwise = options.bitwise ?? false;
  const strict = options.strict ?? false;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const judged = { bitwise, strict, timeoutMs, ...(options.paddle !== undefined && { paddle: options.paddle }), ...(options.machine !== undefined && { machine: options.machine }) };
  const expected = expectationMatcher(options.expectations ?? []);
  const stale = unmatchedExpectations(options.expectations ?? [], cases.map((c) => c.golden.id));
  const results: CaseResult[] = [];
  const budget = new ResponseBudget();
  const stopped = (reason: string): RunResult => {
    const notRun = cases.slice(results.length).map(({ golden: g }) => ({ id: g.id, api: familyOf(g.id), group: g.group, level: g.level }));
    return { ...summarise(port.name, results, judged, notRun, stale), aborted: reason, exitCode: 2 };
  };
  try {
    for (const c of cases) {
      if (options.signal?.aborted) throw interruption(options.signal);
      const ran = await unlessAborted(runCase(c, port, bitwise, timeoutMs, options.explainElement), options.signal);
      const result = boundResult(applyExpectation(ran, expected(c.golden.id)), budget);
      results.push(result);
      options.onProgress?.(results.length, cases.length, result);
    }
  } catch (e) {
    if (!(e instanceof PortUnavailable) && !(e instanceof Interrupted)) throw e;
    return stopped(e.message);
  }
  return summarise(port.name, results, judged, [], stale);
}

/** The run was interrupted: the case in flight is not judged. */
class Interrupted extends Error {}

function interruption(signal: AbortSignal): Interrupted {
  return new Interrupted(`the run was interrupted${typeof signal.reason === 'string' ? ` (${signal.reason})` : ''}`);
}

/** The case's result, or Interrupted as soon as `signal` aborts (before the case, or while it waits). */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  // An abandoned case may still reject (PortUnavailable) once the port is closed: nobody waits for it then.
  work.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(interruption(signal));
    // Starting the case may itself have aborted (a signal handled while the port was asked).
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Runs one case: asks the port, then judges the answer. Throws only PortUnavailable, which ends the run. */
export async function runCase(c: SuiteCase, port: Port, bitwise: boolean, timeoutMs: number, explain?: ElementExplainer): Promise<CaseResult> {
  const { id, group, level } = c.golden;
  const base = { id, api: familyOf(id), group, level, file: c.file, notes: [] as string[], ...(c.golden.rules?.length ? { rules: c.golden.rules } : {}) };
  const request: PortRequest = { id, ...expandedRequest(c.golden.request) };
  let response: unknown;
  try {
    response = await withGuard(port.handle(request), timeoutMs + (port.startupMs ?? 0));
  } catch (e) {
    if (e instanceof PortUnavailable) throw e;
    const failure = e instanceof PortFailure ? e : new PortFailure('crash', `the port threw ${describeThrown(e)}`, (e as Error)?.stack ?? '');
    return { ...base, status: failure.kind, portFailure: { kind: failure.kind, message: failure.message, detail: failure.detail } };
  }
  const problem = responseProblem(response, id);
  if (problem) return { ...base, status: 'garbage', portFailure: { kind: 'garbage', message: `port ${problem}`, detail: JSON.stringify(response)?.slice(0, 500) ?? '' } };
  // Judged with its words cut to size: no Paddle message comes near the cut, and a 15 MB one is not copied into the failure.
  response = capResponse(response as ResponseJson);
  const { verdict, machineClass } = judge(c, response, bitwise);
  if (verdict.status === 'pass') {
    return { ...base, status: 'pass', notes: verdict.notes, ...(verdict.reduction ? { reduction: verdict.reduction } : {}), ...(verdict.closest ? { closest: verdict.closest } : {}), ...(machineClass ? { machineClass } : {}) };
  }
  if (verdict.status === 'skip') return { ...base, status: 'skip', skipReason: verdict.reason, notes: verdict.notes };
  const element = verdict.failure.element;
  const explainer = explain ?? opForApi(c.golden.request.api)?.explain;
  const context = element && explainer ? explainer(c.golden.request, element) : undefined;
  return { ...base, status: 'fail', failure: verdict.failure, notes: verdict.notes, response: response as ResponseJson, ...(context ? { context } : {}) };
}

/** The request a port receives: each generated input (generated.ts) expanded to its bytes, as b64, so no port needs the generator. */
export function expandedRequest(request: RequestJson): RequestJson {
  const names = Object.keys(request.inputs).filter((name) => request.inputs[name]!.generated !== undefined);
  if (names.length === 0) return request;
  const inputs = { ...request.inputs };
  for (const name of names) inputs[name] = encodeTensor(decodeTensor(inputs[name], `request.inputs.${name}`), 0);
  return { ...request, inputs };
}

/**
 * Judges a response against the case's expectation, and when that fails,
 * against what each other machine class records for it: a machine-dependent
 * result passes when it matches any recorded class (the selected class's
 * failure is the one reported), so a verdict never depends on --machine.
 */
function judge(c: SuiteCase, response: unknown, bitwise: boolean): { verdict: Verdict; machineClass?: string } {
  const op = opForApi(c.golden.request.api);
  const verdict = compareResponse(c.golden, response, { bitwise }, op);
  if (verdict.status !== 'fail') return { verdict };
  for (const variant of c.machineVariants ?? []) {
    const other = compareResponse({ ...c.golden, expected: variant.expected }, response, { bitwise }, op);
    if (other.status === 'pass') return { verdict: other, machineClass: variant.machine_class };
  }
  return { verdict };
}

/** The runner's last-resort limit: the port's own timeout (with its startup allowance) plus a grace period, so a stuck in-process port cannot hang the run. */
function withGuard<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  const graceMs = 2_000;
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PortFailure('timeout', `no answer within ${timeoutMs} ms (+${graceMs} ms grace)`)), timeoutMs + graceMs);
    timer.unref?.();
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

function describeThrown(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : JSON.stringify(e) ?? String(e);
}

/** Turns a failure into an expected failure and a pass into an unexpected pass when an expectation names the case. */
function applyExpectation(result: CaseResult, expectation: Expectation | undefined): CaseResult {
  if (!expectation) return result;
  if (FAILING.includes(result.status)) return { ...result, status: 'expected-fail', expectation };
  if (result.status === 'pass') return { ...result, status: 'unexpected-pass', expectation };
  return result;
}

/** Totals, the two headline verdicts and the exit code of a list of results (and of the selected cases never run, and stale expectations). */
export function summarise(port: string, results: CaseResult[], options: RunResult['options'], notRun: NotRunCase[] = [], staleExpectations: Expectation[] = []): RunResult {
  const all = emptyTotals();
  const level: Record<Level, Totals> = { spec: emptyTotals(), paddle: emptyTotals() };
  const group: Record<string, Totals> = {};
  const apiTotals: Record<string, { all: Totals; spec: Totals }> = {};
  for (const r of results) {
    const api = (apiTotals[r.api] ??= { all: emptyTotals(), spec: emptyTotals() });
    for (const t of [all, level[r.level], (group[`${r.api}/${r.group}`] ??= emptyTotals()), api.all, ...(r.level === 'spec' ? [api.spec] : [])]) {
      t.total++;
      t[r.status]++;
    }
  }
  for (const c of notRun) apiTotals[c.api] ??= { all: emptyTotals(), spec: emptyTotals() };
  const verdictsOf = (t: { all: Totals; spec: Totals }, missed: NotRunCase[]): Verdicts => ({
    totals: t.all,
    specConformant: specVerdict(t.spec, missed),
    paddleCompatible: { passed: passed(t.all), total: t.all.total + missed.length },
  });
  const apis = Object.fromEntries(Object.entries(apiTotals).map(([name, t]) => [name, verdictsOf(t, notRun.filter((c) => c.api === name))]));
  const failing = results.some((r) => FAILING.includes(r.status) || (options.strict && r.status === 'unexpected-pass')) ||
    (options.strict && staleExpectations.length > 0);
  return {
    port,
    options,
    results,
    notRun,
    staleExpectations,
    totals: { all, level, group },
    apis,
    specConformant: specVerdict(level.spec, notRun),
    paddleCompatible: { passed: passed(all), total: all.total + notRun.length },
    exitCode: failing ? 1 : 0,
  };
}

/**
 * Whether every spec case passed; null when none was selected. A spec case the
 * run never reached is not shown to pass: the verdict is "no", not "no spec
 * case selected".
 */
function specVerdict(spec: Totals, notRun: readonly NotRunCase[]): boolean | null {
  const specNotRun = notRun.some((c) => c.level === 'spec');
  return spec.total === 0 && !specNotRun ? null : !specNotRun && passed(spec) === spec.total;
}

/** The op's family name of a case id: its first segment. */
export function familyOf(id: string): string {
  return id.slice(0, Math.max(0, id.indexOf('/')));
}

/** Cases that conform: passes, including those an expectation wrongly said would fail. */
export function passed(t: Totals): number {
  return t.pass + t['unexpected-pass'];
}

function emptyTotals(): Totals {
  return { total: 0, pass: 0, fail: 0, skip: 0, crash: 0, timeout: 0, garbage: 0, 'expected-fail': 0, 'unexpected-pass': 0 };
}
