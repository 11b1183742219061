/**
 * Reading saved runs back (run_file.ts): a good report loads; each kind of bad
 * input is a RunFileError that names the file and the JSON path of the problem.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
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

  describe('an element index that is not a list of integers (issue 19, item 14: an internal error in report)', () => {
    /** mutant_port.json with its first element context's `input` operand index set to `index`, or the multi-index when `multi`. */
    const withIndex = (index: unknown, multi = false): { path: string; at: string } => {
      const report = JSON.parse(readFileSync('conformance/report_html/fixtures/mutant_port.json', 'utf8')) as { cases: { failure?: { element?: { multi_index: unknown; context?: { operands: Record<string, { index: unknown }> } } } }[] };
      const i = report.cases.findIndex((c) => c.failure?.element?.context?.operands.input);
      const element = report.cases[i]!.failure!.element!;
      if (multi) element.multi_index = index;
      else element.context!.operands.input!.index = index;
      return { path: file(`index-${i}.json`, JSON.stringify(report)), at: `$.cases[${i}].failure.element${multi ? '.multi_index' : '.context.operands.input.index'}` };
    };

    it.each([[5], [null], ['0'], [{}], [[1, -1]], [[0.5]]])('index %j is a RunFileError naming its path', (index) => {
      const { path, at } = withIndex(index);
      expect(() => loadRunFile(path)).toThrow(RunFileError);
      expect(() => loadRunFile(path)).toThrow(`${at}: must be an element's index, a list of non-negative integers such as [1, 2] ([] for a 0-D tensor), got ${JSON.stringify(index)}`);
    });

    it('so is a multi-index that is not one', () => {
      const { path, at } = withIndex('1,2', true);
      expect(() => loadRunFile(path)).toThrow(`${at}: must be an element's index`);
    });

    it('and the report command says "bad run report", exit 2, instead of an internal error', async () => {
      let stderr = '';
      const code = await main(['report', withIndex(5).path, '--out', join(DIR, 'page.html')], { stdout: () => {}, stderr: (t) => void (stderr += t), stderrIsTTY: false });
      expect(code).toBe(2);
      expect(stderr).toMatch(/^paddle-conformance: bad run report: .*\.failure\.element\.context\.operands\.input\.index: must be an element's index/);
    });
  });
});
