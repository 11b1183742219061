/**
 * nll_loss's groups: the page's example through both forms; every reduction over [N, C] and the N-D inputs
 * (3-D, 4-D, 5-D) with their gradients; the weight (its mean over Σw, a total of 0, a bad shape or dtype);
 * ignore_index (inside [0, C), every label ignored, not an int); the labels (out of range, negative, int32,
 * shapes the kernel lets through or refuses); empty inputs by release; the dtypes; special values and
 * upstreams; the reduction and the layer's legacy arguments; a large case.
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { TensorJson, WireDType } from '../../../conformance/wire.js';
import type { NLL_LOSS_RULES } from '../../../reference/index.js';
import { Prng } from '../../prng.js';
import { formatShape, ParamSet } from '../params.js';
import type { Groups } from '../plan.js';
import { DEFAULT, familyPlannedCase, opRequest, type OpCall } from '../planned_case.js';
import { tensor } from '../tensor.js';
import { quote, type CLAUSES } from './clauses.js';

const FAMILY = 'nll_loss';
type Rule = keyof typeof NLL_LOSS_RULES;
const planned = familyPlannedCase<keyof typeof CLAUSES, Rule>(FAMILY, quote);
const request = (call: OpCall) => opRequest(FAMILY, call);
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const dims = (s: string): number[] => s.split('x').map(Number);
const GRAD = ['input'] as const;
const REDUCTIONS = ['none', 'mean', 'sum'] as const;
type Reduction = (typeof REDUCTIONS)[number];

/**
 * Where labels are ignored: every fifth under 'none'; under 'mean' and 'sum' the second and third only, as Paddle's
 * kernel writes a 0 at out[k] for an ignored label k past its one-element output, inside the allocation's 24 bytes
 * only up to k = 2 (float64) or 5 (float32): further on it corrupts the heap (README, nll_loss).
 */
const ignoredFor = (reduction: string) => (k: number): boolean => (reduction === 'none' ? k % 5 === 4 : k === 1 || k === 2);

/** Log-probability-like inputs in (−4, 0] and labels in [0, C), those `ignored` picks −100, from a seed. */
function operands(seed: string, dtype: WireDType, shape: readonly number[], ignored: (k: number) => boolean = () => false): { input: TensorJson; label: TensorJson } {
  const rng = new Prng(seed);
  const round = dtype === 'float32' ? Math.fround : (v: number): number => v;
  const labelShape = [shape[0]!, ...shape.slice(2)];
  return {
    input: tensor(dtype, shape, Array.from({ length: size(shape) }, () => round(rng.uniform(-4, 0)))),
    label: tensor('int64', labelShape, Array.from({ length: size(labelShape) }, (_, k) => (ignored(k) ? -100 : rng.int(0, shape[1]! - 1)))),
  };
}

/** Positive class weights from a seed. */
function weightOf(seed: string, dtype: WireDType, c: number): TensorJson {
  const rng = new Prng(seed);
  return tensor(dtype, [c], Array.from({ length: c }, () => (dtype === 'float32' ? Math.fround(rng.uniform(0.25, 3)) : rng.uniform(0.25, 3))));
}

/** The page's example (its five rows as the log-probabilities) through both forms and every reduction. */
function docExampleCases(): PlannedCase[] {
  const input = tensor('float32', [5, 3], [0.88103855, 0.9908683, 0.6226845, 0.53331435, 0.07999352, 0.8549948, 0.25879037, 0.39530203, 0.698465, 0.73427284, 0.63575995, 0.18827209, 0.05689114, 0.0862954, 0.6325046].map(Math.fround));
  const label = tensor('int64', [5], [0, 2, 1, 1, 0]);
  const rows = ParamSet.control({ form: 'functional' as 'functional' | 'layer' }).vary('form', ['layer']).combine('reduction', [DEFAULT, ...REDUCTIONS] as const);
  return [...rows].map((p) => planned({
    group: 'doc_example', params: p, request: request({ form: p.form, tensors: { input, label }, args: { reduction: p.reduction }, grad: GRAD }),
    description: `the page's example labels [0, 2, 1, 1, 0] on its [5, 3] values through the ${p.form} form, reduction ${p.reduction}, with the gradient`,
    clauses: ['example', p.form, 'formula', ...(p.reduction === DEFAULT ? ['reductionDefault', 'mean'] as const : [p.reduction])], tags: ['doc'],
  }));
}

/** Every reduction over [N, C] and the N-D inputs (3-D, 4-D and 5-D through the 4-D kernel), both dtypes, some labels ignored. */
function reductionCases(): PlannedCase[] {
  const rows = ParamSet.of({ shape: '6x4' }, { shape: '2x3x5' }, { shape: '2x3x2x3' }, { shape: '2x3x2x1x2' }).combine('dtype', ['float32', 'float64'] as const).combine('reduction', REDUCTIONS);
  return [...rows].map((p) => {
    const shape = dims(p.shape);
    const folded = shape.length !== 2 && shape.length !== 4;
    const spec = { group: 'reductions', params: p, request: request({ tensors: operands(`reductions/${p.shape},${p.dtype}`, p.dtype, shape, ignoredFor(p.reduction)), args: { reduction: p.reduction }, grad: GRAD }), description: `${p.dtype} ${formatShape(shape)}, labels ignored, reduction '${p.reduction}', with the gradient` };
    return folded ? planned({ ...spec, rules: ['nll-loss-nd-through-4d', 'nll-loss-mean-divides-by-total-weight', 'nll-loss-grad-scatters-negated-weight'] }) : planned({ ...spec, clauses: ['input', 'label', 'formula', 'ignoreIndex', p.reduction] });
  });
}

/** The weight: the mean over Σw of the kept labels, totals of 0 (zero weights, cancelling ones), the layer, bad shapes and dtypes. */
function weightCases(): PlannedCase[] {
  const rows = ParamSet.of({ shape: '6x4' }, { shape: '2x4x3' }, { shape: '2x4x2x2' }).combine('dtype', ['float32', 'float64'] as const).combine('reduction', REDUCTIONS);
  const given = [...rows].map((p) => {
    const shape = dims(p.shape);
    return planned({
      group: 'weight', params: p, request: request({ tensors: { ...operands(`weight/${p.shape},${p.dtype}`, p.dtype, shape, ignoredFor(p.reduction)), weight: weightOf(`weight/${p.dtype}`, p.dtype, 4) }, args: { reduction: p.reduction }, grad: GRAD }),
      description: `${p.dtype} ${formatShape(shape)} with a weight per class, labels ignored, reduction '${p.reduction}': the mean over the kept labels' Σw`,
      rules: ['nll-loss-mean-divides-by-total-weight', 'nll-loss-grad-scatters-negated-weight', ...(shape.length === 3 ? ['nll-loss-nd-through-4d' as const] : [])],
    });
  });
  const x = tensor('float32', [3, 3], [-0.5, -1, -2, -1.5, -0.25, -3, -2, -1, -0.75]);
  const totals = ParamSet.of(
    { total: 'zero_weights', weight: '0_0_1', label: '0_1_0' }, { total: 'cancelling', weight: '1_-0.5_1', label: '0_1_1' },
    { total: 'all_ignored', weight: '1_1_1', label: '-100_-100_-100' }, { total: 'zero_weights_inf', weight: '0_1_1', label: '0_0_0' },
  ).combine('reduction', ['mean', 'sum'] as const);
  const zero = [...totals].map((p) => {
    const input = p.total === 'zero_weights_inf' ? tensor('float32', [3, 3], [-Infinity, -1, -2, -1.5, -0.25, -3, -2, -1, -0.75]) : x;
    return planned({
      group: 'weight', params: p, request: request({ tensors: { input, label: tensor('int64', [3], p.label.split('_').map(Number)), weight: tensor('float32', [3], p.weight.split('_').map(Number)) }, args: { reduction: p.reduction }, grad: GRAD }),
      description: `labels [${p.label}] with weight [${p.weight}], reduction '${p.reduction}': a total weight of 0, the sum undivided, the mean's gradient divided by 0`,
      rules: ['nll-loss-mean-divides-by-total-weight', 'nll-loss-grad-scatters-negated-weight'],
    });
  });
  const layer = ParamSet.of({ form: 'layer', reduction: 'mean' }, { form: 'layer', reduction: 'none' }).combine('ignore_index', [DEFAULT, 1] as const);
  const layers = [...layer].map((p) => planned({
    group: 'weight', params: p, request: request({ form: 'layer', tensors: { ...operands('weight/layer', 'float32', [5, 3]), weight: tensor('float32', [3], [0.5, 2, 1.25]) }, args: { ignore_index: p.ignore_index === DEFAULT ? DEFAULT : { int: p.ignore_index }, reduction: p.reduction } }),
    description: `NLLLoss(weight=[0.5, 2, 1.25], ignore_index=${p.ignore_index}, reduction='${p.reduction}') on float32 [5, 3]`, clauses: ['layer', 'weight', 'ignoreIndex', 'formula', p.reduction as Reduction],
  }));
  const bad = ParamSet.of<{ weight: string; dtype: WireDType }>({ weight: '1x3', dtype: 'float32' }, { weight: '2', dtype: 'float32' }, { weight: '4', dtype: 'float32' }, { weight: '3', dtype: 'float64' }, { weight: '3', dtype: 'int64' });
  const bads = [...bad].map((p) => planned({
    group: 'weight', params: p, request: request({ tensors: { ...operands('weight/bad', 'float32', [2, 3]), weight: tensor(p.dtype, dims(p.weight), Array<number>(size(dims(p.weight))).fill(1)) } }),
    description: `float32 [2, 3] with a ${p.dtype} weight of shape [${dims(p.weight).join(', ')}]: ValueError`,
    rules: p.dtype === 'float32' ? ['nll-loss-shapes-checked-by-infer-meta'] : ['nll-loss-int64-labels-only'],
  }));
  return [...given, ...zero, ...layers, ...bads];
}

/** ignore_index inside [0, C), outside, matching no label, as a float, bool, None, str or past 2^63. */
function ignoreIndexCases(): PlannedCase[] {
  const x = operands('ignore_index', 'float32', [6, 3]).input;
  const label = tensor('int64', [6], [0, 1, 2, 1, 0, 2]);
  const ints = ParamSet.of({ ignore_index: 0 }, { ignore_index: 2 }, { ignore_index: -1 }, { ignore_index: 3 }).combine('reduction', REDUCTIONS);
  const valid = [...ints].map((p) => planned({
    group: 'ignore_index', params: p, request: request({ tensors: { input: x, label }, args: { ignore_index: { int: p.ignore_index }, reduction: p.reduction }, grad: GRAD }),
    description: `labels [0, 1, 2, 1, 0, 2] with ignore_index=${p.ignore_index}, reduction '${p.reduction}': those labels give 0 and no gradient`,
    clauses: ['ignoreIndex', 'formula', p.reduction],
  }));
  const odd: Array<[string, KwargJson]> = [['float', 1.5], ['bool', true], ['none', null], ['str', { str: '1' }], ['two_to_63', 2 ** 63]];
  const refused = odd.map(([kind, value]) => planned({
    group: 'ignore_index', params: { kind }, request: request({ tensors: { input: x, label }, args: { ignore_index: value } }),
    description: `ignore_index ${JSON.stringify(value)}: not a Python int (TypeError; 2^63 SystemError)`, rules: ['nll-loss-ignore-index-long'],
  }));
  return [...valid, ...refused];
}

/** Labels out of range (C, −1) in each kernel loop, int32 and float labels, and the label shapes the kernel reads or refuses. */
function labelCases(): PlannedCase[] {
  const range = ParamSet.of({ shape: '3x4' }, { shape: '2x4x3' }, { shape: '2x4x1x3' }).combine('label', [4, -1, 1000] as const).combine('reduction', REDUCTIONS);
  const ranges = [...range].map((p) => {
    const shape = dims(p.shape);
    const { input, label } = operands(`labels/${p.shape}`, 'float32', shape);
    const ys = Array.from({ length: size(shape) / shape[1]! }, (_, k) => (k === 1 ? p.label : k % 4));
    return planned({
      group: 'labels', params: p, request: request({ tensors: { input, label: tensor('int64', label.shape, ys) }, args: { reduction: p.reduction } }),
      description: `${formatShape(shape)}, the second label ${p.label}, reduction '${p.reduction}': out of [0, 4), ValueError`, rules: ['nll-loss-label-range-checked'],
    });
  });
  const types = ParamSet.of<{ dtype: WireDType; n: number }>({ dtype: 'int32', n: 3 }, { dtype: 'int32', n: 0 }, { dtype: 'float32', n: 3 }).combine('reduction', ['none', 'mean'] as const);
  const typed = [...types].map((p) => planned({
    group: 'labels', params: p, request: request({ tensors: { input: operands('labels/types', 'float32', [p.n, 3]).input, label: tensor(p.dtype, [p.n], [0, 2, 1].slice(0, p.n)) }, args: { reduction: p.reduction } }),
    description: `${p.dtype} labels [${p.n}]: read as int64, ValueError (empty too)`, rules: ['nll-loss-int64-labels-only'],
  }));
  const shapes: Array<[string, string, Rule]> = [['3x4', '3x1', 'nll-loss-shapes-checked-by-infer-meta'], ['3x4', '3x2', 'nll-loss-shapes-checked-by-infer-meta'], ['3x4', '4', 'nll-loss-shapes-checked-by-infer-meta'],
    ['2x3x4', '2x2x2', 'nll-loss-nd-through-4d'], ['2x3x4', '4x2', 'nll-loss-nd-through-4d'], ['2x3x4', '3x5', 'nll-loss-nd-through-4d'], ['2x3x4', '2x3', 'nll-loss-nd-through-4d'], ['2x3x4', '2', 'nll-loss-nd-through-4d'],
    ['2x3x2x2', '2x1x2x2', 'nll-loss-shapes-checked-by-infer-meta'], ['2x3x2x2', '2x2x3', 'nll-loss-shapes-checked-by-infer-meta'], ['2x3x2x1x2', '2x4', 'nll-loss-nd-through-4d']];
  const shaped = shapes.map(([xs, ys, rule]) => planned({
    group: 'labels', params: { input: xs, label: ys }, request: request({ tensors: { input: operands(`labels/${xs}`, 'float32', dims(xs)).input, label: tensor('int64', dims(ys), Array.from({ length: size(dims(ys)) }, (_, k) => k % 3)) }, args: { reduction: 'none' }, grad: GRAD }),
    description: `input ${formatShape(dims(xs))} with a label ${formatShape(dims(ys))}, reduction 'none': what the rank checks, reshape and the kernel's shape checks make of it`, rules: [rule],
  }));
  return [...ranges, ...typed, ...shaped];
}

/** Empty inputs: N = 0 or a spatial 0, through the [N, C] and 4-D kernels and the reshape (by release); no class (C = 0). */
function emptyCases(): PlannedCase[] {
  const rows = ParamSet.of({ shape: '0x3' }, { shape: '0x3x4' }, { shape: '2x3x0' }, { shape: '0x3x2x2' }, { shape: '2x3x0x2' }, { shape: '0x3x2x1x2' }, { shape: '2x3x0x2x2' }, { shape: '0x3x0' }).combine('reduction', REDUCTIONS);
  // Not 'mean' or 'sum' of a folded input with a spatial 0: Paddle 2.6.2's reshape of the 'none' loss the oracle
  // takes the reduction basis from raises there, so its reduced answer cannot be recorded ('none' holds the case).
  const empty = [...rows].filter((p) => p.reduction === 'none' || !['2x3x0', '2x3x0x2x2'].includes(p.shape)).map((p) => {
    const shape = dims(p.shape);
    const folded = shape.length !== 2 && shape.length !== 4;
    return planned({
      group: 'empty', params: p, request: request({ tensors: operands(`empty/${p.shape}`, 'float32', shape), args: { reduction: p.reduction } }),
      description: `float32 ${formatShape(shape)}, reduction '${p.reduction}': no label (mean and sum 0)${folded ? ', the reshape of a zero-size input by release' : ''}`,
      rules: ['nll-loss-mean-divides-by-total-weight', ...(folded ? ['nll-loss-nd-through-4d', 'reshape-zero-size-by-release'] as const : [])],
    });
  });
  const ranks = ParamSet.of({ input: '3', label: 'scalar' }, { input: 'scalar', label: 'scalar' }, { input: '3x0', label: '3' }, { input: '3x4x2x2x1', label: '3x2x2' });
  const refused = [...ranks].map((p) => {
    const [xs, ys] = [p.input === 'scalar' ? [] : dims(p.input), p.label === 'scalar' ? [] : dims(p.label)];
    return planned({
      group: 'empty', params: p, request: request({ tensors: { input: tensor('float32', xs, Array<number>(size(xs)).fill(-1)), label: tensor('int64', ys, Array<number>(size(ys)).fill(0)) } }),
      description: `input ${formatShape(xs)} with a label ${formatShape(ys)}: the Python source's rank and class checks, ValueError`, rules: ['nll-loss-nd-through-4d'],
    });
  });
  return [...empty, ...refused];
}

/** Input dtypes the kernel has no registration for, and a bad reduction checked first. */
function dtypeCases(): PlannedCase[] {
  const rows = ParamSet.of<{ dtype: WireDType }>({ dtype: 'float16' }, { dtype: 'bfloat16' }, { dtype: 'int32' }, { dtype: 'int64' }, { dtype: 'bool' });
  const dtypes = [...rows].map((p) => planned({
    group: 'dtypes', params: p, request: request({ tensors: { input: tensor(p.dtype, [2, 3], p.dtype === 'bool' ? [1, 0, 1, 0, 1, 0] : [-1, -2, -4, -3, -1, -2]), label: tensor('int64', [2], [0, 2]) } }),
    description: `${p.dtype} input: no nll_loss kernel, RuntimeError (NotFound)`, rules: ['nll-loss-float-kernels-only'],
  }));
  const bad = ParamSet.of({ reduction: 'bogus', form: 'functional' }, { reduction: 'MEAN', form: 'layer' }, { reduction: 'bogus', form: 'functional', input: 'float16' });
  const reductions = [...bad].map((p) => planned({
    group: 'dtypes', params: p, request: request({ form: p.form as 'functional' | 'layer', tensors: { input: p.input ? tensor('float16', [2, 3], [-1, -2, -3, -1, -2, -3]) : operands('dtypes/reduction', 'float32', [2, 3]).input, label: tensor('int64', [2], [0, 1]) }, args: { reduction: p.reduction } }),
    description: `reduction '${p.reduction}' through the ${p.form} form${p.input ? ' with a float16 input' : ''}: ValueError first`, rules: ['nll-loss-reduction-checked-first'],
  }));
  const legacy = ParamSet.of<{ arg: string; value: boolean }>({ arg: 'size_average', value: true }, { arg: 'reduce', value: false });
  const legacies = [...legacy].map((p) => planned({
    group: 'dtypes', params: p, request: request({ form: 'layer', tensors: operands('dtypes/legacy', 'float32', [2, 3]), args: { [p.arg]: p.value } }),
    description: `NLLLoss(${p.arg}=${p.value ? 'True' : 'False'}): refused (ValueError since Paddle 3.3.0, TypeError before)`, rules: ['nll-loss-layer-legacy-arguments'],
  }));
  return [...dtypes, ...reductions, ...legacies];
}

/** NaN, ±inf, ±0 picked and not picked, NaN and inf weights, and upstreams 1, NaN, −0 and inf through both kernels' gradients. */
function specialValueCases(): PlannedCase[] {
  const values = [NaN, Infinity, -Infinity, 0, -0, -1.5, -Infinity, NaN, -0, 0.5, 1e30, -1e-40];
  const rows = ParamSet.of({ shape: '12x2', dtype: 'float32' }, { shape: '3x2x2x2', dtype: 'float32' }, { shape: '12x2', dtype: 'float64' }, { shape: '3x2x4', dtype: 'float64' }).combine('reduction', REDUCTIONS).combine('upstream', ['ones', 'nan', 'negative_zero', 'inf'] as const);
  return [...rows].filter((p) => p.reduction === 'none' || p.upstream !== 'negative_zero').map((p) => {
    const shape = dims(p.shape);
    const dtype = p.dtype as WireDType;
    const round = dtype === 'float32' ? Math.fround : (v: number): number => v;
    const n = size(shape) / 2;
    // The special values picked (class 0 at even positions) and beside the pick.
    const input = tensor(dtype, shape, Array.from({ length: size(shape) }, (_, k) => round(values[k % values.length]!)));
    const label = tensor('int64', [shape[0]!, ...shape.slice(2)], Array.from({ length: n }, (_, k) => (ignoredFor(p.reduction)(k) ? -100 : k % 2)));
    const upShape = p.reduction === 'none' ? [shape[0]!, ...shape.slice(2)] : [];
    const up = { ones: 1, nan: NaN, negative_zero: -0, inf: Infinity }[p.upstream];
    const gradOutput = p.upstream === 'ones' ? undefined : tensor(dtype, upShape, Array.from({ length: size(upShape) }, (_, k) => (k % 2 === 0 ? up : -1.5)));
    return planned({
      group: 'special_values', params: p, request: request({ tensors: { input, label, weight: tensor(dtype, [2], [round(0.75), p.upstream === 'inf' ? Infinity : 2]) }, args: { reduction: p.reduction }, grad: GRAD, ...(gradOutput && { gradOutput }) }),
      description: `${p.dtype} ${formatShape(shape)}: NaN, ±inf, ±0 and 1e30 picked and beside the pick, reduction '${p.reduction}', upstream ${p.upstream}`,
      rules: ['nll-loss-grad-scatters-negated-weight', 'nll-loss-mean-divides-by-total-weight', ...(shape.length === 3 ? ['nll-loss-nd-through-4d' as const] : [])], tags: ['nan'],
    });
  });
}

/** 400 rows of 16 classes, a [2, 8, 8, 8] map and a 5-D [2, 5, 4, 4, 4], weighted, some labels ignored, with the gradient. */
function largeCases(): PlannedCase[] {
  const rows = ParamSet.of({ shape: '400x16', reduction: 'mean' }, { shape: '2x8x8x8', reduction: 'sum' }, { shape: '2x5x4x4x4', reduction: 'mean' });
  return [...rows].map((p) => {
    const shape = dims(p.shape);
    return planned({
      group: 'large', params: p, request: request({ tensors: { ...operands(`large/${p.shape}`, 'float32', shape, ignoredFor(p.reduction)), weight: weightOf('large', 'float32', shape[1]!) }, args: { reduction: p.reduction }, grad: GRAD }),
      description: `float32 ${formatShape(shape)}, weighted, two labels ignored, reduction '${p.reduction}': a long sequential sum`,
      rules: ['nll-loss-mean-divides-by-total-weight', 'nll-loss-grad-scatters-negated-weight', ...(shape.length === 5 ? ['nll-loss-nd-through-4d' as const] : [])], tags: ['large'],
    });
  });
}

/** 'mean' over 1, 2 and 4 rows with upstream 1 or 3 (g / N exact, so the page fixes the gradient), and 1100 rows under 'none'. */
function gradientCases(): PlannedCase[] {
  const rows = ParamSet.of({ n: 1 }, { n: 2 }, { n: 4 }).combine('upstream', ['ones', 'given'] as const);
  const means = [...rows].map((p) => planned({
    group: 'gradients', params: p, request: request({ tensors: operands(`gradients/${p.n}`, 'float32', [p.n, 3]), args: { reduction: 'mean' }, grad: GRAD, ...(p.upstream === 'given' && { gradOutput: tensor('float32', [], [3]) }) }),
    description: `float32 [${p.n}, 3], 'mean' with the gradient, upstream ${p.upstream === 'ones' ? 1 : 3}: g / ${p.n} at each label's class`, clauses: ['input', 'label', 'formula', 'mean'],
  }));
  const large = planned({
    group: 'gradients', params: { n: 1100, reduction: 'none' }, request: request({ tensors: operands('gradients/large', 'float32', [1100, 3]), args: { reduction: 'none' }, grad: GRAD }),
    description: "float32 [1100, 3], 'none' with the gradient: every row its own loss (1100 is no multiple of 256)", clauses: ['input', 'label', 'formula', 'none'], tags: ['large'],
  });
  return [...means, large];
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  doc_example: docExampleCases,
  reductions: reductionCases,
  weight: weightCases,
  ignore_index: ignoreIndexCases,
  labels: labelCases,
  empty: emptyCases,
  dtypes: dtypeCases,
  special_values: specialValueCases,
  large: largeCases,
  gradients: gradientCases,
};
