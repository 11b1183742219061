/**
 * The page's domain (page_domain.ts) on literal requests, one way out of it at
 * a time, and held against the golden cases: a spec case lies inside it
 * unless only its label does not (a label dtype the descriptor does not list,
 * a ranking label other than ±1), and a spec case that expects an error lies
 * outside it.
 */
import { describe, expect, it } from 'vitest';
import type { KwargJson, RequestJson } from '../case.js';
import { bundledGoldenDir, loadGoldens } from '../golden.js';
import { opForFamily } from '../ops/index.js';
import { outsidePage } from './page_domain.js';
import type { TensorJson } from '../wire.js';

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

describe('integer tensors with their own dtypes (FuzzHints.tensorDtypes)', () => {
  const rnnt = opForFamily('rnnt_loss')!;
  const ints = (dtype: string, shape: number[], data: number[]): TensorJson => ({ dtype, shape, data }) as TensorJson;
  const call = (lengths: string): RequestJson => ({
    api: rnnt.functional,
    inputs: { input: { dtype: 'float32', shape: [1, 1, 2, 2], data: [0, -1, -2, 0] }, label: ints('int32', [1, 1], [1]), input_lengths: ints(lengths, [1], [1]), label_lengths: ints(lengths, [1], [1]) },
  });
  it.each([['int32', []], ['int64', []], ['float32', ['input_lengths of dtype float32', 'label_lengths of dtype float32']]] as Array<[string, string[]]>)('rnnt_loss lengths of %s', (dtype, expected) => {
    expect(outsidePage(rnnt, call(dtype))).toEqual(expected);
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

describe('int keywords held to an interval', () => {
  const hs = opForFamily('hsigmoid_loss')!;
  const call = (classes: number): RequestJson => ({ api: hs.functional, inputs: { input: { dtype: 'float32', shape: [1, 1], data: [1] }, label: { dtype: 'int64', shape: [1, 1], data: [0] } }, kwargs: { num_classes: { int: classes } } });
  it.each([[3, []], [1, ['num_classes outside [3, Infinity]']]] as Array<[number, string[]]>)('num_classes %s', (classes, expected) => {
    expect(outsidePage(hs, call(classes))).toEqual(expected);
  });
});

describe('class labels', () => {
  const ce = opForFamily('cross_entropy')!;
  const input = { dtype: 'float32', shape: [2, 3], data: [0, 1, 2, 3, 4, 5] };
  const call = (label: TensorJson, kwargs: Record<string, KwargJson> = {}, weight?: TensorJson): RequestJson =>
    ({ api: ce.functional, inputs: { input, label, ...(weight ? { weight } : {}) }, kwargs });
  const ints = (shape: number[], data: number[]): TensorJson => ({ dtype: 'int64', shape, data });
  it.each([
    ['the control: indices in [0, 3) of shape [2]', call(ints([2], [0, 2])), []],
    ['a trailing 1', call(ints([2, 1], [0, 2])), []],
    ['the ignored class', call(ints([2], [-100, 2])), []],
    ['an index of 3', call(ints([2], [0, 3])), ['a class index out of range']],
    ['a label of shape [2, 2]', call(ints([2, 2], [0, 1, 2, 0])), ['a label of shape [2, 2]']],
    ['axis 0: indices in [0, 2) of shape [3]', call(ints([3], [0, 1, 1]), { axis: { int: 0 } }), []],
    ['axis 0: an index of 2', call(ints([3], [0, 2, 1]), { axis: { int: 0 } }), ['a class index out of range']],
    ['a weight of size 2', call(ints([2], [0, 2]), {}, { dtype: 'float32', shape: [2], data: [1, 1] }), ['a weight of shape [2]']],
    ['soft labels of the input\'s shape and dtype', call({ ...input, data: [0, 0, 1, 0.5, 0.5, 0] }, { soft_label: true }), []],
    ['soft labels of float64', call({ ...input, dtype: 'float64' }, { soft_label: true }), ['operands of different dtypes']],
    ['soft labels with ignore_index', call(input, { soft_label: true, ignore_index: { int: 1 } }), ['ignore_index= with soft labels']],
    ['label_smoothing 1.5', call(ints([2], [0, 2]), { label_smoothing: 1.5 }), ['label_smoothing outside [0, 1]']],
    ['a 0-D input', { api: ce.functional, inputs: { input: { dtype: 'float32', shape: [], data: [1] }, label: ints([], [0]) }, kwargs: {} }, ['an input without its class axis']],
  ] as Array<[string, RequestJson, string[]]>)('%s', (_what, request, expected) => {
    expect(outsidePage(ce, request)).toEqual(expected);
  });
});

describe('against the golden cases', () => {
  const spec = loadGoldens([bundledGoldenDir()]).filter((c) => c.golden.level === 'spec');

  it('a spec case with a result leaves the domain only through its label', () => {
    const other = spec.filter((c) => !('error' in c.golden.expected))
      .map((c) => [c.golden.id, outsidePage(opForFamily(c.golden.id.split('/')[0]!)!, c.golden.request)] as const)
      .filter(([, outside]) => outside.some((o) => !/^label of dtype int(32|64)$|^a label neither -1 nor 1$/.test(o)));
    expect(other).toEqual([]);
  });

  // A page that states an error states where its domain ends, so the call lies outside it. That no rule decides
  // a spec case inside it (so the fuzzer judges such a request at spec level) is what
  // mutants/rule_alternatives.test.ts proves: each rule's alternative passes every spec case bitwise.
  it('a spec case that expects an error lies outside the domain', () => {
    const inside = spec.filter((c) => 'error' in c.golden.expected && outsidePage(opForFamily(c.golden.id.split('/')[0]!)!, c.golden.request).length === 0);
    expect(inside.map((c) => c.golden.id)).toEqual([]);
  });
});
