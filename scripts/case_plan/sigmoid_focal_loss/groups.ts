/**
 * sigmoid_focal_loss's groups (functional only, so not the standard plan, whose layer and 1-D cases do not fit): the
 * page's example, the reductions over both dtypes and 2-D/3-D/0-D/empty shapes, the 1-D logits Paddle refuses, the
 * refused dtypes, the normalizer absent, given, broadcast, promoted and refused, alpha and gamma at and beyond the
 * page's ranges, large, infinite and NaN logits (and NaN's sign by packet position), labels outside [0, 1] and at
 * the ignore_index −100, and both gradients with an upstream.
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { TensorJson, WireDType } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';
import { CLAUSE_SEPARATOR } from '../clauses.js';
import { ParamSet } from '../params.js';
import type { Groups } from '../plan.js';
import { DEFAULT, floatKwarg, opRequest, plannedCase } from '../planned_case.js';
import { tensor } from '../tensor.js';
import { CLAUSES } from './clauses.js';

const FAMILY = 'sigmoid_focal_loss';
type Clause = keyof typeof CLAUSES;
const quote = (...c: Clause[]): string => c.map((k) => CLAUSES[k]).join(CLAUSE_SEPARATOR);
const dims = (s: string): number[] => (s === 'scalar' ? [] : s.split('x').map(Number));
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const GRAD = ['logit', 'label'] as const;
/** The page gives no label gradient (rule sigmoid-focal-label-gets-gradient): spec cases ask for logit's alone. */
const SPEC_GRAD = ['logit'] as const;
const REDUCTIONS = ['none', 'mean', 'sum'] as const;

/** Logits in (−4, 4) and labels 0, 1 or in (0, 1) of a shape and dtype, from a seed (integers: small whole values). */
function operands(seed: string, dtype: WireDType, shape: readonly number[]): { logit: TensorJson; label: TensorJson } {
  const rng = new Prng(seed);
  const floating = dtype === 'float32' || dtype === 'float64';
  const round = dtype === 'float64' ? (v: number): number => v : dtype === 'float32' ? Math.fround : (v: number): number => Math.round(v * 4) / 4 + 0;
  const whole = (v: number): number => (floating ? round(v) : dtype === "bool" ? Number(v > 0) : Math.round(v) + 0);
  return {
    logit: tensor(dtype, shape, Array.from({ length: size(shape) }, () => whole(rng.uniform(-4, 4)))),
    label: tensor(dtype, shape, Array.from({ length: size(shape) }, (_, i) => (i % 3 === 2 ? whole(rng.uniform(0, 1)) : i % 3))),
  };
}

/** The page's example (normalizer fg_num = 2, a 0-D float32), and without the normalizer under every reduction. */
function docExampleCases(): PlannedCase[] {
  const logit = tensor('float32', [2, 3], [0.97, 0.91, 0.03, 0.55, 0.43, 0.71].map(Math.fround));
  const label = tensor('float32', [2, 3], [1, 0, 0, 0, 1, 0]);
  const rows = ParamSet.of({ normalizer: true as boolean, reduction: DEFAULT as string }).combine('dummy', [0]);
  const withNorm = [...rows].map((p) => plannedCase({
    family: FAMILY, group: 'doc_example', params: { normalizer: p.normalizer, reduction: p.reduction },
    request: opRequest(FAMILY, { tensors: { logit, label, normalizer: tensor('float32', [], [2]) } }),
    description: "the page's example: normalizer fg_num = 2 (0-D), reduction 'sum' by default", clause: quote('example', 'formula', 'normalizer', 'reductionDefault'), tags: ['doc'],
  }));
  const plain = [...ParamSet.of({ normalizer: false as boolean }).combine('reduction', [DEFAULT, ...REDUCTIONS] as const)].map((p) => plannedCase({
    family: FAMILY, group: 'doc_example', params: p,
    request: opRequest(FAMILY, { tensors: { logit, label }, args: { reduction: p.reduction }, grad: SPEC_GRAD }),
    description: `the page's logit and label without a normalizer, reduction ${p.reduction}, logit's gradient`,
    clause: quote('formula', p.reduction === DEFAULT ? 'reductionDefault' : p.reduction, 'returns'), tags: ['doc'],
  }));
  return [...withNorm, ...plain];
}

/** Every reduction over both float dtypes and 2-D, 3-D, 0-D and empty shapes; bad reductions. */
function reductionCases(): PlannedCase[] {
  const rows = ParamSet.of({ shape: '2x3' }, { shape: '1x2' }, { shape: '2x2' }, { shape: '1x7' }, { shape: '30x41' }, { shape: '2x3x4' }, { shape: '4x9' }, { shape: 'scalar' }, { shape: '0x3' }).combine('dtype', ['float32', 'float64'] as const).combine('reduction', REDUCTIONS);
  const valid = [...rows].map((p) => plannedCase({
    family: FAMILY, group: 'reductions', params: p,
    request: opRequest(FAMILY, { tensors: operands(`reductions/${p.shape},${p.dtype},${p.reduction}`, p.dtype, dims(p.shape)), args: { reduction: p.reduction }, grad: SPEC_GRAD }),
    description: `${p.dtype} [${p.shape}], reduction '${p.reduction}', logit's gradient`,
    ...(p.shape === '0x3' && p.reduction === 'mean' ? { rules: ['mean-all-of-empty-is-nan'] } : p.shape === '0x3' && p.reduction === 'sum' ? { rules: ['sum-of-empty-is-zero'] } : { clause: quote('formula', 'logit', 'label', p.reduction, 'returns') }),
  }));
  const bad = [...ParamSet.of({ reduction: 'MEAN' as string | null }, { reduction: 'avg' }, { reduction: '' }, { reduction: null })].map((p) => plannedCase({
    family: FAMILY, group: 'reductions', params: p,
    request: opRequest(FAMILY, { tensors: operands('reductions/bad', 'float32', [2, 3]), args: { alpha: null, reduction: p.reduction } }),
    description: `reduction ${JSON.stringify(p.reduction)} with alpha None: the reduction's ValueError before alpha's TypeError`,
    rules: ['sigmoid-focal-reduction-checked-first'], tags: ['error'],
  }));
  return [...valid, ...bad];
}

/** 1-D logits (refused whatever their size or dtype), rank and shape mismatches, and the dtypes the kernels refuse. */
function shapeAndDtypeCases(): PlannedCase[] {
  const oneD = [...ParamSet.of({ shape: '3' }, { shape: '1' }, { shape: '0' }, { shape: '8' }).combine('dtype', ['float32', 'int32'] as WireDType[])].map((p) => plannedCase({
    family: FAMILY, group: 'shapes_dtypes', params: { at: '1-d', ...p },
    request: opRequest(FAMILY, { tensors: operands(`1d/${p.shape}`, p.dtype, dims(p.shape)), args: { reduction: 'none' } }),
    description: `a 1-D ${p.dtype} logit [${p.shape}]: ValueError from full(paddle.shape(logit))`,
    rules: ['sigmoid-focal-1-d-logit-refused'], tags: ['error'],
  }));
  const shapes = [...ParamSet.of({ logit: '2x3', label: '1x3' }, { logit: '2x3', label: '3' }, { logit: '2x3', label: '2x4' }, { logit: 'scalar', label: '1' })].map((p) => plannedCase({
    family: FAMILY, group: 'shapes_dtypes', params: { at: 'shapes', ...p },
    request: opRequest(FAMILY, { tensors: { logit: operands('shapes', 'float32', dims(p.logit)).logit, label: operands('shapes', 'float32', dims(p.label)).label } }),
    description: `logit [${p.logit}] against label [${p.label}]: ValueError, no broadcasting`,
    rules: ['sigmoid-ce-shapes-must-equal'], tags: ['error'],
  }));
  const pairs = ParamSet.of({ logit: 'float16' as WireDType, label: 'float16' as WireDType }, { logit: 'bfloat16', label: 'bfloat16' }, { logit: 'int32', label: 'int32' }, { logit: 'int64', label: 'int64' }, { logit: 'bool', label: 'bool' },
    { logit: 'float32', label: 'float64' }, { logit: 'float64', label: 'float32' }, { logit: 'float32', label: 'int64' }, { logit: 'float16', label: 'float32' });
  const dtypes = [...pairs].map((p) => plannedCase({
    family: FAMILY, group: 'shapes_dtypes', params: { at: 'dtypes', ...p },
    request: opRequest(FAMILY, { tensors: { logit: operands("dtypes", p.logit as WireDType, [2, 2]).logit, label: operands("dtypes", p.label as WireDType, [2, 2]).label }, args: { reduction: 'none' } }),
    description: `a ${p.logit} logit with a ${p.label} label: the label's dtype picks the kernel, float32 and float64 only`,
    rules: ['sigmoid-ce-kernel-dtype-of-last-input'], tags: ['error'],
  }));
  return [...oneD, ...shapes, ...dtypes];
}

/** The normalizer: 0-D and [1] (the page's), broadcast [C] and [N, C]-refused shapes, other dtypes, 0 and negative values. */
function normalizerCases(): PlannedCase[] {
  const rows = ParamSet.of({ shape: 'scalar', dtype: 'float32' as WireDType, value: 2.5 }, { shape: '1', dtype: 'float32', value: 2.5 }, { shape: '3', dtype: 'float32', value: 2.5 }, { shape: '2', dtype: 'float32', value: 2.5 },
    { shape: '1x1', dtype: 'float32', value: 2.5 }, { shape: 'scalar', dtype: 'float64', value: 3 }, { shape: '1', dtype: 'float64', value: 3 }, { shape: 'scalar', dtype: 'int32', value: 3 }, { shape: '1', dtype: 'int32', value: 3 },
    { shape: 'scalar', dtype: 'float16', value: 3 }, { shape: 'scalar', dtype: 'float32', value: 0 }, { shape: 'scalar', dtype: 'float32', value: -4 }, { shape: '0', dtype: 'float32', value: 1 })
    .combine('reduction', REDUCTIONS);
  return [...rows].map((p) => {
    const shape = dims(p.shape);
    const values = Array.from({ length: size(shape) }, (_, k) => (p.shape === '3' ? [2.5, 0.5, 4][k]! : p.value));
    const page = (p.shape === 'scalar' || p.shape === '1') && p.dtype === 'float32' && p.value > 0;
    const rules = page ? undefined : p.dtype === 'float64' && p.shape === '1' ? ['promotion-float-dtypes-widen'] : p.shape === '1x1' ? ['sigmoid-focal-normalizer-any-dtype-and-shape'] : p.dtype === 'int32' && p.shape === '1' ? ['sigmoid-focal-normalizer-any-dtype-and-shape', 'promotion-refuses-int-with-float'] : ['sigmoid-focal-normalizer-any-dtype-and-shape', 'promotion-float-dtypes-widen'];
    return plannedCase({
      family: FAMILY, group: 'normalizer', params: p,
      request: opRequest(FAMILY, { tensors: { ...operands(`normalizer/${p.reduction}`, 'float32', [2, 3]), normalizer: tensor(p.dtype as WireDType, shape, values) }, args: { reduction: p.reduction }, grad: page ? SPEC_GRAD : GRAD }),
      description: `a ${p.dtype} normalizer [${p.shape}] of ${p.shape === '3' ? '[2.5, 0.5, 4]' : p.value} with float32 logit and label [2, 3], reduction '${p.reduction}', ${page ? "logit's gradient" : 'both gradients'}`,
      ...(page ? { clause: quote('normalizer', 'normalizerArg', p.reduction) } : { rules }),
    });
  });
}

/** alpha and gamma one at a time: the page's range, its edges, values beyond it, and values to_tensor refuses or rounds. */
function alphaGammaCases(): PlannedCase[] {
  const alphas: KwargJson[] = [0, 1, 0.5, -1, 2, 1e39, true, null, '0.5'];
  const gammas: KwargJson[] = [0, 1, 0.5, 3, 2.5, -1, -0.5, 0.1, true, null, '2', 'NaN'];
  const rows = [...alphas.map((v) => ({ key: 'alpha', value: v })), ...gammas.map((v) => ({ key: 'gamma', value: v }))];
  return rows.flatMap(({ key, value }) => (['float32', 'float64'] as const).map((dtype) => {
    const inPage = typeof value === 'number' && (key === 'gamma' ? value >= 0 : value >= 0 && value <= 1);
    return plannedCase({
      family: FAMILY, group: 'alpha_gamma', params: { [key]: value === null ? 'None' : typeof value === 'string' && value !== 'NaN' ? `str_${value}` : String(value), dtype },
      request: opRequest(FAMILY, { tensors: operands(`alpha_gamma/${key}`, dtype, [3, 4]), args: { [key]: value, reduction: 'none' }, grad: inPage ? SPEC_GRAD : GRAD }),
      description: `${key} = ${JSON.stringify(value)} on ${dtype} [3, 4], reduction 'none', ${inPage ? "logit's gradient" : 'both gradients'}`,
      ...(inPage ? { clause: quote('formula', key === 'alpha' ? 'alpha' : 'gamma', 'none') } : { rules: ['sigmoid-focal-alpha-gamma-to-tensor', ...(key === 'gamma' ? ['pow-is-libm-pow'] : [])] }),
      ...(value === null || typeof value === 'string' && value !== 'NaN' ? { tags: ['error'] } : {}),
    });
  }));
}

/** Large, infinite and NaN logits with labels 0, 0.5 and 1; NaN logits in and after the last whole packet. */
function extremeCases(): PlannedCase[] {
  const xs = [17, -17, 37, -37, 88.8, -104, 750, -750, 1e30, -1e30, Infinity, -Infinity, NaN, 0, -0];
  const extremes = [...ParamSet.of({ dtype: 'float32' as 'float32' | 'float64' }, { dtype: 'float64' as const })].map((p) => {
    const round = p.dtype === 'float32' ? Math.fround : (v: number): number => v;
    const x = xs.flatMap((v) => [v, v, v]).map(round);
    const y = xs.flatMap(() => [0, 0.5, 1]);
    return plannedCase({
      family: FAMILY, group: 'extremes', params: p,
      request: opRequest(FAMILY, { tensors: { logit: tensor(p.dtype, [xs.length, 3], x), label: tensor(p.dtype, [xs.length, 3], y) }, args: { reduction: 'none' }, grad: GRAD }),
      description: `${p.dtype} logits ±17 … ±1e30, ±inf, NaN, ±0 with labels 0, 0.5, 1: the stable cross entropy, no overflow, inf − inf is NaN`,
      rules: ['sigmoid-ce-two-stable-forms', 'sigmoid-ce-grad-at-zero', 'pow-is-libm-pow'], tags: ['nan', 'inf'],
    });
  });
  const packets = [...ParamSet.of({ dtype: 'float32' as 'float32' | 'float64', n: 9 }, { dtype: 'float32', n: 8 }, { dtype: 'float64', n: 5 }, { dtype: 'float64', n: 4 })].map((p) => plannedCase({
    family: FAMILY, group: 'extremes', params: { at: 'nan_packets', ...p },
    request: opRequest(FAMILY, { tensors: { logit: tensor(p.dtype as WireDType, [1, p.n], Array(p.n).fill(NaN)), label: tensor(p.dtype as WireDType, [1, p.n], Array(p.n).fill(0.5)) }, args: { reduction: 'none' }, grad: GRAD }),
    description: `${p.n} +NaN logits (${p.dtype}): sigmoid keeps a NaN's sign in a whole packet and flips it in the tail`,
    rules: ['sigmoid-nan-sign-by-position'], tags: ['nan'],
  }));
  return [...extremes, ...packets];
}

/** Labels outside [0, 1], NaN, and around the ignore_index −100; a random large case with an upstream gradient. */
function labelAndGradCases(): PlannedCase[] {
  const labels = [...ParamSet.of({ dtype: 'float32' as 'float32' | 'float64' }, { dtype: 'float64' as const }).combine('reduction', ['none', 'sum'] as const)].map((p) => {
    const y = [2, -1, 1.5, -0.5, NaN, -100, -100.5, -99.5, -99, -101, 0.25, 1];
    const x = [0.5, -3, 3, 1.25, 1, 1, 1, -2, 1, 1, 0, -0.75];
    return plannedCase({
      family: FAMILY, group: 'labels_grads', params: { at: 'labels', ...p },
      request: opRequest(FAMILY, { tensors: { logit: tensor(p.dtype, [3, 4], x), label: tensor(p.dtype, [3, 4], y) }, args: { reduction: p.reduction, gamma: 0.5 }, grad: GRAD }),
      description: `labels 2, −1, 1.5, −0.5, NaN and around −100 with gamma 0.5, ${p.dtype}, reduction '${p.reduction}': computed, 0 where the label truncates to −100, NaN from pow of a negative base`,
      rules: ['sigmoid-ce-ignore-index', 'sigmoid-focal-label-gets-gradient', 'pow-is-libm-pow'], tags: ['nan'],
    });
  });
  const grads = [...ParamSet.of({ dtype: 'float32' as 'float32' | 'float64' }, { dtype: 'float64' as const }).combine('reduction', REDUCTIONS)].map((p) => {
    const rng = new Prng(`grads/${p.dtype},${p.reduction}`);
    const { logit, label } = operands(`grads/${p.dtype},${p.reduction}`, p.dtype, [16, 20]);
    const round = p.dtype === 'float32' ? Math.fround : (v: number): number => v;
    const up = p.reduction === 'none' ? tensor(p.dtype, [16, 20], Array.from({ length: 320 }, () => round(rng.uniform(-2, 2)))) : tensor(p.dtype, [], [round(-1.5)]);
    return plannedCase({
      family: FAMILY, group: 'labels_grads', params: { at: 'upstream', ...p },
      request: opRequest(FAMILY, { tensors: { logit, label }, args: { reduction: p.reduction, alpha: floatKwarg(0.75), gamma: 1.5 }, grad: GRAD, gradOutput: up }),
      description: `${p.dtype} [16, 20] with alpha 0.75, gamma 1.5, reduction '${p.reduction}', an upstream gradient: both gradients`,
      rules: ['sigmoid-focal-label-gets-gradient', ...(p.reduction === 'mean' ? ['mean-all-grad-divides-by-count'] : [])],
    });
  });
  return [...labels, ...grads];
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  doc_example: docExampleCases,
  reductions: reductionCases,
  shapes_dtypes: shapeAndDtypeCases,
  normalizer: normalizerCases,
  alpha_gamma: alphaGammaCases,
  extremes: extremeCases,
  labels_grads: labelAndGradCases,
};
