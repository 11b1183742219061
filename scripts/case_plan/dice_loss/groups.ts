/**
 * dice_loss's groups, written here since the standard plan assumes a reduction, a layer and float labels: the page's
 * example (scaled down), shapes of rank 2 to 7 (the sum's walk changes with rank), class indices in and out of range,
 * the shapes and dtypes the asserts refuse, epsilon's values, the domain (probabilities' edges, NaN, infinities, a
 * zero denominator), empty operands, the name keyword, and a large case.
 */

import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { TensorJson, WireDType } from '../../../conformance/wire.js';
import type { DICE_LOSS_RULES } from '../../../reference/index.js';
import { Prng } from '../../prng.js';
import { formatShape } from '../params.js';
import type { Groups } from '../plan.js';
import { familyPlannedCase, floatKwarg, opRequest, type OpCall } from '../planned_case.js';
import { tensor } from '../tensor.js';
import { upstreamValues } from '../values.js';
import { quote, type CLAUSES } from './clauses.js';

const FAMILY = 'dice_loss';
const planned = familyPlannedCase<keyof typeof CLAUSES, keyof typeof DICE_LOSS_RULES>(FAMILY, quote);
const request = (call: OpCall) => opRequest(FAMILY, call);
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const GRAD = ['input'] as const;
type Rule = keyof typeof DICE_LOSS_RULES;
/** What every value at the default epsilon over more than one sample rests on. */
const VALUE: Rule[] = ['dice-epsilon-in-denominator-only', 'dice-score-per-sample-then-mean'];
const f32 = (bits: number[]): number[] => Array.from(new Float32Array(Uint32Array.from(bits).buffer));

/** Softmax probabilities over the last axis of `shape` and class indices [.., 1], as the page's example makes them. */
function operands(seed: string, shape: readonly number[], dtype: WireDType = 'float32', labelDtype: WireDType = 'int64'): { input: TensorJson; label: TensorJson } {
  const rng = new Prng(seed);
  const c = shape[shape.length - 1]!;
  const rows = c === 0 ? 0 : size(shape) / c;
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    const e = Array.from({ length: c }, () => Math.exp(rng.uniform(-2, 2)));
    const total = e.reduce((a, b) => a + b, 0);
    values.push(...e.map((v) => (dtype === 'float64' ? v / total : Math.fround(v / total))));
  }
  const labels = Array.from({ length: rows }, () => rng.int(0, Math.max(c - 1, 0)));
  return { input: tensor(dtype, shape, values), label: tensor(labelDtype, [...shape.slice(0, -1), 1], labels) };
}

/** The page's example at [3, 12, 12, 2] (its [3, 224, 224, 2] would make a 2 MB golden), with and without the gradient. */
function docExampleCases(): PlannedCase[] {
  return [false, true].map((grad) => planned({
    group: 'doc_example', params: { shape: '3x12x12x2', grad }, request: request({ tensors: operands('doc_example', [3, 12, 12, 2]), grad: grad ? GRAD : undefined }),
    description: `the page's example scaled down: softmax predictions [3, 12, 12, 2], randint labels [3, 12, 12, 1]${grad ? ', with the gradient' : ''}`,
    rules: [...VALUE, 'sum-over-trailing-axes-last-axis-outermost'], tags: ['doc'],
  }));
}

/** Ranks 2 to 7 (the sum's walk: last axis, block transposed, row-major above 6), one class to many, upstream gradients. */
function shapeCases(): PlannedCase[] {
  const shapes = [[1, 1], [1, 2], [4, 3], [5, 1], [2, 9], [3, 4, 5], [2, 3, 4, 3], [2, 2, 3, 2, 2], [2, 1, 2, 3, 1, 2], [2, 2, 1, 2, 3, 1, 2]];
  // One sample at epsilon 0 is the page's formula whatever the rules: those cases are the spec's.
  const good = shapes.flatMap((s) => [false, true].map((upstream) => {
    const spec = s[0] === 1 && s.length === 2;
    return planned({
      group: 'shapes', params: { shape: formatShape(s), upstream, ...(spec && { epsilon: 0 }) },
      request: request({ tensors: operands(`shapes/${s.join('x')}`, s), args: spec ? { epsilon: 0 } : undefined, grad: GRAD, gradOutput: upstream ? tensor('float32', [], upstreamValues(new Prng(`shapes/upstream/${s.join('x')}`), 1)) : undefined }),
      description: `input [${s.join(', ')}] with class indices [${[...s.slice(0, -1), 1].join(', ')}]${spec ? ', epsilon 0' : ''}, the gradient${upstream ? ' under an upstream gradient' : ''}: a 0-D loss`,
      ...(spec ? { clauses: ['input', 'label', 'formula', 'returns'] as Array<keyof typeof CLAUSES> } : { rules: [...VALUE, ...(s.length > 2 ? ['sum-over-trailing-axes-last-axis-outermost' as const] : [])] }),
    });
  }));
  const pairs: Array<[number[], number[], string]> = [[[3], [3], 'rank 1'], [[], [], '0-D'], [[3, 2], [3], 'ranks differ'], [[3, 2], [3, 1, 1], 'ranks differ'], [[3, 2], [3, 2], 'label last dimension 2'], [[3, 2], [2, 1], 'leading dimensions differ'], [[2, 3, 2], [2, 2, 1], 'leading dimensions differ']];
  const refused = pairs.map(([xs, ys, why]) => planned({
    group: 'shapes', params: { input: formatShape(xs), label: formatShape(ys) },
    request: request({ tensors: { input: tensor('float32', xs, Array<number>(size(xs)).fill(0.5)), label: tensor('int64', ys, Array<number>(size(ys)).fill(0)) } }),
    description: `input [${xs.join(', ')}] with label [${ys.join(', ')}]: AssertionError (${why})`, rules: ['dice-python-asserts'], tags: ['error'],
  }));
  return [...good, ...refused];
}

/** Class indices: int32 and int64, every sample one class, out of range (C, above, negative, the first bad one wins). */
function labelCases(): PlannedCase[] {
  const cases: Array<[string, number[], WireDType, boolean]> = [
    ['int32', [0, 2, 1, 2], 'int32', true], ['all_class_0', [0, 0, 0, 0], 'int64', true], ['all_last_class', [2, 2, 2, 2], 'int64', true],
    ['equals_C', [0, 3, 1, 2], 'int64', false], ['above_C', [0, 1, 100, 2], 'int64', false], ['negative', [0, -1, 1, 2], 'int64', false],
    ['negative_int32', [-3, 0, 1, 2], 'int32', false], ['C_then_negative', [3, -1, 1, 2], 'int64', false], ['negative_then_C', [-1, 3, 1, 2], 'int64', false],
  ];
  return cases.map(([name, labels, dtype, ok]) => planned({
    group: 'labels', params: { labels: name },
    request: request({ tensors: { input: operands(`labels/${name}`, [4, 3]).input, label: tensor(dtype, [4, 1], labels) }, grad: ok ? GRAD : undefined }),
    description: `${dtype} class indices [${labels.join(', ')}] of 3 classes${ok ? ', with the gradient' : ': ValueError from one_hot (Illegal index value), the first bad index named'}`,
    rules: ok ? VALUE : ['one-hot-index-checked-in-order'],
    ...(!ok && { tags: ['error'] }),
  }));
}

/** The dtypes the asserts refuse, in their order, and float64 input (promoted past the float32 one-hot). */
function dtypeCases(): PlannedCase[] {
  const pairs: Array<[WireDType, WireDType]> = [['float64', 'int64'], ['float64', 'int32'], ['float16', 'int64'], ['bfloat16', 'int64'], ['int64', 'int64'], ['float32', 'float32'], ['float32', 'bool'], ['float16', 'float32']];
  return pairs.map(([a, b]) => {
    const ok = a === 'float64';
    const { input } = operands(`dtypes/${a}`, [3, 2], a === 'float64' ? 'float64' : 'float32');
    const values = (a.startsWith('int') ? [1, 0, 0, 1, 1, 0] : [0.25, 0.75, 0.5, 0.5, 0.125, 0.875]);
    return planned({
      group: 'dtypes', params: { input: a, label: b },
      request: request({ tensors: { input: ok ? input : tensor(a, [3, 2], values), label: tensor(b, [3, 1], [1, 0, 1]) }, grad: ok ? GRAD : undefined }),
      description: `${a} input with ${b} labels: ${ok ? `a float64 loss (input · the float32 one-hot promotes)` : 'AssertionError with no message (the dtype asserts, input first)'}`,
      rules: ok ? VALUE : ['dice-python-asserts'],
      ...(!ok && { tags: ['error'] }),
    });
  });
}

/** epsilon's values: the default and others, where it is added (the denominator alone), and what __add__ makes of the rest. */
function epsilonCases(): PlannedCase[] {
  const cases: Array<[string, KwargJson, WireDType?]> = [
    ['0.1', 0.1], ['1', 1], ['0', 0], ['1e-50', 1e-50], ['1e39', 1e39], ['-2', -2], ['nan', floatKwarg(NaN)], ['inf', floatKwarg(Infinity)],
    ['int(2)', { int: 2 }], ['True', true], ['str(0.5)', { str: '0.5' }], ['str(a)', { str: 'a' }], ['str(True)', { str: 'True' }], ['None', null],
    ['0.1', 0.1, 'float64'], ['1e-5', 1e-5, 'float64'],
  ];
  return cases.map(([name, value, dtype]) => {
    const refused = value === null;
    return planned({
      group: 'epsilon', params: { epsilon: name, ...(dtype && { dtype }) },
      request: request({ tensors: operands(`epsilon/${name}/${dtype ?? 'float32'}`, [3, 4], dtype ?? 'float32'), args: { epsilon: value }, grad: refused ? undefined : GRAD }),
      description: `epsilon=${name}${dtype ? ` on ${dtype} input (the bias in float64)` : ''}: ${refused ? 'TypeError from Tensor.__add__' : 'added to the denominator only, with the gradient'}`,
      rules: [...VALUE, ...(dtype ? ['scale-attributes-in-dtype' as const] : []), ...(typeof value === 'object' && value !== null && 'str' in value ? ['full-str-read-by-cpp-stream' as const] : [])],
      ...(refused && { tags: ['error'] }),
    });
  });
}

/** Values outside the probabilities, NaN (a pair of them, to show the sum's walk), infinities, a zero denominator. */
function domainCases(): PlannedCase[] {
  const [NAN, NEG_NAN, INF, NEG_INF, NEG_ZERO] = [0x7fc00000, 0xffc00000, 0x7f800000, 0xff800000, 0x80000000];
  const h = (v: number): number => new Uint32Array(Float32Array.of(v).buffer)[0]!;
  const probes: Record<string, { input: number[]; shape: number[]; labels: number[]; epsilon?: number }> = {
    outside_unit_interval: { input: [-0.5, 1.5, 2, -1, 0.25, 0.75].map(h), shape: [3, 2], labels: [0, 1, 0] },
    zeros_epsilon_0: { input: [0, 0, NEG_ZERO, 0, 0.5, 0.5].map((v, i) => (i < 4 ? v : h(v))), shape: [3, 2], labels: [0, 1, 1], epsilon: 0 },
    cancelling_denominator: { input: [-1, 0, -0.5, -0.5].map(h), shape: [2, 2], labels: [0, 1], epsilon: 0 },
    nan_pair_rank_3: { input: [h(0.5), NAN, h(0.5), NEG_NAN, h(0.5), h(0.5), h(0.25), h(0.25), h(0.25), h(0.25), h(0.25), h(0.25)], shape: [2, 2, 3], labels: [1, 0, 2, 2] },
    nan_pair_rank_2: { input: [NAN, NEG_NAN, h(0.5), h(0.5)], shape: [2, 2], labels: [1, 0] },
    infinities: { input: [INF, h(0.5), NEG_INF, h(0.5), INF, NEG_INF], shape: [3, 2], labels: [0, 0, 1] },
  };
  return Object.entries(probes).map(([probe, p]) => planned({
    group: 'domain', params: { probe },
    request: request({ tensors: { input: tensor('float32', p.shape, f32(p.input)), label: tensor('int64', [...p.shape.slice(0, -1), 1], p.labels) }, args: p.epsilon === undefined ? undefined : { epsilon: p.epsilon }, grad: GRAD }),
    description: `${probe.replaceAll('_', ' ')}: input [${p.shape.join(', ')}] bits [${p.input.map((b) => `0x${b.toString(16)}`).join(', ')}], labels [${p.labels.join(', ')}]${p.epsilon === undefined ? '' : ', epsilon 0'}, with the gradient`,
    rules: [...VALUE, ...(p.shape.length > 2 ? ['sum-over-trailing-axes-last-axis-outermost' as const] : [])],
    tags: probe.includes('nan') || probe.includes('zeros') || probe.includes('cancel') || probe === 'infinities' ? ['nan'] : [],
  }));
}

/** Empty operands: an empty batch (the mean of nothing), empty positions, no classes. */
function emptyCases(): PlannedCase[] {
  const shapes: Array<[number[], string]> = [[[0, 3], 'an empty batch'], [[2, 0, 3], 'no positions: every score 1 − 0 / ε'], [[2, 0], 'no classes: one_hot refuses index 0 of 0 classes'], [[0, 0], 'no batch and no classes']];
  return shapes.map(([s, why]) => planned({
    group: 'empty', params: { shape: formatShape(s) },
    request: request({ tensors: { input: tensor('float32', s, []), label: tensor('int64', [...s.slice(0, -1), 1], Array<number>(size(s.slice(0, -1))).fill(0)) }, grad: GRAD }),
    description: `input [${s.join(', ')}]: ${why}; before Paddle 3.1.1 AssertionError (any empty operand)`,
    rules: ['dice-python-asserts', 'one-hot-index-checked-in-order', 'mean-of-empty-is-nan'],
  }));
}

/** The name keyword. */
function keywordCases(): PlannedCase[] {
  return [planned({
    group: 'keywords', params: { name: 'loss', epsilon: 0 }, request: request({ tensors: operands('keywords/name', [1, 3]), args: { epsilon: 0, name: 'loss' } }),
    description: "name='loss' on one sample, epsilon 0: the page's loss", clauses: ['name', 'signature', 'formula'],
  })];
}

/** A segmentation-sized batch: [4, 31, 33, 3] (12,276 gradient elements, not a multiple of 256), with the gradient. */
function largeCases(): PlannedCase[] {
  return [planned({
    group: 'large', params: { shape: '4x31x33x3' }, request: request({ tensors: operands('large', [4, 31, 33, 3]), grad: GRAD }),
    description: '[4, 31, 33, 3] softmax predictions and class indices, with the gradient: 3069 elements per sample', rules: [...VALUE, 'sum-over-trailing-axes-last-axis-outermost'], tags: ['large', 'grad'],
  })];
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  doc_example: docExampleCases,
  shapes: shapeCases,
  labels: labelCases,
  dtypes: dtypeCases,
  epsilon: epsilonCases,
  domain: domainCases,
  empty: emptyCases,
  keywords: keywordCases,
  large: largeCases,
};
