/**
 * The README's tables of one kind of port against Paddle (PyTorch's releases, Ivy's
 * frontend), put in from saved runs (`run --json`): one row per op, one column per
 * run. Those ports are not all among `npm run report`'s, so CI does not rerun them:
 * the tables are measurements, put in when they are retaken, and the script keeps
 * their numbers from being typed.
 *
 *   npx tsx scripts/report/port_table.ts --write torch paddle.json torch.json torch-2.11.json
 *   npx tsx scripts/report/port_table.ts ivy ivy.json          # prints the table
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReportFile } from '../../conformance/report_file.js';
import { loadRunFile, type RunFile } from '../../conformance/report_html/run_file.js';
import { isEntryPoint, REPO_ROOT } from '../golden/regeneration.js';
import { withSection } from '../golden/release_table.js';

/** The README markers of the table named `name`. */
export function portTableMarkers(name: string): [string, string] {
  return [`<!-- port-table:${name}:start (scripts/report/port_table.ts) -->`, `<!-- port-table:${name}:end -->`];
}

/** `spec yes (184/184); 349/494`, with the skipped cases when there are any. */
export function portCell(run: RunFile, op: string): string {
  const api = run.summary.apis[op];
  if (!api) return '-';
  const verdict = api.spec_conformant === null ? 'spec n/a' : api.spec_conformant ? 'spec yes' : '**spec no**';
  const spec = api.spec ? ` (${api.spec.passed}/${api.spec.total})` : '';
  const skipped = run.cases.filter((c) => c.api === op && c.status === 'skip').length;
  const compatible = `${api.paddle_compatible.passed}/${api.paddle_compatible.total}`;
  return `${verdict}${spec}; ${compatible}${skipped ? ` (${skipped} skipped)` : ''}`;
}

/** The markdown table: a row per op any run selects, a column per run, and a row for all ops. */
export function portTable(runs: readonly RunFile[]): string {
  const ops = [...new Set(runs.flatMap((r) => Object.keys(r.summary.apis)))].sort();
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const total = (run: RunFile) => `${run.summary.paddle_compatible.passed}/${run.summary.paddle_compatible.total}`;
  return [
    line(['op', ...runs.map((r) => `\`${r.port}\``)]),
    line(['---', ...runs.map(() => '---')]),
    ...ops.map((op) => line([op, ...runs.map((r) => portCell(r, op))])),
    line(['all ops', ...runs.map(total)]),
  ].join('\n');
}

/** `[--write] <name> <run.json>...`: prints the table, or puts it between its README markers. */
export function main(argv: string[]): number {
  const write = argv[0] === '--write';
  const [name, ...files] = write ? argv.slice(1) : argv;
  if (!name || files.length === 0) {
    console.error('Usage: tsx scripts/report/port_table.ts [--write] <table name> <run.json of run --json>...');
    return 2;
  }
  const table = portTable(files.map((f) => loadRunFile(f)));
  if (!write) return (console.log(table), 0);
  const path = join(REPO_ROOT, 'README.md');
  writeReportFile(path, withSection(readFileSync(path, 'utf8'), table, ...portTableMarkers(name)));
  return 0;
}

if (isEntryPoint(import.meta.url)) process.exitCode = main(process.argv.slice(2));
