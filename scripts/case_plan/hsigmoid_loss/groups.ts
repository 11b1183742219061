/**
 * hsigmoid_loss's groups: the default tree over class counts (powers of two and not), custom trees with −1
 * padding, the clip at ±40, the gradients, is_sparse, dtypes, shapes, arguments, and the layer's constructor
 * (its parameters are random, so only its refusals are compared). Calls whose node indices pass weight's rows
 * read other memory in Paddle: no case makes one (the page's own example, label 5 of 5 classes, does).
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { TensorJson, WireDType } from '../../../conformance/wire.js';
import type { HSIGMOID_LOSS_RULES } from '../../../reference/index.js';
import { Prng } from '../../prng.js';
import type { Groups } from '../plan.js';
import { familyPlannedCase, opRequest, type OpCall } from '../planned_case.js';
import { tensor } from '../tensor.js';
import { quote, type CLAUSES } from './clauses.js';

const FAMILY = 'hsigmoid_loss';
type Rule = keyof typeof HSIGMOID_LOSS_RULES;
const planned = familyPlannedCase<keyof typeof CLAUSES, Rule>(FAMILY, quote);
const request = (call: OpCall) => opRequest(FAMILY, call);
const VALUES: Rule[] = ['hsigmoid-softrelu-eigen-packets', 'hsigmoid-dot-mkl-order', 'hsigmoid-padding-adds-log-2'];
const GRADS: Rule[] = [...VALUES, 'hsigmoid-grad-ignores-clip'];

interface Setup {
  n: number;
  features: number;
  classes: number;
  labels?: number[];
  dtype?: WireDType;
  bias?: boolean;
  /** Values on a 1/16 grid times it (default 1). */
  scale?: number;
  /** A custom tree: [table, code] rows of `width`. */
  custom?: { table: number[][]; code: number[][] };
  labelShape?: number[];
}

function operands(seed: string, s: Setup): Record<string, TensorJson> {
  const rng = new Prng(seed);
  const dtype = s.dtype ?? 'float32';
  const draw = (shape: number[]): TensorJson => tensor(dtype, shape, Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (rng.int(-32, 32) / 16) * (s.scale ?? 1)));
  const rows = s.custom ? s.classes : s.classes - 1;
  const labels = s.labels ?? Array.from({ length: s.n }, (_, i) => i % s.classes);
  const out: Record<string, TensorJson> = { input: draw([s.n, s.features]), label: tensor('int64', s.labelShape ?? [labels.length, 1], labels), weight: draw([rows, s.features]) };
  if (s.bias) out.bias = draw([rows, 1]);
  if (s.custom) {
    const width = s.custom.table[0]?.length ?? 0;
    out.path_table = tensor('int64', [s.custom.table.length, width], s.custom.table.flat());
    out.path_code = tensor('int64', [s.custom.code.length, width], s.custom.code.flat());
  }
  return out;
}

const gradsOf = (s: Setup): string[] => ['input', 'weight', ...(s.bias ? ['bias'] : [])];
function call(group: string, name: string, s: Setup, extra: Partial<OpCall> = {}): OpCall {
  return { tensors: operands(`${group}/${name}`, s), args: { num_classes: { int: s.classes } }, ...extra };
}

/** The default tree: every label of 2, 3, 5, 8, 9 and 16 classes, 2 features (exact) and 5 (bounded), with the gradients. */
function treeCases(): PlannedCase[] {
  return [2, 3, 5, 8, 9, 16].flatMap((classes) => [2, 5].flatMap((features) => [false, true].map((bias) => {
    const s: Setup = { n: classes, features, classes, bias };
    return planned({
      group: 'default_tree', params: { classes, features, bias },
      request: request(call('default_tree', `${classes}/${features}/${bias}`, s, { grad: gradsOf(s) })),
      description: `every label of ${classes} classes, ${features} features${bias ? ', a bias' : ''}, with the gradients${(classes & (classes - 1)) === 0 ? '' : ' (paths of two lengths: the short ones padded)'}`, rules: GRADS,
    });
  })));
}

/** Custom trees: −1 padding, a path ended early by a negative node, a code of 2, num_classes unused. */
function customCases(): PlannedCase[] {
  const cases: Array<[string, Setup['custom'], number]> = [
    ['padded', { table: [[0, 1, -1], [0, 2, -1], [0, 1, 3], [2, -1, -1]], code: [[1, 0, -1], [0, 1, -1], [1, 1, 0], [1, -1, -1]] }, 4],
    ['full_width', { table: [[0, 1], [1, 0], [2, 3], [3, 3]], code: [[1, 0], [0, 1], [1, 1], [0, 0]] }, 4],
    ['ended_early', { table: [[0, -1, 1], [1, 2, -7]], code: [[1, 0, 1], [0, 1, 1]] }, 3],
    ['code_two', { table: [[0, 1], [1, 2]], code: [[2, 0], [0, 5]] }, 3],
    ['num_classes_unused', { table: [[0, 1], [1, 0]], code: [[1, 0], [0, 1]] }, 2],
  ];
  return cases.flatMap(([name, custom, classes]) => [false, true].map((bias) => {
    const s: Setup = { n: custom!.table.length, features: 3, classes, bias, custom, labels: custom!.table.map(() => 0) };
    return planned({
      group: 'custom_tree', params: { tree: name, bias }, request: request(call('custom_tree', `${name}/${bias}`, s, { grad: gradsOf(s) })),
      description: `a custom tree (${name.replaceAll('_', ' ')})${bias ? ' with a bias' : ''}, with the gradients`, rules: [...GRADS, 'hsigmoid-kernel-reads-unchecked'],
    });
  }));
}

/** Pre-activations past ±40: clipped forward, unclipped backward. */
function clipCases(): PlannedCase[] {
  return (['float32', 'float64'] as const).map((dtype) => {
    const s: Setup = { n: 4, features: 2, classes: 5, bias: true, scale: 40, dtype };
    return planned({ group: 'clip', params: { dtype }, request: request(call('clip', dtype, s, { grad: gradsOf(s) })), description: `${dtype} pre-activations up to ±320: the loss clips them, the gradient does not`, rules: GRADS });
  });
}

/** An upstream gradient of mixed signs and zeros, and a NaN and an infinity in the input. */
function gradCases(): PlannedCase[] {
  const s: Setup = { n: 5, features: 4, classes: 6, bias: true };
  const up = tensor('float32', [5, 1], [1.5, -2, 0, -0, 0.25]);
  const nan = call('grads', 'nan', { ...s, bias: false });
  nan.tensors.input = tensor('float32', [5, 4], [0.5, NaN, 1, -1, 0.25, 0.5, Infinity, 1, 1, 2, 3, 4, -Infinity, 0, 0, 0, 1, 1, 1, 1]);
  return [
    planned({ group: 'grads', params: { case: 'upstream' }, request: request(call('grads', 'upstream', s, { grad: gradsOf(s), gradOutput: up })), description: 'an upstream of both signs, +0 and −0', rules: GRADS }),
    planned({ group: 'grads', params: { case: 'nan_and_inf_input' }, request: request(nan), description: 'a NaN and infinities in the input: their rows', rules: VALUES }),
  ];
}

/** A batch of 300 rows over 9 classes and 4 features, with every gradient (1,200 input gradients). */
function largeCases(): PlannedCase[] {
  const s: Setup = { n: 300, features: 4, classes: 9, bias: true };
  return [planned({ group: 'large', params: { rows: 300 }, request: request(call('large', '300', s, { grad: gradsOf(s) })), description: '300 rows, 9 classes, 4 features: paths of 3 and 4 nodes, with every gradient', rules: GRADS })];
}

/** is_sparse True and False, default and custom tree: the loss is the same (no gradient: it crashes). */
function sparseCases(): PlannedCase[] {
  const custom = { table: [[0, 1, -1], [2, -1, -1], [0, 1, 3]], code: [[1, 0, -1], [1, -1, -1], [0, 1, 1]] };
  return [false, true].flatMap((sparse) => [false, true].map((tree) => {
    const s: Setup = { n: 3, features: 2, classes: 5, bias: true, ...(tree && { custom }) };
    return planned({ group: 'is_sparse', params: { is_sparse: sparse, custom: tree }, request: request(call('is_sparse', `${tree}`, s, { args: { num_classes: { int: 5 }, is_sparse: sparse } })), description: `is_sparse=${sparse}, ${tree ? 'a custom' : 'the default'} tree: the same loss`, rules: [...VALUES, 'hsigmoid-is-sparse-forward-unchanged'] });
  }));
}

/** float64; float16, int32 labels and paths, a float64 weight or bias beside float32 input. */
function dtypeCases(): PlannedCase[] {
  const base: Setup = { n: 3, features: 2, classes: 4, bias: true };
  const cases: Array<[string, (t: Record<string, TensorJson>) => void, WireDType?]> = [
    ['float64', () => undefined, 'float64'], ['float16', () => undefined, 'float16'],
    ['label_int32', (t) => { t.label = tensor('int32', [3, 1], [0, 1, 2]); }],
    ['weight_float64', (t) => { t.weight = tensor('float64', [3, 2], [1, 2, 3, 4, 5, 6]); }],
    ['bias_float64', (t) => { t.bias = tensor('float64', [3, 1], [1, 2, 3]); }],
    ['path_int32', (t) => { t.path_table = tensor('int32', [3, 1], [0, 1, 2]); t.path_code = tensor('int64', [3, 1], [1, 0, 1]); }],
  ];
  return cases.map(([name, edit, dtype]) => {
    const c = call('dtypes', name, { ...base, ...(dtype && { dtype }) });
    edit(c.tensors);
    return planned({ group: 'dtypes', params: { case: name }, request: request(name === 'float64' ? { ...c, grad: gradsOf(base) } : c), description: `${name.replaceAll('_', ' ')}`, ...(name === 'float16' ? { clauses: ['input' as const] } : { rules: name === 'float64' ? GRADS : ['hsigmoid-kernel-reads-unchecked' as const] }) });
  });
}

/** Shapes: a flat label, a [N, 2] label (its first N values), a batch mismatch, an empty batch, no features. */
function shapeCases(): PlannedCase[] {
  const cases: Array<[string, Setup]> = [
    ['flat_label', { n: 3, features: 2, classes: 4, labelShape: [3] }], ['label_n_by_2', { n: 3, features: 2, classes: 4, labels: [0, 1, 2, 3, 0, 1], labelShape: [3, 2] }],
    ['batch_mismatch', { n: 3, features: 2, classes: 4, labels: [0, 1], labelShape: [2, 1] }], ['empty_batch', { n: 0, features: 2, classes: 4 }],
    ['no_features', { n: 3, features: 0, classes: 5 }],
  ];
  return cases.map(([name, s]) => planned({
    group: 'shapes', params: { case: name }, request: request(call('shapes', name, s, name === 'batch_mismatch' ? {} : { grad: ['input', 'weight'] })),
    description: name.replaceAll('_', ' '), ...(name === 'empty_batch' ? { clauses: ['returns' as const] } : { rules: ['hsigmoid-kernel-reads-unchecked' as const, ...VALUES] }),
  }));
}

/** num_classes below 2, None, a float; is_sparse an int or None. */
function argumentCases(): PlannedCase[] {
  const cases: Array<[string, Record<string, KwargJson>]> = [
    ['num_classes_1', { num_classes: { int: 1 } }], ['num_classes_none', { num_classes: null }], ['num_classes_float', { num_classes: 4.5 }],
    ['is_sparse_int', { num_classes: { int: 4 }, is_sparse: { int: 1 } }], ['is_sparse_none', { num_classes: { int: 4 }, is_sparse: null }],
  ];
  return cases.map(([name, args]) => planned({
    group: 'arguments', params: { case: name }, request: request({ tensors: operands(`arguments/${name}`, { n: 3, features: 2, classes: 4 }), args }),
    description: name.replaceAll('_', ' '), ...(name === 'num_classes_1' ? { clauses: ['numClasses' as const] } : { rules: ['hsigmoid-kernel-reads-unchecked' as const] }),
  }));
}

/** The layer's input: an empty batch of feature_size columns, so that a layer built with random parameters answers no value (and a custom tree, called without paths, reads nothing). */
function layerInput(args: Record<string, KwargJson>): TensorJson {
  return tensor('float32', [0, Math.max(0, (args.feature_size as { int: number }).int)], []);
}

/** The layer's constructor: num_classes below 2 (default tree only), sizes of 0 and below, a float num_classes, legacy arguments. */
function layerCases(): PlannedCase[] {
  const cases: Array<[string, Record<string, KwargJson>]> = [
    ['one_class', { feature_size: { int: 4 }, num_classes: { int: 1 } }], ['one_class_custom', { feature_size: { int: 4 }, num_classes: { int: 1 }, is_custom: true }],
    ['zero_classes_custom', { feature_size: { int: 4 }, num_classes: { int: 0 }, is_custom: true }], ['no_features', { feature_size: { int: 0 }, num_classes: { int: 5 } }],
    ['negative_features', { feature_size: { int: -1 }, num_classes: { int: 5 } }], ['float_classes', { feature_size: { int: 4 }, num_classes: 5.5 }],
    ['none_classes', { feature_size: { int: 4 }, num_classes: null }], ['valid', { feature_size: { int: 4 }, num_classes: { int: 5 } }],
  ];
  return cases.map(([name, args]) => planned({
    group: 'layer', params: { case: name }, request: request({ form: 'layer', tensors: { input: layerInput(args), label: tensor('int64', [0, 1], []) }, args }),
    description: `HSigmoidLoss(${name.replaceAll('_', ' ')})`, ...(name === 'one_class' ? { clauses: ['layerNumClasses' as const] } : { rules: ['hsigmoid-layer-constructor' as const] }),
  }));
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  default_tree: treeCases,
  custom_tree: customCases,
  clip: clipCases,
  grads: gradCases,
  large: largeCases,
  is_sparse: sparseCases,
  dtypes: dtypeCases,
  shapes: shapeCases,
  arguments: argumentCases,
  layer: layerCases,
};
