/**
 * adaptive_log_softmax_with_loss's groups: the page's example, the buckets a label falls in (head, clusters,
 * none), the shapes the source checks, the dtypes, the log-softmax's clip, the gradients through either
 * output, and the layer's constructor checks (its parameters are random at construction, so only its
 * refusals are compared).
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { TensorJson, WireDType } from '../../../conformance/wire.js';
import type { ADAPTIVE_LOG_SOFTMAX_WITH_LOSS_RULES } from '../../../reference/index.js';
import { Prng } from '../../prng.js';
import type { Groups } from '../plan.js';
import { familyPlannedCase, opRequest, type OpCall } from '../planned_case.js';
import { tensor } from '../tensor.js';
import { quote, type CLAUSES } from './clauses.js';

const FAMILY = 'adaptive_log_softmax_with_loss';
type Rule = keyof typeof ADAPTIVE_LOG_SOFTMAX_WITH_LOSS_RULES;
const planned = familyPlannedCase<keyof typeof CLAUSES, Rule>(FAMILY, quote);
const request = (call: OpCall) => opRequest(FAMILY, call);
const VALUES: Rule[] = ['matmul-k-left-to-right', 'log-softmax-eigen-expression'];
const GRADS = (names: readonly string[]): string[] => names.filter((n) => n !== 'label');

/** A list of ints travels as its JSON array (PROTOCOL.md, "Lists of tensors"); KwargJson types the scalar kinds. */
const ints = (v: number[]): KwargJson => v as unknown as KwargJson;

interface Setup {
  n: number;
  features: number;
  cutoffs: number[];
  labels?: number[];
  dtype?: WireDType;
  labelDtype?: WireDType;
  bias?: boolean;
  /** The values' scale: weights on a 1/64 grid times it (`random`: float32 draws, not on a grid). */
  scale?: number | 'random';
  inputShape?: number[];
  labelShape?: number[];
  /** Head columns beyond cutoffs[0] + clusters. */
  extraHead?: number;
  /** A batch of hundreds of rows, with every gradient. */
  large?: true;
  /** Input rows of zeros (a one-row cluster's outer products of ±0). */
  zeroRows?: number[];
}

/** The tensors of a call: input, label, head_weight, each cluster's [projection, output] and head_bias. */
function operands(seed: string, s: Setup): Record<string, TensorJson> {
  const rng = new Prng(seed);
  const dtype = s.dtype ?? 'float32';
  const draw = (shape: number[]): TensorJson => {
    const count = shape.reduce((a, b) => a * b, 1);
    const v = Array.from({ length: count }, () => (s.scale === 'random' ? Math.fround(rng.uniform(-2, 2)) : (rng.int(-64, 64) / 64) * (s.scale ?? 1)));
    return tensor(dtype, shape, v);
  };
  const classes = s.cutoffs[s.cutoffs.length - 1]!;
  const labels = s.labels ?? Array.from({ length: s.n }, () => rng.int(0, classes - 1));
  const clusters = s.cutoffs.length - 1;
  const input = draw(s.inputShape ?? [s.n, s.features]);
  const zeroed = s.zeroRows ? tensor(dtype, input.shape, (input.data as number[]).map((v, k) => (s.zeroRows!.includes(Math.floor(k / s.features)) ? 0 : v))) : input;
  const out: Record<string, TensorJson> = {
    input: zeroed,
    label: tensor(s.labelDtype ?? 'int64', s.labelShape ?? [labels.length], labels),
    head_weight: draw([s.features, s.cutoffs[0]! + clusters + (s.extraHead ?? 0)]),
  };
  for (let i = 0; i < clusters; i++) {
    const hidden = Math.max(1, Math.floor(s.features / 4 ** (i + 1)));
    out[`tail_weights.${i}.0`] = draw([s.features, hidden]);
    out[`tail_weights.${i}.1`] = draw([hidden, s.cutoffs[i + 1]! - s.cutoffs[i]!]);
  }
  if (s.bias) out.head_bias = draw([s.cutoffs[0]! + clusters + (s.extraHead ?? 0)]);
  return out;
}

function call(group: string, name: string, s: Setup, extra: Partial<OpCall> = {}): OpCall {
  return { tensors: operands(`${group}/${name}`, s), args: { cutoffs: ints(s.cutoffs) }, ...extra };
}

/** The page's example: input [3, 5], head_weight [5, 3], head_bias [3], labels 1, cutoffs [2] (no cluster is reached). */
function docExampleCases(): PlannedCase[] {
  const s: Setup = { n: 3, features: 5, cutoffs: [2], labels: [1, 1, 1], bias: true, extraHead: 1, scale: 'random' };
  return [false, true].map((grad) => planned({
    group: 'doc_example', params: { grad }, request: request(call('doc_example', String(grad), s, grad ? { grad: ['input', 'head_weight', 'head_bias'] } : {})),
    description: `the page's example: labels 1 in the shortlist of cutoffs [2], a head of 3 columns (one more than it uses)${grad ? ', with the gradients' : ''}`,
    rules: [...VALUES, 'adaptive-head-width-unchecked'], tags: ['doc'],
  }));
}

/** Which bucket each label falls in: the shortlist, each cluster, an empty cluster, one row, labels past the class count. */
function bucketCases(): PlannedCase[] {
  const cases: Array<[string, Setup, Rule[]]> = [
    ['shortlist_only', { n: 4, features: 6, cutoffs: [3, 6, 9], labels: [0, 2, 1, 0] }, VALUES],
    ['every_cluster', { n: 6, features: 8, cutoffs: [2, 5, 9], labels: [0, 3, 8, 1, 4, 6] }, VALUES],
    ['empty_middle_cluster', { n: 4, features: 8, cutoffs: [2, 5, 9], labels: [7, 0, 8, 1] }, VALUES],
    ['one_row_in_a_cluster', { n: 3, features: 8, cutoffs: [2, 5], labels: [0, 1, 3], zeroRows: [2] }, ['adaptive-single-row-bucket', 'matmul-outer-product-keeps-sign', ...VALUES]],
    ['one_row_batch', { n: 1, features: 8, cutoffs: [2, 5], labels: [0] }, ['adaptive-single-row-bucket', ...VALUES]],
    ['single_class_cluster', { n: 4, features: 8, cutoffs: [2, 3, 6], labels: [2, 2, 0, 4] }, VALUES],
    ['label_at_class_count', { n: 3, features: 4, cutoffs: [2, 5], labels: [0, 5, 3] }, ['adaptive-last-cutoff-is-class-count']],
    ['negative_label', { n: 3, features: 4, cutoffs: [2, 5], labels: [0, -1, 3] }, ['adaptive-last-cutoff-is-class-count']],
    ['empty_batch', { n: 0, features: 4, cutoffs: [2, 5], labels: [] }, VALUES],
    ['empty_label_batch_of_3', { n: 3, features: 4, cutoffs: [2, 5], labels: [] }, ['adaptive-empty-label-passes', ...VALUES]],
    ['zero_d_label', { n: 1, features: 4, cutoffs: [2, 5], labels: [1], inputShape: [4], labelShape: [] }, ['adaptive-single-row-bucket', ...VALUES]],
    ['random_values', { n: 8, features: 12, cutoffs: [3, 7, 12], scale: 'random' }, VALUES],
    ['random_float64', { n: 8, features: 12, cutoffs: [3, 7, 12], scale: 'random', dtype: 'float64', bias: true }, VALUES],
    ['large_batch', { n: 300, features: 4, cutoffs: [2, 5, 9], scale: 'random', large: true }, VALUES],
  ];
  return cases.map(([name, s, rules]) => planned({
    group: 'buckets', params: { case: name }, request: request(call('buckets', name, s, s.zeroRows ? { grad: ['input', 'head_weight', 'tail_weights.0.0', 'tail_weights.0.1'] } : s.large ? { grad: ['input', 'head_weight', 'tail_weights.1.0'] } : {})),
    description: `${name.replaceAll('_', ' ')}: cutoffs [${s.cutoffs.join(', ')}], labels [${(s.labels ?? ['random']).join(', ')}]`, rules,
  }));
}

/** The shapes the source checks first: the label's rank, the input's, the batch sizes. */
function shapeCases(): PlannedCase[] {
  const cases: Array<[string, Partial<Setup>]> = [
    ['label_2d', { labels: [0, 1, 3, 4], labelShape: [2, 2], n: 2 }], ['input_3d', { inputShape: [2, 2, 4], n: 2, labels: [0, 1] }],
    ['batch_mismatch', { n: 3, labels: [0, 1] }], ['zero_d_label_2d_input', { n: 2, labels: [1], labelShape: [] }],
  ];
  return cases.map(([name, s]) => planned({
    group: 'shapes', params: { case: name }, request: request(call('shapes', name, { n: 2, features: 4, cutoffs: [2, 5], ...s })),
    description: `${name.replaceAll('_', ' ')}: ValueError from the source's shape checks`,
    clauses: ['output'],
  }));
}

/** float64, and int32 labels. */
function dtypeCases(): PlannedCase[] {
  // A float label reads gather_inds that paddle.empty left uninitialised (Paddle 3.1.1 to 3.3.1: garbage, different each run): no case.
  const cases: Array<[WireDType, WireDType]> = [['float64', 'int64'], ['float32', 'int32'], ['float64', 'int32']];
  return cases.map(([dtype, labelDtype]) => planned({
    group: 'dtypes', params: { input: dtype, label: labelDtype },
    request: request(call('dtypes', `${dtype}/${labelDtype}`, { n: 5, features: 6, cutoffs: [2, 4, 7], labels: [0, 2, 6, 3, 1], dtype, labelDtype }, { grad: ['input', 'tail_weights.0.0'] })),
    description: `${dtype} tensors, ${labelDtype} labels, with two gradients`, rules: VALUES,
  }));
}

/** Logits far apart: the log-softmax's clip at −64 in the head and in a cluster, and a NaN input. */
function clipCases(): PlannedCase[] {
  const cases: Array<[string, Setup]> = [
    ['large_weights', { n: 4, features: 6, cutoffs: [2, 6], labels: [0, 1, 3, 5], scale: 64 }],
    ['large_weights_float64', { n: 4, features: 6, cutoffs: [2, 6], labels: [0, 1, 3, 5], scale: 64, dtype: 'float64' }],
  ];
  const out = cases.map(([name, s]) => planned({
    group: 'clip', params: { case: name }, request: request(call('clip', name, s, { grad: ['input', 'head_weight'] })),
    description: `${name.replaceAll('_', ' ')}: logits hundreds apart, each log-probability at most about −64 − log C`, rules: ['log-softmax-shift-clipped-at-64', ...VALUES],
  }));
  const nan = call('clip', 'nan', { n: 3, features: 4, cutoffs: [2, 5], labels: [0, 3, 1] });
  nan.tensors.input = tensor('float32', [3, 4], [0.5, NaN, 1, -1, 0.25, 0.5, Infinity, 1, 1, 2, 3, 4]);
  out.push(planned({ group: 'clip', params: { case: 'nan_and_inf_input' }, request: request(nan), description: 'a NaN and an infinity in the input: their rows are NaN', rules: VALUES }));
  return out;
}

/** Gradients through both outputs, one of them (null upstream for the other), each tail weight and the bias. */
function gradCases(): PlannedCase[] {
  const s: Setup = { n: 6, features: 8, cutoffs: [2, 5, 9], labels: [0, 3, 8, 1, 4, 6], bias: true, scale: 'random' };
  const names = Object.keys(operands('grads', s));
  const rng = new Prng('grads/upstream');
  const up = (shape: number[]): TensorJson => tensor('float32', shape, Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.int(-8, 8) / 4));
  const cases: Array<[string, Partial<OpCall>]> = [
    ['ones', {}], ['both', { gradOutput: [up([6]), up([])] as unknown as TensorJson }],
    ['output_only', { gradOutput: [up([6]), null] as unknown as TensorJson }], ['loss_only', { gradOutput: [null, up([])] as unknown as TensorJson }],
  ];
  return cases.map(([name, extra]) => planned({
    group: 'grads', params: { upstream: name }, request: request(call('grads', 'values', s, { grad: GRADS(names), ...extra })),
    description: `every gradient (input, head_weight, each tail weight, head_bias), upstream ${name.replaceAll('_', ' ')}`, rules: ['adaptive-backward-from-both-outputs', ...VALUES],
  }));
}

/** The layer's constructor: cutoffs unsorted, repeated, 0, at n_classes, fractional; before 3.0.0 it does not exist. */
function layerCases(): PlannedCase[] {
  const cases: Array<[string, number[]]> = [['unsorted', [5, 2]], ['repeated', [2, 2]], ['zero', [0, 3]], ['at_n_classes', [2, 10]], ['fractional', [1.5, 3]], ['empty', []]];
  return cases.map(([name, cutoffs]) => planned({
    group: 'layer', params: { cutoffs: name },
    request: request({ form: 'layer', tensors: operands(`layer/${name}`, { n: 2, features: 4, cutoffs: [10], labels: [0, 1] }), args: { in_features: { int: 4 }, n_classes: { int: 10 }, cutoffs: ints(cutoffs) } }),
    description: `AdaptiveLogSoftmaxWithLoss(4, 10, cutoffs ${name}): ValueError at construction`, clauses: ['layerCutoffs'],
  }));
}

/** cutoffs missing or not a sequence (the fuzzer's first finding): TypeError, before any tensor is read. */
function argumentCases(): PlannedCase[] {
  const cases: Array<[string, KwargJson | undefined]> = [['missing', undefined], ['int', { int: 2 }], ['none', null]];
  return cases.map(([name, cutoffs]) => planned({
    group: 'arguments', params: { cutoffs: name },
    request: request({ tensors: operands(`arguments/${name}`, { n: 2, features: 4, cutoffs: [2], labels: [0, 1] }), args: cutoffs === undefined ? {} : { cutoffs } }),
    description: `cutoffs ${name}: TypeError (${name === 'missing' ? 'a required positional argument' : 'not iterable'})`, clauses: [name === 'missing' ? 'signature' : 'cutoffs'],
  }));
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  doc_example: docExampleCases,
  buckets: bucketCases,
  shapes: shapeCases,
  dtypes: dtypeCases,
  clip: clipCases,
  grads: gradCases,
  layer: layerCases,
  arguments: argumentCases,
};
