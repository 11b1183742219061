/**
 * cross_entropy's groups, written here since its label is a class index (or a distribution) and not a value
 * like the input: the page's examples; the reductions in both forms; hard labels (int64, int32, float, with
 * and without a trailing 1, out of range, negative, equal to ignore_index); weight; soft labels; axis;
 * use_softmax=False; label_smoothing; logits of 100 and more (the max shift and its clip at −64), NaN and
 * infinities, class counts around the 8-lane packet and above 128; dtypes; shapes; argument errors; the layer.
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { WireDType } from '../../../conformance/wire.js';
import type { CROSS_ENTROPY_RULES } from '../../../reference/index.js';
import type { Groups } from '../plan.js';
import { familyPlannedCase, opRequest, type OpCall } from '../planned_case.js';
import { tensor } from '../tensor.js';
import { classes, distributions, logits, upstream } from '../class_inputs.js';
import { quote, type CLAUSES } from './clauses.js';
import { languageModelCases } from './language_model.js';

const FAMILY = 'cross_entropy';
const planned = familyPlannedCase<keyof typeof CLAUSES, keyof typeof CROSS_ENTROPY_RULES>(FAMILY, quote);
const request = (call: OpCall) => opRequest(FAMILY, call);
const GRAD = ['input'] as const;
const I = (n: number) => ({ int: n });
type Level = { clauses: Array<keyof typeof CLAUSES> } | { rules: Array<keyof typeof CROSS_ENTROPY_RULES> };

/** One case: its group, parameters, call, one line and where its expectation comes from. */
function c(group: string, params: Record<string, string | number | boolean | null>, call: OpCall, description: string, level: Level, tags?: string[]): PlannedCase {
  return planned({ group, params, request: request(call), description, ...level, ...(tags && { tags }) });
}

function docExampleCases(): PlannedCase[] {
  return [
    c('doc_example', { labels: 'hard', weight: true }, { form: 'layer', tensors: { input: logits('doc/hard', [10, 20], 'float64', 0, 1), label: classes('doc/hard/label', [10], 20), weight: logits('doc/hard/weight', [20], 'float64', 0, 1) }, grad: GRAD },
      "the page's CrossEntropyLoss example (rand input, randint labels, rand weight, float64, 'mean'), at 10 × 20", { clauses: ['example', 'hard', 'weightHard', 'weightedMean'] }, ['doc']),
    c('doc_example', { labels: 'soft' }, { tensors: { input: logits('doc/soft', [4, 3], 'float64', 0.1, 1), label: distributions('doc/soft/label', [4, 3], 'float64') }, args: { soft_label: true, axis: I(-1) }, grad: GRAD },
      "the page's soft-label example: uniform logits, labels normalised along the axis, 'mean'", { clauses: ['soft', 'softLabel', 'mean'] }, ['doc']),
    ...(['integer', 'one_hot'] as const).map((kind) => {
      const idx = [2, 0, 1, 1];
      const label = kind === 'integer' ? tensor('int64', [4], idx) : tensor('float32', [4, 3], idx.flatMap((k) => [0, 1, 2].map((j) => (j === k ? 1 : 0))));
      return c('doc_example', { labels: kind, label_smoothing: 0.4 }, { tensors: { input: logits('doc/smoothing', [4, 3], 'float64', 0.1, 1), label }, args: { label_smoothing: 0.4 }, grad: GRAD },
        `the page's label_smoothing example with ${kind === 'integer' ? 'integer labels' : 'one-hot labels'}: both give the same loss, smoothed by float32 constants`, { rules: ['label-smooth-float32-epsilon'] }, ['doc']);
    }),
  ];
}

function reductionCases(): PlannedCase[] {
  const out: PlannedCase[] = [];
  for (const form of ['functional', 'layer'] as const) {
    for (const reduction of ['none', 'mean', 'sum']) {
      const tensors = { input: logits(`reductions/${reduction}`, [5, 4]), label: classes(`reductions/${reduction}/label`, [5], 4) };
      out.push(c('reductions', { form, reduction }, { form, tensors, args: { reduction }, grad: GRAD, ...(reduction === 'none' && { gradOutput: upstream('reductions/up', [5]) }) },
        `${form}, reduction '${reduction}' of a [5, 4] batch, with input's gradient`, { clauses: ['hard', reduction === 'mean' ? 'mean' : 'reduction', 'reductionArg'] }));
    }
  }
  for (const n of [1, 2, 4]) {
    out.push(c('reductions', { rows: n, reduction: 'mean' }, { tensors: { input: logits(`reductions/rows${n}`, [n, 3]), label: classes(`reductions/rows${n}/label`, [n], 3) }, grad: GRAD },
      `'mean' over ${n} row(s) with input's gradient: the upstream 1 divided by ${n}`, { clauses: ['hard', 'mean'] }));
  }
  out.push(c('reductions', { rows: 1030, reduction: 'none' }, { tensors: { input: logits('reductions/rows1030', [1030, 3]), label: classes('reductions/rows1030/label', [1030], 3) }, args: { reduction: 'none' }, grad: GRAD, gradOutput: upstream('reductions/up1030', [1030]) },
    "1030 rows, reduction 'none', with input's gradient under an upstream gradient", { clauses: ['hard', 'reduction'] }));
  return out;
}

function labelCases(): PlannedCase[] {
  const x = logits('labels/x', [6, 5]);
  const lab = (values: number[], dtype: WireDType = 'int64', shape = [values.length]) => tensor(dtype, shape, values);
  const ok = [2, 0, 4, 1, 3, 2];
  return [
    ...(['int64', 'int32', 'float32', 'float64'] as const).map((dtype) => c('labels', { dtype }, { tensors: { input: x, label: lab(ok, dtype) }, args: { reduction: 'none' }, ...(dtype.startsWith('int') && { grad: GRAD }) }, `${dtype} class indices`, { clauses: ['hard', 'label', 'returns'] })),
    c('labels', { dtype: 'float32', grad: true }, { tensors: { input: x, label: lab(ok, 'float32') }, grad: GRAD }, "float32 class indices with input's gradient: OSError in the backward", { rules: ['cross-entropy-hard-label-grad-integer-only'] }, ['error']),
    c('labels', { trailing_one: true }, { tensors: { input: x, label: lab(ok, 'int64', [6, 1]) }, args: { reduction: 'none' }, grad: GRAD }, 'labels [6, 1]: the loss keeps the trailing 1', { clauses: ['label', 'returns'] }),
    c('labels', { index: 'C' }, { tensors: { input: x, label: lab([2, 0, 5, 1, 3, 2]) } }, 'a label equal to C: IndexError', { rules: ['cross-entropy-label-out-of-range'] }, ['error']),
    c('labels', { index: -1 }, { tensors: { input: x, label: lab([2, -1, 4, 1, 3, 2]) } }, 'a label -1 (not ignore_index): IndexError', { rules: ['cross-entropy-label-out-of-range'] }, ['error']),
    ...['none', 'mean', 'sum'].map((reduction) => c('labels', { label: -100, reduction }, { tensors: { input: x, label: lab([2, -100, 4, -100, 3, 2]) }, args: { reduction }, grad: GRAD },
      `labels -100 (the default ignore_index), '${reduction}': their loss and gradient are 0, and 'mean' still divides by all 6`, { rules: ['cross-entropy-mean-counts-ignored-below-zero'] })),
    ...['none', 'mean', 'sum'].map((reduction) => c('labels', { ignore_index: 1, reduction }, { tensors: { input: x, label: lab([1, 0, 4, 1, 3, 2]) }, args: { ignore_index: I(1), reduction }, grad: GRAD },
      `ignore_index 1, two labels 1, '${reduction}': 'mean' divides by the 4 others`, { rules: ['cross-entropy-mean-counts-ignored-below-zero'] })),
    c('labels', { ignore_index: 0, all_ignored: true }, { tensors: { input: x, label: lab([0, 0, 0, 0, 0, 0]) }, args: { ignore_index: I(0) }, grad: GRAD },
      "every label ignored, 'mean': 0 / (0 + 1) = 0", { rules: ['cross-entropy-mean-counts-ignored-below-zero'] }),
  ];
}

function weightCases(): PlannedCase[] {
  const x = logits('weight/x', [6, 4]);
  const label = tensor('int64', [6], [3, 0, 2, 1, 3, 0]);
  const w = logits('weight/w', [4], 'float32', 0.2, 2);
  return [
    ...['none', 'mean', 'sum'].flatMap((reduction) => (['functional', 'layer'] as const).map((form) => c('weight', { reduction, form }, { form, tensors: { input: x, label, weight: w }, args: { reduction }, grad: GRAD },
      `a class weight, '${reduction}' (${form}): 'mean' divides by Σ weight[label]`, { clauses: ['weightHard', reduction === 'mean' ? 'weightedMean' : 'reduction', 'weight'] }))),
    c('weight', { ignore_index: 0 }, { tensors: { input: x, label, weight: w }, args: { ignore_index: I(0) }, grad: GRAD }, "weight with ignore_index 0, 'mean': Σ weight over the labels not 0", { rules: ['cross-entropy-mean-counts-ignored-below-zero'] }),
    c('weight', { label: -100 }, { tensors: { input: x, label: tensor('int64', [6], [3, -100, 2, 1, -100, 0]), weight: w }, grad: GRAD }, "weight with labels -100, 'mean': their weight is 0 in the divisor too", { rules: ['cross-entropy-mean-counts-ignored-below-zero'] }),
    c('weight', { weight: 'float64' }, { tensors: { input: x, label, weight: logits('weight/w', [4], 'float64', 0.2, 2) }, args: { reduction: 'none' }, grad: GRAD }, 'a float64 weight with float32 input: the loss is float64 (cast to the weight)', { rules: ['cross-entropy-weight-dtype-wins'] }),
    c('weight', { input: 'float64', weight: 'float32' }, { tensors: { input: logits('weight/x', [6, 4], 'float64'), label, weight: w }, args: { reduction: 'none' }, grad: GRAD }, 'a float32 weight with float64 input: the mask in float64 keeps the loss float64', { rules: ['cross-entropy-weight-dtype-wins'] }),
    c('weight', { weight_size: 3 }, { tensors: { input: x, label, weight: logits('weight/w3', [3], 'float32', 0.2, 2) } }, 'a weight of 3 classes for 4: ValueError', { clauses: ['weight'] }, ['error']),
  ];
}

function softCases(): PlannedCase[] {
  const x = logits('soft/x', [5, 4]);
  const y = distributions('soft/y', [5, 4]);
  return [
    ...['none', 'mean', 'sum'].map((reduction) => c('soft', { reduction }, { tensors: { input: x, label: y }, args: { soft_label: true, reduction }, grad: GRAD, ...(reduction === 'none' && { gradOutput: upstream('soft/up', [5, 1]) }) },
      `soft labels, '${reduction}': a [5, 1] unreduced loss`, { clauses: ['soft', 'softLabel', 'returns', reduction === 'mean' ? 'mean' : 'reduction'] })),
    c('soft', { weight: true }, { tensors: { input: x, label: y, weight: logits('soft/w', [4], 'float32', 0.2, 2) }, args: { soft_label: true, reduction: 'none' }, grad: GRAD }, 'soft labels with a class weight: each loss times Σ label · weight', { clauses: ['soft', 'weight'] }),
    c('soft', { ignore_index: 0 }, { tensors: { input: x, label: y }, args: { soft_label: true, ignore_index: I(0) }, grad: GRAD }, "soft labels with ignore_index 0, 'mean': divided by the 20 entries != 0, not by 5", { rules: ['cross-entropy-soft-mean-counts-entries'] }),
    c('soft', { label: 'float64' }, { tensors: { input: x, label: distributions('soft/y', [5, 4], 'float64') }, args: { soft_label: true } }, 'float64 soft labels for float32 input: ValueError', { rules: ['cross-entropy-soft-label-dtype'] }, ['error']),
    c('soft', { label: 'int64' }, { tensors: { input: x, label: tensor('int64', [5, 4], Array.from({ length: 20 }, (_, k) => (k % 5 === 0 ? 1 : 0))) }, args: { soft_label: true } }, 'int64 one-hot labels with soft_label: ValueError', { rules: ['cross-entropy-soft-label-dtype'] }, ['error']),
    c('soft', { use_softmax: false }, { tensors: { input: distributions('soft/p', [5, 4]), label: y }, args: { soft_label: true, use_softmax: false, reduction: 'none' }, grad: GRAD }, 'soft labels over probabilities (use_softmax=False)', { clauses: ['softLabel', 'hardNoSoftmax'] }),
    c('soft', { ignore_index: 1 }, { tensors: { input: x, label: y }, args: { soft_label: true, ignore_index: I(1) } }, 'soft_label with ignore_index 1: ValueError', { clauses: ['ignoreIndex'] }, ['error']),
  ];
}

function axisCases(): PlannedCase[] {
  return [
    ...['none', 'mean'].map((reduction) => c('axis', { shape: '2x4x3', axis: 1, reduction }, { tensors: { input: logits('axis/x', [2, 4, 3]), label: classes('axis/l', [2, 3], 4) }, args: { axis: I(1), reduction }, grad: GRAD },
      `classes along axis 1 of [2, 4, 3], labels [2, 3], '${reduction}'`, { clauses: ['axis', 'hard', 'label'] })),
    c('axis', { shape: '4x3', axis: 0 }, { tensors: { input: logits('axis/x0', [4, 3]), label: classes('axis/l0', [3], 4) }, args: { axis: I(0), reduction: 'none' }, grad: GRAD }, 'classes along axis 0 of [4, 3], labels [3]', { clauses: ['axis', 'hard'] }),
    c('axis', { shape: '3x9x1', axis: 1 }, { tensors: { input: logits('axis/x91', [3, 9, 1]), label: classes('axis/l91', [3, 1], 9) }, args: { axis: I(1), reduction: 'none' }, grad: GRAD }, 'classes along axis 1 of [3, 9, 1]: nothing after the axis', { clauses: ['axis', 'hard'] }),
    c('axis', { shape: '2x4x3', axis: 1, labels: 'soft' }, { tensors: { input: logits('axis/xs', [2, 4, 3]), label: tensor('float32', [2, 4, 3], Array.from({ length: 24 }, (_, k) => [0.25, 0.5, 0.125, 0.125][Math.floor(k / 3) % 4]!)) }, args: { axis: I(1), soft_label: true, reduction: 'none' }, grad: GRAD },
      'soft labels along axis 1 of [2, 4, 3]', { clauses: ['axis', 'soft'] }),
    c('axis', { shape: '2x4x3', axis: 1, logits: 'spread_over_64' }, { tensors: { input: tensor('float32', [1, 3, 2], [0, 5, 100, 1, 2, 0.5]), label: tensor('int64', [1, 2], [0, 2]) }, args: { axis: I(1), reduction: 'none' }, grad: GRAD },
      "classes along axis 1 of [1, 3, 2], a label 100 below the column's maximum: Eigen's columns clip the shift at −64 too", { rules: ['softmax-eigen-columns', 'softmax-shift-clipped-at-64'] }),
    c('axis', { shape: '3x3', axis: 0, label_smoothing: 0.1 }, { tensors: { input: logits('axis/xls', [3, 3]), label: tensor('int64', [3], [1, 0, 2]) }, args: { axis: I(0), label_smoothing: 0.1, reduction: 'none' }, grad: GRAD },
      "label_smoothing with axis 0: the one-hot classes are appended last, so Paddle smooths along the wrong axis (a [1, 3] loss)", { rules: ['cross-entropy-label-smoothing-smooths-every-label'] }),
  ];
}

function noSoftmaxCases(): PlannedCase[] {
  const p = distributions('nosoftmax/p', [5, 4]);
  return [
    ...['none', 'mean'].map((reduction) => c('no_softmax', { reduction }, { tensors: { input: p, label: classes('nosoftmax/l', [5], 4) }, args: { use_softmax: false, reduction }, grad: GRAD },
      `use_softmax=False over probabilities, '${reduction}'`, { clauses: ['hardNoSoftmax'] })),
    c('no_softmax', { p: '0_and_1' }, { tensors: { input: tensor('float32', [3, 2], [0, 1, 1, 0, 0.5, 0.5]), label: tensor('int64', [3], [0, 0, 1]) }, args: { use_softmax: false, reduction: 'none' }, grad: GRAD },
      'probabilities 0 and 1 at the label: −log 0 is 1e20 (TolerableValue), −log 1 is −0', { rules: ['cross-entropy-hard-label-log-clamped'] }),
  ];
}

function smoothingCases(): PlannedCase[] {
  const x = logits('smoothing/x', [5, 4]);
  const label = tensor('int64', [5], [1, 0, 3, 1, 2]);
  return [
    ...['none', 'mean', 'sum'].map((reduction) => c('label_smoothing', { epsilon: 0.1, reduction }, { tensors: { input: x, label }, args: { label_smoothing: 0.1, reduction }, grad: GRAD },
      `label_smoothing 0.1, '${reduction}'`, { clauses: ['labelSmoothing', reduction === 'mean' ? 'mean' : 'reduction'] })),
    c('label_smoothing', { epsilon: 0.1, ignore_index: 1 }, { tensors: { input: x, label }, args: { label_smoothing: 0.1, ignore_index: I(1) }, grad: GRAD },
      "label_smoothing with ignore_index 1: the labels 1 are smoothed and counted, and 'mean' divides by the 20 entries", { rules: ['cross-entropy-label-smoothing-smooths-every-label', 'cross-entropy-soft-mean-counts-entries'] }),
    c('label_smoothing', { epsilon: 0.1, label: -100 }, { tensors: { input: x, label: tensor('int64', [5], [1, -100, 3, 1, 2]) }, args: { label_smoothing: 0.1 } },
      'label_smoothing with a label -100: one_hot refuses it, ValueError', { rules: ['one-hot-index-checked-in-order', 'cross-entropy-label-smoothing-smooths-every-label'] }, ['error']),
    c('label_smoothing', { epsilon: 1.5 }, { tensors: { input: x, label }, args: { label_smoothing: 1.5 } }, 'label_smoothing 1.5, outside [0, 1]: ValueError', { clauses: ['labelSmoothing'] }, ['error']),
    c('label_smoothing', { epsilon: 0.2, weight: true }, { tensors: { input: x, label, weight: logits('smoothing/w', [4], 'float32', 0.2, 2) }, args: { label_smoothing: 0.2, reduction: 'none' }, grad: GRAD },
      'label_smoothing 0.2 with a class weight: each loss times Σ smoothed label · weight', { clauses: ['labelSmoothing', 'weight'] }),
  ];
}

function overflowCases(): PlannedCase[] {
  const rows = (values: number[][], dtype: WireDType = 'float32') => tensor(dtype, [values.length, values[0]!.length], values.flat());
  return [
    c('overflow', { logits: 'near_100' }, { tensors: { input: rows([[100, 101, 99], [1000, 1000, 999], [-100, -101, -99]]), label: tensor('int64', [3], [0, 2, 1]) }, args: { reduction: 'none' }, grad: GRAD },
      'logits of 100, 1000 and −100 within 2 of each other: the max shift keeps exp finite (no overflow, no NaN)', { clauses: ['hard'] }),
    ...(['float32', 'float64'] as const).map((dtype) => c('overflow', { logits: 'spread_over_64', dtype }, { tensors: { input: rows([[0, 1000], [100, 0], [0, 100]], dtype), label: tensor('int64', [3], [0, 1, 1]) }, args: { reduction: 'none' }, grad: GRAD },
      'a label 100 and 1000 below the maximum: the shift is clipped at −64, so the loss is 64 (+log of the sum), not 100 or 1000', { rules: ['softmax-shift-clipped-at-64'] })),
    c('overflow', { logits: 'nan_inf' }, { tensors: { input: rows([[NaN, 1, 2], [1, NaN, 2], [Infinity, 1, 2], [-Infinity, 1, 2]]), label: tensor('int64', [4], [1, 0, 0, 0]) }, args: { reduction: 'none' }, grad: GRAD },
      'a NaN first and second in its row, +inf and −inf: max_element keeps a first NaN and passes over a later one', { rules: ['softmax-avx-rows'] }),
    c('overflow', { logits: 'nan_in_lanes' }, { tensors: { input: tensor('float32', [1, 9], [0.5, NaN, 1, 2, 3, 4, 5, 6, NaN]), label: tensor('int64', [1], [2]) }, args: { reduction: 'none' }, grad: GRAD },
      'NaN logits in the 8-lane block (clipped to −64 by _mm256_max_ps) and in the tail (kept)', { rules: ['softmax-avx-rows'] }),
  ];
}

function classCountCases(): PlannedCase[] {
  return [
    ...[1, 7, 8, 9, 16, 17, 33].map((n) => c('classes', { classes: n }, { tensors: { input: logits(`classes/${n}`, [3, n], 'float32', -8, 8), label: classes(`classes/${n}/l`, [3], n) }, args: { reduction: 'none' }, grad: GRAD },
      `${n} classes: the 8-lane blocks and the tail of the softmax's sum`, { clauses: ['hard', 'input'] })),
    ...[127, 128, 200].map((n) => c('classes', { classes: n }, { tensors: { input: logits(`classes/${n}`, [2, n], 'float32', -8, 8), label: classes(`classes/${n}/l`, [2], n) }, args: { reduction: 'none' }, grad: GRAD },
      `${n} classes: glibc's expf below 128, MKL's vsExp from 128`, { clauses: ['hard', 'input'] })),
    ...[3, 4, 9].map((n) => c('classes', { classes: n, dtype: 'float64' }, { tensors: { input: logits(`classes/f64/${n}`, [3, n], 'float64', -8, 8), label: classes(`classes/f64/${n}/l`, [3], n) }, args: { reduction: 'none' }, grad: GRAD },
      `${n} classes in float64`, { clauses: ['hard', 'input'] })),
    c('classes', { classes: 12, labels: 'soft' }, { tensors: { input: logits('classes/soft12', [3, 12], 'float32', -8, 8), label: distributions('classes/soft12/y', [3, 12]) }, args: { soft_label: true, reduction: 'none' }, grad: GRAD },
      "12 classes with soft labels: Eigen's packet log on the first 8 of each row", { clauses: ['soft'] }),
  ];
}

function dtypeCases(): PlannedCase[] {
  const label = tensor('int64', [3], [0, 2, 1]);
  return [
    c('dtypes', { input: 'float64' }, { tensors: { input: logits('dtypes/x', [3, 3], 'float64'), label }, grad: GRAD }, 'float64 logits', { clauses: ['input'] }),
    ...(['float16', 'bfloat16', 'int32', 'int64'] as const).map((dtype) => c('dtypes', { input: dtype }, { tensors: { input: tensor(dtype, [3, 3], [1, 0, 2, 0, 1, 3, 2, 2, 0]), label } },
      `${dtype} logits: RuntimeError (NotFound)`, { rules: ['cross-entropy-float-kernels-only'] }, ['error'])),
  ];
}

function shapeCases(): PlannedCase[] {
  return [
    c('shapes', { input: '2x3x4' }, { tensors: { input: logits('shapes/x3', [2, 3, 4]), label: classes('shapes/l3', [2, 3], 4) }, args: { reduction: 'none' }, grad: GRAD }, 'a 3-D input [2, 3, 4] with labels [2, 3]', { clauses: ['input', 'label', 'returns'] }),
    c('shapes', { input: '4' }, { tensors: { input: logits('shapes/x1', [4]), label: tensor('int64', [1], [2]) }, args: { reduction: 'none' }, grad: GRAD }, 'a 1-D input [4] with a label [1]', { clauses: ['hard'] }),
    c('shapes', { input: 'scalar' }, { tensors: { input: tensor('float32', [], [1]), label: tensor('int64', [], [0]) } }, 'a 0-D input: ValueError', { clauses: ['input'] }, ['error']),
    c('shapes', { input: '0x3', reduction: 'none' }, { tensors: { input: tensor('float32', [0, 3], []), label: tensor('int64', [0], []) }, args: { reduction: 'none' }, grad: GRAD }, 'an empty batch, reduction none: an empty loss', { clauses: ['returns'] }),
    c('shapes', { input: '3x4', label: '3x2' }, { tensors: { input: logits('shapes/x', [3, 4]), label: tensor('int64', [3, 2], [0, 1, 2, 3, 0, 1]) } }, 'hard labels [3, 2] for input [3, 4]: ValueError', { clauses: ['label'] }, ['error']),
    c('shapes', { input: '3x4', label: '3x1x1' }, { tensors: { input: logits('shapes/x', [3, 4]), label: tensor('int64', [3, 1, 1], [0, 1, 2]) } }, 'labels of higher rank than input: ValueError', { clauses: ['label'] }, ['error']),
  ];
}

function keywordCases(): PlannedCase[] {
  const tensors = { input: logits('keywords/x', [3, 4]), label: tensor('int64', [3], [0, 3, 1]) };
  return [
    c('keywords', { reduction: 'bogus' }, { tensors, args: { reduction: 'bogus' } }, "reduction 'bogus': ValueError", { clauses: ['reductionArg'] }, ['error']),
    c('keywords', { name: 'loss' }, { tensors, args: { name: 'loss' } }, 'a name changes nothing', { clauses: ['hard', 'mean'] }),
    ...['size_average', 'reduce'].map((key) => c('keywords', { layer: key }, { form: 'layer', tensors, args: { [key]: true } }, `CrossEntropyLoss(${key}=True): refused`, { rules: ['cross-entropy-layer-legacy-arguments'] }, ['error'])),
  ];
}

function argumentCases(): PlannedCase[] {
  const tensors = { input: logits('arguments/x', [3, 4]), label: tensor('int64', [3], [0, 3, 1]) };
  const probes: Array<[string, string, KwargJson, string]> = [
    ['soft_label', 'int_1', I(1), 'soft_label=1: TypeError (must be bool)'],
    ['soft_label', 'None', null, 'soft_label=None: taken as False'],
    ['use_softmax', 'None', null, 'use_softmax=None: taken as False'],
    ['ignore_index', 'None', null, "ignore_index=None: TypeError ('>' not supported)"],
    ['ignore_index', '1.5', 1.5, 'ignore_index=1.5: TypeError (must be int)'],
    ['ignore_index', 'True', true, 'ignore_index=True: TypeError (must be int, but got bool)'],
    ['ignore_index', '2^31', I(2 ** 31), 'ignore_index=2^31: IndexError (exceeds int32)'],
    ['axis', 'True', true, 'axis=True: TypeError in unsqueeze'],
    ['axis', '2', I(2), 'axis=2 with labels [3]: ValueError in unsqueeze'],
    ['axis', '-3', I(-3), 'axis=−3 with labels [3]: ValueError in unsqueeze'],
    ['axis', 'None', null, 'axis=None: unsqueeze passes it, the kernel refuses it (TypeError)'],
    ['label_smoothing', 'None', null, "label_smoothing=None: TypeError ('>' not supported)"],
    ['label_smoothing', 'True', true, 'label_smoothing=True: ε = 1'],
  ];
  return [
    ...probes.map(([key, id, value, description]) => c('arguments', { [key]: id }, { tensors, args: { [key]: value } }, description, { rules: ['cross-entropy-argument-types'] })),
    c('arguments', { axis: '2', label: '3x1' }, { tensors: { input: tensors.input, label: tensor('int64', [3, 1], [0, 3, 1]) }, args: { axis: I(2) } }, 'axis=2 of a 2-D input with labels [3, 1]: ValueError (shape inference)', { rules: ['cross-entropy-argument-types'] }),
  ];
}

export const GROUPS: Groups = {
  arguments: argumentCases,
  doc_example: docExampleCases,
  reductions: reductionCases,
  labels: labelCases,
  weight: weightCases,
  soft: softCases,
  axis: axisCases,
  no_softmax: noSoftmaxCases,
  label_smoothing: smoothingCases,
  overflow: overflowCases,
  classes: classCountCases,
  dtypes: dtypeCases,
  shapes: shapeCases,
  keywords: keywordCases,
  language_model: languageModelCases,
};
