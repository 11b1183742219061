/**
 * cosine_embedding_loss's mutants checked without goldens: each on a hand-made
 * request where its fault must show and on a control request where it must
 * give the reference's answer bit for bit, then the faults' values as
 * literals (from the page's formula on small exact vectors, or Paddle 3.3.1's
 * values recorded in reference/cosine_embedding_loss_rules.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { KwargJson, ResponseJson } from '../../case.js';
import type { PortRequest } from '../../port.js';
import { decodeTensor, encodeTensor, fromValues, hexBitsAt, stringifyExact, valuesOf, type TensorJson, type WireDType } from '../../wire.js';
import { hingeEmbeddingLoss } from '../hinge_embedding_loss/descriptor.js';
import { hingeMutants } from '../hinge_embedding_loss/mutants.js';
import { marginRankingLoss } from '../margin_ranking_loss/descriptor.js';
import { rankingMutants } from '../margin_ranking_loss/mutants.js';
import { cosineEmbeddingLoss } from './descriptor.js';
import { cosineMutants } from './mutants.js';

const HINGE_MUTANTS = hingeMutants(hingeEmbeddingLoss);
const RANKING_MUTANTS = rankingMutants(marginRankingLoss);
const COSINE_MUTANTS = cosineMutants(cosineEmbeddingLoss);

/** A tensor JSON from values (rounded to the dtype); 2-D [rows, values.length / rows] by default. */
function t(values: number[], shape: number[] = [1, values.length], dtype: WireDType = 'float32'): TensorJson {
  return encodeTensor(fromValues(dtype, shape, values));
}

/** Labels as an int64 tensor. */
const labels = (v: number[], dtype: WireDType = 'int64'): TensorJson => t(v, [v.length], dtype);

/** A functional request. */
function call(input1: TensorJson, input2: TensorJson, label: TensorJson, kwargs: Record<string, KwargJson> = {}, extra: Partial<PortRequest> = {}): PortRequest {
  return { id: 'case', api: cosineEmbeddingLoss.functional, inputs: { input1, input2, label }, kwargs, ...extra };
}

/** A layer request. */
function layer(input1: TensorJson, input2: TensorJson, label: TensorJson, init: Record<string, KwargJson>): PortRequest {
  return { id: 'case', api: cosineEmbeddingLoss.layer!, inputs: { input1, input2, label }, init };
}

const reference = (r: PortRequest): ResponseJson => cosineEmbeddingLoss.reference(r);
const mutant = (id: string) => {
  const m = COSINE_MUTANTS.find((v) => v.id === id);
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
const grads = { grad: ['input1', 'input2'] };
// [3, 4] against [4, 3]: cos = 24/25 exactly as the page computes it (dot 24, norms 5 and 5).
const x34 = t([3, 4]);
const y43 = t([4, 3]);
// Two rows: [3, 4]·[4, 3] (cos 0.96) and [1, 0]·[0, 1] (cos 0).
const two1 = t([3, 4, 1, 0], [2, 2]);
const two2 = t([4, 3, 0, 1], [2, 2]);

/** Per mutant: a request where it must differ from the reference, and a control where it must agree. */
const CASES: Record<string, { differs: PortRequest; agrees: PortRequest }> = {
  'cosine-epsilon-dropped': { differs: call(t([0, 0]), y43, labels([1]), none), agrees: call(x34, y43, labels([1]), none) },
  'cosine-sums-over-axis-0': { differs: call(two1, two2, labels([1, 1]), none), agrees: call(t([3, 4], [2]), t([4, 3], [2]), labels([1]), none) },
  'cosine-label-sign-flipped': { differs: call(x34, y43, labels([1]), none), agrees: call(x34, y43, labels([0]), none) },
  'cosine-margin-added': { differs: call(x34, y43, labels([-1]), { margin: 0.5, reduction: 'none' }), agrees: call(x34, y43, labels([-1]), none) },
  'cosine-margin-ignored': { differs: call(x34, y43, labels([-1]), { margin: 0.5, reduction: 'none' }), agrees: call(x34, y43, labels([-1]), none) },
  'cosine-clip-missing': { differs: call(x34, y43, labels([-1]), { margin: 1, reduction: 'none' }), agrees: call(x34, y43, labels([-1]), { margin: 0.5, reduction: 'none' }) },
  'cosine-grad-missing-norm-term': { differs: call(x34, y43, labels([1]), none, grads), agrees: call(x34, y43, labels([1]), none) },
  'cosine-sum-and-mean-swapped': { differs: call(two1, two2, labels([1, 1]), { reduction: 'sum' }), agrees: call(two1, two2, labels([1, 1]), none) },
  'cosine-ops-errors-before-checks': {
    differs: call(t([1, 2, 3, 4, 5, 6], [3, 2]), t([1, 2, 3, 4, 5, 6], [3, 2], 'int32'), t([1, -1, 1], [3, 1], 'int64')),
    agrees: call(t([1, 2, 3, 4, 5, 6], [3, 2]), t([1, 2, 3, 4, 5, 6], [3, 2]), t([1, -1, 1], [3, 1], 'int64')),
  },
  'cosine-zero-d-inputs-refused': { differs: call(t([3], []), t([-2], []), labels([1, -1]), none), agrees: call(t([3], [1]), t([-2], [1]), labels([1, -1]), none) },
  'cosine-input2-dtype-checked': { differs: call(x34, t([4, 3], [1, 2], 'float16'), labels([1])), agrees: call(x34, t([4, 3], [1, 2], 'float64'), labels([1])) },
  'cosine-label-not-broadcast': { differs: call(two1, two2, labels([1]), none), agrees: call(two1, two2, labels([1, -1]), none) },
  'cosine-row-sums-right-to-left': {
    // The dot product 1 + 2^-24 - 2^-24 is 1 - 2^-24 left to right in float32 (1 + 2^-24 rounds to 1), 1 right to left.
    differs: call(t([1, 2 ** -12, 2 ** -12]), t([1, 2 ** -12, -(2 ** -12)]), labels([1]), none),
    agrees: call(x34, y43, labels([1]), none, grads),
  },
  'cosine-full-sums-left-to-right': {
    // input1's squares, 2^24 and eight ones in float32: Eigen's lanes add ones to ones (2^24 + 8), left to right loses each one at 2^24.
    differs: call(t([2 ** 12, ...new Array<number>(8).fill(1)], [9]), t([...new Array<number>(8).fill(1), 2 ** 12], [9]), labels([-1]), none),
    agrees: call(t([3, 4], [2]), t([4, 3], [2]), labels([1]), none),
  },
  'cosine-torch-epsilon': { differs: call(t([1e-6, 0]), t([1e-6, 0]), labels([1]), none), agrees: call(x34, y43, labels([1]), none) },
  'cosine-sqrt-ieee-everywhere': {
    differs: call(t([2 ** 70, 0, ...new Array<number>(14).fill(1)], [8, 2]), t([1, 0, ...new Array<number>(14).fill(1)], [8, 2]), labels(new Array<number>(8).fill(1)), none),
    agrees: call(t([2 ** 70, 0, 1, 1], [2, 2]), t([1, 0, 1, 1], [2, 2]), labels([1, 1]), none),
  },
  'cosine-margin-not-rounded': { differs: call(t([1, 0]), t([1, 4]), labels([-1]), { margin: 0.1, reduction: 'none' }), agrees: call(t([1, 0]), t([1, 2]), labels([-1]), { margin: 0.25, reduction: 'none' }) },
  'cosine-margin-none-is-0': { differs: call(x34, y43, labels([1]), { margin: null }), agrees: call(x34, y43, labels([1]), { margin: 0 }) },
  'cosine-string-margin-by-python-float': { differs: call(x34, y43, labels([-1]), { margin: { str: '0.5abc' }, reduction: 'none' }), agrees: call(x34, y43, labels([-1]), { margin: { str: '0.5' }, reduction: 'none' }) },
  'cosine-clip-nan-is-0': { differs: call(t([NaN, 1]), y43, labels([-1]), none), agrees: call(t([NaN, 1]), y43, labels([1]), none) },
  'cosine-clip-uncapped': { differs: call(x34, y43, labels([-1]), { margin: '-Infinity', reduction: 'none' }), agrees: call(x34, y43, labels([-1]), { margin: -1, reduction: 'none' }) },
  'cosine-labels-tested-with-gt-0': { differs: call(x34, y43, labels([0]), none), agrees: call(x34, y43, labels([-1]), none) },
  'cosine-functional-checks-reduction': { differs: call(x34, y43, labels([1]), { reduction: 'reduce_mean' }), agrees: layer(x34, y43, labels([1]), { reduction: 'reduce_mean' }) },
  'cosine-layer-margin-unchecked': { differs: layer(x34, y43, labels([-1]), { margin: -2 }), agrees: layer(x34, y43, labels([-1]), { margin: -1 }) },
  'cosine-mean-of-empty-is-0': { differs: call(t([], [0, 2]), t([], [0, 2]), labels([])), agrees: call(t([], [0, 2]), t([], [0, 2]), labels([]), { reduction: 'sum' }) },
  'cosine-mean-grad-times-reciprocal': {
    differs: call(t(new Array<number>(14).fill(1).map((v, i) => v + i), [7, 2]), t(new Array<number>(14).fill(2), [7, 2]), labels(new Array<number>(7).fill(1)), {}, { ...grads, grad_output: t([3], []) }),
    agrees: call(t(new Array<number>(14).fill(1).map((v, i) => v + i), [7, 2]), t(new Array<number>(14).fill(2), [7, 2]), labels(new Array<number>(7).fill(1)), {}, grads),
  },
  'cosine-clip-grad-zero-at-kink': {
    differs: call(x34, y43, labels([-1]), { margin: 0.96, reduction: 'none' }, grads),
    agrees: call(x34, y43, labels([-1]), { margin: 0.5, reduction: 'none' }, grads),
  },
  'cosine-scale-grad-keeps-negative-zero': {
    differs: call(t([0.46, 0.82, -0.2]), t([0.54, 1.04, -0.21]), labels([0]), { margin: 0, reduction: 'none' }, grads),
    agrees: call(t([0.46, 0.82, -0.2]), t([0.54, 1.04, -0.21]), labels([1]), { margin: 0, reduction: 'none' }, grads),
  },
  'cosine-sqrt-of-each-norm': { differs: call(t([1, 1]), t([1, 1]), labels([-1]), none), agrees: call(x34, y43, labels([-1]), none) },
  'cosine-mean-grad-not-divided-by-n': { differs: call(two1, two2, labels([1, 1]), {}, grads), agrees: call(two1, two2, labels([1, 1]), { reduction: 'sum' }, grads) },
  // [1, 0] against [-1, 1]: cos = -1/√2 under label -1. Margin -1 takes the rule's place; the same margin with cos 0.96 does not.
  'cosine-clip-of-clipped-cosine': {
    differs: call(t([1, 0]), t([-1, 1]), labels([-1]), { margin: -1, reduction: 'none' }, grads),
    agrees: call(x34, y43, labels([-1]), { margin: -1, reduction: 'none' }, grads),
  },
  // A float64 label 1 + 4·2^-52 is 1 to Paddle's equal (loss 1 - 0.96), nothing to an exact ==.
  'cosine-labels-compared-exactly': { differs: call(x34, y43, labels([1 + 4 * 2 ** -52], 'float64'), none), agrees: call(x34, y43, labels([1], 'float64'), none) },
  'cosine-sum-of-empty-raises': { differs: call(t([], [0, 2]), t([], [0, 2]), labels([]), { reduction: 'sum' }), agrees: call(t([], [0, 2]), t([], [0, 2]), labels([])) },
};

describe('the catalog', () => {
  it('has a hand-made case for every mutant', () => {
    expect(Object.keys(CASES).sort()).toEqual(COSINE_MUTANTS.map((m) => m.id).sort());
  });

  it('has ids unique across the project', () => {
    const ids = [...HINGE_MUTANTS, ...RANKING_MUTANTS, ...COSINE_MUTANTS].map((m) => m.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('names exactly one alternative for every cosine-* rule, and only rules of this op', () => {
    const named = COSINE_MUTANTS.flatMap((m) => (m.rule ? [m.rule] : [])).sort();
    expect(named).toEqual(Object.keys(cosineEmbeddingLoss.rules).sort());
  });

  it('lists the correct variants, each inside the bound', () => {
    expect(COSINE_MUTANTS.filter((m) => m.expect === 'passes').map((m) => m.id)).toEqual([
      'cosine-row-sums-right-to-left',
      'cosine-full-sums-left-to-right',
      'cosine-margin-not-rounded',
      'cosine-mean-grad-times-reciprocal',
    ]);
  });

  it('lists the plain bugs without a rule', () => {
    expect(COSINE_MUTANTS.filter((m) => !m.rule && m.expect === 'killed').map((m) => m.id)).toEqual([
      'cosine-epsilon-dropped',
      'cosine-sums-over-axis-0',
      'cosine-label-sign-flipped',
      'cosine-margin-added',
      'cosine-margin-ignored',
      'cosine-clip-missing',
      'cosine-grad-missing-norm-term',
      'cosine-sum-and-mean-swapped',
      'cosine-mean-grad-not-divided-by-n',
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
  const handle = (id: string) => mutant(id).handle(CASES[id]!.differs);

  it('epsilon dropped: a zero input1 under label 1 gives NaN (Paddle 1)', () => {
    expect([numbers(reference(CASES['cosine-epsilon-dropped']!.differs).output), numbers(handle('cosine-epsilon-dropped').output)]).toEqual([[1], [NaN]]);
  });

  it('sums over axis 0: columns [3, 1]·[4, 0] and [4, 0]·[3, 1] give cos 12/√160 = 0.9486833, loss 0.0513167 in float32 (Paddle [0.04, 1])', () => {
    // float32 0x3d5231.. : 1 - float32(0.94868326) = 0.05131673812866211.
    expect(numbers(handle('cosine-sums-over-axis-0').output)).toEqual([0.05131673812866211, 0.05131673812866211]);
  });

  it('label sign flipped: cos 0.96 under label 1 gives clip(0.96 - 0) = 0.96 (Paddle 1 - 0.96 = 0.04)', () => {
    expect(numbers(handle('cosine-label-sign-flipped').output)).toEqual([Math.fround(0.96)]);
  });

  it('margin added: cos 0.96, margin 0.5 gives 1.46 (Paddle 0.46)', () => {
    expect(numbers(handle('cosine-margin-added').output)).toEqual([Math.fround(Math.fround(0.96) + 0.5)]);
  });

  it('margin ignored: cos 0.96, margin 0.5 gives 0.96 (Paddle 0.46)', () => {
    expect(numbers(handle('cosine-margin-ignored').output)).toEqual([Math.fround(0.96)]);
  });

  it('clip missing: cos 0.96, margin 1 gives 0.96 - 1 = -0.04 (Paddle 0)', () => {
    expect(numbers(handle('cosine-clip-missing').output)).toEqual([Math.fround(Math.fround(0.96) - 1)]);
  });

  it("grad missing the norm term: input1's gradient is -x2/25 = [-0.16, -0.12] (Paddle -x2/25 + 0.96·x1/25 = [-0.0448, 0.0336])", () => {
    const res = handle('cosine-grad-missing-norm-term');
    expect([numbers(reference(CASES['cosine-grad-missing-norm-term']!.differs).grad?.input1).map((v) => Number(v.toFixed(6))), numbers(res.grad?.input1).map((v) => Number(v.toFixed(6)))]).toEqual([
      [-0.0448, 0.0336],
      [-0.16, -0.12],
    ]);
  });

  it("ops' errors before checks: int32 input2 with a [3, 1] label raises TypeError (Paddle: the label's ValueError)", () => {
    const req = CASES['cosine-ops-errors-before-checks']!.differs;
    expect([reference(req).error?.type, handle('cosine-ops-errors-before-checks').error?.type]).toEqual(['ValueError', 'TypeError']);
  });

  it('0-D inputs refused: T(3.), T(-2.) with labels [1, -1] raise ValueError (Paddle [2, 0])', () => {
    expect([numbers(reference(CASES['cosine-zero-d-inputs-refused']!.differs).output), handle('cosine-zero-d-inputs-refused').error?.type]).toEqual([[2, 0], 'ValueError']);
  });

  it('input2 dtype checked: float16 input2 raises ValueError (Paddle: the square kernel RuntimeError)', () => {
    expect([reference(CASES['cosine-input2-dtype-checked']!.differs).error?.type, handle('cosine-input2-dtype-checked').error?.type]).toEqual(['RuntimeError', 'ValueError']);
  });

  it('label not broadcast: label [1] against 2 rows raises ValueError (Paddle [0.04, 1])', () => {
    expect(handle('cosine-label-not-broadcast').error?.type).toBe('ValueError');
  });

  it('row sums right to left: [1, 2^-12, 2^-12] against [1, 2^-12, -2^-12] under label 1 gives 2^-23 (Paddle, left to right: 2^-24)', () => {
    // Left to right: dot 1 - 2^-24, both squared norms 1, loss 2^-24. Right to left: dot 1, norms 1 + 2^-23, cos 1 - 2^-23.
    const req = CASES['cosine-row-sums-right-to-left']!.differs;
    expect([numbers(reference(req).output), numbers(handle('cosine-row-sums-right-to-left').output)]).toEqual([[2 ** -24], [2 ** -23]]);
  });

  it("torch's epsilon: [1e-6, 0] against itself gives 1 - 1/2 = 0.5 (Paddle 1 - 1/11 = 0.9090909)", () => {
    const ours = numbers(reference(CASES['cosine-torch-epsilon']!.differs).output)[0]!;
    const theirs = numbers(handle('cosine-torch-epsilon').output)[0]!;
    expect([Number(ours.toFixed(5)), Number(theirs.toFixed(2))]).toEqual([0.90909, 0.5]);
  });

  it('IEEE sqrt: the overflowing row in the first packet gives 1 - 0 = 1 (Paddle NaN)', () => {
    const req = CASES['cosine-sqrt-ieee-everywhere']!.differs;
    expect([numbers(reference(req).output)[0], numbers(handle('cosine-sqrt-ieee-everywhere').output)[0]]).toEqual([NaN, 1]);
  });

  it('margin not rounded: cos 1/√17, margin 0.1 gives 0x3e11f4dd, one ulp above Paddle\'s 0x3e11f4dc', () => {
    const req = CASES['cosine-margin-not-rounded']!.differs;
    expect([bits(reference(req).output), bits(handle('cosine-margin-not-rounded').output)]).toEqual([['0x3e11f4dc'], ['0x3e11f4dd']]);
  });

  it('margin None is 0: a result instead of TypeError', () => {
    expect([reference(CASES['cosine-margin-none-is-0']!.differs).error?.type, numbers(handle('cosine-margin-none-is-0').output).length]).toEqual(['TypeError', 1]);
  });

  it("str margin by Python float(): '0.5abc' raises ValueError (Paddle reads 0.5: loss 0.46)", () => {
    expect(handle('cosine-string-margin-by-python-float').error?.type).toBe('ValueError');
  });

  it('clip NaN is 0: a NaN input1 under label -1 gives 0 (Paddle NaN)', () => {
    expect(numbers(handle('cosine-clip-nan-is-0').output)).toEqual([0]);
  });

  it('clip uncapped: margin -inf gives +inf (Paddle FLT_MAX)', () => {
    expect([numbers(reference(CASES['cosine-clip-uncapped']!.differs).output), numbers(handle('cosine-clip-uncapped').output)]).toEqual([[3.4028234663852886e38], [Infinity]]);
  });

  it('labels by sign: label 0 takes the -1 branch, clip(0.96) = 0.96 (Paddle 0)', () => {
    expect(numbers(handle('cosine-labels-tested-with-gt-0').output)).toEqual([Math.fround(0.96)]);
  });

  it("functional checks the reduction: ValueError (Paddle returns None)", () => {
    expect([reference(CASES['cosine-functional-checks-reduction']!.differs).output, handle('cosine-functional-checks-reduction').error?.type]).toEqual([null, 'ValueError']);
  });

  it('layer margin unchecked: margin -2 gives clip(0.96 + 2) = 2.96 (Paddle ValueError)', () => {
    expect(numbers(handle('cosine-layer-margin-unchecked').output)).toEqual([Math.fround(Math.fround(0.96) + 2)]);
  });

  it('mean of empty is 0 (Paddle NaN)', () => {
    expect(numbers(handle('cosine-mean-of-empty-is-0').output)).toEqual([0]);
  });

  it('clip gradient zero at the kink: [3, 4] against [4, 3], margin float32(0.96), label -1: input1 gets ±0 (Paddle 0x3d378034, 0xbd09a026)', () => {
    const req = CASES['cosine-clip-grad-zero-at-kink']!.differs;
    expect([bits(reference(req).grad?.input1), numbers(handle('cosine-clip-grad-zero-at-kink').grad?.input1).map(Math.abs)]).toEqual([['0x3d378034', '0xbd09a026'], [0, 0]]);
  });

  it('sqrt of each norm, inside the bound: [1, 1] against itself under label -1 gives cos = 2 / (float32(√2)·float32(√2)) = 1.0000001 (Paddle: 2 / √4 = 1)', () => {
    expect([numbers(reference(CASES['cosine-sqrt-of-each-norm']!.differs).output), numbers(handle('cosine-sqrt-of-each-norm').output)]).toEqual([[1], [1.0000001192092896]]);
  });

  it("sqrt of each norm, outside it: [2^60, 2^59] against [2^58, 2^60] in float32 under label 1 gives 1 - 0.6508 (Paddle: m1·m2 overflows, cos 0, loss 1)", () => {
    const req = call(t([2 ** 60, 2 ** 59]), t([2 ** 58, 2 ** 60]), labels([1]), none);
    const [ours, theirs] = [numbers(reference(req).output)[0]!, numbers(mutant('cosine-sqrt-of-each-norm').handle(req).output)[0]!];
    expect([ours, Number(theirs.toFixed(4))]).toEqual([1, 0.3492]);
  });

  it('sqrt of each norm, outside it: the same rows under label -1 with margin 0.25 give 0.6508 - 0.25 = 0.4008 (Paddle 0)', () => {
    const req = call(t([2 ** 60, 2 ** 59]), t([2 ** 58, 2 ** 60]), labels([-1]), { margin: 0.25, reduction: 'none' });
    const [ours, theirs] = [numbers(reference(req).output)[0]!, numbers(mutant('cosine-sqrt-of-each-norm').handle(req).output)[0]!];
    expect([ours, Number(theirs.toFixed(4))]).toEqual([0, 0.4008]);
  });

  it('mean gradient not divided by N: two rows under mean get the gradient of the sum, twice Paddle\'s', () => {
    const req = CASES['cosine-mean-grad-not-divided-by-n']!.differs;
    const sum = call(two1, two2, labels([1, 1]), { reduction: 'sum' }, grads);
    expect(bits(handle('cosine-mean-grad-not-divided-by-n').grad?.input1)).toEqual(bits(reference(sum).grad?.input1));
    expect(numbers(handle('cosine-mean-grad-not-divided-by-n').grad?.input1)).toEqual(numbers(reference(req).grad?.input1).map((v) => 2 * v));
  });

  it('clip of the clipped cosine: cos -0.7071 with margin -1 under label -1 gives 1 and zero gradients (Paddle 0x3e95f61a, input1 [0, 0x3f3504f3])', () => {
    const req = CASES['cosine-clip-of-clipped-cosine']!.differs;
    const res = handle('cosine-clip-of-clipped-cosine');
    expect([bits(reference(req).output), bits(reference(req).grad?.input1)]).toEqual([['0x3e95f61a'], ['0x00000000', '0x3f3504f3']]);
    expect([numbers(res.output), numbers(res.grad?.input1).map(Math.abs), numbers(res.grad?.input2).map(Math.abs)]).toEqual([[1], [0, 0], [0, 0]]);
  });

  it('clip of the clipped cosine: the mean of that row and a row of cos 0.96 under label 1 is (1 + 0.04) / 2 (Paddle (0.29289323 + 0.04) / 2)', () => {
    const req = call(t([1, 0, 3, 4], [2, 2]), t([-1, 1, 4, 3], [2, 2]), labels([-1, 1]), { margin: -1 });
    expect(numbers(mutant('cosine-clip-of-clipped-cosine').handle(req).output)).toEqual([Math.fround(Math.fround(1 + Math.fround(1 - Math.fround(0.96))) / 2)]);
  });

  it('scale gradient keeps -0: label 0 gives [+0, +0, +0] for input1 where Paddle gives [0, 0, -0]', () => {
    const req = CASES['cosine-scale-grad-keeps-negative-zero']!.differs;
    expect([bits(reference(req).grad?.input1), bits(handle('cosine-scale-grad-keeps-negative-zero').grad?.input1)]).toEqual([
      ['0x00000000', '0x00000000', '0x80000000'],
      ['0x00000000', '0x00000000', '0x00000000'],
    ]);
  });
});

describe('every mutant answers every kind of request', () => {
  const requests: PortRequest[] = [
    call(t([1, 2, 3, 4], [2, 2]), t([1, 2, 3, 4], [2, 2], 'int64'), labels([1, -1])),
    call(t([1, 2], [2]), t([1, 2], [2]), labels([1, -1, 1]), { margin: { str: 'abc' }, reduction: 'none' }, grads),
    call(t([], [0, 3]), t([], [0, 3]), labels([]), { reduction: 'sum' }, grads),
    layer(t([1, 2]), t([2, 1]), labels([1]), { margin: null }),
    call(t([1, 2]), t([2, 1]), labels([1]), { reduction: 'max' }),
  ];
  it.each(COSINE_MUTANTS.map((m) => [m.id, m] as const))('%s', (_id, m) => {
    for (const r of requests) expect(() => m.handle(r)).not.toThrow();
  });
});
