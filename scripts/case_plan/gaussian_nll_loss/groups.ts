/**
 * gaussian_nll_loss's groups: the standard plan of an input-label loss (scripts/case_plan/standard_loss.ts) with a
 * variance of input's shape added to every case, and its own: variance's shapes and values (0 clamped, -0, NaN,
 * inf, negatives), epsilon, full, variance's gradient, the dtype pairs, the order of the checks and overflow.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import type { KwargJson } from '../../../conformance/case.js';
import type { TensorJson, WireDType } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';
import { CLAUSE_SEPARATOR } from '../clauses.js';
import { ParamSet } from '../params.js';
import type { Groups } from '../plan.js';
import { opRequest, plannedCase } from '../planned_case.js';
import { standardLossGroups } from '../standard_loss.js';
import { tensor } from '../tensor.js';
import { mixedInputs } from '../values.js';
import { CLAUSES, OWN_CLAUSES } from './clauses.js';

const FAMILY = 'gaussian_nll_loss';
const quote = (...c: string[]): string => c.join(CLAUSE_SEPARATOR);
const dims = (s: string): number[] => (s === 'scalar' ? [] : s.split('x').map(Number));
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const f32 = (bits: number[]): Float32Array => new Float32Array(Uint32Array.from(bits).buffer);
const [NAN, NEG_NAN, INF, NEG_INF, NEG_ZERO, FLT_MAX] = [0x7fc00000, 0xffc00000, 0x7f800000, 0xff800000, 0x80000000, 0x7f7fffff];
const FLOATS = ['float32', 'float64'] as const;

/** float32 values in float64, a NaN's sign kept (a JavaScript number may not keep it). */
function widen(a: Float32Array): Float64Array {
  const bits = new BigUint64Array(a.length);
  const u = new Uint32Array(a.buffer, a.byteOffset, a.length);
  a.forEach((v, i) => { bits[i] = v === v ? new BigUint64Array(Float64Array.of(v).buffer)[0]! : (BigInt(u[i]! >>> 31) << 63n) | 0x7ff8000000000000n; });
  return new Float64Array(bits.buffer);
}

/** A variance of input's dtype and shape: positive multiples of 1/4 (exact in every dtype; integers and bool 1 to 3). */
function varianceFor(input: TensorJson): { variance: TensorJson } {
  const dtype = input.dtype as WireDType;
  const floating = dtype.startsWith('float') || dtype === 'bfloat16';
  const values = Array.from({ length: size(input.shape) }, (_, k) => (floating ? [1, 0.5, 2.25, 0.75, 3, 1.25][k % 6]! : dtype === 'bool' ? 1 : 1 + (k % 3)));
  return { variance: tensor(dtype, input.shape, values) };
}

/** Random operands of a float dtype (inputs and labels in [-2, 3), variances in [0.25, 4)), from a seed. */
function operands(seed: string, dtype: WireDType, shape: readonly number[], varianceShape: readonly number[] = shape) {
  const rng = new Prng(seed);
  const round = dtype === 'float32' ? Math.fround : (v: number): number => v;
  return {
    input: tensor(dtype, shape, mixedInputs(rng, size(shape), dtype)),
    label: tensor(dtype, shape, mixedInputs(rng, size(shape), dtype)),
    variance: tensor(dtype, varianceShape, Array.from({ length: size(varianceShape) }, () => round(rng.uniform(0.25, 4)))),
  };
}

type Args = Record<string, KwargJson>;
const request = (tensors: Record<string, TensorJson>, args: Args, grad = true, form?: 'layer', gradNames = ['input', 'label']) =>
  opRequest(FAMILY, { form, tensors, args, grad: grad ? gradNames : undefined });

/** variance's shapes: input's own, one dimension fewer, a last dimension of 1; every other shape refused. */
function varianceShapeCases(): PlannedCase[] {
  const accepted = ParamSet.of({ input: '2x3', variance: '2' }, { input: '2x3', variance: '2x1' }, { input: '2x3x4', variance: '2x3' }, { input: '2x3x4', variance: '2x3x1' }, { input: '3', variance: 'scalar' }, { input: 'scalar', variance: '1' }, { input: '0', variance: 'scalar' }, { input: '2x0', variance: '2' }, { input: '0x3', variance: '0' });
  const acceptedCases = [...accepted].map((p) => {
    const ops = operands(`variance_shapes/${p.input},${p.variance}`, 'float32', dims(p.input), dims(p.variance));
    const onPage = dims(p.input).length >= 2 && size(dims(p.input)) > 0;
    const description = `input [${dims(p.input)}] with variance [${dims(p.variance)}], reduction 'none', input's and label's gradients`;
    return plannedCase({ family: FAMILY, group: 'variance_shapes', params: p, request: request(ops, { reduction: 'none' }), description, ...(onPage ? { clause: quote(OWN_CLAUSES.homoscedastic, OWN_CLAUSES.variance) } : { rules: ['gaussian-nll-variance-shapes', ...(size(dims(p.variance)) === 0 ? ['any-of-empty-raises-before-3-0-0'] : [])] }) });
  });
  const refused = ParamSet.of({ input: '2x3', variance: '1x3' }, { input: '2x3', variance: '3' }, { input: '2x3', variance: '2x3x1' }, { input: '2x3', variance: '1x1' }, { input: '2x3', variance: 'scalar' }, { input: '3', variance: '0' }, { input: 'scalar', variance: '5' });
  const refusedCases = [...refused].map((p) => plannedCase({
    family: FAMILY, group: 'variance_shapes', params: p,
    request: request(operands(`variance_shapes/${p.input},${p.variance}`, 'float32', dims(p.input), dims(p.variance)), { reduction: 'none' }, false),
    description: `input [${dims(p.input)}] with variance [${dims(p.variance)}]: ValueError (variance is of incorrect shape), although it would broadcast`,
    rules: ['gaussian-nll-variance-shapes'], tags: ['error'],
  }));
  const label = plannedCase({
    family: FAMILY, group: 'variance_shapes', params: { input: '2x3', label: '3', variance: '2' },
    request: request({ ...operands('variance_shapes/label', 'float32', [2, 3], [2]), label: tensor('float32', [3], [0.5, -1.25, 2]) }, { reduction: 'sum' }),
    description: "input [2, 3], label [3] (broadcast), variance [2] (one dimension fewer), reduction 'sum', both gradients",
    rules: ['subtract-broadcasts', 'subtract-grad-negates'], tags: ['broadcast'],
  });
  return [...acceptedCases, ...refusedCases, label];
}

/** variance's values: clamped below epsilon (0, 1e-7), -0 and NaN (not negative), +inf and FLT_MAX (clip's cap), negatives refused. */
function varianceValueCases(): PlannedCase[] {
  const input = f32([0x3f800000, 0x40000000, 0xbf000000, 0x3e800000, 0x40400000, 0]);
  const label = f32([0, 0x3f800000, 0x3f000000, 0x3e800000, 0xc0000000, 0]);
  const probes: Record<string, { bits: number[]; rules?: string[] }> = {
    below_epsilon: { bits: [0, 0x33d6bf95, 0x358637bd, 0x3f000000, 0x3f800000, 0] },
    signed_zero: { bits: [NEG_ZERO, NEG_ZERO, 0, NEG_ZERO, 0x3f800000, NEG_ZERO], rules: ['gaussian-nll-negative-variance-raises', 'gaussian-nll-epsilon-is-clip-min'] },
    nan: { bits: [NAN, NEG_NAN, 0x3f800000, NAN, NEG_NAN, NAN], rules: ['gaussian-nll-negative-variance-raises', 'clip-keeps-nan'] },
    huge: { bits: [INF, FLT_MAX, 0x7f000000, INF, 0x3f800000, INF], rules: ['clip-caps-at-dtype-max'] },
    negative: { bits: [0x3f800000, 0xbf800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000], rules: ['gaussian-nll-negative-variance-raises'] },
    negative_inf: { bits: [NAN, NEG_INF, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000], rules: ['gaussian-nll-negative-variance-raises'] },
    negative_subnormal: { bits: [0x3f800000, 0x80000001, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000], rules: ['gaussian-nll-negative-variance-raises'] },
  };
  const rows = ParamSet.of(...Object.keys(probes).map((probe) => ({ probe }))).combine('dtype', FLOATS);
  const cases = [...rows].map((p) => {
    const { bits, rules } = probes[p.probe]!;
    const cast = (a: Float32Array): Float32Array | Float64Array => (p.dtype === 'float32' ? a : widen(a));
    const error = p.probe.startsWith('negative');
    return plannedCase({
      family: FAMILY, group: 'variance_values', params: p,
      request: request({ input: tensor(p.dtype, [6], cast(input)), label: tensor(p.dtype, [6], cast(label)), variance: tensor(p.dtype, [6], cast(f32(bits))) }, { reduction: 'none' }, !error),
      description: `${p.dtype} variance bits [${bits.map((b) => `0x${b.toString(16)}`).join(', ')}] (as float32), reduction 'none'${error ? ': ValueError' : ', input\'s and label\'s gradients'}`,
      ...(rules ? { rules } : { clause: quote(CLAUSES.none, OWN_CLAUSES.epsilon) }), ...(error && { tags: ['error'] }),
    });
  });
  // float64 variances above FLT_MAX: capped at FLT_MAX before Paddle 3.1.1, at DBL_MAX since.
  const wide = plannedCase({
    family: FAMILY, group: 'variance_values', params: { probe: 'above_flt_max', dtype: 'float64' },
    request: request({ input: tensor('float64', [3], [1, 2, 3]), label: tensor('float64', [3], [0, 0, 0]), variance: tensor('float64', [3], [Infinity, 1e39, 1]) }, { reduction: 'none' }),
    description: "float64 variance [inf, 1e39, 1], reduction 'none': capped at DBL_MAX (FLT_MAX before Paddle 3.1.1)",
    rules: ['clip-caps-at-dtype-max'],
  });
  return [...cases, wide];
}

/** epsilon: only clip's min, unchecked; each against variances 0, 1e-7, 0.25 and 4. */
function epsilonCases(): PlannedCase[] {
  const values: [string, KwargJson][] = [['0.5', 0.5], ['0', 0], ['-1', -1], ['none', null], ['1e-50', 1e-50], ['true', true], ['int_2', { int: 2 }], ['str_0.5', { str: '0.5' }], ['1e39', 1e39], ['inf', 'Infinity'], ['nan', 'NaN']];
  const rows = ParamSet.of(...values.map(([epsilon]) => ({ epsilon }))).combine('dtype', FLOATS);
  return [...rows].map((p) => {
    const eps = values.find(([name]) => name === p.epsilon)![1];
    const variance = p.dtype === 'float32' ? [0, Math.fround(1e-7), 0.25, 4] : [0, 1e-7, 0.25, 4];
    const onPage = p.epsilon === '0.5';
    return plannedCase({
      family: FAMILY, group: 'epsilon', params: p,
      request: request({ input: tensor(p.dtype, [4], [1, 0.5, -1, 2]), label: tensor(p.dtype, [4], [0, 0.5, 0.5, -2]), variance: tensor(p.dtype, [4], variance) }, { epsilon: eps, reduction: 'none' }, !['1e39', 'inf', 'nan'].includes(p.epsilon)),
      description: `epsilon ${JSON.stringify(eps)}, ${p.dtype} variance [0, 1e-7, 0.25, 4], reduction 'none'`,
      ...(onPage ? { clause: quote(CLAUSES.none, OWN_CLAUSES.epsilon) } : { rules: ['gaussian-nll-epsilon-is-clip-min', 'clip-caps-at-dtype-max'] }),
    });
  });
}

/** full: the constant ½ log(2π) through every reduction and both dtypes, then Python's truth values. */
function fullCases(): PlannedCase[] {
  const rows = ParamSet.of({ full: true }).combine('dtype', FLOATS).combine('reduction', ['none', 'mean', 'sum'] as const);
  const cases = [...rows].map((p) => plannedCase({
    family: FAMILY, group: 'full', params: p,
    request: request(operands(`full/${p.dtype},${p.reduction}`, p.dtype, [2, 3]), { full: true, reduction: p.reduction }),
    description: `full=True, ${p.dtype} [2, 3], reduction '${p.reduction}', both gradients`,
    rules: ['scale-attributes-in-dtype', 'gaussian-nll-full-is-truthy'],
  }));
  const truth: [string, KwargJson][] = [['false', false], ['int_1', { int: 1 }], ['str', 'x'], ['int_0', { int: 0 }], ['none', null], ['empty_str', '']];
  const truthCases = [...ParamSet.of(...truth.map(([full]) => ({ full }))).combine('form', ['functional', 'layer'] as const)].map((p) => plannedCase({
    family: FAMILY, group: 'full', params: p,
    request: request(operands('full/truth', 'float32', [3]), { full: truth.find(([n]) => n === p.full)![1], reduction: 'none' }, false, p.form === 'layer' ? 'layer' : undefined),
    description: `full=${JSON.stringify(truth.find(([n]) => n === p.full)![1])} through the ${p.form} form`,
    ...(p.full === 'false' ? { clause: quote(OWN_CLAUSES.full, CLAUSES[p.form]) } : { rules: ['gaussian-nll-full-is-truthy'] }),
  }));
  return [...cases, ...truthCases];
}

/** variance's gradient asked for: Paddle leaves it None (the response has none), in both forms. */
function varianceGradCases(): PlannedCase[] {
  const rows = ParamSet.of({ reduction: 'none' }, { reduction: 'mean' }, { reduction: 'sum' }).combine('form', ['functional', 'layer'] as const);
  return [...rows].map((p) => plannedCase({
    family: FAMILY, group: 'variance_grad', params: p,
    request: request(operands(`variance_grad/${p.reduction}`, 'float32', [2, 3]), { reduction: p.reduction }, true, p.form === 'layer' ? 'layer' : undefined, ['input', 'label', 'variance']),
    description: `all three gradients asked for, reduction '${p.reduction}', ${p.form} form: variance gets none`,
    rules: ['gaussian-nll-variance-gets-no-gradient'], tags: ['grad'],
  }));
}

/** Mixed float dtypes promote op by op; the dtype checks run input, label, variance in that order. */
function dtypePairCases(): PlannedCase[] {
  const triples: [WireDType, WireDType, WireDType][] = [['float32', 'float64', 'float32'], ['float32', 'float32', 'float64'], ['float64', 'float32', 'float32'], ['float64', 'float64', 'float32'], ['float32', 'int32', 'float16'], ['float16', 'int32', 'int64'], ['float64', 'float64', 'int64']];
  return triples.map(([a, b, c]) => {
    const floats = [a, b, c].every((d) => d === 'float32' || d === 'float64');
    // 0.1 and 1.3 are not float32 values: a float64 variance cast to float32 shows.
    const t = (d: WireDType, v: number[]): TensorJson => tensor(d, [3], d.startsWith('int') ? v.map(Math.round) : d === 'float64' ? v : d === 'float32' ? v.map(Math.fround) : v.map((e) => Math.round(e * 4) / 4));
    return plannedCase({
      family: FAMILY, group: 'dtype_pairs', params: { input: a, label: b, variance: c },
      request: request({ input: t(a, [1.5, -0.25, 2]), label: t(b, [0.25, 1, -1]), variance: t(c, [0.1, 2, 1.3]) }, { reduction: 'none' }, floats),
      description: `${a} input, ${b} label, ${c} variance: ${floats ? 'each op promotes' : 'the first refused dtype in the order input, label, variance'}`,
      rules: floats ? ['promotion-float-dtypes-widen', 'divide-operator-casts-before-3-0-0'] : ['gaussian-nll-float-operands-only'], ...(!floats && { tags: ['error'] }),
    });
  });
}

/** Two faults at once: which error Paddle reports (shape, then reduction, then dtypes, then negative variance, then the rest). */
function precedenceCases(): PlannedCase[] {
  const faults: [string, Record<string, TensorJson>, Args, string[]][] = [
    ['shape+reduction', operands('precedence', 'float32', [2, 3], [3]), { reduction: 'MEAN' }, ['gaussian-nll-variance-shapes', 'gaussian-nll-reduction-checked-second']],
    ['reduction+dtype', { input: tensor('int32', [2], [1, 2]), label: tensor('int32', [2], [1, 2]), variance: tensor('int32', [2], [-1, 2]) }, { reduction: 'avg' }, ['gaussian-nll-reduction-checked-second']],
    ['dtype+negative', { input: tensor('float32', [2], [1, 2]), label: tensor('int64', [2], [1, 2]), variance: tensor('float32', [2], [-1, 2]) }, {}, ['gaussian-nll-float-operands-only', 'gaussian-nll-negative-variance-raises']],
    ['negative+epsilon', { input: tensor('float32', [2], [1, 2]), label: tensor('float32', [2], [1, 2]), variance: tensor('float32', [2], [-1, 2]) }, { epsilon: 1e39 }, ['gaussian-nll-negative-variance-raises', 'gaussian-nll-epsilon-is-clip-min']],
    ['negative+label_shape', { input: tensor('float32', [2], [1, 2]), label: tensor('float32', [3], [1, 2, 3]), variance: tensor('float32', [2], [-1, 2]) }, {}, ['gaussian-nll-negative-variance-raises', 'subtract-broadcasts']],
    ['reduction_int', operands('precedence', 'float32', [3]), { reduction: { int: 1 } }, ['gaussian-nll-reduction-checked-second']],
  ];
  return faults.map(([name, tensors, args, rules]) => plannedCase({
    family: FAMILY, group: 'errors', params: { faults: name }, request: request(tensors, args, false),
    description: `${name.replace('+', ' and ')}: which error is raised`, rules, tags: ['error'],
  }));
}

/** Overflow and underflow: a residual whose square overflows (inf), one whose square underflows, a quotient below the smallest subnormal. */
function overflowCases(): PlannedCase[] {
  return FLOATS.map((dtype) => {
    const big = dtype === 'float32' ? 1e20 : 1e160;
    const tiny = dtype === 'float32' ? 1e-30 : 1e-170;
    const r = dtype === 'float32' ? Math.fround : (v: number): number => v;
    return plannedCase({
      family: FAMILY, group: 'overflow', params: { dtype },
      request: request({ input: tensor(dtype, [4], [r(big), r(tiny), 1, r(-big)]), label: tensor(dtype, [4], [r(-big), 0, r(tiny), 1]), variance: tensor(dtype, [4], [1, 1, r(big), r(tiny)]) }, { reduction: 'none' }),
      description: `${dtype}: (2·${big})² overflows to inf, ${tiny}² underflows to 0, 1 / ${big}, a variance of ${tiny} (clamped to epsilon), both gradients`,
      clause: quote(CLAUSES.none, OWN_CLAUSES.epsilon),
    });
  });
}

/** The standard plan, a variance of input's shape added to each case. */
const STANDARD = standardLossGroups({
    family: FAMILY,
    clauses: CLAUSES,
    example: { shape: [5, 2], input: [0.5, -1.25, 2, 0.25, -0.75, 1.5, 3, -2, 0.125, 1], label: [-0.5, 0.75, 1.25, 0.25, 2, -1, 0.5, -0.25, 1.75, -1.5] },
    moreTensors: varianceFor,
    integersDocumented: false,
    integersRule: 'gaussian-nll-float-operands-only',
    rules: {
      badReduction: 'gaussian-nll-reduction-checked-second',
      legacyArguments: 'gaussian-nll-layer-no-legacy-arguments',
      broadcasts: 'subtract-broadcasts',
      gradNegates: 'subtract-grad-negates',
      refused: { float16: 'gaussian-nll-float-operands-only', bool: 'gaussian-nll-float-operands-only', bfloat16: 'gaussian-nll-float-operands-only' },
      integerMean: { rule: 'gaussian-nll-float-operands-only', raises: true },
      integerSum: 'gaussian-nll-float-operands-only',
      emptyMean: 'mean-of-empty-is-nan',
      emptySum: 'sum-of-empty-is-zero',
      empty: ['any-of-empty-raises-before-3-0-0'],
      meanGrad: 'mean-grad-divides-by-count',
      nan: ['square-keeps-nan-sign'],
      zero: ['scale-grad-adds-zero'],
    },
});

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  ...STANDARD,
  errors: () => [...STANDARD.errors!(), ...precedenceCases()],
  variance_shapes: varianceShapeCases,
  variance_values: varianceValueCases,
  epsilon: epsilonCases,
  full: fullCases,
  variance_grad: varianceGradCases,
  dtype_pairs: dtypePairCases,
  overflow: overflowCases,
};
