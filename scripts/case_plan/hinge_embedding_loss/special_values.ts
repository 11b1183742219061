/**
 * Group `special_values`: NaN, ±inf, -0.0, subnormals, the smallest normal and
 * ±max finite as inputs under label 1 and -1, in float32 and float64; a
 * `margin - x` that overflows; and small mixes where a special value decides
 * what a reduction (and its gradient) gives.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { MAX_FINITE, MAX_SUBNORMAL, MIN_NORMAL, MIN_SUBNORMAL, type UlpDType } from '../../../conformance/floats.js';
import { ParamSet } from '../params.js';
import { plannedCase, type CaseSpec } from './case.js';
import { request } from './request.js';
import { tensor } from '../tensor.js';
import { reductionClause } from './clauses.js';

const GROUP = 'special_values';

/** The special inputs by id name; `0` is the control. */
export const SPECIAL_INPUTS = [
  '0', 'NaN', 'inf', '-inf', '-0.0', 'min_subnormal', '-min_subnormal', 'max_subnormal', 'min_normal', 'max_finite', '-max_finite',
] as const;

type Special = (typeof SPECIAL_INPUTS)[number];

/** The value of a named special input in a dtype. */
export function specialValue(name: Special, dtype: UlpDType): number {
  switch (name) {
    case '0': return 0;
    case 'NaN': return NaN;
    case 'inf': return Infinity;
    case '-inf': return -Infinity;
    case '-0.0': return -0;
    case 'min_subnormal': return MIN_SUBNORMAL[dtype];
    case '-min_subnormal': return -MIN_SUBNORMAL[dtype];
    case 'max_subnormal': return MAX_SUBNORMAL[dtype];
    case 'min_normal': return MIN_NORMAL[dtype];
    case 'max_finite': return MAX_FINITE[dtype];
    case '-max_finite': return -MAX_FINITE[dtype];
  }
}

/** Small mixes, each chosen so that one special value decides the reduced result. */
const MIXES: Record<string, { x: (d: UlpDType) => number[]; y: number[]; what: string }> = {
  nan_under_label_minus_1: { x: () => [NaN, 0.5, 2, -1], y: [-1, 1, -1, -1], what: 'a NaN input under label -1 among finite ones' },
  nan_under_label_1: { x: () => [NaN, 0.5, 2, -1], y: [1, 1, -1, -1], what: 'a NaN input under label 1 among finite ones' },
  // The finite element sits inside relu (margin - x = 0.5), away from the kink at x = margin, where the page fixes no gradient.
  inf_minus_inf: { x: () => [Infinity, -Infinity, 0.5], y: [1, 1, -1], what: '+inf and -inf under label 1, which cancel to NaN' },
  subnormals: { x: (d) => [MIN_SUBNORMAL[d], MIN_SUBNORMAL[d], MAX_SUBNORMAL[d], -MIN_SUBNORMAL[d]], y: [1, 1, 1, 1], what: 'subnormal inputs under label 1, summed' },
};

/** The single-value grid, the overflow cases and the reduction mixes. */
export function specialValueCases(): PlannedCase[] {
  return [...gridCases(), ...overflowCases(), ...mixCases()];
}

function gridCases(): PlannedCase[] {
  const rows = ParamSet.of(...SPECIAL_INPUTS.map((x) => ({ x })))
    .combine('label', [1, -1] as const)
    .combine('dtype', ['float32', 'float64'] as const);
  return [...rows].map((p) => {
    const x = specialValue(p.x, p.dtype);
    return plannedCase({
      group: GROUP,
      params: p,
      request: request({ input: tensor(p.dtype, [1], [x]), label: tensor(p.dtype, [1], [p.label]), reduction: 'none' }),
      description: `${p.dtype} input ${p.x} (${x}) under label ${p.label}, default margin, reduction='none'`,
      ...gridJustification(p.x, p.label),
      tags: tagsOf(p.x),
    });
  });
}

function gridJustification(x: Special, label: 1 | -1): Pick<CaseSpec, 'clauses' | 'rules'> {
  if (x === 'NaN' && label === -1) return { rules: ['relu-nan-is-zero'] };
  if (x === '-0.0' && label === 1) return { rules: ['hinge-negative-zero-is-added-to-zero'] };
  return { clauses: ['formula', 'none'] };
}

function tagsOf(x: Special): string[] {
  if (x.includes('subnormal')) return ['subnormal'];
  if (x.includes('max_finite')) return ['max-finite'];
  if (x === '-0.0') return ['negative-zero'];
  return [];
}

function overflowCases(): PlannedCase[] {
  // margin - x = max - (-max) = 2 * max, which rounds to +inf in the dtype.
  return (['float32', 'float64'] as const).map((dtype) => {
    const params = { x: '-max_finite', label: -1, dtype, margin: MAX_FINITE[dtype] };
    return plannedCase({
      group: GROUP,
      params,
      request: request({
        input: tensor(dtype, [1], [-MAX_FINITE[dtype]]),
        label: tensor(dtype, [1], [-1]),
        margin: MAX_FINITE[dtype],
        reduction: 'none',
        grad: true,
      }),
      description: `${dtype} margin - x = max - (-max) overflows the dtype to +inf; the gradient stays -1`,
      rules: ['scale-attributes-in-dtype'],
      tags: ['overflow', 'max-finite'],
    });
  });
}

function mixCases(): PlannedCase[] {
  const rows = ParamSet.of(...Object.keys(MIXES).map((mix) => ({ mix })))
    .combine('dtype', ['float32', 'float64'] as const)
    .combine('reduction', ['none', 'mean', 'sum'] as const);
  return [...rows].map((p) => {
    const mix = MIXES[p.mix]!;
    const x = mix.x(p.dtype);
    const nanUnderMinus = p.mix === 'nan_under_label_minus_1';
    return plannedCase({
      group: GROUP,
      params: p,
      request: request({ input: tensor(p.dtype, [x.length], x), label: tensor(p.dtype, [x.length], mix.y), reduction: p.reduction, grad: true }),
      description: `${p.dtype}: ${mix.what}, reduction='${p.reduction}', with the gradient`,
      ...(nanUnderMinus
        ? { rules: ['relu-nan-is-zero', 'relu-grad-zero-at-kink', ...(p.reduction === 'mean' ? (['mean-grad-divides-by-count'] as const) : [])] }
        : p.reduction === 'mean'
          ? { rules: ['mean-grad-divides-by-count'] }
          : { clauses: ['formula', reductionClause(p.reduction)] }),
      tags: p.mix === 'subnormals' ? ['subnormal'] : [],
    });
  });
}
