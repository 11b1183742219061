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
 * - `derived`: an element-wise allowance |Δ_i| ≤ A_i + r·|expected_i| that
 *   the op computes from the request itself (OpDescriptor.tolerance), for
 *   results whose error depends on the data: the length D of an inner
 *   product, the norm of a row, whether 1 + exp(z) can round at all. The op
 *   writes its derivation beside that function (ops/<op>/tolerance.ts),
 *   composed from the building blocks here: `gamma` for sums and dot
 *   products (Higham), UNIT_ROUNDOFF for one rounding, and the ulp error
 *   each transcendental step is allowed (ELEMENTARY_ULPS).
 *
 * A reduced result of an op whose element-wise output has an absolute-relative
 * or derived bound gets the summation bound plus the sum of its elements'
 * allowances: Σ_i (A_i + r·|l_i|) = ΣA + r·S, divided by n for mean.
 *
 * Underflow. Every relative error above holds in the normal range only.
 * With gradual underflow a rounding is fl(x ∘ y) = (x ∘ y)(1 + δ) + η with
 * |δ| ≤ u, |η| ≤ τ/2 and δη = 0, τ the dtype's subnormal spacing (its
 * smallest positive value: 2^-149 in float32, 2^-1074 in float64), and an
 * addition or subtraction whose result is subnormal is exact, η = 0 (Higham,
 * §2.1, the model with underflow). A relative bound allows nothing of η: at a
 * subnormal result r·|expected| is below τ (a float32 gradient of 5e-40 with
 * r = 26u is allowed 8e-46, half a step), so two correct ports one step apart
 * fail. So every bound carries an absolute floor: per port τ/2 for each
 * rounding that can land in the subnormal range, times the magnitude of what
 * multiplies its result on the way to the output; for two ports, τ per such
 * rounding (SUBNORMAL_SPACING, subnormalFloor). Per policy:
 *
 * - `exact`: nothing to add; every port rounds the same value once.
 * - `summation`: a sum's additions are exact where they underflow, so only
 *   mean's division (one rounding per port, of the sum by n) adds τ.
 * - `ulp`: ulps count subnormal steps, so k ulps already allow k·τ there.
 * - `absolute-relative`: the result's own final rounding, τ.
 * - `derived`: the op counts its roundings (ops/<op>/tolerance.ts).
 *
 * In every policy, equal values (in the mode's sense) pass, and a NaN or an
 * infinity must be matched exactly.
 */
import type { RequestJson } from './case.js';
import type { WireDType } from './wire.js';

/** A comparison policy for one kind of result of an op. */
export type TolerancePolicy =
  | { kind: 'exact' }
  | { kind: 'summation'; divisor?: MeanDivisor }
  | { kind: 'ulp'; ulps: Partial<Record<WireDType, number>>; derivation: string }
  | { kind: 'absolute-relative'; absolute: number; relative: number; derivation: string }
  | { kind: 'derived'; derivation: string; allowance: DerivedAllowance };

/**
 * For a 'mean' that divides the sum by something other than the element count (cross_entropy's total weight
 * of the kept labels): that divisor D as the op divides by it, the k terms it sums and their Σ|w|, from
 * which the bound takes its relative error in either port, 2γ_k·Σ|w| / |D|. Undefined: the mean over the elements.
 */
export type MeanDivisor = (request: RequestJson) => { value: number; terms: number; absolute: number } | undefined;

/**
 * What a derived bound allows one tensor of a request: |Δ_i| ≤ absolute_i +
 * relative·|expected_i|, in the tensor's own units (already multiplied by u).
 */
export interface Allowance {
  /** A_i per element (row-major, of the unreduced output or of the gradient), or one A for every element. */
  readonly absolute: number | Float64Array;
  /** r, multiplying |expected_i|. */
  readonly relative: number;
  /** The data the allowance was computed from, for the reader (e.g. "D = 64"). */
  readonly inputs: string;
}

/**
 * An op's derived allowance for `field` ('output', meaning the unreduced
 * loss whatever the reduction, or 'grad.<name>') of a request, with u the
 * dtype's unit roundoff and τ its subnormal spacing (for the floor);
 * undefined when the request's tensors do not decode (the comparison is then
 * exact).
 */
export type DerivedAllowance = (request: RequestJson, field: string, u: number, tiny: number) => Allowance | undefined;

/**
 * How far each transcendental step of a correct port may be from the exact
 * value, in ulps of its result, as the derivations assume: 2 ulps, which
 * glibc's exp, log and sqrt (≤ 1), Eigen's vectorized exp (measured ≤ 1 ulp
 * from glibc's over 10^6 inputs) meet, and one relative error of 2 ulps is
 * at most 4u.
 */
export const ELEMENTARY_ULPS = 2;

/**
 * The factor every derived bound is multiplied by for the terms its
 * first-order derivation drops: products of two relative errors. While each
 * relative error is below 2^-10 (γ_D in float32 up to D ≈ 16,000), such a
 * product is below 2^-10 of the first-order term it multiplies.
 */
export const FIRST_ORDER_SLACK = 1 + 2 ** -10;

/**
 * The relative error of Paddle's float32 CPU sqrt (Eigen's psqrt, x·rsqrt(x)
 * with one Newton step): measured 1 to 4 ulps off the correctly rounded root
 * on 38% of random inputs, so 4 ulps, at most 8u relative.
 */
export const FAST_SQRT_ULPS = 4;

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
  /** For `absolute-relative`: the allowance a·u (one for all elements, or one per element) and r·u, so the bound of element i is absolute_i + relative·|expected_i|. */
  absolute?: number | Float64Array;
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

/**
 * τ, the spacing of each floating dtype's subnormal range: its smallest
 * positive value, 2^(emin − p + 1). A rounding whose result lies below the
 * smallest normal is off by up to τ/2 whatever the result's size.
 */
export const SUBNORMAL_SPACING: Partial<Record<WireDType, number>> = {
  float64: 2 ** -1074,
  float32: 2 ** -149,
  float16: 2 ** -24,
  bfloat16: 2 ** -133,
};

/** The smallest positive normal of each floating dtype: below it, a rounding's error is τ/2 absolute, not u relative. */
export const SMALLEST_NORMAL: Partial<Record<WireDType, number>> = {
  float64: 2 ** -1022,
  float32: 2 ** -126,
  float16: 2 ** -14,
  bfloat16: 2 ** -126,
};

/**
 * The floor for two ports of `roundings` roundings each that can land in the
 * subnormal range, each result multiplied afterwards by at most `scale`:
 * 2 · roundings · scale · τ/2. τ is multiplied first: τ/2 itself is not a
 * float64 (2^-1075 rounds to 0).
 */
export function subnormalFloor(tiny: number, roundings: number, scale = 1): number {
  return tiny * scale * roundings;
}

/** γ_k = k·u/(1 − k·u), Higham's constant; Infinity once k·u ≥ 1 (no bound is possible). */
export function gamma(k: number, u: number): number {
  const ku = k * u;
  return ku >= 1 ? Infinity : ku / (1 - ku);
}

/**
 * The summation bound for a reduced result of n elements with Σ|l_i| = S;
 * with `elements`, the allowances of the unreduced elements are added
 * (ΣA_i + r·S), since each summand may itself lie that far from Paddle's.
 */
export function reductionBound(dtype: WireDType, reduction: 'sum' | 'mean', n: number, s: number, elements?: Allowance, divisor?: ReturnType<MeanDivisor>): Bound {
  const u = UNIT_ROUNDOFF[dtype] ?? 0;
  const tiny = SUBNORMAL_SPACING[dtype] ?? 0;
  const summed = elements ? sumOf(elements.absolute, n) + elements.relative * s : 0;
  const total = 2 * gamma(n + 1, u) * s + summed;
  // Mean's one division can land in the subnormal range (τ/2 per port); a sum's additions are exact there.
  // Over a divisor D of relative error δ: |mean| ≤ (S + ΣA_i)/|D| carries δ more.
  const over = divisor === undefined ? n : Math.abs(divisor.value);
  const relative = divisor === undefined ? 0 : (2 * gamma(divisor.terms, u) * divisor.absolute) / over;
  const value = reduction === 'mean' ? (total + relative * (s + summed)) / over + subnormalFloor(tiny, 1) : total;
  const per = reduction === 'mean' ? (divisor === undefined ? '/n + τ' : `·(1 + δ_D)/|D| + τ, D=${formatNumber(divisor.value)}, δ_D = 2γ_k·W₁/|D| = ${formatNumber(relative)} (k=${divisor.terms}, W₁=${formatNumber(divisor.absolute)})`) : '';
  const formula = elements ? `(2·γ_{n+1}·S + ΣA_i + r·S)${per}` : `2·γ_{n+1}·S${per}`;
  const parts = elements ? `, ΣA_i=${formatNumber(sumOf(elements.absolute, n))}, r=${formatNumber(elements.relative)}; elements: ${elements.inputs}` : '';
  const floor = reduction === 'mean' ? `, τ=2^${Math.log2(tiny)}` : '';
  return {
    kind: 'reduction',
    bitwise: false,
    value,
    description: `|Δ| ≤ ${formula} = ${formatNumber(value)} (${reduction}, n=${n}, S=${formatNumber(s)}, ${dtype} u=2^${Math.log2(u)}${floor}${parts})`,
  };
}

/** ΣA_i over n elements: the per-element allowances added up, or n times the common one. */
function sumOf(absolute: number | Float64Array, n: number): number {
  return typeof absolute === 'number' ? absolute * n : absolute.reduce((a, b) => a + b, 0);
}

/**
 * The allowance of an element-wise policy for a request's field: the stated
 * a·u and r·u of `absolute-relative`, the op's computation for `derived`;
 * undefined for the other policies (and a dtype without a unit roundoff).
 */
export function allowanceOf(policy: TolerancePolicy, dtype: WireDType, request: RequestJson, field: string): Allowance | undefined {
  const u = UNIT_ROUNDOFF[dtype];
  if (u === undefined) return undefined;
  const tiny = SUBNORMAL_SPACING[dtype] ?? 0;
  if (policy.kind === 'absolute-relative') return { absolute: policy.absolute * u + subnormalFloor(tiny, 1), relative: policy.relative * u, inputs: `a=${policy.absolute}, r=${policy.relative}` };
  if (policy.kind === 'derived') return policy.allowance(request, field, u, tiny);
  return undefined;
}

/**
 * The element-wise bound of a policy for a tensor of the dtype: exact for
 * `exact` (and for `summation`, which only bounds reduced results), the
 * op's ulp count for `ulp` (exact for a dtype the op gives no count).
 */
export function elementwiseBound(policy: TolerancePolicy, dtype: WireDType, options: { bitwise: boolean }, at?: { request: RequestJson; field: string }): Bound {
  if (policy.kind === 'absolute-relative') return absoluteRelativeBound(policy, dtype, options);
  if (policy.kind === 'derived') return derivedBound(policy, dtype, options, at);
  const ulps = policy.kind === 'ulp' ? policy.ulps[dtype] : undefined;
  if (policy.kind !== 'ulp' || ulps === undefined) return exactBound(options);
  const mode = options.bitwise ? '; equal values must match bitwise' : '';
  return { kind: 'ulp', bitwise: options.bitwise, value: 0, ulps, description: `≤ ${ulps} ulp (${policy.derivation})${mode}` };
}

/** The `absolute-relative` bound in the dtype: a·u + r·u·|expected| (exact for a dtype without a unit roundoff). */
function absoluteRelativeBound(policy: Extract<TolerancePolicy, { kind: 'absolute-relative' }>, dtype: WireDType, options: { bitwise: boolean }): Bound {
  const u = UNIT_ROUNDOFF[dtype];
  if (u === undefined) return exactBound(options);
  const tiny = SUBNORMAL_SPACING[dtype] ?? 0;
  const mode = options.bitwise ? '; equal values must match bitwise' : '';
  return {
    kind: 'absolute-relative',
    bitwise: options.bitwise,
    value: 0,
    // The final rounding can land in the subnormal range in either port: τ (see the header).
    absolute: policy.absolute * u + subnormalFloor(tiny, 1),
    relative: policy.relative * u,
    description: `|Δ| ≤ ${policy.absolute}·u + ${policy.relative}·u·|expected| + τ (${dtype} u=2^${Math.log2(u)}, τ=2^${Math.log2(tiny)}; ${policy.derivation})${mode}`,
  };
}

/** A `derived` policy's bound for one field of a request (exact when the op cannot compute it). */
function derivedBound(policy: Extract<TolerancePolicy, { kind: 'derived' }>, dtype: WireDType, options: { bitwise: boolean }, at?: { request: RequestJson; field: string }): Bound {
  const u = UNIT_ROUNDOFF[dtype];
  const tiny = SUBNORMAL_SPACING[dtype] ?? 0;
  const allowance = at && u !== undefined ? policy.allowance(at.request, at.field, u, tiny) : undefined;
  if (!allowance) return exactBound(options);
  const mode = options.bitwise ? '; equal values must match bitwise' : '';
  const a = typeof allowance.absolute === 'number' ? `A = ${formatNumber(allowance.absolute)}` : 'A_i per element';
  return {
    kind: 'absolute-relative',
    bitwise: options.bitwise,
    value: 0,
    absolute: allowance.absolute,
    relative: allowance.relative,
    description: `|Δ_i| ≤ A_i + r·|expected_i| (${a}, r = ${formatNumber(allowance.relative)}; ${allowance.inputs}; ${dtype} u=2^${Math.log2(u!)}, τ=2^${Math.log2(tiny)}; ${policy.derivation})${mode}`,
  };
}

/** The allowance of an `absolute-relative` bound at element i with the expected value e. */
export function allowedAt(bound: Bound, i: number, expected: number): number {
  const a = bound.absolute;
  const absolute = a === undefined ? 0 : typeof a === 'number' ? a : (a[i] ?? 0);
  return absolute + (bound.relative ?? 0) * Math.abs(expected);
}

/** Whether |actual − expected| at element i lies within an `absolute-relative` bound (both finite). */
export function withinAbsoluteRelative(bound: Bound, actual: number, expected: number, i = 0): boolean {
  return Math.abs(actual - expected) <= allowedAt(bound, i, expected);
}

/** A number as a reader wants it: shortest round-trip decimal, with -0 shown as -0. */
export function formatNumber(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}
