/**
 * soft_margin_loss's mutants checked without goldens: each on a hand-made
 * request where its fault must show (a literal, or a difference from the
 * reference's answer) and on a control request where it must give the
 * reference's answer bit for bit. Paddle's values in the comments come from
 * reference/soft_margin_loss_rules.test.ts (Paddle 3.3.1).
 */
import { describe, expect, it } from 'vitest';
// The registry first: the descriptor's explainer reaches it through compare.ts, and loading it from here would meet the descriptor half-initialised.
import '../index.js';
import type { KwargJson, ResponseJson } from '../../case.js';
import type { PortRequest } from '../../port.js';
import { decodeTensor, encodeTensor, fromValues, hexBitsAt, stringifyExact, valuesOf, type TensorJson, type WireDType } from '../../wire.js';
import { softMarginLoss } from './descriptor.js';
import { softMarginMutants } from './mutants.js';

const SOFT_MARGIN_MUTANTS = softMarginMutants(softMarginLoss);

/** A tensor JSON from values (rounded to the dtype); shape defaults to 1-D. */
function t(values: number[], shape: number[] = [values.length], dtype: WireDType = 'float32'): TensorJson {
  return encodeTensor(fromValues(dtype, shape, values));
}

/** A functional request. */
function call(input: TensorJson, label: TensorJson, kwargs: Record<string, KwargJson> = {}, extra: Partial<PortRequest> = {}): PortRequest {
  return { id: 'case', api: softMarginLoss.functional, inputs: { input, label }, kwargs, ...extra };
}

/** A layer request. */
function layer(input: TensorJson, label: TensorJson, init: Record<string, KwargJson>): PortRequest {
  return { id: 'case', api: softMarginLoss.layer!, inputs: { input, label }, init };
}

const reference = (r: PortRequest): ResponseJson => softMarginLoss.reference(r);
const mutant = (id: string) => {
  const m = SOFT_MARGIN_MUTANTS.find((v) => v.id === id);
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
const grad = { grad: ['input'] };
const f16 = (v: number[]) => t(v, [v.length], 'float16');
const f64 = (v: number[]) => t(v, [v.length], 'float64');
const i32 = (v: number[]) => t(v, [v.length], 'int32');
const fill = (n: number, v: number): number[] => new Array<number>(n).fill(v);

/** Per mutant: a request where it must differ from the reference, and a control where it must agree. */
const CASES: Record<string, { differs: PortRequest; agrees: PortRequest }> = {
  'soft-margin-log1p': { differs: call(t([20]), t([1]), none), agrees: call(t([0]), t([1]), none) },
  'soft-margin-softplus-stable': { differs: call(t([100]), t([-1]), none, grad), agrees: call(t([0]), t([1]), none, grad) },
  'soft-margin-label-sign-flipped': { differs: call(t([0.5]), t([1]), none), agrees: call(t([0.5]), t([0]), none) },
  'soft-margin-grad-without-reciprocal': { differs: call(t([0]), t([1]), none, grad), agrees: call(t([0]), t([1]), none) },
  'soft-margin-sum-and-mean-swapped': { differs: call(t([0, 0]), t([1, 1]), { reduction: 'sum' }), agrees: call(t([0, 0]), t([1, 1]), none) },
  'soft-margin-mean-grad-not-divided-by-n': { differs: call(t([0, 0]), t([1, 1]), {}, grad), agrees: call(t([0, 0]), t([1, 1]), { reduction: 'sum' }, grad) },
  'soft-margin-reduction-checked-last': { differs: call(f16([1, 2]), f16([1, 1]), { reduction: 'bad' }), agrees: call(t([1, 2]), t([1, 1]), { reduction: 'bad' }) },
  'soft-margin-operands-checked-before-shapes': { differs: call(f16([1, 2]), f16([1]), none), agrees: call(t([1, 2]), t([1]), none) },
  'soft-margin-operands-broadcast': { differs: call(t([0, 0.5, 20]), t([1]), none), agrees: call(t([1, 2, 3]), t([1, 1]), none) },
  'soft-margin-label-not-cast': { differs: call(t([20]), f64([1]), none), agrees: call(t([0]), f64([1]), none) },
  'soft-margin-own-dtype-check': { differs: call(i32([1, 2]), t([1, 1]), none), agrees: call(t([1, 2]), t([1, 1]), none) },
  'soft-margin-neg-is-negation': { differs: call(t([0.5]), t([0]), none, grad), agrees: call(t([0.5]), t([-0]), none, grad) },
  'soft-margin-overflow-stable': { differs: call(t([100]), t([-1]), none, grad), agrees: call(t([0.5]), t([1]), none, grad) },
  'soft-margin-small-loss-kept': { differs: call(t([20]), t([1]), none), agrees: call(t([0.5]), t([1]), none) },
  'soft-margin-exp-libm-everywhere': { differs: call(t(fill(9, 100)), t(fill(9, 1)), { reduction: 'sum' }, grad), agrees: call(t(fill(7, 100)), t(fill(7, 1)), { reduction: 'sum' }, grad) },
  'soft-margin-grad-sigmoid-form': { differs: call(t([100]), t([1]), none, grad), agrees: call(t([100]), t([1]), none) },
  'soft-margin-mean-grad-times-reciprocal': {
    differs: call(t(fill(7, 0)), t(fill(7, 1)), {}, { ...grad, grad_output: t([3], []) }),
    agrees: call(t(fill(7, 0)), t(fill(7, 1)), {}, grad),
  },
  'soft-margin-mean-of-empty-is-0': { differs: call(t([]), t([])), agrees: call(t([]), t([]), { reduction: 'sum' }) },
  'soft-margin-sum-of-empty-raises': { differs: call(t([]), t([]), { reduction: 'sum' }), agrees: call(t([]), t([])) },
  'soft-margin-legacy-arguments-ignored': { differs: layer(t([0]), t([1]), { size_average: true }), agrees: layer(t([0]), t([1]), { reduction: 'sum' }) },
  'soft-margin-label-cast-rounds': { differs: call(i32([1, 2]), t([0.7, -1.5]), none), agrees: call(i32([1, 2]), t([1, -2]), none) },
  'soft-margin-scale-grad-keeps-negative-zero': {
    differs: call(t([0.5, -0.5]), t([1, 1]), none, { ...grad, grad_output: t([-0, -0]) }),
    agrees: call(t([0.5]), t([1]), none, { ...grad, grad_output: t([0]) }),
  },
  'soft-margin-float16-computed': { differs: call(f16([1, 2]), f16([1, 1]), none), agrees: call(t([1, 2]), t([1, 1]), none) },
  'soft-margin-bfloat16-and-bool-computed': { differs: call(t([1, 2], [2], 'bfloat16'), t([1, 1], [2], 'bfloat16'), none), agrees: call(t([1, 2]), t([1, 1]), none) },
  'soft-margin-grad-skips-zero-upstream': { differs: call(t([0.5]), t([Infinity]), none, grad), agrees: call(t([0.5]), t([1]), none, grad) },
  'soft-margin-integer-grad-kept-float': { differs: call(i32([1, 2]), t([1, 1]), none, grad), agrees: call(i32([1, 2]), t([1, 1]), none) },
};

describe('the catalog', () => {
  it('has one case here per mutant', () => {
    expect(Object.keys(CASES).sort()).toEqual(SOFT_MARGIN_MUTANTS.map((m) => m.id).sort());
  });

  it("names every rule of the op's table exactly once", () => {
    const rules = Object.keys(softMarginLoss.rules).sort();
    expect(SOFT_MARGIN_MUTANTS.flatMap((m) => (m.rule ? [m.rule] : [])).sort()).toEqual(rules);
  });

  it('lists the plain bugs without a rule', () => {
    expect(SOFT_MARGIN_MUTANTS.filter((m) => !m.rule).map((m) => m.id)).toEqual([
      'soft-margin-log1p',
      'soft-margin-softplus-stable',
      'soft-margin-label-sign-flipped',
      'soft-margin-grad-without-reciprocal',
      'soft-margin-sum-and-mean-swapped',
      'soft-margin-mean-grad-not-divided-by-n',
      'soft-margin-own-dtype-check',
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
  it('mean gradient not divided by N: input [0, 0], label 1 gives -1/2 each, the sum\'s gradient (Paddle -1/4)', () => {
    const req = CASES['soft-margin-mean-grad-not-divided-by-n']!.differs;
    expect([numbers(reference(req).grad?.input), numbers(mutant('soft-margin-mean-grad-not-divided-by-n').handle(req).grad?.input)]).toEqual([[-0.25, -0.25], [-0.5, -0.5]]);
  });

  it('log1p: input 20, label 1 gives log1p(e^-20) = 2.0611537e-9 (0x310da433); Paddle 0', () => {
    expect(bits(mutant('soft-margin-log1p').handle(CASES['soft-margin-log1p']!.differs).output)).toEqual(['0x310da433']);
  });

  it('stable softplus: input [100, 20], label [-1, 1] gives [100, 2.06e-9] and the gradient [1, -2.06e-9]; Paddle [inf, 0] and [NaN, -2.06e-9]', () => {
    const res = mutant('soft-margin-softplus-stable').handle(call(t([100, 20]), t([-1, 1]), none, grad));
    expect([bits(res.output), bits(res.grad?.input)]).toEqual([
      ['0x42c80000', '0x310da433'],
      ['0x3f800000', '0xb10da433'],
    ]);
  });

  it('label sign flipped: input 0.5, label 1 gives log(1 + e^0.5) = 0.974077 (0x3f795d1c); Paddle 0.474077', () => {
    expect(bits(mutant('soft-margin-label-sign-flipped').handle(CASES['soft-margin-label-sign-flipped']!.differs).output)).toEqual(['0x3f795d1c']);
  });

  it('gradient without 1/(1 + e): input 0, label 1 gives -1; Paddle -0.5', () => {
    expect(numbers(mutant('soft-margin-grad-without-reciprocal').handle(CASES['soft-margin-grad-without-reciprocal']!.differs).grad?.input)).toEqual([-1]);
  });

  it("sum and mean swapped: 'sum' of two log 2 gives log 2 (0x3f317218); Paddle 2 log 2", () => {
    expect(bits(mutant('soft-margin-sum-and-mean-swapped').handle(CASES['soft-margin-sum-and-mean-swapped']!.differs).output)).toEqual(['0x3f317218']);
  });

  it("reduction checked last: 'bad' with float16 operands raises multiply's RuntimeError; Paddle the reduction's ValueError", () => {
    const req = CASES['soft-margin-reduction-checked-last']!.differs;
    expect([reference(req).error?.type, mutant('soft-margin-reduction-checked-last').handle(req).error?.type]).toEqual(['ValueError', 'RuntimeError']);
  });

  it('operands before shapes: float16 [2] against [1] raises RuntimeError; Paddle the shape ValueError', () => {
    const req = CASES['soft-margin-operands-checked-before-shapes']!.differs;
    expect([reference(req).error?.type, mutant('soft-margin-operands-checked-before-shapes').handle(req).error?.type]).toEqual(['ValueError', 'RuntimeError']);
  });

  it('broadcast: input [0, 0.5, 20] against label [1] gives [log 2, 0.474077, 0]; Paddle ValueError', () => {
    expect(bits(mutant('soft-margin-operands-broadcast').handle(CASES['soft-margin-operands-broadcast']!.differs).output)).toEqual(['0x3f317218', '0x3ef2ba38', '0x00000000']);
  });

  it('broadcast: a [1] input against a [3] label sums its gradient back: 3 × -0.5 at input 0', () => {
    const res = mutant('soft-margin-operands-broadcast').handle(call(t([0]), t([1, 1, 1]), { reduction: 'sum' }, grad));
    expect([res.grad?.input?.shape, numbers(res.grad?.input)]).toEqual([[1], [-1.5]]);
  });

  it('label not cast: float32 [20, 100] with a float64 label [1, -1] gives [2.06e-9, 100]; Paddle [0, inf]', () => {
    const out = mutant('soft-margin-label-not-cast').handle(call(t([20, 100]), f64([1, -1]), none)).output;
    expect([out?.dtype, bits(out)]).toEqual(['float32', ['0x310da433', '0x42c80000']]);
  });

  it('own dtype check: an int32 input raises TypeError; Paddle computes in float32', () => {
    expect(mutant('soft-margin-own-dtype-check').handle(CASES['soft-margin-own-dtype-check']!.differs).error?.type).toBe('TypeError');
  });

  it('neg as negation: label +0 at input 0.5 gives the gradient -0 (0x80000000); Paddle +0', () => {
    expect(bits(mutant('soft-margin-neg-is-negation').handle(CASES['soft-margin-neg-is-negation']!.differs).grad?.input)).toEqual(['0x80000000']);
  });

  it('label cast by rounding: int32 input [1, 2] with label [0.7, -1.5] answers as labels [1, -2]; Paddle truncates to [0, -1]', () => {
    const rounded = reference(CASES['soft-margin-label-cast-rounds']!.agrees);
    expect(exact(mutant('soft-margin-label-cast-rounds').handle(CASES['soft-margin-label-cast-rounds']!.differs))).toBe(exact(rounded));
  });

  it("scale's backward without + 0: upstream [-0, -0] at input [0.5, -0.5], label 1 gives [+0, +0]; Paddle [-0, -0]", () => {
    const res = mutant('soft-margin-scale-grad-keeps-negative-zero').handle(CASES['soft-margin-scale-grad-keeps-negative-zero']!.differs);
    expect([bits(reference(CASES['soft-margin-scale-grad-keeps-negative-zero']!.differs).grad?.input), bits(res.grad?.input)]).toEqual([
      ['0x80000000', '0x80000000'],
      ['0x00000000', '0x00000000'],
    ]);
  });

  it('float16, bfloat16 and bool computed: a loss where Paddle raises RuntimeError', () => {
    expect(mutant('soft-margin-float16-computed').handle(CASES['soft-margin-float16-computed']!.differs).output?.dtype).toBe('float16');
    expect(mutant('soft-margin-bfloat16-and-bool-computed').handle(CASES['soft-margin-bfloat16-and-bool-computed']!.differs).output?.dtype).toBe('bfloat16');
  });

  it("integer gradient kept in float32: int32 input's gradient is float32; Paddle casts it to int32", () => {
    expect(mutant('soft-margin-integer-grad-kept-float').handle(CASES['soft-margin-integer-grad-kept-float']!.differs).grad?.input?.dtype).toBe('float32');
  });

  it('overflow handled: input 100, label -1 gives 100 and the gradient 1; Paddle inf and NaN', () => {
    const res = mutant('soft-margin-overflow-stable').handle(CASES['soft-margin-overflow-stable']!.differs);
    expect([numbers(res.output), numbers(res.grad?.input)]).toEqual([[100], [1]]);
  });

  it('small loss kept: input 20, label 1 gives 2.0611537e-9; Paddle 0', () => {
    expect(bits(mutant('soft-margin-small-loss-kept').handle(CASES['soft-margin-small-loss-kept']!.differs).output)).toEqual(['0x310da433']);
  });

  it("exp by the C library: nine inputs 100, label 1 give the gradient -3.78e-44 (0x8000001b) everywhere; Paddle's packet gives -2.938e-39 (0x801ffeb0) to the first eight", () => {
    expect(new Set(bits(mutant('soft-margin-exp-libm-everywhere').handle(CASES['soft-margin-exp-libm-everywhere']!.differs).grad?.input))).toEqual(new Set(['0x8000001b']));
  });

  it('sigmoid form: input [100, -100], label 1 gives the gradient [-0, -1]; Paddle [-3.78e-44, NaN]', () => {
    const res = mutant('soft-margin-grad-sigmoid-form').handle(call(t([100, -100]), t([1, 1]), none, grad));
    expect(bits(res.grad?.input)).toEqual(['0x80000000', '0xbf800000']);
  });

  it('mean gradient times the reciprocal: upstream 3 over 7 at input 0 gives 0xbe5b6db8; Paddle fl(3/7)/2 = 0xbe5b6db7', () => {
    expect(new Set(bits(mutant('soft-margin-mean-grad-times-reciprocal').handle(CASES['soft-margin-mean-grad-times-reciprocal']!.differs).grad?.input))).toEqual(new Set(['0xbe5b6db8']));
  });

  it('mean of empty is 0 (Paddle NaN)', () => {
    expect(bits(mutant('soft-margin-mean-of-empty-is-0').handle(CASES['soft-margin-mean-of-empty-is-0']!.differs).output)).toEqual(['0x00000000']);
  });

  it('sum of empty raises RuntimeError (Paddle 0)', () => {
    expect(mutant('soft-margin-sum-of-empty-raises').handle(CASES['soft-margin-sum-of-empty-raises']!.differs).error?.type).toBe('RuntimeError');
  });

  it("legacy arguments ignored: SoftMarginLoss(size_average=True) at input 0 gives log 2; Paddle the [Deprecated] ValueError", () => {
    expect(bits(mutant('soft-margin-legacy-arguments-ignored').handle(CASES['soft-margin-legacy-arguments-ignored']!.differs).output)).toEqual(['0x3f317218']);
  });
});

/** Requests of every kind a plan may send: errors, odd dtypes, empty, 0-D, the layer, specials. */
const ODD_REQUESTS: Record<string, PortRequest> = {
  'bad reduction': call(t([1]), t([1]), { reduction: 'x' }),
  'reduction None with bfloat16': call(t([1], [1], 'bfloat16'), t([1]), { reduction: null }),
  'float16 everywhere': call(f16([1, 2]), f16([1, -1]), none, grad),
  'bool input': call(t([1, 0], [2], 'bool'), t([1, 1]), none, grad),
  'int32 input with a fractional label': call(i32([1, 2]), t([0.7, -1.5]), none, grad),
  'int64 label': call(t([1, 2]), t([1, -1], [2], 'int64'), { reduction: 'sum' }, grad),
  'bool label': call(t([1, 2]), t([1, 0], [2], 'bool'), none),
  'shape mismatch, not broadcastable': call(t([1, 2, 3]), t([1, 2]), none, grad),
  'shape mismatch, 0-D label': call(t([1]), t([1], []), none),
  'empty [2, 0] with mean and a gradient': call(t([], [2, 0]), t([], [2, 0]), {}, grad),
  '0-D with grad_output': call(t([0.5], []), t([1], []), none, { ...grad, grad_output: t([-2], []) }),
  'NaN and infinities': call(t([NaN, Infinity, -Infinity, 0]), t([1, -1, 1, Infinity]), { reduction: 'mean' }, grad),
  'float64 overflow in packets': call(f64(fill(9, -1000)), f64(fill(9, 1)), { reduction: 'sum' }, grad),
  layer: layer(t([1, 2]), t([1, -1]), { reduction: 'sum' }),
  'layer with a bad reduction': layer(f16([1]), f16([1]), { reduction: 'MEAN' }),
  'layer with reduce=False': layer(t([1]), t([1]), { reduce: false }),
};

describe('every mutant answers every kind of request without throwing', () => {
  const rows = SOFT_MARGIN_MUTANTS.flatMap((m) => Object.entries(ODD_REQUESTS).map(([name, r]) => [m.id, name, r] as const));
  it.each(rows)('%s: %s', (id, _name, request) => {
    const res = mutant(id).handle(request);
    expect(res.id).toBe('case');
    expect(['output' in res, 'error' in res, 'skip' in res].filter(Boolean)).toHaveLength(1);
  });
});
