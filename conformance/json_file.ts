/**
 * Reading a JSON data file (a golden file, an expectations file) so that
 * every failure names the file and says where the problem is.
 */
import { readFileSync } from 'node:fs';

/**
 * Reads and parses a JSON file. A file that cannot be read or is not JSON is
 * reported through `fail(path, message)` with path `$`; a parse error gives
 * its line and column.
 */
export function readJsonFile(file: string, fail: (path: string, message: string) => Error): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw fail('$', `cannot read: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw fail('$', `not valid JSON: ${describeParseError(text, e as Error)}`);
  }
}

/** JSON.parse's message plus the line and column of the position it names. */
function describeParseError(text: string, e: Error): string {
  const m = /position (\d+)/.exec(e.message);
  if (!m) return e.message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${e.message} (line ${line}, column ${column})`;
}
