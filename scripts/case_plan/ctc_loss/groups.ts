/**
 * ctc_loss's groups, written here since the standard plan assumes an (input, label, reduction) loss: the page's
 * example; one frame (the loss −log softmax, no log-space sum: the spec cases); sequences of every shape, padding,
 * repeats and blank; norm_by_times; alignments too long for their input; probabilities below the clip and non-finite
 * logits; zero_infinity; the argument checks; the layer; PaddleOCR's size (T = 200, 6,625 classes and the blank).
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { TensorJson, WireDType } from '../../../conformance/wire.js';
import type { CTC_LOSS_RULES } from '../../../reference/index.js';
import { Prng } from '../../prng.js';
import type { Groups } from '../plan.js';
import { familyPlannedCase, opRequest, type OpCall } from '../planned_case.js';
import { generated, tensor } from '../tensor.js';
import { quote, type CLAUSES } from './clauses.js';

const FAMILY = 'ctc_loss';
type Rule = keyof typeof CTC_LOSS_RULES;
type Level = { clauses: Array<keyof typeof CLAUSES> } | { rules: Rule[] };
const planned = familyPlannedCase<keyof typeof CLAUSES, Rule>(FAMILY, quote);
const GRAD = ['log_probs'] as const;
const SUMS: Rule[] = ['ctc-log-plus-in-double'];
const I = (n: number): KwargJson => ({ int: n });

/** Logits [T, N, C] uniform in [lo, hi). */
function logits(seed: string, shape: [number, number, number], dtype: WireDType = 'float32', lo = -3, hi = 3): TensorJson {
  const rng = new Prng(seed);
  const n = shape[0] * shape[1] * shape[2];
  return tensor(dtype, shape, Array.from({ length: n }, () => (dtype === 'float32' ? Math.fround(rng.uniform(lo, hi)) : rng.uniform(lo, hi))));
}
const int32 = (rows: number[][]): TensorJson => tensor('int32', [rows.length, rows[0]!.length], rows.flat());
const int64 = (values: number[]): TensorJson => tensor('int64', [values.length], values);

/** One case: the tensors in Paddle's order, keyword arguments, the gradient and an upstream when asked. */
function c(group: string, params: Record<string, string | number | boolean>, call: Omit<OpCall, 'tensors'> & { x: TensorJson; labels: TensorJson; il: TensorJson; ll: TensorJson }, description: string, level: Level): PlannedCase {
  const { x, labels, il, ll, ...rest } = call;
  return planned({ group, params, request: opRequest(FAMILY, { ...rest, tensors: { log_probs: x, labels, input_lengths: il, label_lengths: ll } }), description, ...level });
}

function upstream(seed: string, dtype: WireDType, shape: number[]): TensorJson {
  const rng = new Prng(seed);
  return tensor(dtype, shape, Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => Math.fround(rng.uniform(-2, 2))));
}

/** The page's example: [5, 2, 3] logits, labels [1, 2, 2] twice, 'none' and 'mean' (1.1376). */
function docExampleCases(): PlannedCase[] {
  const x = tensor('float32', [5, 2, 3], [
    4.17021990e-01, 7.20324516e-01, 1.14374816e-04, 3.02332580e-01, 1.46755889e-01, 9.23385918e-02, 1.86260208e-01, 3.45560730e-01, 3.96767467e-01,
    5.38816750e-01, 4.19194520e-01, 6.85219526e-01, 2.04452246e-01, 8.78117442e-01, 2.73875929e-02, 6.70467496e-01, 4.17304814e-01, 5.58689833e-01,
    1.40386939e-01, 1.98101491e-01, 8.00744593e-01, 9.68261600e-01, 3.13424170e-01, 6.92322612e-01, 8.76389146e-01, 8.94606650e-01, 8.50442126e-02,
    3.90547849e-02, 1.69830427e-01, 8.78142476e-01].map(Math.fround));
  const t = { x, labels: int32([[1, 2, 2], [1, 2, 2]]), il: int64([5, 5]), ll: int64([3, 3]) };
  return (['none', 'mean'] as const).map((reduction) => c('doc_example', { reduction }, { ...t, args: { blank: I(0), reduction }, grad: GRAD },
    `the page's example, reduction '${reduction}' (the page prints [3.918, 2.908] and 1.1376), with the gradient`, { rules: SUMS }));
}

/** One frame: −log softmax(x)[label] (or [blank]), no log-space sum; the reductions, float64, blank, the layer, 1030 rows. */
function oneFrameCases(): PlannedCase[] {
  const base = (dtype: WireDType = 'float32') => ({ x: logits(`one/${dtype}`, [1, 3, 4], dtype), labels: int32([[1, 3], [2, 2], [3, 1]]), il: int64([1, 1, 1]), ll: int64([1, 1, 0]) });
  const spec = (...names: Array<keyof typeof CLAUSES>): Level => ({ clauses: ['softmax', ...names] });
  const batch = (n: number) => ({ x: logits(`one/n${n}`, [1, n, 3]), labels: int32(Array.from({ length: n }, (_, b) => [1 + (b % 2)])), il: int64(Array(n).fill(1)), ll: int64(Array(n).fill(1)) });
  return [
    ...(['none', 'sum'] as const).map((reduction) => c('one_frame', { reduction }, { ...base(), args: { reduction }, grad: GRAD, gradOutput: upstream(`one/up/${reduction}`, 'float32', reduction === 'none' ? [3] : []) },
      `one frame, labels of length 1, 1 and 0: −log softmax of the label (the blank for the last), reduction '${reduction}', the gradient p − onehot under an upstream`, spec(reduction, 'returns'))),
    ...[1, 2, 4].map((n) => c('one_frame', { reduction: 'mean', batch: n }, { ...batch(n), args: { reduction: 'mean' }, grad: GRAD, gradOutput: tensor('float32', [], [2]) },
      `one frame, ${n} sequence(s) of one label, 'mean': the losses over their label length 1, averaged; the gradient 2 / ${n} · (p − onehot)`, spec('mean', 'returns'))),
    // 'mean' over labels of length 1 only: a label length of 0 makes Paddle's quotient inf, which the page leaves to
    // IEEE division and PyTorch clamps to 1; the zero_infinity group holds it, citing ctc-zero-infinity-before-mean.
    c('one_frame', { reduction: 'default' }, { ...base(), ll: int64([1, 1, 1]) }, "one frame, reduction left at 'mean': each loss over its label length 1, averaged", spec('mean')),
    c('one_frame', { dtype: 'float64' }, { ...base('float64'), args: { reduction: 'none' }, grad: GRAD }, 'one frame in float64', spec('logProbs', 'none')),
    c('one_frame', { blank: 3 }, { ...base(), args: { blank: I(3), reduction: 'none' }, grad: GRAD }, 'one frame with blank 3: the third row (no label) takes class 3', spec('blank', 'none')),
    c('one_frame', { form: 'layer' }, { ...base(), form: 'layer', args: { reduction: 'sum' }, grad: GRAD }, "CTCLoss(reduction='sum') over one frame", spec('sum')),
    c('one_frame', { form: 'layer', reduction: 'default' }, { ...base(), ll: int64([1, 1, 1]) }, 'CTCLoss() over one frame: the mean of each loss over its label length 1', spec('mean')),
    c('one_frame', { batch: 1030 }, { ...batch(1030), args: { reduction: 'none' }, grad: GRAD }, "one frame of 1030 sequences of 3 classes, reduction 'none', with the gradient", spec('none', 'returns')),
  ];
}

/** Sequences: shapes, padded frames (input_lengths < T), label lengths 0, repeats, a label equal to the blank, float64. */
function sequenceCases(): PlannedCase[] {
  const shapes: Array<[number, number, number, number]> = [[2, 1, 3, 1], [4, 2, 5, 2], [6, 3, 4, 3], [8, 2, 7, 4], [12, 4, 6, 5], [30, 2, 10, 12]];
  const rows = (seed: string, n: number, lmax: number, classes: number, blank: number) => {
    const rng = new Prng(seed);
    return Array.from({ length: n }, () => Array.from({ length: lmax }, () => { const v = rng.int(0, classes - 2); return v >= blank ? v + 1 : v; }));
  };
  const cases = shapes.flatMap(([t, n, k, lmax]) => (['float32', 'float64'] as const).map((dtype) => {
    const il = Array.from({ length: n }, (_, b) => Math.max(1, t - b));
    const ll = Array.from({ length: n }, (_, b) => Math.max(b === 0 ? 1 : 0, Math.min(lmax - b, Math.floor((il[b]! + 1) / 2))));
    const reduction = dtype === 'float32' ? 'none' : 'mean';
    return c('sequences', { shape: `${t}x${n}x${k}`, lmax, dtype }, { x: logits(`seq/${t}x${n}x${k}/${dtype}`, [t, n, k], dtype), labels: int32(rows(`seq/l/${t}x${n}`, n, lmax, k, 0)), il: int64(il), ll: int64(ll), args: { reduction }, grad: GRAD,
      gradOutput: upstream(`seq/up/${t}x${n}`, dtype, reduction === 'none' ? [n] : []) }, `T ${t}, N ${n}, C ${k}, label lengths ${ll.join(', ')}, input lengths ${il.join(', ')} (padded frames get 0), reduction '${reduction}'`, { rules: SUMS });
  }));
  const x = logits('seq/special', [6, 3, 5]);
  return [
    ...cases,
    c('sequences', { labels: 'repeats' }, { x, labels: int32([[2, 2, 2], [1, 1, 3], [4, 3, 3]]), il: int64([6, 5, 6]), ll: int64([3, 3, 3]), args: { reduction: 'none' }, grad: GRAD }, 'repeated labels: a blank must separate them (no skip transition)', { rules: SUMS }),
    c('sequences', { labels: 'blank_inside' }, { x, labels: int32([[0, 2, 0], [1, 0, 1], [3, 3, 0]]), il: int64([6, 6, 6]), ll: int64([3, 3, 3]), args: { reduction: 'none' }, grad: GRAD }, 'labels equal to the blank: warp-ctc takes them as ordinary states', { rules: SUMS }),
    c('sequences', { blank: 4 }, { x, labels: int32([[0, 1, 2], [3, 0, 1], [2, 2, 3]]), il: int64([6, 4, 6]), ll: int64([3, 2, 3]), args: { blank: I(4), reduction: 'sum' }, grad: GRAD }, 'blank 4, the last class', { rules: SUMS }),
    c('sequences', { labels: 'exact_fit' }, { x, labels: int32([[1, 2, 3], [1, 1, 0], [4, 4, 4]]), il: int64([3, 3, 5]), ll: int64([3, 2, 3]), args: { reduction: 'none' }, grad: GRAD }, 'input lengths that just fit the labels (L + repeats = T): one alignment each', { rules: SUMS }),
  ];
}

function normByTimesCases(): PlannedCase[] {
  const t = { x: logits('norm', [7, 3, 4]), labels: int32([[1, 2], [3, 3], [2, 0]]), il: int64([7, 5, 3]), ll: int64([2, 2, 1]) };
  return (['none', 'sum', 'mean'] as const).map((reduction) => c('norm_by_times', { reduction }, { ...t, args: { reduction, norm_by_times: true }, grad: GRAD },
    `norm_by_times with reduction '${reduction}': the loss unchanged, each sequence's gradient times fround(1 / T) for T = 7, 5, 3`, { rules: ['ctc-norm-by-times-scales-gradient', ...SUMS] }));
}

function impossibleCases(): PlannedCase[] {
  const t = { x: logits('impossible', [4, 3, 4]), labels: int32([[1, 1, 1], [1, 2, 3], [2, 2, 1]]), il: int64([4, 2, 3]), ll: int64([3, 3, 2]) };
  return (['none', 'mean'] as const).map((reduction) => c('impossible', { reduction }, { ...t, args: { reduction }, grad: GRAD },
    `labels needing 5, 3 and 3 frames in 4, 2 and 3: the first two cost 0 with a zero gradient, not +inf, reduction '${reduction}'`, { rules: ['ctc-impossible-alignment-zero', ...SUMS] }));
}

/** Probabilities below float32's smallest normal (clipped), −inf logits, and NaN and +inf (NaN). */
function extremeCases(): PlannedCase[] {
  const values = (vals: number[], dtype: WireDType = 'float32') => tensor(dtype, [3, 2, 3], vals);
  const far = [0, -200, 1, 0, -1000, 2, -150, 0, 0, 1, 2, -300, 0, 0, -120, 0, 1, 0];
  const labels = int32([[1, 2], [2, 1]]);
  return [
    ...(['float32', 'float64'] as const).map((dtype) => c('extremes', { logits: 'far_below', dtype }, { x: values(far, dtype), labels, il: int64([3, 3]), ll: int64([2, 2]), args: { reduction: 'none' }, grad: GRAD },
      `logits 120 to 1000 below their frame's maximum: p is raised to the smallest normal (${dtype === 'float32' ? '−87.34' : '−708.4'} per frame), the loss finite`, { rules: ['ctc-probs-clipped-at-min-normal', ...SUMS] })),
    c('extremes', { logits: 'neg_inf' }, { x: values(far.map((v) => (v < -100 ? -Infinity : v))), labels, il: int64([3, 3]), ll: int64([2, 2]), args: { reduction: 'none' }, grad: GRAD }, '−inf logits: exp gives 0, clipped to the smallest normal', { rules: ['ctc-probs-clipped-at-min-normal', ...SUMS] }),
    c('extremes', { logits: 'nan_inf' }, { x: values(far.map((v, k) => (k === 2 ? NaN : k === 13 ? Infinity : v))), labels, il: int64([3, 3]), ll: int64([2, 2]), args: { reduction: 'none', zero_infinity: true } },
      'a NaN logit and a +inf logit (inf − inf in the softmax): NaN losses, which zero_infinity leaves', { rules: ['ctc-zero-infinity-before-mean', ...SUMS] }),
  ];
}

function zeroInfinityCases(): PlannedCase[] {
  const t = { x: logits('zero_inf', [4, 2, 4]), labels: int32([[1, 2], [3, 1]]), il: int64([4, 3]) };
  return [
    ...[false, true].map((zero_infinity) => c('zero_infinity', { zero_infinity, label_lengths: '2_0' }, { ...t, ll: int64([2, 0]), args: { zero_infinity } },
      `zero_infinity=${zero_infinity}, 'mean' with a label length of 0: the division makes inf after zero_infinity ran`, { rules: ['ctc-zero-infinity-before-mean', ...SUMS] })),
    c('zero_infinity', { zero_infinity: true, reduction: 'none' }, { ...t, ll: int64([2, 1]), args: { zero_infinity: true, reduction: 'none' }, grad: GRAD }, 'zero_infinity=True with finite losses: nothing changes', { rules: ['ctc-zero-infinity-before-mean', ...SUMS] }),
  ];
}

function argumentCases(): PlannedCase[] {
  const x = logits('args', [3, 2, 4]);
  const ok = { x, labels: int32([[1, 2], [3, 3]]), il: int64([3, 3]), ll: int64([2, 1]) };
  const rules: Level = { rules: ['ctc-argument-checks'] };
  const probes: Array<[Record<string, string | number>, Partial<typeof ok>, Record<string, KwargJson>, string]> = [
    [{ labels: 'int64' }, { labels: tensor('int64', [2, 2], [1, 2, 3, 3]) }, {}, 'int64 labels: ValueError (int32 expected)'],
    [{ input_lengths: 'int32' }, { il: tensor('int32', [2], [3, 3]) }, {}, 'int32 input_lengths: ValueError (int64 expected)'],
    [{ label_lengths: 'int32' }, { ll: tensor('int32', [2], [2, 1]) }, {}, 'int32 label_lengths: ValueError'],
    [{ log_probs: 'float16' }, { x: tensor('float16', [3, 2, 4], Array(24).fill(0.5)) }, {}, 'float16 log_probs: RuntimeError (no kernel)'],
    [{ log_probs: 'int32' }, { x: tensor('int32', [3, 2, 4], Array(24).fill(1)) }, {}, 'int32 log_probs: RuntimeError (no kernel)'],
    [{ labels: '1d' }, { labels: tensor('int32', [2], [1, 2]) }, {}, '1-D labels: ValueError'],
    [{ label_lengths: 'over_width' }, { ll: int64([3, 1]) }, {}, 'a label length of 3 for labels of width 2: ValueError'],
    [{ log_probs: 'empty' }, { x: tensor('float32', [0, 2, 4], []) }, {}, 'no frames: ValueError (input size zero)'],
    [{ log_probs: '2d' }, { x: tensor('float32', [3, 4], Array(12).fill(0.25)) }, {}, '2-D log_probs: ValueError'],
    [{ blank: 4 }, {}, { blank: I(4) }, 'blank 4 with 4 classes: ValueError (outside [0, C))'],
    [{ blank: -1 }, {}, { blank: I(-1) }, 'blank −1: ValueError'],
    [{ blank: 1.5 }, {}, { blank: 1.5 }, 'blank 1.5: TypeError (must be int)'],
    [{ norm_by_times: 'int_1' }, {}, { norm_by_times: I(1) }, 'norm_by_times=1: TypeError (must be bool)'],
    [{ norm_by_times: 'None' }, {}, { norm_by_times: null }, 'norm_by_times=None: taken as False'],
    [{ reduction: 'bad' }, {}, { reduction: 'bad' }, "reduction 'bad': AssertionError, after the kernel ran"],
    [{ reduction: 'bad', labels: 'int64' }, { labels: tensor('int64', [2, 2], [1, 2, 3, 3]) }, { reduction: 'bad' }, "reduction 'bad' with int64 labels: the kernel's ValueError comes first"],
  ];
  return probes.map(([params, tensors, args, description]) => c('arguments', params, { ...ok, ...tensors, args }, description, rules));
}

function layerCases(): PlannedCase[] {
  const t = { x: logits('layer', [5, 2, 4]), labels: int32([[1, 2], [3, 1]]), il: int64([5, 4]), ll: int64([2, 1]) };
  const rules: Level = { rules: ['ctc-argument-checks'] };
  return [
    c('layer', { blank: 3, reduction: 'none', zero_infinity: true }, { ...t, form: 'layer', args: { blank: I(3), reduction: 'none', zero_infinity: true }, grad: GRAD }, 'CTCLoss(blank=3, reduction="none", zero_infinity=True) with the gradient', { rules: SUMS }),
    c('layer', { norm_by_times: true }, { ...t, form: 'layer', args: { norm_by_times: true } }, "CTCLoss(norm_by_times=True): TypeError, it is the forward's keyword", rules),
    c('layer', { size_average: true }, { ...t, form: 'layer', args: { size_average: true } }, 'CTCLoss(size_average=True): TypeError (unexpected keyword) in every release', rules),
  ];
}

/** PaddleOCR's recogniser: T = 200 frames, 6,625 characters and the blank, labels of up to 25; forward only. */
function paddleOcrCases(): PlannedCase[] {
  const x = (dtype: WireDType) => generated(dtype, [200, 2, 6626], { seed: 6626, distribution: 'uniform', low: -8, high: 8 });
  const labels = generated('int32', [2, 25], { seed: 6627, distribution: 'integers', low: 1, high: 6626 });
  const t = (dtype: WireDType) => ({ x: x(dtype), labels, il: int64([200, 160]), ll: int64([25, 18]) });
  return [
    ...(['none', 'mean'] as const).map((reduction) => c('paddle_ocr', { reduction }, { ...t('float32'), args: { reduction } },
      `T 200, N 2, 6,626 classes (PaddleOCR's 6,625 characters and the blank), label lengths 25 and 18, reduction '${reduction}'`, { rules: SUMS })),
    c('paddle_ocr', { dtype: 'float64' }, { ...t('float64'), args: { reduction: 'none' } }, 'the same in float64', { rules: SUMS }),
  ];
}

export const GROUPS: Groups = {
  doc_example: docExampleCases,
  one_frame: oneFrameCases,
  sequences: sequenceCases,
  norm_by_times: normByTimesCases,
  impossible: impossibleCases,
  extremes: extremeCases,
  zero_infinity: zeroInfinityCases,
  arguments: argumentCases,
  layer: layerCases,
  paddle_ocr: paddleOcrCases,
};
