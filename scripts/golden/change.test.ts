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
  api: 'paddle.nn.functional.hinge_embedding_loss' as const,
  inputs: { input: { dtype: 'float32', shape: [3], data: [1, 2, 3] }, label: { dtype: 'float32', shape: [3], data: [1, -1, 1] } },
  kwargs: { reduction: 'none' },
};

function goldenCase(id: string, data: Array<number | string>, extra: Partial<GoldenCase> = {}): GoldenCase {
  return {
    id, group: 'g', level: 'paddle', tags: [], description: 'd', request: REQUEST,
    expected: { output: { dtype: 'float32', shape: [3], data } }, ...extra,
  };
}

function file(group: string, cases: GoldenCase[], oracle = PROVENANCE.oracle): GoldenFileJson {
  return { format: 'paddle-conformance/golden@1', api: 'hinge_embedding_loss', group, provenance: { ...PROVENANCE, oracle }, cases };
}

const BASE = new Map([['g', file('g', [goldenCase('h/g/a', [1, 0, 3]), goldenCase('h/g/b', [1, 0, 3])])]]);

describe('change summary', () => {
  it('finds nothing between identical sets', () => {
    const changes = diffGoldenSets(BASE, BASE);
    expect(changes.cases).toEqual([]);
    expect(changes.files).toEqual([{ group: 'g', status: 'unchanged', provenance: [] }]);
    expect(changesNeedingAccept(changes)).toEqual({ cases: [], staleGroups: [] });
  });

  it('lets added cases through without --accept', () => {
    const next = new Map([['g', file('g', [goldenCase('h/g/a', [1, 0, 3]), goldenCase('h/g/b', [1, 0, 3]), goldenCase('h/g/c', [1])])]]);
    const changes = diffGoldenSets(BASE, next);
    expect(changes.cases).toEqual([{ id: 'h/g/c', kind: 'added', details: [] }]);
    expect(changesNeedingAccept(changes).cases).toEqual([]);
  });

  it('refuses a changed expectation and names the first differing element with values and bits', () => {
    const next = new Map([['g', file('g', [goldenCase('h/g/a', [1, 0, 3]), goldenCase('h/g/b', [1, -0, 'NaN'])])]]);
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
    const next = new Map([['g', file('g', [goldenCase('h/g/a', [1, 0, 3], { description: 'new words' })])]]);
    const changes = diffGoldenSets(new Map([...BASE, ['old', file('old', [goldenCase('h/old/z', [1])])]]), next);
    expect(changes.cases).toEqual([
      { id: 'h/g/a', kind: 'metadata', details: ['description: was "d", now "new words"'] },
      { id: 'h/g/b', kind: 'removed', details: [] },
      { id: 'h/old/z', kind: 'removed', details: [] },
    ]);
    expect(changesNeedingAccept(changes)).toEqual({ cases: [changes.cases[1], changes.cases[2]], staleGroups: ['old'] });
    expect(formatChanges(changes)).toContain('stale file   old.json (its group is no longer in the plan)');
  });

  it('treats a changed request as needing --accept', () => {
    const other = { ...REQUEST, kwargs: { reduction: 'sum' } };
    const next = new Map([['g', file('g', [goldenCase('h/g/a', [1, 0, 3]), goldenCase('h/g/b', [1, 0, 3], { request: other })])]]);
    const changes = diffGoldenSets(BASE, next);
    expect(changes.cases).toEqual([{ id: 'h/g/b', kind: 'request', details: ['request.kwargs: was {"reduction":"none"}, now {"reduction":"sum"}'] }]);
    expect(changesNeedingAccept(changes).cases).toHaveLength(1);
  });
});

describe('drift report', () => {
  it('does not call machine facts drift, but does call a Paddle version change drift', () => {
    const otherMachine = new Map([['g', file('g', BASE.get('g')!.cases, { ...PROVENANCE.oracle, cpu: 'CPU B' })]]);
    const machine = driftReport(BASE, otherMachine, { title: 't', was: 'w', now: 'n' });
    expect(machine.drifted).toBe(false);
    expect(machine.text).toContain('note (machine facts, not drift): oracle.cpu: CPU A -> CPU B (all 1 files)');

    const otherPaddle = new Map([['g', file('g', BASE.get('g')!.cases, { ...PROVENANCE.oracle, paddle_version: '2.6.2' })]]);
    expect(driftReport(BASE, otherPaddle, { title: 't', was: 'w', now: 'n' }).drifted).toBe(true);
  });

  it('counts differences by kind and lists each case', () => {
    const next = new Map([['g', file('g', [goldenCase('h/g/a', [1, 0, 4]), { ...goldenCase('h/g/b', []), expected: { error: { type: 'TypeError', message: 'no' } } }])]]);
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
