/**
 * The family at a glance: one row per registered op with its Paddle names and
 * the selected cases of each form, for `paddle-conformance list --ops`. A user
 * porting the loss family sees which functions and layers the suite checks
 * and how deeply, without reading case ids.
 */
import type { SuiteCase } from './golden.js';
import { formOf, layerNamesOf, type OpDescriptor } from './op.js';

/** One op's row: its names and how many selected cases it has, by level and by form. */
export interface FamilyRow {
  /** The family name (`--api`). */
  readonly op: string;
  /** The functional form's dotted name. */
  readonly functional: string;
  /** The layer and its aliases (empty for a functional-only op). */
  readonly layers: readonly string[];
  /** The release each name younger than the oldest release first appeared in. */
  readonly since: Readonly<Record<string, string>>;
  /** Selected cases fixed by the page. */
  readonly spec: number;
  /** Selected cases fixed by Paddle's behaviour. */
  readonly paddle: number;
  /** Selected cases calling the functional form. */
  readonly functionalCases: number;
  /** Selected cases calling the layer (or an alias). */
  readonly layerCases: number;
}

/** The rows of the given ops over the selected cases, in registry order (an op with no selected case has zeros). */
export function familyRows(ops: readonly OpDescriptor[], cases: readonly SuiteCase[]): FamilyRow[] {
  return ops.map((op) => {
    const own = cases.filter((c) => formOf(op, c.golden.request.api) !== undefined);
    const count = (keep: (c: SuiteCase) => boolean): number => own.filter(keep).length;
    return {
      op: op.family,
      functional: op.functional,
      layers: layerNamesOf(op),
      since: { ...op.since },
      spec: count((c) => c.golden.level === 'spec'),
      paddle: count((c) => c.golden.level === 'paddle'),
      functionalCases: count((c) => formOf(op, c.golden.request.api) === 'functional'),
      layerCases: count((c) => formOf(op, c.golden.request.api) === 'layer'),
    };
  });
}

/** The rows as an aligned text table with a closing count of functions, layers and cases. */
export function formatFamily(rows: readonly FamilyRow[]): string {
  const table = [
    ['op', 'functional', 'layer', 'cases', 'spec', 'paddle', 'via functional', 'via layer'],
    ...rows.map((r) => [
      r.op,
      withSince(r.functional, r.since),
      r.layers.map((name) => withSince(name, r.since)).join(', ') || '(functional only)',
      String(r.spec + r.paddle),
      String(r.spec),
      String(r.paddle),
      String(r.functionalCases),
      String(r.layerCases),
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const numeric = new Set([3, 4, 5, 6, 7]);
  const lines = table.map((row) => row.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd());
  const layers = rows.reduce((n, r) => n + r.layers.length, 0);
  const cases = rows.reduce((n, r) => n + r.spec + r.paddle, 0);
  return `${lines.join('\n')}\n${rows.length} functions, ${layers} layers (aliases counted), ${cases} cases\n`;
}

/** A name with the release it appeared in, where younger than the oldest release run. */
function withSince(name: string, since: Readonly<Record<string, string>>): string {
  return since[name] === undefined ? name : `${name} (since ${since[name]})`;
}
