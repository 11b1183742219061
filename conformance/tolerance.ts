/**
 * The tolerance module: how far from Paddle's value a port's value may lie,
 * for each kind of result an op declares in its descriptor (`tolerance`), and
 * the derivation of each bound. compare.ts applies them; nothing else decides
 * a tolerance.
 *
 * - `exact`: the result is determined exactly by the formula and the dtype's
 *   rounding of each step (hinge_embedding_loss: one rounding of margin − x;
 *   margin_ranking_loss: subtract, multiply, add, each rounded once, and relu).
 *   Value mode: NaN equals NaN and +0 equals −0; `--bitwise`: raw bytes.
 * - `summation`: a reduced (0-D) result whose golden carries
 *   `reduction_basis {count n, abs_sum S}` may differ by a bound that holds
 *   for ANY summation order:
 *
 *       γ_k = k·u / (1 − k·u),  u = unit roundoff of the dtype
 *             (2^-24 float32, 2^-53 float64, 2^-11 float16, 2^-8 bfloat16)
 *       sum:  |actual − expected| ≤ 2·γ_{n+1}·S
 *       mean: |actual − expected| ≤ 2·γ_{n+1}·S / n
 *
 *   Any order of n−1 rounded additions lies within γ_{n−1}·S of the exact sum
 *   (Higham, Accuracy and Stability of Numerical Algorithms, §4.2), so two
 *   such computations lie within 2·γ_{n−1}·S of each other; n+1 leaves room
 *   for the final rounding of mean's division. n = 0 or a non-finite S fall
 *   back to exact comparison.
 * - `ulp`: an element-wise bound in units in the last place of the expected
 *   value, per dtype, for results that go through operations two correct
 *   implementations may round differently (a transcendental function, an
 *   inner product). The op states the count and its derivation, composed
 *   from the error of each step; the derivation is printed with every failure.
 *
 * - `absolute-relative`: |actual − expected| ≤ a·u + r·u·|expected|, with u
 *   the dtype's unit roundoff and a, r stated by the op with their
 *   derivation. For results whose error is absolute in one regime and
 *   relative in another: log(fl(1 + e)) is off by about u wherever 1 + e
 *   rounds, which is many ulps of a loss near 0, and off by a few ulps of the
 *   loss elsewhere. A fixed ulp count cannot say both.
 *
 * In every policy, equal values (in the mode's sense) pass, and a NaN or an
 * infinity must be matched exactly.
 */
import type { WireDType } from './wire.js';

/** A comparison policy for one kind of result of an op. */
export type TolerancePolicy =
  | { kind: 'exact' }
  | { kind: 'summation' }
  | { kind: 'ulp'; ulps: Partial<Record<WireDType, number>>; derivation: string }
  | { kind: 'absolute-relative'; absolute: number; relative: number; derivation: string };

/** An op's policies: its element-wise output, its reduced output, and its gradients. */
export interface TolerancePolicies {
  /** The output of reduction 'none' (and any non-reduced output). */
  readonly output: TolerancePolicy;
  /** A 0-D output of mean or sum whose golden carries reduction_basis. */
  readonly reduced: TolerancePolicy;
  /** Every gradient. */
  readonly grad: TolerancePolicy;
}

/** Element-wise results exact, mean and sum within the summation bound: the ops whose every step is one IEEE rounding. */
export const EXACT_WITH_SUMMATION: TolerancePolicies = { output: { kind: 'exact' }, reduced: { kind: 'summation' }, grad: { kind: 'exact' } };

/** The tolerance that was applied to a tensor. */
export interface Bound {
  /** `exact`, `reduction` (the summation bound), `ulp` (an element-wise bound in ulps) or `absolute-relative`. */
  kind: 'exact' | 'reduction' | 'ulp' | 'absolute-relative';
  /** Whether equal values must also agree in their raw bits (`--bitwise`). */
  bitwise: boolean;
  /** The largest |actual − expected| allowed: 0 for exact and for ulp bounds (which count ulps instead). */
  value: number;
  /** For `ulp`: the largest distance in ulps allowed. */
  ulps?: number;
  /** For `absolute-relative`: the allowance a·u and r·u, so the bound of an element is absolute + relative·|expected|. */
  absolute?: number;
  relative?: number;
  /** The bound as a reader sees it, with its inputs. */
  description: string;
}

/** The bound applied to exact results in the given mode. */
export function exactBound(options: { bitwise: boolean }): Bound {
  return options.bitwise
    ? { kind: 'exact', bitwise: true, value: 0, description: 'bitwise (raw bytes must be equal)' }
    : { kind: 'exact', bitwise: false, value: 0, description: 'exact (NaN == NaN, +0 == -0)' };
}

/** Unit roundoff of each floating dtype: half the distance from 1 to the next value. */
export const UNIT_ROUNDOFF: Partial<Record<WireDType, number>> = {
  float64: 2 ** -53,
  float32: 2 ** -24,
  float16: 2 ** -11,
  bfloat16: 2 ** -8,
};

/** γ_k = k·u/(1 − k·u), Higham's constant; Infinity once k·u ≥ 1 (no bound is possible). */
export function gamma(k: number, u: number): number {
  const ku = k * u;
  return ku >= 1 ? Infinity : ku / (1 - ku);
}

/** The summation bound for a reduced result of n elements with Σ|l_i| = S. */
export function reductionBound(dtype: WireDType, reduction: 'sum' | 'mean', n: number, s: number): Bound {
  const u = UNIT_ROUNDOFF[dtype] ?? 0;
  const total = 2 * gamma(n + 1, u) * s;
  const value = reduction === 'mean' ? total / n : total;
  const formula = reduction === 'mean' ? '2·γ_{n+1}·S/n' : '2·γ_{n+1}·S';
  return {
    kind: 'reduction',
    bitwise: false,
    value,
    description: `|Δ| ≤ ${formula} = ${formatNumber(value)} (${reduction}, n=${n}, S=${formatNumber(s)}, ${dtype} u=2^${Math.log2(u)})`,
  };
}

/**
 * The element-wise bound of a policy for a tensor of the dtype: exact for
 * `exact` (and for `summation`, which only bounds reduced results), the
 * op's ulp count for `ulp` (exact for a dtype the op gives no count).
 */
export function elementwiseBound(policy: TolerancePolicy, dtype: WireDType, options: { bitwise: boolean }): Bound {
  if (policy.kind === 'absolute-relative') return absoluteRelativeBound(policy, dtype, options);
  const ulps = policy.kind === 'ulp' ? policy.ulps[dtype] : undefined;
  if (policy.kind !== 'ulp' || ulps === undefined) return exactBound(options);
  const mode = options.bitwise ? '; equal values must match bitwise' : '';
  return { kind: 'ulp', bitwise: options.bitwise, value: 0, ulps, description: `≤ ${ulps} ulp (${policy.derivation})${mode}` };
}

/** The `absolute-relative` bound in the dtype: a·u + r·u·|expected| (exact for a dtype without a unit roundoff). */
function absoluteRelativeBound(policy: Extract<TolerancePolicy, { kind: 'absolute-relative' }>, dtype: WireDType, options: { bitwise: boolean }): Bound {
  const u = UNIT_ROUNDOFF[dtype];
  if (u === undefined) return exactBound(options);
  const mode = options.bitwise ? '; equal values must match bitwise' : '';
  return {
    kind: 'absolute-relative',
    bitwise: options.bitwise,
    value: 0,
    absolute: policy.absolute * u,
    relative: policy.relative * u,
    description: `|Δ| ≤ ${policy.absolute}·u + ${policy.relative}·u·|expected| (${dtype} u=2^${Math.log2(u)}; ${policy.derivation})${mode}`,
  };
}

/** Whether |actual − expected| lies within an `absolute-relative` bound (both finite). */
export function withinAbsoluteRelative(bound: Bound, actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= (bound.absolute ?? 0) + (bound.relative ?? 0) * Math.abs(expected);
}

/** A number as a reader wants it: shortest round-trip decimal, with -0 shown as -0. */
export function formatNumber(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}
