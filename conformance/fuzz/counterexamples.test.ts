/**
 * The counterexample file: one JSON line per finding, appended, in the
 * format golden:generate --from reads; an unwritable path is a clear error.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendCounterexample, CounterexampleFileError, prepareCounterexampleFile, type CounterexampleJson } from './counterexamples.js';

const EXAMPLE: CounterexampleJson = {
  request: { api: 'paddle.nn.functional.hinge_embedding_loss', inputs: { input: { dtype: 'float64', shape: [], data: [-0] }, label: { dtype: 'float64', shape: [], data: [1] } }, kwargs: { reduction: 'none' } },
  found: { port: 'reference', oracle: 'reference', seed: 7, path: '3:1:0', failure: 'output(0-D): got 1, expected 0' },
};

describe('appendCounterexample', () => {
  it('appends one line per finding after the lines already there, negative zero as -0.0', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fuzz-cx-')), 'found.jsonl');
    writeFileSync(file, '{"earlier": true}\n');
    appendCounterexample(file, EXAMPLE);
    appendCounterexample(file, EXAMPLE);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('{"earlier": true}');
    expect(lines[1]).toBe(lines[2]);
    expect(lines[1]).toContain('"data":[-0.0]');
    expect(Object.keys(JSON.parse(lines[1]!))).toEqual(['request', 'found']);
    expect(Object.keys(JSON.parse(lines[1]!).found)).toEqual(['port', 'oracle', 'seed', 'path', 'failure']);
  });

  it('a path in a missing folder is a CounterexampleFileError naming the path', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fuzz-cx-')), 'missing', 'found.jsonl');
    expect(() => prepareCounterexampleFile(file)).toThrow(CounterexampleFileError);
    expect(() => prepareCounterexampleFile(file)).toThrow(file);
  });
});
