/**
 * The machine-readable report (`--json <file>`): every case's status and
 * numbers, totals per level and per api/group, and the headline verdicts,
 * overall and per API.
 * Numbers use the wire encoding: "NaN", "Infinity", "-Infinity" and -0.0.
 * A port's own text (stderr, stacks) is capped as in the terminal (excerpt.ts).
 * Given the run's golden cases, each case also carries its request and
 * Paddle's expected result, and a failing case the port's response, so the
 * report alone (e.g. the compatibility page, report_html/) can show a case in
 * full; the rules cited are summarised once, in `rules`. `port` is the name
 * the run gave the port (--port-name, else its command line or bundled name),
 * `port_command` how it was chosen when a name replaced it, and
 * `summary.exit_reasons` why the exit code is what it is (gate.ts).
 */
import type { Bound, BoundMargin, Failure } from './compare.js';
import { allowedAt } from './tolerance.js';
import type { ElementContext, OperandElement, ScalarArgument } from './element_context.js';
import { capTail } from './excerpt.js';
import { encodeScalar, stringifyExact } from './wire.js';
import type { RerunCommand } from './report_terminal.js';
import type { SuiteCase } from './golden.js';
import { opForFamily } from './ops/index.js';
import type { GatedRun } from './gate.js';
import type { CaseResult, RunResult, Verdicts } from './runner.js';

/** The format tag of the JSON report. */
export const REPORT_FORMAT = 'paddle-conformance/report@1';

/**
 * The JSON report of a run, as a value ready to serialise; with `goldens` (the
 * run's cases), every case also has its description, request and expected result.
 */
export function reportJson(run: GatedRun, rerun: RerunCommand, goldens?: readonly SuiteCase[]): Record<string, unknown> {
  const byId = new Map((goldens ?? []).map((c) => [c.golden.id, c]));
  return {
    format: REPORT_FORMAT,
    port: run.port,
    ...(run.portCommand !== undefined && { port_command: run.portCommand }),
    options: { bitwise: run.options.bitwise, strict: run.options.strict, timeout_ms: run.options.timeoutMs, ...(run.options.paddle !== undefined && { paddle: run.options.paddle }), ...(run.options.machine !== undefined && { machine_class: run.options.machine }) },
    summary: {
      spec_conformant: run.specConformant,
      paddle_compatible: { passed: run.paddleCompatible.passed, total: run.paddleCompatible.total },
      apis: Object.fromEntries(Object.entries(run.apis).map(([name, v]) => [name, apiJson(name, v, run)])),
      exit_code: run.gate?.exitCode ?? run.exitCode,
      ...(run.gate && { exit_reasons: run.gate.reasons }),
      ...(run.aborted ? { aborted: capTail(run.aborted), not_run: run.notRun.map((c) => c.id) } : {}),
      ...(run.staleExpectations.length ? { stale_expectations: run.staleExpectations } : {}),
      ...(run.expectationsOutside?.length ? { expectations_outside_selection: run.expectationsOutside } : {}),
    },
    totals: run.totals,
    rules: ruleSummaries(run.results),
    cases: run.results.map((r) => caseJson(r, rerun, byId.get(r.id))),
  };
}

/** The JSON report as text. */
export function formatJsonReport(run: GatedRun, rerun: RerunCommand, goldens?: readonly SuiteCase[]): string {
  return stringifyExact(reportJson(run, rerun, goldens), 2) + '\n';
}

/** One op's verdicts, with its spec cases' count beside the yes/no, so a reader can say "k of n spec cases pass". */
function apiJson(name: string, v: Verdicts, run: RunResult): Record<string, unknown> {
  const spec = run.results.filter((r) => r.api === name && r.level === 'spec');
  const specNotRun = run.notRun.filter((c) => c.api === name && c.level === 'spec').length;
  const specPassed = spec.filter((r) => r.status === 'pass' || r.status === 'unexpected-pass').length;
  return { spec_conformant: v.specConformant, paddle_compatible: v.paddleCompatible, spec: { passed: specPassed, total: spec.length + specNotRun } };
}

/** The one-line summary of every rule the run's cases cite, by name (the terminal prints the same line under a failure). */
function ruleSummaries(results: readonly CaseResult[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of results) {
    const summaries = opForFamily(r.api)?.rules ?? {};
    for (const name of r.rules ?? []) out[name] ??= summaries[name] ?? '(no summary)';
  }
  return out;
}

function caseJson(r: CaseResult, rerun: RerunCommand, c: SuiteCase | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { id: r.id, api: r.api, group: r.group, level: r.level, status: r.status, file: r.file };
  if (c) Object.assign(out, { description: c.golden.description, request: c.golden.request, expected: c.golden.expected, ...(c.provenance.oracle.machine_class && { expected_machine_class: c.provenance.oracle.machine_class }) });
  if (r.response) out.actual = r.response;
  if (r.rules) out.rules = r.rules;
  if (r.failure) out.failure = failureJson(r.failure, r.context);
  if (r.portFailure) out.port_failure = { ...r.portFailure, detail: capTail(r.portFailure.detail) };
  if (r.skipReason !== undefined) out.skip_reason = r.skipReason;
  if (r.expectation) out.expectation = r.expectation;
  if (r.notes.length) out.notes = r.notes;
  if (r.closest) out.closest_to_bound = closestJson(r.closest);
  if (r.machineClass) out.matched_machine_class = r.machineClass;
  if (c?.machineVariants?.length) out.machine_variants = c.machineVariants;
  if (r.reduction) out.reduction = { difference: encodeScalar(r.reduction.difference), ulps: ulpsJson(r.reduction.ulps), bound: boundJson(r.reduction.bound) };
  out.rerun = rerun(r.id);
  return out;
}

function failureJson(f: Failure, context: ElementContext | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: f.kind, message: f.message };
  const e = f.element;
  if (e) {
    out.element = {
      field: e.field,
      index: e.index,
      multi_index: e.multiIndex,
      actual: encodeScalar(e.actual),
      expected: encodeScalar(e.expected),
      actual_bits: e.actualBits,
      expected_bits: e.expectedBits,
      ulps: ulpsJson(e.ulps),
      difference: encodeScalar(e.difference),
      mismatches: e.mismatches,
      size: e.size,
      ...(context ? { context: contextJson(context) } : {}),
    };
  }
  if (f.bound) out.bound = boundJson(f.bound, e);
  if (f.expectedError) out.expected_error = f.expectedError;
  if (f.actualError) out.actual_error = { type: f.actualError.type, message: capTail(f.actualError.message) };
  return out;
}

/** The inputs behind a differing element, values in the wire encoding. */
function contextJson(c: ElementContext): Record<string, unknown> {
  const operand = (o: OperandElement): Record<string, unknown> => ({ index: o.index, value: encodeScalar(o.value), bits: o.bits });
  const scalar = (a: ScalarArgument): Record<string, unknown> => ({ value: encodeScalar(a.value), ...(a.inDtype !== undefined ? { in_dtype: encodeScalar(a.inDtype) } : {}) });
  return {
    operands: Object.fromEntries(Object.entries(c.operands).map(([k, o]) => [k, operand(o)])),
    scalars: Object.fromEntries(Object.entries(c.scalars).map(([k, a]) => [k, scalar(a)])),
    ...(c.branch ? { branch: c.branch } : {}),
    ...(c.note ? { note: c.note } : {}),
  };
}

/**
 * A ULP distance as JSON: a number while it is a safe integer, beyond 2^53 a
 * decimal string, since JSON readers parse numbers as float64 and would round it.
 */
export function ulpsJson(ulps: bigint | null): number | string | null {
  if (ulps === null) return null;
  return ulps <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(ulps) : ulps.toString();
}

/** A bound as JSON; a per-element allowance is given at the failing element (`allowed`), not as a whole array. */
function boundJson(b: Bound, at?: { index: number; expected: number }): Record<string, unknown> {
  const absolute = typeof b.absolute === 'number' ? { absolute: encodeScalar(b.absolute) } : b.absolute ? { absolute: 'per-element' } : {};
  return {
    kind: b.kind,
    bitwise: b.bitwise,
    value: encodeScalar(b.value),
    ...(b.ulps !== undefined ? { ulps: b.ulps } : {}),
    ...(b.absolute !== undefined ? { ...absolute, relative: encodeScalar(b.relative ?? 0) } : {}),
    ...(b.absolute !== undefined && at ? { allowed: encodeScalar(allowedAt(b, at.index, at.expected)) } : {}),
    description: b.description,
  };
}

/** How close a passing case came to its bound, as JSON. */
function closestJson(c: BoundMargin): Record<string, unknown> {
  return { field: c.field, index: c.index, difference: encodeScalar(c.difference), ulps: ulpsJson(c.ulps), allowed: encodeScalar(c.allowed), ratio: encodeScalar(c.ratio), bound: boundJson(c.bound) };
}
