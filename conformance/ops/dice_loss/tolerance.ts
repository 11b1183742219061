/**
 * How far from Paddle's value a correct dice_loss result may lie, and why. Per sample i of N (m elements, C
 * classes, x its input and h the one-hot label), Paddle computes
 *
 *     I = Σ x·h,   S = Σ x,   D = (S + Σ h) + ε,   s = 1 − 2I / D,   loss = (Σ s) / N
 *
 * and a correct port may add in any order (Σ h is an exact count). To first order, with u the unit roundoff and
 * γ_k = ku/(1 − ku): ΔI ≤ γ_m Σ|x·h|, ΔS ≤ γ_m Σ|x|, ΔD ≤ ΔS + 2u(|S| + Σh + |ε|); the quotient q = 2I/D carries
 * Δq ≤ 2ΔI/|D| + |q|·ΔD/|D| + u|q|, the score u|s| more, and the mean γ_N Σ|s|/N + u|loss| more. Two ports lie
 * within twice that sum:
 *
 *     A = 2(Σ_i (Δq_i + u|s_i|) / N + γ_N Σ|s_i| / N) + 2u|loss|
 *
 * The gradient of element j of sample i is G = (g/N)(2I/D² − 2h_j/D): the upstream's division by N (u), the
 * quotient's (u) and its operands' errors, the product with q (u), the sum of the two paths (u):
 *
 *     A_j = 2(|a|(2u + ΔD/|D|) + |b|(4u + 2ΔD/|D|) + |2g|ΔI/(N D²)) + 2u|G|,   a = 2g·h_j/(N D),  b = 2g·I/(N D²)
 *
 * Every bound carries FIRST_ORDER_SLACK; where it is not finite (D = 0, a NaN) the values must match.
 */
import type { RequestJson } from '../../case.js';
import { argsOf, type OpSignature } from '../../op.js';
import { FIRST_ORDER_SLACK, gamma, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';

/** The tolerance policies of dice_loss, over its signature: derived for the 0-D loss and per element for input's gradient. */
export function diceLossTolerance(signature: OpSignature): TolerancePolicies {
  return {
    output: { kind: 'derived', derivation: 'dice_loss: 2(Σ(Δq_i + u|s_i|)/N + γ_N Σ|s_i|/N) + 2u|loss|, Δq = 2ΔI/|D| + |q|ΔD/|D| + u|q|, ΔI, ΔS ≤ γ_m Σ|·|', allowance: (r, f, u) => (f === 'output' ? allowance(signature, r, u, false) : undefined) },
    reduced: { kind: 'summation' },
    grad: { kind: 'derived', derivation: 'dice_loss gradient: 2(|a|(2u + ΔD/|D|) + |b|(4u + 2ΔD/|D|) + |2g|ΔI/(N D²)) + 2u|G|', allowance: (r, f, u) => (f === 'grad.input' ? allowance(signature, r, u, true) : undefined) },
  };
}

/** The loss's (one number) or the gradient's (per element) allowance; undefined when the request does not decode. */
function allowance(signature: OpSignature, request: RequestJson, u: number, grad: boolean): Allowance | undefined {
  let x: number[], labels: number[], shape: readonly number[], g: number;
  try {
    const input = decodeTensor(request.inputs.input);
    [x, labels, shape] = [valuesOf(input), valuesOf(decodeTensor(request.inputs.label)), input.shape];
    g = request.grad_output ? valuesOf(decodeTensor(request.grad_output))[0]! : 1;
  } catch {
    return undefined;
  }
  const args = argsOf(signature, request);
  const raw = 'epsilon' in args ? args.epsilon : 1e-5;
  const eps = typeof raw === 'number' ? raw : typeof raw === 'object' && raw !== null && 'int' in raw ? Number(raw.int) : 0;
  const n = shape[0] ?? 0, c = shape[shape.length - 1] ?? 0;
  const m = n === 0 ? 0 : x.length / n;
  const absolute = new Float64Array(grad ? x.length : 1);
  let scoreSum = 0, lossErr = 0;
  for (let i = 0; i < n; i++) {
    let inse = 0, sum = 0, absInse = 0, absSum = 0;
    for (let k = 0; k < m; k++) {
      const v = x[i * m + k]!;
      const hit = k % c === labels[i * (m / c) + Math.floor(k / c)];
      [sum, absSum] = [sum + v, absSum + Math.abs(v)];
      if (hit) [inse, absInse] = [inse + v, absInse + Math.abs(v)];
    }
    const count = m / c, d = sum + count + eps, q = (2 * inse) / d, s = 1 - q;
    const dI = gamma(m, u) * absInse, dD = gamma(m, u) * absSum + 2 * u * (Math.abs(sum) + count + Math.abs(eps));
    lossErr += (2 * dI) / Math.abs(d) + (Math.abs(q) * dD) / Math.abs(d) + 2 * u * Math.abs(q) + u * Math.abs(s);
    scoreSum += Math.abs(s);
    if (!grad) continue;
    const b = (2 * g * inse) / (n * d * d);
    for (let k = 0; k < m; k++) {
      const a = k % c === labels[i * count + Math.floor(k / c)] ? (2 * g) / (n * d) : 0;
      const bound = 2 * (Math.abs(a) * (2 * u + dD / Math.abs(d)) + Math.abs(b) * (4 * u + (2 * dD) / Math.abs(d)) + (2 * Math.abs(g) * dI) / (n * d * d));
      absolute[i * m + k] = Number.isFinite(bound) ? bound * FIRST_ORDER_SLACK : 0;
    }
  }
  if (!grad) {
    const bound = 2 * (lossErr / n + (gamma(n, u) * scoreSum) / n);
    absolute[0] = Number.isFinite(bound) ? bound * FIRST_ORDER_SLACK : 0;
  }
  return { absolute, relative: 2 * u * FIRST_ORDER_SLACK, inputs: `N = ${n}, m = ${m}, C = ${c}, ε = ${eps}` };
}
