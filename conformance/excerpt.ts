/**
 * Excerpts of a port's own text (its stderr, a stack trace) for the reports:
 * capped per line and in total, keeping the tail, where the error usually is.
 * One crash once put 500 KB of stderr into a single JSON report entry.
 */

/** The most characters kept of one line. */
export const LINE_CHARS = 500;

/** The most lines kept in all. */
export const TAIL_LINES = 40;

/** The most UTF-8 bytes kept in all. */
export const TAIL_BYTES = 4096;

/** A line capLine already cut: left as it is, so capping twice (at the source, then in a report) changes nothing. */
const ALREADY_CUT = new RegExp(`^[\\s\\S]{${LINE_CHARS}} … \\d+ characters cut$`);

/** One line cut to LINE_CHARS, saying how much was cut. */
export function capLine(line: string): string {
  if (line.length <= LINE_CHARS || ALREADY_CUT.test(line)) return line;
  return `${line.slice(0, LINE_CHARS)} … ${line.length - LINE_CHARS} characters cut`;
}

/**
 * The last lines of `text`, each capped by capLine, at most TAIL_LINES lines
 * and TAIL_BYTES bytes, with a first line saying how much was cut before them.
 */
export function capTail(text: string): string {
  const original = text.split('\n');
  const capped = original.map(capLine);
  let first = original.length;
  let bytes = 0;
  while (first > 0 && original.length - first < TAIL_LINES) {
    const size = Buffer.byteLength(capped[first - 1]!) + 1;
    // The last line is always kept (capLine bounds it), however small TAIL_BYTES is.
    if (bytes + size > TAIL_BYTES && first < original.length) break;
    bytes += size;
    first--;
  }
  const kept = original.slice(first);
  const shortened = kept.some((line, k) => capped[first + k] !== line);
  if (first === 0 && !shortened) return text;
  // The bytes of the original not shown: the lines dropped, and the ends of the long lines kept.
  const shown = kept.reduce((n, line, k) => n + Buffer.byteLength(capped[first + k] !== line ? line.slice(0, LINE_CHARS) : line) + 1, -1);
  const what = [...(first ? [`${first} earlier line${first === 1 ? '' : 's'}`] : []), ...(shortened ? ['the ends of long lines'] : [])].join(' and ');
  return [`… ${Buffer.byteLength(text) - shown} bytes cut (${what})`, ...capped.slice(first)].join('\n');
}
