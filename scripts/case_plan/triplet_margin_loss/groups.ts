/**
 * triplet_margin_loss's groups: the page's example through both forms, the reductions, p, swap and
 * margin on random rows (away from the clip's kink and from ties, where no bound holds), then what
 * the page does not say: the checks' order, the dtypes the kernels refuse, the zero norm's NaN
 * gradient, p = ±inf with NaN and ties, the swap's tie, the clip's kink and empty batches.
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { TensorJson, WireDType } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';
import { CLAUSE_SEPARATOR } from '../clauses.js';
import { ParamSet } from '../params.js';
import type { Groups } from '../plan.js';
import { DEFAULT, floatKwarg, opRequest, plannedCase } from '../planned_case.js';
import { tensor } from '../tensor.js';
import { upstreamValues } from '../values.js';
import { CLAUSES } from './clauses.js';

const FAMILY = 'triplet_margin_loss';
const GRAD = ['input', 'positive', 'negative'];
const quote = (...c: (keyof typeof CLAUSES)[]): string => c.map((k) => CLAUSES[k]).join(CLAUSE_SEPARATOR);
export type Triplet = { input: TensorJson; positive: TensorJson; negative: TensorJson };

/** Random rows in (−2, 2), the negative farther than the positive by a seed-chosen amount, so no row sits at the kink. */
export function triplet(seed: string, dtype: WireDType, shape: number[]): Triplet {
  const rng = new Prng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const round = dtype === 'float32' ? Math.fround : (v: number): number => v;
  const draw = (): number[] => Array.from({ length: n }, () => round(rng.uniform(-2, 2)));
  return { input: tensor(dtype, shape, draw()), positive: tensor(dtype, shape, draw()), negative: tensor(dtype, shape, draw()) };
}

const call = (t: Triplet, args: Record<string, KwargJson | typeof DEFAULT>, opts: { form?: 'functional' | 'layer'; grad?: boolean } = {}) =>
  opRequest(FAMILY, { form: opts.form, tensors: t, args, grad: opts.grad ? GRAD : undefined });

const DOC: Triplet = {
  input: tensor('float32', [3, 3], [1, 5, 3, 0, 3, 2, 1, 4, 1]),
  positive: tensor('float32', [3, 3], [5, 1, 2, 3, 2, 1, 3, -1, 1]),
  negative: tensor('float32', [3, 3], [2, 1, -3, 1, 1, -1, 4, -2, 1]),
};

/** The page's example through both forms and every reduction, with the gradients. */
function docExampleCases(): PlannedCase[] {
  const rows = ParamSet.control({ form: 'functional' as 'functional' | 'layer' }).vary('form', ['layer']).combine('reduction', [DEFAULT, 'none', 'mean', 'sum'] as const);
  return [...rows].map((p) => plannedCase({
    family: FAMILY, group: 'doc_example', params: p,
    request: call(DOC, { reduction: p.reduction }, { form: p.form, grad: true }),
    description: `the page's example through the ${p.form} form, reduction ${p.reduction}`,
    clause: quote('example', p.form, p.reduction === DEFAULT ? 'reduction' : p.reduction), tags: ['doc'],
  }));
}

/** Float32 and float64 rows through every reduction, p, swap and margin, one axis at a time. */
function optionCases(): PlannedCase[] {
  const rows = ParamSet.control({ dtype: 'float32' as 'float32' | 'float64', shape: '4x5', reduction: 'none', p: 2 as number, swap: false as boolean, margin: 1 as number })
    .vary('dtype', ['float64']).vary('shape', ['2x3x4', '6']).vary('reduction', ['sum', 'mean']).vary('p', [1, 3, 1.5, Infinity]).vary('swap', [true]).vary('margin', [0, 0.5, 2]);
  return [...rows].map((p) => {
    const shape = p.shape.split('x').map(Number);
    const args = { reduction: p.reduction, p: floatKwarg(p.p), swap: p.swap, margin: p.margin };
    const request = call(triplet(`options/${Object.values(p).join(',')}`, p.dtype, shape), args, { grad: p.reduction !== 'mean' });
    const description = `${p.dtype} [${shape.join(', ')}], reduction '${p.reduction}', p ${p.p}, swap ${p.swap}, margin ${p.margin}${p.reduction !== 'mean' ? ', with the gradients' : ''}`;
    if (p.reduction === 'mean') return plannedCase({ family: FAMILY, group: 'options', params: p, request, description: `${description}; the mean's gradient`, rules: ['mean-grad-divides-by-count'] });
    if (shape.length !== 2) return plannedCase({ family: FAMILY, group: 'options', params: p, request, description: `${description}: the norm along the last axis`, rules: ['triplet-distance-along-last-axis'] });
    return plannedCase({ family: FAMILY, group: 'options', params: p, request, description, clause: quote('formula', 'input', 'p', 'swap', 'margin', p.reduction as 'none' | 'sum') });
  });
}

/**
 * The page's mean: its gradient g / N over N = 1, 2 and 4 rows (exact), and a large case of 1031 rows
 * whose norms go through Eigen's pow (within the bound, one ulp off the reference's at times).
 */
export function meanAndLargeCases(family: string, quoteMean: string): PlannedCase[] {
  const grad = ['input', 'positive', 'negative'];
  const means = [1, 2, 4].map((n) => plannedCase({
    family, group: 'mean_grad', params: { rows: n },
    request: opRequest(family, { tensors: triplet(`${family}/mean/${n}`, 'float32', [n, 3]), args: { reduction: 'mean' }, grad }),
    description: `float32 [${n}, 3], reduction 'mean': the gradients, g / ${n} exact`, clause: quoteMean,
  }));
  const large = plannedCase({
    family, group: 'large', params: { rows: 1031 },
    request: opRequest(family, { tensors: triplet(`${family}/large`, 'float64', [1031, 2]), args: { reduction: 'none' }, grad }),
    description: "float64 [1031, 2], reduction 'none', with the gradients: 1031 norms through Eigen's pow", rules: ['p-norm-pow-in-packets'],
  });
  return [...means, large];
}

/** The page's clauses the standard groups quote, by role. */
export type TripletClauses = Record<'formula' | 'input' | 'none' | 'mean' | 'sum', string>;

/**
 * The standard plan's kinds of case for a triplet loss: every reduction and bad ones through both forms, shapes of
 * other ranks (the norm along the last axis) and shapes refused, the gradients under an upstream gradient, and
 * NaN and infinite elements (`nanRules`: what a NaN distance rests on).
 */
export function standardTripletGroups(family: string, clauses: TripletClauses, nanRules: string[]): Groups {
  const quoteOf = (...c: (keyof TripletClauses)[]): string => c.map((k) => clauses[k]).join(CLAUSE_SEPARATOR);
  const req = (t: Triplet, args: Record<string, KwargJson>, grad = false, form?: 'layer', gradOutput?: TensorJson) => opRequest(family, { form, tensors: t, args, grad: grad ? GRAD : undefined, gradOutput });
  const shaped = (shape: string, dtype: WireDType = 'float32'): Triplet => triplet(`${family}/${shape},${dtype}`, dtype, shape === 'scalar' ? [] : shape.split('x').map(Number));
  const reductions = (): PlannedCase[] => {
    const valid = ParamSet.of({ dtype: 'float32' as 'float32' | 'float64' }, { dtype: 'float64' }).combine('reduction', ['none', 'mean', 'sum'] as const);
    const bad = ParamSet.of({ reduction: 'MEAN' as string | null }, { reduction: 'avg' }, { reduction: '' }, { reduction: null }).combine('form', ['functional', 'layer'] as const);
    return [
      ...[...valid].map((p) => plannedCase({ family, group: 'reductions', params: p, request: req(shaped('3x4', p.dtype as WireDType), { reduction: p.reduction }), description: `${p.dtype} [3, 4], reduction '${p.reduction}'`, clause: quoteOf('formula', 'input', p.reduction) })),
      ...[...bad].map((p) => plannedCase({ family, group: 'reductions', params: p, request: req(shaped('2x3'), { reduction: p.reduction }, false, p.form === 'layer' ? 'layer' : undefined), description: `reduction ${JSON.stringify(p.reduction)} through the ${p.form} form: ValueError`, rules: ['triplet-checks-in-source-order'], tags: ['error'] })),
    ];
  };
  const shapes = (): PlannedCase[] => {
    const ranks = ParamSet.of({ shape: '5', reduction: 'none' }, { shape: '5', reduction: 'sum' }, { shape: 'scalar', reduction: 'none' }, { shape: '2x3x4', reduction: 'none' }, { shape: '2x2x2x3', reduction: 'mean' });
    const refused = ParamSet.of({ positive: '3', negative: '2x3' }, { positive: '1x3', negative: '2x3' }, { positive: '2x3', negative: '2x1' }, { positive: '2x3', negative: '3x2' });
    return [
      ...[...ranks].map((p) => plannedCase({ family, group: 'shapes', params: p, request: req(shaped(p.shape), { reduction: p.reduction }, p.shape !== 'scalar'), description: `float32 operands of shape [${p.shape === 'scalar' ? '' : p.shape.split('x').join(', ')}], reduction '${p.reduction}': the norm along the last axis`, rules: ['triplet-distance-along-last-axis'] })),
      ...[...refused].map((p) => plannedCase({ family, group: 'shapes', params: p, request: req({ input: shaped('2x3').input, positive: shaped(p.positive).positive, negative: shaped(p.negative).negative }, {}), description: `input [2, 3], positive [${p.positive}], negative [${p.negative}]: ValueError, though some would broadcast`, rules: ['triplet-checks-in-source-order'], tags: ['error'] })),
    ];
  };
  const gradients = (): PlannedCase[] => [...ParamSet.of({ dtype: 'float32' as 'float32' | 'float64' }, { dtype: 'float64' }).combine('reduction', ['none', 'sum', 'mean'] as const)].map((p) => {
    const dtype = p.dtype as 'float32' | 'float64';
    const rng = new Prng(`${family}/gradients/${dtype},${p.reduction}`);
    // For mean, g / 3 and g · (1 / 3) round apart (float32 7/997, float64 19/997).
    const gradOutput = tensor(dtype, p.reduction === 'none' ? [3] : [], p.reduction === 'none' ? upstreamValues(rng, 3) : [p.reduction === 'mean' ? (dtype === 'float32' ? Math.fround(7 / 997) : 19 / 997) : 1.25]);
    const description = `the three gradients, ${p.dtype} [3, 4], reduction '${p.reduction}', with an upstream gradient`;
    const request = req(shaped('3x4', dtype), { reduction: p.reduction }, true, undefined, gradOutput);
    if (p.reduction === 'mean') return plannedCase({ family, group: 'gradients', params: p, request, description, rules: ['mean-grad-divides-by-count'], tags: ['grad'] });
    return plannedCase({ family, group: 'gradients', params: p, request, description, clause: quoteOf('formula', 'input', p.reduction), tags: ['grad'] });
  });
  const specialValues = (): PlannedCase[] => {
    const f32 = (v: number[]): TensorJson => tensor('float32', [2, 3], v);
    const [x, y, z] = [[1, 2, 3, 0, 1, 2], [1, 2, 2, 1, 1, 1], [0, 0, 0, 3, 3, 3]];
    const specs = [
      { id: 'nan_input', t: { input: f32([NaN, 2, 3, 0, 1, 2]), positive: f32(y), negative: f32(z) }, rules: nanRules, what: 'a NaN input element: both of its row\'s distances NaN' },
      { id: 'inf_positive', t: { input: f32(x), positive: f32([1, Infinity, 2, 1, 1, 1]), negative: f32(z) }, rules: ['clip-caps-at-dtype-max'], what: "an inf positive element: d⁺ = inf, the row's loss clip's FLT_MAX" },
      { id: 'inf_negative', t: { input: f32(x), positive: f32(y), negative: f32([0, -Infinity, 0, 3, 3, 3]) }, clause: quoteOf('formula', 'none'), what: "a −inf negative element: d⁻ = inf, the row's loss 0" },
      { id: 'inf_both', t: { input: f32(x), positive: f32([1, Infinity, 2, 1, 1, 1]), negative: f32([0, -Infinity, 0, 3, 3, 3]) }, rules: ['clip-keeps-nan'], what: "inf in positive and negative: inf − inf, the row's loss NaN" },
    ];
    return specs.map((c) => plannedCase({ family, group: 'special_values', params: { case: c.id }, request: req(c.t, { reduction: 'none' }), description: c.what, ...('clause' in c ? { clause: c.clause } : { rules: c.rules }) }));
  };
  return { reductions, shapes, gradients, special_values: specialValues };
}

/**
 * The norm's powers past the dtype's range: a float32 row of 1e20 (its square inf: the loss clip's FLT_MAX, the
 * gradients 0) and a float64 one of 1e200, and with epsilon 0 float32 rows whose squares are subnormal or flush to 0.
 */
export function overflowCases(family: string, underflow: boolean): PlannedCase[] {
  const row = (dtype: WireDType, v: number[]): TensorJson => tensor(dtype, [1, 2], dtype === 'float32' ? v.map(Math.fround) : v);
  const t = (dtype: WireDType, x: number[], y: number[], z: number[]): Triplet => ({ input: row(dtype, x), positive: row(dtype, y), negative: row(dtype, z) });
  const specs = [
    { id: 'float32_1e20', t: t('float32', [1e20, 0], [0, 0], [1e20, 1]), args: { reduction: 'sum' }, grad: true, rules: ['clip-caps-at-dtype-max'], what: "float32 [1e20, 0] against [0, 0]: the norm is inf, the loss FLT_MAX, every gradient 0" },
    { id: 'float64_1e200', t: t('float64', [1e200, 0], [0, 0], [1e200, 1]), args: { reduction: 'none' }, rules: ['clip-caps-at-dtype-max'], what: 'float64 [1e200, 0] against [0, 0]: the norm is inf, the loss DBL_MAX (FLT_MAX before Paddle 3.1.1)' },
    ...(underflow ? [
      { id: 'float32_1e-30', t: t('float32', [1e-30, 0], [0, 0], [1e-30, 0]), args: { reduction: 'none', epsilon: 0, margin: 0 }, rules: [], what: 'float32 [1e-30, 0] against [0, 0], epsilon 0, margin 0: the square flushes to 0, the loss 0' },
      { id: 'float32_subnormal', t: t('float32', [3e-20, 4e-20], [0, 0], [3e-20, 4e-20]), args: { reduction: 'none', epsilon: 0, margin: 0 }, rules: [], what: 'float32 [3e-20, 4e-20] against [0, 0], epsilon 0, margin 0: subnormal squares, 4.9999992e-20' },
    ] : []),
  ];
  return specs.map((s) => plannedCase({
    family, group: 'overflow', params: { case: s.id },
    request: opRequest(family, { tensors: s.t, args: s.args, grad: s.grad ? ['input', 'positive', 'negative'] : undefined }), description: s.what, rules: ['p-norm-powers-unscaled', ...s.rules],
  }));
}

/** What the page leaves to the source and the kernels: one case per behaviour. */
function paddleCases(): PlannedCase[] {
  const f32 = (shape: number[], values: number[]): TensorJson => tensor('float32', shape, values);
  const base = triplet('paddle/base', 'float32', [2, 3]);
  const as = (dtype: WireDType): Triplet => ({
    input: tensor(dtype, [2, 3], [1, 0, 1, 0, 1, 1]), positive: tensor(dtype, [2, 3], [0, 0, 1, 1, 1, 1]), negative: tensor(dtype, [2, 3], dtype === 'bool' ? [1, 1, 1, 0, 0, 1] : [3, 2, 1, 0, -2, 1]),
  });
  const specs: { id: string; t: Triplet; args: Record<string, KwargJson>; rules: string[]; form?: 'layer'; grad?: boolean; what: string }[] = [
    { id: 'reduction_then_margin', t: base, args: { reduction: 'MEAN', margin: -1 }, rules: ['triplet-checks-in-source-order'], what: "reduction 'MEAN' with margin -1: the reduction's ValueError" },
    { id: 'reduction_then_dtype', t: as('float16'), args: { reduction: 'MEAN' }, rules: ['triplet-checks-in-source-order'], what: "reduction 'MEAN' with float16 operands: ValueError before subtract's RuntimeError" },
    { id: 'margin_negative', t: base, args: { margin: -0.5 }, rules: ['triplet-checks-in-source-order'], what: 'margin -0.5: ValueError' },
    { id: 'margin_then_shape', t: { ...base, positive: f32([3], [1, 2, 3]) }, args: { margin: -1 }, rules: ['triplet-checks-in-source-order'], what: "margin -1 and positive's shape [3]: the margin's ValueError" },
    { id: 'legacy_size_average', t: base, args: { size_average: true }, form: 'layer', rules: ['triplet-layer-legacy-arguments'], what: 'TripletMarginLoss(size_average=True)' },
    { id: 'legacy_reduce', t: base, args: { reduce: false }, form: 'layer', rules: ['triplet-layer-legacy-arguments'], what: 'TripletMarginLoss(reduce=False)' },
    { id: 'float16', t: as('float16'), args: {}, rules: ['subtract-no-float16-or-bool-kernel'], what: 'float16 operands: subtract has no kernel' },
    { id: 'bool', t: as('bool'), args: {}, rules: ['subtract-no-float16-or-bool-kernel'], what: 'bool operands: subtract has no kernel' },
    { id: 'bfloat16', t: as('bfloat16'), args: {}, rules: ['add-no-float16-or-bfloat16-kernel'], what: "bfloat16 operands: subtract runs, epsilon's add has no kernel" },
    { id: 'int32', t: as('int32'), args: {}, rules: ['p-norm-float-kernels-only'], what: 'int32 operands: subtract and add run, p_norm has no kernel' },
    { id: 'int64_eps0', t: as('int64'), args: { epsilon: 0 }, rules: ['p-norm-float-kernels-only'], what: 'int64 operands, epsilon 0: p_norm has no kernel' },
    { id: 'float32_int32', t: { ...as('float32'), positive: as('int32').positive }, args: {}, rules: ['promotion-refuses-int-with-float'], what: 'float32 input with an int32 positive: TypeError in type promotion' },
    { id: 'margin_float64', t: triplet('paddle/margin', 'float64', [3, 4]), args: { margin: 0.1, reduction: 'none' }, rules: ['scale-attributes-in-dtype'], what: 'float64 rows, margin 0.1: added in float64 (float32 before Paddle 3.0.0)' },
    { id: 'p_float32', t: triplet('paddle/p', 'float64', [3, 4]), args: { p: 0.3, reduction: 'none' }, rules: ['p-norm-order-in-float32'], what: 'float64 rows, p 0.3: p and 1/p in float32' },
    { id: 'zero_norm_grad', t: { input: f32([2, 2], [1, 2, 3, -1]), positive: f32([2, 2], [1, 2, 3, -1]), negative: f32([2, 2], [0, 0, 0, 0]) }, args: { epsilon: 0, reduction: 'sum', margin: 5 }, grad: true, rules: ['p-norm-grad-nan-at-zero-norm'], what: "positive equal to input, epsilon 0: the zero norm's gradient is NaN" },
    { id: 'inf_nan_position', t: { input: f32([3, 3], [NaN, 1, 0, 1, NaN, 0, 2, 1, NaN]), positive: f32([3, 3], [0, 0, 0, 0, 0, 0, 0, 0, 0]), negative: f32([3, 3], [0, 0, 0, 0, 0, 0, 0, 0, 0]) }, args: { p: 'Infinity', reduction: 'none', epsilon: 0, margin: 2 }, rules: ['p-norm-inf-nan-by-position'], what: 'p inf with a NaN first, middle and last in each row' },
    { id: 'inf_ties', t: { input: f32([2, 3], [2, -2, 1, 0, 3, -3]), positive: f32([2, 3], [0, 0, 0, 0, 0, 0]), negative: f32([2, 3], [9, 9, 9, 9, 9, 9]) }, args: { p: 'Infinity', reduction: 'sum', epsilon: 0, margin: 20 }, grad: true, rules: ['p-norm-grad-inf-ties'], what: "p inf with two elements at the norm: both get positive's gradient" },
    { id: 'swap_tie', t: { input: f32([2, 2], [0, 0, 1, 1]), positive: f32([2, 2], [2, 0, 1, 3]), negative: f32([2, 2], [1, 0, 1, 2]) }, args: { swap: true, reduction: 'sum', epsilon: 0 }, grad: true, rules: ['minimum-nan-and-ties'], what: "swap where d(input, negative) equals d(positive, negative): each gets half the gradient" },
    { id: 'clip_kink', t: { input: f32([1, 2], [0, 0]), positive: f32([1, 2], [2, 0]), negative: f32([1, 2], [3, 0]) }, args: { epsilon: 0, reduction: 'sum' }, grad: true, rules: ['clip-grad-passes-at-bounds'], what: 'd⁺ − d⁻ + margin exactly 0: clip passes the gradient at its bound (before Paddle 3.1.0 it does not)' },
    { id: 'empty_mean', t: { input: f32([0, 3], []), positive: f32([0, 3], []), negative: f32([0, 3], []) }, args: {}, rules: ['mean-of-empty-is-nan', 'p-norm-empty-rows-are-zero'], what: 'an empty batch [0, 3], reduction mean' },
    { id: 'empty_sum', t: { input: f32([0, 3], []), positive: f32([0, 3], []), negative: f32([0, 3], []) }, args: { reduction: 'sum' }, rules: ['sum-of-empty-is-zero', 'p-norm-empty-rows-are-zero'], what: 'an empty batch [0, 3], reduction sum' },
    { id: 'empty_rows', t: { input: f32([3, 0], []), positive: f32([3, 0], []), negative: f32([3, 0], []) }, args: { reduction: 'none' }, rules: ['p-norm-empty-rows-are-zero'], what: 'rows of length 0 [3, 0]: norms 0, losses equal to the margin' },
  ];
  return specs.map((s) => plannedCase({
    family: FAMILY, group: 'paddle', params: { case: s.id },
    request: call(s.t, s.args, { form: s.form, grad: s.grad }), description: s.what, rules: s.rules,
  }));
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  ...standardTripletGroups(FAMILY, CLAUSES, ['clip-keeps-nan']),
  doc_example: docExampleCases, options: optionCases, paddle: paddleCases, overflow: () => overflowCases(FAMILY, true),
  mean_grad: () => meanAndLargeCases(FAMILY, quote('formula', 'mean')).filter((c) => c.group === 'mean_grad'),
  large: () => meanAndLargeCases(FAMILY, quote('formula', 'mean')).filter((c) => c.group === 'large'),
};
