/**
 * How far from Paddle's value a correct nll_loss result may lie, and why. Picking x[n, y] and
 * (−x) · w are one rounding each, the same in any port: the unreduced loss and its gradient
 * but under 'mean' are exact. The reductions are sums over the k kept labels (Paddle's in
 * label order, a port's in any): with S = Σ|x·w| and W = Σw, W₁ = Σ|w| over them,
 *
 *     'sum':   |Δ| ≤ 2γ_{k+1}·S
 *     'mean':  |Δ| ≤ 2γ_{k+1}·S / |W| + τ + (2γ_k·W₁/|W| + 2u)·|mean|     (W ≠ 0; else the sum's)
 *
 * the second term the total weight's own summation error and the division, for both ports. The
 * 'mean' gradient (−g · w) / W carries that relative error of W: 2γ_k·W₁/|W| + 2u.
 */
import type { RequestJson } from '../../case.js';
import { argsOf, reductionOf, type OpSignature } from '../../op.js';
import { FIRST_ORDER_SLACK, gamma, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';

/** The tolerance policies of nll_loss, over its signature. */
export function nllLossTolerance(signature: OpSignature): TolerancePolicies {
  const derived = (r: RequestJson, u: number, tiny: number, grad: boolean): Allowance | undefined => allowance(signature, r, u, tiny, grad);
  return {
    output: { kind: 'exact' },
    reduced: { kind: 'derived', derivation: "nll_loss: 2γ_{k+1}·S (sum); 2γ_{k+1}·S/|W| + τ + (2γ_k·W₁/|W| + 2u)|mean| (mean)", allowance: (r, f, u, tiny) => (f === 'output' ? derived(r, u, tiny, false) : undefined) },
    grad: { kind: 'derived', derivation: "nll_loss gradient: exact, but (2γ_k·W₁/|W| + 2u)|G| under 'mean'", allowance: (r, f, u, tiny) => (f === 'grad.input' ? derived(r, u, tiny, true) : undefined) },
  };
}

/** The allowance of the reduced loss or the gradient; undefined for a request that does not decode or holds a bad label. */
function allowance(signature: OpSignature, request: RequestJson, u: number, tiny: number, grad: boolean): Allowance | undefined {
  try {
    const x = decodeTensor(request.inputs.input!);
    const xs = valuesOf(x);
    const labels = valuesOf(decodeTensor(request.inputs.label!));
    const w = request.inputs.weight ? valuesOf(decodeTensor(request.inputs.weight)) : undefined;
    const ignore = argsOf(signature, request).ignore_index ?? -100;
    const ignored = typeof ignore === 'object' && ignore !== null && 'int' in ignore ? ignore.int : ignore;
    const [c, per] = [x.shape[1]!, x.shape.slice(2).reduce((a, b) => a * b, 1)];
    let [k, s, total, totalAbs] = [0, 0, 0, 0];
    for (let i = 0; i < x.shape[0]! * per; i++) {
      const y = labels[i]!;
      if (y === ignored) continue;
      if (!(y >= 0 && y < c)) return undefined;
      const wy = w ? w[y]! : 1;
      [k, s, total, totalAbs] = [k + 1, s + Math.abs(xs[Math.floor(i / per) * c * per + y * per + (i % per)]! * wy), total + wy, totalAbs + Math.abs(wy)];
    }
    const mean = reductionOf(signature, request) === 'mean' && total !== 0;
    const relative = mean ? (2 * gamma(k, u) * totalAbs) / Math.abs(total) + 2 * u : 0;
    if (grad) return { absolute: 0, relative: relative * FIRST_ORDER_SLACK, inputs: `k=${k}, W=${total}, W₁=${totalAbs}` };
    const absolute = mean ? (2 * gamma(k + 1, u) * s) / Math.abs(total) + tiny : 2 * gamma(k + 1, u) * s;
    return { absolute: absolute * FIRST_ORDER_SLACK, relative: relative * FIRST_ORDER_SLACK, inputs: `k=${k}, S=${s}, W=${total}, W₁=${totalAbs}` };
  } catch {
    return undefined;
  }
}
