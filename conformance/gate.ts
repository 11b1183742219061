/**
 * The gate: the exit code of a run and, in words, why. CI reads the code;
 * the terminal report ends with the reasons, so a red job says on its last
 * lines what made it red (and a green one what it let through).
 *
 *   0    nothing fails that the expectations file does not name
 *   1    a case fails, crashes, times out or answers garbage; a spec case is
 *        skipped (a port that skips what the page fixes is not
 *        spec-conformant); under --strict, an unexpected pass or a stale entry
 *   2    the port could not be started, or became unusable mid-run
 *   128+n  a signal stopped the run (interruption.ts)
 *
 * A spec verdict of "no" is always exit 1, unless every spec case that does
 * not pass is named by an expectations entry: --api, --filter, --level, --tag
 * and --shard leave cases out of the selection, and an entry marks a failure
 * or a skip as known. A skip at the paddle level does not fail the run: a port
 * may decline what only Paddle's implementation fixes, and Paddle-compatible
 * counts it as not passing.
 */
import { expectationMatcher, type Expectation } from './expectations.js';
import { exitCodeOf, type InterruptSignal } from './interruption.js';
import { FAILING, type CaseResult, type RunResult } from './runner.js';

/** The exit code of a run and the reasons for it, one sentence each. */
export interface Gate {
  /** The process's exit code. */
  exitCode: number;
  /** Why, one sentence per cause, most serious first; never empty. */
  reasons: string[];
  /** Spec cases the port skipped with no expectations entry naming them: each fails the run. */
  failingSkips: string[];
}

/** A run as the CLI reports it: the runner's result, and what the CLI adds to it. */
export interface GatedRun extends RunResult {
  /** The gate's decision; reports without one fall back to the runner's exit code. */
  gate?: Gate;
  /** How the port was chosen (the command line, module path or bundled port), when --port-name gave it another name. */
  portCommand?: string;
  /** Expectations entries that name only cases outside the selection, so this run neither used them nor calls them stale. */
  expectationsOutside?: readonly Expectation[];
}

/** What the gate needs besides the run. */
export interface GateOptions {
  /** The entries the run judged (the selection's, expectations.ts scopeExpectations): they mark skips as known too. */
  expectations?: readonly Expectation[];
  /** The signal that stopped the run, if one did. */
  interruptedBy?: InterruptSignal;
  /** The port could not be started: no case ran. */
  notStarted?: boolean;
}

/** The exit code of a finished (or stopped) run, and why. */
export function gateOf(run: RunResult, options: GateOptions = {}): Gate {
  const expected = expectationMatcher(options.expectations ?? []);
  const failingSkips = run.results.filter((r) => r.status === 'skip' && r.level === 'spec' && !expected(r.id)).map((r) => r.id);
  const ran = `${run.results.length} of ${run.results.length + run.notRun.length} cases`;
  if (options.interruptedBy) {
    return { exitCode: exitCodeOf(options.interruptedBy), reasons: [`stopped by ${options.interruptedBy} after ${ran}; the summary and reports cover only those`], failingSkips };
  }
  if (run.aborted !== undefined) {
    const reason = options.notStarted
      ? 'the port could not be started, so no case ran'
      : `the port became unusable after ${ran}: the run stopped there (RUN STOPPED above says why)`;
    return { exitCode: 2, reasons: [reason], failingSkips };
  }
  const strict = run.options.strict;
  const reasons: string[] = [];
  const failed = run.results.filter((r) => FAILING.includes(r.status));
  if (failed.length) reasons.push(`${plural(failed.length, 'case')} ${failed.length === 1 ? 'does' : 'do'} not pass (${breakdown(failed)}; each is listed above with its re-run command)`);
  if (failingSkips.length) {
    reasons.push(`the port skipped ${plural(failingSkips.length, 'spec case')} (SKIP above), so it is not spec-conformant: leave out of the selection what it does not ` +
      'implement (--api, --filter), or name those cases in --expectations');
  }
  const xpass = run.results.filter((r) => r.status === 'unexpected-pass').length;
  if (strict && xpass) reasons.push(`--strict: ${plural(xpass, 'case')} the expectations file says fail ${xpass === 1 ? 'passes' : 'pass'} (UNEXPECTED PASS above): remove ${xpass === 1 ? 'its entry' : 'their entries'}`);
  const stale = run.staleExpectations.length;
  if (strict && stale) reasons.push(`--strict: ${plural(stale, 'expectations entry', 'expectations entries')} ${stale === 1 ? 'matches' : 'match'} no case of the suite (STALE EXPECTATIONS above)`);
  if (reasons.length) return { exitCode: 1, reasons, failingSkips };
  return { exitCode: 0, reasons: [passingReason(run, xpass, stale)], failingSkips };
}

/** Why a run passes: every case passed, or what it let through and on what grounds. */
function passingReason(run: RunResult, xpass: number, stale: number): string {
  const count = (status: CaseResult['status'], level?: CaseResult['level']): number => run.results.filter((r) => r.status === status && (level === undefined || r.level === level)).length;
  const allowed = [
    ...(count('expected-fail') ? [`${plural(count('expected-fail'), 'expected failure')} (named in the expectations file)`] : []),
    ...(count('skip', 'spec') ? [`${plural(count('skip', 'spec'), 'spec case')} skipped, as the expectations file allows`] : []),
    ...(count('skip', 'paddle') ? [`${plural(count('skip', 'paddle'), 'paddle case')} skipped by the port (a skip fails the run only at the spec level)`] : []),
    ...(xpass ? [`${plural(xpass, 'unexpected pass', 'unexpected passes')} (--strict would fail on ${xpass === 1 ? 'it' : 'them'})`] : []),
    ...(stale ? [`${plural(stale, 'stale expectations entry', 'stale expectations entries')} (--strict would fail on ${stale === 1 ? 'it' : 'them'})`] : []),
  ];
  if (run.results.length === 0) return 'no case was selected in this shard';
  return allowed.length ? `no case fails that the expectations do not name: ${allowed.join('; ')}` : 'every selected case passes';
}

/** "3 fail, 1 crash": the failing statuses by kind. */
function breakdown(failed: readonly CaseResult[]): string {
  return FAILING.map((s) => [s, failed.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The gate's last lines for the terminal: "exit code 1: …", one per reason. */
export function formatGate(gate: Gate): string {
  return gate.reasons.map((r) => `exit code ${gate.exitCode}: ${r}`).join('\n');
}
