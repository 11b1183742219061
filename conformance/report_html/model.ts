/**
 * The compatibility page's data, built from saved runs: the ops, one column
 * per run (its port), one row per case with each port's status, the per-op
 * counts of each port's header, and each case's detail (request, expected,
 * and per port the actual, the first differing element, the re-run command).
 * Every count comes from the run reports as written, never recounted, so the
 * page says what the JSON says.
 */
import { requestText, resultText } from './tensor_text.js';
import type { RunCase, RunFile } from './run_file.js';

/** Statuses the page adds to a run's own: a case its run never reached, and a case its run did not select. */
export const PAGE_STATUSES = ['not-run', 'not-selected'] as const;

/** One port's verdicts for one op, as its run report states them. */
export interface OpCounts {
  /** Passing spec cases of the op, out of its spec cases. */
  spec: { passed: number; total: number };
  /** Whether every spec case passed (null: no spec case selected). */
  specConformant: boolean | null;
  /** Passing cases of the op, out of all its selected cases. */
  paddle: { passed: number; total: number };
}

/** One column of the matrix: a run and its port. */
export interface PortColumn {
  /** The port's name from the run report (--port-name, else its command line), made unique with the file's name when two runs share it. */
  name: string;
  /** The port's command line, when --port-name gave it a name of its own. */
  command?: string;
  /** The run report it came from. */
  file: string;
  /** Per op (family name): the header's counts; an op the run did not select is absent. */
  ops: Record<string, OpCounts>;
  /** Why the run stopped early, when it did. */
  aborted?: string;
  /** The run's re-run command with `{id}` for the case id, shared by its cases. */
  rerun?: string;
  /** Whether the run compared raw bits. */
  bitwise: boolean;
  /** The machine class whose expectations the run judged by, when its report says. */
  machine?: string;
}

/** What one port did with one case, with the detail a reader needs when it did not pass. */
export interface Cell {
  /** How the case ended for this port. */
  status: string;
  /** Lines of the failure: the message, the first differing element, the bound. */
  failure?: string[];
  /** The port's response, when the run kept it (a failure). */
  actual?: string[];
  /** Other things the run said: a skip reason, a port failure, an expectation, notes. */
  notes?: string[];
  /** The re-run command, when it is not the port's template filled with the id. */
  rerun?: string;
}

/** One row of the matrix: a case, and one cell per port (null: the run did not select the case). */
export interface CaseRow {
  /** The case id. */
  id: string;
  /** The op's family name. */
  api: string;
  /** The case's group. */
  group: string;
  /** `spec` or `paddle`. */
  level: string;
  /** What the case checks. */
  description?: string;
  /** The named rules the case exercises. */
  rules: string[];
  /** The request as lines (empty when no run report carried it). */
  request: string[];
  /** Paddle's result as lines (empty when no run report carried it). */
  expected: string[];
  /** One cell per port, in column order. */
  cells: (Cell | null)[];
}

/** Everything the page shows. */
export interface PageData {
  /** The op family names, in the order the runs first name them. */
  ops: string[];
  /** The columns. */
  ports: PortColumn[];
  /** The rows. */
  cases: CaseRow[];
  /** One-line summaries of the rules cited, by name. */
  rules: Record<string, string>;
}

/** Builds the page's data from run reports, in the order given. */
export function pageData(runs: readonly RunFile[]): PageData {
  const names = columnNames(runs);
  const ports = runs.map((run, i) => portColumn(run, names[i]!));
  const rows = new Map<string, CaseRow>();
  const ops: string[] = [];
  runs.forEach((run, p) => {
    for (const op of Object.keys(run.summary.apis)) if (!ops.includes(op)) ops.push(op);
    for (const c of run.cases) rowFor(rows, c, runs.length).cells[p] = cell(c, ports[p]!.rerun);
  });
  // After every run's cases, so a case that one run never reached takes its group and level from a run that did.
  runs.forEach((run, p) => {
    for (const id of run.summary.not_run ?? []) notRunRow(rows, id, runs.length).cells[p] = { status: 'not-run', notes: [`not run: ${run.summary.aborted ?? 'the run stopped early'}`] };
  });
  const rules = Object.assign({}, ...runs.map((r) => r.rules)) as Record<string, string>;
  return { ops, ports, cases: [...rows.values()], rules };
}

/** The port names as columns: a name two runs share gets its file's name beside it. */
function columnNames(runs: readonly RunFile[]): string[] {
  return runs.map((run) => (runs.filter((r) => r.port === run.port).length > 1 ? `${run.port} (${run.file})` : run.port));
}

function portColumn(run: RunFile, name: string): PortColumn {
  const ops = Object.fromEntries(Object.entries(run.summary.apis).map(([op, v]) => [op, {
    spec: v.spec ?? specCount(run, op),
    specConformant: v.spec_conformant,
    paddle: v.paddle_compatible,
  }]));
  const template = rerunTemplate(run.cases);
  return { name, ...(run.portCommand !== undefined && { command: run.portCommand }), file: run.file, ops, bitwise: Boolean(run.options.bitwise), ...(run.options.machine_class ? { machine: run.options.machine_class } : {}), ...(run.summary.aborted ? { aborted: run.summary.aborted } : {}), ...(template ? { rerun: template } : {}) };
}

/** Spec passes of an op counted from the cases, for a report written before it stated them. */
function specCount(run: RunFile, op: string): { passed: number; total: number } {
  const spec = run.cases.filter((c) => c.api === op && c.level === 'spec');
  const passed = spec.filter((c) => c.status === 'pass' || c.status === 'unexpected-pass').length;
  return { passed, total: spec.length };
}

/**
 * The run's re-run command with `{id}` in place of the case id, read off its
 * first case; cases whose command differs keep their own, so none is lost
 * while the page stores one command per run rather than one per cell.
 */
function rerunTemplate(cases: readonly RunCase[]): string | undefined {
  const first = cases.find((c) => typeof c.rerun === 'string');
  if (!first) return undefined;
  const template = (first.rerun as string).split(quotedId(first.id)).join('{id}');
  return template.includes('{id}') ? template : undefined;
}

/** A case id as the re-run command quotes it, single-quoted for the shell. */
function quotedId(id: string): string {
  return `'${id.replaceAll("'", `'\\''`)}'`;
}

function rowFor(rows: Map<string, CaseRow>, c: RunCase, columns: number, knownLevel = true): CaseRow {
  let row = rows.get(c.id);
  if (!row) {
    row = { id: c.id, api: c.api, group: c.group, level: knownLevel ? c.level : '?', rules: [], request: [], expected: [], cells: Array<Cell | null>(columns).fill(null) };
    rows.set(c.id, row);
  }
  // A report that carries the request and expected result fills them in; the first one wins.
  if (row.request.length === 0 && c.request !== undefined) row.request = requestText(c.request);
  if (row.expected.length === 0 && c.expected !== undefined) row.expected = resultText(c.expected);
  if (row.description === undefined && typeof c.description === 'string') row.description = c.description;
  if (row.rules.length === 0 && Array.isArray(c.rules)) row.rules = c.rules as string[];
  return row;
}

/** The row of a case known only by its id (every run that names it stopped before it): its op and group read off the id. */
function notRunRow(rows: Map<string, CaseRow>, id: string, columns: number): CaseRow {
  const [api = '', group = ''] = id.split('/');
  return rowFor(rows, { id, api, group, level: 'spec', status: 'not-run' }, columns, false);
}

function cell(c: RunCase, template: string | undefined): Cell {
  const out: Cell = { status: c.status };
  if (isObject(c.failure)) out.failure = failureText(c.failure);
  if (c.actual !== undefined) out.actual = resultText(c.actual);
  const notes = noteText(c);
  if (notes.length) out.notes = notes;
  if (typeof c.rerun === 'string' && c.rerun !== template?.split('{id}').join(quotedId(c.id))) out.rerun = c.rerun;
  return out;
}

/** The failure as the terminal prints it: its message, then the first differing element and the bound applied. */
function failureText(f: Record<string, unknown>): string[] {
  const lines = [String(f.message)];
  const e = f.element;
  if (isObject(e)) {
    // As the terminal prints it: the multi-index, then the flat one; -0 from its bits, as JSON writes -0 as 0.
    const at = Array.isArray(e.multi_index) && e.multi_index.length ? `[${e.multi_index.join(', ')}]` : ' (0-D)';
    lines.push(`first differing element: ${String(e.field)}${at} (flat index ${String(e.index)}), the first of ${String(e.mismatches)} differing out of ${String(e.size)}`);
    lines.push(`  actual:   ${valueText(e.actual, e.actual_bits)}  bits ${String(e.actual_bits)}`);
    lines.push(`  expected: ${valueText(e.expected, e.expected_bits)}  bits ${String(e.expected_bits)}`);
    lines.push(`  ulp distance: ${e.ulps === null || e.ulps === undefined ? 'n/a (NaN)' : String(e.ulps)}; |difference|: ${String(e.difference)}`);
    if (isObject(e.context)) lines.push(...contextText(e.context));
  }
  if (isObject(f.bound)) lines.push(`bound: ${String(f.bound.description)}${f.bound.allowed !== undefined ? ` (allowed here: ${String(f.bound.allowed)})` : ''}`);
  if (isObject(f.expected_error)) lines.push(`Paddle raised: ${String(f.expected_error.type)}: ${String(f.expected_error.message)}`);
  if (isObject(f.actual_error)) lines.push(`port raised: ${String(f.actual_error.type)}: ${String(f.actual_error.message)}`);
  return lines;
}

/** A value of the report in decimal, -0 where its bits carry the sign (a JSON number cannot). */
export function valueText(value: unknown, bits: unknown): string {
  const negative = typeof bits === 'string' && /^0x[89a-f]/i.test(bits) && bits.length > 3;
  return value === 0 && negative ? '-0' : String(value);
}

/** The inputs behind the differing element and the branch they select. */
function contextText(c: Record<string, unknown>): string[] {
  const operands = isObject(c.operands) ? Object.entries(c.operands).map(([k, o]) => (isObject(o) ? `${k}[${(o.index as number[]).join(', ')}] = ${String(o.value)} (${String(o.bits)})` : k)) : [];
  const scalars = isObject(c.scalars) ? Object.entries(c.scalars).map(([k, a]) => `${k} ${String(isObject(a) ? a.value : a)}`) : [];
  return [
    ...(operands.length + scalars.length ? [`  from: ${[...operands, ...scalars].join(', ')}`] : []),
    ...(c.branch ? [`  branch: ${String(c.branch)}`] : []),
    ...(c.note ? [`  ${String(c.note)}`] : []),
  ];
}

function noteText(c: RunCase): string[] {
  const notes: string[] = [];
  if (typeof c.skip_reason === 'string') notes.push(`skipped: ${c.skip_reason}`);
  if (isObject(c.port_failure)) notes.push(`${String(c.port_failure.kind)}: ${String(c.port_failure.message)}`, ...(c.port_failure.detail ? [String(c.port_failure.detail)] : []));
  if (isObject(c.expectation)) notes.push(`expected to fail: ${String(c.expectation.reason)} (entry ${JSON.stringify(c.expectation.id)})`);
  if (Array.isArray(c.notes)) notes.push(...c.notes.map(String));
  return notes;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
