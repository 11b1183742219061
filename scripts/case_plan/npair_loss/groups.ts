/**
 * npair_loss's groups, written here since the standard plan assumes an (input, label, reduction) loss: the page's
 * example, batch sizes and embedding widths around MKL's blocks of 8 and lanes of 4, labels of every dtype with
 * repeated classes, labels Paddle's equal takes as one class, NaN labels, the dtypes and shapes refused, l2_reg's
 * values (a str, in 3.3.1, repeated by Python), the domain (NaN, inf, logits far apart), empty operands, a large case.
 */

import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { TensorJson, WireDType } from '../../../conformance/wire.js';
import type { NPAIR_LOSS_RULES } from '../../../reference/index.js';
import { Prng } from '../../prng.js';
import { formatShape } from '../params.js';
import type { Groups } from '../plan.js';
import { familyPlannedCase, floatKwarg, opRequest, type OpCall } from '../planned_case.js';
import { tensor } from '../tensor.js';
import { upstreamValues } from '../values.js';
import { quote, type CLAUSES } from './clauses.js';

const FAMILY = 'npair_loss';
type Rule = keyof typeof NPAIR_LOSS_RULES;
const planned = familyPlannedCase<keyof typeof CLAUSES, Rule>(FAMILY, quote);
const request = (call: OpCall) => opRequest(FAMILY, call);
const GRAD = ['anchor', 'positive'] as const;
/** What every value over more than one sample rests on. */
const VALUE: Rule[] = ['matmul-k-left-to-right', 'equal-float-tolerance', 'sum-along-first-axis-in-row-order'];

/** Embeddings [n, k] uniform in [lo, hi) as float32, and integer class labels in [0, classes). */
function operands(seed: string, n: number, k: number, classes = Math.max(1, Math.ceil(n / 2)), [lo, hi] = [-1, 1], dtype: WireDType = 'float32'): { anchor: TensorJson; positive: TensorJson; labels: TensorJson } {
  const rng = new Prng(seed);
  const values = (): number[] => Array.from({ length: n * k }, () => Math.fround(rng.uniform(lo, hi)));
  return { anchor: tensor(dtype, [n, k], values()), positive: tensor(dtype, [n, k], values()), labels: tensor('int64', [n], Array.from({ length: n }, () => rng.int(0, classes - 1))) };
}

/** The page's example: rand [18, 6] embeddings and rand [18] labels (every class its own), with and without the gradient. */
function docExampleCases(): PlannedCase[] {
  return [false, true].map((grad) => {
    const { anchor, positive } = operands('doc_example', 18, 6, 1, [0, 1]);
    const rng = new Prng('doc_example/labels');
    const labels = tensor('float32', [18], Array.from({ length: 18 }, () => Math.fround(rng.uniform(0, 1))));
    return planned({
      group: 'doc_example', params: { shape: '18x6', grad }, request: request({ tensors: { anchor, positive, labels }, args: { l2_reg: 0.002 }, grad: grad ? GRAD : undefined }),
      description: `the page's example: rand [18, 6] anchor and positive, rand [18] labels, l2_reg 0.002${grad ? ', with the gradient' : ''}`, rules: VALUE, tags: ['doc'],
    });
  });
}

/** Batch sizes and widths: one sample (the spec's: its softmax is 1), MKL's 4-lane and 8-column kernels, upstream gradients. */
function shapeCases(): PlannedCase[] {
  const shapes: Array<[number, number]> = [[1, 1], [1, 5], [2, 3], [3, 4], [4, 4], [4, 7], [5, 9], [8, 8], [8, 13], [9, 16], [16, 5], [17, 12]];
  const spec = shapes.slice(0, 2).map(([n, k]) => planned({
    group: 'shapes', params: { shape: `${n}x${k}`, l2_reg: 0 },
    request: request({ tensors: operands(`shapes/${n}x${k}`, n, k), args: { l2_reg: 0 } }),
    description: `one sample [${n}, ${k}] and l2_reg 0: the similarity is a 1 × 1 matrix, its cross entropy 0, a 0-D float32 0`, clauses: ['summary', 'l2_reg', 'returns'],
  }));
  const values = shapes.flatMap(([n, k]) => [false, true].map((upstream) => planned({
    group: 'shapes', params: { shape: `${n}x${k}`, upstream },
    request: request({ tensors: operands(`shapes/${n}x${k}`, n, k), grad: GRAD, gradOutput: upstream ? tensor('float32', [], upstreamValues(new Prng(`shapes/upstream/${n}x${k}`), 1)) : undefined }),
    description: `anchor and positive [${n}, ${k}], labels of ${Math.ceil(n / 2)} classes, the gradients${upstream ? ' under an upstream gradient' : ''}`, rules: VALUE,
  })));
  const refused: Array<[number[], number[], number[], string, Rule[]]> = [
    [[4, 3], [4, 2], [4], 'the widths differ: matmul', ['matmul-k-left-to-right']], [[3, 3], [4, 3], [4], 'anchor has another batch: the logits meet the soft label', ['npair-float32-only']],
    [[4, 3], [3, 3], [4], 'positive has another batch', ['npair-float32-only']], [[4], [4], [4], 'rank 1: sum along axis 1', ['npair-float32-only']],
    [[4, 3, 1], [4, 3, 1], [4], 'rank 3', ['npair-float32-only']], [[4, 3], [4, 3], [4, 2], 'labels [4, 2]: reshape to [4, 1]', ['npair-float32-only']],
    [[4, 3], [4, 3], [4, 1], 'labels [4, 1], reshaped', VALUE], [[4, 3], [4, 3], [], '0-D labels: labels.shape[0] (IndexError)', ['npair-float32-only']],
    [[4, 3], [4, 3], [3], 'three labels for four rows', ['npair-float32-only']],
  ];
  const errors = refused.map(([as, ps, ls, why, rules]) => planned({
    group: 'shapes', params: { anchor: formatShape(as), positive: formatShape(ps), labels: formatShape(ls) },
    request: request({ tensors: { anchor: tensor('float32', as, Array.from({ length: as.reduce((x, y) => x * y, 1) }, (_, i) => (i % 5) / 4)), positive: tensor('float32', ps, Array.from({ length: ps.reduce((x, y) => x * y, 1) }, (_, i) => (i % 3) / 2)), labels: tensor('int64', ls, Array.from({ length: ls.reduce((x, y) => x * y, 1) }, (_, i) => i % 2)) } }),
    description: `anchor [${as.join(', ')}], positive [${ps.join(', ')}], labels [${ls.join(', ')}]: ${why}`, rules, ...(rules !== VALUE && { tags: ['error'] }),
  }));
  return [...spec, ...values, ...errors];
}

/** Labels: every dtype, all one class, all apart, labels equal by Paddle's tolerance, NaN. */
function labelCases(): PlannedCase[] {
  const near = Math.fround(0.1) + 2 ** -27;
  const cases: Array<[string, WireDType, number[], Rule[]]> = [
    ['int32', 'int32', [0, 1, 0, 2], VALUE], ['bfloat16', 'bfloat16', [0, 1, 0, 2], ['npair-float32-only']], ['bool', 'bool', [1, 0, 1, 1], VALUE], ['float16', 'float16', [0.5, 0.25, 0.5, 1], VALUE], ['float64', 'float64', [3, 1, 3, 2], VALUE],
    ['one_class', 'int64', [7, 7, 7, 7], VALUE], ['all_apart', 'int64', [0, 1, 2, 3], VALUE], ['negative', 'int64', [-5, 2, -5, -1], VALUE],
    ['tiny_apart', 'float32', [0, 2 ** -66, 1, 2], [...VALUE, 'npair-labels-equal-within-tolerance']], ['one_ulp_near_0.1', 'float32', [Math.fround(0.1), near, 1, 2], [...VALUE, 'npair-labels-equal-within-tolerance']],
    ['float64_4ulp_of_1', 'float64', [1, 1 + 4 * 2 ** -52, 2, 3], [...VALUE, 'npair-labels-equal-within-tolerance']],
    ['nan', 'float32', [NaN, 1, 1, 2], ['npair-labels-equal-within-tolerance', 'multiply-broadcast-keeps-y-nan']], ['two_nans', 'float32', [NaN, NaN, 1, 2], ['npair-labels-equal-within-tolerance', 'multiply-broadcast-keeps-y-nan']],
  ];
  return cases.map(([name, dtype, labels, rules]) => planned({
    group: 'labels', params: { labels: name },
    request: request({ tensors: { ...operands(`labels/${name}`, 4, 3), labels: tensor(dtype, [4], labels) }, grad: GRAD }),
    description: `${dtype} labels [${labels.join(', ')}], with the gradients`, rules,
  }));
}

/** The operands' dtypes: float64 (the page's, refused), the kernels' refusals, mixed. */
function dtypeCases(): PlannedCase[] {
  const pairs: Array<[WireDType, WireDType]> = [['float64', 'float64'], ['float16', 'float16'], ['bfloat16', 'bfloat16'], ['int32', 'int32'], ['int64', 'int64'], ['bool', 'bool'], ['float32', 'float64'], ['float64', 'float32'], ['float32', 'int64']];
  return pairs.map(([a, p]) => {
    const values = [1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0];
    const computed = a === 'float32' && p === 'int64';
    const rules: Rule[] = a === 'bfloat16' ? ['square-no-bfloat16-kernel'] : computed ? [...VALUE, 'matmul-no-promotion'] : ['npair-float32-only'];
    return planned({
      group: 'dtypes', params: { anchor: a, positive: p },
      request: request({ tensors: { anchor: tensor(a, [4, 3], values), positive: tensor(p, [4, 3], [...values].reverse()), labels: tensor('int64', [4], [0, 1, 0, 1]) }, grad: computed ? undefined : a.startsWith('float') ? GRAD : undefined }),
      description: `${a} anchor, ${p} positive: ${computed ? 'matmul casts the integer positive to float32 (since Paddle 3.0.0; its backward would refuse it)' : a === 'float64' || p === 'float64' ? 'ValueError (the float32 soft label meets float64 logits)' : 'RuntimeError from a kernel without that dtype'}`, rules, ...(!computed && { tags: ['error'] }),
    });
  });
}

/** l2_reg: numbers, an int, bools, None, and str, which Paddle 3.3.1 lets Python repeat int(l2loss · 0.25) times. */
function l2RegCases(): PlannedCase[] {
  const cases: Array<[string, KwargJson, number, Rule[]]> = [
    ['0', 0, 1, VALUE], ['1', 1, 1, VALUE], ['-1', -1, 1, VALUE], ['1e39', 1e39, 1, VALUE], ['nan', floatKwarg(NaN), 1, VALUE], ['int(2)', { int: 2 }, 1, VALUE],
    ['True', true, 1, ['npair-l2-reg-is-a-python-operand']], ['False', false, 1, ['npair-l2-reg-is-a-python-operand']], ['None', null, 1, ['npair-l2-reg-is-a-python-operand']],
    ['str(0.5)', { str: '0.5' }, 1, ['npair-l2-reg-is-a-python-operand']], ['str(1.5abc)', { str: '1.5abc' }, 3, ['npair-l2-reg-is-a-python-operand', 'full-str-read-by-cpp-stream']],
    ['str(a)', { str: 'a' }, 3, ['npair-l2-reg-is-a-python-operand', 'full-str-read-by-cpp-stream']], ['str(2)', { str: '2' }, 3, ['npair-l2-reg-is-a-python-operand', 'full-str-read-by-cpp-stream']],
  ];
  return cases.map(([name, value, span, rules]) => planned({
    group: 'l2_reg', params: { l2_reg: name, ...(span !== 1 && { span }) },
    request: request({ tensors: operands(`l2_reg/${name}`, 4, 4, 2, [-span, span]), args: { l2_reg: value }, grad: value === null ? undefined : GRAD }),
    description: `l2_reg=${name}, embeddings in [-${span}, ${span})${value === null ? ': TypeError from Tensor.__mul__' : ', with the gradients'}`, rules, ...(value === null && { tags: ['error'] }),
  }));
}

/** Values: NaN and inf embeddings, logits more than 64 apart (softmax's clip), zeros, empty operands. */
function domainCases(): PlannedCase[] {
  const probes: Record<string, { anchor: number[]; positive: number[]; rules: Rule[] }> = {
    nan_anchor: { anchor: [NaN, 0.5, 0.25, -1, 1, 0.5], positive: [1, 0.5, -0.5, 0.25, 1, -1], rules: VALUE },
    inf_positive: { anchor: [1, 0.5, 0.25, -1, 1, 0.5], positive: [Infinity, 0.5, -0.5, 0.25, 1, -1], rules: VALUE },
    logits_100_apart: { anchor: [10, 0, 0, 10, 10, 10], positive: [10, 0, 0, -10, 1, 1], rules: [...VALUE, 'softmax-shift-clipped-at-64'] },
    zeros: { anchor: [0, 0, 0, 0, 0, 0], positive: [0, 0, 0, 0, 0, 0], rules: VALUE },
  };
  const values = Object.entries(probes).map(([name, v]) => planned({
    group: 'domain', params: { values: name },
    request: request({ tensors: { anchor: tensor('float32', [3, 2], v.anchor), positive: tensor('float32', [3, 2], v.positive), labels: tensor('int64', [3], [0, 1, 0]) }, grad: GRAD }),
    description: `${name.replace(/_/g, ' ')}: anchor [${v.anchor.join(', ')}], positive [${v.positive.join(', ')}], with the gradients`, rules: v.rules,
  }));
  const empty: Array<[number[], number[], number[]]> = [[[0, 3], [4, 3], [4]], [[4, 3], [0, 3], [4]], [[4, 0], [4, 0], [4]], [[0, 3], [0, 3], [0]], [[4, 3], [4, 3], [0]]];
  const refused = empty.map(([as, ps, ls]) => planned({
    group: 'domain', params: { anchor: formatShape(as), positive: formatShape(ps), labels: formatShape(ls) },
    request: request({ tensors: { anchor: tensor('float32', as, Array<number>(as.reduce((x, y) => x * y, 1)).fill(0.5)), positive: tensor('float32', ps, Array<number>(ps.reduce((x, y) => x * y, 1)).fill(0.25)), labels: tensor('int64', ls, Array<number>(ls[0]!).fill(1)) } }),
    description: `anchor [${as.join(', ')}], positive [${ps.join(', ')}], labels [${ls.join(', ')}]: ValueError`, rules: ['npair-empty-operands-refused'], tags: ['error'],
  }));
  return [...values, ...refused];
}

/** A metric-learning batch: [33, 65] embeddings of 8 classes (2145 gradient elements each), with the gradients. */
function largeCases(): PlannedCase[] {
  return [planned({
    group: 'large', params: { shape: '33x65' }, request: request({ tensors: operands('large', 33, 65, 8), grad: GRAD }),
    description: '[33, 65] anchor and positive, 8 classes, with the gradients: four full 8-column blocks of the similarity and one more', rules: VALUE, tags: ['large', 'grad'],
  })];
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  doc_example: docExampleCases,
  shapes: shapeCases,
  labels: labelCases,
  dtypes: dtypeCases,
  l2_reg: l2RegCases,
  domain: domainCases,
  large: largeCases,
};
