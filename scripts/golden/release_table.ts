/**
 * `npm run golden:releases`: the table of which behaviour changed in which
 * Paddle release, generated from the committed overlays
 * (golden/releases/<X>/<family>.json) and the base goldens. A row is a named
 * rule (the rules the differing base cases cite), a cell the number of cases
 * where that release's result differs from the base release's, and how.
 * `--write` puts the table into README.md between its markers; the tests
 * check that the README's table is the one the overlays give.
 */
import { readFileSync } from 'node:fs';
import { writeReportFile } from '../../conformance/report_file.js';
import { join } from 'node:path';
import type { ExpectedJson, GoldenCase } from '../../conformance/case.js';
import { BASE_RELEASE, loadOverlays, OVERLAY_RELEASES } from '../../conformance/releases.js';
import { stringifyExact } from '../../conformance/wire.js';
import { GOLDEN_ROOT, isEntryPoint, readGoldenSet, REPO_ROOT, runCli } from './regeneration.js';

/** The README markers the table sits between. */
export const TABLE_START = '<!-- release-table:start (npm run golden:releases -- --write) -->';
export const TABLE_END = '<!-- release-table:end -->';

/** How a release's expectation departs from the base's, coarsest first. */
export type ChangeKind = 'outcome' | 'error type' | 'values' | 'error message only';

/** What kind of departure one overlaid expectation is. */
export function changeKind(base: ExpectedJson, other: ExpectedJson): ChangeKind {
  const shape = (e: ExpectedJson) => (e.error ? 'error' : e.output === null ? 'none' : 'result');
  if (shape(base) !== shape(other)) return 'outcome';
  if (base.error && other.error) return base.error.type !== other.error.type ? 'error type' : 'error message only';
  return 'values';
}

/** The rows of the table: one per rule (or per group where the cases cite none), with per-release counts and kinds. */
export function releaseRows(goldenRoot: string = GOLDEN_ROOT): { behaviour: string; cells: Map<string, { count: number; kinds: Set<ChangeKind> }> }[] {
  const base = new Map<string, GoldenCase>();
  for (const f of readGoldenSet(goldenRoot).files.values()) for (const c of f.cases) base.set(c.id, c);
  const rows = new Map<string, Map<string, { count: number; kinds: Set<ChangeKind> }>>();
  for (const version of OVERLAY_RELEASES) {
    for (const { overlay } of loadOverlays(goldenRoot, version)) {
      for (const c of overlay.cases) {
        const was = base.get(c.id);
        if (!was || stringifyExact(was.expected) === stringifyExact(c.expected)) continue;
        const kind = changeKind(was.expected, c.expected);
        for (const behaviour of behavioursOf(was, kind)) {
          const cells = rows.get(behaviour) ?? new Map();
          const cell = cells.get(version) ?? { count: 0, kinds: new Set<ChangeKind>() };
          cell.count++;
          cell.kinds.add(kind);
          cells.set(version, cell);
          rows.set(behaviour, cells);
        }
      }
    }
  }
  return [...rows].sort(([a], [b]) => a.localeCompare(b)).map(([behaviour, cells]) => ({ behaviour, cells }));
}

/** The behaviours a differing case shows: its rules, or its op and group when it cites none; wording-only changes are one row. */
function behavioursOf(c: GoldenCase, kind: ChangeKind): string[] {
  if (kind === 'error message only') return ['(error message wording and source lines only; not compared)'];
  const family = c.id.slice(0, c.id.indexOf('/'));
  return c.rules && c.rules.length > 0 ? c.rules.map((r) => `\`${r}\``) : [`${family}/${c.group} (no rule cited)`];
}

/** The markdown table: behaviours down, releases across, "count kinds" in each cell. */
export function releaseTable(goldenRoot: string = GOLDEN_ROOT): string {
  const rows = releaseRows(goldenRoot);
  const head = `| behaviour (rule) | ${OVERLAY_RELEASES.join(' | ')} |\n|---|${OVERLAY_RELEASES.map(() => '---').join('|')}|`;
  const body = rows.map(({ behaviour, cells }) => `| ${behaviour} | ${OVERLAY_RELEASES.map((v) => cellText(cells.get(v))).join(' | ')} |`);
  const totals = OVERLAY_RELEASES.map((v) => loadOverlays(goldenRoot, v).reduce((n, { overlay }) => n + overlay.cases.length, 0));
  return [
    `Cases whose result differs from Paddle ${BASE_RELEASE}'s, by release (a case citing two rules counts in both rows):`,
    '',
    head,
    ...body,
    `| **cases in the overlay** | ${totals.join(' | ')} |`,
  ].join('\n');
}

function cellText(cell: { count: number; kinds: Set<ChangeKind> } | undefined): string {
  if (!cell) return '';
  const kinds = [...cell.kinds].filter((k) => k !== 'error message only');
  return kinds.length ? `${cell.count} (${kinds.join(', ')})` : String(cell.count);
}

/** README text with the table between the markers replaced. */
export function withTable(readme: string, table: string): string {
  return withSection(readme, table, TABLE_START, TABLE_END);
}

/** README text with what sits between two markers replaced by `text`; an error when the markers are missing. */
export function withSection(readme: string, text: string, startMarker: string, endMarker: string): string {
  const start = readme.indexOf(startMarker);
  const end = readme.indexOf(endMarker);
  if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${startMarker} ... ${endMarker}`);
  return `${readme.slice(0, start + startMarker.length)}\n${text}\n${readme.slice(end)}`;
}

/** Prints the table, or with --write puts it into README.md. */
export async function main(argv: string[]): Promise<number> {
  const table = releaseTable();
  if (!argv.includes('--write')) {
    console.log(table);
    return 0;
  }
  const path = join(REPO_ROOT, 'README.md');
  writeReportFile(path, withTable(readFileSync(path, 'utf8'), table));
  console.log(`README.md: release table updated (${releaseRows().length} behaviours)`);
  return 0;
}

if (isEntryPoint(import.meta.url)) await runCli(main, 'golden:releases');
