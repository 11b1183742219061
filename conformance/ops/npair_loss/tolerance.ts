/**
 * How far from Paddle's value a correct npair_loss result may lie, and why. With a [N, K] anchor and b [N, K]
 * positive, Paddle computes z = a·bᵀ, s = softmax rows of z, t the row-normalised label matrix, ce_i = −Σ_j t_ij log s_ij,
 * loss = 0.25·λ·(Σa² + Σb²)/N + (1/N)Σ_j Σ_i t_ij ce_i. Paddle's matmul adds in MKL's order (rule matmul-k-left-to-right), so
 * each logit of a port lies within e_ij = γ_K Σ_k |a_ik b_jk| of the exact one. Per port, to first order:
 *
 *     Δce_i ≤ Σ_j |s_ij − t_ij| e_ij + L_abs + L_rel·|ce_i|          (logSoftmaxBound over N classes, label mass 1)
 *     Δloss ≤ (1/N)Σ_i Δce_i + γ_{2N+2}·Σ|ce_i|/N + 0.25|λ|·γ_{K+N+3}·(Σa² + Σb²)/N + u|loss|
 *
 * (t·ce, the column sums, the mean, the squares, their row sums and means, λ's product, the final add). The
 * gradient: dz_ij = (g/N)(s_ij − t_ij), each within Δdz_ij = (|g|/N)·s_ij·(e_ij + Σ_l s_il e_il) (the softmax moved
 * by the logits) + G_abs + G_rel·|dz_ij| (softmaxGradBound) + γ_{N+2}|dz_ij| (the upstream's way through the mean,
 * the column sums and t); then da_ik = Σ_j dz_ij b_jk + 0.5·λ·g·a_ik/N:
 *
 *     Δda_ik ≤ Σ_j Δdz_ij |b_jk| + γ_N Σ_j |dz_ij b_jk| + 5u·|0.5·λ·g·a_ik/N| + u|da_ik|
 *
 * and db_jk alike over i (a NaN term, from a NaN logit's row, is left out: it cannot have reached a finite element).
 * Two ports lie within twice that; every bound carries FIRST_ORDER_SLACK, and where it is not finite the values must match.
 */
import type { RequestJson } from '../../case.js';
import { argsOf, type OpSignature } from '../../op.js';
import { logSoftmaxBound, softmaxGradBound } from '../../softmax_bounds.js';
import { FIRST_ORDER_SLACK, gamma, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';

/** The tolerance policies of npair_loss over its signature: derived for the 0-D loss and per element for both gradients. */
export function npairLossTolerance(signature: OpSignature): TolerancePolicies {
  const allowance = (r: RequestJson, f: string, u: number): Allowance | undefined => bound(signature, r, f, u);
  return {
    output: { kind: 'derived', derivation: 'npair_loss: 2((1/N)Σ_i(Σ_j|s−t|e_ij + L_abs + L_rel|ce_i|) + γ_{2N+2}Σ|ce|/N + 0.25|λ|γ_{K+N+3}(Σa²+Σb²)/N) + 2u|loss|, e_ij = γ_K Σ_k|a_ik b_jk|', allowance },
    reduced: { kind: 'summation' },
    grad: { kind: 'derived', derivation: 'npair_loss gradient: 2(Σ_j Δdz_ij|b_jk| + γ_N Σ_j|dz_ij b_jk| + 5u|λ g a_ik/(2N)|) + 2u|da_ik|', allowance },
  };
}

/** The operands as float64 matrices, or undefined when they do not decode or have no value. */
function operands(request: RequestJson): { a: number[]; b: number[]; labels: number[]; n: number; k: number; g: number } | undefined {
  try {
    const anchor = decodeTensor(request.inputs.anchor);
    const positive = decodeTensor(request.inputs.positive);
    const labels = valuesOf(decodeTensor(request.inputs.labels));
    const [n, k] = anchor.shape as [number, number];
    if (anchor.shape.length !== 2 || positive.shape.join() !== anchor.shape.join() || labels.length !== n) return undefined;
    const g = request.grad_output && !Array.isArray(request.grad_output) ? valuesOf(decodeTensor(request.grad_output))[0]! : 1;
    return { a: valuesOf(anchor), b: valuesOf(positive), labels, n, k, g };
  } catch {
    return undefined;
  }
}

/** The number λ stands for (a bool as 0 or 1, an int as itself; 1 for a str, whose term is read exactly). */
function l2RegOf(signature: OpSignature, request: RequestJson): number {
  const args = argsOf(signature, request);
  const raw = 'l2_reg' in args ? args.l2_reg : 0.002;
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'boolean') return Number(raw);
  if (typeof raw === 'object' && raw !== null && 'int' in raw) return Number(raw.int);
  return 1;
}

/** The allowance of `field` ('output', 'grad.anchor' or 'grad.positive'). */
function bound(signature: OpSignature, request: RequestJson, field: string, u: number): Allowance | undefined {
  const ops = operands(request);
  if (!ops) return undefined;
  const { a, b, labels, n, k, g } = ops;
  const lambda = l2RegOf(signature, request);
  const e: number[] = [], s: number[] = [], t: number[] = [], ce: number[] = [];
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    const z = Array.from({ length: n }, (_, j) => {
      let v = 0, m = 0;
      for (let q = 0; q < k; q++) [v, m] = [v + a[i * k + q]! * b[j * k + q]!, m + Math.abs(a[i * k + q]! * b[j * k + q]!)];
      e.push(gamma(k, u) * m);
      if (!Number.isNaN(v)) max = Math.max(max, v);
      return v;
    });
    // Paddle's softmax clips the shift x − max at −64 and turns a NaN shift (a NaN logit, inf − inf) into −64 too
    // (softmax-shift-clipped-at-64, softmax-avx-rows); an infinite logit carries no rounding error of its own.
    if (!Number.isFinite(max)) max = Number.isNaN(max) ? 0 : max;
    const shifted = z.map((v, j) => {
      if (!Number.isFinite(v)) e[i * n + j] = 0;
      const d = v - max;
      return Number.isNaN(d) ? -64 : Math.max(d, -64);
    });
    const exps = shifted.map((v) => Math.exp(v));
    const total = exps.reduce((x, y) => x + y, 0);
    const same = labels.map((l) => (l === labels[i] ? 1 : 0));
    const count = same.reduce((x: number, y) => x + y, 0);
    let c = 0;
    for (let j = 0; j < n; j++) {
      s.push(exps[j]! / total);
      t.push(same[j]! / count);
      c -= t[i * n + j]! * (shifted[j]! - Math.log(total));
    }
    ce.push(c);
  }
  const sq = (x: number[]): number => x.reduce((acc, v) => acc + v * v, 0);
  const at = (m: number[], i: number, j: number): number => m[i * n + j]!;
  const ls = logSoftmaxBound(n, u);
  if (field === 'output') {
    let err = 0, mass = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) err += Math.abs(at(s, i, j) - at(t, i, j)) * at(e, i, j);
      err += ls.absolute + ls.relative * Math.abs(ce[i]!);
      mass += Math.abs(ce[i]!);
    }
    const loss = (0.25 * lambda * (sq(a) + sq(b))) / n + mass / n;
    const total = 2 * (err / n + (gamma(2 * n + 2, u) * mass) / n + (0.25 * Math.abs(lambda) * gamma(k + n + 3, u) * (sq(a) + sq(b))) / n) + 2 * u * Math.abs(loss);
    return { absolute: Number.isFinite(total) ? total * FIRST_ORDER_SLACK : 0, relative: 0, inputs: `N = ${n}, K = ${k}, λ = ${lambda}` };
  }
  const [own, other, transposed] = field === 'grad.anchor' ? [a, b, false] : field === 'grad.positive' ? [b, a, true] : [undefined, undefined, false];
  if (!own || !other) return undefined;
  const gb = softmaxGradBound(n, u, Math.abs(g) / n);
  const dz = (i: number, j: number): number => (g / n) * (at(s, i, j) - at(t, i, j));
  const ddz = (i: number, j: number): number => {
    let spread = 0;
    for (let l = 0; l < n; l++) spread += at(s, i, l) * at(e, i, l);
    return (Math.abs(g) / n) * at(s, i, j) * (at(e, i, j) + spread) + gb.absolute + (gb.relative + gamma(n + 2, u)) * Math.abs(dz(i, j));
  };
  const absolute = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    for (let q = 0; q < k; q++) {
      let err = 0, mag = 0, value = 0;
      for (let m = 0; m < n; m++) {
        const [d, dd] = transposed ? [dz(m, r), ddz(m, r)] : [dz(r, m), ddz(r, m)];
        // A term that is NaN here (a NaN logit's row) did not reach a finite expected element: it adds nothing.
        const [e1, e2] = [dd * Math.abs(other[m * k + q]!), Math.abs(d * other[m * k + q]!)];
        if (!Number.isFinite(e1) || !Number.isFinite(e2)) continue;
        err += e1;
        mag += e2;
        value += d * other[m * k + q]!;
      }
      const l2 = (0.5 * lambda * g * own[r * k + q]!) / n;
      const total = 2 * (err + gamma(n, u) * mag + 5 * u * Math.abs(l2)) + 2 * u * Math.abs(value + l2);
      absolute[r * k + q] = Number.isFinite(total) ? total * FIRST_ORDER_SLACK : 0;
    }
  }
  return { absolute, relative: 0, inputs: `N = ${n}, K = ${k}, λ = ${lambda}, g = ${g}` };
}
