/**
 * softmax_with_cross_entropy's groups (its label is a class index or a distribution, not a value like the
 * logits): the page's example; hard labels (int64, int32, float, out of range, negative, equal to
 * ignore_index); the label of one dimension less; soft labels; return_softmax and the gradient through
 * either output; axis; logits of 100 and more (the max shift and its clip at −64), NaN and infinities; class
 * counts around the 8-lane packet and above 128; dtypes; shapes; argument errors.
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { WireDType } from '../../../conformance/wire.js';
import type { SOFTMAX_WITH_CROSS_ENTROPY_RULES } from '../../../reference/index.js';
import type { Groups } from '../plan.js';
import { familyPlannedCase, opRequest, type OpCall } from '../planned_case.js';
import { tensor } from '../tensor.js';
import { classes, distributions, logits, upstream } from '../class_inputs.js';
import { quote, type CLAUSES } from './clauses.js';

const FAMILY = 'softmax_with_cross_entropy';
const planned = familyPlannedCase<keyof typeof CLAUSES, keyof typeof SOFTMAX_WITH_CROSS_ENTROPY_RULES>(FAMILY, quote);
const request = (call: OpCall) => opRequest(FAMILY, call);
const GRAD = ['logits'] as const;
const I = (n: number) => ({ int: n });
type Level = { clauses: Array<keyof typeof CLAUSES> } | { rules: Array<keyof typeof SOFTMAX_WITH_CROSS_ENTROPY_RULES> };

/** One case: its group, parameters, call, one line and where its expectation comes from. */
function c(group: string, params: Record<string, string | number | boolean | null>, call: OpCall, description: string, level: Level, tags?: string[]): PlannedCase {
  return planned({ group, params, request: request(call), description, ...level, ...(tags && { tags }) });
}

const X = logits('x', [5, 4]);
const Y = tensor('int64', [5, 1], [2, 0, 3, 1, 2]);
const SOFT = distributions('soft', [5, 4]);

function docExampleCases(): PlannedCase[] {
  const call = { tensors: { logits: tensor('float32', [3], [0.4, 0.6, 0.9].map(Math.fround)), label: tensor('int64', [1], [1]) } };
  return [
    c('doc_example', { grad: false }, call, "the page's example: logits [0.4, 0.6, 0.9], label [1]: [1.15328646]", { clauses: ['example', 'hard'] }, ['doc']),
    c('doc_example', { grad: true }, { ...call, grad: GRAD }, "the page's example with the logits' gradient", { clauses: ['example', 'hard'] }, ['doc']),
  ];
}

function labelCases(): PlannedCase[] {
  const lab = (values: number[], dtype: WireDType = 'int64') => tensor(dtype, [values.length, 1], values);
  return [
    ...(['int64', 'int32', 'float32', 'float64'] as const).map((dtype) => c('labels', { dtype }, { tensors: { logits: X, label: lab([2, 0, 3, 1, 2], dtype) }, ...(dtype.startsWith('int') && { grad: GRAD, gradOutput: upstream('labels/up', [5, 1]) }) },
      `${dtype} class indices [5, 1]: a [5, 1] loss`, { clauses: ['hard', 'label'] })),
    c('labels', { dtype: 'float32', grad: true }, { tensors: { logits: X, label: lab([2, 0, 3, 1, 2], 'float32') }, grad: GRAD }, "float32 class indices with the logits' gradient: OSError in the backward", { rules: ['cross-entropy-hard-label-grad-integer-only'] }, ['error']),
    c('labels', { index: 'C' }, { tensors: { logits: X, label: lab([2, 0, 4, 1, 2]) } }, 'a label equal to C: IndexError', { rules: ['cross-entropy-label-out-of-range'] }, ['error']),
    c('labels', { index: -1 }, { tensors: { logits: X, label: lab([2, -1, 3, 1, 2]) } }, 'a label −1 (not ignore_index): IndexError', { rules: ['cross-entropy-label-out-of-range'] }, ['error']),
    c('labels', { label: -100 }, { tensors: { logits: X, label: lab([2, -100, 3, -100, 2]) }, grad: GRAD }, 'labels −100 (the default ignore_index): their loss and gradient are 0', { clauses: ['ignoreIndex', 'hard'] }),
    c('labels', { ignore_index: 1 }, { tensors: { logits: X, label: lab([1, 0, 3, 1, 2]) }, args: { ignore_index: I(1) }, grad: GRAD }, 'ignore_index 1, two labels 1: loss and gradient 0 there', { clauses: ['ignoreIndex', 'hard'] }),
    c('labels', { classes: 1 }, { tensors: { logits: logits('labels/c1', [4, 1]), label: lab([0, 0, 0, 0]) }, grad: GRAD }, 'one class: p = 1, and −log 1 is −0', { rules: ['cross-entropy-hard-label-log-clamped'] }),
    c('labels', { p: 'one' }, { tensors: { logits: tensor('float32', [2, 2], [0, 1000, 1000, 0]), label: lab([1, 0]) }, grad: GRAD }, 'the label 1000 above the other class: p rounds to 1, −log 1 is −0', { rules: ['cross-entropy-hard-label-log-clamped', 'softmax-shift-clipped-at-64'] }),
  ];
}

function reshapeCases(): PlannedCase[] {
  return [
    c('reshape', { logits: '4x1', label: '4' }, { tensors: { logits: logits('reshape/x41', [4, 1]), label: tensor('int64', [4], [0, 0, 0, 0]) }, grad: GRAD }, 'logits [4, 1], label [4]: reshaped to [4, 1]', { rules: ['softmax-with-cross-entropy-label-reshaped', 'cross-entropy-hard-label-log-clamped'] }),
    c('reshape', { logits: '5x4', label: '5' }, { tensors: { logits: X, label: tensor('int64', [5], [2, 0, 3, 1, 2]) } }, 'logits [5, 4], label [5]: reshape to [5, 4] fails (ValueError), where an unsqueeze would compute', { rules: ['softmax-with-cross-entropy-label-reshaped'] }, ['error']),
    c('reshape', { logits: '3', label: 'scalar' }, { tensors: { logits: tensor('float32', [3], [0.4, 0.6, 0.9].map(Math.fround)), label: tensor('int64', [], [1]) } }, 'logits [3], a 0-D label: label.shape[0] is IndexError', { rules: ['softmax-with-cross-entropy-label-reshaped'] }, ['error']),
    c('reshape', { logits: '2x3x4', label: '2x3' }, { tensors: { logits: logits('reshape/x234', [2, 3, 4]), label: classes('reshape/l23', [2, 3], 4) } }, 'logits [2, 3, 4], label [2, 3]: reshaped to [2, 3], one dimension short for the kernel (ValueError)', { rules: ['softmax-with-cross-entropy-label-reshaped'] }, ['error']),
    c('reshape', { logits: '2x4x3', label: '2x3', axis: 1 }, { tensors: { logits: logits('reshape/x243', [2, 4, 3]), label: classes('reshape/l23b', [2, 3], 4) }, args: { axis: I(1) } }, 'logits [2, 4, 3], label [2, 3], axis 1: reshape to [2, 4] fails (ValueError)', { rules: ['softmax-with-cross-entropy-label-reshaped'] }, ['error']),
    c('reshape', { logits: '0x3', label: '0' }, { tensors: { logits: tensor('float32', [0, 3], []), label: tensor('int64', [0], []) } }, 'an empty batch with label [0]: reshaped to [0, 3], whose class axis is not 1 (ValueError)', { rules: ['softmax-with-cross-entropy-label-reshaped'] }, ['error']),
  ];
}

function softCases(): PlannedCase[] {
  return [
    c('soft', { grad: true }, { tensors: { logits: X, label: SOFT }, args: { soft_label: true }, grad: GRAD, gradOutput: upstream('soft/up', [5, 1]) }, 'soft labels: a [5, 1] loss, and the gradient g(p − label)', { clauses: ['soft', 'softLabel'] }),
    c('soft', { ignore_index: 2 }, { tensors: { logits: X, label: SOFT }, args: { soft_label: true, ignore_index: I(2) }, grad: GRAD }, "soft labels with ignore_index 2: no check refuses it, and it changes nothing", { rules: ['softmax-with-cross-entropy-no-label-checks'] }),
    c('soft', { label: 'float64' }, { tensors: { logits: X, label: distributions('soft', [5, 4], 'float64') }, args: { soft_label: true } }, 'float64 soft labels for float32 logits: ValueError', { rules: ['cross-entropy-soft-label-dtype'] }, ['error']),
    c('soft', { classes: 12 }, { tensors: { logits: logits('soft/x12', [3, 12], 'float32', -8, 8), label: distributions('soft/y12', [3, 12]) }, args: { soft_label: true }, grad: GRAD }, '12 classes with soft labels', { clauses: ['soft'] }),
    c('soft', { dtype: 'float64' }, { tensors: { logits: logits('soft/x64', [5, 4], 'float64'), label: distributions('soft/y64', [5, 4], 'float64') }, args: { soft_label: true }, grad: GRAD }, 'float64 soft labels', { clauses: ['soft', 'logits'] }),
  ];
}

function returnSoftmaxCases(): PlannedCase[] {
  const up = upstream('return/up', [5, 1]);
  const ups = upstream('return/ups', [5, 4]);
  return [
    c('return_softmax', { labels: 'hard' }, { tensors: { logits: X, label: Y }, args: { return_softmax: true } }, 'return_softmax=True: (loss [5, 1], softmax [5, 4])', { clauses: ['returnSoftmax', 'returns', 'hard'] }),
    c('return_softmax', { labels: 'soft' }, { tensors: { logits: X, label: SOFT }, args: { soft_label: true, return_softmax: true } }, 'return_softmax=True with soft labels', { clauses: ['returnSoftmax', 'returns', 'soft'] }),
    c('return_softmax', { value: false }, { tensors: { logits: X, label: Y }, args: { return_softmax: false } }, 'return_softmax=False: the loss alone', { clauses: ['returnSoftmax', 'hard'] }),
    c('return_softmax', { grad: 'loss' }, { tensors: { logits: X, label: Y }, args: { return_softmax: true }, grad: GRAD, gradOutput: [up, null] }, "the gradient through the loss alone: g(p − onehot)", { clauses: ['returnSoftmax', 'hard'] }),
    c('return_softmax', { grad: 'both' }, { tensors: { logits: X, label: Y }, args: { return_softmax: true }, grad: GRAD, gradOutput: [up, ups] }, "the gradient through both outputs: the softmax's upstream adds nothing", { rules: ['softmax-with-cross-entropy-softmax-grad-ignored'] }),
    c('return_softmax', { grad: 'ones' }, { tensors: { logits: X, label: Y }, args: { return_softmax: true }, grad: GRAD }, 'no upstream: ones through both outputs, the softmax\'s adding nothing', { rules: ['softmax-with-cross-entropy-softmax-grad-ignored'] }),
    c('return_softmax', { grad: 'both', labels: 'soft' }, { tensors: { logits: X, label: SOFT }, args: { soft_label: true, return_softmax: true }, grad: GRAD, gradOutput: [up, ups] }, "soft labels, the gradient through both outputs: the softmax's upstream adds nothing", { rules: ['softmax-with-cross-entropy-softmax-grad-ignored'] }),
    ...([['int_1', I(1)], ['str_a', { str: 'a' }], ['int_0', I(0)], ['None', null]] as Array<[string, KwargJson]>).map(([id, value]) => c('return_softmax', { value: id }, { tensors: { logits: X, label: Y }, args: { return_softmax: value } },
      `return_softmax=${id}: Python truthiness decides`, { rules: ['softmax-with-cross-entropy-return-softmax-truthy'] })),
  ];
}

function axisCases(): PlannedCase[] {
  return [
    c('axis', { shape: '2x4x3', axis: 1 }, { tensors: { logits: logits('axis/x', [2, 4, 3]), label: classes('axis/l', [2, 1, 3], 4) }, args: { axis: I(1), return_softmax: true }, grad: GRAD, gradOutput: [upstream('axis/up', [2, 1, 3]), null] }, 'classes along axis 1 of [2, 4, 3], labels [2, 1, 3]', { clauses: ['axis', 'hard', 'label', 'returns'] }),
    c('axis', { shape: '4x3', axis: 0 }, { tensors: { logits: logits('axis/x0', [4, 3]), label: classes('axis/l0', [1, 3], 4) }, args: { axis: I(0) }, grad: GRAD }, 'classes along axis 0 of [4, 3], labels [1, 3]', { clauses: ['axis', 'hard'] }),
    c('axis', { shape: '3x9x1', axis: -2 }, { tensors: { logits: logits('axis/x91', [3, 9, 1]), label: classes('axis/l91', [3, 1, 1], 9) }, args: { axis: I(-2) }, grad: GRAD }, 'classes along axis −2 of [3, 9, 1]: nothing after the axis', { clauses: ['axis', 'hard'] }),
    c('axis', { shape: '2x4x3', axis: 1, labels: 'soft' }, { tensors: { logits: logits('axis/xs', [2, 4, 3]), label: tensor('float32', [2, 4, 3], Array.from({ length: 24 }, (_, k) => [0.25, 0.5, 0.125, 0.125][Math.floor(k / 3) % 4]!)) }, args: { axis: I(1), soft_label: true }, grad: GRAD },
      'soft labels along axis 1 of [2, 4, 3]', { clauses: ['axis', 'soft'] }),
    c('axis', { shape: '1x3x2', axis: 1, logits: 'spread_over_64' }, { tensors: { logits: tensor('float32', [1, 3, 2], [0, 5, 100, 1, 2, 0.5]), label: tensor('int64', [1, 1, 2], [0, 2]) }, args: { axis: I(1), return_softmax: true }, grad: GRAD },
      "classes along axis 1 of [1, 3, 2], a label 100 below the column's maximum: Eigen's columns clip the shift at −64 too", { rules: ['softmax-eigen-columns', 'softmax-shift-clipped-at-64'] }),
    c('axis', { axis: 2 }, { tensors: { logits: X, label: Y }, args: { axis: I(2) } }, 'axis 2 of 2-D logits: ValueError', { clauses: ['axis'] }, ['error']),
  ];
}

function overflowCases(): PlannedCase[] {
  const rows = (values: number[][], dtype: WireDType = 'float32') => tensor(dtype, [values.length, values[0]!.length], values.flat());
  return [
    c('overflow', { logits: 'near_100' }, { tensors: { logits: rows([[100, 101, 99], [1000, 1000, 999], [-100, -101, -99]]), label: tensor('int64', [3, 1], [0, 2, 1]) }, args: { return_softmax: true }, grad: GRAD },
      'logits of 100, 1000 and −100 within 2 of each other: the max shift keeps exp finite (no overflow, no NaN)', { clauses: ['hard', 'stable', 'numericStable'] }),
    ...(['float32', 'float64'] as const).map((dtype) => c('overflow', { logits: 'spread_over_64', dtype }, { tensors: { logits: rows([[0, 1000], [100, 0], [0, 100]], dtype), label: tensor('int64', [3, 1], [0, 1, 1]) }, args: { return_softmax: true }, grad: GRAD },
      'a label 100 and 1000 below the maximum: the shift is clipped at −64, so the loss is 64 (+log of the sum), not 100 or 1000', { rules: ['softmax-shift-clipped-at-64'] })),
    c('overflow', { logits: 'nan_inf' }, { tensors: { logits: rows([[NaN, 1, 2], [1, NaN, 2], [Infinity, 1, 2], [-Infinity, 1, 2]]), label: tensor('int64', [4, 1], [1, 0, 0, 0]) }, args: { return_softmax: true }, grad: GRAD },
      'a NaN first and second in its row, +inf and −inf: max_element keeps a first NaN and passes over a later one', { rules: ['softmax-avx-rows'] }),
    c('overflow', { logits: 'nan_in_lanes' }, { tensors: { logits: tensor('float32', [1, 9], [0.5, NaN, 1, 2, 3, 4, 5, 6, NaN]), label: tensor('int64', [1, 1], [2]) }, args: { return_softmax: true }, grad: GRAD },
      'NaN logits in the 8-lane block (clipped to −64 by _mm256_max_ps) and in the tail (kept)', { rules: ['softmax-avx-rows'] }),
    ...[false, null].map((value) => c('overflow', { numeric_stable_mode: String(value) }, { tensors: { logits: rows([[100, 101, 99], [1000, 999, 998]]), label: tensor('int64', [2, 1], [0, 2]) }, args: { numeric_stable_mode: value }, grad: GRAD },
      `numeric_stable_mode=${value}: the CPU kernel is stable all the same`, value === false ? { clauses: ['numericStable', 'hard'] } : { rules: ['softmax-with-cross-entropy-no-label-checks'] })),
  ];
}

function classCountCases(): PlannedCase[] {
  return [
    ...[7, 8, 9, 16, 17, 33, 127, 128, 200].map((n) => c('classes', { classes: n }, { tensors: { logits: logits(`classes/${n}`, [n > 100 ? 2 : 3, n], 'float32', -8, 8), label: classes(`classes/${n}/l`, [n > 100 ? 2 : 3, 1], n) }, args: { return_softmax: true }, grad: GRAD },
      `${n} classes: ${n > 100 ? "glibc's expf below 128, MKL's vsExp from 128" : "the 8-lane blocks and the tail of the softmax's sum"}`, { clauses: ['hard', 'returns'] })),
    ...[3, 9].map((n) => c('classes', { classes: n, dtype: 'float64' }, { tensors: { logits: logits(`classes/f64/${n}`, [3, n], 'float64', -8, 8), label: classes(`classes/f64/${n}/l`, [3, 1], n) }, args: { return_softmax: true }, grad: GRAD },
      `${n} classes in float64`, { clauses: ['hard', 'logits'] })),
  ];
}

function dtypeCases(): PlannedCase[] {
  const label = tensor('int64', [3, 1], [0, 2, 1]);
  return [
    ...(['float16', 'bfloat16', 'int32'] as const).map((dtype) => c('dtypes', { logits: dtype }, { tensors: { logits: tensor(dtype, [3, 3], [1, 0, 2, 0, 1, 3, 2, 2, 0]), label } },
      `${dtype} logits: RuntimeError (NotFound)`, { rules: ['cross-entropy-float-kernels-only'] }, ['error'])),
  ];
}

function shapeCases(): PlannedCase[] {
  return [
    c('shapes', { logits: '2x3x4' }, { tensors: { logits: logits('shapes/x3', [2, 3, 4]), label: classes('shapes/l3', [2, 3, 1], 4) }, grad: GRAD }, '3-D logits [2, 3, 4] with labels [2, 3, 1]', { clauses: ['logits', 'label', 'hard'] }),
    c('shapes', { logits: '1030x3' }, { tensors: { logits: logits('shapes/x1030', [1030, 3]), label: classes('shapes/l1030', [1030, 1], 3) }, grad: GRAD, gradOutput: upstream('shapes/up1030', [1030, 1]) },
      "1030 rows with the logits' gradient under an upstream gradient", { clauses: ['hard', 'logits'] }),
    c('shapes', { logits: 'scalar' }, { tensors: { logits: tensor('float32', [], [1]), label: tensor('int64', [], [0]) } }, '0-D logits: ValueError', { clauses: ['logits'] }, ['error']),
    c('shapes', { logits: '0x3', label: '0x1' }, { tensors: { logits: tensor('float32', [0, 3], []), label: tensor('int64', [0, 1], []) }, args: { return_softmax: true }, grad: GRAD }, 'an empty batch: an empty loss and softmax', { rules: ['softmax-with-cross-entropy-label-reshaped'] }),
    c('shapes', { logits: '3x4', label: '3x2' }, { tensors: { logits: logits('shapes/x', [3, 4]), label: tensor('int64', [3, 2], [0, 1, 2, 3, 0, 1]) } }, 'hard labels [3, 2] for logits [3, 4]: ValueError', { clauses: ['label'] }, ['error']),
    c('shapes', { logits: '3x4', label: '3x1x1' }, { tensors: { logits: logits('shapes/x', [3, 4]), label: tensor('int64', [3, 1, 1], [0, 1, 2]) } }, 'labels of higher rank than the logits: ValueError', { clauses: ['label'] }, ['error']),
  ];
}

function argumentCases(): PlannedCase[] {
  const tensors = { logits: X, label: Y };
  const probes: Array<[string, string, KwargJson, string]> = [
    ['soft_label', 'int_1', I(1), 'soft_label=1: TypeError (must be bool)'],
    ['soft_label', 'None', null, 'soft_label=None: taken as False'],
    ['numeric_stable_mode', 'int_1', I(1), 'numeric_stable_mode=1: TypeError (must be bool)'],
    ['ignore_index', 'None', null, 'ignore_index=None: TypeError (must be int)'],
    ['ignore_index', '1.5', 1.5, 'ignore_index=1.5: TypeError (must be int)'],
    ['ignore_index', '2^31', I(2 ** 31), 'ignore_index=2^31: IndexError (exceeds int32)'],
    ['axis', 'True', true, 'axis=True: TypeError (must be int, but got bool)'],
    ['axis', 'None', null, 'axis=None: TypeError (must be int)'],
  ];
  return probes.map(([key, id, value, description]) => c('arguments', { [key]: id }, { tensors, args: { [key]: value } }, description, { rules: ['softmax-with-cross-entropy-no-label-checks'] }));
}

export const GROUPS: Groups = {
  arguments: argumentCases,
  doc_example: docExampleCases,
  labels: labelCases,
  reshape: reshapeCases,
  soft: softCases,
  return_softmax: returnSoftmaxCases,
  axis: axisCases,
  overflow: overflowCases,
  classes: classCountCases,
  dtypes: dtypeCases,
  shapes: shapeCases,
};
