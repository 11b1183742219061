/**
 * rnnt_loss's groups: the page's example, log-probabilities on one path (spec: one alignment, its sum),
 * shapes and lengths (padding beyond them), reductions and upstream gradients, blank, fastemit_lambda,
 * label widths (the flat stride), the domain (−inf, large magnitudes, one NaN, +inf), and every refusal.
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { TensorJson, WireDType } from '../../../conformance/wire.js';
import type { RNNT_LOSS_RULES } from '../../../reference/index.js';
import { Prng } from '../../prng.js';
import type { Groups } from '../plan.js';
import { familyPlannedCase, floatKwarg, opRequest, type OpCall } from '../planned_case.js';
import { generated, tensor } from '../tensor.js';
import { quote, type CLAUSES } from './clauses.js';

const FAMILY = 'rnnt_loss';
type Rule = keyof typeof RNNT_LOSS_RULES;
const planned = familyPlannedCase<keyof typeof CLAUSES, Rule>(FAMILY, quote);
const request = (call: OpCall) => opRequest(FAMILY, call);
const VALUE: Rule[] = ['rnnt-input-is-log-probabilities', 'rnnt-log-sum-exp-in-double'];
const GRAD: Rule[] = [...VALUE, 'rnnt-fastemit-in-gradient-only'];

interface Shape { B: number; T: number; U: number; D: number; il?: number[]; ll?: number[]; cols?: number }

/** Tensors of a shape: input values from `values` (a seeded draw by default), labels in [1, D), lengths full unless given. */
function operands(seed: string, s: Shape, dtype: WireDType = 'float32', values?: (i: number, rng: Prng) => number): Record<string, TensorJson> {
  const rng = new Prng(seed);
  const n = s.B * s.T * s.U * s.D;
  const draw = values ?? ((_i: number, r: Prng) => r.uniform(-3, 1));
  const x = Array.from({ length: n }, (_, i) => (dtype === 'float32' ? Math.fround(draw(i, rng)) : draw(i, rng)));
  const cols = s.cols ?? Math.max(1, s.U - 1);
  return {
    input: tensor(dtype, [s.B, s.T, s.U, s.D], x),
    label: tensor('int32', [s.B, cols], Array.from({ length: s.B * cols }, () => (s.D > 1 ? rng.int(1, s.D - 1) : 0))),
    input_lengths: tensor('int32', [s.B], s.il ?? Array(s.B).fill(s.T)),
    label_lengths: tensor('int32', [s.B], s.ll ?? Array(s.B).fill(s.U - 1)),
  };
}

/** Log-probabilities of one alignment: 0 at its blank and label entries, −1000 elsewhere (e^−1000 is 0 in double), so the loss is −0. */
function onePath(s: Shape): Record<string, TensorJson> {
  const t = operands('one_path', s);
  const labels = Array.from({ length: s.B * (s.U - 1) }, (_, i) => 1 + (i % (s.D - 1)));
  const x = Array.from({ length: s.B * s.T * s.U * s.D }, (_, i) => {
    const [v, u, tt, b] = [i % s.D, Math.floor(i / s.D) % s.U, Math.floor(i / (s.D * s.U)) % s.T, Math.floor(i / (s.D * s.U * s.T))];
    // The path emits every label at t = 0, then takes blanks down the last column.
    const emit = tt === 0 && u < s.U - 1 && v === labels[b * (s.U - 1) + u];
    return emit || (u === s.U - 1 && v === 0) ? 0 : -1000;
  });
  return { ...t, input: tensor('float32', [s.B, s.T, s.U, s.D], x), label: tensor('int32', [s.B, s.U - 1], labels) };
}

const DOC_ACTS = [0.1, 0.6, 0.1, 0.1, 0.1, 0.1, 0.1, 0.6, 0.1, 0.1, 0.1, 0.1, 0.2, 0.8, 0.1, 0.1, 0.6, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.1, 0.1, 0.7, 0.1, 0.2, 0.1, 0.1];

function docCases(): PlannedCase[] {
  const tensors = { input: tensor('float64', [1, 2, 3, 5], DOC_ACTS), label: tensor('int32', [1, 2], [1, 2]), input_lengths: tensor('int32', [1], [2]), label_lengths: tensor('int32', [1], [2]) };
  return [false, true].map((layer) => planned({
    group: 'doc_example', params: { form: layer ? 'layer' : 'functional' },
    request: request({ form: layer ? 'layer' : 'functional', tensors, args: { reduction: 'sum', fastemit_lambda: 0, blank: 0 }, grad: ['input'] }),
    description: `the page's example (float64 acts 0.1 … 0.8 as log-probabilities, sum, fastemit_lambda 0): −2.85042444, with the gradient${layer ? ', through RNNTLoss' : ''}`,
    rules: GRAD, tags: ['doc'],
  }));
}

/** Spec: one alignment of probability 1, the loss −0 ([B] for 'none', its sum or mean); unnormalised logits (the issue's [1, 3, 3, 4]) are Paddle's. */
function pathCases(): PlannedCase[] {
  const shapes: Shape[] = [{ B: 1, T: 1, U: 2, D: 3 }, { B: 2, T: 3, U: 3, D: 4 }, { B: 4, T: 4, U: 2, D: 2 }];
  const spec = shapes.flatMap((s) => (['none', 'mean', 'sum'] as const).map((reduction) => planned({
    group: 'paths', params: { shape: `${s.B}x${s.T}x${s.U}x${s.D}`, reduction },
    request: request({ tensors: onePath(s), args: { reduction, fastemit_lambda: 0 }, grad: ['input'] }),
    description: `log-probabilities 0 on one alignment and −1000 elsewhere, [${s.B}, ${s.T}, ${s.U}, ${s.D}], reduction ${reduction}, fastemit_lambda 0: each loss −log 1, the gradient −1 on the path (over B for mean)`, clauses: ['input', 'label', 'reduction', 'returns'],
  })));
  const logits = [false, true].map((grad) => planned({
    group: 'paths', params: { shape: '1x3x3x4', logits: 'randn', grad },
    request: request({ tensors: operands('paths/logits', { B: 1, T: 3, U: 3, D: 4 }, 'float32', (_i, r) => r.uniform(-2.5, 2.5)), grad: grad ? ['input'] : undefined }),
    description: 'unnormalised random logits [1, 3, 3, 4] read as log-probabilities: a negative loss (the issue\'s −2.079 kind)', rules: grad ? GRAD : VALUE,
  }));
  return [...spec, ...logits];
}

function shapeCases(): PlannedCase[] {
  const shapes: Array<[string, Shape]> = [
    ['1x1x1x2', { B: 1, T: 1, U: 1, D: 2, cols: 1 }], ['1x5x1x3', { B: 1, T: 5, U: 1, D: 3, cols: 1 }], ['1x1x4x3', { B: 1, T: 1, U: 4, D: 3 }],
    ['2x4x3x5', { B: 2, T: 4, U: 3, D: 5 }], ['3x5x4x6', { B: 3, T: 5, U: 4, D: 6, il: [5, 2, 1], ll: [3, 1, 0] }], ['4x6x5x7', { B: 4, T: 6, U: 5, D: 7, il: [6, 4, 6, 3], ll: [4, 4, 2, 0] }],
  ];
  return shapes.flatMap(([name, s]) => (['float32', 'float64'] as const).flatMap((dtype) => (['none', 'mean', 'sum'] as const).map((reduction) => {
    const upstream = reduction === 'none' ? tensor(dtype, [s.B], Array.from({ length: s.B }, (_, b) => [-1.5, 0.5, 2, -0.75][b % 4]!)) : tensor(dtype, [], [-0.75]);
    return planned({
      group: 'shapes', params: { shape: name, dtype, reduction },
      request: request({ tensors: operands(`shapes/${name}`, s, dtype), args: { reduction, fastemit_lambda: 0.5 }, grad: ['input'], gradOutput: upstream }),
      description: `[${s.B}, ${s.T}, ${s.U}, ${s.D}] ${dtype}, lengths ${JSON.stringify(s.il ?? 'full')}/${JSON.stringify(s.ll ?? 'full')}, ${reduction}, λ 0.5, an upstream gradient`,
      rules: [...GRAD, ...(reduction === 'mean' ? ['rnnt-mean-divides-by-batch-size' as const] : [])],
    });
  })));
}

/** blank at the end, labels equal to blank, the layer's 'mean' (its page: over target lengths). */
function argumentCases(): PlannedCase[] {
  const s: Shape = { B: 2, T: 3, U: 3, D: 4, ll: [2, 1] };
  const t = operands('arguments', s);
  const cases: Array<[string, OpCall, Rule[]]> = [
    ['blank_3', { tensors: t, args: { blank: 3 }, grad: ['input'] }, GRAD],
    ['label_is_blank', { tensors: { ...t, label: tensor('int32', [2, 2], [0, 2, 0, 0]) }, grad: ['input'] }, GRAD],
    ['layer_mean', { form: 'layer', tensors: t, args: { fastemit_lambda: 0 }, grad: ['input'] }, [...GRAD, 'rnnt-mean-divides-by-batch-size']],
    ['layer_blank_2', { form: 'layer', tensors: t, args: { blank: 2, reduction: 'none', name: 'loss' } }, VALUE],
  ];
  const lambdas: Array<[string, KwargJson]> = [['0', 0], ['0.001', 0.001], ['0.1', 0.1], ['1e40', 1e40], ['-1e-50', -1e-50], ['inf', floatKwarg(Infinity)], ['nan', floatKwarg(NaN)], ['int(2)', { int: 2 }], ['True', true]];
  const fastemit = lambdas.map(([name, v]): [string, OpCall, Rule[]] => [`lambda_${name.replace(/[()]/g, '')}`, { tensors: t, args: { fastemit_lambda: v, reduction: 'sum' }, grad: ['input'] }, [...GRAD, 'rnnt-argument-types']]);
  return [...cases, ...fastemit].map(([name, call, rules]) => planned({ group: 'arguments', params: { case: name }, request: request(call), description: `${name}, [2, 3, 3, 4] with label lengths 2 and 1`, rules }));
}

/** Label widths: the flat stride Umax − 1 of the input, whatever the label's own. */
function labelCases(): PlannedCase[] {
  const s: Shape = { B: 3, T: 3, U: 3, D: 5 };
  const widths: Array<[number, string]> = [[2, 'Umax − 1'], [3, 'Umax: every later row read from the flat buffer'], [4, 'Umax + 1']];
  return widths.map(([cols, why]) => planned({
    group: 'labels', params: { columns: cols },
    request: request({ tensors: operands(`labels/${cols}`, { ...s, cols }), args: { reduction: 'none' }, grad: ['input'] }),
    description: `label [3, ${cols}] for input [3, 3, 3, 5]: ${why}`, rules: [...GRAD, 'rnnt-label-flat-stride'],
  }));
}

/** −inf (probability 0), magnitudes far from 0, a path of −inf only, one NaN, +inf. */
function domainCases(): PlannedCase[] {
  const s: Shape = { B: 2, T: 3, U: 3, D: 3 };
  const kinds: Array<[string, (i: number, r: Prng) => number]> = [
    ['some_-inf', (i, r) => (i % 4 === 1 ? -Infinity : r.uniform(-3, 0))], ['all_-inf', () => -Infinity], ['large', (_i, r) => r.uniform(-1e4, 1e4)],
    ['tiny_spread', (_i, r) => -20 + r.uniform(-1e-6, 1e-6)], ['positive', (_i, r) => r.uniform(5, 30)], ['one_nan', (i, r) => (i === 13 ? NaN : r.uniform(-2, 0))],
    ['one_+inf', (i, r) => (i === 4 ? Infinity : r.uniform(-2, 0))], ['+inf_and_-inf', (i, r) => (i === 4 ? Infinity : i === 9 ? -Infinity : r.uniform(-2, 0))],
  ];
  return kinds.flatMap(([name, f]) => (['float32', 'float64'] as const).map((dtype) => planned({
    group: 'domain', params: { values: name, dtype },
    request: request({ tensors: operands(`domain/${name}`, s, dtype, f), args: { reduction: 'none' }, grad: ['input'] }),
    description: `${dtype} [2, 3, 3, 3] with values ${name.replace(/_/g, ' ')}`, rules: GRAD,
  })));
}

function errorCases(): PlannedCase[] {
  const s: Shape = { B: 2, T: 3, U: 3, D: 4 };
  const t = operands('errors', s);
  const ints = (dtype: WireDType, name: string) => { const v = t[name]!; return tensor(dtype, v.shape, (v as { data: number[] }).data); };
  const cases: Array<[string, OpCall, Rule]> = [
    ['reduction_bogus', { tensors: t, args: { reduction: 'bogus' } }, 'rnnt-reduction-asserted-after-kernel'],
    ['reduction_None', { tensors: t, args: { reduction: null } }, 'rnnt-reduction-asserted-after-kernel'],
    ['layer_reduction_bogus', { form: 'layer', tensors: t, args: { reduction: 'bogus' } }, 'rnnt-reduction-asserted-after-kernel'],
    ['layer_size_average', { form: 'layer', tensors: t, args: { size_average: true } }, 'rnnt-argument-types'],
    ['label_int64', { tensors: { ...t, label: ints('int64', 'label') } }, 'rnnt-argument-types'],
    ['input_lengths_int64', { tensors: { ...t, input_lengths: ints('int64', 'input_lengths') } }, 'rnnt-argument-types'],
    ['label_lengths_int64', { tensors: { ...t, label_lengths: ints('int64', 'label_lengths') } }, 'rnnt-argument-types'],
    ['label_float32', { tensors: { ...t, label: ints('float32', 'label') } }, 'rnnt-argument-types'],
    ['input_float16', { tensors: { ...t, input: tensor('float16', [2, 3, 3, 4], Array(72).fill(-1)) } }, 'rnnt-argument-types'],
    ['input_int32', { tensors: { ...t, input: tensor('int32', [2, 3, 3, 4], Array(72).fill(-1)) } }, 'rnnt-argument-types'],
    ['input_rank3', { tensors: { ...t, input: tensor('float32', [2, 3, 12], Array(72).fill(-1)) } }, 'rnnt-argument-types'],
    ['input_rank5', { tensors: { ...t, input: tensor('float32', [2, 3, 3, 4, 1], Array(72).fill(-1)) } }, 'rnnt-argument-types'],
    ['input_0d', { tensors: { ...t, input: tensor('float32', [], [-1]) } }, 'rnnt-argument-types'],
    ['input_T0', { tensors: { ...t, input: tensor('float32', [2, 0, 3, 4], []) } }, 'rnnt-argument-types'],
    ['label_rank1', { tensors: { ...t, label: tensor('int32', [4], [1, 2, 3, 1]) } }, 'rnnt-argument-types'],
    ['lengths_rank2', { tensors: { ...t, input_lengths: tensor('int32', [2, 1], [3, 3]) } }, 'rnnt-argument-types'],
    ['blank_-1', { tensors: t, args: { blank: -1 } }, 'rnnt-argument-types'],
    ['blank_4', { tensors: t, args: { blank: 4 } }, 'rnnt-argument-types'],
    ['blank_1.5', { tensors: t, args: { blank: 1.5 } }, 'rnnt-argument-types'],
    ['blank_True', { tensors: t, args: { blank: true } }, 'rnnt-argument-types'],
    ['blank_str', { tensors: t, args: { blank: { str: '1' } } }, 'rnnt-argument-types'],
    ['lambda_None', { tensors: t, args: { fastemit_lambda: null } }, 'rnnt-argument-types'],
    ['lambda_str', { tensors: t, args: { fastemit_lambda: { str: '0.5' } } }, 'rnnt-argument-types'],
    ['lambda_-1', { tensors: t, args: { fastemit_lambda: -1 } }, 'rnnt-invalid-value-raises'],
    ['lambda_-inf', { tensors: t, args: { fastemit_lambda: floatKwarg(-Infinity) } }, 'rnnt-invalid-value-raises'],
    ['empty_label', { tensors: { ...t, label: tensor('int32', [2, 0], []), label_lengths: tensor('int32', [2], [0, 0]) } }, 'rnnt-invalid-value-raises'],
  ];
  return cases.map(([name, call, rule]) => planned({ group: 'errors', params: { case: name }, request: request(call), description: `${name.replace(/_/g, ' ')}: Paddle refuses it`, rules: [rule], tags: ['error'] }));
}

/** 1030 examples [1030, 1, 2, 2] (a generated input), reduction 'none', with the gradient: lost losses show element by element. */
function largeCases(): PlannedCase[] {
  const B = 1030;
  const input = generated('float32', [B, 1, 2, 2], { seed: 2301, distribution: 'uniform', low: -3, high: 1 });
  const tensors = { input, label: tensor('int32', [B, 1], Array(B).fill(1)), input_lengths: tensor('int32', [B], Array(B).fill(1)), label_lengths: tensor('int32', [B], Array.from({ length: B }, (_, b) => b % 2)) };
  return [planned({ group: 'large', params: { shape: '1030x1x2x2' }, request: request({ tensors, args: { reduction: 'none' }, grad: ['input'] }), description: '1030 examples of one frame, label lengths 0 and 1 in turn, reduction none, with the gradient', rules: GRAD })];
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = { doc_example: docCases, paths: pathCases, shapes: shapeCases, arguments: argumentCases, labels: labelCases, domain: domainCases, errors: errorCases, large: largeCases };
