/**
 * triplet_margin_with_distance_loss's groups: triplet_margin_loss's plan with the default distance
 * (p = 2, epsilon 1e-6, no keywords for either), and the check of the distances: a NaN distance,
 * and a zero one (x − y = −1e-6), refused before Paddle 3.1.1.
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { TensorJson, WireDType } from '../../../conformance/wire.js';
import { CLAUSE_SEPARATOR } from '../clauses.js';
import { ParamSet } from '../params.js';
import type { Groups } from '../plan.js';
import { DEFAULT, opRequest, plannedCase } from '../planned_case.js';
import { tensor } from '../tensor.js';
import { meanAndLargeCases, overflowCases, standardTripletGroups, triplet, type Triplet } from '../triplet_margin_loss/groups.js';
import { CLAUSES } from './clauses.js';

const FAMILY = 'triplet_margin_with_distance_loss';
const GRAD = ['input', 'positive', 'negative'];
const quote = (...c: (keyof typeof CLAUSES)[]): string => c.map((k) => CLAUSES[k]).join(CLAUSE_SEPARATOR);
const call = (t: Triplet, args: Record<string, KwargJson | typeof DEFAULT>, opts: { form?: 'functional' | 'layer'; grad?: boolean } = {}) =>
  opRequest(FAMILY, { form: opts.form, tensors: t, args, grad: opts.grad ? GRAD : undefined });
const f32 = (shape: number[], values: number[]): TensorJson => tensor('float32', shape, values);
const f64 = (shape: number[], values: number[]): TensorJson => tensor('float64', shape, values);

const DOC: Triplet = { input: f32([3, 3], [1, 5, 3, 0, 3, 2, 1, 4, 1]), positive: f32([3, 3], [5, 1, 2, 3, 2, 1, 3, -1, 1]), negative: f32([3, 3], [2, 1, -3, 1, 1, -1, 4, -2, 1]) };

/** The page's example through both forms and every reduction, with the gradients. */
function docExampleCases(): PlannedCase[] {
  const rows = ParamSet.control({ form: 'functional' as 'functional' | 'layer' }).vary('form', ['layer']).combine('reduction', [DEFAULT, 'none', 'mean', 'sum'] as const);
  return [...rows].map((p) => plannedCase({
    family: FAMILY, group: 'doc_example', params: p, request: call(DOC, { reduction: p.reduction }, { form: p.form, grad: true }),
    description: `the page's example through the ${p.form} form, reduction ${p.reduction}`,
    clause: quote('example', p.form, p.reduction === DEFAULT ? 'reduction' : p.reduction), tags: ['doc'],
  }));
}

/** Float32 and float64 rows through the reductions, swap and margin, one axis at a time. */
function optionCases(): PlannedCase[] {
  const rows = ParamSet.control({ dtype: 'float32' as 'float32' | 'float64', shape: '4x5', reduction: 'none', swap: false as boolean, margin: 1 as number })
    .vary('dtype', ['float64']).vary('shape', ['2x3x4', '6']).vary('reduction', ['sum', 'mean']).vary('swap', [true]).vary('margin', [0, 0.5, 2]);
  return [...rows].map((p) => {
    const shape = p.shape.split('x').map(Number);
    const request = call(triplet(`distance/${Object.values(p).join(',')}`, p.dtype, shape), { reduction: p.reduction, swap: p.swap, margin: p.margin }, { grad: true });
    const description = `${p.dtype} [${shape.join(', ')}], reduction '${p.reduction}', swap ${p.swap}, margin ${p.margin}, with the gradients`;
    if (p.reduction === 'mean') return plannedCase({ family: FAMILY, group: 'options', params: p, request, description, rules: ['mean-grad-divides-by-count'] });
    if (shape.length !== 2) return plannedCase({ family: FAMILY, group: 'options', params: p, request, description: `${description}: the norm along the last axis`, rules: ['triplet-distance-along-last-axis'] });
    return plannedCase({ family: FAMILY, group: 'options', params: p, request, description, clause: quote('formula', 'input', 'swap', 'margin', p.reduction as 'none' | 'sum') });
  });
}

/** What the page leaves to the source and the kernels: one case per behaviour. */
function paddleCases(): PlannedCase[] {
  const base = triplet('distance/paddle', 'float32', [2, 3]);
  const as = (dtype: WireDType): Triplet => ({
    input: tensor(dtype, [2, 3], [1, 0, 1, 0, 1, 1]), positive: tensor(dtype, [2, 3], [0, 0, 1, 1, 1, 1]), negative: tensor(dtype, [2, 3], dtype === 'bool' ? [1, 1, 1, 0, 0, 1] : [3, 2, 1, 0, -2, 1]),
  });
  const zero: Triplet = { input: f64([2, 2], [0, 0, 1, 2]), positive: f64([2, 2], [1e-6, 1e-6, 1, 2]), negative: f64([2, 2], [3, 0, 0, 0]) };
  const specs: { id: string; t: Triplet; args: Record<string, KwargJson>; rules: string[]; grad?: boolean; form?: 'layer'; what: string }[] = [
    { id: 'reduction_then_margin', t: base, args: { reduction: 'MEAN', margin: -1 }, rules: ['triplet-checks-in-source-order'], what: "reduction 'MEAN' with margin -1: the reduction's ValueError" },
    { id: 'reduction_then_dtype', t: as('float16'), args: { reduction: 'MEAN' }, rules: ['triplet-checks-in-source-order'], what: "reduction 'MEAN' with float16 operands: ValueError before subtract's RuntimeError" },
    { id: 'margin_negative', t: base, args: { margin: -0.5 }, rules: ['triplet-checks-in-source-order'], what: 'margin -0.5: ValueError' },
    { id: 'margin_then_shape', t: { ...base, positive: f32([3], [1, 2, 3]) }, args: { margin: -1 }, rules: ['triplet-checks-in-source-order'], what: "margin -1 and positive's shape [3]: the margin's ValueError" },
    { id: 'legacy_size_average', t: base, args: { size_average: true }, form: 'layer', rules: ['triplet-distance-layer-no-legacy-arguments'], what: 'TripletMarginWithDistanceLoss(size_average=True): TypeError' },
    { id: 'legacy_reduce', t: base, args: { reduce: false }, form: 'layer', rules: ['triplet-distance-layer-no-legacy-arguments'], what: 'TripletMarginWithDistanceLoss(reduce=False): TypeError' },
    { id: 'float16', t: as('float16'), args: {}, rules: ['subtract-no-float16-or-bool-kernel'], what: 'float16 operands: subtract has no kernel' },
    { id: 'bool', t: as('bool'), args: {}, rules: ['subtract-no-float16-or-bool-kernel'], what: 'bool operands: subtract has no kernel' },
    { id: 'bfloat16', t: as('bfloat16'), args: {}, rules: ['add-no-float16-or-bfloat16-kernel'], what: "bfloat16 operands: subtract runs, epsilon's add has no kernel" },
    { id: 'int32', t: as('int32'), args: {}, rules: ['p-norm-float-kernels-only'], what: 'int32 operands: subtract and add run, p_norm has no kernel' },
    { id: 'float32_int32', t: { ...as('float32'), positive: as('int32').positive }, args: {}, rules: ['promotion-refuses-int-with-float'], what: 'float32 input with an int32 positive: TypeError in type promotion' },
    { id: 'margin_float64', t: triplet('distance/margin', 'float64', [3, 4]), args: { margin: 0.1, reduction: 'none' }, rules: ['scale-attributes-in-dtype'], what: 'float64 rows, margin 0.1: added in float64 (float32 before Paddle 3.0.0)' },
    { id: 'nan_distance', t: { input: f32([2, 2], [NaN, 1, 0, 0]), positive: f32([2, 2], [0, 0, 1, 1]), negative: f32([2, 2], [2, 2, 3, 3]) }, args: { reduction: 'none' }, rules: ['triplet-distance-negative-or-nan-refused'], what: 'a NaN input element: its distance is NaN, paddle.all(d >= 0) fails, ValueError' },
    { id: 'zero_distance', t: zero, args: { reduction: 'none', margin: 5 }, grad: true, rules: ['triplet-distance-negative-or-nan-refused', 'p-norm-grad-nan-at-zero-norm'], what: 'x − y = −1e-6 in a row: distance 0 (refused before Paddle 3.1.1), its gradient NaN' },
    { id: 'swap_tie', t: { input: f32([2, 2], [0, 0, 1, 1]), positive: f32([2, 2], [0, 0, 1, 1]), negative: f32([2, 2], [1, 0, 1, 2]) }, args: { swap: true, reduction: 'sum' }, grad: true, rules: ['minimum-nan-and-ties'], what: 'swap with positive equal to input: d(input, negative) equals d(positive, negative), each gets half the gradient' },
    { id: 'clip_kink', t: { input: f32([1, 2], [0, 0]), positive: f32([1, 2], [2, 0]), negative: f32([1, 2], [2, 0]) }, args: { margin: 0, reduction: 'sum' }, grad: true, rules: ['clip-grad-passes-at-bounds'], what: 'negative equal to positive, margin 0: clip at its bound passes the gradient (before Paddle 3.1.0 it does not)' },
    { id: 'empty_mean', t: { input: f32([0, 3], []), positive: f32([0, 3], []), negative: f32([0, 3], []) }, args: {}, rules: ['mean-of-empty-is-nan', 'p-norm-empty-rows-are-zero'], what: 'an empty batch [0, 3], reduction mean' },
    { id: 'empty_sum', t: { input: f32([0, 3], []), positive: f32([0, 3], []), negative: f32([0, 3], []) }, args: { reduction: 'sum' }, rules: ['sum-of-empty-is-zero', 'p-norm-empty-rows-are-zero'], what: 'an empty batch [0, 3], reduction sum' },
    { id: 'empty_rows', t: { input: f32([3, 0], []), positive: f32([3, 0], []), negative: f32([3, 0], []) }, args: { reduction: 'none' }, rules: ['p-norm-empty-rows-are-zero'], what: 'rows of length 0 [3, 0]: norms 0, losses equal to the margin' },
  ];
  return specs.map((s) => plannedCase({ family: FAMILY, group: 'paddle', params: { case: s.id }, request: call(s.t, s.args, { form: s.form, grad: s.grad }), description: s.what, rules: s.rules }));
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  ...standardTripletGroups(FAMILY, { formula: CLAUSES.formula, input: CLAUSES.input, none: CLAUSES.none, mean: CLAUSES.mean, sum: CLAUSES.sum }, ['triplet-distance-negative-or-nan-refused']),
  doc_example: docExampleCases, options: optionCases, paddle: paddleCases, overflow: () => overflowCases(FAMILY, false),
  mean_grad: () => meanAndLargeCases(FAMILY, quote('formula', 'mean')).filter((c) => c.group === 'mean_grad'),
  large: () => meanAndLargeCases(FAMILY, quote('formula', 'mean')).filter((c) => c.group === 'large'),
};
