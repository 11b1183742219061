/**
 * Group `reductions`: the default reduction (no kwargs at all), 'none',
 * 'mean', 'sum', and invalid values, which Paddle must refuse with its
 * ValueError before touching any tensor.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { Prng } from '../../prng.js';
import { reductionClause, type ClauseName } from './clauses.js';
import { ParamSet, type ParamValue } from '../params.js';
import { plannedCase } from './case.js';
import { DEFAULT, request } from './request.js';
import { tensor } from '../tensor.js';
import { mixedInputs, signLabels } from '../values.js';

const GROUP = 'reductions';
const SHAPE = [2, 3];

/** The three documented reductions. */
export const VALID_REDUCTIONS = ['none', 'mean', 'sum'] as const;

/** Reductions Paddle must refuse: a near miss, the empty string, wrong case, None and a number. */
export const INVALID_REDUCTIONS: readonly ParamValue[] = ['reduce_mean', '', 'MEAN', null, 1];

/** One case per dtype and reduction, valid or not. */
export function reductionCases(): PlannedCase[] {
  const reductions: ParamValue[] = [DEFAULT, ...VALID_REDUCTIONS, ...INVALID_REDUCTIONS];
  const rows = ParamSet.of({ dtype: 'float32' as const }, { dtype: 'float64' as const }).combine('reduction', reductions);
  return [...rows].map((p) => {
    // Same values for every reduction of a dtype, so only the reduction varies.
    const rng = new Prng(`${GROUP}/${p.dtype}`);
    const input = tensor(p.dtype, SHAPE, mixedInputs(rng, 6, p.dtype));
    const label = tensor(p.dtype, SHAPE, signLabels(rng, 6));
    const valid = p.reduction === DEFAULT || (VALID_REDUCTIONS as readonly ParamValue[]).includes(p.reduction);
    const clauses: ClauseName[] = p.reduction === DEFAULT ? ['formula', 'reductionDefault', 'marginDefault', 'mean'] : ['formula', reductionClause(String(p.reduction))];
    return plannedCase({
      group: GROUP,
      params: p,
      request: request({ input, label, reduction: p.reduction }),
      description:
        p.reduction === DEFAULT
          ? `${p.dtype} call with no keyword arguments: Paddle's defaults margin=1.0, reduction='mean'`
          : valid
            ? `${p.dtype} with reduction='${p.reduction}'`
            : `invalid reduction ${JSON.stringify(p.reduction)} must raise Paddle's ValueError`,
      ...(valid ? { clauses } : { rules: ['hinge-reduction-checked-first'] }),
      tags: valid ? [] : ['error'],
    });
  });
}
