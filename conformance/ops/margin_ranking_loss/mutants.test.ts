/**
 * margin_ranking_loss's mutants checked without goldens: each on a hand-made
 * request where its fault must show (a literal, or a difference from the
 * reference's answer) and on a control request where it must give the
 * reference's answer bit for bit. Literal values come from the reference's
 * Paddle 3.3.1 notes (reference/margin_ranking_loss_rules.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { KwargJson, ResponseJson } from '../../case.js';
import type { PortRequest } from '../../port.js';
import { decodeTensor, encodeTensor, fromValues, hexBitsAt, stringifyExact, valuesOf, type TensorJson, type WireDType } from '../../wire.js';
import { hingeEmbeddingLoss } from '../hinge_embedding_loss/descriptor.js';
import { hingeMutants } from '../hinge_embedding_loss/mutants.js';
import { marginRankingLoss } from './descriptor.js';
import { rankingMutants } from './mutants.js';

const HINGE_MUTANTS = hingeMutants(hingeEmbeddingLoss);
const RANKING_MUTANTS = rankingMutants(marginRankingLoss);

/** A tensor JSON from values (rounded to the dtype); shape defaults to 1-D. */
function t(values: number[], shape: number[] = [values.length], dtype: WireDType = 'float32'): TensorJson {
  return encodeTensor(fromValues(dtype, shape, values));
}

/** A functional request. */
function call(input: TensorJson, other: TensorJson, label: TensorJson, kwargs: Record<string, KwargJson> = {}, extra: Partial<PortRequest> = {}): PortRequest {
  return { id: 'case', api: marginRankingLoss.functional, inputs: { input, other, label }, kwargs, ...extra };
}

const reference = (r: PortRequest): ResponseJson => marginRankingLoss.reference(r);
const mutant = (id: string) => {
  const m = RANKING_MUTANTS.find((v) => v.id === id);
  if (!m) throw new Error(`no mutant ${id}`);
  return m;
};
/** A response as exact JSON (-0 kept, NaN as text), for bitwise equality. */
const exact = (res: ResponseJson): string => stringifyExact(res);
const numbers = (json: TensorJson | null | undefined): number[] => valuesOf(decodeTensor(json));
const bits = (json: TensorJson | null | undefined): string[] => {
  const w = decodeTensor(json);
  return valuesOf(w).map((_, i) => hexBitsAt(w, i));
};

const none = { reduction: 'none' } as const;
const f16 = (v: number[]) => t(v, [v.length], 'float16');
const f64 = (v: number[]) => t(v, [v.length], 'float64');
const i32 = (v: number[]) => t(v, [v.length], 'int32');
const scalar = (v: number, dtype: WireDType = 'float32') => t([v], [], dtype);
const ones34 = new Array<number>(12).fill(1);
const sevenZeros = new Array<number>(7).fill(0);
const sevenOnes = new Array<number>(7).fill(1);
// 1500 pairs with other = input + 1 under label 1: every loss is 1 (margin 0), in blocks of 256 with a remainder of 220.
const long = (n: number) => t(Array.from({ length: n }, (_, i) => i % 7));
const longer = (n: number) => t(Array.from({ length: n }, (_, i) => (i % 7) + 1));
const longOnes = (n: number) => t(new Array<number>(n).fill(1));

/** Per mutant: a request where it must differ from the reference, and a control where it must agree. */
const CASES: Record<string, { differs: PortRequest; agrees: PortRequest }> = {
  'ranking-label-sign-flipped': { differs: call(t([1]), t([2]), t([1]), none), agrees: call(t([1]), t([1]), t([1]), none) },
  'ranking-input-other-swapped': { differs: call(t([1]), t([2]), t([1]), none), agrees: call(t([1]), t([1]), t([-1]), none) },
  'ranking-margin-ignored': { differs: call(t([1]), t([2]), t([1]), { margin: 0.5 }), agrees: call(t([1]), t([2]), t([1])) },
  'ranking-mean-over-nonzero-losses': { differs: call(t([1, 2]), t([2, 1]), t([1, 1])), agrees: call(t([1, 1]), t([2, 2]), t([1, 1])) },
  'ranking-other-grad-for-input': {
    differs: call(t([1]), t([2]), t([1]), none, { grad: ['input'] }),
    agrees: call(t([1]), t([2]), t([1]), none, { grad: ['other'] }),
  },
  'ranking-sum-and-mean-swapped': { differs: call(t([1, 2]), t([2, 4]), t([1, 1]), { reduction: 'sum' }), agrees: call(t([1, 2]), t([2, 4]), t([1, 1]), none) },
  'ranking-reduction-checked-last': {
    differs: call(i32([1, 2]), t([1, 2]), t([1, 1]), { reduction: 'MEAN' }),
    agrees: call(t([1, 2]), t([1, 2]), t([1, 1]), { reduction: 'MEAN' }),
  },
  'ranking-shapes-checked-before-dtypes': {
    differs: call(f16([1, 2, 3]), f16([1, 2]), t([1])),
    agrees: call(t([1, 2, 3]), t([1, 2]), t([1])),
  },
  'ranking-dtypes-checked-before-shapes': {
    differs: call(t([1, 2, 3]), t([1, 2]), i32([1, 2])),
    agrees: call(t([1, 2, 3]), t([1, 2]), t([1, 2])),
  },
  'ranking-no-broadcasting': { differs: call(t([1, 2]), t([3]), t([1, -1]), none), agrees: call(t([1, 2]), t([3, 3]), t([1, -1]), none) },
  'ranking-promote-all-to-widest-float': {
    differs: call(t([1e-8]), t([1]), f64([1]), none),
    agrees: call(f64([1e-8]), f64([1]), f64([1]), none),
  },
  'ranking-own-dtype-check': {
    differs: call(i32([1, 1, 1]), i32([3, 3, 3]), scalar(3), none),
    agrees: call(t([1, 1, 1]), t([3, 3, 3]), scalar(3), none),
  },
  'ranking-margin-always-added': {
    differs: call(scalar(1), scalar(2), scalar(1), { margin: 0, reduction: 'none' }),
    agrees: call(scalar(1), scalar(2), scalar(1), { margin: 0.5, reduction: 'none' }),
  },
  'ranking-zero-d-none-returns-0-d': {
    differs: call(scalar(1), scalar(2), scalar(1), { margin: 0.5, reduction: 'none' }),
    agrees: call(scalar(1), scalar(2), scalar(1), { margin: 0, reduction: 'none' }),
  },
  'ranking-margin-in-input-dtype': {
    differs: call(t([0]), t([0]), f64([1]), { margin: 0.1, reduction: 'none' }),
    agrees: call(t([0]), t([0]), t([1]), { margin: 0.1, reduction: 'none' }),
  },
  'ranking-margin-read-by-python-float': {
    differs: call(t([1]), t([2]), t([1]), { margin: { str: '1.5' }, reduction: 'none' }),
    agrees: call(t([1]), t([2]), t([1]), { margin: 1.5, reduction: 'none' }),
  },
  'ranking-string-margin-read-by-cpp-stream': {
    differs: call(t([1]), t([2]), t([1]), { margin: { str: '1.5abc' }, reduction: 'none' }),
    agrees: call(t([1]), t([2]), t([1]), { margin: null, reduction: 'none' }),
  },
  'ranking-relu-propagates-nan': {
    differs: call(t([1, 2]), t([2, 1]), t([1, -1]), { margin: 'NaN', reduction: 'none' }),
    agrees: call(t([1, 1]), t([1, 2]), t([1, -1]), none),
  },
  'ranking-int-promoted-with-float': { differs: call(i32([1, 2]), t([2, 1]), t([1, 1]), none), agrees: call(t([1, 2]), t([2, 1]), t([1, 1]), none) },
  'ranking-subtract-shapes-must-equal': { differs: call(t([1, 2]), t([3]), t([1, -1]), none), agrees: call(t([1, 2]), t([3, 3]), t([1]), none) },
  'ranking-multiply-shapes-must-equal': { differs: call(t([1, 2]), t([3, 3]), t([1]), none), agrees: call(t([1, 2]), t([3]), t([1, -1]), none) },
  'ranking-float16-and-bool-computed': { differs: call(f16([1, 2]), f16([2, 1]), f16([1, -1]), none), agrees: call(t([1, 2]), t([2, 1]), t([1, -1]), none) },
  'ranking-bfloat16-computed': {
    differs: call(t([1], [1], 'bfloat16'), t([2], [1], 'bfloat16'), t([1], [1], 'bfloat16'), { margin: 0.5 }),
    agrees: call(t([1]), t([2]), t([1]), { margin: 0.5 }),
  },
  'ranking-integers-computed': { differs: call(i32([1, 2]), i32([2, 1]), i32([1, -1]), none), agrees: call(t([1, 2]), t([2, 1]), t([1, -1]), none) },
  'ranking-input-grad-keeps-nan-sign': {
    differs: call(t([1]), t([2]), t([NaN]), none, { grad: ['input', 'other'] }),
    agrees: call(t([1]), t([2]), t([1]), none, { grad: ['input', 'other'] }),
  },
  'ranking-mean-of-empty-is-0': { differs: call(t([]), t([]), t([])), agrees: call(t([]), t([]), t([]), { reduction: 'sum' }) },
  'ranking-sum-of-empty-raises': { differs: call(t([]), t([]), t([]), { reduction: 'sum' }), agrees: call(t([]), t([]), t([])) },
  'ranking-grad-active-at-kink': {
    differs: call(t([1, 1, 2]), t([1, 0.5, 1]), t([1, 1, 1]), { margin: 0.5, reduction: 'none' }, { grad: ['input', 'other'] }),
    agrees: call(t([1, 1, 2]), t([1, 0.25, 1]), t([1, 1, 1]), { margin: 0.5, reduction: 'none' }, { grad: ['input', 'other'] }),
  },
  'ranking-grad-masked-by-where': {
    differs: call(t([NaN, Infinity, 1, 1]), t([1, Infinity, 2, 2]), t([1, 1, NaN, Infinity]), none, { grad: ['input', 'other'] }),
    agrees: call(t([NaN, Infinity, 1, 1]), t([1, Infinity, 2, 2]), t([1, 1, 1, 2]), none, { grad: ['input', 'other'] }),
  },
  'ranking-mean-grad-times-reciprocal': {
    differs: call(t(sevenZeros), t(sevenOnes), t(sevenOnes), {}, { grad: ['input', 'other'], grad_output: scalar(3) }),
    agrees: call(t(sevenZeros), t(sevenOnes), t(sevenOnes), {}, { grad: ['input', 'other'] }),
  },
  'ranking-broadcast-grad-summed-pairwise': {
    differs: call(t([1]), t([2, 2, 0]), t([1, 1e8, -1e8]), { reduction: 'sum' }, { grad: ['input', 'other'] }),
    agrees: call(t([1, 1, 1]), t([2, 2, 0]), t([1, 1e8, -1e8]), { reduction: 'sum' }, { grad: ['input', 'other'] }),
  },
  'ranking-mean-grad-not-divided-by-n': {
    differs: call(t([1, 2]), t([2, 4]), t([1, 1]), {}, { grad: ['input', 'other'] }),
    agrees: call(t([1, 2]), t([2, 4]), t([1, 1]), { reduction: 'sum' }, { grad: ['input', 'other'] }),
  },
  'ranking-mean-over-input-numel': {
    differs: call(t([1, 2], [2, 1]), t([2, 4, 6, 2, 4, 6], [2, 3]), t(new Array<number>(6).fill(1), [2, 3]), {}, { grad: ['input', 'other'] }),
    agrees: call(t([1, 2, 3]), t([2, 4, 6], [3]), t([1, 1, 1], [3]), {}, { grad: ['input', 'other'] }),
  },
  'ranking-drops-tail-losses': {
    differs: call(long(1500), longer(1500), longOnes(1500), none, { grad: ['input', 'other'] }),
    agrees: call(long(1536), longer(1536), longOnes(1536), none, { grad: ['input', 'other'] }),
  },
  'ranking-grad-negative-zero-kept': {
    differs: call(t(ones34, [3, 4]), t([1, 1, 1], [3, 1]), t(ones34, [3, 4]), { reduction: 'sum' }, { grad: ['input'] }),
    agrees: call(t(ones34, [3, 4]), t(ones34, [3, 4]), t(ones34, [3, 4]), { reduction: 'sum' }, { grad: ['input', 'other'] }),
  },
};

describe('the catalog', () => {
  it('has a hand-made case for every mutant', () => {
    expect(Object.keys(CASES).sort()).toEqual(RANKING_MUTANTS.map((m) => m.id).sort());
  });

  it('has ids unique across the project', () => {
    const ids = [...HINGE_MUTANTS, ...RANKING_MUTANTS].map((m) => m.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("names an alternative for every rule of the op (its own and its primitives'), and only rules of this op", () => {
    const rules = Object.keys(marginRankingLoss.rules).sort();
    const named = [...new Set(RANKING_MUTANTS.flatMap((m) => (m.rule ? [m.rule] : [])))].sort();
    expect(named).toEqual(rules);
  });

  it('lists the plain bugs without a rule', () => {
    expect(RANKING_MUTANTS.filter((m) => !m.rule).map((m) => m.id)).toEqual([
      'ranking-label-sign-flipped',
      'ranking-input-other-swapped',
      'ranking-margin-ignored',
      'ranking-mean-over-nonzero-losses',
      'ranking-other-grad-for-input',
      'ranking-sum-and-mean-swapped',
      'ranking-mean-grad-not-divided-by-n',
      'ranking-mean-over-input-numel',
      'ranking-drops-tail-losses',
      'ranking-no-broadcasting',
      'ranking-own-dtype-check',
    ]);
  });
});

describe('each mutant differs from the reference where its fault shows', () => {
  it.each(Object.entries(CASES).map(([id, c]) => [id, c.differs] as const))('%s', (id, request) => {
    expect(exact(mutant(id).handle(request))).not.toBe(exact(reference(request)));
  });
});

describe('each mutant agrees with the reference on its control', () => {
  it.each(Object.entries(CASES).map(([id, c]) => [id, c.agrees] as const))('%s', (id, request) => {
    expect(exact(mutant(id).handle(request))).toBe(exact(reference(request)));
  });
});

describe('what the faults give, literally', () => {
  it('label sign flipped: input 1, other 2, label 1 gives 0 (Paddle 1)', () => {
    expect(numbers(mutant('ranking-label-sign-flipped').handle(CASES['ranking-label-sign-flipped']!.differs).output)).toEqual([0]);
  });

  it('mean over non-zero losses: losses [1, 0] give 1 (Paddle 0.5)', () => {
    expect(numbers(mutant('ranking-mean-over-nonzero-losses').handle(CASES['ranking-mean-over-nonzero-losses']!.differs).output)).toEqual([1]);
  });

  it("other's gradient for input's: +1 where Paddle gives -1", () => {
    expect(numbers(mutant('ranking-other-grad-for-input').handle(CASES['ranking-other-grad-for-input']!.differs).grad?.input)).toEqual([1]);
  });

  it('reduction checked last: MEAN with an int32 input raises the promotion TypeError', () => {
    expect(mutant('ranking-reduction-checked-last').handle(CASES['ranking-reduction-checked-last']!.differs).error?.type).toBe('TypeError');
  });

  it('shapes before dtypes: float16 [3] against [2] raises the broadcast ValueError (Paddle: RuntimeError from subtract)', () => {
    const req = CASES['ranking-shapes-checked-before-dtypes']!.differs;
    expect([reference(req).error?.type, mutant('ranking-shapes-checked-before-dtypes').handle(req).error?.type]).toEqual(['RuntimeError', 'ValueError']);
  });

  it('dtypes before shapes: float32 [3] against [2] with an int32 label raises TypeError (Paddle: ValueError)', () => {
    const req = CASES['ranking-dtypes-checked-before-shapes']!.differs;
    expect([reference(req).error?.type, mutant('ranking-dtypes-checked-before-shapes').handle(req).error?.type]).toEqual(['ValueError', 'TypeError']);
  });

  it('dtypes before shapes keeps margin=None behind the relu kernel as Paddle orders them: a broadcastable int32 call is unchanged', () => {
    const req = call(i32([1, 2]), i32([1, 2]), i32([1, 2]), { margin: null, reduction: 'none' });
    expect(exact(mutant('ranking-dtypes-checked-before-shapes').handle(req))).toBe(exact(reference(req)));
  });

  it('no broadcasting: other [1] against input [2] raises ValueError', () => {
    expect(mutant('ranking-no-broadcasting').handle(CASES['ranking-no-broadcasting']!.differs).error?.type).toBe('ValueError');
  });

  it('widest float first: float32 1e-8 and 1 with a float64 label give 1 - fl32(1e-8) = 0.9999999900000001 (Paddle 1)', () => {
    // fl32(1e-8) = 9.99999993922529e-9 (0x322bcc77); subtracted from 1 in float64 without rounding to float32.
    const out = mutant('ranking-promote-all-to-widest-float').handle(CASES['ranking-promote-all-to-widest-float']!.differs).output;
    expect([out?.dtype, numbers(out)]).toEqual(['float64', [0.9999999900000001]]);
  });

  it('widest float first: a 0-D float64 other gives a float64 loss (Paddle float32)', () => {
    const req = call(t([0]), scalar(0.1, 'float64'), t([1]), none);
    expect([reference(req).output?.dtype, mutant('ranking-promote-all-to-widest-float').handle(req).output?.dtype]).toEqual(['float32', 'float64']);
  });

  it('widest float first: gradients keep the operands\' dtypes', () => {
    const req = call(t([1]), t([2]), f64([1]), none, { grad: ['input', 'other'] });
    const res = mutant('ranking-promote-all-to-widest-float').handle(req);
    expect([res.grad?.input?.dtype, res.grad?.other?.dtype]).toEqual(['float32', 'float32']);
  });

  it('own dtype check: int32 input with a 0-D float32 label raises TypeError (Paddle computes [6, 6, 6])', () => {
    expect(mutant('ranking-own-dtype-check').handle(CASES['ranking-own-dtype-check']!.differs).error?.type).toBe('TypeError');
  });

  it('margin always added: 0-D operands, margin 0, none give shape [1] holding 1', () => {
    const out = mutant('ranking-margin-always-added').handle(CASES['ranking-margin-always-added']!.differs).output;
    expect([out?.shape, numbers(out)]).toEqual([[1], [1]]);
  });

  it('0-D none always 0-D: margin 0.5 gives shape [] holding 1.5', () => {
    const out = mutant('ranking-zero-d-none-returns-0-d').handle(CASES['ranking-zero-d-none-returns-0-d']!.differs).output;
    expect([out?.shape, numbers(out)]).toEqual([[], [1.5]]);
  });

  it('margin in input dtype: float32 input, float64 label, margin 0.1 gives float32 0.1 widened (Paddle 0.1)', () => {
    const out = mutant('ranking-margin-in-input-dtype').handle(CASES['ranking-margin-in-input-dtype']!.differs).output;
    expect([out?.dtype, numbers(out)]).toEqual(['float64', [Math.fround(0.1)]]);
  });

  it.each([
    ["'1.5' reads as 1.5: loss 2.5", { str: '1.5' }, { output: [2.5] }],
    ["'abc' raises ValueError", { str: 'abc' }, { error: 'ValueError' }],
    ["'1_0' reads as 10", { str: '1_0' }, { output: [11] }],
    ['None raises TypeError (Paddle: ValueError)', null, { error: 'TypeError' }],
  ] as const)('margin read by Python float(): %s', (_, margin, expected) => {
    const res = mutant('ranking-margin-read-by-python-float').handle(call(t([1]), t([2]), t([1]), { margin, reduction: 'none' }));
    expect('output' in expected ? numbers(res.output) : res.error?.type).toEqual('output' in expected ? expected.output : expected.error);
  });

  it('margin read by Python float(): an operand error raised before the margin is kept', () => {
    const req = call(t([1, 2, 3]), t([1, 2]), t([1]), { margin: { str: '1.5' }, reduction: 'none' });
    expect(exact(mutant('ranking-margin-read-by-python-float').handle(req))).toBe(exact(reference(req)));
  });

  it.each([
    ["'1.5abc' is 1.5", '1.5abc', [2.5]],
    ["'abc' is 0", 'abc', [1]],
    ["'inf' is inf", 'inf', [Infinity]],
  ] as const)('str margin read by the C++ stream: %s', (_, text, expected) => {
    const res = mutant('ranking-string-margin-read-by-cpp-stream').handle(call(t([1]), t([2]), t([1]), { margin: { str: text }, reduction: 'none' }));
    expect(numbers(res.output)).toEqual(expected);
  });

  it('relu propagates NaN: NaN only where the pre-relu value is NaN (inf - inf, NaN operands, 0 × NaN), not at -inf or 0', () => {
    const req = call(
      t([Infinity, Infinity, -Infinity, NaN, 1, 1, 1, 1, 1]),
      t([Infinity, -Infinity, Infinity, 1, NaN, 1, 2, 2, 1]),
      t([1, 1, 1, 1, 1, NaN, Infinity, -Infinity, 1]),
      none,
    );
    expect(numbers(mutant('ranking-relu-propagates-nan').handle(req).output)).toEqual([NaN, 0, Infinity, NaN, NaN, NaN, Infinity, 0, 0]);
  });

  it('relu propagates NaN: an infinite margin meeting the opposite infinity gives NaN', () => {
    const req = call(t([Infinity, 0]), t([0, 0]), t([1, 1]), { margin: 'Infinity', reduction: 'none' });
    expect(numbers(mutant('ranking-relu-propagates-nan').handle(req).output)).toEqual([NaN, Infinity]);
  });

  it('relu propagates NaN: a NaN element makes the mean NaN (Paddle 0.5)', () => {
    const req = call(t([NaN, 1]), t([1, 2]), t([1, 1]));
    expect(numbers(mutant('ranking-relu-propagates-nan').handle(req).output)).toEqual([NaN]);
  });

  it('mean of empty is 0', () => {
    expect(bits(mutant('ranking-mean-of-empty-is-0').handle(CASES['ranking-mean-of-empty-is-0']!.differs).output)).toEqual(['0x00000000']);
  });

  it('sum of empty raises RuntimeError', () => {
    expect(mutant('ranking-sum-of-empty-raises').handle(CASES['ranking-sum-of-empty-raises']!.differs).error?.type).toBe('RuntimeError');
  });

  it('grad active at the kink: input [-1, -1, -0], other [1, 1, 0] (Paddle [-1, -0, -0], [1, 0, 0])', () => {
    const res = mutant('ranking-grad-active-at-kink').handle(CASES['ranking-grad-active-at-kink']!.differs);
    expect([bits(res.grad?.input), bits(res.grad?.other)]).toEqual([
      ['0xbf800000', '0xbf800000', '0x80000000'],
      ['0x3f800000', '0x3f800000', '0x00000000'],
    ]);
  });

  it('grad active at the kink: with no margin, input == other under label 1 gives -1 and 1', () => {
    const res = mutant('ranking-grad-active-at-kink').handle(call(t([1]), t([1]), t([1]), none, { grad: ['input', 'other'] }));
    expect([numbers(res.grad?.input), numbers(res.grad?.other)]).toEqual([[-1], [1]]);
  });

  it('grad active at the kink: 0-D operands with no margin and an upstream gradient (the raised call gets it as [1])', () => {
    const res = mutant('ranking-grad-active-at-kink').handle(call(scalar(1), scalar(1), scalar(1), none, { grad: ['input'], grad_output: scalar(2) }));
    expect([res.grad?.input?.shape, numbers(res.grad?.input)]).toEqual([[], [-2]]);
  });

  it('grad masked by where: the NaN label where the loss is 0 gives -0 and 0, not NaN', () => {
    const res = mutant('ranking-grad-masked-by-where').handle(CASES['ranking-grad-masked-by-where']!.differs);
    expect([bits(res.grad?.input), bits(res.grad?.other)]).toEqual([
      ['0x80000000', '0x80000000', '0x80000000', '0xff800000'],
      ['0x00000000', '0x00000000', '0x00000000', '0x7f800000'],
    ]);
  });

  it("mean grad times reciprocal: N = 7, grad_output 3 gives 3·fl(1/7) = 0x3edb6db8 (Paddle fl(3/7) = 0x3edb6db7)", () => {
    const res = mutant('ranking-mean-grad-times-reciprocal').handle(CASES['ranking-mean-grad-times-reciprocal']!.differs);
    expect(new Set(bits(res.grad?.other))).toEqual(new Set(['0x3edb6db8']));
  });

  it('broadcast grad summed pairwise: -1 + (-1e8 + 1e8) = -1 (Paddle, left to right, 0)', () => {
    const res = mutant('ranking-broadcast-grad-summed-pairwise').handle(CASES['ranking-broadcast-grad-summed-pairwise']!.differs);
    expect([numbers(res.grad?.input), numbers(res.grad?.other)]).toEqual([[-1], [1, 1e8, -1e8]]);
  });

  it("broadcast grad summed pairwise: where the order changes no value, Paddle's bits stay (input's -0 from a label [2,3] sum)", () => {
    const req = call(t([1, 2, 3]), t([1, 2, 3]), t([1, 1, 1, -1, -1, -1], [2, 3]), none, { grad: ['input', 'other'] });
    expect(exact(mutant('ranking-broadcast-grad-summed-pairwise').handle(req))).toBe(exact(reference(req)));
  });

  it('mean gradient not divided by N: losses [1, 2] under mean give input the gradient of the sum, [-1, -1] (Paddle [-0.5, -0.5])', () => {
    const res = mutant('ranking-mean-grad-not-divided-by-n').handle(CASES['ranking-mean-grad-not-divided-by-n']!.differs);
    expect([numbers(reference(CASES['ranking-mean-grad-not-divided-by-n']!.differs).grad?.input), numbers(res.grad?.input), numbers(res.output)]).toEqual([[-0.5, -0.5], [-1, -1], [1.5]]);
  });

  it('mean over input.numel(): input [2, 1] against other [2, 3] has losses 1, 3, 5, 0, 2, 4 whose sum 15 it divides by 2 (Paddle by 6: 2.5)', () => {
    const req = CASES['ranking-mean-over-input-numel']!.differs;
    const res = mutant('ranking-mean-over-input-numel').handle(req);
    expect([numbers(reference(req).output), numbers(res.output)]).toEqual([[2.5], [7.5]]);
    // Each loss's gradient is 1/2 instead of 1/6: other's -label·g/N becomes 0.5 where its loss is positive.
    expect([numbers(reference(req).grad?.other).map((v) => Number(v.toFixed(6))), numbers(res.grad?.other)]).toEqual([[0.166667, 0.166667, 0.166667, 0, 0.166667, 0.166667], [0.5, 0.5, 0.5, 0, 0.5, 0.5]]);
  });

  it('drops the tail: of 1500 losses of 1 the last 220 are 0, and so are their gradients (Paddle 1, -1 and 1 everywhere)', () => {
    const req = CASES['ranking-drops-tail-losses']!.differs;
    const res = mutant('ranking-drops-tail-losses').handle(req);
    const out = numbers(res.output);
    expect([out.slice(0, 1280).every((v) => v === 1), out.slice(1280).every((v) => v === 0), numbers(reference(req).output).every((v) => v === 1)]).toEqual([true, true, true]);
    expect([numbers(res.grad?.input).slice(1279, 1281), numbers(res.grad?.other).slice(1279, 1281)]).toEqual([[-1, 0], [1, 0]]);
  });

  it('drops the tail: the sum of those 1500 losses is 1280 (Paddle 1500)', () => {
    const req = call(long(1500), longer(1500), longOnes(1500), { reduction: 'sum' });
    expect([numbers(reference(req).output), numbers(mutant('ranking-drops-tail-losses').handle(req).output)]).toEqual([[1500], [1280]]);
  });

  it('negative zero kept: input [3,4] against other [3,1] gives -0 everywhere (Paddle +0)', () => {
    const res = mutant('ranking-grad-negative-zero-kept').handle(CASES['ranking-grad-negative-zero-kept']!.differs);
    expect(new Set(bits(res.grad?.input))).toEqual(new Set(['0x80000000']));
  });

  it('negative zero kept: a summed operand whose contributions are all -0 stays -0 (input [3,1] against other [3,4], label 1)', () => {
    const req = call(t([1, 1, 1], [3, 1]), t(ones34, [3, 4]), t(ones34, [3, 4]), { reduction: 'sum' }, { grad: ['input', 'other'] });
    const res = mutant('ranking-grad-negative-zero-kept').handle(req);
    expect([bits(reference(req).grad?.input), bits(res.grad?.input)]).toEqual([new Array(3).fill('0x00000000'), new Array(3).fill('0x80000000')]);
  });
});

/** Requests of every kind a plan may send: errors, odd dtypes, odd margins, empty, 0-D, broadcasting, the layer. */
const ODD_REQUESTS: Record<string, PortRequest> = {
  'bad reduction': call(t([1]), t([2]), t([1]), { reduction: 'x' }),
  'bad reduction, list-like operand error': call(i32([1, 2]), t([1]), t([1]), { reduction: null }),
  'float16 everywhere': call(f16([1, 2]), f16([2, 1]), f16([1, -1]), none, { grad: ['input', 'other'] }),
  'bfloat16 with a margin': call(t([1], [1], 'bfloat16'), t([2], [1], 'bfloat16'), t([1], [1], 'bfloat16'), { margin: 0.5 }),
  'int32 everywhere': call(i32([1, 2]), i32([2, 1]), i32([1, -1]), none),
  'bool label': call(t([1, 2]), t([2, 1]), t([1, 0], [2], 'bool'), none),
  'int64 label, 0-D': call(t([1, 2]), t([2, 1]), t([1], [], 'int64'), none),
  'margin None': call(t([1]), t([2]), t([1]), { margin: null }, { grad: ['input'] }),
  'margin str': call(t([1]), t([2]), t([1]), { margin: { str: ' inf' } }, { grad: ['input', 'other'] }),
  'margin int': call(t([1]), t([2]), t([1]), { margin: { int: 2 } }, { grad: ['input', 'other'] }),
  'margin True': call(t([1]), t([2]), t([1]), { margin: true, reduction: 'sum' }, { grad: ['other'] }),
  'margin -Infinity': call(t([1]), t([2]), t([1]), { margin: '-Infinity', reduction: 'none' }, { grad: ['input'] }),
  'margin 1e39 float32': call(t([1]), t([2]), t([1]), { margin: 1e39 }, { grad: ['input'] }),
  'margin 1e-50, 0-D': call(scalar(1), scalar(1), scalar(1), { margin: 1e-50, reduction: 'none' }, { grad: ['input', 'other'] }),
  'empty [0, 3] with mean': call(t([], [0, 3]), t([], [0, 3]), t([], [0, 3]), { margin: 0.5 }, { grad: ['input', 'other'] }),
  'empty broadcast against [1]': call(t([], [0]), t([1]), t([1]), { reduction: 'sum' }, { grad: ['input', 'other'] }),
  '0-D everywhere with grad_output': call(scalar(1), scalar(2), scalar(1), none, { grad: ['input', 'other'], grad_output: scalar(-1) }),
  'broadcast with a float64 label': call(t([1, 2, 3, 4], [4]), t([1, 2, 3], [3, 1]), f64([1, -1, 1, -1]), { reduction: 'mean' }, { grad: ['input', 'other'] }),
  'broadcast, label larger': call(t([1, 2, 3]), t([3, 2, 1]), t([1, 1, 1, -1, -1, -1], [2, 3]), none, { grad: ['input', 'other'], grad_output: t([1, 2, 3, 4, 5, 6], [2, 3]) }),
  'unbroadcastable shapes': call(t([1, 2, 3]), t([1, 2]), t([1]), none, { grad: ['input'] }),
  'NaN and inf everywhere': call(t([NaN, Infinity, -Infinity]), t([Infinity, Infinity, NaN]), t([Infinity, NaN, -1]), { margin: 'NaN' }, { grad: ['input', 'other'] }),
  layer: { id: 'case', api: marginRankingLoss.layer!, inputs: { input: t([1, 2]), other: t([2, 1]), label: t([1, 1]) }, init: { margin: 0.5, reduction: 'sum' }, grad: ['input'] },
  'layer with a bad reduction': { id: 'case', api: marginRankingLoss.layer!, inputs: { input: f16([1]), other: t([2]), label: t([1]) }, init: { reduction: 'MEAN' } },
};

describe('every mutant answers every kind of request without throwing', () => {
  const rows = RANKING_MUTANTS.flatMap((m) => Object.entries(ODD_REQUESTS).map(([name, r]) => [m.id, name, r] as const));
  it.each(rows)('%s: %s', (id, _name, request) => {
    const res = mutant(id).handle(request);
    expect(res.id).toBe('case');
    expect(['output' in res, 'error' in res, 'skip' in res].filter(Boolean)).toHaveLength(1);
  });
});
