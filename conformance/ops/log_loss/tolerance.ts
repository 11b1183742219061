/**
 * How far from Paddle's value a correct log_loss result may lie, and why. Paddle computes, per element in float32
 * (t the label, p the input, reference/kernels/log_loss.ts),
 *
 *     a = p + ε,   b = (1 − p) + ε,   L = −(t · log a) − (1 − t) · log b,   G = g · (−(t / a) + (1 − t) / b)
 *
 * and a correct port may take another log (ELEMENTARY_ULPS ulps: a relative error ε_l = 4u; Paddle's own mixes
 * Eigen's packet log and glibc's) and round a and b otherwise. Per port, to first order, with u = 2^-24: a carries
 * one rounding (u relative), b two (2u(1 + |p| + ε)/|b| relative), which the log turns into that much absolute
 * error; each term m · log x (m = t or 1 − t, itself rounded) adds 2u of |m · log x|, and the difference u of |L|.
 * Two ports lie within twice the sum:
 *
 *     A_i = 2 Σ |m|·((ε_l + 2u)·|log x| + δ_x),   r = 2u,     δ_a = u,  δ_b = 2u(1 + |p| + ε)/|b|
 *
 * The gradient's two quotients carry their division (u), 1 − t's rounding (u) and their argument's δ, the sum
 * and the product u each (the sum may cancel, so its part is absolute): A_i = 2|g|·Σ |q|·(2u + δ_x), r = 4u.
 * Every bound carries FIRST_ORDER_SLACK; a non-finite value (log 0, a NaN) must match exactly.
 */
import type { RequestJson } from '../../case.js';
import { argsOf, type OpSignature } from '../../op.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';

/** The tolerance policies of log_loss, over its signature: derived per element for the loss and input's gradient. */
export function logLossTolerance(signature: OpSignature): TolerancePolicies {
  return {
    output: { kind: 'derived', derivation: 'log_loss: 2 Σ |m|((ε_l + 2u)|log x| + δ_x) + 2u|L|, (m, x) = (t, p + ε), (1 − t, 1 − p + ε); ε_l = 4u per log', allowance: (r, f, u) => (f === 'output' ? allowance(signature, r, u, false) : undefined) },
    reduced: { kind: 'summation' },
    grad: { kind: 'derived', derivation: 'log_loss gradient: 2|g| Σ |m/x|(2u + δ_x) + 4u|G|', allowance: (r, f, u) => (f === 'grad.input' ? allowance(signature, r, u, true) : undefined) },
  };
}

/** The loss's or the gradient's allowance per element; undefined for a request that does not decode (compared exactly). */
function allowance(signature: OpSignature, request: RequestJson, u: number, grad: boolean): Allowance | undefined {
  let p: number[], t: number[], g: number[] | undefined;
  try {
    p = valuesOf(decodeTensor(request.inputs.input)).map(Math.fround);
    t = valuesOf(decodeTensor(request.inputs.label)).map(Math.fround);
    g = request.grad_output ? valuesOf(decodeTensor(request.grad_output)).map(Math.fround) : undefined;
  } catch {
    return undefined;
  }
  const args = argsOf(signature, request);
  const eps = 'epsilon' in args ? args.epsilon : 0.0001;
  const e = Math.fround(typeof eps === 'object' && eps !== null && 'int' in eps ? eps.int : Number(eps));
  const logErr = 2 * ELEMENTARY_ULPS * u;
  const absolute = Float64Array.from(p, (pi, i) => {
    const ti = t[i] ?? NaN;
    const terms: Array<[number, number, number]> = [[ti, pi + e, u], [1 - ti, 1 - pi + e, (2 * u * (1 + Math.abs(pi) + Math.abs(e))) / Math.abs(1 - pi + e)]];
    const bound = grad
      ? 2 * Math.abs(g?.[i] ?? 1) * terms.reduce((s, [m, x, d]) => s + Math.abs(m / x) * (2 * u + d), 0)
      : 2 * terms.reduce((s, [m, x, d]) => s + Math.abs(m) * ((logErr + 2 * u) * Math.abs(Math.log(x)) + d), 0);
    return Number.isFinite(bound) ? bound * FIRST_ORDER_SLACK : 0;
  });
  return { absolute, relative: (grad ? 4 : 2) * u * FIRST_ORDER_SLACK, inputs: grad ? 'm/x = t/(p + ε), (1 − t)/(1 − p + ε); g the upstream' : 'm = t, 1 − t; x = p + ε, 1 − p + ε' };
}
