/**
 * multi_label_margin_loss's groups, written here since its label holds class indices with −1 terminators: the
 * page's example, the reductions, the label's conventions (the first −1, duplicates, range, dtypes, shapes), the
 * input's dtypes and shapes, the hinge's kink and the gradient, NaN and infinities, the layer and a large case.
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { TensorJson, WireDType } from '../../../conformance/wire.js';
import type { MULTI_LABEL_MARGIN_LOSS_RULES } from '../../../reference/index.js';
import { Prng } from '../../prng.js';
import { ParamSet } from '../params.js';
import type { Groups } from '../plan.js';
import { DEFAULT, familyPlannedCase, opRequest, type OpCall } from '../planned_case.js';
import { tensor } from '../tensor.js';
import { upstreamValues } from '../values.js';
import { quote, type CLAUSES } from './clauses.js';

const FAMILY = 'multi_label_margin_loss';
const planned = familyPlannedCase<keyof typeof CLAUSES, keyof typeof MULTI_LABEL_MARGIN_LOSS_RULES>(FAMILY, quote);
const request = (call: OpCall) => opRequest(FAMILY, call);
const GRAD = ['input'] as const;
const EXAMPLE = { input: [[0.1, 0.2, 0.4, 0.8], [0.2, 0.5, 0.3, 0.1]], label: [[3, 0, -1, -1], [0, 2, -1, -1]] };
const rows = (dtype: WireDType, values: number[][]): TensorJson => tensor(dtype, [values.length, values[0]?.length ?? 0], values.flat().map(dtype === 'float32' ? Math.fround : (v) => v));

/** Random [n, c] inputs and labels: each row 0 to 4 distinct targets, then −1, then any valid index or −1 (ignored); row 0 has a target. */
function operands(seed: string, dtype: WireDType, n: number, c: number): { input: TensorJson; label: TensorJson } {
  const rng = new Prng(seed);
  const x = Array.from({ length: n }, () => Array.from({ length: c }, () => rng.uniform(-2, 2)));
  const y = Array.from({ length: n }, (_, i) => {
    const classes = Array.from({ length: c }, (_, k) => k).sort(() => rng.next() - 0.5);
    const t = Math.min(c, i === 0 ? 1 + Math.floor(rng.next() * 4) : Math.floor(rng.next() * 5));
    return [...classes.slice(0, t), ...Array.from({ length: c - t }, (_, k) => (k === 0 ? -1 : rng.pick([-1, Math.floor(rng.next() * c)])))];
  });
  return { input: rows(dtype, x), label: rows('int64', y) };
}

/** The page's example through both forms and every reduction, with the gradient. */
function docExampleCases(): PlannedCase[] {
  const p = ParamSet.control({ form: 'functional' as 'functional' | 'layer' }).vary('form', ['layer']).combine('reduction', [DEFAULT, 'none', 'mean', 'sum'] as const);
  return [...p].map((q) => planned({
    group: 'doc_example', params: q,
    request: request({ form: q.form, tensors: { input: rows('float32', EXAMPLE.input), label: rows('int64', EXAMPLE.label) }, args: { reduction: q.reduction }, grad: GRAD }),
    description: `the page's example through the ${q.form} form, reduction ${q.reduction}, with the gradient (mean 0.95)`,
    clauses: ['example', q.form, 'formula', 'valid', 'reduction'], tags: ['doc'],
  }));
}

/** Every reduction in both float dtypes with the gradient; bad reductions, checked before a label no kernel reads. */
function reductionCases(): PlannedCase[] {
  const good = [...ParamSet.control({ dtype: 'float32' as WireDType }).vary('dtype', ['float64']).combine('reduction', ['none', 'mean', 'sum'] as const)].map((q) => planned({
    group: 'reductions', params: q, request: request({ tensors: operands(`reductions/${q.dtype}`, q.dtype, 4, 6), args: { reduction: q.reduction }, grad: GRAD }),
    description: `random [4, 6] ${q.dtype} input, labels of 0 to 4 targets, reduction ${q.reduction}, with the gradient`, clauses: ['formula', 'valid', 'input', 'label', 'reduction'],
  }));
  const bad: Array<[string, KwargJson]> = [['bad', 'bad'], ['None', null]];
  const refused = [...ParamSet.control({ form: 'functional' as 'functional' | 'layer' }).vary('form', ['layer']).combine('reduction', bad.map(([k]) => k))].map((q) => planned({
    group: 'reductions', params: q,
    request: request({ form: q.form, tensors: { input: rows('float32', EXAMPLE.input), label: tensor('bool', [2, 4], [1, 0, 0, 0, 0, 1, 0, 0]) }, args: { reduction: bad.find(([k]) => k === q.reduction)![1] } }),
    description: `reduction=${q.reduction} with a bool label: ValueError for the reduction, not the label's RuntimeError`, rules: ['multi-label-margin-reduction-checked-first'], tags: ['error'],
  }));
  return [...good, ...refused];
}

/** The label's conventions: the first −1, duplicates, the range, dtypes and shapes. */
function labelCases(): PlannedCase[] {
  type R = keyof typeof MULTI_LABEL_MARGIN_LOSS_RULES;
  const x = rows('float32', EXAMPLE.input);
  const cases: Array<[string, TensorJson, R | 'spec', string]> = [
    ['after_terminator', rows('int64', [[3, 0, -1, 1], [0, 2, -1, 3]]), 'spec', 'valid indices after the first −1 are ignored'],
    ['no_terminator', rows('int64', [[3, 0, 1, 2], [1, 0, 3, 2]]), 'spec', 'every class a target: no k, a loss of 0'],
    ['row_without_target', rows('int64', [[-1, 0, 1, -1], [0, 2, -1, -1]]), 'spec', 'a row starting with −1 has no target: a loss of 0'],
    ['int32', rows('int32', EXAMPLE.label), 'spec', 'an int32 label'],
    ['duplicates', rows('int64', [[3, 3, -1, -1], [0, 2, 0, -1]]), 'multi-label-margin-duplicate-targets', 'a repeated target counts again'],
    ['after_terminator_4', rows('int64', [[3, 0, -1, 4], [0, 2, -1, -1]]), 'multi-label-margin-label-range-checked', 'a 4 (= C) after the −1: ValueError, the whole label is checked'],
    ['after_terminator_-2', rows('int64', [[3, 0, -1, -2], [0, 2, -1, -1]]), 'multi-label-margin-label-range-checked', 'a −2 after the −1: ValueError'],
    ['float32', rows('float32', EXAMPLE.label), 'multi-label-margin-label-range-checked', 'a float32 label: ValueError at indexing'],
    ['bool', tensor('bool', [2, 4], [1, 0, 0, 0, 0, 1, 0, 0]), 'multi-label-margin-label-range-checked', 'a bool label: RuntimeError (no bool min kernel)'],
    ['float16', rows('float16', EXAMPLE.label), 'multi-label-margin-label-range-checked', 'a float16 label: RuntimeError (no float16 min kernel)'],
    ['no_target', rows('int64', [[-1, 0, -1, -1], [-1, 2, 1, -1]]), 'multi-label-margin-no-target-raises', 'no row has a target: ValueError'],
    ['2_columns', rows('int64', [[3, 0], [0, -1]]), 'multi-label-margin-label-shape-unchecked', 'a [2, 2] label for [2, 4] input computes'],
    ['1_row', rows('int64', [[3, 0, -1, -1]]), 'multi-label-margin-label-shape-unchecked', "a [1, 4] label: row 1's loss is 0"],
    ['1-D', tensor('int64', [4], [3, 0, -1, -1]), 'multi-label-margin-2-d-only', 'a 1-D label: ValueError'],
  ];
  return cases.map(([label, y, rule, what]) => {
    const error = /Error/.test(what);
    const base = { group: 'labels', params: { label }, request: request({ tensors: { input: x, label: y }, args: { reduction: 'none' }, grad: error ? undefined : GRAD }), description: `the page's input, label ${label}: ${what}` };
    return rule === 'spec' ? planned({ ...base, clauses: ['valid', 'label', 'formula'] }) : planned({ ...base, rules: [rule], ...(error && { tags: ['error'] }) });
  });
}

/** The input's dtypes beyond the page's two, and its shapes. */
function inputCases(): PlannedCase[] {
  type R = keyof typeof MULTI_LABEL_MARGIN_LOSS_RULES;
  const y = rows('int64', EXAMPLE.label);
  const ints = [[1, 2, 3, 4], [5, -6, 7, 8]];
  const halves = [[0.125, 0.25, 0.5, 0.75], [0.25, 0.5, 0.375, 0.125]];
  const cases: Array<[string, TensorJson, TensorJson, R[], KwargJson]> = [
    ['float16', rows('float16', halves), y, ['add-no-float16-or-bfloat16-kernel'], 'none'],
    ['bfloat16', rows('bfloat16', halves), y, ['add-no-float16-or-bfloat16-kernel'], 'none'],
    ['int64', rows('int64', ints), y, ['multi-label-margin-integer-input'], 'none'],
    ['int64_mean', rows('int64', ints), y, ['multi-label-margin-integer-input'], 'mean'],
    ['int32', rows('int32', ints), y, ['multi-label-margin-integer-input', 'scatter-nd-add-same-dtype'], 'none'],
    ['bool', tensor('bool', [2, 4], [1, 0, 1, 0, 0, 1, 1, 0]), y, ['multi-label-margin-integer-input'], 'none'],
    ['1-D', tensor('float32', [4], EXAMPLE.input[0]!.map(Math.fround)), tensor('int64', [4], [3, 0, -1, -1]), ['multi-label-margin-2-d-only'], 'none'],
    ['3-D', tensor('float32', [1, 2, 4], EXAMPLE.input.flat().map(Math.fround)), y, ['multi-label-margin-2-d-only'], 'none'],
    ['0-D', tensor('float32', [], [0.5]), y, ['multi-label-margin-2-d-only'], 'none'],
    ['0x4_none', tensor('float32', [0, 4], []), tensor('int64', [0, 4], []), ['multi-label-margin-no-target-raises'], 'none'],
    ['0x4_mean', tensor('float32', [0, 4], []), tensor('int64', [0, 4], []), ['mean-of-empty-is-nan'], 'mean'],
    ['0x4_sum', tensor('float32', [0, 4], []), tensor('int64', [0, 4], []), ['sum-of-empty-is-zero'], 'sum'],
    ['2x0', tensor('float32', [2, 0], []), tensor('int64', [2, 0], []), ['multi-label-margin-no-target-raises'], 'none'],
  ];
  return cases.map(([input, x, label, rules, reduction]) => planned({
    group: 'inputs', params: { input }, request: request({ tensors: { input: x, label }, args: { reduction } }),
    description: `a ${input} input`, rules,
  }));
}

/** The hinge's kink (a margin of exactly 0: half the gradient), upstream gradients, the mean's gradient, NaN and infinities. */
function gradientCases(): PlannedCase[] {
  const NAN = NaN;
  const probes: Array<[string, number[][], number[][], string[], number[] | undefined]> = [
    ['kink', [[1, 0, 0.5, 2]], [[0, -1, -1, -1]], ['maximum-nan-and-ties'], undefined],
    ['kink_two_targets', [[1, 0, 0.5, 2], [0.25, 1.25, 0.5, -0.75]], [[0, 3, -1, -1], [1, -1, -1, -1]], ['maximum-nan-and-ties'], [-2, 0.5]],
    ['negative_upstream', [[3, 0, 0.5, 1], [0.25, 1.25, 0.5, -0.75]], [[0, -1, -1, -1], [1, 2, -1, -1]], ['maximum-nan-and-ties'], [-1, -0]],
    ['nan_target', [[NAN, 0, 0.5, 2], [0.25, 1.25, 0.5, -0.75]], [[0, -1, -1, -1], [1, -1, -1, -1]], ['maximum-nan-and-ties'], undefined],
    ['nan_other', [[1, NAN, 0.5, 2], [0.25, 1.25, 0.5, -0.75]], [[0, -1, -1, -1], [1, -1, -1, -1]], ['maximum-nan-and-ties'], undefined],
    ['nan_other_target', [[1, NAN, 0.5, 2], [0.25, 1.25, 0.5, -0.75]], [[0, 1, -1, -1], [1, -1, -1, -1]], ['maximum-nan-and-ties'], undefined],
    ['inf_target', [[Infinity, 0, 0.5, 2], [-Infinity, 1.25, 0.5, -0.75]], [[0, -1, -1, -1], [0, -1, -1, -1]], ['maximum-nan-and-ties'], undefined],
    ['inf_other', [[1, Infinity, 0.5, 2], [0.25, -Infinity, 0.5, -0.75]], [[0, -1, -1, -1], [1, -1, -1, -1]], ['maximum-nan-and-ties'], undefined],
    ['overflow', [[-3e38, 3e38, 0, 1], [0.125, 1.25, 0.375, -0.75]], [[0, -1, -1, -1], [1, -1, -1, -1]], ['multi-label-margin-sum-order'], undefined],
    ['upstream_nan_inf', [[1, 0, 0.5, 2], [0.25, 1.25, 0.5, -0.75]], [[0, -1, -1, -1], [1, 2, -1, -1]], ['maximum-nan-and-ties'], [NAN, Infinity]],
  ];
  const special = probes.map(([probe, x, y, rules, up]) => planned({
    group: 'gradients', params: { probe },
    request: request({ tensors: { input: rows('float32', x), label: rows('int64', y) }, args: { reduction: 'none' }, grad: GRAD, ...(up && { gradOutput: tensor('float32', [x.length], up) }) }),
    description: `${probe.replaceAll('_', ' ')}: input ${JSON.stringify(x)}, label ${JSON.stringify(y)}${up ? `, upstream ${JSON.stringify(up)}` : ''}`, rules: rules as Array<keyof typeof MULTI_LABEL_MARGIN_LOSS_RULES>,
  }));
  const upstream = ['float32', 'float64'].map((dtype) => planned({
    group: 'gradients', params: { dtype, upstream: 'random' },
    request: request({ tensors: operands(`gradients/${dtype}`, dtype as WireDType, 5, 7), args: { reduction: 'none' }, grad: GRAD, gradOutput: tensor(dtype as WireDType, [5], upstreamValues(new Prng(`gradients/up/${dtype}`), 5)) }),
    description: `random [5, 7] ${dtype}, reduction none, under a random upstream gradient`, clauses: ['formula', 'valid', 'reduction'],
  }));
  const oneRow = planned({
    group: 'gradients', params: { reduction: 'mean', n: 1 },
    request: request({ tensors: { input: rows('float32', [[0.5, 0.25, 1, -0.625]]), label: rows('int64', [[2, 0, -1, -1]]) }, args: { reduction: 'mean' }, grad: GRAD }),
    description: "one row, 'mean', with the gradient: the mean of one loss, g / 1 exact", clauses: ['formula', 'valid', 'reduction'],
  });
  const meanGrad = planned({
    group: 'gradients', params: { reduction: 'mean', n: 3, c: 7 },
    request: request({ tensors: operands('gradients/mean', 'float32', 3, 7), grad: GRAD }),
    description: "the mean's gradient over 3 rows of 7 classes: 1/3 divided by 7, rounded each time", rules: ['mean-grad-divides-by-count'],
  });
  return [...special, ...upstream, oneRow, meanGrad];
}

/** The layer's refused legacy arguments and the name keyword. */
function formCases(): PlannedCase[] {
  const tensors = { input: rows('float32', EXAMPLE.input), label: rows('int64', EXAMPLE.label) };
  const legacy: Array<[string, KwargJson]> = [['size_average', true], ['reduce', false]];
  return [
    ...legacy.map(([k, v]) => planned({
      group: 'forms', params: { [k]: String(v) }, request: request({ form: 'layer', tensors, args: { [k]: v } }),
      description: `MultiLabelMarginLoss(${k}=${String(v)}): ValueError since Paddle 3.3.0, TypeError before`, rules: ['multi-label-margin-layer-legacy-arguments'], tags: ['error'],
    })),
    planned({ group: 'forms', params: { name: 'loss' }, request: request({ tensors, args: { name: 'loss' } }), description: "name='loss': the same loss", clauses: ['name', 'functional'] }),
  ];
}

/** 64 rows of 50 classes, mean; 1030 rows of 5 (not a multiple of 256), none: both with the gradient, the sums' order and the division by C as Paddle rounds them. */
function largeCases(): PlannedCase[] {
  const rules: Array<keyof typeof MULTI_LABEL_MARGIN_LOSS_RULES> = ['multi-label-margin-sum-order', 'tensor-div-int-is-scale-before-3-3-1'];
  return [
    planned({
      group: 'large', params: { n: 64, c: 50 }, request: request({ tensors: operands('large', 'float32', 64, 50), grad: GRAD }),
      description: 'random [64, 50] float32, mean, with the gradient', rules, tags: ['large'],
    }),
    planned({
      group: 'large', params: { n: 1030, c: 5 }, request: request({ tensors: operands('large/1030', 'float32', 1030, 5), args: { reduction: 'none' }, grad: GRAD }),
      description: 'random [1030, 5] float32, none, with the gradient: 1030 row losses', rules, tags: ['large'],
    }),
  ];
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  doc_example: docExampleCases,
  reductions: reductionCases,
  labels: labelCases,
  inputs: inputCases,
  gradients: gradientCases,
  forms: formCases,
  large: largeCases,
};
