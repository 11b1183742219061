/**
 * The page's domain (page_domain.ts) on literal requests, one way out of it at
 * a time, and held against the golden cases: a spec case lies inside it
 * unless only its label does not (a label dtype the descriptor does not list,
 * a ranking label other than ±1), and every spec case inside it is one the
 * fuzzer judges at spec level (Paddle returns a result, no rule decides it).
 */
import { describe, expect, it } from 'vitest';
import type { KwargJson, RequestJson } from '../case.js';
import { bundledGoldenDir, loadGoldens } from '../golden.js';
import { OPS, opForFamily } from '../ops/index.js';
import { outsidePage } from './page_domain.js';
import { referenceExpectation, rulesDeciding } from './rule_dependence.js';

const SOFT = opForFamily('soft_margin_loss')!;
const HINGE = opForFamily('hinge_embedding_loss')!;

/** A soft_margin_loss call of two float32 elements with labels ±1: inside the domain. */
function soft(patch: { input?: string; label?: number[]; layer?: boolean; args?: Record<string, KwargJson> } = {}): RequestJson {
  return {
    api: patch.layer ? SOFT.layer! : SOFT.functional,
    inputs: { input: { dtype: patch.input ?? 'float32', shape: [2], data: [0.5, -2] }, label: { dtype: 'float32', shape: [2], data: patch.label ?? [1, -1] } },
    [patch.layer ? 'init' : 'kwargs']: patch.args ?? {},
  };
}

describe('one way out of the page at a time', () => {
  it.each([
    ['the control: float32, labels ±1, reduction sum', soft({ args: { reduction: 'sum' } }), []],
    ['an integer input', soft({ input: 'int32' }), ['input of dtype int32']],
    ['a float16 input', soft({ input: 'float16' }), ['input of dtype float16']],
    ['a label of 0.5', soft({ label: [1, 0.5] }), ['a label neither -1 nor 1']],
    ['a label one ulp above 1', soft({ label: [1.0000001192092896, -1] }), ['a label neither -1 nor 1']],
    ['reduction="MEAN"', soft({ args: { reduction: 'MEAN' } }), ['reduction="MEAN"']],
    ['reduction=None', soft({ args: { reduction: null } }), ['reduction=null']],
    ['size_average= on the layer', soft({ layer: true, args: { size_average: true } }), ['size_average=']],
    ['size_average= on the functional form', soft({ args: { size_average: true } }), ['size_average=']],
    ['a name given as a bool', soft({ args: { name: true } }), ['name given as a bool']],
  ])('%s', (_what, request, expected) => {
    expect(outsidePage(SOFT, request)).toEqual(expected);
  });

  it.each([
    ['a float margin', 0.5, []],
    ['an infinite margin', 'Infinity', []],
    ['a NaN margin', 'NaN', ['margin given as NaN']],
    ['a str margin', { str: '0.5' }, ['margin given as a str']],
    ['margin=None', null, ['margin given as None']],
    ['a bool margin', true, ['margin given as a bool']],
  ] as Array<[string, KwargJson, string[]]>)('hinge with %s', (_what, margin, expected) => {
    const request: RequestJson = { api: HINGE.functional, inputs: { input: { dtype: 'float64', shape: [1], data: [0.5] }, label: { dtype: 'float64', shape: [1], data: [-1] } }, kwargs: { margin } };
    expect(outsidePage(HINGE, request)).toEqual(expected);
  });
});

describe('tensors held to an interval', () => {
  const bce = opForFamily('binary_cross_entropy')!;
  const wire = (v: number): number | string => (Number.isNaN(v) ? 'NaN' : v);
  it.each([
    ['the control: input and label in [0, 1]', [0, 1], [1, 0.5], []],
    ['an input of 1 + ulp', [0, 1.0000001192092896], [1, 0.5], ['input outside [0, 1]']],
    ['a NaN label', [0, 1], [NaN, 0.5], ['label outside [0, 1]']],
    ['a negative zero input', [-0, 1], [0, 0], []],
  ] as Array<[string, number[], number[], string[]]>)('%s', (_what, input, label, expected) => {
    const request: RequestJson = { api: bce.functional, inputs: { input: { dtype: 'float32', shape: [2], data: input.map(wire) }, label: { dtype: 'float32', shape: [2], data: label.map(wire) } }, kwargs: {} };
    expect(outsidePage(bce, request)).toEqual(expected);
  });
});

describe('against the golden cases', () => {
  const spec = loadGoldens([bundledGoldenDir()]).filter((c) => c.golden.level === 'spec');

  it('a spec case leaves the domain only through its label', () => {
    const other = spec.map((c) => [c.golden.id, outsidePage(opForFamily(c.golden.id.split('/')[0]!)!, c.golden.request)] as const)
      .filter(([, outside]) => outside.some((o) => !/^label of dtype int(32|64)$|^a label neither -1 nor 1$/.test(o)));
    expect(other).toEqual([]);
  });

  // One test per op, so that each op's spec cases (times its rules' alternatives) get their own time limit.
  it.each(OPS.map((op) => [op.family, op] as const))('%s: every spec case inside the domain is judged at spec level: Paddle returns a result and no rule decides it', async (family, op) => {
    const misjudged: string[] = [];
    for (const c of spec.filter((s) => s.golden.id.startsWith(`${family}/`))) {
      if (outsidePage(op, c.golden.request).length > 0) continue;
      if ((await referenceExpectation(c.golden.request)).error) misjudged.push(`${c.golden.id}: the reference raises`);
      const rules = await rulesDeciding(op, c.golden.request);
      if (rules.length) misjudged.push(`${c.golden.id}: decided by ${rules.join(', ')}`);
    }
    expect(misjudged).toEqual([]);
  }, 120_000);
});
