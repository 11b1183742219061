/**
 * How far from Paddle's value a correct sigmoid_focal_loss result may lie, and why. Paddle computes, per element,
 * L = α_t · CE · d^γ with CE the stable cross entropy (max(x, 0) − x·y + log(1 + e^(−|x|))), s = σ(x),
 * p_t = s·y + (1 − s)(1 − y), d = 1 − p_t, α_t = α·y + (1 − α)(1 − y), then divides by the normalizer. A correct port
 * may use another exp, log and pow (ε = ELEMENTARY_ULPS ulps each, ε = 4u), log1p, and any grouping. To first order:
 *
 *     CE:  A_ce = (ε + 4u)(T + m + 1) + 4u(|x| + 2|x·y|)            (binary_cross_entropy_with_logits' bound)
 *     s:   (ε + 3u)|s|;   p_t and d: e_d = |y|·e_s + |1 − y|·(e_s + u) + 5u(|s·y| + |(1 − s)(1 − y)| + 1)
 *     α_t: e_α = 6u(|α·y| + |(1 − α)(1 − y)| + |1 − α| + |1 − y|)
 *     d^γ: ΔF = |(|d| + e_d)^γ − max(|d| − e_d, 0)^γ| + ε|d^γ|     (the interval of d, then pow's own error)
 *
 *     A_i = 2(|d^γ|·(|α_t|·A_ce + e_α·|CE|) + |α_t·CE|·ΔF) / |normalizer|,   r = 2(ε + 2u)
 *
 * The gradients are sums of the products of the same factors and their derivatives, times the upstream (over N for
 * 'mean'): logit's α_t·(CE'·d^γ + CE·γ·d^(γ−1)·s(1 − s)(2y − 1)), label's (2α − 1)·CE·d^γ + α_t·CE·γ·d^(γ−1)·(1 − 2s) + α_t·d^γ·(−x);
 * each term's magnitude times (ε + 8u), plus ΔF and ΔG (the same interval for d^(γ−1)) times their cofactors, twice.
 * Every bound carries FIRST_ORDER_SLACK; where a bound is not finite (d = 0 with γ < 1) the values must match.
 */
import type { RequestJson } from '../../case.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';

/** The tolerance policies of sigmoid_focal_loss: derived per element for the loss and both gradients. */
export const SIGMOID_FOCAL_TOLERANCE: TolerancePolicies = {
  output: { kind: 'derived', derivation: 'sigmoid_focal_loss: 2(|d^γ|(|α_t|A_ce + e_α|CE|) + |α_t CE|ΔF)/|n| + 2(ε + 2u)|L|; ε = 4u per exp, log and pow', allowance: (r, f, u) => (f === 'output' ? allowance(r, u, f) : undefined) },
  reduced: { kind: 'summation' },
  grad: { kind: 'derived', derivation: 'sigmoid_focal_loss gradients: 2|g|((ε + 8u)Σ|terms| + ΔF, ΔG cofactors) + 2(ε + 2u)|expected|', allowance: (r, f, u) => (f === 'grad.logit' || f === 'grad.label' ? allowance(r, u, f) : undefined) },
};

/** Python's float of a keyword as the wire carries it. */
function num(v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v === 'boolean') return Number(v);
  if (v !== null && typeof v === 'object' && 'int' in v) return Number((v as { int: unknown }).int);
  if (typeof v === 'string') return v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : NaN;
  return Number(v);
}

/** The interval bound of |a^g − b^g| for a in [max(|d| − e, 0), |d| + e]. */
function powSpread(d: number, e: number, g: number, eps: number): number {
  const hi = (Math.abs(d) + e) ** g;
  const lo = Math.max(Math.abs(d) - e, 0) ** g;
  return Math.abs(hi - lo) + eps * Math.abs(d) ** g;
}

/** The allowance of every element of the unreduced loss or of a gradient. */
function allowance(request: RequestJson, u: number, field: string): Allowance | undefined {
  const read = (name: string): number[] | undefined => {
    const t = request.inputs[name];
    if (!t) return undefined;
    try { return valuesOf(decodeTensor(t)); } catch { return undefined; }
  };
  const x = read('logit');
  const y = read('label');
  if (!x || !y || x.length !== y.length) return undefined;
  const kw = { ...(request.init ?? {}), ...(request.kwargs ?? {}) } as Record<string, unknown>;
  const alpha = num(kw.alpha, 0.25);
  const gamma = Math.fround(num(kw.gamma, 2));
  const norm = read('normalizer');
  const n = norm && norm.length > 0 ? Math.min(...norm.map(Math.abs)) : 1;
  const up = request.grad_output && valuesOf(decodeTensor(request.grad_output));
  const upstream = (up ? Math.max(...up.map(Math.abs), 0) : 1) / (kw.reduction === 'mean' ? x.length : 1);
  const eps = 2 * ELEMENTARY_ULPS * u;
  const absolute = Float64Array.from(x, (xi, i) => {
    const yi = y[i]!;
    const s = 1 / (1 + Math.exp(-xi));
    const T = Math.log1p(Math.exp(-Math.abs(xi)));
    const ce = Math.max(xi, 0) - xi * yi + T;
    const aCe = (eps + 4 * u) * (T + Math.max(-xi, 0) + 1) + 4 * u * (Math.abs(xi) + 2 * Math.abs(xi * yi));
    const eS = (eps + 3 * u) * Math.abs(s);
    const eD = Math.abs(yi) * eS + Math.abs(1 - yi) * (eS + u) + 5 * u * (Math.abs(s * yi) + Math.abs((1 - s) * (1 - yi)) + 1);
    const d = 1 - (s * yi + (1 - s) * (1 - yi));
    const at = alpha * yi + (1 - alpha) * (1 - yi);
    const eA = 6 * u * (Math.abs(alpha * yi) + Math.abs((1 - alpha) * (1 - yi)) + Math.abs(1 - alpha) + Math.abs(1 - yi));
    const F = Math.abs(d) ** gamma;
    const dF = powSpread(d, eD, gamma, eps);
    let bound: number;
    if (field === 'output') {
      bound = (2 * (F * (Math.abs(at) * aCe + eA * Math.abs(ce)) + Math.abs(at * ce) * dF)) / n;
    } else {
      const G = Math.abs(d) ** (gamma - 1);
      const dG = powSpread(d, eD, gamma - 1, eps);
      const k = eps + 8 * u;
      const dce = Math.abs(s - yi) + 1;
      const terms = field === 'grad.logit'
        ? k * Math.abs(at) * (dce * F + Math.abs(ce * gamma) * G * s * (1 - s) * Math.abs(2 * yi - 1)) + Math.abs(at) * (dce * dF + Math.abs(ce * gamma) * s * (1 - s) * Math.abs(2 * yi - 1) * dG)
        : k * (Math.abs((2 * alpha - 1) * ce) * F + Math.abs(at * ce * gamma) * G * Math.abs(1 - 2 * s) + Math.abs(at * xi) * F) + (Math.abs((2 * alpha - 1) * ce) + Math.abs(at * xi)) * dF + Math.abs(at * ce * gamma * (1 - 2 * s)) * dG;
      bound = (2 * upstream * terms) / n;
    }
    return Number.isFinite(bound) ? bound * FIRST_ORDER_SLACK : 0;
  });
  return { absolute, relative: 2 * (eps + 2 * u) * FIRST_ORDER_SLACK, inputs: `x = logit, y = label, α = ${alpha}, γ = ${gamma}, |normalizer| ≥ ${n}, |upstream| ≤ ${upstream}` };
}
