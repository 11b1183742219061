/**
 * margin_cross_entropy's groups. Paddle's CPU raises for every call, so each case records which error comes first:
 * the page's example (which asks for a GPU), the reductions and groups the Python source checks, the shapes it and
 * the shape inference check, the dtypes the kernel is chosen by, and the argument types pybind reads.
 */

import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { TensorJson, WireDType } from '../../../conformance/wire.js';
import type { MARGIN_CROSS_ENTROPY_RULES } from '../../../reference/index.js';
import { Prng } from '../../prng.js';
import { formatShape } from '../params.js';
import type { Groups } from '../plan.js';
import { familyPlannedCase, opRequest, type OpCall } from '../planned_case.js';
import { tensor } from '../tensor.js';
import { quote, type CLAUSES } from './clauses.js';

const FAMILY = 'margin_cross_entropy';
const planned = familyPlannedCase<keyof typeof CLAUSES, keyof typeof MARGIN_CROSS_ENTROPY_RULES>(FAMILY, quote);
const request = (call: OpCall) => opRequest(FAMILY, call);
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const UNAVAILABLE = 'margin-ce-cpu-kernel-unavailable' as const;
/** An arguments label as an id parameter value (no '=' or ','). */
const asParam = (name: string): string => name.replaceAll('=', '_').replaceAll(',', '+');

/** Cosines in [-1, 1] (exact in float16 too) and labels in [0, C). */
function operands(seed: string, shape: readonly number[], labelShape: readonly number[], dtype: WireDType = 'float32', labelDtype: WireDType = 'int64'): { logits: TensorJson; label: TensorJson } {
  const rng = new Prng(seed);
  const c = Math.max(shape[shape.length - 1] ?? 1, 1);
  const values = Array.from({ length: size(shape) }, () => (dtype === 'bool' ? rng.int(0, 1) : dtype.startsWith('int') ? rng.int(-1, 1) : rng.int(-64, 64) / 64));
  return { logits: tensor(dtype, shape, values), label: tensor(labelDtype, labelShape, Array.from({ length: size(labelShape) }, () => rng.int(0, c - 1))) };
}

/** The page's example ([2, 4] logits, labels [2]), as the default call, with return_softmax and reduction=None, and with the gradient. */
function docExampleCases(): PlannedCase[] {
  const calls: Array<[string, Record<string, KwargJson>, boolean]> = [['default', {}, false], ['return_softmax', { return_softmax: true, reduction: null }, false], ['grad', {}, true]];
  return calls.map(([name, args, grad]) => planned({
    group: 'doc_example', params: { call: name }, request: request({ tensors: operands(`doc_example/${name}`, [2, 4], [2]), args, grad: grad ? ['logits'] : undefined }),
    // Paddle level: the page's example asks for a GPU, so what the CPU does with it (raise) is Paddle's, not the page's.
    description: `the page's example on CPU (${name}): RuntimeError (Unavailable), the example requires a GPU`, rules: [UNAVAILABLE], tags: ['doc', 'error'],
  }));
}

/** The reductions the assert accepts and refuses, and the group values the source checks (reduction first). */
function argumentCases(): PlannedCase[] {
  const cases: Array<[string, Record<string, KwargJson>, 'AssertionError' | 'ValueError' | 'RuntimeError']> = [
    ['reduction=sum', { reduction: 'sum' }, 'RuntimeError'], ['reduction=none', { reduction: 'none' }, 'RuntimeError'], ['reduction=None', { reduction: null }, 'RuntimeError'],
    ['reduction=MEAN', { reduction: 'MEAN' }, 'AssertionError'], ['reduction=batchmean', { reduction: 'batchmean' }, 'AssertionError'],
    ['group=False', { group: false }, 'RuntimeError'], ['group=True', { group: true }, 'ValueError'], ['group=int(1)', { group: { int: 1 } }, 'ValueError'],
    ['group=str(g)', { group: { str: 'g' } }, 'ValueError'], ['group=True,reduction=MEAN', { group: true, reduction: 'MEAN' }, 'AssertionError'],
  ];
  return cases.map(([name, args, type]) => planned({
    group: 'arguments', params: { args: asParam(name) }, request: request({ tensors: operands(`arguments/${name}`, [3, 4], [3]), args }),
    description: `${name}: ${type}${type === 'RuntimeError' ? ' (Unavailable)' : type === 'AssertionError' ? ' (the reduction assert, no message)' : ' (group is not False, None or a Group)'}`,
    rules: type === 'RuntimeError' ? [UNAVAILABLE] : ['margin-ce-python-checks'], tags: ['error'],
  }));
}

/** The shapes the source and the shape inference check, and those that reach the kernel. */
function shapeCases(): PlannedCase[] {
  const pairs: Array<[number[], number[], keyof typeof MARGIN_CROSS_ENTROPY_RULES, string]> = [
    [[4, 5], [4, 1], UNAVAILABLE, 'Unavailable'], [[2, 3, 5], [2, 3], UNAVAILABLE, 'Unavailable'], [[5], [], UNAVAILABLE, 'Unavailable: a 1-D logits is not shape-checked'],
    [[5], [2], UNAVAILABLE, 'Unavailable: a 1-D logits is not shape-checked'], [[0, 5], [0], UNAVAILABLE, 'Unavailable, empty'],
    [[4, 0], [4], 'margin-ce-python-checks', 'ValueError (no classes) since Paddle 3.1.1'], [[], [], 'margin-ce-python-checks', 'IndexError (shape[-1] of 0-D) since Paddle 3.1.1'],
    [[4, 5], [2, 2, 1], 'margin-ce-python-checks', 'ValueError (ranks)'], [[4, 0], [2, 2, 2], 'margin-ce-python-checks', 'ValueError (no classes before the ranks) since Paddle 3.1.1'],
    [[4, 5], [2], 'margin-ce-kernel-chosen-then-shapes', 'ValueError (leading dimensions)'], [[4, 5], [4, 2], 'margin-ce-kernel-chosen-then-shapes', 'ValueError (label last dimension not 1)'],
    [[2, 3, 5], [2, 4], 'margin-ce-kernel-chosen-then-shapes', 'ValueError (leading dimensions)'],
  ];
  return pairs.map(([xs, ys, rule, why]) => planned({
    group: 'shapes', params: { logits: formatShape(xs), label: formatShape(ys) }, request: request({ tensors: operands(`shapes/${xs.join('x')}/${ys.join('x')}`, xs, ys) }),
    description: `logits [${xs.join(', ')}], label [${ys.join(', ')}]: ${why}`, rules: [rule], tags: ['error'],
  }));
}

/** The logits' dtypes (float16 cast to float32, the kernel chosen by dtype before the shapes), and the label's (unchecked). */
function dtypeCases(): PlannedCase[] {
  const cases: Array<[WireDType, WireDType, number[], keyof typeof MARGIN_CROSS_ENTROPY_RULES]> = [
    ['float64', 'int64', [3], UNAVAILABLE], ['float16', 'int64', [3], 'margin-ce-argument-types'], ['float32', 'int32', [3], UNAVAILABLE], ['float32', 'float32', [3], UNAVAILABLE],
    ['bfloat16', 'int64', [3], 'margin-ce-kernel-chosen-then-shapes'], ['int32', 'int64', [3], 'margin-ce-kernel-chosen-then-shapes'], ['int64', 'int64', [3], 'margin-ce-kernel-chosen-then-shapes'],
    ['bool', 'int64', [3], 'margin-ce-kernel-chosen-then-shapes'], ['int32', 'int64', [2], 'margin-ce-kernel-chosen-then-shapes'], ['float16', 'int64', [2], 'margin-ce-kernel-chosen-then-shapes'],
  ];
  return cases.map(([a, b, ys, rule]) => planned({
    group: 'dtypes', params: { logits: a, label: b, ...(ys[0] !== 3 && { label_shape: formatShape(ys) }) },
    request: request({ tensors: operands(`dtypes/${a}/${b}/${ys.join()}`, [3, 4], ys, a, b) }),
    description: `${a} logits [3, 4], ${b} label [${ys.join(', ')}]: ${rule === UNAVAILABLE || (a === 'float16' && ys[0] === 3) ? 'RuntimeError (Unavailable)' : ys[0] === 3 ? 'RuntimeError (NotFound: no kernel of that dtype)' : a === 'float16' ? 'ValueError (shape inference, after the cast)' : 'RuntimeError (NotFound, before the shapes)'}`,
    rules: [rule], tags: ['error'],
  }));
}

/** The types pybind reads the margins, scale and return_softmax as, in argument order, before the kernel is chosen. */
function argumentTypeCases(): PlannedCase[] {
  const cases: Array<[string, Record<string, KwargJson>, WireDType, number[], boolean]> = [
    ['margin1=None', { margin1: null }, 'float32', [3], true], ['margin2=str', { margin2: { str: '0.5' } }, 'float32', [3], true], ['margin3=True', { margin3: true }, 'float32', [3], false],
    ['margin1=int(1)', { margin1: { int: 1 } }, 'float32', [3], false], ['scale=None', { scale: null }, 'float32', [3], true], ['return_softmax=True', { return_softmax: true }, 'float32', [3], false],
    ['return_softmax=None', { return_softmax: null }, 'float32', [3], false], ['return_softmax=int(1)', { return_softmax: { int: 1 } }, 'float32', [3], true],
    ['return_softmax=str', { return_softmax: { str: 'a' } }, 'float32', [3], true], ['margin1=None,scale=None', { margin1: null, scale: null }, 'float32', [3], true],
    ['margin1=None,int32', { margin1: null }, 'int32', [3], true], ['scale=None,label_shape=2', { scale: null }, 'float32', [2], true],
  ];
  return cases.map(([name, args, dtype, ys, refused]) => planned({
    group: 'argument_types', params: { args: asParam(name) }, request: request({ tensors: operands(`argument_types/${name}`, [3, 4], ys, dtype), args }),
    description: `${name}${dtype !== 'float32' ? ` with ${dtype} logits` : ''}${ys[0] !== 3 ? ` and label [${ys.join(', ')}]` : ''}: ${refused ? 'TypeError (ValueError before Paddle 3.0.0), before the kernel is chosen and the shapes inferred' : 'taken, then RuntimeError (Unavailable)'}`,
    rules: [refused ? 'margin-ce-argument-types' : UNAVAILABLE], tags: ['error'],
  }));
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  doc_example: docExampleCases,
  arguments: argumentCases,
  shapes: shapeCases,
  dtypes: dtypeCases,
  argument_types: argumentTypeCases,
};
