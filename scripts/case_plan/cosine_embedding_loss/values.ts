/**
 * cosine_embedding_loss's test values, and the rules a case's numbers rest on.
 *
 * Exact rows hold ±m·2⁵ with m in 16..31: every product and every row sum is
 * a multiple of 2¹⁰ below 2²⁶, so no sum rounds in float32 or float64 (the
 * order of the row sums cannot matter), and every squared norm is at least
 * 2¹⁸, whose half-ulp in float64 (2⁻³⁵ ≈ 2.9e-11) exceeds the epsilon 1e-11,
 * so `+ 10e-12` leaves it unchanged: only sqrt, the division and `1 - cos`
 * round, which the page's formula fixes. Random rows (full-precision values
 * in [-2, 3)) make the row sums round and the epsilon count, so their cases
 * cite the rules that decide those roundings.
 */
import type { WireDType } from '../../../conformance/wire.js';
import type { Prng } from '../../prng.js';
import { mixedInputs } from '../values.js';
import type { Rule } from './case.js';

/** One exact element: ±m·32, m in 16..31 (exact in float16 too). */
function exactElement(rng: Prng, sign: number = rng.sign()): number {
  return sign * rng.int(16, 31) * 32;
}

/** How input2's row relates to input1's: independent, or with input1's signs (cos > 0.8) or their opposite (cos < -0.8). */
export type Pairing = 'independent' | 'aligned' | 'opposed';

/** Two exact [rows, d] operands, row-major; each row of input2 paired with input1's as `pairing(row)` says. */
export function exactPairs(rng: Prng, rows: number, d: number, pairing: (row: number) => Pairing): { input1: number[]; input2: number[] } {
  const input1: number[] = [];
  const input2: number[] = [];
  for (let r = 0; r < rows; r++) {
    const p = pairing(r);
    for (let j = 0; j < d; j++) {
      const a = exactElement(rng);
      input1.push(a);
      // Same-signed entries of ratio in [16/31, 31/16] keep cos >= 2·16·31/(16² + 31²) > 0.81.
      input2.push(p === 'independent' ? exactElement(rng) : exactElement(rng, (p === 'aligned' ? 1 : -1) * Math.sign(a)));
    }
  }
  return { input1, input2 };
}

/**
 * Exact operands for rows labelled ±1 where every label -1 row is aligned
 * (cos > 0.81, so cos - margin > 0 for margins up to 0.81: the page's
 * `max(0, cos) - margin` and the clipped `cos - margin` agree, and the
 * gradient is never in the clipped region) and every label 1 row independent.
 */
export function activePairs(rng: Prng, labels: readonly number[], d: number): { input1: number[]; input2: number[] } {
  return exactPairs(rng, labels.length, d, (r) => (labels[r] === -1 ? 'aligned' : 'independent'));
}

/** n full-precision values in [-2, 3) for the dtype (every other one a multiple of 1/4). */
export function randomValues(rng: Prng, n: number, dtype: WireDType): number[] {
  return mixedInputs(rng, n, dtype);
}

/** What decides a case's numbers: its dtype, its values' kind, its inputs' rank, row length and row count. */
export interface Numerics {
  dtype: string;
  values: 'exact' | 'random';
  rank: number;
  d: number;
  rows: number;
}

/**
 * The rules a case's values rest on beyond the page's formula: the order of
 * rounded row sums (random values, rows of 3 or more), the epsilon (random
 * values), and float32 sqrt over 8-lane packets (8 or more float32 rows).
 */
export function numericsRules(n: Numerics): Rule[] {
  const rules: Rule[] = [];
  if (n.values === 'random' && n.d >= 3) rules.push(n.rank === 2 ? 'sum-along-last-axis-left-to-right' : 'sum-full-in-eigen-order');
  if (n.values === 'random') rules.push('cosine-eps-added-to-each-squared-norm');
  if (n.dtype === 'float32' && n.rank === 2 && n.rows >= 8) rules.push('sqrt-float32-fast-in-packets');
  return rules;
}
