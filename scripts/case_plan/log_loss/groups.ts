/**
 * log_loss's groups, written here since the standard plan assumes a reduction and a layer: the page's example
 * (as written, randn values; and with probabilities), [N, 1] shapes around the 8-lane packet and those Paddle
 * refuses, the dtypes, epsilon's values, the domain edges (input 0 and 1, outside [0, 1], epsilon 0, subnormals,
 * NaN and infinities, each in a packet lane and in the tail), the name keyword, and a large case.
 */

import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { TensorJson, WireDType } from '../../../conformance/wire.js';
import type { LOG_LOSS_RULES } from '../../../reference/index.js';
import { Prng } from '../../prng.js';
import { formatShape, ParamSet } from '../params.js';
import type { Groups } from '../plan.js';
import { familyPlannedCase, floatKwarg, opRequest, type OpCall } from '../planned_case.js';
import { tensor } from '../tensor.js';
import { upstreamValues } from '../values.js';
import { quote, type CLAUSES } from './clauses.js';

const FAMILY = 'log_loss';
const planned = familyPlannedCase<keyof typeof CLAUSES, keyof typeof LOG_LOSS_RULES>(FAMILY, quote);
const request = (call: OpCall) => opRequest(FAMILY, call);
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const GRAD = ['input'] as const;
const f32 = (bits: number[]): Float32Array => new Float32Array(Uint32Array.from(bits).buffer);
const bitsOf = (values: readonly number[]): number[] => Array.from(new Uint32Array(Float32Array.from(values).buffer));

/** Probabilities in (0, 1) and labels 0 or 1, as the page means them. */
function operands(seed: string, n: number): { input: TensorJson; label: TensorJson } {
  const rng = new Prng(seed);
  return {
    input: tensor('float32', [n, 1], Array.from({ length: n }, () => Math.fround(rng.uniform(0.001, 0.999)))),
    label: tensor('float32', [n, 1], Array.from({ length: n }, () => rng.pick([0, 1]))),
  };
}

/** k probe values (k ≤ 8) in packet lanes, then again as the tail: 8 + k elements, 0.5 filling the packet. */
function packetAndTail(probe: readonly number[], fill = 0.5): number[] {
  return [...probe, ...Array<number>(8 - probe.length).fill(fill), ...probe];
}

/** The page's example, as written (randn values, NaN losses where input is outside [0, 1]) and with probabilities. */
function docExampleCases(): PlannedCase[] {
  const rng = new Prng('doc_example/randn');
  const randn = (): number => Math.fround(Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next()));
  const written = { input: tensor('float32', [10, 1], Array.from({ length: 10 }, randn)), label: tensor('float32', [10, 1], Array.from({ length: 10 }, randn)) };
  return [
    ...[false, true].map((grad) => planned({
      group: 'doc_example', params: { values: 'probabilities', grad }, request: request({ tensors: operands('doc_example', 10), grad: grad ? GRAD : undefined }),
      description: `the page's [10, 1] example with probabilities and labels 0 or 1${grad ? ', with the gradient' : ''}`, clauses: ['example', 'formula', 'input', 'label', 'returns'], tags: ['doc'],
    })),
    planned({
      group: 'doc_example', params: { values: 'randn' }, request: request({ tensors: written, grad: GRAD }),
      description: "the page's example as written: randn input and label, unchecked (NaN where input + ε or 1 − input + ε is negative)",
      rules: ['log-loss-operands-unchecked', 'log-loss-packet-and-tail'], tags: ['doc', 'nan'],
    }),
  ];
}

/** [N, 1] around the 8-lane packet, with and without an upstream gradient; the shapes Paddle refuses. */
function shapeCases(): PlannedCase[] {
  const rows = ParamSet.of({ n: 1 }, { n: 7 }, { n: 8 }, { n: 9 }, { n: 17 }).combine('upstream', [false, true]);
  const good = [...rows].map((p) => planned({
    group: 'shapes', params: p,
    request: request({ tensors: operands(`shapes/${p.n}`, p.n), grad: GRAD, gradOutput: p.upstream ? tensor('float32', [p.n, 1], upstreamValues(new Prng(`shapes/upstream/${p.n}`), p.n)) : undefined }),
    description: `[${p.n}, 1] probabilities and labels, the gradient${p.upstream ? ' under an upstream gradient' : ''}: a [${p.n}, 1] loss`, clauses: ['input', 'label', 'formula', 'returns'],
  }));
  const pairs: Array<[number[], number[]]> = [[[0, 1], [0, 1]], [[3], [3]], [[], []], [[3, 2], [3, 2]], [[1, 3], [1, 3]], [[2, 1, 1], [2, 1, 1]], [[0, 3], [0, 3]], [[3, 1], [2, 1]], [[3, 1], [1, 1]], [[3, 1], [3]]];
  const refused = pairs.map(([xs, ys]) => {
    const rng = new Prng(`shapes/${formatShape(xs)},${formatShape(ys)}`);
    const empty = size(xs) === 0 && xs.length === 2 && xs[1] === 1;
    return planned({
      group: 'shapes', params: { input: formatShape(xs), label: formatShape(ys) },
      request: request({ tensors: { input: tensor('float32', xs, Array.from({ length: size(xs) }, () => Math.fround(rng.uniform(0.01, 0.99)))), label: tensor('float32', ys, Array.from({ length: size(ys) }, () => rng.pick([0, 1]))) }, grad: empty ? GRAD : undefined }),
      description: empty ? 'an empty [0, 1] batch: an empty [0, 1] loss and gradient' : `input [${xs.join(', ')}] with label [${ys.join(', ')}]: ValueError (${xs.join() !== ys.join() ? 'unequal shapes, no broadcasting' : xs.length !== 2 ? 'not 2-D' : 'second dimension not 1'})`,
      rules: ['log-loss-shapes-2d-column'], ...(!empty && { tags: ['error'] }),
    });
  });
  return [...good, ...refused];
}

/** Every dtype but float32, alone and paired with float32: the kernel is chosen by the label's dtype. */
function dtypeCases(): PlannedCase[] {
  const values = (dtype: WireDType, n: number, v: number[]): number[] => (dtype.startsWith('int') || dtype === 'bool' ? v.map((x) => (x >= 0.5 ? 1 : 0)) : v).slice(0, n);
  const pairs: Array<[WireDType, WireDType, number]> = [
    ['float64', 'float64', 3], ['float16', 'float16', 3], ['bfloat16', 'bfloat16', 3], ['int32', 'int32', 3], ['int64', 'int64', 3], ['bool', 'bool', 3],
    ['float32', 'float64', 3], ['float64', 'float32', 3], ['int32', 'float32', 3], ['float16', 'float32', 3], ['float64', 'float32', 0], ['float32', 'float64', 0],
  ];
  return pairs.map(([a, b, n]) => {
    const error = b !== 'float32' || (a !== 'float32' && n > 0);
    return planned({
      group: 'dtypes', params: { input: a, label: b, ...(n === 0 && { n: 0 }) },
      request: request({ tensors: { input: tensor(a, [n, 1], values(a, n, [0.25, 0.75, 0.5])), label: tensor(b, [n, 1], values(b, n, [1, 0, 1])) } }),
      description: `${a} input with a ${b} label${n === 0 ? ', both empty' : ''}: ${b !== 'float32' ? `RuntimeError (no ${b} kernel of log_loss)` : error ? 'ValueError (the float32 kernel reads the input)' : 'an empty float32 loss'}`,
      rules: ['log-loss-float32-kernel-only'], ...(error && { tags: ['error'] }),
    });
  });
}

/** epsilon's values: the page's default and others, and what a double and the float32 attribute make of the rest. */
function epsilonCases(): PlannedCase[] {
  const cases: Array<[string, KwargJson, boolean]> = [
    ['0.1', 0.1, true], ['0', 0, true], ['None', null, false], ['str(0.1)', { str: '0.1' }, false], ['True', true, false], ['int(0)', { int: 0 }, false],
    ['1e-50', 1e-50, false], ['1e39', 1e39, false], ['nan', floatKwarg(NaN), false], ['-0.5', -0.5, false],
  ];
  return cases.map(([name, value, spec]) => {
    const refused = value === null || (typeof value === 'object' && 'str' in value);
    const base = { group: 'epsilon', params: { epsilon: name }, request: request({ tensors: operands(`epsilon/${name}`, 9), args: { epsilon: value }, grad: refused ? undefined : GRAD }) };
    return spec
      ? planned({ ...base, description: `epsilon=${name} on probabilities, with the gradient`, clauses: ['epsilon', 'formula'] })
      : planned({ ...base, description: `epsilon=${name}: ${refused ? 'TypeError (must be double)' : 'read as a double, rounded to float32'}`, rules: ['log-loss-epsilon-is-a-float32-double'], ...(refused && { tags: ['error'] }) });
  });
}

/** The domain edges, each probe in packet lanes and again in the tail, with the gradient. */
function domainCases(): PlannedCase[] {
  const [NAN, NEG_NAN, INF, NEG_INF, NEG_ZERO] = [0x7fc00000, 0xffc00000, 0x7f800000, 0xff800000, 0x80000000];
  const probes: Record<string, { input: number[]; label: number[]; epsilon?: number; clause?: true }> = {
    input_0_and_1: { input: bitsOf([0, 1, 0, 1, 0.5]), label: bitsOf([1, 0, 0, 1, 0.5]), clause: true },
    epsilon_0_at_0_and_1: { input: bitsOf([0, 1, 0, 1, 0.5]), label: bitsOf([1, 0, 0, 1, 0.5]), epsilon: 0 },
    input_outside: { input: bitsOf([-0.5, 1.5, -1e-4, 1.0001, 2, -1]), label: bitsOf([1, 0, 1, 0, 0.5, 1]) },
    label_outside: { input: bitsOf([0.3, 0.6, 0.5, 0.9]), label: bitsOf([2, -1, 0.5, 3]) },
    subnormal: { input: [1, 0x00000100, 0x00800000, 0, NEG_ZERO, 0x007fffff], label: bitsOf([1, 1, 1, 1, 1, 0]), epsilon: 0 },
    nan: { input: [NAN, NEG_NAN, bitsOf([0.5])[0]!, NAN, NEG_NAN], label: [bitsOf([1])[0]!, 0, NAN, NEG_NAN, NAN] },
    infinities: { input: [INF, NEG_INF, bitsOf([0.5])[0]!, INF], label: [bitsOf([1])[0]!, 0, INF, NEG_INF] },
  };
  return Object.entries(probes).map(([probe, p]) => {
    const input = packetAndTail(p.input, bitsOf([0.5])[0]!);
    const label = packetAndTail(p.label, bitsOf([1])[0]!);
    const n = input.length;
    const base = {
      group: 'domain', params: { probe },
      request: request({ tensors: { input: tensor('float32', [n, 1], f32(input)), label: tensor('float32', [n, 1], f32(label)) }, args: p.epsilon === undefined ? undefined : { epsilon: p.epsilon }, grad: GRAD }),
      description: `${probe.replaceAll('_', ' ')}${p.epsilon === undefined ? '' : ', epsilon 0'}: input bits [${p.input.map((b) => `0x${b.toString(16)}`).join(', ')}], label bits [${p.label.map((b) => `0x${b.toString(16)}`).join(', ')}], in packet lanes and in the tail, with the gradient`,
    };
    return p.clause
      ? planned({ ...base, clauses: ['formula', 'epsilon'] })
      : planned({ ...base, rules: [probe.includes('outside') ? 'log-loss-operands-unchecked' : 'log-loss-packet-and-tail', 'log-loss-packet-and-tail'], tags: probe === 'nan' || probe.includes('outside') ? ['nan'] : [] });
  });
}

/** The name keyword. */
function keywordCases(): PlannedCase[] {
  return [planned({
    group: 'keywords', params: { name: 'loss' }, request: request({ tensors: operands('keywords/name', 3), args: { name: 'loss' } }),
    description: "name='loss': the same loss", clauses: ['name', 'signature'],
  })];
}

/** 1500 rows (187 packets and a tail of 4), with the gradient. */
function largeCases(): PlannedCase[] {
  return [planned({
    group: 'large', params: { n: 1500 }, request: request({ tensors: operands('large', 1500), grad: GRAD }),
    description: '[1500, 1] probabilities and labels, with the gradient: 187 packets and a tail of 4', clauses: ['input', 'label', 'formula', 'returns'], tags: ['large', 'grad'],
  })];
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  doc_example: docExampleCases,
  shapes: shapeCases,
  dtypes: dtypeCases,
  epsilon: epsilonCases,
  domain: domainCases,
  keywords: keywordCases,
  large: largeCases,
};
