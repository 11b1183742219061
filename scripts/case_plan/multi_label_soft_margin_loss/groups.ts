/**
 * multi_label_soft_margin_loss's groups: the standard plan of an input-label loss (scripts/case_plan/standard_loss.ts)
 * with this op's page and rules, and its own: the weight (absent, per class, broadcast, of a bad shape or another
 * dtype), logsigmoid's packets and tail, the mean over the last axis, and the dtype pairs.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { decodeTensor, valuesOf, type WireDType } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';
import { CLAUSE_SEPARATOR } from '../clauses.js';
import { ParamSet } from '../params.js';
import type { Groups } from '../plan.js';
import { opRequest, plannedCase } from '../planned_case.js';
import { standardLossGroups } from '../standard_loss.js';
import { tensor } from '../tensor.js';
import { CLAUSES, WEIGHT } from './clauses.js';

const FAMILY = 'multi_label_soft_margin_loss';
const quote = (...c: string[]): string => c.join(CLAUSE_SEPARATOR);
const dims = (s: string): number[] => (s === 'scalar' ? [] : s.split('x').map(Number));
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Scores in (−4, 4) and labels in {0, 1} (one multi-label target each), from a seed. */
function operands(seed: string, dtype: WireDType, shape: readonly number[]) {
  const rng = new Prng(seed);
  const round = dtype === 'float32' ? Math.fround : (v: number): number => v;
  const n = size(shape);
  return {
    input: tensor(dtype, shape, Array.from({ length: n }, () => round(rng.uniform(-4, 4)))),
    label: tensor(dtype, shape, Array.from({ length: n }, () => (rng.uniform(0, 1) < 0.5 ? 0 : 1))),
  };
}

/** The weight: per class, broadcast ([1], [N, 1], [N, C], [1, 1, C]: the result grows a dimension), of a bad shape, through both forms. */
function weightCases(): PlannedCase[] {
  const rows = ParamSet.of({ weight: '4' }, { weight: '1' }, { weight: '3x1' }, { weight: '3x4' }, { weight: '1x1x4' }, { weight: '3' }, { weight: '2x4' })
    .combine('reduction', ['none', 'mean', 'sum'] as const);
  const cases = [...rows].map((p) => {
    const shape = dims(p.weight);
    const rng = new Prng(`weight/${p.weight},${p.reduction}`);
    const bad = p.weight === '3' || p.weight === '2x4';
    const request = opRequest(FAMILY, {
      tensors: { ...operands(`weight/${p.reduction}`, 'float32', [3, 4]), weight: tensor('float32', shape, Array.from({ length: size(shape) }, () => Math.fround(rng.uniform(0.25, 3)))) },
      args: { reduction: p.reduction }, grad: bad ? undefined : ['input', 'label'],
    });
    const description = `float32 [3, 4] with a weight of shape [${shape.join(', ')}], reduction '${p.reduction}'`;
    if (bad) return plannedCase({ family: FAMILY, group: 'weight', params: p, request, description: `${description}: it does not broadcast, ValueError`, rules: ['multiply-broadcasts'], tags: ['error'] });
    if (p.weight === '4') return plannedCase({ family: FAMILY, group: 'weight', params: p, request, description: `${description}, both gradients: one weight per class`, clause: quote(WEIGHT, CLAUSES[p.reduction]) });
    return plannedCase({ family: FAMILY, group: 'weight', params: p, request, description: `${description}, both gradients: it broadcasts before the class mean`, rules: ['multiply-broadcasts'] });
  });
  const layer = ParamSet.of({ form: 'layer', reduction: 'mean' }, { form: 'layer', reduction: 'none' });
  const layers = [...layer].map((p) => plannedCase({
    family: FAMILY, group: 'weight', params: p,
    request: opRequest(FAMILY, { form: 'layer', tensors: { ...operands('weight/layer', 'float32', [2, 3]), weight: tensor('float32', [3], [0.5, 2, 1.25]) }, args: { reduction: p.reduction } }),
    description: `MultiLabelSoftMarginLoss(weight=[0.5, 2, 1.25], reduction='${p.reduction}') on float32 [2, 3]`, clause: quote(WEIGHT, CLAUSES.layer, CLAUSES[p.reduction as 'none' | 'mean']),
  }));
  return [...cases, ...layers];
}

/** A weight of another dtype: a float one widens (multiply's promotion), an integer or bool one is refused since Paddle 3.0.0 (before, cast to the loss's dtype). */
function weightDtypeCases(): PlannedCase[] {
  const rows = ParamSet.of<{ input: WireDType; weight: WireDType }>({ input: 'float32', weight: 'float64' }, { input: 'float64', weight: 'float32' }, { input: 'float32', weight: 'float16' }, { input: 'float32', weight: 'int32' }, { input: 'float32', weight: 'bool' });
  return [...rows].map((p) => {
    const refused = p.weight === 'int32' || p.weight === 'bool';
    return plannedCase({
      family: FAMILY, group: 'weight_dtypes', params: p,
      request: opRequest(FAMILY, { tensors: { ...operands('weight_dtypes', p.input, [2, 3]), weight: tensor(p.weight, [3], p.weight === 'bool' ? [1, 0, 1] : [1, 2, 3]) }, args: { reduction: 'none' }, grad: refused ? undefined : ['input'] }),
      description: `${p.input} operands with a ${p.weight} weight: ${refused ? 'refused since Paddle 3.0.0' : 'the wider float'}`,
      rules: refused ? ['promotion-refuses-int-with-float', 'multiply-operator-casts-other-before-3-0-0'] : ['promotion-float-dtypes-widen'], ...(refused && { tags: ['error'] }),
    });
  });
}

/**
 * logsigmoid on whole packets and on the tail: the same special values at the front (a packet of 8 float32 or 4
 * float64) and at the end (the last n mod P), forward and both gradients, with upstream 1, NaN and −0.
 */
function logSigmoidCases(): PlannedCase[] {
  const values = [NaN, Infinity, -Infinity, 0, 20, -20, 100, -100, 2 ** 100, -(2 ** 100), 800, -800, 0.5];
  const rows = ParamSet.of<{ dtype: 'float32' | 'float64'; n: number }>({ dtype: 'float32', n: 15 }, { dtype: 'float64', n: 14 }).combine('upstream', ['ones', 'nan', 'negative_zero'] as const);
  return [...rows].map((p) => {
    const x = Array.from({ length: p.n }, (_, k) => values[k % values.length]!);
    const y = Array.from({ length: p.n }, (_, k) => [1, 0, -1][k % 3]!);
    const up = p.upstream === 'ones' ? undefined : tensor(p.dtype, [p.n], Array.from({ length: p.n }, () => (p.upstream === 'nan' ? NaN : -0)));
    // Rows of one class: the mean over the last axis is each element's loss itself, so every element shows.
    return plannedCase({
      family: FAMILY, group: 'log_sigmoid', params: p,
      request: opRequest(FAMILY, { tensors: { input: tensor(p.dtype, [p.n, 1], x), label: tensor(p.dtype, [p.n, 1], y) }, args: { reduction: 'none' }, grad: ['input', 'label'], ...(up && { gradOutput: up }) }),
      description: `${p.dtype} [${p.n}, 1]: NaN, ±inf, 0, ±20, ±100, ±2^100, ±800 in packets and in the tail, labels 1, 0, −1, upstream ${p.upstream}`,
      rules: ['logsigmoid-packet-and-tail', 'scale-adds-zero-bias', ...(p.upstream === 'negative_zero' ? ['scale-grad-adds-zero', 'multiply-grad-is-upstream-times-other'] : [])], tags: ['grad', 'nan'],
    });
  });
}

/** The class mean: each row's sum over the last axis / C, for 1-D, 2-D and 3-D operands, long rows, and empty rows or batches. */
function classMeanCases(): PlannedCase[] {
  const rows = ParamSet.of({ shape: '5' }, { shape: '2x3x4' }, { shape: '3x1000' }, { shape: '2x7' }, { shape: '2x0' }, { shape: '0x3' })
    .combine('dtype', ['float32', 'float64'] as const).combine('reduction', ['none', 'mean', 'sum'] as const);
  const cases = [...rows].map((p) => {
    const shape = dims(p.shape);
    const empty = size(shape) === 0;
    const emptySum = p.shape === '0x3' && p.reduction === 'sum';
    return plannedCase({
      family: FAMILY, group: 'class_mean', params: p,
      request: opRequest(FAMILY, { tensors: operands(`class_mean/${p.shape},${p.dtype}`, p.dtype, shape), args: { reduction: p.reduction }, grad: empty ? undefined : ['input', 'label'] }),
      description: `${p.dtype} [${shape.join(', ')}], reduction '${p.reduction}': the mean over the last axis${empty ? ' of no element (NaN rows), or of no row' : ', then the reduction'}`,
      rules: ['mean-along-last-axis-sum-then-divide', ...(empty ? ['mean-of-empty-is-nan'] : []), ...(emptySum ? ['sum-of-empty-is-zero'] : [])], tags: empty ? ['zero'] : ['grad'],
    });
  });
  return [...cases, ...meanExactCases(), largeRowsCase()];
}

/**
 * mean over N = 1, 2 and 4 rows of 2 classes with upstream 1 or 3 (g / N exact, so the page's mean fixes both
 * gradients); labels 0 and 1 and scores ±0.5, ±1.5.
 */
function meanExactCases(): PlannedCase[] {
  const rows = ParamSet.of({ n: 1 }, { n: 2 }, { n: 4 }).combine('upstream', ['ones', 'given'] as const).combine('dtype', ['float32', 'float64'] as const);
  const [x, y] = [[0.5, -1.5, 1.5, -0.5, -0.5, 0.5, 1.5, 1.5], [1, 0, 0, 1, 1, 1, 0, 0]];
  return [...rows].map((p) => plannedCase({
    family: FAMILY, group: 'class_mean', params: { at: 'mean_exact', ...p },
    request: opRequest(FAMILY, {
      tensors: { input: tensor(p.dtype, [p.n, 2], x.slice(0, 2 * p.n)), label: tensor(p.dtype, [p.n, 2], y.slice(0, 2 * p.n)) },
      args: { reduction: 'mean' }, grad: ['input', 'label'], ...(p.upstream === 'given' && { gradOutput: tensor(p.dtype, [], [3]) }),
    }),
    description: `both gradients, ${p.dtype} [${p.n}, 2], mean over ${p.n} row(s) with upstream ${p.upstream === 'ones' ? '1' : '3'} (g / ${p.n} exact)`,
    clause: quote(CLAUSES.input, CLAUSES.label, CLAUSES.mean, CLAUSES.outputShape), tags: ['grad'],
  }));
}

/** 1100 rows of 3 classes, reduction 'none', both gradients: every row on its own (1100 is no multiple of 256). */
function largeRowsCase(): PlannedCase {
  return plannedCase({
    family: FAMILY, group: 'class_mean', params: { shape: '1100x3', dtype: 'float32', reduction: 'none', at: 'large' },
    request: opRequest(FAMILY, { tensors: operands('class_mean/large', 'float32', [1100, 3]), args: { reduction: 'none' }, grad: ['input', 'label'] }),
    description: "float32 [1100, 3], reduction 'none', both gradients: 1100 rows, each its own class mean",
    clause: quote(CLAUSES.input, CLAUSES.label, CLAUSES.none, CLAUSES.outputShape), tags: ['grad', 'large'],
  });
}

/** Operands of two dtypes: the two floats widen at the first multiply; an integer, bool or float16 label meets a float kernel's result. */
function dtypePairCases(): PlannedCase[] {
  const pairs: [WireDType, WireDType][] = [['float32', 'float64'], ['float64', 'float32'], ['float32', 'float16'], ['float32', 'int32'], ['float64', 'int64'], ['float32', 'bool']];
  return pairs.map(([a, b]) => {
    const floats = !['int32', 'int64', 'bool'].includes(b);
    return plannedCase({
      family: FAMILY, group: 'dtype_pairs', params: { input: a, label: b },
      request: opRequest(FAMILY, { tensors: { input: tensor(a, [2, 3], [1.5, -0.25, 3, 0, -2, 0.75]), label: tensor(b, [2, 3], [1, 0, 1, 0, 1, 1]) }, args: { reduction: 'none' }, grad: floats ? ['input'] : undefined }),
      description: `${a} input with a ${b} label: ${floats ? 'the wider float' : 'refused since Paddle 3.0.0; before, the product in the label\'s dtype'}`,
      rules: floats ? ['promotion-float-dtypes-widen'] : ['promotion-refuses-int-with-float', 'multiply-operator-casts-other-before-3-0-0'], ...(!floats && { tags: ['error'] }),
    });
  });
}

/** The standard groups, with the loss's upstream of its own shape: 'none' gives one loss per row ([2], not [2, 3]). */
function withRowUpstream(groups: Groups): Groups {
  const rows = (c: PlannedCase): PlannedCase => {
    const up = c.request.grad_output;
    if (!up || up.shape.length !== 2) return c;
    return { ...c, request: { ...c.request, grad_output: tensor(up.dtype as WireDType, [up.shape[0]!], valuesOf(decodeTensor(up)).slice(0, up.shape[0])) } };
  };
  return { ...groups, gradients: () => groups.gradients!().map(rows) };
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  ...withRowUpstream(standardLossGroups({
    family: FAMILY,
    clauses: CLAUSES,
    example: { shape: [3, 3], input: [1, -2, 3, 0, -1, 2, 1, 0, 1], label: [-1, 1, -1, 1, 1, 1, 1, -1, 1] },
    integersDocumented: false,
    integersRule: 'logsigmoid-float-kernels-only',
    rules: {
      badReduction: 'multi-label-soft-margin-reduction-checked-first',
      legacyArguments: 'multi-label-soft-margin-layer-legacy-arguments',
      broadcasts: 'multi-label-soft-margin-shapes-must-equal',
      gradNegates: 'multiply-grad-is-upstream-times-other',
      refused: { float16: 'logsigmoid-float-kernels-only', bool: 'logsigmoid-float-kernels-only', bfloat16: 'logsigmoid-float-kernels-only' },
      integerMean: { rule: 'logsigmoid-float-kernels-only', raises: true },
      integerSum: 'logsigmoid-float-kernels-only',
      emptyMean: 'mean-of-empty-is-nan',
      emptySum: 'mean-along-last-axis-sum-then-divide',
      meanGrad: 'mean-grad-divides-by-count',
      nan: ['logsigmoid-packet-and-tail'],
      zero: ['scale-adds-zero-bias', 'logsigmoid-packet-and-tail'],
    },
  })),
  weight: weightCases,
  weight_dtypes: weightDtypeCases,
  log_sigmoid: logSigmoidCases,
  class_mean: classMeanCases,
  dtype_pairs: dtypePairCases,
};
