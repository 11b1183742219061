/**
 * Changes between two sets of golden files: which cases were added, removed
 * or changed, and for a changed expectation exactly what differs (first
 * differing element, values and bits). Used by golden:generate's summary and
 * refusal, golden:check's drift report and the cross-version drift report.
 */
import type { ExpectedJson, GoldenCase, GoldenFileJson, GradOutputJson, ProvenanceJson } from '../../conformance/case.js';
import { ulpDistance, unravel } from '../../conformance/compare.js';
import { bitsAt, decodeTensor, elementAt, hexBitsAt, isFloatDType, shapeSize, stringifyExact, type TensorJson, type WireTensor } from '../../conformance/wire.js';

/** How one case differs between the old and the new set. */
export type CaseChangeKind =
  | 'added' // only in the new set
  | 'removed' // only in the old set
  | 'expected' // Paddle's result changed
  | 'request' // the call itself changed (inputs or arguments)
  | 'metadata'; // only description, tags, level, clause or rules changed

/** One changed case. */
export interface CaseChange {
  id: string;
  kind: CaseChangeKind;
  /** Human-readable lines saying what differs (empty for added/removed). */
  details: string[];
}

/** How one golden file differs. */
export interface FileChange {
  /** The file's key, `<family>/<group>` (its path under the golden root without `.json`). */
  file: string;
  status: 'new' | 'stale' | 'unchanged' | 'changed';
  /** Provenance fields that differ (e.g. "oracle.cpu: A -> B"), reported but never drift on their own. */
  provenance: string[];
}

/** Everything that differs between two golden sets. */
export interface GoldenChanges {
  files: FileChange[];
  cases: CaseChange[];
}

/** Compares two golden sets, each a map from file key (`<family>/<group>`) to parsed file. */
export function diffGoldenSets(before: ReadonlyMap<string, GoldenFileJson>, after: ReadonlyMap<string, GoldenFileJson>): GoldenChanges {
  const files: FileChange[] = [];
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const file of keys) {
    const a = before.get(file);
    const b = after.get(file);
    if (!a) files.push({ file, status: 'new', provenance: [] });
    else if (!b) files.push({ file, status: 'stale', provenance: [] });
    else {
      const same = stringifyExact(a.cases) === stringifyExact(b.cases);
      files.push({ file, status: same ? 'unchanged' : 'changed', provenance: provenanceDifferences(a.provenance, b.provenance) });
    }
  }
  return { files, cases: diffCases(allCases(before), allCases(after)) };
}

function allCases(set: ReadonlyMap<string, GoldenFileJson>): Map<string, GoldenCase> {
  return new Map([...set.values()].flatMap((f) => f.cases.map((c) => [c.id, c] as const)));
}

/** Case-level changes between two sets of cases keyed by id, in id order. */
export function diffCases(before: ReadonlyMap<string, GoldenCase>, after: ReadonlyMap<string, GoldenCase>): CaseChange[] {
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: CaseChange[] = [];
  for (const id of ids) {
    const a = before.get(id);
    const b = after.get(id);
    if (!a) changes.push({ id, kind: 'added', details: [] });
    else if (!b) changes.push({ id, kind: 'removed', details: [] });
    else if (stringifyExact(a.request) !== stringifyExact(b.request)) changes.push({ id, kind: 'request', details: requestDifferences(a, b) });
    else if (stringifyExact(a.expected) !== stringifyExact(b.expected)) changes.push({ id, kind: 'expected', details: expectedDifferences(a.expected, b.expected) });
    else if (stringifyExact(a) !== stringifyExact(b)) changes.push({ id, kind: 'metadata', details: metadataDifferences(a, b) });
  }
  return changes;
}

/** The changes golden:generate refuses to write without --accept: anything that alters or drops an existing expectation. */
export function changesNeedingAccept(changes: GoldenChanges): { cases: CaseChange[]; staleFiles: string[] } {
  return {
    cases: changes.cases.filter((c) => c.kind === 'expected' || c.kind === 'request' || c.kind === 'removed'),
    staleFiles: changes.files.filter((f) => f.status === 'stale').map((f) => f.file),
  };
}

// ---------------------------------------------------------------- expected

/** Lines saying how two expectations differ, most important first; empty when equal. */
export function expectedDifferences(before: ExpectedJson, after: ExpectedJson): string[] {
  const lines: string[] = [];
  if (before.error || after.error) {
    if (!before.error) lines.push(`outcome: was output ${tensorSummary(before.output)}, now error ${after.error!.type}: ${oneLine(after.error!.message)}`);
    else if (!after.error) lines.push(`outcome: was error ${before.error.type}: ${oneLine(before.error.message)}, now output ${tensorSummary(after.output)}`);
    else {
      if (before.error.type !== after.error.type) lines.push(`error type: was ${before.error.type}, now ${after.error.type}`);
      if (before.error.message !== after.error.message) lines.push(messageDifference(before.error.message, after.error.message));
    }
    return lines;
  }
  lines.push(...listDifferences('output', before.output, after.output));
  // Every gradient by name; one only on one side is "absent" on the other.
  for (const name of unionOfKeys(before.grad, after.grad)) lines.push(...tensorDifferences(`grad.${name}`, before.grad?.[name], after.grad?.[name]));
  if ((before.grad === undefined) !== (after.grad === undefined) && unionOfKeys(before.grad, after.grad).length === 0) {
    lines.push(`grad: was ${json(before.grad)}, now ${json(after.grad)}`);
  }
  const ba = before.reduction_basis;
  const bb = after.reduction_basis;
  if (json(ba) !== json(bb)) lines.push(`reduction_basis: was ${json(ba)}, now ${json(bb)}`);
  return lines;
}

/** Lines saying how two tensors differ: dtype, shape, then the first differing element (bitwise) and how many differ. */
export function tensorDifferences(label: string, before: TensorJson | null | undefined, after: TensorJson | null | undefined): string[] {
  if (!before || !after) return before === after ? [] : [`${label}: was ${tensorSummary(before)}, now ${tensorSummary(after)}`];
  const a = decodeTensor(before, label);
  const b = decodeTensor(after, label);
  if (a.dtype !== b.dtype) return [`${label} dtype: was ${a.dtype}, now ${b.dtype}`];
  if (a.shape.join() !== b.shape.join()) return [`${label} shape: was [${a.shape.join(', ')}], now [${b.shape.join(', ')}]`];
  const n = shapeSize(a.shape);
  let first = -1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (bitsAt(a, i) !== bitsAt(b, i)) {
      if (first < 0) first = i;
      count++;
    }
  }
  if (first < 0) return [];
  const ulps = isFloatDType(a.dtype) ? ulpDistance(a, b, first) : null;
  return [`${label} values: ${count} of ${n} element(s) differ; first at index ${first}${indexSuffix(a.shape, first)}: ` +
    `was ${show(a, first)}, now ${show(b, first)}${ulps === null ? '' : ` (${ulps} ulp)`}`];
}

/** An element as decimal and hex bits, e.g. `0.2222222238779068 (0x3e638e39)`. */
export function show(t: WireTensor, i: number): string {
  const x = elementAt(t, i);
  const decimal = Object.is(x, -0) ? '-0' : String(x);
  return `${decimal} (${hexBitsAt(t, i)})`;
}

function indexSuffix(shape: readonly number[], flat: number): string {
  return shape.length <= 1 ? '' : ` [${unravel(flat, shape).join(', ')}]`;
}

/** A JSON value as exact text, or "absent" for undefined. */
function json(value: unknown): string {
  return value === undefined ? 'absent' : stringifyExact(value);
}

/** Where two error messages part: the first differing character, with context on both sides. */
export function messageDifference(before: string, after: string): string {
  let i = 0;
  while (i < before.length && i < after.length && before[i] === after[i]) i++;
  const from = Math.max(0, i - 40);
  const excerpt = (s: string) => `${from > 0 ? '…' : ''}${JSON.stringify(s.slice(from, i + 80)).slice(1, -1)}${s.length > i + 80 ? '…' : ''}`;
  return `error message: differs from character ${i}: was "${excerpt(before)}", now "${excerpt(after)}"`;
}

/** The keys of two records, those of the first in its order, then the second's new ones. */
function unionOfKeys(a: Readonly<Record<string, unknown>> | undefined, b: Readonly<Record<string, unknown>> | undefined): string[] {
  return [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
}

function tensorSummary(t: GradOutputJson | null | undefined): string {
  if (Array.isArray(t)) return `[${t.map(tensorSummary).join(', ')}]`;
  return t ? `${t.dtype}[${t.shape.join(', ')}]` : t === null ? 'None' : 'absent';
}

/** tensorDifferences for a result or upstream gradient that may be a list (an op with several outputs): entry by entry, `label[i]`. */
function listDifferences(label: string, before: GradOutputJson | null | undefined, after: GradOutputJson | null | undefined): string[] {
  if (!Array.isArray(before) && !Array.isArray(after)) return tensorDifferences(label, before, after);
  if (!Array.isArray(before) || !Array.isArray(after) || before.length !== after.length) return [`${label}: was ${tensorSummary(before)}, now ${tensorSummary(after)}`];
  return before.flatMap((t, i) => tensorDifferences(`${label}[${i}]`, t, after[i]));
}

function oneLine(s: string, max = 160): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}...` : line;
}

// ---------------------------------------------------------------- request, metadata, provenance

function requestDifferences(a: GoldenCase, b: GoldenCase): string[] {
  const lines: string[] = [];
  for (const key of ['api', 'kwargs', 'init', 'grad'] as const) {
    const x = json(a.request[key]);
    const y = json(b.request[key]);
    if (x !== y) lines.push(`request.${key}: was ${x}, now ${y}`);
  }
  // Every input tensor by name; one only on one side is "absent" on the other.
  for (const name of unionOfKeys(a.request.inputs, b.request.inputs)) {
    lines.push(...tensorDifferences(`request.inputs.${name}`, a.request.inputs[name], b.request.inputs[name]));
  }
  const order = (r: GoldenCase['request']) => Object.keys(r.inputs).join(', ');
  if (order(a.request) !== order(b.request)) lines.push(`request.inputs order: was ${order(a.request)}, now ${order(b.request)}`);
  lines.push(...listDifferences('request.grad_output', a.request.grad_output, b.request.grad_output));
  lines.push(...expectedDifferences(a.expected, b.expected));
  return lines;
}

function metadataDifferences(a: GoldenCase, b: GoldenCase): string[] {
  const keys = ['group', 'level', 'spec_clause', 'rules', 'tags', 'description'] as const;
  return keys.filter((k) => json(a[k]) !== json(b[k])).map((k) => `${k}: was ${json(a[k])}, now ${json(b[k])}`);
}

function provenanceDifferences(a: ProvenanceJson, b: ProvenanceJson): string[] {
  const lines: string[] = [];
  for (const [section, x, y] of [['oracle', a.oracle, b.oracle], ['generator', a.generator, b.generator]] as const) {
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
      const text = (v: unknown): string => (v === undefined ? 'absent' : typeof v === 'string' ? v : JSON.stringify(v));
      const va = text((x as Record<string, unknown>)[key]);
      const vb = text((y as Record<string, unknown>)[key]);
      if (va !== vb) lines.push(`${section}.${key}: ${va} -> ${vb}`);
    }
  }
  return lines;
}

// ---------------------------------------------------------------- formatting

/** A readable summary of the changes, one line per file status and per case change (with its details indented). */
export function formatChanges(changes: GoldenChanges): string {
  const lines: string[] = [];
  const count = (kind: CaseChangeKind) => changes.cases.filter((c) => c.kind === kind).length;
  lines.push(`cases: ${count('added')} added, ${count('removed')} removed, ${count('expected')} with changed expectations, ` +
    `${count('request')} with changed requests, ${count('metadata')} with changed metadata only`);
  for (const f of changes.files) {
    if (f.status === 'new') lines.push(`  new file     ${f.file}.json`);
    if (f.status === 'stale') lines.push(`  stale file   ${f.file}.json (its group is no longer in the plan)`);
    if (f.status === 'changed') lines.push(`  changed file ${f.file}.json`);
    for (const p of f.provenance) lines.push(`  provenance   ${f.file}.json ${p}`);
  }
  for (const c of changes.cases) {
    lines.push(`  ${c.kind.padEnd(8)} ${c.id}`);
    for (const d of c.details) lines.push(`      ${d}`);
  }
  return lines.join('\n');
}
