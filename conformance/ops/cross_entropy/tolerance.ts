/**
 * How far from Paddle's value a correct cross_entropy result may lie, and why; the log-softmax bound is
 * exported for every loss over a softmax (logSoftmaxBound, softmaxGradBound).
 *
 * A port computes, per column of C classes, z_j = x_j − max x (one rounding, u|z_j|), e_j = exp(z_j) (ε_e =
 * ELEMENTARY_ULPS ulps), S = Σ e_j (any order: (C − 1)u relative, all terms positive), then log p_y =
 * z_y − log S or log(e_y / S) (a division or a reciprocal and a product, 2u; ε_l for the log). To first order
 * the relative error of p_y, or of e_y / S, is δ_p = ε_e + (C + 1)u, and the log turns it into an absolute
 * error δ_p plus ε_l + u of |log p_y| (the log's own and the final rounding, relative). The shift's rounding,
 * u|z_j|, moves log p_y by at most u|z_y| + u·max|z_j|·p_j ≤ 2u|log p_y| + u·64 (z is clipped at −64 by
 * Paddle, and a class below it weighs less than e^−64). Two ports each within that lie within twice it:
 *
 *     |Δ L| ≤ 2·(δ_p + 64u)·M + 2(ε_l + 3u)·|L|,    M = Σ_j |y_j| · |w| (1 for a hard label, unweighted)
 *
 * The gradient g·(p_j − y_j): p_j carries δ_p relative, the subtraction and the product u each, and
 * p_j ≤ |G_j / g| + |y_j|, so |Δ G_j| ≤ 2δ_p·|g|·|y_j| + 2(δ_p + u)·|G_j|. Without the softmax the loss is
 * −log p_y (ε_l relative, doubled) and the gradient −g / p_y (one division, doubled). A weighted or reduced
 * result scales M and g: |w| ≤ max|w|, and 'mean' divides by N or by the kept labels' Σw (the summation bound over that divisor, tolerance.ts). Every bound carries FIRST_ORDER_SLACK;
 * a non-finite value must match exactly.
 */
import type { RequestJson } from '../../case.js';
import { argsOf, type OpSignature } from '../../op.js';
import { logSoftmaxBound, softmaxGradBound } from '../../softmax_bounds.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, gamma, type Allowance, type MeanDivisor, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';

export { logSoftmaxBound, softmaxGradBound } from '../../softmax_bounds.js';

// ---------------------------------------------------------------- one implementation against the exact value

/**
 * How the C exponentials are summed: `any` order (each term through at most C − 1 additions), or Paddle's
 * float32 AVX row (softmax-avx-rows: 8 lanes of ⌊C/8⌋ terms each from 0, a fold of 3 levels, then the C mod 8
 * tail one by one: each term through at most ⌊C/8⌋ + 9 additions).
 */
export type SumOrder = 'any' | 'paddle';

/** The most additions one term of a C-term sum goes through, in an order. */
export function sumDepth(classes: number, order: SumOrder): number {
  return order === 'any' ? Math.max(classes - 1, 0) : Math.floor(classes / 8) + 9;
}

/**
 * The error bound of one implementation's L̂ = −log softmax(x)_y over C classes against the exact L (Paddle's
 * clip of the shift at −64 included in "exact"), unit roundoff u, rigorous (no first-order truncation, which
 * FIRST_ORDER_SLACK would not cover at C ≈ 10^5, where γ_C ≈ 10^−2):
 *
 *   m = max x exact; z_j = fl(x_j − m): |ẑ_j − z_j| ≤ u|z_j|, so exp(ẑ_j) = exp(z_j)·e^{±u|z_j|}; the clip is exact.
 *   ê_j = exp(ẑ_j)(1 ± ε_e), ε_e = 2·ELEMENTARY_ULPS·u (n ulps of a value are at most 2n·u of it).
 *   Ŝ = Σ ê_j (1 + θ_j), |θ_j| ≤ γ_k (Higham), k = sumDepth(C, order); every term is positive.
 *   Paddle: p̂_y = fl(ê_y · fl(1/Ŝ)) (two roundings), L̂ = −fl(log p̂_y) (ε_l = ε_e);
 *   PyTorch's log_softmax: L̂ = −fl(ẑ_y − fl(log Ŝ)) (one more rounding of L's size).
 *   With p_j = e^{z_j}/S: log p̂_y − log p_y = [±u|z_y| + ln(1 ± ε_e) + 2 ln(1 ± u)] − ln Σ_j p_j e^{±u|z_j|}(1 ± ε_e)(1 + θ_j).
 *   Σ_j p_j|z_j| = H(p) − ln S ≤ min(64, ln C) (entropy; S ≥ 1 and the clip), and e^{u|z|} ≤ 1 + u|z|(1 + 64u),
 *   |z_y| = L − ln S ≤ L. So |log p̂_y − log p_y| ≤ D with
 *
 *     D = u(1 + 64u)(L + min(64, ln C)) − 2 ln(1 − ε_e) − 2 ln(1 − u) − ln(1 − γ_k),
 *
 *   and the final log (ε_l relative) and, for the log_softmax form, the subtraction (u) add (ε_l + u)(L + D):
 *
 *     |L̂ − L| ≤ D + (ε_e + u)(L + D).
 *
 * At C = 151,936 in float32 the ln(1 − γ_k) term dominates: γ_{C−1} ≈ 9.1·10^−3 for any order, 1.1·10^−3 in
 * Paddle's lanes; everything else is of order 10^−6·(1 + L).
 */
export function logSoftmaxErrorBound(loss: number, classes: number, u: number, order: SumOrder = 'any'): number {
  const eps = 2 * ELEMENTARY_ULPS * u;
  const d = u * (1 + 64 * u) * (Math.abs(loss) + Math.min(64, Math.log(Math.max(classes, 1)))) - 2 * Math.log1p(-eps) - 2 * Math.log1p(-u) - Math.log1p(-gamma(sumDepth(classes, order), u));
  return d + (eps + u) * (Math.abs(loss) + d);
}

/**
 * The error bound of one implementation's G_j = g·(softmax(x)_j − [j = y]) against the exact value, for the exact
 * p_j and G_j. p̂_j = p_j(1 + ρ_j): Paddle's e_j · fl(1/S) has |ln(1 + ρ_j)| ≤ D_j (D above with |z_j| for L,
 * and |z_j| = −ln p_j − ln S ≤ −ln p_j); PyTorch's exp(log_softmax_j) adds its log_softmax's (ε_e + u)(−ln p_j + D_j)
 * and exp's ε_e: so |ρ_j| ≤ R_j = e^{D_j + (ε_e + u)(−ln p_j + D_j)}(1 + ε_e) − 1 covers both. Then fl(fl(p̂_j g) − g):
 *
 *     |Ĝ_j − G_j| ≤ A_j + u(|G_j| + A_j),   A_j = (R_j + u)(1 + u)·p_j·|g|.
 */
export function softmaxGradErrorBound(p: number, grad: number, g: number, classes: number, u: number, order: SumOrder = 'any'): number {
  const eps = 2 * ELEMENTARY_ULPS * u;
  const nlp = p > 0 ? -Math.log(p) : 64 + Math.log(Math.max(classes, 1));
  const d = u * (1 + 64 * u) * (nlp + Math.min(64, Math.log(Math.max(classes, 1)))) - 2 * Math.log1p(-eps) - 2 * Math.log1p(-u) - Math.log1p(-gamma(sumDepth(classes, order), u));
  const r = Math.exp(d + (eps + u) * (nlp + d)) * (1 + eps) - 1;
  const a = (r + u) * (1 + u) * p * Math.abs(g);
  return a + u * (Math.abs(grad) + a);
}

/** The tolerance policies of cross_entropy over its signature. */
export function crossEntropyTolerance(signature: OpSignature, divisor: MeanDivisor): TolerancePolicies {
  return {
    output: { kind: 'derived', derivation: 'cross_entropy: log-softmax over C classes, 2(ε_e + (C + 1)u + 64u)·M + 2(ε_l + 3u)|L|', allowance: (r, f, u) => (f === 'output' ? allowance(signature, r, u, false) : undefined) },
    reduced: { kind: 'summation', divisor },
    grad: { kind: 'derived', derivation: 'cross_entropy gradient: g(p − y), 2(ε_e + (C + 1)u)|g||y| + 2(ε_e + (C + 2)u)|G|', allowance: (r, f, u) => (f === 'grad.input' ? allowance(signature, r, u, true) : undefined) },
  };
}

/** The largest |v| of a tensor of the request, or `fallback` when it is absent. */
function maxAbs(request: RequestJson, name: string, fallback: number): number {
  const t = name === 'grad_output' ? request.grad_output : request.inputs[name];
  if (t === undefined) return fallback;
  return valuesOf(decodeTensor(t)).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

function allowance(signature: OpSignature, request: RequestJson, u: number, grad: boolean): Allowance | undefined {
  try {
    const args = argsOf(signature, request);
    const input = decodeTensor(request.inputs.input);
    const axisArg = args.axis;
    const axis = typeof axisArg === 'object' && axisArg !== null && 'int' in axisArg ? axisArg.int : -1;
    const classes = input.shape.at(axis) ?? 1;
    const label = decodeTensor(request.inputs.label);
    const soft = args.soft_label === true || (typeof args.label_smoothing === 'number' && args.label_smoothing > 0);
    const mass = (soft ? Math.max(1, maxAbs(request, 'label', 1) * classes) : 1) * Math.max(1, maxAbs(request, 'weight', 1));
    if (args.use_softmax === false) {
      const b = 2 * (ELEMENTARY_ULPS + 1) * u * FIRST_ORDER_SLACK;
      return { absolute: 0, relative: b, inputs: 'without the softmax: −log p (or −g/p), ε_l + u per port' };
    }
    const scale = mass * maxAbs(request, 'grad_output', 1);
    const b = grad ? softmaxGradBound(classes, u, scale) : logSoftmaxBound(classes, u, mass);
    return { ...b, inputs: `C = ${classes}, M = ${mass}${grad ? `, |g| ≤ ${scale}` : ''} (label ${label.dtype})` };
  } catch {
    return undefined;
  }
}
