/**
 * Drift reports: how a freshly regenerated golden set departs from the
 * committed one, either the same Paddle (golden:check) or another version
 * (golden:generate --paddle-version), grouped by kind of difference.
 */
import type { GoldenFileJson } from '../../conformance/case.js';
import { diffGoldenSets, type CaseChange, type GoldenChanges } from './change.js';

/** Which provenance fields are facts about the machine rather than about the expectations: differences there are notes, not drift. */
export const MACHINE_FACTS = ['oracle.python', 'oracle.numpy', 'oracle.os', 'oracle.cpu', 'oracle.cpu_vendor', 'oracle.cpu_features', 'oracle.machine', 'oracle.machine_class', 'generator.version'];

/** The kind of a difference line, e.g. "output values", "error message", "outcome". */
export function differenceKind(line: string): string {
  return line.slice(0, line.indexOf(':')).trim();
}

/** A drift report between a baseline golden set and a new one. */
export interface DriftReport {
  changes: GoldenChanges;
  /** Cases present in both sets whose request and expectation are identical. */
  identical: number;
  /** The report text. */
  text: string;
  /** True when any case, file set or non-machine provenance differs. */
  drifted: boolean;
}

/** Labels for the two sides of a report. */
export interface DriftLabels {
  title: string;
  /** What "was" refers to, e.g. "committed goldens (Paddle 3.3.1)". */
  was: string;
  /** What "now" refers to, e.g. "Paddle 2.6.2". */
  now: string;
}

/** Compares two golden sets (`<family>/<group>` -> file) and writes the report, naming files by that key. */
export function driftReport(baseline: ReadonlyMap<string, GoldenFileJson>, fresh: ReadonlyMap<string, GoldenFileJson>, labels: DriftLabels): DriftReport {
  const changes = diffGoldenSets(baseline, fresh);
  const total = new Set([...baseline.values(), ...fresh.values()].flatMap((f) => f.cases.map((c) => c.id))).size;
  const differing = changes.cases.filter((c) => c.kind !== 'metadata');
  const identical = total - changes.cases.length;
  const isMachineFact = (p: string) => MACHINE_FACTS.some((m) => p.startsWith(`${m}:`));
  const provenanceDrift = collapse(changes, (p) => !isMachineFact(p));
  const provenanceNotes = collapse(changes, isMachineFact);
  const fileDrift = changes.files.filter((f) => f.status === 'new' || f.status === 'stale');

  const lines = [labels.title, `"was" = ${labels.was}; "now" = ${labels.now}`,
    `${total} case(s): ${identical} identical, ${differing.length} differ, ${changes.cases.length - differing.length} differ in metadata only`];
  const kinds = countKinds(differing);
  if (kinds.size > 0) {
    lines.push('differences by kind (a case may count under several):');
    for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) lines.push(`  ${String(n).padStart(5)}  ${kind}`);
  }
  for (const f of fileDrift) lines.push(f.status === 'new' ? `file only in "now": ${f.file}.json` : `file only in "was": ${f.file}.json`);
  for (const p of provenanceDrift) lines.push(`provenance differs: ${p}`);
  for (const p of provenanceNotes) lines.push(`note (machine facts, not drift): ${p}`);
  if (changes.cases.length > 0) lines.push('cases:');
  for (const c of changes.cases) {
    lines.push(`  ${c.id}${c.kind === 'added' ? '  (only in "now")' : c.kind === 'removed' ? '  (only in "was")' : c.kind === 'metadata' ? '  (metadata only)' : ''}`);
    for (const d of c.details) lines.push(`      ${truncate(d)}`);
  }
  return { changes, identical, text: lines.join('\n'), drifted: differing.length > 0 || fileDrift.length > 0 || provenanceDrift.length > 0 || changes.cases.length > 0 };
}

/** Provenance differences, one line per distinct difference with the files it occurs in ("all files" when every compared file has it). */
function collapse(changes: GoldenChanges, keep: (p: string) => boolean): string[] {
  const compared = changes.files.filter((f) => f.status === 'unchanged' || f.status === 'changed');
  const files = new Map<string, string[]>();
  for (const f of compared) for (const p of f.provenance.filter(keep)) files.set(p, [...(files.get(p) ?? []), `${f.file}.json`]);
  return [...files].map(([p, where]) => `${p} (${where.length === compared.length ? `all ${where.length} files` : where.join(', ')})`);
}

function countKinds(changes: readonly CaseChange[]): Map<string, number> {
  const kinds = new Map<string, number>();
  for (const c of changes) {
    const own = c.kind === 'added' || c.kind === 'removed' ? [`case only in ${c.kind === 'added' ? '"now"' : '"was"'}`] : c.details.map(differenceKind);
    if (c.kind === 'request') own.unshift('request changed');
    for (const k of new Set(own)) kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  return kinds;
}

function truncate(line: string, max = 400): string {
  return line.length > max ? `${line.slice(0, max)}... (${line.length - max} more characters)` : line;
}
