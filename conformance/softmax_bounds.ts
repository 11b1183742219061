/**
 * The bounds of a log-softmax over C classes and of its gradient, for every loss over Paddle's softmax
 * (cross_entropy, softmax_with_cross_entropy, adaptive_log_softmax_with_loss); derived in conformance/ops/cross_entropy/tolerance.ts.
 */
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, gamma } from './tolerance.js';

/** The absolute and relative parts of the bound on −log softmax(x)_y over C classes, for a label mass M (Σ|y|·|w|). */
export function logSoftmaxBound(classes: number, u: number, mass = 1): { absolute: number; relative: number } {
  const r = logSoftmaxRoundings(classes, u);
  return { absolute: r.absolute * mass * FIRST_ORDER_SLACK, relative: r.relative * FIRST_ORDER_SLACK };
}

/**
 * The same bound for a label mass of 1 before FIRST_ORDER_SLACK, for a caller that carries other errors
 * through it and applies the slack once at the end (adaptive_log_softmax_with_loss's chained layers).
 */
export function logSoftmaxRoundings(classes: number, u: number): { absolute: number; relative: number } {
  // γ_{C+1} rather than (C + 1)u: at a language model's C (10^5) (C + 1)u is 10^−2, and the products of relative
  // errors the first order drops are then beyond FIRST_ORDER_SLACK; γ keeps them (cross_entropy's logSoftmaxErrorBound).
  const deltaP = ELEMENTARY_ULPS * u + gamma(classes + 1, u);
  return { absolute: 2 * (deltaP + 64 * u), relative: 2 * (ELEMENTARY_ULPS * u + 3 * u) };
}

/** The bound on g·(softmax(x)_j − y_j) over C classes, for an upstream scale |g| (with the weight and the mean's divisor). */
export function softmaxGradBound(classes: number, u: number, scale: number): { absolute: number; relative: number } {
  const deltaP = ELEMENTARY_ULPS * u + gamma(classes + 1, u);
  return { absolute: 2 * deltaP * scale * FIRST_ORDER_SLACK, relative: 2 * (deltaP + u) * FIRST_ORDER_SLACK };
}

/** The bound on softmax(x)_j itself: δ_p = ε_e + γ_{C+1} relative, per port, doubled. */
export function softmaxBound(classes: number, u: number): { absolute: number; relative: number } {
  return { absolute: 0, relative: 2 * (ELEMENTARY_ULPS * u + gamma(classes + 1, u)) * FIRST_ORDER_SLACK };
}
