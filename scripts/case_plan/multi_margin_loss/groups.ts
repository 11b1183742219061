/**
 * multi_margin_loss's groups. Spec cases use 2 or 4 classes and small integers, where margin^p / C and the class
 * mean are exact, so the page's formula fixes their bits; every other case rests on a rule: the own class's term
 * and its float32 subtraction, the weight outside the power, labels as a column, p and margin unchecked.
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { TensorJson, WireDType } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';
import { CLAUSE_SEPARATOR } from '../clauses.js';
import type { Groups } from '../plan.js';
import { opRequest, plannedCase } from '../planned_case.js';
import { tensor } from '../tensor.js';

const FAMILY = 'multi_margin_loss';
const PAGE = {
  formula: 'loss(input_i, label_i) = Σ_j max(0, margin − input_i[label_i] + input_i[j])^p / C, where 0 ≤ j ≤ C−1, 0 ≤ i ≤ N−1 and j ≠ label_i.',
  weighted: 'loss(input_i, label_i) = Σ_j max(0, weight[label_i] * (margin − input_i[label_i] + input_i[j]))^p / C',
  input: 'input (Tensor): Input tensor, the data type is float32 or float64. Shape is (N, C), where C is number of classes.',
  label: 'label (Tensor): Label tensor, the data type is int32 or int64. The shape of label is (N,)',
  p: 'p (int, optional): The power num. Default: 1.', margin: 'margin (float, optional): Default: 1.',
  weight: 'weight (Tensor|None, optional): a manual rescaling weight given to each class. If given, has to be a Tensor of shape (C,) and the data type is float32, float64.',
  reduction: "reduction (str, optional): … the candidates are 'none' | 'mean' | 'sum'. If 'none', the unreduced loss is returned; If 'mean', the reduced mean loss is returned; If 'sum', the summed loss is returned. Default: 'mean'",
  layer: "class paddle.nn.MultiMarginLoss(p: int = 1, margin: float = 1.0, weight: Tensor | None = None, reduction: _ReduceMode = 'mean', name: str | None = None)",
};
const SPEC = [PAGE.formula, PAGE.input, PAGE.label, PAGE.reduction].join(CLAUSE_SEPARATOR);

interface Call { x: TensorJson; label: TensorJson; weight?: TensorJson; args?: Record<string, KwargJson>; grad?: boolean; up?: TensorJson; layer?: boolean }
type Params = Record<string, string | number | boolean | null>;

/** One case: a spec case when `clause` is given, else a paddle case resting on `rules`. */
function mk(group: string, params: Params, c: Call, description: string, rules: string[] | { clause: string }): PlannedCase {
  const grad = c.grad === false ? undefined : c.weight ? ['input', 'weight'] : ['input'];
  const args = c.args ?? {};
  const request = opRequest(FAMILY, { form: c.layer ? 'layer' : 'functional', tensors: { input: c.x, label: c.label, ...(c.weight && { weight: c.weight }) }, args, ...(grad && { grad }), ...(c.up && { gradOutput: c.up }) });
  const safe = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v.replace(/[,=/ ]/g, '_') : v]));
  return plannedCase({ family: FAMILY, group, params: safe, request, description, ...(Array.isArray(rules) ? { rules } : { clause: rules.clause }) });
}

/** Scores in (−2, 2) for [n, c] and labels drawn in [0, c), from a seed. */
function random(seed: string, n: number, c: number, dtype: WireDType = 'float32', labels: WireDType = 'int64'): { x: TensorJson; label: TensorJson } {
  const rng = new Prng(seed);
  const round = dtype === 'float32' ? Math.fround : (v: number): number => v;
  return { x: tensor(dtype, [n, c], Array.from({ length: n * c }, () => round(rng.uniform(-2, 2)))), label: tensor(labels, [n], Array.from({ length: n }, () => Math.floor(rng.uniform(0, c)))) };
}

const f32 = (shape: number[], v: number[]): TensorJson => tensor('float32', shape, v);
const i64 = (v: number[], shape = [v.length]): TensorJson => tensor('int64', shape, v);
const EXACT = { x: f32([2, 4], [1, 5, 3, 2, 0, 3, 2.5, 1]), label: i64([1, 2]) };
const OWN = 'multi-margin-own-class-subtracted';

/** The page's example (3 classes: 2/3 − 1/3 in float32 is 0x3f2aaaaa, the page's 0x3f2aaaab) and an exact twin with 4 classes. */
function docExample(): PlannedCase[] {
  const x = f32([3, 3], [1, 5, 3, 0, 3, 2, 1, 4, 1]);
  const label = tensor('int32', [3], [1, 2, 1]);
  return [
    mk('doc_example', { form: 'functional', reduction: 'none' }, { x, label, args: { margin: 1, reduction: 'none' } }, "the page's example: [0, 0.66666663, 0]", [OWN]),
    mk('doc_example', { form: 'layer', reduction: 'mean' }, { x, label, layer: true, args: { reduction: 'mean' } }, "the layer's example: 1.11111104… over the page's input", [OWN]),
    ...(['none', 'mean', 'sum'] as const).flatMap((reduction) => [false, true].map((layer) =>
      mk('reductions', { form: layer ? 'layer' : 'functional', reduction }, { ...EXACT, layer, args: { reduction } }, `4 classes, small integers: every value exact, reduction '${reduction}'`, { clause: [SPEC, ...(layer ? [PAGE.layer] : [])].join(CLAUSE_SEPARATOR) }))),
    mk('reductions', { reduction: 'default' }, { ...EXACT }, "the default reduction 'mean'", { clause: SPEC }),
    ...['MEAN', 'batchmean', null].flatMap((reduction) => [false, true].map((layer) =>
      mk('reductions', { form: layer ? 'layer' : 'functional', reduction }, { ...EXACT, layer, grad: false, args: { reduction } }, `reduction ${JSON.stringify(reduction)}: ValueError`, ['multi-margin-reduction-checked-first']))),
    mk('reductions', { reduction: 'bad', dtype: 'float16' }, { x: tensor('float16', [2, 4], [1, 5, 3, 2, 0, 3, 2.5, 1]), label: i64([1, 2]), grad: false, args: { reduction: 'bad' } }, 'a bad reduction with float16 input: the reduction is checked first', ['multi-margin-reduction-checked-first']),
    ...['size_average', 'reduce'].map((k) => mk('reductions', { legacy: k }, { ...EXACT, layer: true, grad: false, args: { [k]: true } }, `MultiMarginLoss(${k}=True)`, ['multi-margin-layer-legacy-arguments'])),
  ];
}

/** p: 1 and 2 as the page means them, and the values nothing checks. */
function powers(): PlannedCase[] {
  const ps: KwargJson[] = [{ int: 1 }, { int: 2 }, { int: 3 }, { int: 0 }, { int: -1 }, 0.5, null, '2', true];
  return ps.flatMap((p) => (['float32', 'float64'] as const).map((dtype) => {
    const numeric = typeof p === 'object' && p !== null && 'int' in p ? p.int : p;
    const ok = typeof numeric === 'number' || typeof numeric === 'boolean';
    const spec = numeric === 1 || numeric === 2;
    const c = { ...random(`p/${dtype}`, 5, 4, dtype), args: { p, reduction: 'none' }, grad: ok };
    const name = JSON.stringify(numeric);
    if (spec && dtype === 'float32') return mk('p', { p: name, dtype }, { ...EXACT, args: { p, reduction: 'none' } }, `p = ${name} on exact values`, { clause: [SPEC, PAGE.p].join(CLAUSE_SEPARATOR) });
    return mk('p', { p: name, dtype }, c, `p = ${name}, ${dtype} [5, 4]${ok ? '' : ': pow refuses it'}`, ok ? [OWN, 'pow-is-libm-pow', ...(spec ? [] : ['multi-margin-p-unchecked'])] : ['multi-margin-p-unchecked']);
  }));
}

/** margin: others than 1, negative (the own class's term), huge, NaN and other types, and Python's errors of margin ** p. */
function margins(): PlannedCase[] {
  const rows: [string, KwargJson, KwargJson | undefined, string[]][] = [
    ['0', 0, undefined, [OWN]], ['0.5', 0.5, undefined, [OWN]], ['2', 2, { int: 2 }, [OWN]], ['-1', -1, undefined, [OWN]], ['-0.5', -0.5, { int: 2 }, [OWN]],
    ['0.1', 0.1, undefined, [OWN, 'scale-attributes-in-dtype']], ['1e39', 1e39, undefined, [OWN, 'scale-attributes-in-dtype']], ['nan', 'NaN', undefined, [OWN, 'clip-keeps-nan']],
    ['inf', 'Infinity', undefined, [OWN]], ['none', null, undefined, ['multi-margin-p-unchecked']], ['str', { str: '1' }, undefined, ['multi-margin-p-unchecked']],
    ['true', true, undefined, [OWN]], ['0,p=-1', 0, { int: -1 }, ['multi-margin-p-unchecked']], ['1e200,p=2', 1e200, { int: 2 }, ['multi-margin-p-unchecked']],
  ];
  const cases = rows.flatMap(([name, margin, p, rules]) => (['float32', 'float64'] as const).map((dtype) => {
    const ok = !['none', 'str', '0,p=-1', '1e200,p=2'].includes(name);
    return mk('margin', { margin: name, dtype }, { ...random(`margin/${dtype}`, 4, 3, dtype), args: { margin, ...(p && { p }), reduction: 'none' }, grad: ok }, `margin ${name}${p ? ', p = 2' : ''}, ${dtype} [4, 3]`, rules);
  }));
  // A zero float64 loss: the page's 0, Paddle's 1/3 − float32(1/3).
  const zero = mk('margin', { at: 'zero_loss', dtype: 'float64' }, { x: tensor('float64', [2, 3], [1, 5, 3, 0, 1, 9]), label: i64([1, 2]), args: { reduction: 'none' } }, 'float64 rows with no violation: −9.9e-9, not 0', [OWN]);
  const exact = mk('margin', { at: 'exact', margin: 0.5 }, { ...EXACT, args: { margin: 0.5, reduction: 'sum' } }, 'margin 0.5 on exact values', { clause: [SPEC, PAGE.margin].join(CLAUSE_SEPARATOR) });
  return [...cases, zero, exact];
}

/** The weight: per class, promoted, refused, of other shapes; its gradient, and the power it stays outside of. */
function weights(): PlannedCase[] {
  const x = random('weight', 4, 3);
  const w = (dtype: WireDType, shape: number[], v: number[]): TensorJson => tensor(dtype, shape, v);
  const rows: [string, TensorJson, KwargJson | undefined, string, string[]][] = [
    ['3', w('float32', [3], [0.5, 2, 1.25]), undefined, 'mean', ['multi-margin-weight-outside-power', 'index-sample-grad-from-zero']],
    ['3,none', w('float32', [3], [0.5, 2, 1.25]), undefined, 'none', ['multi-margin-weight-outside-power']],
    ['3,sum,p=2', w('float32', [3], [0.5, 2, -1.25]), { int: 2 }, 'sum', ['multi-margin-weight-outside-power', 'pow-is-libm-pow']],
    ['3,float64', w('float64', [3], [0.5, 2, 1.25]), undefined, 'mean', ['multi-margin-weight-outside-power', 'promotion-float-dtypes-widen']],
    ['3x1', w('float32', [3, 1], [0.5, 2, 1.25]), undefined, 'sum', ['multi-margin-weight-outside-power', 'multi-margin-label-column']],
    ['2', w('float32', [2], [0.5, 2]), undefined, 'mean', ['multi-margin-label-column']],
    ['scalar', w('float32', [], [2]), undefined, 'mean', ['multi-margin-label-column']],
    ['3,int32', w('int32', [3], [1, 2, 3]), undefined, 'mean', ['promotion-refuses-int-with-float']],
    ['3,float16', w('float16', [3], [1, 2, 3]), undefined, 'mean', ['promotion-float-dtypes-widen']],
  ];
  const cases = rows.map(([name, weight, p, reduction, rules]) => {
    const ok = !['2', 'scalar', '3,int32', '3,float16'].includes(name);
    return mk('weight', { weight: name }, { ...x, weight, args: { reduction, ...(p && { p }) }, grad: ok && reduction !== 'none' }, `a weight ${name}, reduction '${reduction}'`, rules);
  });
  const repeated = { x: f32([4, 2], [0, 1, 0.5, 1, 1, 0, 2, 0]), label: i64([0, 0, 1, 0]) };
  return [
    ...cases,
    mk('weight', { at: 'exact', reduction: 'sum' }, { ...repeated, weight: w('float32', [2], [2, 0.5]), args: { reduction: 'sum' } }, 'two classes, every label class 0 but one: w[y]·hinge exact', { clause: [PAGE.weighted, PAGE.weight, PAGE.reduction].join(CLAUSE_SEPARATOR) }),
    mk('weight', { form: 'layer' }, { ...x, weight: w('float32', [3], [0.5, 2, 1.25]), layer: true, args: { reduction: 'mean', p: { int: 2 } } }, 'MultiMarginLoss(p=2, weight=…)', ['multi-margin-weight-outside-power']),
  ];
}

/** Labels: both index dtypes, a column, other shapes, and indices out of range. */
function labels(): PlannedCase[] {
  const x = f32([2, 4], [1, 5, 3, 2, 0, 3, 2.5, 1]);
  const rows: [string, TensorJson, string[] | { clause: string }][] = [
    ['int32', tensor('int32', [2], [1, 2]), { clause: SPEC }], ['int64', i64([0, 1]), { clause: SPEC }],
    ['column', i64([1, 2], [2, 1]), ['multi-margin-label-column']], ['2x2', i64([1, 2, 0, 3], [2, 2]), ['multi-margin-label-column']],
    ['3', i64([1, 2, 0]), ['multi-margin-label-column']], ['scalar', i64([1], []), ['multi-margin-label-column']],
    ['-1', i64([-1, 0]), ['index-sample-range-checked']], ['4', i64([1, 4]), ['index-sample-range-checked']], ['-5', i64([0, -5]), ['index-sample-range-checked']],
    ['float32', f32([2], [1, 2]), ['index-sample-range-checked']], ['bool', tensor('bool', [2], [1, 0]), ['index-sample-range-checked']],
  ];
  return rows.map(([name, label, rules]) => mk('labels', { label: name }, { x, label, args: { reduction: 'none' }, grad: !Array.isArray(rules) || name === 'column' }, `label ${name}`, rules));
}

/** Dtypes and shapes: what index_sample, add and the mean take and refuse. */
function dtypesAndShapes(): PlannedCase[] {
  const dtypes = (['float64', 'float16', 'bfloat16', 'int32', 'int64', 'bool'] as const).map((dtype) => {
    const ok = dtype === 'float64';
    const rule = dtype === 'int32' || dtype === 'int64' ? ['promotion-refuses-int-with-float'] : ['index-sample-range-checked'];
    return mk('dtypes', { dtype }, { x: tensor(dtype, [2, 4], dtype === 'bool' ? [1, 0, 1, 1, 0, 0, 1, 0] : [1, 5, 3, 2, 0, 3, ok ? 2.5 : 2, 1]), label: i64([1, 2]), args: { reduction: 'none' }, grad: ok }, `${dtype} input`, ok ? { clause: SPEC } : rule);
  });
  const shapes: [string, number[], number[], string[]][] = [
    ['0x3', [0, 3], [0], ['mean-of-empty-is-nan', 'sum-of-empty-is-zero']], ['1x3', [1, 3], [1], [OWN]], ['3x1', [3, 1], [3], [OWN]],
    ['4', [4], [4], ['multi-margin-label-column']], ['2x3x1', [2, 3, 1], [2], ['multi-margin-label-column']], ['scalar', [], [1], ['multi-margin-label-column']],
  ];
  const shaped = shapes.flatMap(([name, shape, lshape, rules]) => (['none', 'mean', 'sum'] as const).map((reduction) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const ok = ['1x3', '3x1'].includes(name);
    return mk('shapes', { shape: name, reduction }, { x: f32(shape, Array.from({ length: n }, (_, k) => (k % 5) - 2)), label: i64(Array.from({ length: lshape.reduce((a, b) => a * b, 1) }, () => 0), lshape), args: { reduction }, grad: ok }, `input [${shape.join(', ')}], reduction '${reduction}'`, rules);
  }));
  return [...dtypes, ...shaped];
}

/** NaN, infinities and the kink (margin − x[y] + x[j] = 0), forward and input's gradient, with upstream 1, NaN and −0. */
function specialValues(): PlannedCase[] {
  const x = f32([5, 3], [NaN, 0, 1, 0, NaN, 1, Infinity, 0, 1, -Infinity, 0, 1, 3.3999999521443642e38, 0, -3.3999999521443642e38]);
  const label = i64([0, 0, 0, 1, 2]);
  const kink = { x: f32([2, 3], [1, 0, 0.5, 2, 1, 1]), label: i64([1, 0]) };
  const ups: [string, number][] = [['ones', 1], ['nan', NaN], ['negative_zero', -0]];
  return [
    ...ups.map(([up, v]) => mk('special_values', { probe: 'nan_inf', upstream: up }, { x, label, args: { reduction: 'none' }, ...(v !== 1 && { up: f32([5], [v, v, v, v, v]) }) }, `NaN, ±inf and ±3.4e38 at the label and elsewhere, upstream ${up}`, ['clip-keeps-nan', 'clip-grad-passes-at-bounds', OWN, ...(v === 1 ? [] : ['index-sample-grad-from-zero'])])),
    mk('special_values', { probe: 'kink' }, { ...kink, args: { reduction: 'sum' } }, 'margin − x[y] + x[j] = 0 exactly: the clip passes the gradient at its bound', ['clip-grad-passes-at-bounds']),
    mk('special_values', { probe: 'kink', p: 2 }, { ...kink, args: { reduction: 'sum', p: { int: 2 } } }, 'the kink with p = 2', ['clip-grad-passes-at-bounds', 'pow-is-libm-pow']),
  ];
}

/** Gradients under each reduction with upstreams, and a large batch. */
function gradients(): PlannedCase[] {
  const ups = (['none', 'mean', 'sum'] as const).map((reduction) => mk('gradients', { reduction, upstream: 'given' }, { ...EXACT, args: { reduction }, up: reduction === 'none' ? f32([2], [2, -0.5]) : f32([], [4]) }, `input's gradient, reduction '${reduction}', upstream given`, { clause: SPEC }));
  const random3 = (['none', 'mean', 'sum'] as const).map((reduction) => mk('gradients', { reduction, classes: 3 }, { ...random(`gradients/${reduction}`, 6, 3), args: { reduction } }, `input's gradient over 3 classes, reduction '${reduction}'`, [OWN]));
  const large = ([['float32', 1100, 3], ['float64', 300, 10]] as const).map(([dtype, n, c]) => mk('large', { dtype }, { ...random(`large/${dtype}`, n, c, dtype, 'int32'), args: { reduction: 'none', p: { int: 2 } } }, `${dtype} [${n}, ${c}], p = 2: every row its own class mean`, [OWN, 'mean-along-last-axis-sum-then-divide', 'pow-is-libm-pow']));
  // The page's mean over N = 1 and 4 rows (g / N exact): four rows of 4 classes off the kink, every value exact.
  const rows = [1, 5, 3, 2, 0, 3, 2.5, 1, 4, 0, 1, 2, 2, 2.5, 0.5, 1];
  const means = [1, 4].map((n) => mk('gradients', { reduction: 'mean', rows: n }, { x: f32([n, 4], rows.slice(0, 4 * n)), label: i64([1, 2, 0, 3].slice(0, n)), args: { reduction: 'mean' } }, `input's gradient, the mean over ${n} row(s)`, { clause: SPEC }));
  return [...ups, ...random3, ...means, ...large];
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  doc_example: () => docExample().filter((c) => c.group === 'doc_example'),
  reductions: () => docExample().filter((c) => c.group === 'reductions'),
  p: powers, margin: margins, weight: weights, labels, dtypes: () => dtypesAndShapes().filter((c) => c.group === 'dtypes'),
  shapes: () => dtypesAndShapes().filter((c) => c.group === 'shapes'), special_values: specialValues,
  gradients: () => gradients().filter((c) => c.group === 'gradients'), large: () => gradients().filter((c) => c.group === 'large'),
};
