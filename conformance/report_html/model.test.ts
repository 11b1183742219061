/**
 * The page's data (model.ts), built from the fixture runs: the counts are the
 * reports' own, each case has one cell per port, and a case's detail carries
 * what a reader needs (request, expected, actual, first differing element,
 * re-run command).
 */
import { describe, expect, it } from 'vitest';
import { pageData, valueText } from './model.js';
import { loadRunFile, type RunFile } from './run_file.js';

const FIXTURES = 'conformance/report_html/fixtures';
const reference = loadRunFile(`${FIXTURES}/reference.json`);
const example = loadRunFile(`${FIXTURES}/example_port.json`);
const broken = loadRunFile(`${FIXTURES}/broken_port.json`);
const mutant = loadRunFile(`${FIXTURES}/mutant_port.json`);
const data = pageData([reference, example, broken, mutant]);
const row = (id: string) => data.cases.find((c) => c.id === id)!;
const SCALAR = 'hinge_embedding_loss/shapes/shape=scalar,reduction=none';

describe('pageData', () => {
  it('has one column per run, named by the port its report names', () => {
    expect(data.ports.map((p) => p.name)).toEqual(['reference', 'python3 conformance/examples/port_example.py', "python3 -c 'import sys; sys.exit(3)'", mutant.port]);
  });

  it('takes each port\'s per-op counts from its report, not from a recount', () => {
    expect(data.ports[1]!.ops.hinge_embedding_loss).toEqual({ spec: { passed: 32, total: 32 }, specConformant: true, paddle: { passed: 50, total: 70 } });
    expect(data.ports[2]!.ops.hinge_embedding_loss).toEqual({ spec: { passed: 0, total: 6 }, specConformant: false, paddle: { passed: 0, total: 6 } });
  });

  it("names the machine class a run's expectations were of, where its report says", () => {
    const onIntel: RunFile = { ...reference, options: { ...reference.options, machine_class: 'x86-64-intel-avx512' } };
    expect(pageData([onIntel]).ports[0]!.machine).toBe('x86-64-intel-avx512');
    expect(pageData([{ ...reference, options: {} }]).ports[0]!.machine).toBeUndefined();
  });

  it('has a row per case any run holds, with a cell per port (null where the run did not select it)', () => {
    expect(data.cases).toHaveLength(78);
    expect(row('margin_ranking_loss/doc_example/form=functional,reduction=mean').cells.map((c) => c?.status ?? null)).toEqual(['pass', null, null, null]);
  });

  it('marks the cases of a run that stopped as not run, with the reason', () => {
    expect(row('hinge_embedding_loss/doc_example/form=functional,reduction=mean').cells[2]!.status).toBe('crash');
    const cell = row('hinge_embedding_loss/doc_example/form=layer,reduction=sum').cells[2]!;
    expect(cell.status).toBe('not-run');
    expect(cell.notes![0]).toMatch(/^not run: the port cannot be run \(exited with code 3;/);
    expect(data.ports[2]!.aborted).toMatch(/^the port cannot be run/);
  });

  it('gives a case its request and expected result as text', () => {
    expect(row(SCALAR).request).toEqual(['api: paddle.nn.functional.hinge_embedding_loss', 'kwargs: reduction="none"', 'input: float32[] = -2', 'label: float32[] = 1']);
    expect(row(SCALAR).expected).toEqual(['output: float32[1] = [-2]']);
  });

  it('gives a failing cell the port\'s actual result, the failure and the expectation', () => {
    const cell = row(SCALAR).cells[1]!;
    expect(cell.status).toBe('expected-fail');
    expect(cell.actual).toEqual(['output: float32[] = -2']);
    expect(cell.failure![0]).toBe('output: shape [], expected [1]');
    expect(cell.notes).toContain('expected to fail: the example port keeps a 0-D result 0-D (entry "hinge_embedding_loss/shapes/shape=scalar,reduction=none")');
  });

  it('names the first differing element of a value failure', () => {
    const failure = row('hinge_embedding_loss/labels/label=1+ulp,dtype=float64').cells[3]!.failure!;
    expect(failure.slice(1)).toEqual([
      'first differing element: output[0] (flat index 0), the first of 3 differing out of 3',
      '  actual:   0  bits 0x0000000000000000',
      '  expected: 0.5  bits 0x3fe0000000000000',
      '  ulp distance: 4602678819172646912; |difference|: 0.5',
      '  from: input[0] = 0.5 (0x3fe0000000000000), label[0] = 1.0000000000000002 (0x3ff0000000000001), margin 1',
      '  branch: label 1: loss = x',
      'bound: exact (NaN == NaN, +0 == -0)',
    ]);
  });

  it('prints -0 from its bits, a NaN\'s ulp distance as n/a, and a multi-index before the flat index', () => {
    const element = { field: 'grad.input2', index: 3, multi_index: [1, 1], mismatches: 1, size: 4, actual: 0, expected: NaN, actual_bits: '0x8000000000000000', expected_bits: '0x7ff8000000000000', ulps: null, difference: NaN };
    const run = { ...example, cases: [{ ...example.cases[0]!, status: 'fail', failure: { message: 'grad.input2 differs', element } }] };
    const lines = pageData([run as RunFile]).cases[0]!.cells[0]!.failure!;
    expect(lines).toContain('first differing element: grad.input2[1, 1] (flat index 3), the first of 1 differing out of 4');
    expect(lines).toContain('  actual:   -0  bits 0x8000000000000000');
    expect(lines).toContain('  ulp distance: n/a (NaN); |difference|: NaN');
    expect(valueText(0, '0x00000000')).toBe('0');
    expect(valueText(0, '0x80000000')).toBe('-0');
  });

  it('keeps one re-run command per port, from which every case\'s own command is rebuilt', () => {
    const template = data.ports[1]!.rerun!;
    expect(template).toBe("npx paddle-conformance run --filter {id} --port-cmd 'python3 conformance/examples/port_example.py'");
    for (const c of example.cases) {
      const cell = row(c.id).cells[1]!;
      expect(cell.rerun ?? template.replace('{id}', `'${c.id}'`)).toBe(c.rerun);
    }
  });

  it('lists the ops in the order the runs name them, and the rules cited with their summaries', () => {
    expect(data.ops).toEqual(['hinge_embedding_loss', 'margin_ranking_loss']);
    expect(data.rules['zero-d-none-is-shape-1']).toBe("a 0-D input with reduction 'none' gives shape [1]; mean and sum give []");
  });

  it('tells two runs of the same port apart by their files', () => {
    const twice = pageData([reference, { ...reference, file: 'again.json' } as RunFile]);
    expect(twice.ports.map((p) => p.name)).toEqual([`reference (${FIXTURES}/reference.json)`, 'reference (again.json)']);
  });
});
