/**
 * Group `shapes`: one shape for input and label, from 0-D to 3-D and empty,
 * with every reduction; input's gradient for the 0-D and empty ones.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { Prng } from '../../prng.js';
import { ParamSet } from '../params.js';
import { tensor } from '../tensor.js';
import { mixedInputs, signLabels } from '../values.js';
import { justified, plannedCase, request, type CaseSpec, type Rule } from './case.js';
import { reductionClause } from './clauses.js';

const dims = (s: string): number[] => (s === 'scalar' ? [] : s.split('x').map(Number));
const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** Shapes whose gradient is asked too: where a port's shape or empty handling shows in backward. */
const WITH_GRAD = new Set(['scalar', '0', '2x0']);

/** Every shape and reduction, float32, labels ±1. */
export function shapeCases(): PlannedCase[] {
  const rows = ParamSet.of(...['scalar', '1', '5', '2x3', '2x3x4', '0', '2x0', '3x0x2'].map((shape) => ({ shape })))
    .combine('reduction', ['none', 'mean', 'sum'] as const)
    .combine('grad', [false, true] as const)
    .filter((p) => !p.grad || WITH_GRAD.has(p.shape));
  return [...rows].map((p) => {
    const shape = dims(p.shape);
    const n = size(shape);
    const rng = new Prng(`shapes/${p.shape},${p.reduction}`);
    return plannedCase({
      group: 'shapes',
      params: p,
      request: request({ input: tensor('float32', shape, mixedInputs(rng, n, 'float32')), label: tensor('float32', shape, signLabels(rng, n)), reduction: p.reduction, grad: p.grad }),
      description: `input and label of shape [${shape.join(', ')}], reduction '${p.reduction}'${p.grad ? ", with input's gradient" : ''}`,
      ...justification(n, p.reduction),
    });
  });
}

function justification(n: number, reduction: 'none' | 'mean' | 'sum'): Pick<CaseSpec, 'clauses' | 'rules'> {
  const rules: Rule[] = [];
  if (n === 0 && reduction === 'mean') rules.push('mean-of-empty-is-nan');
  if (n === 0 && reduction === 'sum') rules.push('sum-of-empty-is-zero');
  return justified(['formula', 'input', 'label', reductionClause(reduction), 'outputShape'], rules);
}
