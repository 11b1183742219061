/**
 * Reading saved runs back (run_file.ts): a good report loads; each kind of bad
 * input is a RunFileError that names the file and the JSON path of the problem.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunFile, RunFileError } from './run_file.js';

const DIR = mkdtempSync(join(tmpdir(), 'run-file-'));

function file(name: string, text: string): string {
  const path = join(DIR, name);
  writeFileSync(path, text);
  return path;
}

describe('loadRunFile', () => {
  it('reads a report written by run --json: its port, summary and cases', () => {
    const run = loadRunFile('conformance/report_html/fixtures/example_port.json');
    expect(run.port).toBe('python3 conformance/examples/port_example.py');
    expect(run.cases).toHaveLength(70);
    expect(run.summary.apis.hinge_embedding_loss!.paddle_compatible).toEqual({ passed: 50, total: 70 });
  });

  it('names a missing file', () => {
    expect(() => loadRunFile(join(DIR, 'missing.json'))).toThrow(new RunFileError(`${join(DIR, 'missing.json')}: $: cannot read: ENOENT: no such file or directory, open '${join(DIR, 'missing.json')}'`));
  });

  it('names a file that is not JSON, with JSON.parse\'s reason', () => {
    const path = file('broken.json', '{\n  "format": }');
    expect(() => loadRunFile(path)).toThrow(/broken\.json: \$: not valid JSON: Unexpected token/);
  });

  it('names a JSON file that is not a run report by its format tag', () => {
    const path = file('golden.json', JSON.stringify({ format: 'paddle-conformance/golden@1', cases: [] }));
    expect(() => loadRunFile(path)).toThrow('golden.json: $.format: expected "paddle-conformance/report@1" (a report written by "paddle-conformance run --json <file>"), got "paddle-conformance/golden@1"');
  });

  it('names a JSON array, which no run writes', () => {
    expect(() => loadRunFile(file('array.json', '[]'))).toThrow(/array\.json: \$: not a run report/);
  });

  it('names the case whose level is wrong', () => {
    const report = JSON.parse(JSON.stringify(loadRunFile('conformance/report_html/fixtures/reference.json'))) as Record<string, unknown> & { cases: Record<string, unknown>[] };
    report.cases[3]!.level = 'gold';
    const path = file('level.json', JSON.stringify({ ...report, format: 'paddle-conformance/report@1' }));
    expect(() => loadRunFile(path)).toThrow('level.json: $.cases[3].level: must be "spec" or "paddle", got "gold"');
  });

  it('names a per-op count that is not {passed, total}', () => {
    const path = file('counts.json', JSON.stringify({ format: 'paddle-conformance/report@1', port: 'p', summary: { apis: { op: { paddle_compatible: 3 } } }, cases: [] }));
    expect(() => loadRunFile(path)).toThrow('counts.json: $.summary.apis.op.paddle_compatible: must be {"passed": n, "total": n}');
  });
});
