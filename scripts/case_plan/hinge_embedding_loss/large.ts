/**
 * Group `large`: 100000 float32 elements whose magnitudes span 2^-24 to 2^24,
 * with both signs, reduced by mean and by sum. Float32 accumulation then
 * depends on the summation order, so these cases test the suite's rounding
 * bound rather than one particular order. Both share one draw of values, and
 * they ask for no gradient, to keep the goldens small. A third case of 1500
 * elements asks for reduction 'none' and the gradient, each element exact.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { Prng } from '../../prng.js';
import { plannedCase } from './case.js';
import { request } from './request.js';
import { tensor } from '../tensor.js';
import { mixedInputs, signLabels } from '../values.js';

const GROUP = 'large';

/** The element count of the large cases. */
export const LARGE_N = 100_000;

/**
 * mean and sum over the same large float32 tensor; then 1500 elements (1500 =
 * 5·256 + 220) with reduction 'none' and input's gradient, where every
 * element is exact, so a port that loses the last elements of a block shows,
 * as no sum's bound could show it.
 */
export function largeCases(): PlannedCase[] {
  return [...largeReducedCases(), largeNoneCase()];
}

/** The element count of the large case with reduction 'none'. */
const NONE_N = 1500;

/** 1500 float32 inputs in [-2, 3), apart from the margin 1 (relu's kink), labels ±1: the page's formula, element by element. */
function largeNoneCase(): PlannedCase {
  const rng = new Prng(`${GROUP}/n=${NONE_N},none`);
  const x = mixedInputs(rng, NONE_N, 'float32').map((v) => (v === 1 ? 1.25 : v));
  const y = signLabels(rng, NONE_N);
  return plannedCase({
    group: GROUP,
    params: { n: NONE_N, dtype: 'float32', reduction: 'none' },
    request: request({ input: tensor('float32', [NONE_N], x), label: tensor('float32', [NONE_N], y), reduction: 'none', grad: true }),
    description: `${NONE_N} float32 losses, labels ±1, reduction 'none', with input's gradient: every element on its own`,
    clauses: ['formula', 'none'],
    tags: ['large'],
  });
}

function largeReducedCases(): PlannedCase[] {
  const rng = new Prng(`${GROUP}/n=${LARGE_N}`);
  const x = new Float32Array(LARGE_N);
  const y = new Float32Array(LARGE_N);
  for (let i = 0; i < LARGE_N; i++) {
    x[i] = rng.sign() * (1 + rng.next()) * 2 ** rng.int(-24, 24);
    y[i] = rng.sign();
  }
  const input = tensor('float32', [LARGE_N], x);
  const label = tensor('float32', [LARGE_N], y);
  return (['mean', 'sum'] as const).map((reduction) =>
    plannedCase({
      group: GROUP,
      params: { n: LARGE_N, dtype: 'float32', reduction },
      request: request({ input, label, reduction }),
      description: `${reduction} of ${LARGE_N} float32 losses spread over 2^-24..2^24 with both signs, where the summation order changes the rounding`,
      clauses: ['formula', reduction],
      tags: ['large', 'f32-rounding'],
    }),
  );
}
