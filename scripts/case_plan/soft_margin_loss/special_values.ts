/**
 * Groups `special_values` and `overflow`. special_values: NaN, ±inf, ±0, a
 * subnormal and the largest finite input, in input and label, one element
 * each, in both documented dtypes, with and without input's gradient.
 * overflow: exp(z) overflowing to inf and 1 + exp(z) rounding to 1, in
 * fewer elements than a packet (the C library's exp) and in whole packets
 * (Eigen's, which clamps its argument).
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { MAX_FINITE, MIN_SUBNORMAL, type UlpDType } from '../../../conformance/floats.js';
import { ParamSet } from '../params.js';
import { tensor } from '../tensor.js';
import { EXTREME_GRAD, packetRules, plannedCase, request, type Rule } from './case.js';

/** A probe: input and label values in a dtype, and the rules its forward result rests on (none: the formula alone). */
interface Probe {
  values: (d: UlpDType) => [number, number];
  rules: Rule[];
  /** Rules its gradient rests on beyond the chain's. */
  gradRules?: Rule[];
}

const PROBES: Record<string, Probe> = {
  // z = -label * input:
  input_nan: { values: () => [NaN, 1], rules: [] },
  label_nan: { values: () => [1, NaN], rules: ['soft-margin-label-cast-to-input-dtype'] },
  input_inf_label_1: { values: () => [Infinity, 1], rules: [] }, // z = -inf: log(1 + 0) = 0
  input_inf_label_minus_1: { values: () => [Infinity, -1], rules: [], gradRules: ['soft-margin-exp-overflows-to-inf'] }, // z = inf: inf, gradient 0 × inf
  input_minus_inf_label_1: { values: () => [-Infinity, 1], rules: [], gradRules: ['soft-margin-exp-overflows-to-inf'] },
  input_inf_label_0: { values: () => [Infinity, 0], rules: ['soft-margin-label-cast-to-input-dtype', 'scale-adds-zero-bias'] }, // 0 × inf = NaN
  label_inf: { values: () => [0.5, Infinity], rules: ['soft-margin-label-cast-to-input-dtype'], gradRules: ['multiply-grad-is-upstream-times-other'] }, // z = -inf; the gradient 0 × -inf
  label_inf_input_0: { values: () => [0, Infinity], rules: ['soft-margin-label-cast-to-input-dtype'] }, // 0 × inf = NaN
  input_zero: { values: () => [0, 1], rules: [] }, // log 2
  input_negative_zero: { values: () => [-0, 1], rules: [] },
  input_negative_zero_label_minus_1: { values: () => [-0, -1], rules: [] },
  input_subnormal: { values: (d) => [MIN_SUBNORMAL[d], 1], rules: [] },
  input_max_label_minus_1: { values: (d) => [MAX_FINITE[d], -1], rules: ['soft-margin-exp-overflows-to-inf'] }, // z = max: e overflows
  input_max_label_1: { values: (d) => [MAX_FINITE[d], 1], rules: ['soft-margin-one-plus-exp-absorbs-small'] }, // z = -max: e = 0
};

/** Every probe in both dtypes, reduction 'none', with and without input's gradient. */
export function specialValueCases(): PlannedCase[] {
  const rows = ParamSet.of(...Object.keys(PROBES).map((probe) => ({ probe }))).combine('dtype', ['float32', 'float64'] as const).combine('grad', [false, true] as const);
  return [...rows].map((p) => {
    const probe = PROBES[p.probe]!;
    const [x, y] = probe.values(p.dtype);
    const rules = p.grad ? [...probe.rules, ...(probe.gradRules ?? []), ...EXTREME_GRAD] : probe.rules;
    return plannedCase({
      group: 'special_values',
      params: p,
      request: request({ input: tensor(p.dtype, [1], [x]), label: tensor(p.dtype, [1], [y]), reduction: 'none', grad: p.grad }),
      description: `${p.dtype} input ${x}, label ${y}, reduction 'none'${p.grad ? ", with input's gradient" : ''}`,
      ...(rules.length ? { rules } : { clauses: ['formula', 'input', 'none'] as const }),
    });
  });
}

/** An overflow probe: inputs and labels per dtype, and the rules its values rest on. */
interface OverflowProbe {
  input: Record<UlpDType, number[]>;
  label: number[];
  rules: Rule[];
}

const f32 = (v: number[]): number[] => v.map(Math.fround);

const OVERFLOW: Record<string, OverflowProbe> = {
  // The reference's confirmed example: [inf, inf, 0.474077] in float32.
  doc: { input: { float32: [100, -100, 0.5], float64: [1000, -1000, 0.5] }, label: [-1, 1, 1], rules: ['soft-margin-exp-overflows-to-inf'] },
  // z = -input around the threshold where exp(z) overflows (88.72 float32, 709.78 float64).
  high: {
    input: { float32: f32([-88, -88.5, -88.72, -88.75, -89, -100, -1e4]), float64: [-709, -709.7, -709.78, -709.8, -710, -1000, -1e5] },
    label: [1, 1, 1, 1, 1, 1, 1],
    rules: ['soft-margin-exp-overflows-to-inf'],
  },
  // z = -input around where 1 + exp(z) rounds to 1 (-16.6 float32, -36.7 float64), and far below.
  low: {
    input: { float32: f32([15, 16.6, 16.7, 17, 20, 88, 100]), float64: [36, 36.7, 36.8, 37, 40, 745, 1000] },
    label: [1, 1, 1, 1, 1, 1, 1],
    rules: ['soft-margin-one-plus-exp-absorbs-small'],
  },
};

/** Every overflow probe in both dtypes, in a tail (as given) or whole packets (repeated to 16 elements), with and without input's gradient. */
export function overflowCases(): PlannedCase[] {
  const rows = ParamSet.of(...Object.keys(OVERFLOW).map((probe) => ({ probe })))
    .combine('dtype', ['float32', 'float64'] as const)
    .combine('layout', ['tail', 'packets'] as const)
    .combine('reduction', ['none', 'sum'] as const)
    .combine('grad', [false, true] as const);
  return [...rows].map((p) => {
    const probe = OVERFLOW[p.probe]!;
    const n = p.layout === 'tail' ? probe.label.length : 16;
    const cycle = (v: number[]): number[] => Array.from({ length: n }, (_, i) => v[i % v.length]!);
    const rules = [...probe.rules, ...(p.probe === 'doc' ? [] : packetRules(p.dtype, n)), ...(p.grad ? EXTREME_GRAD : [])];
    return plannedCase({
      group: 'overflow',
      params: p,
      request: request({ input: tensor(p.dtype, [n], cycle(probe.input[p.dtype])), label: tensor(p.dtype, [n], cycle(probe.label)), reduction: p.reduction, grad: p.grad }),
      description: `${p.dtype} ${p.probe === 'low' ? 'absorption (1 + exp(z) rounds to 1)' : 'overflow of exp(z)'}: input [${probe.input[p.dtype].join(', ')}], label [${probe.label.join(', ')}], ${n} elements, reduction '${p.reduction}'${p.grad ? ", with input's gradient" : ''}`,
      rules,
    });
  });
}
