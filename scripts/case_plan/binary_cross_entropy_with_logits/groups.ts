/**
 * binary_cross_entropy_with_logits's groups: the standard plan of a (logit, label) loss with this op's page and rules
 * (labels in [0, 1], logit's gradient alone), and its own: weight and pos_weight absent, given, broadcast, of a bad
 * shape or another dtype; large, infinite and NaN logits under both stable forms; the ignored label −100; the
 * gradient at logit ±0; and which tensor's dtype picks the kernel.
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

const FAMILY = 'binary_cross_entropy_with_logits';
const quote = (...c: string[]): string => c.join(CLAUSE_SEPARATOR);
const dims = (s: string): number[] => (s === 'scalar' ? [] : s.split('x').map(Number));
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Logits in (−4, 4) and labels in [0, 1] of a shape, from a seed. */
function operands(seed: string, dtype: 'float32' | 'float64', shape: number[]) {
  const rng = new Prng(seed);
  const round = dtype === 'float32' ? Math.fround : (v: number): number => v;
  return {
    logit: tensor(dtype, shape, Array.from({ length: size(shape) }, () => round(rng.uniform(-4, 4)))),
    label: tensor(dtype, shape, Array.from({ length: size(shape) }, (_, i) => (i % 3 === 2 ? round(rng.uniform(0, 1)) : i % 3))),
  };
}

/**
 * weight and pos_weight: absent (the standard groups), of logit's shape, broadcast ([C] against [N, C], [N, 1], [1],
 * []), of a shape that cannot broadcast or that enlarges the loss, float64 with float32 logits, and int32; every
 * reduction, with logit's gradient.
 */
function optionalTensorCases(): PlannedCase[] {
  const rows = ParamSet.of({ tensor: 'weight' as 'weight' | 'pos_weight' }, { tensor: 'pos_weight' as const })
    .combine('shape', ['2x3', '3', '2x1', '1', 'scalar', '2', '4x2x3'])
    .combine('reduction', ['none', 'mean', 'sum'] as const);
  const cases = [...rows].map((p) => {
    const rng = new Prng(`optional/${p.tensor},${p.shape},${p.reduction}`);
    const shape = dims(p.shape);
    const given = tensor('float32', shape, Array.from({ length: size(shape) }, () => Math.fround(rng.uniform(0.25, 3))));
    const request = opRequest(FAMILY, { tensors: { ...operands(`optional/${p.tensor},${p.reduction}`, 'float32', [2, 3]), [p.tensor]: given }, args: { reduction: p.reduction }, grad: ['logit'] });
    const description = `${p.tensor} [${shape.join(', ')}] with logit and label [2, 3], reduction '${p.reduction}', logit's gradient`;
    const bad = p.shape === '2' || (p.tensor === 'pos_weight' && p.shape === '4x2x3');
    const rules = p.tensor === 'weight'
      ? ['bce-logits-weight-mean-over-count', 'multiply-broadcasts', ...(p.reduction === 'mean' ? ['mean-all-grad-divides-by-count'] : [])]
      : ['bce-logits-pos-weight-broadcasts', 'sigmoid-ce-two-stable-forms', ...(bad ? ['sigmoid-ce-shapes-must-equal'] : [])];
    return plannedCase({ family: FAMILY, group: 'optional_tensors', params: p, request, description: bad ? `${description}: ValueError` : description, rules, ...(bad && { tags: ['error'] }) });
  });
  const dtypes = ParamSet.of({ tensor: 'weight' as 'weight' | 'pos_weight' }, { tensor: 'pos_weight' as const }).combine('dtype', ['float64', 'int32'] as WireDType[]).combine('form', ['functional', 'layer'] as const);
  const dtypeCases = [...dtypes].map((p) => plannedCase({
    family: FAMILY, group: 'optional_tensors', params: p,
    request: opRequest(FAMILY, { form: p.form, tensors: { ...operands('optional/dtype', 'float32', [2, 3]), [p.tensor]: tensor(p.dtype, [3], [1, 2, 3]) }, args: { reduction: 'none' } }),
    description: `a ${p.dtype} ${p.tensor} with float32 logit and label through the ${p.form} form`,
    rules: p.tensor === 'weight' ? ['bce-logits-weight-mean-over-count', p.dtype === 'int32' ? 'promotion-refuses-int-with-float' : 'promotion-float-dtypes-widen'] : [p.dtype === 'int32' ? 'promotion-refuses-int-with-float' : 'sigmoid-ce-kernel-dtype-of-last-input'],
    ...((p.dtype === 'int32' || p.tensor === 'pos_weight') && { tags: ['error'] }),
  }));
  const page = ParamSet.of({ given: 'both' }, { given: 'both_layer' });
  const pageCases = [...page].map((p) => plannedCase({
    family: FAMILY, group: 'optional_tensors', params: p,
    request: opRequest(FAMILY, { form: p.given === 'both' ? 'functional' : 'layer', tensors: { logit: tensor('float32', [2, 2], [0.5, -1.5, 2.25, -0.75]), label: tensor('float32', [2, 2], [1, 0, 0, 1]), weight: tensor('float32', [2, 1], [0.5, 2]), pos_weight: tensor('float32', [2], [3, 0.25]) }, args: { reduction: 'none' } }),
    description: `weight [2, 1] and pos_weight [2] together, labels 0 and 1, through the ${p.given === 'both' ? 'functional form' : 'layer'}`,
    clause: quote(OWN_CLAUSES.weight, OWN_CLAUSES.posWeight, CLAUSES.none),
  }));
  return [...cases, ...dtypeCases, ...pageCases];
}

/** Large, infinite and NaN logits, with labels 0, 0.5 and 1, under both stable forms (pos_weight absent and given). */
function extremeCases(): PlannedCase[] {
  const rows = ParamSet.of({ dtype: 'float32' as 'float32' | 'float64' }, { dtype: 'float64' as const }).combine('pos_weight', [false, true]);
  const xs = [17, -17, 37, -37, 50, -50, 88.8, -104, 750, -750, 1e30, -1e30, Infinity, -Infinity, NaN, 0];
  return [...rows].map((p) => {
    const round = p.dtype === 'float32' ? Math.fround : (v: number): number => v;
    const x = xs.flatMap((v) => [v, v, v]).map(round);
    const y = xs.flatMap(() => [0, 0.5, 1]);
    const request = opRequest(FAMILY, { tensors: { logit: tensor(p.dtype, [x.length], x), label: tensor(p.dtype, [y.length], y), ...(p.pos_weight && { pos_weight: tensor(p.dtype, [1], [2]) }) }, args: { reduction: 'none' }, grad: ['logit'] });
    return plannedCase({ family: FAMILY, group: 'extremes', params: p, request, description: `${p.dtype} logits ±17 … ±1e30, ±inf, NaN, 0 with labels 0, 0.5, 1${p.pos_weight ? ', pos_weight 2' : ''}: no overflow, inf − inf is NaN`, rules: ['sigmoid-ce-two-stable-forms', 'sigmoid-ce-grad-at-zero'], tags: ['nan', 'inf'] });
  });
}

/** Labels around the ignore_index −100 (ignored where they truncate to −100), and the gradient at logit ±0. */
function kernelEdgeCases(): PlannedCase[] {
  const ignore = ParamSet.of({ reduction: 'none' }, { reduction: 'mean' }).combine('pos_weight', [false, true]);
  const ignoreCases = [...ignore].map((p) => plannedCase({
    family: FAMILY, group: 'kernel_edges', params: { at: 'ignore_index', ...p },
    request: opRequest(FAMILY, { tensors: { logit: tensor('float32', [6], [1, 1, -2, 1, 1, 1]), label: tensor('float32', [6], [-100, -100.5, -99.5, -99, -101, 1]), ...(p.pos_weight && { pos_weight: tensor('float32', [1], [2]) }) }, args: { reduction: p.reduction }, grad: ['logit'] }),
    description: `labels −100, −100.5, −99.5, −99, −101, 1, reduction '${p.reduction}'${p.pos_weight ? ', pos_weight 2' : ''}: 0 where the label truncates to −100`,
    rules: ['sigmoid-ce-ignore-index', ...(p.reduction === 'mean' ? ['mean-all-grad-divides-by-count'] : [])],
  }));
  const zero = ParamSet.of({ dtype: 'float32' as 'float32' | 'float64' }, { dtype: 'float64' as const }).combine('pos_weight', [false, true]);
  const zeroCases = [...zero].map((p) => plannedCase({
    family: FAMILY, group: 'kernel_edges', params: { at: 'logit_zero', ...p },
    request: opRequest(FAMILY, { tensors: { logit: tensor(p.dtype, [6], [0, -0, 0, -0, 0, 2 ** -100]), label: tensor(p.dtype, [6], [0, 0, 0.5, 0.5, 1, 0.5]), ...(p.pos_weight && { pos_weight: tensor(p.dtype, [1], [3]) }) }, args: { reduction: 'none' }, grad: ['logit'] }),
    description: `logit's gradient at ±0 (and 2^-100) with labels 0, 0.5, 1, ${p.dtype}${p.pos_weight ? ', pos_weight 3' : ''}`,
    rules: ['sigmoid-ce-grad-at-zero'], tags: ['grad', 'zero'],
  }));
  const kernels = ParamSet.of({ logit: 'float16' as WireDType, label: 'float32' as WireDType }, { logit: 'float32', label: 'float64' }, { logit: 'float64', label: 'float32' }, { logit: 'float32', label: 'int32' }, { logit: 'int32', label: 'float32' });
  const kernelCases = [...kernels].map((p) => plannedCase({
    family: FAMILY, group: 'kernel_edges', params: { at: 'kernel_dtype', ...p },
    request: opRequest(FAMILY, { tensors: { logit: tensor(p.logit as WireDType, [3], [1, -1, 0]), label: tensor(p.label as WireDType, [3], [1, 0, 1]) }, args: { reduction: 'none' } }),
    description: `a ${p.logit} logit with a ${p.label} label: the label's dtype picks the kernel`,
    rules: ['sigmoid-ce-kernel-dtype-of-last-input'], tags: ['error'],
  }));
  const shapes = ParamSet.of({ logit: '2x3', label: '3' }, { logit: '2x3', label: '2x1' }, { logit: '3', label: '2x3' });
  const shapeCases = [...shapes].map((p) => plannedCase({
    family: FAMILY, group: 'kernel_edges', params: { at: 'shapes', ...p },
    request: opRequest(FAMILY, { tensors: { logit: tensor('float32', dims(p.logit), Array(size(dims(p.logit))).fill(0.5)), label: tensor('float32', dims(p.label), Array(size(dims(p.label))).fill(1)) } }),
    description: `logit [${p.logit}] against label [${p.label}]: ValueError, no broadcasting`,
    rules: ['sigmoid-ce-shapes-must-equal'], tags: ['error'],
  }));
  return [...ignoreCases, ...zeroCases, ...kernelCases, ...shapeCases];
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  ...standardLossGroups({
    family: FAMILY,
    inputName: 'logit',
    clauses: CLAUSES,
    example: { shape: [3], input: [5, 1, 3], label: [1, 0, 1] },
    integersDocumented: false,
    integersRule: 'sigmoid-ce-kernel-dtype-of-last-input',
    grad: ['logit'],
    positiveLabels: true,
    nonzeroInputs: true,
    rules: {
      badReduction: 'bce-logits-reduction-checked-first',
      legacyArguments: 'bce-logits-layer-legacy-arguments',
      broadcasts: 'sigmoid-ce-shapes-must-equal',
      gradNegates: 'sigmoid-ce-grad-at-zero',
      refused: { float16: 'sigmoid-ce-kernel-dtype-of-last-input', bool: 'sigmoid-ce-kernel-dtype-of-last-input', bfloat16: 'sigmoid-ce-kernel-dtype-of-last-input' },
      integerMean: { rule: 'sigmoid-ce-kernel-dtype-of-last-input', raises: true },
      integerSum: 'sigmoid-ce-kernel-dtype-of-last-input',
      emptyMean: 'mean-all-of-empty-is-nan',
      emptySum: 'sum-of-empty-is-zero',
      meanGrad: 'mean-all-grad-divides-by-count',
      nan: ['sigmoid-ce-two-stable-forms'],
      zero: ['sigmoid-ce-grad-at-zero'],
    },
  }),
  optional_tensors: optionalTensorCases,
  extremes: extremeCases,
  kernel_edges: kernelEdgeCases,
};
