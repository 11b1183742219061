/**
 * Group `margins`: the default, zero and negative zero, ordinary values,
 * values float32 cannot hold (0.1, 1e30, ±1e39), the infinities, NaN, and
 * Python values that are not floats (int, bool, None, str), with both
 * documented dtypes.
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import { Prng } from '../../prng.js';
import { ParamSet, type ParamValue } from '../params.js';
import { tensor } from '../tensor.js';
import { signLabels } from '../values.js';
import { DEFAULT, floatMargin, plannedCase, request, type CaseSpec } from './case.js';
import { reductionClause } from './clauses.js';
import { pairs } from './values.js';

/** Each margin's id value and the keyword the request carries. */
const MARGINS: ReadonlyArray<[ParamValue, KwargJson | typeof DEFAULT]> = [
  [DEFAULT, DEFAULT], [0, 0], [-0, -0], [0.5, 0.5], [1, 1], [-1, -1], [2.5, 2.5], [0.1, 0.1], [1e30, 1e30], [1e39, 1e39], [-1e39, -1e39],
  [Infinity, 'Infinity'], [-Infinity, '-Infinity'], [NaN, 'NaN'], ['int(2)', { int: 2 }], [true, true], [false, false], [null, null], ['str(1.5)', { str: '1.5' }],
];

/** One case per margin, dtype and reduction. */
export function marginCases(): PlannedCase[] {
  const rows = ParamSet.of(...MARGINS.map(([margin]) => ({ margin }))).combine('dtype', ['float32', 'float64'] as const).combine('reduction', ['none', 'sum'] as const);
  return [...rows].map((p) => {
    const kwarg = MARGINS.find(([m]) => Object.is(m, p.margin))![1];
    const rng = new Prng(`margins/${p.dtype},${p.reduction}`);
    const { input, other } = pairs(rng, 8, p.dtype);
    const label = signLabels(rng, 8);
    return plannedCase({
      group: 'margins',
      params: p,
      request: request({ input: tensor(p.dtype, [8], input), other: tensor(p.dtype, [8], other), label: tensor(p.dtype, [8], label), margin: kwarg, reduction: p.reduction }),
      description: `margin ${p.margin === DEFAULT ? 'left out (0.0)' : JSON.stringify(kwarg)} with ${p.dtype} operands, reduction '${p.reduction}'`,
      ...justification(p.margin, p.dtype, p.reduction),
    });
  });
}

function justification(m: ParamValue, dtype: string, reduction: string): Pick<CaseSpec, 'clauses' | 'rules' | 'tags'> {
  if (m === null || m === 'str(1.5)') return { rules: ['ranking-margin-none-or-str-refused'], tags: ['error'] };
  if (m === 'int(2)' || m === true) return { rules: ['ranking-margin-in-result-dtype'] };
  if (m === false) return { rules: ['ranking-margin-added-only-when-nonzero'] };
  if (typeof m === 'number' && Number.isNaN(m)) return { rules: ['relu-nan-is-zero'] };
  // A margin float32 cannot hold is rounded to the result dtype first (1e39 becomes inf).
  if (typeof m === 'number' && dtype === 'float32' && !Object.is(Math.fround(m), m)) return { rules: ['ranking-margin-in-result-dtype'], tags: ['f32-rounding'] };
  return { clauses: ['formula', reductionClause(reduction), ...(m === DEFAULT ? (['marginDefault'] as const) : [])] };
}

/** The id value of a float margin's keyword (exported for the other groups' ids). */
export function marginId(m: number): KwargJson {
  return floatMargin(m);
}
