/**
 * Group `margins`: the margin's default, ordinary values, values float32
 * cannot hold (0.1, 1e30, 1e39), infinities, NaN, and Python values that are
 * not floats (int, bool, None), each with both documented dtypes.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { reductionClause } from './clauses.js';
import { roundTo } from '../../../conformance/floats.js';
import { ParamSet, type ParamValue } from '../params.js';
import { plannedCase, type CaseSpec } from './case.js';
import { DEFAULT, marginValue, request } from './request.js';
import { tensor } from '../tensor.js';

const GROUP = 'margins';

/** The margins tried: the control 1.0 first. */
export const MARGINS: readonly ParamValue[] = [1, DEFAULT, 0, -0, -1, 0.1, 2.5, 1e30, 1e39, Infinity, -Infinity, NaN, 'int(2)', 'int(0)', true, null];

/** One case per margin, dtype and reduction. */
export function marginCases(): PlannedCase[] {
  const rows = ParamSet.of(...MARGINS.map((margin) => ({ margin })))
    .combine('dtype', ['float32', 'float64'] as const)
    .combine('reduction', ['none', 'sum'] as const);
  return [...rows].map((p) => {
    // Inputs on both sides of every finite margin tried, including the dtype's nearest value to 0.1.
    const x = [-3, -1, -0.25, 0, roundTo(0.1, p.dtype), 0.5, 1, 2.5];
    const y = [-1, -1, -1, -1, -1, -1, 1, -1];
    return plannedCase({
      group: GROUP,
      params: p,
      request: request({ input: tensor(p.dtype, [8], x), label: tensor(p.dtype, [8], y), margin: p.margin, reduction: p.reduction }),
      description: `margin=${describe(p.margin)} with ${p.dtype} inputs around it, mostly label -1, reduction='${p.reduction}'`,
      ...justification(p.margin, p.reduction),
    });
  });
}

function describe(m: ParamValue): string {
  if (m === DEFAULT) return 'default (1.0, left out)';
  if (m === null) return 'None (must raise)';
  if (typeof m === 'boolean') return m ? 'True' : 'False';
  return String(m);
}

function justification(m: ParamValue, reduction: string): Pick<CaseSpec, 'clauses' | 'rules' | 'tags'> {
  if (m === null) return { rules: ['hinge-margin-by-python-type'], tags: ['error'] };
  if (typeof m === 'string' && m !== DEFAULT) return { rules: ['hinge-margin-by-python-type'], tags: ['int-margin'] };
  if (typeof m === 'boolean') return { rules: ['hinge-margin-by-python-type'], tags: ['bool-margin'] };
  const v = marginValue(m);
  if (Number.isNaN(v)) return { rules: ['relu-nan-is-zero'] };
  // A margin float32 cannot hold depends on the rule in both dtypes: float32
  // rounds it first (to infinity for 1e39); float64 keeps it, where Paddle 2.6
  // (the rule's alternative) rounded it to float32 too.
  if (!Object.is(roundTo(v, 'float32'), v)) return { rules: ['scale-attributes-in-dtype'], tags: ['f32-rounding'] };
  const base = m === DEFAULT ? (['formula', 'marginDefault'] as const) : (['formula'] as const);
  return { clauses: [...base, reductionClause(reduction)] };
}
