/**
 * Reading JSON data files (json_file.ts): a file nested absurdly deep or
 * holding a number float64 cannot hold is refused through the caller's
 * error, with line and column, before any recursive walk or silent rounding.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, readJsonFile } from './json_file.js';

class DataError extends Error {}

/** Reads `text` from a file the way the loaders do; returns the value or the error's message. */
function read(text: string): unknown {
  const file = join(mkdtempSync(join(tmpdir(), 'json-file-')), 'data.json');
  writeFileSync(file, text);
  try {
    return readJsonFile(file, (path, message) => new DataError(`${path}: ${message}`));
  } catch (e) {
    if (e instanceof DataError) return e.message;
    throw e;
  }
}

describe('nesting (issue 19, item 14: 200k nested [ gave a RangeError stack)', () => {
  it('200 000 nested lists are refused at the first level too deep', () => {
    const n = 200_000;
    expect(read(`${'['.repeat(n)}${']'.repeat(n)}`)).toBe(
      `$: line 1, column ${MAX_JSON_DEPTH + 1}: nested more than ${MAX_JSON_DEPTH} levels deep; no file of this suite nests that deep, so this is not the file meant`,
    );
  });

  it(`${MAX_JSON_DEPTH} levels are read; brackets inside strings do not count`, () => {
    const deepest = read(`${'['.repeat(MAX_JSON_DEPTH)}"[[[[\\"[[[["${']'.repeat(MAX_JSON_DEPTH)}`);
    expect(JSON.stringify(deepest)).toBe(`${'['.repeat(MAX_JSON_DEPTH)}"[[[[\\"[[[["${']'.repeat(MAX_JSON_DEPTH)}`);
    expect(read(`{"a": "${'['.repeat(1000)}"}`)).toEqual({ a: '['.repeat(1000) });
  });
});

describe('numbers float64 cannot hold (issue 19, item 14)', () => {
  it.each([
    ['1e400', `$: line 2, column 8: the number 1e400 is beyond float64's range and would read as Infinity; write the string "Infinity" if that is meant`],
    ['-1E+400', `$: line 2, column 8: the number -1E+400 is beyond float64's range and would read as -Infinity; write the string "-Infinity" if that is meant`],
    ['1e-400', `$: line 2, column 8: the number 1e-400 is too small for float64 and would read as 0; write 0 if that is meant`],
    ['-0.5e-400', `$: line 2, column 8: the number -0.5e-400 is too small for float64 and would read as 0; write -0.0 if that is meant`],
  ])('%s is refused with its line and column', (token, message) => {
    expect(read(`{"x": 1,\n "y": [${token}]}`)).toBe(message);
  });

  it('zeros, subnormals, the largest double and numbers inside strings are read as they are', () => {
    expect(read('[0, -0.0, 0e-400, 0.000e5, 5e-324, 1.7976931348623157e308, "1e400", "\\"1e-400"]')).toEqual([0, -0, 0, 0, 5e-324, 1.7976931348623157e308, '1e400', '"1e-400']);
  });
});
