/**
 * kl_div's groups: the standard plan of an input-label loss (scripts/case_plan/standard_loss.ts) with this
 * op's page and rules (labels kept positive there, only input has a gradient, a bad reduction is not
 * checked), and its own: 'batchmean', log_target, labels ≤ 0, the dtype pairs and the upstream's NaN.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import type { WireDType } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';
import { CLAUSE_SEPARATOR } from '../clauses.js';
import { ParamSet } from '../params.js';
import type { Groups } from '../plan.js';
import { opRequest, plannedCase } from '../planned_case.js';
import { standardLossGroups } from '../standard_loss.js';
import { tensor } from '../tensor.js';
import { CLAUSES, OWN_CLAUSES } from './clauses.js';

const FAMILY = 'kl_div';
const quote = (...c: string[]): string => c.join(CLAUSE_SEPARATOR);
const f32 = (bits: number[]): Float32Array => new Float32Array(Uint32Array.from(bits).buffer);

/** Log-probabilities in (−3, 0) and positive labels (a probability, or its log under log_target), from a seed. */
function operands(seed: string, dtype: 'float32' | 'float64', shape: number[]) {
  const rng = new Prng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const round = dtype === 'float32' ? Math.fround : (v: number): number => v;
  return {
    input: tensor(dtype, shape, Array.from({ length: n }, () => round(rng.uniform(-3, 0)))),
    label: tensor(dtype, shape, Array.from({ length: n }, () => round(rng.uniform(0.05, 1)))),
  };
}

/**
 * 'batchmean' over batch sizes N = 1, 2, 4 (sum / N exact: the page fixes it) and 3, 5, 7 (sum / N and
 * sum · round(1 / N) may round apart: rule tensor-div-int-is-scale-before-3-3-1), both forms, with input's
 * gradient; then 0-D operands (no batch: the unreduced loss) and an empty batch.
 */
function batchmeanCases(): PlannedCase[] {
  const rows = ParamSet.of({ shape: '1x6' }, { shape: '2x3' }, { shape: '4x2x2' }, { shape: '3x4' }, { shape: '5x2' }, { shape: '7x1x3' })
    .combine('dtype', ['float32', 'float64'] as const).combine('log_target', [false, true]);
  const cases = [...rows].map((p) => {
    const shape = p.shape.split('x').map(Number);
    const exact = [1, 2, 4].includes(shape[0]!);
    const ops = operands(`batchmean/${p.shape},${p.dtype},${p.log_target}`, p.dtype, shape);
    const request = opRequest(FAMILY, { tensors: ops, args: { reduction: 'batchmean', ...(p.log_target && { log_target: true }) }, grad: exact ? ['input'] : undefined });
    const description = `${p.dtype} [${shape.join(', ')}], log_target ${p.log_target ? 'True' : 'False'}, reduction 'batchmean': the sum over N = ${shape[0]}${exact ? ', with input\'s gradient' : ''}`;
    if (exact) return plannedCase({ family: FAMILY, group: 'batchmean', params: p, request, description, clause: quote(...(p.log_target ? [OWN_CLAUSES.logTarget] : []), OWN_CLAUSES.batchmean, OWN_CLAUSES.batchmeanShape, CLAUSES.functional) });
    return plannedCase({ family: FAMILY, group: 'batchmean', params: p, request, description, rules: ['tensor-div-int-is-scale-before-3-3-1'] });
  });
  const layer = plannedCase({
    family: FAMILY, group: 'batchmean', params: { form: 'layer', shape: '2x3' },
    request: opRequest(FAMILY, { form: 'layer', tensors: operands('batchmean/layer', 'float32', [2, 3]), args: { reduction: 'batchmean', log_target: true } }),
    description: "KLDivLoss(reduction='batchmean', log_target=True) on float32 [2, 3]", clause: quote(OWN_CLAUSES.logTarget, OWN_CLAUSES.batchmean, CLAUSES.layer),
  });
  const scalar = plannedCase({
    family: FAMILY, group: 'batchmean', params: { shape: 'scalar' },
    request: opRequest(FAMILY, { tensors: { input: tensor('float32', [], [-0.75]), label: tensor('float32', [], [0.375]) }, args: { reduction: 'batchmean' }, grad: ['input'] }),
    description: "0-D operands, reduction 'batchmean': no batch size, the unreduced loss", clause: quote(OWN_CLAUSES.batchmean, CLAUSES.none),
  });
  const empty = plannedCase({
    family: FAMILY, group: 'batchmean', params: { shape: '0x3' },
    request: opRequest(FAMILY, { tensors: { input: tensor('float32', [0, 3], []), label: tensor('float32', [0, 3], []) }, args: { reduction: 'batchmean' } }),
    description: "an empty batch [0, 3], reduction 'batchmean': the sum 0 over N = 0", rules: ['sum-of-empty-is-zero', 'tensor-div-int-is-scale-before-3-3-1'],
  });
  return [...cases, layer, scalar, empty];
}

/**
 * log_target True and False (and None, read as False; an int or str refused) through every reduction,
 * then exp(label) where glibc's and Eigen's packet exp part: nine labels of −100 (a packet and a tail),
 * and labels past expf's overflow (88.8: inf) and underflow (−104: 0).
 */
function logTargetCases(): PlannedCase[] {
  const rows = ParamSet.control({ log_target: true as boolean | null }).vary('log_target', [false]).combine('reduction', ['none', 'mean', 'sum'] as const).combine('dtype', ['float32', 'float64'] as const);
  const cases = [...rows].map((p) => {
    const rng = new Prng(`log_target/${p.log_target},${p.reduction},${p.dtype}`);
    const round = p.dtype === 'float32' ? Math.fround : (v: number): number => v;
    const input = tensor(p.dtype, [2, 3], Array.from({ length: 6 }, () => round(rng.uniform(-3, 0))));
    const label = tensor(p.dtype, [2, 3], Array.from({ length: 6 }, () => round(p.log_target ? rng.uniform(-3, 0) : rng.uniform(0.05, 1))));
    const request = opRequest(FAMILY, { tensors: { input, label }, args: { reduction: p.reduction, log_target: p.log_target }, grad: ['input'] });
    const description = `log_target ${p.log_target ? 'True' : 'False'}, ${p.dtype} [2, 3], reduction '${p.reduction}', with input's gradient`;
    if (p.reduction === 'mean') return plannedCase({ family: FAMILY, group: 'log_target', params: p, request, description, rules: ['mean-grad-divides-by-count'] });
    return plannedCase({ family: FAMILY, group: 'log_target', params: p, request, description, clause: quote(p.log_target ? OWN_CLAUSES.logTarget : CLAUSES[p.reduction], CLAUSES[p.reduction]) });
  });
  const parsed = ParamSet.of({ log_target: null as null | number | string }, { log_target: 1 }, { log_target: 0 }, { log_target: 'x' }).combine('form', ['functional', 'layer'] as const);
  const parsedCases = [...parsed].map((p) => plannedCase({
    family: FAMILY, group: 'log_target', params: p,
    request: opRequest(FAMILY, { form: p.form, tensors: operands('log_target/parsed', 'float32', [3]), args: { reduction: 'none', log_target: p.log_target } }),
    description: `log_target=${JSON.stringify(p.log_target)} through the ${p.form} form: ${p.log_target === null ? 'False' : 'TypeError'}`,
    rules: ['kl-div-log-target'], ...(p.log_target !== null && { tags: ['error'] }),
  }));
  const exps = ParamSet.of({ at: 'minus_100_x9' }, { at: 'overflow_underflow' });
  const expCases = [...exps].map((p) => {
    const label = p.at === 'minus_100_x9' ? Array(9).fill(-100) : [88.8, 88.7, -104, -103.9, 0, 1].map(Math.fround);
    return plannedCase({
      family: FAMILY, group: 'log_target', params: p,
      request: opRequest(FAMILY, { tensors: { input: tensor('float32', [label.length], label.map(() => 0)), label: tensor('float32', [label.length], label) }, args: { reduction: 'none', log_target: true }, grad: ['input'] }),
      description: `log_target True, labels [${label.join(', ')}], input 0: exp(label) is the C library's on every element`,
      rules: ['kldiv-loss-libm-exp-and-log'],
    });
  });
  return [...cases, ...parsedCases, ...expCases];
}

/**
 * Labels ≤ 0 without log_target (0 · log 0, a negative probability): +0 whatever the input (NaN and inf
 * too), and a +0 gradient; the same labels under log_target are ordinary log-probabilities.
 */
function labelCases(): PlannedCase[] {
  const [NAN, INF, NEG_INF, NEG_ZERO] = [0x7fc00000, 0x7f800000, 0xff800000, 0x80000000];
  const x = f32([0x3f000000, NAN, INF, NEG_INF, 0xbf800000, 0x40000000, 0x3f800000, NAN]);
  const y = f32([0, 0, 0, NEG_ZERO, 0xbf800000, NEG_INF, 0x3f000000, 0x3f000000]);
  const rows = ParamSet.of({ reduction: 'none' }, { reduction: 'sum' }, { reduction: 'mean' }).combine('log_target', [false, true]);
  return [...rows].map((p) => plannedCase({
    family: FAMILY, group: 'labels', params: p,
    request: opRequest(FAMILY, { tensors: { input: tensor('float32', [8], x), label: tensor('float32', [8], y) }, args: { reduction: p.reduction, log_target: p.log_target }, grad: ['input'] }),
    description: `labels 0, -0, -1, -inf, 0.5 against inputs 0.5, NaN, inf, -inf, -1, 2, 1, NaN, log_target ${p.log_target ? 'True' : 'False'}, reduction '${p.reduction}', input's gradient`,
    rules: ['kldiv-loss-label-not-positive-is-zero', 'kldiv-loss-grad-negated-factor'], tags: ['nan', 'zero'],
  }));
}

/** The dtype pairs: float32 with float64 widens (the Python source casts); any other pair reaches the kernel as it is. */
function dtypePairCases(): PlannedCase[] {
  const pairs: [WireDType, WireDType][] = [['float32', 'float64'], ['float64', 'float32'], ['float32', 'float16'], ['float16', 'float32'], ['float32', 'int32'], ['int32', 'float32'], ['float64', 'int64']];
  const empty = plannedCase({
    family: FAMILY, group: 'dtype_pairs', params: { input: 'float32', label: 'int32', shape: '0' },
    request: opRequest(FAMILY, { tensors: { input: tensor('float32', [0], []), label: tensor('int32', [0], []) }, args: { reduction: 'none' } }),
    description: 'empty float32 input with an empty int32 label: the kernel returns before it reads the label (since Paddle 3.1.0)',
    rules: ['kldiv-loss-float-kernels-only'],
  });
  return [empty, ...pairs.map(([a, b]) => {
    const widen = a !== b && ['float32', 'float64'].includes(a) && ['float32', 'float64'].includes(b);
    return plannedCase({
      family: FAMILY, group: 'dtype_pairs', params: { input: a, label: b },
      request: opRequest(FAMILY, {
        tensors: { input: tensor(a, [3], a.startsWith('int') ? [-1, -2, 0] : [-1.125, -0.25, -2.75]), label: tensor(b, [3], b.startsWith('int') ? [1, 2, 0] : [0.375, 0.625, 0.125]) },
        args: { reduction: 'none' }, grad: widen ? ['input'] : undefined,
      }),
      description: `${a} input with a ${b} label: ${widen ? 'both in float64' : 'the kernel of input\'s dtype refuses'}`,
      rules: [widen ? 'kl-div-float32-float64-widen' : 'kldiv-loss-float-kernels-only'], ...(!widen && { tags: ['error'] }),
    });
  })];
}

/** NaN upstream of both signs and a NaN label: the gradient (−t) · g keeps g's NaN and flips t's. */
function upstreamCases(): PlannedCase[] {
  const g = f32([0x7fc00000, 0xffc00000, 0x7fc00000, 0xffc00000, 0x3f800000, 0xbf800000]);
  return [false, true].map((logTarget) => plannedCase({
    family: FAMILY, group: 'upstream', params: { upstream: 'nan_both_signs', log_target: logTarget },
    request: opRequest(FAMILY, {
      tensors: { input: tensor('float32', [6], [0.5, -0.5, 2, -2, 1, 1]), label: tensor('float32', [6], f32([0x3f000000, 0x3e800000, 0x3f000000, 0x3e800000, 0x7fc00000, 0xffc00000])) },
      args: { reduction: 'none', log_target: logTarget }, grad: ['input'], gradOutput: tensor('float32', [6], g),
    }),
    description: `upstream +NaN and -NaN, then labels +NaN and -NaN, log_target ${logTarget ? 'True' : 'False'}: the upstream's NaN kept, the label's negated`,
    rules: ['kldiv-loss-grad-negated-factor'], tags: ['grad', 'nan'],
  }));
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  ...standardLossGroups({
    family: FAMILY,
    clauses: CLAUSES,
    example: { shape: [2, 3], input: [-1.25, -0.5, -2.25, -0.125, -1.75, -0.875], label: [0.25, 0.5, 0.125, 0.75, 0.0625, 0.375] },
    integersDocumented: false,
    integersRule: 'kldiv-loss-float-kernels-only',
    grad: ['input'],
    positiveLabels: true,
    badReductionRaises: false,
    rules: {
      badReduction: 'kl-div-reduction-unchecked',
      legacyArguments: 'kl-div-layer-legacy-arguments',
      broadcasts: 'kldiv-loss-shapes-must-equal',
      gradNegates: 'kldiv-loss-grad-negated-factor',
      refused: { float16: 'kldiv-loss-float-kernels-only', bool: 'kldiv-loss-float-kernels-only', bfloat16: 'kldiv-loss-float-kernels-only' },
      integerMean: { rule: 'kldiv-loss-float-kernels-only', raises: true },
      integerSum: 'kldiv-loss-float-kernels-only',
      emptyMean: 'mean-of-empty-is-nan',
      emptySum: 'sum-of-empty-is-zero',
      meanGrad: 'mean-grad-divides-by-count',
      nan: ['kldiv-loss-label-not-positive-is-zero'],
      zero: ['kldiv-loss-label-not-positive-is-zero'],
    },
  }),
  batchmean: batchmeanCases,
  log_target: logTargetCases,
  labels: labelCases,
  dtype_pairs: dtypePairCases,
  upstream: upstreamCases,
};
