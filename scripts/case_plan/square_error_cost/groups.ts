/**
 * square_error_cost's groups, written here since the standard plan assumes a reduction and a layer: the page's
 * example, shapes (0-D, empty, 3-D) with both gradients, the dtypes (the page's float32, those its kernels also
 * compute, those they refuse, mixed pairs), broadcasting, special values and a large case.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import type { TensorJson, WireDType } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';
import { formatShape, ParamSet } from '../params.js';
import type { Groups } from '../plan.js';
import { familyPlannedCase, opRequest, type OpCall } from '../planned_case.js';
import { tensor } from '../tensor.js';
import { integerInputs, mixedInputs, upstreamValues } from '../values.js';
import { quote, type CLAUSES } from './clauses.js';
import type { SQUARE_ERROR_COST_RULES } from '../../../reference/index.js';

const FAMILY = 'square_error_cost';
const planned = familyPlannedCase<keyof typeof CLAUSES, keyof typeof SQUARE_ERROR_COST_RULES>(FAMILY, quote);
const request = (call: OpCall) => opRequest(FAMILY, call);
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const BOTH = ['input', 'label'] as const;
const f32 = (bits: number[]): Float32Array => new Float32Array(Uint32Array.from(bits).buffer);

/** Operands of a float dtype from a seed. */
function operands(seed: string, dtype: WireDType, shape: readonly number[]): { input: TensorJson; label: TensorJson } {
  const rng = new Prng(seed);
  return { input: tensor(dtype, shape, mixedInputs(rng, size(shape), dtype)), label: tensor(dtype, shape, mixedInputs(rng, size(shape), dtype)) };
}

/** The page's example, and its gradients. */
function docExampleCases(): PlannedCase[] {
  const tensors = { input: tensor('float32', [2], [1.1, 1.9].map(Math.fround)), label: tensor('float32', [2], [1, 2]) };
  return [false, true].map((grad) => planned({
    group: 'doc_example', params: { grad }, request: request({ tensors, grad: grad ? BOTH : undefined }),
    description: `the page's example${grad ? ', with both gradients' : ''}`, clauses: ['example', 'formula', 'returns'], tags: ['doc'],
  }));
}

/** float32 operands of one shape (0-D, empty, 1-D to 3-D), the loss and both gradients, with and without an upstream gradient. */
function shapeCases(): PlannedCase[] {
  const rows = ParamSet.of({ shape: 'scalar' }, { shape: '0' }, { shape: '2x0x3' }, { shape: '3' }, { shape: '2x3' }, { shape: '2x3x4' }).combine('upstream', [false, true]);
  return [...rows].map((p) => {
    const shape = p.shape === 'scalar' ? [] : p.shape.split('x').map(Number);
    const gradOutput = p.upstream ? tensor('float32', shape, upstreamValues(new Prng(`shapes/upstream/${p.shape}`), size(shape))) : undefined;
    return planned({
      group: 'shapes', params: p, request: request({ tensors: operands(`shapes/${p.shape}`, 'float32', shape), grad: BOTH, gradOutput }),
      description: `float32 operands of shape [${shape.join(', ')}], both gradients${p.upstream ? ', an upstream gradient' : ''}: the loss has their shape, nothing reduced`,
      clauses: ['input', 'label', 'formula', 'returns'],
    });
  });
}

/** A label that broadcasts against input (or the reverse), with both gradients; shapes that cannot broadcast. */
function broadcastCases(): PlannedCase[] {
  const rows = ParamSet.of({ input: '2x3', label: '3' }, { input: '2x3', label: '2x1' }, { input: '3', label: '2x3' }, { input: '2x3', label: 'scalar' }, { input: '2x3', label: '3x2' });
  return [...rows].map((p) => {
    const [xs, ys] = [p.input, p.label].map((s) => (s === 'scalar' ? [] : s.split('x').map(Number))) as [number[], number[]];
    const rng = new Prng(`broadcast/${p.input},${p.label}`);
    const fails = p.label === '3x2';
    return planned({
      group: 'broadcast', params: p,
      request: request({ tensors: { input: tensor('float32', xs, mixedInputs(rng, size(xs), 'float32')), label: tensor('float32', ys, mixedInputs(rng, size(ys), 'float32')) }, grad: fails ? undefined : BOTH }),
      description: `input [${xs.join(', ')}] against label [${ys.join(', ')}]: ${fails ? 'ValueError (cannot broadcast)' : 'the broadcast shape, a broadcast operand\'s gradient summed back'}`,
      rules: fails ? ['subtract-broadcasts'] : ['subtract-broadcasts', 'subtract-grad-negates'], tags: fails ? ['error'] : [],
    });
  });
}

/** The dtypes beyond the page's float32: those subtract and square compute, those they refuse, and mixed pairs. */
function dtypeCases(): PlannedCase[] {
  const computed = (['float64', 'int32', 'int64'] as const).map((dtype) => {
    const rng = new Prng(`dtypes/${dtype}`);
    const tensors = dtype === 'float64' ? operands('dtypes/float64', dtype, [2, 3]) : { input: tensor(dtype, [2, 3], integerInputs(rng, 6)), label: tensor(dtype, [2, 3], integerInputs(rng, 6)) };
    return planned({ group: 'dtypes', params: { dtype }, request: request({ tensors, grad: dtype === 'float64' ? BOTH : undefined }), description: `${dtype} operands (not on the page): computed in ${dtype}`, rules: ['square-error-cost-other-dtypes-computed'] });
  });
  const wraps = planned({
    group: 'dtypes', params: { dtype: 'int32', at: 'overflow' },
    request: request({ tensors: { input: tensor('int32', [3], [2147483647, -2147483648, 46341]), label: tensor('int32', [3], [0, 0, 0]) } }),
    description: 'int32 2147483647², (-2^31)² and 46341²: they wrap to 1, 0 and -2147479015', rules: ['square-error-cost-other-dtypes-computed'],
  });
  const refused = (['float16', 'bool', 'bfloat16'] as const).map((dtype) => planned({
    group: 'dtypes', params: { dtype },
    request: request({ tensors: { input: tensor(dtype, [3], [1, 0, 1]), label: tensor(dtype, [3], [0, 0, 1]) } }),
    description: `${dtype} operands: RuntimeError (NotFound) in ${dtype === 'bfloat16' ? 'square' : 'subtract'}`,
    rules: [dtype === 'bfloat16' ? 'square-no-bfloat16-kernel' : 'subtract-no-float16-or-bool-kernel'], tags: ['error'],
  }));
  const pairs: Array<[WireDType, WireDType, number[]]> = [['float32', 'float64', [3]], ['float64', 'float32', [3]], ['float32', 'float64', []], ['float32', 'int32', [3]], ['int32', 'int64', [3]], ['float32', 'int32', []]];
  const mixed = pairs.map(([a, b, labelShape]) => {
    const refuses = labelShape.length > 0 && (a.startsWith('int') || b.startsWith('int'));
    const n = size(labelShape);
    return planned({
      group: 'dtypes', params: { input: a, label: b, label_shape: formatShape(labelShape) },
      request: request({ tensors: { input: tensor(a, [3], [1.5, -2, 0.25].map((v) => (a.startsWith('int') ? Math.round(v) : v))), label: tensor(b, labelShape, [3, 0.5, -1].slice(0, n).map((v) => (b.startsWith('int') ? Math.round(v) : v))) }, grad: a.startsWith('int') || b.startsWith('int') ? undefined : BOTH }),
      description: `${a} input with a ${labelShape.length ? '' : '0-D '}${b} label: ${refuses ? 'TypeError in type promotion' : labelShape.length ? 'promoted' : "the 0-D label takes input's dtype"}`,
      rules: [refuses || b.startsWith('int') ? 'promotion-refuses-int-with-float' : 'promotion-float-dtypes-widen', ...(labelShape.length ? [] : ['subtract-broadcasts' as const])], ...(refuses && { tags: ['error'] }),
    });
  });
  return [...computed, wraps, ...refused, ...mixed];
}

/** NaN of both signs, infinities and signed zeros, through the loss and both gradients. */
function specialValueCases(): PlannedCase[] {
  const [NAN, NEG_NAN, INF, NEG_INF, ZERO, NEG_ZERO, ONE, TWO] = [0x7fc00000, 0xffc00000, 0x7f800000, 0xff800000, 0, 0x80000000, 0x3f800000, 0x40000000];
  const probes: Record<string, [number[], number[]]> = {
    nan: [[NAN, NEG_NAN, ONE, TWO, NAN, NEG_NAN], [ONE, ONE, NAN, NEG_NAN, NEG_NAN, NAN]],
    infinities: [[INF, NEG_INF, INF, ONE, INF, NEG_INF], [INF, ONE, NEG_INF, NEG_INF, ONE, NEG_INF]],
    signed_zeros: [[ZERO, NEG_ZERO, ZERO, NEG_ZERO, ONE, TWO], [ZERO, ZERO, NEG_ZERO, NEG_ZERO, ONE, TWO]],
  };
  return Object.entries(probes).map(([probe, [x, y]]) => planned({
    group: 'special_values', params: { probe },
    request: request({ tensors: { input: tensor('float32', [6], f32(x)), label: tensor('float32', [6], f32(y)) }, grad: BOTH }),
    description: `${probe.replace('_', ' ')}: input bits [${x.map((b) => `0x${b.toString(16)}`).join(', ')}], label bits [${y.map((b) => `0x${b.toString(16)}`).join(', ')}], both gradients`,
    rules: probe === 'signed_zeros' ? ['subtract-grad-negates'] : ['square-keeps-nan-sign', 'subtract-grad-negates'], tags: probe === 'signed_zeros' ? ['zero'] : ['nan'],
  }));
}

/** 1500 float32 elements (5·256 + 220), both gradients: every element on its own. */
function largeCases(): PlannedCase[] {
  return [planned({
    group: 'large', params: { n: 1500, dtype: 'float32' }, request: request({ tensors: operands('large', 'float32', [1500]), grad: BOTH }),
    description: '1500 float32 elements, both gradients: every element on its own', clauses: ['input', 'label', 'formula', 'returns'], tags: ['large', 'grad'],
  })];
}

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  doc_example: docExampleCases,
  shapes: shapeCases,
  broadcast: broadcastCases,
  dtypes: dtypeCases,
  special_values: specialValueCases,
  large: largeCases,
};
