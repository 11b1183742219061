/**
 * margin_ranking_loss's test values: input and other drawn apart from each
 * other and from the relu's kink, so a spec case never rests on what the
 * page leaves open (the gradient at the kink, the sign of a zero).
 */
import type { WireDType } from '../../../conformance/wire.js';
import type { Prng } from '../../prng.js';
import { mixedInputs } from '../values.js';

/** Offsets of other from input: none is 0 or ±(a margin the plan uses), so -label*(input - other) + margin is never 0. */
const OFFSETS = [-3.25, -1.75, -1.25, -0.75, 0.75, 1.25, 1.75, 3.25];

/** n pairs (input, other) in the dtype, every other one at full precision so the subtraction rounds. */
export function pairs(rng: Prng, n: number, dtype: WireDType): { input: number[]; other: number[] } {
  const input = mixedInputs(rng, n, dtype);
  const round = dtype === 'float32' ? Math.fround : (x: number) => x;
  const other = input.map((x) => round(x + rng.pick(OFFSETS)));
  return { input, other };
}
