/**
 * How far from Paddle's value a correct multi_margin_loss result may lie, and why. Paddle computes, per row i
 * with label y and weight w = weight[y] (1 without one), in the input's dtype (reference/multi_margin_loss.ts),
 *
 *     d_j = (margin − x_y) + x_j,   h_j = w · max(0, d_j)^p,   L = (Σ_j h_j) / C − w · q,   q = fround(margin^p) / C
 *
 * A correct port may round d_j otherwise (two roundings: e_j = u(|margin − x_y| + |d_j|) absolute), take another
 * pow (ELEMENTARY_ULPS ulps: 4u relative), sum in another order (γ_C of Σ|h|) and compute q in the input's
 * dtype (u|q| in float32, the float32 quotient against an exact one in float64: 2^-24 |q|). To first order
 * pow turns e_j into |p|·|d_j|^(p−1)·e_j, so two ports lie within twice
 *
 *     A_i = Σ_j |w|·(|p|·d_j^(p−1)·e_j + 6u·d_j^p) / C + (C + 2)u·Σ_j|h_j| / C + 2·2^-24·|w q| + u|L|
 *
 * Input's gradient is g·w·p·d_j^(p−1)/C at each active j and minus their sum at y: the same terms differentiated,
 * A = 2|g|·Σ_j |w p|·d_j^(p−1)·(6u + |p − 1|·e_j/d_j) / C per element of the row; the weight's is the row's
 * loss terms' (A_i with g). Every bound carries FIRST_ORDER_SLACK; a non-finite value must match exactly.
 */
import type { RequestJson } from '../../case.js';
import { argsOf, type OpSignature } from '../../op.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';

/** The tolerance policies of multi_margin_loss, over its signature: derived per row for the loss and both gradients. */
export function multiMarginLossTolerance(signature: OpSignature): TolerancePolicies {
  const derivation = 'multi_margin_loss: Σ_j |w|(|p| d^(p−1) e_j + 6u d^p)/C + (C + 2)u Σ|h|/C + 2^-23 |w q| + u|L| per row, twice; e_j = u(|margin − x_y| + |d_j|)';
  return {
    output: { kind: 'derived', derivation, allowance: (r, f, u) => (f === 'output' ? allowance(signature, r, u, f) : undefined) },
    reduced: { kind: 'summation' },
    grad: { kind: 'derived', derivation: `${derivation}; input's gradient 2|g| Σ_j |w p| d^(p−1)(6u + |p − 1| e_j/d_j)/C per element`, allowance: (r, f, u) => allowance(signature, r, u, f) },
  };
}

/** The allowance per element of the field; undefined where the request does not decode (compared exactly). */
function allowance(signature: OpSignature, request: RequestJson, u: number, field: string): Allowance | undefined {
  let x: ReturnType<typeof decodeTensor>, labels: number[], w: number[] | undefined, g: number[] | undefined;
  try {
    x = decodeTensor(request.inputs.input);
    labels = valuesOf(decodeTensor(request.inputs.label));
    w = request.inputs.weight ? valuesOf(decodeTensor(request.inputs.weight)) : undefined;
    g = request.grad_output ? valuesOf(decodeTensor(request.grad_output)) : undefined;
  } catch {
    return undefined;
  }
  if (x.shape.length !== 2) return undefined;
  const [n, c] = [x.shape[0]!, x.shape[1]!];
  const args = argsOf(signature, request);
  const num = (v: unknown, d: number): number => (v === undefined ? d : typeof v === 'object' && v !== null && 'int' in v ? Number(v.int) : Number(v));
  const [p, m] = [num(args.p, 1), num(args.margin, 1)];
  const xs = valuesOf(x);
  const rows = Array.from({ length: n }, (_, i) => {
    const row = xs.slice(i * c, (i + 1) * c);
    const y = labels[i]!;
    const wy = Math.abs(w?.[y] ?? 1);
    const up = Math.abs(g === undefined ? 1 : g.length === n ? g[i]! : g[0]!);
    let loss = 0, grad = 0, sum = 0;
    for (const xj of row) {
      const d = m - row[y]! + xj;
      if (!(d > 0)) continue;
      const e = u * (Math.abs(m - row[y]!) + d);
      const h = wy * d ** p;
      sum += h;
      loss += wy * (Math.abs(p) * d ** (p - 1) * e + 2 * ELEMENTARY_ULPS * u * d ** p + 2 * u * d ** p);
      grad += wy * Math.abs(p) * d ** (p - 1) * (6 * u + (Math.abs(p - 1) * e) / d);
    }
    const q = wy * Math.abs(m ** p / c);
    const bound = (field === 'grad.input' ? grad / c : (loss + (c + 2) * u * sum) / c + 2 ** -23 * q + u * Math.abs(sum / c - q)) * 2 * up;
    return Number.isFinite(bound) ? bound * FIRST_ORDER_SLACK : 0;
  });
  const absolute = field === 'grad.input' ? Float64Array.from(xs, (_, k) => rows[Math.floor(k / c)]!) : field === 'output' ? Float64Array.from(rows) : rows.reduce((a, b) => a + b, 0);
  return { absolute, relative: 2 * u * FIRST_ORDER_SLACK, inputs: `N = ${n}, C = ${c}, p = ${p}, margin = ${m}` };
}
