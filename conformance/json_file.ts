/**
 * Reading a JSON data file (a golden file, an overlay, an expectations file,
 * a run report) so that every failure names the file and says where the
 * problem is.
 */
import { readFileSync } from 'node:fs';

/**
 * How deep a data file may nest. A golden file nests 7 levels (a tensor's
 * data list inside a case's request); a file nested deeper is not one of
 * ours, and reading it would overflow the stack in a recursive walk.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Reads and parses a JSON file. A file that cannot be read, is not JSON,
 * nests deeper than MAX_JSON_DEPTH or holds a number float64 cannot hold
 * (`1e400` would read as Infinity, `1e-400` as 0) is reported through
 * `fail(path, message)` with path `$`, giving the line and column.
 */
export function readJsonFile(file: string, fail: (path: string, message: string) => Error): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw fail('$', `cannot read: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw fail('$', `not valid JSON: ${describeParseError(text, e as Error)}`);
  }
  const problem = textProblem(text);
  if (problem) throw fail('$', problem);
  return json;
}

/**
 * The first nesting or number problem of a valid JSON text, with its line
 * and column, in one pass over the text (strings are skipped whole).
 */
export function textProblem(text: string): string | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = stringEnd(text, i);
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return `${where(text, i)}: nested more than ${MAX_JSON_DEPTH} levels deep; no file of this suite nests that deep, so this is not the file meant`;
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      while (end < text.length && isNumberChar(text.charCodeAt(end))) end++;
      const problem = numberProblem(text.slice(i, end));
      if (problem) return `${where(text, i)}: ${problem}`;
      i = end - 1;
    }
  }
  return undefined;
}

const QUOTE = 0x22;

/** The index of the quote that closes the string opening at `start` (the text is valid JSON). */
function stringEnd(text: string, start: number): number {
  let end = start;
  for (;;) {
    end = text.indexOf('"', end + 1);
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return end;
  }
}

function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d || c === 0x2b || c === 0x65 || c === 0x45;
}

/** Why a JSON number token does not read as the float64 it says, if it does not. */
function numberProblem(token: string): string | undefined {
  const value = Number(token);
  if (!Number.isFinite(value)) {
    return `the number ${token} is beyond float64's range and would read as ${value < 0 ? '-' : ''}Infinity; write the string "${value < 0 ? '-' : ''}Infinity" if that is meant`;
  }
  if (value === 0 && /[1-9]/.test(token.split(/[eE]/)[0]!)) {
    return `the number ${token} is too small for float64 and would read as 0; write ${token.startsWith('-') ? '-0.0' : '0'} if that is meant`;
  }
  return undefined;
}

/** "line L, column C" of an index into the text. */
function where(text: string, index: number): string {
  const before = text.slice(0, index);
  return `line ${before.split('\n').length}, column ${index - before.lastIndexOf('\n')}`;
}

/** JSON.parse's message plus the line and column of the position it names. */
function describeParseError(text: string, e: Error): string {
  const m = /position (\d+)/.exec(e.message);
  return m ? `${e.message} (${where(text, Number(m[1]))})` : e.message;
}
