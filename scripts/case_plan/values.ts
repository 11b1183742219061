/**
 * Test values drawn from the seeded generator, for any op: inputs spread on
 * both sides of 0 and 1 and labels of ±1, each exactly representable in its dtype.
 */
import type { WireDType } from '../../conformance/wire.js';
import type { Prng } from '../prng.js';

/**
 * n inputs in [-2, 3): every other one a multiple of 1/4 (exact in every
 * float dtype, so rounding cannot hide in the input), the rest random with
 * full float32 or float64 precision so arithmetic on them (e.g. `1 - x`) has to round.
 */
export function mixedInputs(rng: Prng, n: number, dtype: WireDType): number[] {
  return Array.from({ length: n }, (_, i) => {
    if (i % 2 === 0 || !(dtype === 'float32' || dtype === 'float64')) return rng.int(-8, 11) / 4;
    const x = rng.uniform(-2, 3);
    return dtype === 'float32' ? Math.fround(x) : x;
  });
}

/** n labels of ±1 with both signs present whenever n >= 2. */
export function signLabels(rng: Prng, n: number): number[] {
  const labels = Array.from({ length: n }, () => rng.sign());
  if (n >= 2) {
    labels[0] = 1;
    labels[1] = -1;
  }
  return labels;
}

/** Integer inputs in [-3, 3] for the integer dtypes. */
export function integerInputs(rng: Prng, n: number): number[] {
  return Array.from({ length: n }, () => rng.int(-3, 3));
}

/** Upstream gradient values: small multiples of 1/4 with both signs, exact in every float dtype. */
export function upstreamValues(rng: Prng, n: number): number[] {
  return Array.from({ length: n }, () => rng.pick([-2, -1.5, -0.75, -0.5, 0.25, 0.5, 1.25, 2, 3]));
}
