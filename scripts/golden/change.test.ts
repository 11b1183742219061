import { describe, expect, it } from 'vitest';
import type { GoldenCase, GoldenFileJson } from '../../conformance/case.js';
import { changesNeedingAccept, diffGoldenSets, expectedDifferences, formatChanges } from './change.js';
import { driftReport } from './drift.js';

// Synthetic golden files written as literal JSON (no oracle, no reference).
const PROVENANCE = {
  oracle: { paddle_version: '3.3.1', paddle_commit: 'abc', python: '3.11.7', numpy: '2.4.6', os: 'Linux 6', cpu: 'CPU A', machine: 'x86_64' },
  generator: { name: 'paddle-conformance golden:generate', version: '0.1.0' },
  content_sha256: 'not checked here',
};
const REQUEST = {
  api: 'paddle.some_op' as const,
  inputs: { input: { dtype: 'float32', shape: [3], data: [1, 2, 3] }, label: { dtype: 'float32', shape: [3], data: [1, -1, 1] } },
  kwargs: { reduction: 'none' },
};

function goldenCase(id: string, data: Array<number | string>, extra: Partial<GoldenCase> = {}): GoldenCase {
  return {
    id, group: 'g', level: 'paddle', tags: [], description: 'd', request: REQUEST,
    expected: { output: { dtype: 'float32', shape: [3], data } }, ...extra,
  };
}

function file(group: string, cases: GoldenCase[], oracle = PROVENANCE.oracle, api = 'h'): GoldenFileJson {
  return { format: 'paddle-conformance/golden@1', api, group, provenance: { ...PROVENANCE, oracle }, cases };
}

// Golden sets are keyed by <family>/<group>, as regeneration.ts reads them.
const BASE = new Map([['h/g', file('g', [goldenCase('h/g/a', [1, 0, 3]), goldenCase('h/g/b', [1, 0, 3])])]]);

describe('change summary', () => {
  it('finds nothing between identical sets', () => {
    const changes = diffGoldenSets(BASE, BASE);
    expect(changes.cases).toEqual([]);
    expect(changes.files).toEqual([{ file: 'h/g', status: 'unchanged', provenance: [] }]);
    expect(changesNeedingAccept(changes)).toEqual({ cases: [], staleFiles: [] });
  });

  it('lets added cases through without --accept', () => {
    const next = new Map([['h/g', file('g', [goldenCase('h/g/a', [1, 0, 3]), goldenCase('h/g/b', [1, 0, 3]), goldenCase('h/g/c', [1])])]]);
    const changes = diffGoldenSets(BASE, next);
    expect(changes.cases).toEqual([{ id: 'h/g/c', kind: 'added', details: [] }]);
    expect(changesNeedingAccept(changes).cases).toEqual([]);
  });

  it('refuses a changed expectation and names the first differing element with values and bits', () => {
    const next = new Map([['h/g', file('g', [goldenCase('h/g/a', [1, 0, 3]), goldenCase('h/g/b', [1, -0, 'NaN'])])]]);
    const changes = diffGoldenSets(BASE, next);
    expect(changes.cases).toEqual([{
      id: 'h/g/b', kind: 'expected',
      details: ['output values: 2 of 3 element(s) differ; first at index 1: was 0 (0x00000000), now -0 (0x80000000) (0 ulp)'],
    }]);
    expect(changesNeedingAccept(changes).cases.map((c) => c.id)).toEqual(['h/g/b']);
    expect(formatChanges(changes)).toContain('  expected h/g/b\n      output values: 2 of 3');
  });

  it('reports a shape change and an error change plainly', () => {
    expect(expectedDifferences({ output: { dtype: 'float32', shape: [], data: [1] } }, { output: { dtype: 'float32', shape: [1], data: [1] } }))
      .toEqual(['output shape: was [], now [1]']);
    expect(expectedDifferences({ error: { type: 'ValueError', message: 'm' } }, { error: { type: 'RuntimeError', message: 'm' } }))
      .toEqual(['error type: was ValueError, now RuntimeError']);
    expect(expectedDifferences({ error: { type: 'ValueError', message: 'bad\nthing' } }, { output: { dtype: 'float64', shape: [], data: [0] } }))
      .toEqual(['outcome: was error ValueError: bad thing, now output float64[]']);
  });

  it('shows where two error messages part', () => {
    expect(expectedDifferences({ error: { type: 'ValueError', message: 'Broadcast mismatch at i:0 (common_shape.h:72)' } }, { error: { type: 'ValueError', message: 'Broadcast mismatch at i:0 (common_shape.h:86)' } }))
      .toEqual(['error message: differs from character 42: was "…oadcast mismatch at i:0 (common_shape.h:72)", now "…oadcast mismatch at i:0 (common_shape.h:86)"']);
  });

  it('counts ulps between neighbouring floats', () => {
    // 1 = 0x3f800000 and its successor 1.0000001192092896 = 0x3f800001.
    expect(expectedDifferences({ output: { dtype: 'float32', shape: [], data: [1] } }, { output: { dtype: 'float32', shape: [], data: [1.0000001192092896] } }))
      .toEqual(['output values: 1 of 1 element(s) differ; first at index 0: was 1 (0x3f800000), now 1.0000001192092896 (0x3f800001) (1 ulp)']);
  });

  it('refuses removed cases and stale groups, and treats metadata-only changes as harmless', () => {
    const next = new Map([['h/g', file('g', [goldenCase('h/g/a', [1, 0, 3], { description: 'new words' })])]]);
    const changes = diffGoldenSets(new Map([...BASE, ['h/old', file('old', [goldenCase('h/old/z', [1])])]]), next);
    expect(changes.cases).toEqual([
      { id: 'h/g/a', kind: 'metadata', details: ['description: was "d", now "new words"'] },
      { id: 'h/g/b', kind: 'removed', details: [] },
      { id: 'h/old/z', kind: 'removed', details: [] },
    ]);
    expect(changesNeedingAccept(changes)).toEqual({ cases: [changes.cases[1], changes.cases[2]], staleFiles: ['h/old'] });
    expect(formatChanges(changes)).toContain('stale file   h/old.json (its group is no longer in the plan)');
  });

  it('treats a changed request as needing --accept', () => {
    const other = { ...REQUEST, kwargs: { reduction: 'sum' } };
    const next = new Map([['h/g', file('g', [goldenCase('h/g/a', [1, 0, 3]), goldenCase('h/g/b', [1, 0, 3], { request: other })])]]);
    const changes = diffGoldenSets(BASE, next);
    expect(changes.cases).toEqual([{ id: 'h/g/b', kind: 'request', details: ['request.kwargs: was {"reduction":"none"}, now {"reduction":"sum"}'] }]);
    expect(changesNeedingAccept(changes).cases).toHaveLength(1);
  });
});

// A made-up op of three tensors and two gradients, so every one is seen to be compared by name.
const THREE = {
  api: 'paddle.three',
  inputs: { a: { dtype: 'float32', shape: [1], data: [1] }, b: { dtype: 'float32', shape: [1], data: [2] }, c: { dtype: 'float32', shape: [1], data: [3] } },
};
const scalar = (x: number) => ({ dtype: 'float32', shape: [1], data: [x] });

describe('change summary over every tensor by name', () => {
  it('names a changed third input tensor', () => {
    const before = new Map([['t/g', file('g', [goldenCase('t/g/a', [1, 0, 3], { request: THREE })], PROVENANCE.oracle, 't')]]);
    const after = new Map([['t/g', file('g', [goldenCase('t/g/a', [1, 0, 3], { request: { ...THREE, inputs: { ...THREE.inputs, c: scalar(4) } } })], PROVENANCE.oracle, 't')]]);
    expect(diffGoldenSets(before, after).cases).toEqual([{
      id: 't/g/a', kind: 'request', details: ['request.inputs.c values: 1 of 1 element(s) differ; first at index 0: was 3 (0x40400000), now 4 (0x40800000) (4194304 ulp)'],
    }]);
  });

  it('names an input only on one side, and a change of order', () => {
    const { c: _c, ...two } = THREE.inputs;
    const before = new Map([['t/g', file('g', [goldenCase('t/g/a', [1, 0, 3], { request: THREE })], PROVENANCE.oracle, 't')]]);
    const after = new Map([['t/g', file('g', [goldenCase('t/g/a', [1, 0, 3], { request: { ...THREE, inputs: { b: two.b, a: two.a } } })], PROVENANCE.oracle, 't')]]);
    expect(diffGoldenSets(before, after).cases[0]!.details).toEqual(['request.inputs.c: was float32[1], now absent', 'request.inputs order: was a, b, c, now b, a']);
  });

  it('compares every gradient by name, one present on only one side included', () => {
    const output = scalar(0);
    expect(expectedDifferences({ output, grad: { a: scalar(1), b: scalar(2) } }, { output, grad: { a: scalar(1), b: scalar(-2), c: scalar(0) } })).toEqual([
      'grad.b values: 1 of 1 element(s) differ; first at index 0: was 2 (0x40000000), now -2 (0xc0000000) (2147483648 ulp)',
      'grad.c: was absent, now float32[1]',
    ]);
    expect(expectedDifferences({ output, grad: { input: scalar(1) } }, { output, grad: {} })).toEqual(['grad.input: was float32[1], now absent']);
    expect(expectedDifferences({ output, grad: {} }, { output })).toEqual(['grad: was {}, now absent']);
  });
});

describe('drift report', () => {
  it('names files as <family>/<group>, with several ops in one set', () => {
    const two = new Map([...BASE, ['other_op/g', file('g', [goldenCase('other_op/g/a', [1, 0, 3])], PROVENANCE.oracle, 'other_op')]]);
    const report = driftReport(BASE, two, { title: 't', was: 'w', now: 'n' });
    expect(report.text).toContain('file only in "now": other_op/g.json');
    expect(report.text).toContain('  other_op/g/a  (only in "now")');
    expect(formatChanges(diffGoldenSets(two, BASE))).toContain('  stale file   other_op/g.json');
    const oneOnAnotherCpu = new Map([...two].map(([k, f]) => [k, k === 'h/g' ? file('g', f.cases, { ...PROVENANCE.oracle, cpu: 'CPU B' }) : f]));
    expect(driftReport(two, oneOnAnotherCpu, { title: 't', was: 'w', now: 'n' }).text).toContain('oracle.cpu: CPU A -> CPU B (h/g.json)');
  });

  it('does not call machine facts drift, but does call a Paddle version change drift', () => {
    const otherMachine = new Map([['h/g', file('g', BASE.get('h/g')!.cases, { ...PROVENANCE.oracle, cpu: 'CPU B' })]]);
    const machine = driftReport(BASE, otherMachine, { title: 't', was: 'w', now: 'n' });
    expect(machine.drifted).toBe(false);
    expect(machine.text).toContain('note (machine facts, not drift): oracle.cpu: CPU A -> CPU B (all 1 files)');
    expect(machine.text).not.toContain('file only in');

    const otherPaddle = new Map([['h/g', file('g', BASE.get('h/g')!.cases, { ...PROVENANCE.oracle, paddle_version: '2.6.2' })]]);
    expect(driftReport(BASE, otherPaddle, { title: 't', was: 'w', now: 'n' }).drifted).toBe(true);
  });

  it('counts differences by kind and lists each case', () => {
    const next = new Map([['h/g', file('g', [goldenCase('h/g/a', [1, 0, 4]), { ...goldenCase('h/g/b', []), expected: { error: { type: 'TypeError', message: 'no' } } }])]]);
    const report = driftReport(BASE, next, { title: 'T', was: 'old', now: 'new' });
    expect(report.drifted).toBe(true);
    expect(report.text.split('\n').slice(0, 6)).toEqual([
      'T',
      '"was" = old; "now" = new',
      '2 case(s): 0 identical, 2 differ, 0 differ in metadata only',
      'differences by kind (a case may count under several):',
      '      1  outcome',
      '      1  output values',
    ]);
    expect(report.text).toContain('  h/g/a\n      output values: 1 of 3 element(s) differ; first at index 2: was 3 (0x40400000), now 4 (0x40800000) (4194304 ulp)');
  });
});
