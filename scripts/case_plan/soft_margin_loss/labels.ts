/**
 * Group `labels`: labels other than ±1, which the page rules out ("values
 * should be numbers -1 or 1") and Paddle scales by anyway: 0 (whose -label
 * is +0, visible in the gradient), 2, -3, 0.5 and 1e-3, in both dtypes.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { Prng } from '../../prng.js';
import { ParamSet } from '../params.js';
import { tensor } from '../tensor.js';
import { mixedInputs } from '../values.js';
import { plannedCase, request, type Rule } from './case.js';

/** Every label value in both dtypes, with and without input's gradient. */
export function labelCases(): PlannedCase[] {
  const rows = ParamSet.of(...[0, 2, -3, 0.5, 0.001].map((label) => ({ label })))
    .combine('dtype', ['float32', 'float64'] as const)
    .combine('reduction', ['none', 'sum'] as const)
    .combine('grad', [false, true] as const);
  return [...rows].map((p) => {
    const rng = new Prng(`labels/${p.label},${p.dtype},${p.reduction}`);
    const value = p.dtype === 'float32' ? Math.fround(p.label) : p.label;
    const rules: Rule[] = ['soft-margin-label-cast-to-input-dtype'];
    if (p.grad && p.label === 0) rules.push('scale-adds-zero-bias');
    return plannedCase({
      group: 'labels',
      params: p,
      request: request({ input: tensor(p.dtype, [3], mixedInputs(rng, 3, p.dtype)), label: tensor(p.dtype, [3], [value, value, value]), reduction: p.reduction, grad: p.grad }),
      description: `${p.dtype} label ${p.label} everywhere (it scales -input whatever its value), reduction '${p.reduction}'${p.grad ? ", with input's gradient" : ''}`,
      rules,
      ...(p.label === 0 ? { tags: ['zero-label'] } : {}),
    });
  });
}
