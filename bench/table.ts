/**
 * Markdown tables for the terminal: aligned columns, so the same text reads
 * well on stdout and pastes into the README.
 */

/** Renders a markdown table with columns padded to equal width; right-aligns columns marked in `right`. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const pad = (s: string, i: number) => (right[i] ? s.padStart(widths[i]!) : s.padEnd(widths[i]!));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => pad(c, i)).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (right[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** A duration in seconds as milliseconds with three significant digits. */
export function ms(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '';
  const v = seconds * 1e3;
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

/** A ratio with two decimals (three significant digits below 0.1), or '' when unknown. */
export function ratio(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '';
  return v >= 0.1 ? v.toFixed(2) : v.toPrecision(2);
}

/** A size such as 1e6 written compactly. */
export function sizeLabel(n: number): string {
  const e = Math.log10(n);
  return Number.isInteger(e) && e >= 3 ? `1e${e}` : String(n);
}

/** Bytes as MiB with one decimal. */
export function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}
