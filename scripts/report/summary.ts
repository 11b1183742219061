/**
 * The summary of `npm run report`: one row per op, one column per port, each
 * cell the op's spec-conformant verdict and its Paddle-compatible k/n as the
 * run report states them; ports that could not be run are listed with why.
 * Ops are rows because their number grows with the suite and the ports' does not.
 * The same table is printed for the terminal and written as markdown.
 */
import type { RunFile } from '../../conformance/report_html/run_file.js';

/** A port the script could not run, and why. */
export interface UnavailablePort {
  /** The `--port` value. */
  port: string;
  /** The first line of what the CLI said. */
  reason: string;
}

/** The rows and columns of the summary, as text cells. */
export function summaryCells(runs: readonly RunFile[]): { head: string[]; rows: string[][] } {
  const ops = [...new Set(runs.flatMap((r) => Object.keys(r.summary.apis)))].sort();
  const rows = ops.map((op) => [op, ...runs.map((run) => cellText(run, op))]);
  return { head: ['op', ...runs.map((run) => run.port)], rows: [...rows, ['all ops', ...runs.map(overallText)]] };
}

/** `yes 475/475`: spec-conformant, then Paddle-compatible k/n; `-` for an op the run did not select. */
function cellText(run: RunFile, op: string): string {
  const api = run.summary.apis[op];
  if (!api) return '-';
  return `${verdict(api.spec_conformant)} ${api.paddle_compatible.passed}/${api.paddle_compatible.total}`;
}

function overallText(run: RunFile): string {
  const s = run.summary;
  return `${verdict(s.spec_conformant)} ${s.paddle_compatible.passed}/${s.paddle_compatible.total}${s.aborted ? ' (stopped early)' : ''}`;
}

function verdict(specConformant: boolean | null): string {
  return specConformant === null ? 'n/a' : specConformant ? 'yes' : 'no';
}

/** The summary as a markdown table, with the unavailable ports beneath it. */
export function summaryMarkdown(runs: readonly RunFile[], unavailable: readonly UnavailablePort[]): string {
  const { head, rows } = summaryCells(runs);
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  const lines = [
    'Each cell: spec-conformant (every case fixed by the documentation page passes), then Paddle-compatible passing/all cases.',
    '',
    line(head),
    line(head.map(() => '---')),
    ...rows.map(line),
  ];
  if (unavailable.length) lines.push('', 'Not run:', '', ...unavailable.map((u) => `- \`${u.port}\`: ${u.reason}`));
  return `${lines.join('\n')}\n`;
}

/** The summary as an aligned plain-text table for the terminal, with the unavailable ports beneath it. */
export function summaryText(runs: readonly RunFile[], unavailable: readonly UnavailablePort[]): string {
  const { head, rows } = summaryCells(runs);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const lines = ['spec-conformant and Paddle-compatible k/n, per port and op:', line(head), ...rows.map(line)];
  for (const u of unavailable) lines.push(`not run: ${u.port}: ${u.reason}`);
  return `${lines.join('\n')}\n`;
}
