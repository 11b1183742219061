/**
 * How far from Paddle's value a correct hsigmoid_loss result may lie, and why.
 *
 * The only order the reference does not reproduce is MKL's DOT (rule hsigmoid-dot-mkl-order): for any order,
 * |dot − w·x| ≤ γ_D S with S = Σ_t |w_t||x_t| (Higham §3.1), so two ports' pre-activations v = b + dot differ by
 * Δ ≤ 2γ_D S + 2u|v| (the bias addition rounds each one). The clip does not widen it. Everything after is the same
 * sequence of roundings on inputs Δ apart, so it moves by the perturbation plus both sides' own roundings:
 *
 *     out = Σ_j sr(c_j) − Σ_bit c_j, sr' = σ ≤ 1:  Σ_j 2Δ_j
 *       + 2[Σ_j ((ε_e + u) + ε_l·sr_j) + γ_{2L}(Σ sr_j + Σ|c_j|) + u|out|]   (exp, 1 +, log; the two sums; the last add)
 *     g = (1 − 1/exp(sr) − bit)·dout, σ' ≤ 1/4:  Δg ≤ |dout|(Δ/4 + 2(ε_e + 3u)) + 2u|g|    (vsExp, 1/x, 1 −, × dout)
 *     a gradient Σ_k g_k·a_k over m terms:  Σ_k Δg_k|a_k| + 2γ_m Σ_k |g_k||a_k|
 *
 * with ε_e, ε_l = ELEMENTARY_ULPS·u, sr and c taken from the float64 pre-activations, every bound times
 * FIRST_ORDER_SLACK; a non-finite value must match exactly.
 */
import { codeTable } from '../../../reference/index.js';
import type { RequestJson } from '../../case.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, gamma, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';
import { toReference } from '../../reference_bridge.js';

const DERIVATION = 'MKL DOT in any order (2γ_D Σ|w||x|), then softrelu, its sums and the backward on inputs that far apart';

/** The tolerance policies of hsigmoid_loss. */
export function hsigmoidLossTolerance(): TolerancePolicies {
  const policy = { kind: 'derived' as const, derivation: DERIVATION, allowance };
  return { output: policy, reduced: policy, grad: policy };
}

function allowance(request: RequestJson, field: string, u: number): Allowance | undefined {
  try {
    const t = (name: string) => (request.inputs[name] ? toReference(decodeTensor(request.inputs[name]!)) : undefined);
    const [x, w, b, label] = [t('input')!, t('weight')!, t('bias'), t('label')!];
    const classes = (request.kwargs?.num_classes as { int: number } | number | undefined) ?? 2;
    const table = codeTable(label, x.shape[0]!, typeof classes === 'number' ? classes : classes.int, t('path_table'), t('path_code'));
    const [n, f, width] = [x.shape[0]!, x.shape[1]!, table.width];
    const eps = ELEMENTARY_ULPS * u;
    const dout = Array.isArray(request.grad_output) || !request.grad_output ? Array<number>(n).fill(1) : valuesOf(decodeTensor(request.grad_output)).map(Math.abs);
    const out = new Float64Array(n);
    const gx = new Float64Array(n * f), gw = new Float64Array(w.size), gb = new Float64Array(b?.size ?? 0);
    const gwAbs = new Float64Array(w.size), gbAbs = new Float64Array(b?.size ?? 0);
    const terms = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      let [pert, own, sum] = [0, 0, 0];
      table.nodes[i]!.forEach((node, j) => {
        let [s, v] = [Math.abs(b?.at(node) ?? 0), b?.at(node) ?? 0];
        for (let k = 0; k < f; k++) { s += Math.abs(w.at(node * f + k) * x.at(i * f + k)); v += w.at(node * f + k) * x.at(i * f + k); }
        const c = Math.min(Math.max(v, -40), 40);
        const delta = 2 * gamma(f, u) * s + 2 * u * Math.abs(v);
        const sr = Math.log1p(Math.exp(c));
        pert += 2 * delta;
        own += eps + u + eps * sr;
        sum += sr + Math.abs(c);
        const g = Math.abs(1 / (1 + Math.exp(-c)) - (table.bits[i]![j] ? 1 : 0)) * dout[i]!;
        const dg = dout[i]! * (delta / 4 + 2 * (eps + 3 * u)) + 2 * u * g;
        for (let k = 0; k < f; k++) {
          const [wk, xk] = [Math.abs(w.at(node * f + k)), Math.abs(x.at(i * f + k))];
          gx[i * f + k] = gx[i * f + k]! + dg * wk + 2 * gamma(table.nodes[i]!.length, u) * g * wk;
          gw[node * f + k] = gw[node * f + k]! + dg * xk;
          gwAbs[node * f + k] = gwAbs[node * f + k]! + g * xk;
        }
        if (b) {
          gb[node] = gb[node]! + dg;
          gbAbs[node] = gbAbs[node]! + g;
        }
        terms.set(node, (terms.get(node) ?? 0) + 1);
      });
      sum += (width - table.nodes[i]!.length) * Math.LN2;
      out[i] = pert + 2 * (own + gamma(2 * width, u) * sum + u * sum);
    }
    // The weight's and bias's sums over the m terms of each node: 2γ_m Σ|g||a|.
    terms.forEach((m, node) => {
      for (let k = 0; k < f; k++) gw[node * f + k] = gw[node * f + k]! + 2 * gamma(m, u) * gwAbs[node * f + k]!;
      if (b) gb[node] = gb[node]! + 2 * gamma(m, u) * gbAbs[node]!;
    });
    const slack = (a: Float64Array): Float64Array => a.map((v) => v * FIRST_ORDER_SLACK);
    const inputs = `N = ${n}, D = ${f}, L = ${width}`;
    if (field === 'output') return { absolute: slack(out), relative: 0, inputs };
    const grads: Record<string, Float64Array> = { 'grad.input': gx, 'grad.weight': gw, 'grad.bias': gb };
    return grads[field] ? { absolute: slack(grads[field]!), relative: 0, inputs } : undefined;
  } catch {
    return undefined;
  }
}
