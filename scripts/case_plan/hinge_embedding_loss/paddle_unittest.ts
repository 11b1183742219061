/**
 * Group `paddle_unittest`: the scenario of Paddle's own unit test
 * (test/legacy_test/test_hinge_embedding_loss.py): float64 input of shape
 * (10, 10, 5) drawn uniformly from [0, 1), labels 2 * randint(0, 2) - 1,
 * every reduction in both forms; the zero-size shape (0, 10, 5) with
 * backward; and its ValueError check with reduction 'reduce_mean'.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { Prng } from '../../prng.js';
import { reductionClause } from './clauses.js';
import { formatShape } from '../params.js';
import { plannedCase, type CaseSpec } from './case.js';
import { request, type Form } from './request.js';
import { tensor } from '../tensor.js';

const GROUP = 'paddle_unittest';
const SHAPE = [10, 10, 5];
const EMPTY = [0, 10, 5];
const FORMS: Form[] = ['functional', 'layer'];
const REDUCTIONS = ['none', 'mean', 'sum'] as const;

/** The unit test's cases. */
export function paddleUnittestCases(): PlannedCase[] {
  // One draw shared by every case, as the unit test builds its arrays once in setUp.
  const rng = new Prng(`${GROUP}/setUp`);
  const n = SHAPE.reduce((a, b) => a * b, 1);
  const input = tensor('float64', SHAPE, Array.from({ length: n }, () => rng.nextFloat64()));
  const label = tensor('float64', SHAPE, Array.from({ length: n }, () => 2 * rng.int(0, 1) - 1));
  const emptyInput = tensor('float64', EMPTY, []);
  const emptyLabel = tensor('float64', EMPTY, []);
  const cases: PlannedCase[] = [];
  for (const form of FORMS) {
    for (const reduction of REDUCTIONS) {
      cases.push(plannedCase({
        group: GROUP,
        params: { form, shape: formatShape(SHAPE), reduction },
        request: request({ input, label, form, reduction }),
        description: `Paddle's unit test: float64 (10, 10, 5) uniform [0, 1) input, labels ±1, ${form} form, reduction='${reduction}'`,
        clauses: [form, 'formula', 'shapes', reductionClause(reduction)],
      }));
    }
    cases.push(plannedCase({
      group: GROUP,
      params: { form, shape: formatShape(SHAPE), reduction: 'reduce_mean' },
      request: request({ input, label, form, reduction: 'reduce_mean' }),
      description: `Paddle's unit test: reduction='reduce_mean' raises ValueError in the ${form} form`,
      rules: ['hinge-reduction-checked-first'],
      tags: ['error'],
    }));
  }
  for (const reduction of REDUCTIONS) {
    cases.push(plannedCase({
      group: GROUP,
      params: { form: 'functional', shape: formatShape(EMPTY), reduction, grad: 'input' },
      request: request({ input: emptyInput, label: emptyLabel, reduction, grad: true }),
      description: `Paddle's zero-size test: float64 (0, 10, 5) input, reduction='${reduction}', then backward`,
      ...emptyJustification(reduction),
    }));
  }
  return cases;
}

function emptyJustification(reduction: (typeof REDUCTIONS)[number]): Pick<CaseSpec, 'clauses' | 'rules'> {
  if (reduction === 'mean') return { rules: ['mean-of-empty-is-nan', 'mean-grad-divides-by-count'] };
  if (reduction === 'sum') return { rules: ['sum-of-empty-is-zero'] };
  return { clauses: ['formula', 'shapes', 'none', 'outputShape'] };
}
