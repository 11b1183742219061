/**
 * How far from Paddle's value a correct binary_cross_entropy_with_logits result may lie, and why.
 * Paddle's kernel (reference/kernels/sigmoid_cross_entropy_with_logits.ts) takes, per element,
 * (max(x, 0) − x·y) + log(1 + e), e = exp(−|x|), or p·(log(exp(−m) + exp(−x − m)) + m) + (1 − y)·x
 * with p = 1 + y·(w − 1), then times the weight. A correct port may use another exp and log
 * (ε = ELEMENTARY_ULPS ulps each, ε = 4u), log1p for log(1 + e), and any grouping of the same
 * terms, which may cancel. To first order each of at most five roundings is u of the largest term
 * it touches, |x|, |x·y|, |p|·(T + m) with T = log(1 + e) ≤ ln 2; log(1 + e) against log1p(e) is u
 * absolute (1 + e rounded). Two ports lie within twice the sum of each other:
 *
 *     A_i = 2·|v|·((ε + 4u)·|p|·(T + m + 1) + 4u·(|x| + 2|x·y|)),   r = 2(ε + 2u)
 *
 * where v and p are bounded by the largest |weight| and |1 + y·(w − 1)| the request holds (a
 * bound for every element, broadcast or not). The gradient, σ(x) − y or p·(σ(x) − 1) + (1 − y),
 * times the upstream and the weight: ε for exp, and at most five roundings of terms no larger than
 * |p| + |y| + 1: A = 2|v|·(ε + 5u)·(|p| + |y| + 1), r = 2(ε + 2u). Every bound carries
 * FIRST_ORDER_SLACK; non-finite values must match.
 */
import type { RequestJson } from '../../case.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';

/** The tolerance policies of binary_cross_entropy_with_logits: derived per element for the loss and the gradient. */
export const BCE_WITH_LOGITS_TOLERANCE: TolerancePolicies = {
  output: { kind: 'derived', derivation: 'bce_with_logits: 2|v|((ε + 4u)|p|(T + m + 1) + 4u(|x| + 2|xy|)) + 2(ε + 2u)|L|; ε = 4u per exp and log', allowance: (r, f, u) => (f === 'output' ? allowance(r, u, 'loss') : undefined) },
  reduced: { kind: 'summation' },
  grad: { kind: 'derived', derivation: 'bce_with_logits gradient: 2|v|(ε + 5u)(|p| + |y| + 1) + 2(ε + 2u)|expected|', allowance: (r, f, u) => (f === 'grad.logit' ? allowance(r, u, 'grad') : undefined) },
};

/** The allowance of every element of the unreduced loss or of logit's gradient. */
function allowance(request: RequestJson, u: number, of: 'loss' | 'grad'): Allowance | undefined {
  const read = (name: string): number[] | undefined => {
    const t = request.inputs[name];
    if (!t) return undefined;
    try { return valuesOf(decodeTensor(t)); } catch { return undefined; }
  };
  const x = read('logit');
  const y = read('label');
  if (!x || !y || x.length !== y.length) return undefined;
  const maxAbs = (v: number[] | undefined): number => (v ? v.reduce((a, b) => Math.max(a, Math.abs(b)), 0) : 1);
  const v = maxAbs(read('weight'));
  const w = read('pos_weight');
  const eps = 2 * ELEMENTARY_ULPS * u;
  const absolute = Float64Array.from(x, (xi, i) => {
    const yi = y[i]!;
    const p = w ? Math.max(...w.map((wj) => Math.abs(1 + yi * (wj - 1))), 1) : 1;
    const bound = of === 'loss'
      ? 2 * v * ((eps + 4 * u) * p * (Math.log1p(Math.exp(-Math.abs(xi))) + Math.max(-xi, 0) + 1) + 4 * u * (Math.abs(xi) + 2 * Math.abs(xi * yi)))
      : 2 * v * (eps + 5 * u) * (p + Math.abs(yi) + 1);
    return Number.isFinite(bound) ? bound * FIRST_ORDER_SLACK : 0; // a non-finite operand: the result must match exactly
  });
  return { absolute, relative: 2 * (eps + 2 * u) * FIRST_ORDER_SLACK, inputs: 'x = logit, y = label, p = 1 + y(pos_weight − 1), v = max |weight|' };
}
