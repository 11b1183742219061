/**
 * The terminal report: progress while a run goes on, then every failure in
 * full (case id, first differing element, actual and expected in decimal and
 * hex bits, ULP distance, bound, and the command that re-runs just that case),
 * then totals per group and per level and the two headline verdicts.
 */
import type { ErrorJson } from './case.js';
import { opForFamily } from './ops/index.js';
import { formatNumber, type Failure } from './compare.js';
import type { ElementContext, OperandElement, ScalarArgument } from './element_context.js';
import { capTail } from './excerpt.js';
import { formatGate, type GatedRun } from './gate.js';
import { passed, type CaseResult, type CaseStatus, type RunResult, type Totals } from './runner.js';
import { terminalSafe } from './terminal_text.js';

/** Builds the command line that re-runs one case. */
export type RerunCommand = (id: string) => string;

/** Passing cases with notes listed in the terminal on a failing run; --verbose and the JSON report have them all. */
const NOTES_SHOWN = 10;

/** How much of a run the terminal report spells out. */
export interface TerminalOptions {
  /** List every passing case's note (e.g. "message differs"), even on a passing run. */
  verbose?: boolean;
}

/** Statuses shown in full, with how they are labelled. */
const LABEL: Partial<Record<CaseStatus, string>> = {
  fail: 'FAIL',
  crash: 'CRASH',
  timeout: 'TIMEOUT',
  garbage: 'GARBAGE',
  'unexpected-pass': 'UNEXPECTED PASS',
};

/**
 * The whole report of a finished run. What a port said (errors, skip
 * reasons, stderr) is quoted with its control characters escaped, so it
 * cannot act on the terminal (terminal_text.ts). With the gate's decision
 * (gate.ts), the last lines say why the exit code is what it is.
 */
export function formatRun(run: GatedRun, rerun: RerunCommand, options: TerminalOptions = {}): string {
  const sections: string[] = [`paddle-conformance: ${run.results.length} cases against port ${JSON.stringify(run.port)}${run.portCommand !== undefined ? ` (${run.portCommand})` : ''}`];
  const shown = run.results.filter((r) => LABEL[r.status] !== undefined);
  if (shown.length) sections.push(shown.map((r) => formatCase(r, rerun)).join('\n\n'));
  const listed = [listStaleExpectations(run), listOutsideExpectations(run), listExpectedFailures(run.results), listSkips(run), listNotes(run, options.verbose ?? false)].filter((s) => s !== '');
  sections.push(...listed);
  sections.push(formatTotals(run));
  const margins = formatReductionMargins(run.results);
  if (margins) sections.push(margins);
  const bounds = formatBoundMargins(run.results);
  if (bounds) sections.push(bounds);
  if (run.aborted) sections.push(`RUN STOPPED after ${run.results.length} of ${run.results.length + run.notRun.length} cases (${run.notRun.length} not run): ${capTail(run.aborted)}`);
  const apis = formatApiVerdicts(run);
  if (apis) sections.push(apis);
  sections.push(formatVerdict(run) + (run.gate ? `\n${formatGate(run.gate)}` : ''));
  return terminalSafe(sections.join('\n\n') + '\n');
}

/** One non-passing case in full. */
export function formatCase(r: CaseResult, rerun: RerunCommand): string {
  const lines = [`${LABEL[r.status] ?? r.status.toUpperCase()} ${r.id}  [${r.level}]`];
  if (r.status === 'unexpected-pass') lines.push(`  passes, but the expectations file says it fails: ${r.expectation?.reason ?? ''}`);
  if (r.failure) {
    const e = r.failure.element;
    if (e) {
      const at = e.multiIndex.length ? `[${e.multiIndex.join(', ')}]` : ' (0-D)';
      lines.push(`  ${e.field}${at} (flat index ${e.index}), the first of ${e.mismatches} differing elements out of ${e.size}`);
      lines.push(`    actual:   ${formatNumber(e.actual)}  bits ${e.actualBits}`);
      lines.push(`    expected: ${formatNumber(e.expected)}  bits ${e.expectedBits}`);
      lines.push(`    ulp distance: ${e.ulps ?? 'n/a (NaN)'}; |difference|: ${formatNumber(e.difference)}`);
    } else {
      lines.push(`  ${r.failure.kind}: ${r.failure.message}`);
      lines.push(...errorLines(r.failure));
    }
    if (r.failure.bound) lines.push(`    bound: ${r.failure.bound.description}`);
    if (r.context) lines.push(...contextLines(r.context));
  }
  if (r.portFailure) {
    lines.push(`  ${r.portFailure.message}`);
    if (r.portFailure.detail) lines.push(...indentQuoted(r.portFailure.detail));
  }
  lines.push(...ruleLines(r));
  for (const note of r.notes) lines.push(`  note: ${note}`);
  lines.push(`  golden: ${r.file}`);
  lines.push(`  re-run: ${rerun(r.id)}`);
  return lines.join('\n');
}

/** The inputs behind the first differing element: what a port author recomputes by hand. */
function contextLines(c: ElementContext): string[] {
  const at = (name: string, e: OperandElement): string => `${name}${e.index.length ? `[${e.index.join(', ')}]` : ' (0-D)'} = ${formatNumber(e.value)} (${e.bits})`;
  const scalar = (name: string, a: ScalarArgument): string =>
    `${name} ${formatNumber(a.value)}${a.inDtype === undefined ? '' : ` (${formatNumber(a.inDtype)} in the input's dtype)`}`;
  const from = [...Object.entries(c.operands).map(([k, e]) => at(k, e)), ...Object.entries(c.scalars).map(([k, a]) => scalar(k, a))];
  const lines = [`    from: ${from.join(', ')}`];
  if (c.branch) lines.push(`    branch: ${c.branch}`);
  if (c.note) lines.push(`    ${c.note}`);
  return lines;
}

/** The case's named rules, each with its one-line summary. */
function ruleLines(r: CaseResult): string[] {
  const summaries = opForFamily(r.api)?.rules ?? {};
  return (r.rules ?? []).map((name) => `  rule ${name}: ${summaries[name] ?? '(no summary)'}`);
}

/**
 * Paddle's error beside the port's, so a port author need not run `show` to
 * see what Paddle said. Where Paddle returned a result, the failure's own line
 * already quotes the port's error, so it is not repeated.
 */
function errorLines(f: Failure): string[] {
  if (!f.expectedError) return [];
  const quoted = (e: ErrorJson): string => capTail(`${e.type}: ${e.message}`).split('\n').join('\n      ');
  return [`    Paddle raised: ${quoted(f.expectedError)}`, ...(f.actualError ? [`    port raised:   ${quoted(f.actualError)}`] : [])];
}

/** A port's own text (stderr tail, stack), its tail capped per line and in total. */
function indentQuoted(detail: string): string[] {
  return capTail(detail).split('\n').map((l) => `    | ${l}`);
}

/** Expectations entries that match no case of the suite, each named; under --strict they fail the run. */
export function listStaleExpectations(run: RunResult): string {
  const stale = run.staleExpectations;
  if (!stale.length) return '';
  const head = run.options.strict
    ? `STALE EXPECTATIONS (${stale.length}): these entries match no case of the suite, which fails --strict:`
    : `Expectations that match no case of the suite (${stale.length}; --strict would fail the run on them):`;
  return [
    head,
    ...stale.map((e) => `  ${JSON.stringify(e.id)}: ${e.reason}`),
    '  Remove them from the expectations file, or correct their ids ("paddle-conformance list" prints every id).',
  ].join('\n');
}

/** Expectations entries aimed only at cases this run did not select: counted, so a reader knows the file was read whole. */
function listOutsideExpectations(run: GatedRun): string {
  const outside = run.expectationsOutside ?? [];
  if (!outside.length) return '';
  return `Expectations entries for cases outside this selection: ${outside.length} (not used here, and not stale; the runs that select their cases judge them).`;
}

function listExpectedFailures(results: CaseResult[]): string {
  const xf = results.filter((r) => r.status === 'expected-fail');
  if (!xf.length) return '';
  return [`Expected failures (${xf.length}, from the expectations file):`, ...xf.map((r) => `  ${r.id}: ${r.expectation?.reason ?? ''}`)].join('\n');
}

/** The cases the port skipped; a spec case among them that no expectations entry names fails the run (gate.ts). */
function listSkips(run: GatedRun): string {
  const skips = run.results.filter((r) => r.status === 'skip');
  if (!skips.length) return '';
  const failing = new Set(run.gate?.failingSkips ?? []);
  const head = failing.size
    ? `Skipped by the port (${skips.length}; a skip is not a pass, and the ${failing.size} spec case(s) marked SKIP fail the run):`
    : `Skipped by the port (${skips.length}; a skip is not a pass):`;
  return [head, ...skips.map((r) => `  ${failing.has(r.id) ? 'SKIP ' : ''}${r.id}: ${r.skipReason ?? ''}`)].join('\n');
}

/**
 * Notes on passing cases. On a passing run they fold into one line, since
 * nothing needs fixing; a failing run lists the first few; --verbose lists all.
 */
function listNotes(run: GatedRun, verbose: boolean): string {
  const noted = run.results.filter((r) => r.notes.length && r.status === 'pass');
  if (!noted.length) return '';
  const head = `Passing cases with notes (${noted.length}; error type matches, message differs)`;
  if (!verbose && (run.gate?.exitCode ?? run.exitCode) === 0) return `${head}: --verbose lists them, and so does --json.`;
  const listed = verbose ? noted : noted.slice(0, NOTES_SHOWN);
  const shown = listed.flatMap((r) => r.notes.map((n) => `  ${r.id}: ${n}`));
  const more = noted.length > listed.length ? [`  … and ${noted.length - listed.length} more (--verbose lists them all, and so does --json)`] : [];
  return [`${head}:`, ...shown, ...more].join('\n');
}

/**
 * How close the passing reduced results came to their summation bound: how
 * many equal Paddle's value exactly, and the largest |Δ| as a fraction of the
 * bound, so a port author sees the headroom.
 */
export function formatReductionMargins(results: CaseResult[]): string {
  const reduced = results.filter((r) => r.reduction);
  if (!reduced.length) return '';
  const exact = reduced.filter((r) => r.reduction!.difference === 0).length;
  const ratio = (r: CaseResult): number => r.reduction!.difference / r.reduction!.bound.value;
  const worst = reduced.reduce((a, b) => (ratio(b) > ratio(a) ? b : a));
  const line = `Reduced results (mean, sum) within the summation bound: ${reduced.length}, of which ${exact} equal Paddle's value exactly`;
  if (exact === reduced.length) return line;
  const w = worst.reduction!;
  return `${line}\n  closest to the bound: ${worst.id}: |Δ| = ${formatNumber(w.difference)} (${w.ulps} ulp) = ${ratio(worst).toPrecision(3)} of the bound ${formatNumber(w.bound.value)}`;
}

/**
 * Per API, how close its passing results came to their bounds: how many
 * cases differ from Paddle at all (within the bound), and the element with
 * the largest distance as a fraction of what its bound allowed there.
 */
export function formatBoundMargins(results: CaseResult[]): string {
  const byApi = new Map<string, CaseResult[]>();
  for (const r of results.filter((x) => x.closest)) byApi.set(r.api, [...(byApi.get(r.api) ?? []), r]);
  if (!byApi.size) return '';
  const lines = [...byApi.keys()].sort().map((api) => {
    const rs = byApi.get(api)!;
    const worst = rs.reduce((a, b) => (b.closest!.ratio > a.closest!.ratio ? b : a));
    const c = worst.closest!;
    const passed = results.filter((r) => r.api === api && r.status === 'pass').length;
    return `  ${api}: ${rs.length} of ${passed} passing cases differ from Paddle; largest ${c.ratio.toPrecision(3)} of the bound ` +
      `(${worst.id}: ${c.field}, flat index ${c.index}, |Δ| = ${formatNumber(c.difference)}, ${c.ulps} ulp, allowed ${formatNumber(c.allowed)}${c.bound.kind === 'ulp' ? ' ulp' : ''})`;
  });
  return ['Passing results that differ from Paddle, per API (largest distance as a fraction of its bound):', ...lines].join('\n');
}

/** Totals per group and per level as aligned tables. */
export function formatTotals(run: RunResult): string {
  const groups = Object.keys(run.totals.group).sort();
  const rows: Array<[string, Totals]> = groups.map((g) => [g, run.totals.group[g]!]);
  const levels: Array<[string, Totals]> = [['spec', run.totals.level.spec], ['paddle', run.totals.level.paddle], ['all', run.totals.all]];
  return [`Per group:`, ...table(rows), '', 'Per level:', ...table(levels)].join('\n');
}

function table(rows: Array<[string, Totals]>): string[] {
  const head = ['', 'total', 'pass', 'fail', 'port-err', 'skip', 'xfail', 'xpass'];
  const body = rows.map(([name, t]) => [name, t.total, t.pass, t.fail, t.crash + t.timeout + t.garbage, t.skip, t['expected-fail'], t['unexpected-pass']].map(String));
  const width = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  ');
  return [line(head), ...body.map(line)];
}

/** The two verdicts of each API in the run, one line each. */
export function formatApiVerdicts(run: RunResult): string {
  const names = Object.keys(run.apis).sort();
  if (!names.length) return '';
  const width = Math.max(...names.map((n) => n.length));
  const lines = names.map((name) => {
    const v = run.apis[name]!;
    const spec = v.specConformant === null ? 'n/a' : v.specConformant ? 'yes' : 'no';
    return `  ${name.padEnd(width)}  spec-conformant: ${spec.padEnd(3)}  Paddle-compatible: ${v.paddleCompatible.passed}/${v.paddleCompatible.total}`;
  });
  return ['Per API:', ...lines].join('\n');
}

/** The headline: "spec-conformant: yes/no; Paddle-compatible: k/n", and the port and mode. */
export function formatVerdict(run: GatedRun): string {
  const spec = run.totals.level.spec;
  const specTotal = spec.total + run.notRun.filter((c) => c.level === 'spec').length;
  const conformant = run.specConformant === null ? 'n/a (no spec cases selected)' : run.specConformant ? 'yes' : `no (${specTotal - passed(spec)} of ${specTotal} spec cases do not pass)`;
  const mode = run.options.bitwise ? 'bitwise' : 'value';
  const of = run.options.machine !== undefined ? `; expectations: Paddle ${run.options.paddle ?? 'goldens'} on ${run.options.machine}` : '';
  const elsewhere = run.results.filter((r) => r.machineClass !== undefined);
  const matched = elsewhere.length > 0 ? `\n${elsewhere.length} machine-dependent result(s) matched another class's recording (${[...new Set(elsewhere.map((r) => r.machineClass))].join(', ')}), not ${run.options.machine}'s: passes` : '';
  const command = run.portCommand !== undefined ? ` (${run.portCommand})` : '';
  return `port: ${run.port}${command}; comparison: ${mode} mode${of}${matched}\nspec-conformant: ${conformant}; Paddle-compatible: ${run.paddleCompatible.passed}/${run.paddleCompatible.total}`;
}

/**
 * A progress reporter for stderr. On a TTY it redraws one line; otherwise it
 * prints a line every 10% so CI logs show the run is alive.
 */
export function progressReporter(write: (text: string) => void, tty: boolean): (done: number, total: number, r: CaseResult) => void {
  let failures = 0;
  let lastDecile = -1;
  return (done, total, r) => {
    if (r.status === 'fail' || r.status === 'crash' || r.status === 'timeout' || r.status === 'garbage') failures++;
    const text = `[${String(done).padStart(String(total).length)}/${total}] ${failures} failing`;
    if (tty) {
      write(`\r${text}${done === total ? '\n' : ''}`);
      return;
    }
    const decile = Math.floor((done / total) * 10);
    if (decile !== lastDecile || done === total) {
      lastDecile = decile;
      write(`${text}\n`);
    }
  };
}
