/**
 * Group `special_values`: NaN, ±inf, -0.0, subnormals and ±max finite in
 * input, other and label, one element each, in both documented dtypes, with
 * both gradients. Each probe says whether a NaN arises before the relu
 * (relu maps it to 0, rule relu-nan-is-zero) or the page's formula
 * fixes the result on its own.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { MAX_FINITE, MIN_SUBNORMAL, type UlpDType } from '../../../conformance/floats.js';
import { ParamSet } from '../params.js';
import { tensor } from '../tensor.js';
import { plannedCase, request, type Rule } from './case.js';

/** A probe: input, other and label values in a dtype, and the rules its result rests on (none: the formula alone). */
interface Probe {
  values: (d: UlpDType) => [number, number, number];
  rules: Rule[];
}

const PROBES: Record<string, Probe> = {
  // -label * (input - other) + margin with margin 0.5:
  input_nan: { values: () => [NaN, 1, -1], rules: ['relu-nan-is-zero', 'relu-grad-zero-at-kink'] },
  other_nan: { values: () => [1, NaN, 1], rules: ['relu-nan-is-zero', 'relu-grad-zero-at-kink'] },
  label_nan: { values: () => [1, 2, NaN], rules: ['relu-nan-is-zero', 'multiply-grad-is-upstream-times-other', 'subtract-grad-negates'] }, // 0 * NaN, its sign flipped for input
  input_inf_label_minus_1: { values: () => [Infinity, 1, -1], rules: ['multiply-grad-is-upstream-times-other'] }, // +inf, gradient -1 and +1
  input_inf_label_1: { values: () => [Infinity, 1, 1], rules: ['subtract-grad-negates'] }, // -inf -> 0; the inactive gradients are signed zeros
  inf_minus_inf: { values: () => [Infinity, Infinity, 1], rules: ['relu-nan-is-zero', 'relu-grad-zero-at-kink'] },
  label_inf_equal_operands: { values: () => [2, 2, Infinity], rules: ['relu-nan-is-zero', 'multiply-grad-is-upstream-times-other', 'subtract-grad-negates'] }, // 0 * inf
  label_inf: { values: () => [2, 3, Infinity], rules: ['multiply-grad-is-upstream-times-other'] }, // +inf
  negative_zero_operands: { values: () => [-0, 0, 1], rules: ['relu-nan-is-zero', 'subtract-grad-negates'] },
  subnormal_difference: { values: (d) => [MIN_SUBNORMAL[d], 0, -1], rules: ['multiply-grad-is-upstream-times-other'] },
  overflow: { values: (d) => [-MAX_FINITE[d], MAX_FINITE[d], -1], rules: ['multiply-grad-is-upstream-times-other'] }, // other - input overflows to +inf... times -label
};

/** Every probe in both dtypes, reduction 'none', with both gradients. */
export function specialValueCases(): PlannedCase[] {
  const rows = ParamSet.of(...Object.keys(PROBES).map((probe) => ({ probe }))).combine('dtype', ['float32', 'float64'] as const);
  return [...rows].map((p) => {
    const probe = PROBES[p.probe]!;
    const [x, y, l] = probe.values(p.dtype);
    return plannedCase({
      group: 'special_values',
      params: p,
      request: request({ input: tensor(p.dtype, [1], [x]), other: tensor(p.dtype, [1], [y]), label: tensor(p.dtype, [1], [l]), margin: 0.5, reduction: 'none', grad: ['input', 'other'] }),
      description: `${p.dtype} input ${x}, other ${y}, label ${l}, margin 0.5, reduction 'none', with both gradients`,
      rules: probe.rules,
    });
  });
}
