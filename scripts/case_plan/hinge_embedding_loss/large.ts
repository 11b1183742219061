/**
 * Group `large`: 100000 float32 elements whose magnitudes span 2^-24 to 2^24,
 * with both signs, reduced by mean and by sum. Float32 accumulation then
 * depends on the summation order, so these cases test the suite's rounding
 * bound rather than one particular order. Both share one draw of values, and
 * they ask for no gradient, to keep the goldens small.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { Prng } from '../../prng.js';
import { plannedCase } from './case.js';
import { request } from './request.js';
import { tensor } from '../tensor.js';

const GROUP = 'large';

/** The element count of the large cases. */
export const LARGE_N = 100_000;

/** mean and sum over the same large float32 tensor. */
export function largeCases(): PlannedCase[] {
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
