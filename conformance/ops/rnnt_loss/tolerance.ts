/**
 * How far from Paddle's value a correct rnnt_loss result may lie, and why. The loss is
 * −(α(T−1, U−1) + y(T−1, U−1)) (or −β(0, 0)) of log-space recursions (reference/kernels/warprnnt.ts),
 * each cell one addition of a log-probability and one log-sum-exp. A correct port may add, and
 * take lse(x, y) = log(e^x + e^y), in its own order and precision. Absolute errors, per port, to first order:
 * - |α| ≤ A with A(t, u) = max(A(t, u−1) + |e|, A(t−1, u) + |y|) + log 2 (lse lies in [max, max + log 2]);
 * - an addition x + lp rounds by u·(A + |lp|);
 * - lse passes its operands' errors on as a convex combination (∂lse/∂x + ∂lse/∂y = 1), so no more
 *   than the larger; its own steps: lo − hi rounded (u·|d|·e^d/(1+e^d) ≤ 0.28u after log1p∘exp), exp and
 *   log1p (ELEMENTARY_ULPS ulps each of a value ≤ log 2: 4u·log 2 each), the final + rounded (u·A):
 *   u·(A(t, u) + 0.28 + 8·log 2) < u·(A + 6);
 * - so E(t, u) = max(E(t, u−1) + u·(A(t, u−1) + |e|), E(t−1, u) + u·(A(t−1, u) + |y|)) + u·(A(t, u) + 6),
 *   the same backward for β; the loss carries E + u·(A + |y|) more. Two ports lie within 2E.
 * The gradient is −(1 + λ)·exp(z), z = lp + α + β − ℓ: its argument is off by at most
 * Z = E_α + E_β + E_ℓ + 3u·(|z| + 2A) (its three roundings), so the value by a factor e^{2Z} − 1
 * (two ports), with exp's ELEMENTARY_ULPS, the (1 + λ) product, the upstream product and 'mean''s
 * division (2u each) on top. Below the subnormal threshold the floor τ per rounding.
 */
import type { RequestJson } from '../../case.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, subnormalFloor, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';

/** Per example: E of the loss and Z of the gradient's exponent, from the request's operands (undefined for an error case). */
export function rnntErrorBounds(request: RequestJson, u: number): Array<{ loss: number; exponent: number }> | undefined {
  try {
    const x = decodeTensor(request.inputs.input!);
    const label = valuesOf(decodeTensor(request.inputs.label!));
    const il = valuesOf(decodeTensor(request.inputs.input_lengths!));
    const ll = valuesOf(decodeTensor(request.inputs.label_lengths!));
    const v = valuesOf(x);
    const [B, Tmax, Umax, D] = x.shape as [number, number, number, number];
    const blank = typeof request.kwargs?.blank === 'number' ? request.kwargs.blank : Number((request.init ?? {}).blank ?? 0);
    return Array.from({ length: B }, (_, b) => {
      const [T, U] = [il[b]!, ll[b]! + 1];
      const y = (t: number, s: number) => Math.abs(v[((b * Tmax + t) * Umax + s) * D + blank]!);
      const e = (t: number, s: number) => Math.abs(v[((b * Tmax + t) * Umax + s) * D + label[b * (Umax - 1) + s]!]!);
      // One sweep each way: A and E over the cells, forward (α) and backward (β).
      const sweep = (dir: 1 | -1) => {
        const A = new Float64Array(T * U);
        const E = new Float64Array(T * U);
        const ts = dir === 1 ? [...Array(T).keys()] : [...Array(T).keys()].reverse();
        const us = dir === 1 ? [...Array(U).keys()] : [...Array(U).keys()].reverse();
        for (const t of ts) for (const s of us) {
          const [tp, sp] = [t - dir, s - dir];
          const fromT = tp >= 0 && tp < T ? [A[tp * U + s]! + y(dir === 1 ? tp : t, s), E[tp * U + s]!] : undefined;
          const fromU = sp >= 0 && sp < U ? [A[t * U + sp]! + e(t, dir === 1 ? sp : s), E[t * U + sp]!] : undefined;
          if (!fromT && !fromU) { A[t * U + s] = dir === 1 ? 0 : y(t, s); continue; }
          const parts = [fromT, fromU].filter((p): p is number[] => p !== undefined);
          A[t * U + s] = Math.max(...parts.map((p) => p[0]!)) + (parts.length === 2 ? Math.LN2 : 0);
          E[t * U + s] = Math.max(...parts.map((p) => p[1]! + u * p[0]!)) + (parts.length === 2 ? u * (A[t * U + s]! + 6) : 0);
        }
        return { A, E };
      };
      const f = sweep(1);
      const g = sweep(-1);
      const last = T * U - 1;
      const loss = Math.max(f.E[last]! + u * (f.A[last]! + 2 * y(T - 1, U - 1)), g.E[0]!);
      const Amax = Math.max(...f.A, ...g.A);
      const exponent = Math.max(...f.E) + Math.max(...g.E) + loss + 3 * u * (4 * Amax + 2 * loss);
      return { loss, exponent };
    });
  } catch {
    return undefined;
  }
}

/** The tolerance policies of rnnt_loss: derived per example for the loss, relative for the gradient. */
export function rnntLossTolerance(): TolerancePolicies {
  return {
    output: { kind: 'derived', derivation: 'rnnt_loss: 2E, E the recursions\' absolute error bound (α or β, T·U cells of an addition and a log-sum-exp)', allowance: lossAllowance },
    reduced: { kind: 'summation' },
    grad: { kind: 'derived', derivation: 'rnnt_loss gradient: (e^{2Z} − 1) + 2(ε + 3u), Z the exponent\'s error bound, ε = 4u for exp', allowance: gradAllowance },
  };
}

function lossAllowance(request: RequestJson, field: string, u: number, tiny: number): Allowance | undefined {
  const bounds = field === 'output' ? rnntErrorBounds(request, u) : undefined;
  if (!bounds) return undefined;
  const absolute = Float64Array.from(bounds, (b) => (Number.isFinite(b.loss) ? 2 * b.loss * FIRST_ORDER_SLACK + subnormalFloor(tiny, 1) : 0));
  return { absolute, relative: 0, inputs: `E per example = ${bounds.map((b) => b.loss.toExponential(2)).join(', ')}` };
}

function gradAllowance(request: RequestJson, field: string, u: number, tiny: number): Allowance | undefined {
  const bounds = field === 'grad.input' ? rnntErrorBounds(request, u) : undefined;
  if (!bounds) return undefined;
  const Z = Math.max(...bounds.map((b) => b.exponent));
  const relative = (Math.expm1(2 * Z) + 2 * (2 * ELEMENTARY_ULPS * u + 3 * u)) * FIRST_ORDER_SLACK;
  return { absolute: Number.isFinite(relative) ? subnormalFloor(tiny, 4) : 0, relative: Number.isFinite(relative) ? relative : 0, inputs: `Z = ${Z.toExponential(2)}` };
}
