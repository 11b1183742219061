/**
 * How far from Paddle's value a correct triplet loss may lie, and why (both triplet losses). Per row
 * of the last axis Paddle computes, in the dtype (reference/kernels/p_norm.ts),
 *
 *     v = (x − y) + eps,   d = pow(Σ pow(|v_i|, p), 1/p),   L = clip(d⁺ − d⁻ + margin, 0)
 *
 * with d⁻ the smaller of d(input, negative) and d(positive, negative) under swap. v is two
 * roundings every port makes alike. Paddle's pow is Eigen's generic_pow, not correctly rounded:
 * each pow is allowed ELEMENTARY_ULPS, ε = 4u relative. The sum of D positive terms, in any order,
 * is off by γ_D relative, so, to first order, per port
 *
 *     δ_d = |1/p|·(ε + γ_D) + ε   (p finite, not 0 or 1),   γ_D (p = 1: no pow),   0 (p = 0, ±inf)
 *
 * and the loss, d⁺ − d⁻ + margin added in any order (PyTorch takes (margin + d⁺) − d⁻), by
 * δ_d·(d⁺ + d⁻) + u·(d⁺ + d⁻ + |margin|) + u·|L| (the minimum moves nothing by more than its
 * operands' errors, so d⁻ is the larger of the two there). Two ports: twice that, A_i and r = 2u.
 *
 * The gradient of v_i through one norm is t_i·G, t_i = pow(|v_i|, p − 1) / pow(d, p − 1)·sign(v_i),
 * G the upstream over N for 'mean': two pows (2ε), d's own error raised to p − 1 (|p − 1|·δ_d),
 * the division, the product by G and by the sign, and G's own division by N (4u). input meets two
 * norms (three terms with positive and negative under swap): the bound adds |t_i·G| over every term
 * a tensor takes part in, so it holds where the terms cancel. Twice that for two ports, with
 * FIRST_ORDER_SLACK. Where the clip or the minimum switches within the bound no bound can hold;
 * the goldens keep such rows away from it. p = 0 and ±inf norms are exact (a count, a maximum), and
 * so are their gradients.
 */
import type { RequestJson } from '../../case.js';
import { roundTo } from '../../floats.js';
import { argsOf, type OpSignature } from '../../op.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, gamma, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';

/** The tolerance policies of a triplet loss, over its signature: derived per row of the last axis. */
export function tripletTolerance(signature: OpSignature): TolerancePolicies {
  const allowance = (r: RequestJson, f: string, u: number): Allowance | undefined => tripletAllowance(signature, r, f, u);
  return {
    output: { kind: 'derived', derivation: 'triplet: 2(δ_d(d⁺ + d⁻) + u(d⁺ + d⁻ + |margin|)) + 2u|L|, δ_d = |1/p|(ε + γ_D) + ε, ε = 4u per pow', allowance },
    reduced: { kind: 'summation' },
    grad: { kind: 'derived', derivation: 'triplet gradient: 2Σ|t_i·G|(2ε + |p − 1|δ_d + 4u) over the norms a tensor enters', allowance },
  };
}

type Rows = { values: number[][]; dtype: 'float32' | 'float64' };

/** The allowance of one field of a request, from its rows; undefined for a request that does not decode. */
function tripletAllowance(signature: OpSignature, request: RequestJson, field: string, u: number): Allowance | undefined {
  // A Python int comes as {"int": n}; swap is read by Python's truthiness.
  const args = Object.fromEntries(Object.entries(argsOf(signature, request)).map(([k, v]) => [k, typeof v === 'object' && v !== null && 'int' in v ? v.int : v]));
  const p = typeof args.p === 'number' ? args.p : args.p === 'Infinity' ? Infinity : args.p === '-Infinity' ? -Infinity : args.p === true ? 1 : 2;
  const eps = typeof args.epsilon === 'number' ? args.epsilon : args.epsilon === true ? 1 : 1e-6;
  const swap = args.swap !== undefined && args.swap !== null && args.swap !== false && args.swap !== 0 && args.swap !== '';
  const rows = Object.fromEntries(['input', 'positive', 'negative'].map((n) => [n, rowsOf(request, n)]));
  const [x, pos, neg] = [rows.input, rows.positive, rows.negative];
  if (!x || !pos || !neg || (field !== 'output' && (!Number.isFinite(p) || p === 0))) return undefined;
  const m = x.values[0]?.length ?? 0;
  const eps32 = roundTo(eps, x.dtype);
  const e = 2 * ELEMENTARY_ULPS * u;
  const deltaD = p === 0 || !Number.isFinite(p) ? 0 : p === 1 ? gamma(m, u) : Math.abs(1 / p) * (e + gamma(m, u)) + e;
  const margin = typeof args.margin === 'number' ? Math.abs(args.margin) : 1;
  const dist = (a: Rows, b: Rows, r: number): { d: number; v: number[] } => {
    const v = a.values[r]!.map((ai, i) => ai - b.values[r]![i]! + eps32);
    const norm = p === Infinity ? Math.max(...v.map(Math.abs)) : p === -Infinity ? Math.min(...v.map(Math.abs)) : p === 0 ? v.filter((vi) => vi !== 0).length : Math.pow(v.reduce((s, vi) => s + Math.pow(Math.abs(vi), p), 0), 1 / p);
    return { d: norm, v };
  };
  const n = x.values.length;
  const upstream = request.grad_output ? valuesOf(decodeTensor(request.grad_output)) : undefined;
  const mean = args.reduction === undefined || args.reduction === 'mean';
  const absolute: number[] = [];
  for (let r = 0; r < n; r++) {
    const terms = { dp: dist(x, pos, r), dn: dist(x, neg, r), ds: dist(pos, neg, r) };
    if (field === 'output') {
      const dMinus = swap ? Math.max(terms.dn.d, terms.ds.d) : terms.dn.d;
      absolute.push(2 * (deltaD * (terms.dp.d + dMinus) + u * (terms.dp.d + dMinus + margin)) * FIRST_ORDER_SLACK);
      continue;
    }
    const g = Math.abs(upstream ? (upstream.length === 1 ? upstream[0]! : upstream[r]!) : 1) / (mean ? Math.max(n, 1) : 1);
    const into = { input: [terms.dp, terms.dn], positive: [terms.dp, ...(swap ? [terms.ds] : [])], negative: [terms.dn, ...(swap ? [terms.ds] : [])] }[field.slice(5)] ?? [];
    for (let i = 0; i < m; i++) {
      const t = into.reduce((s, { d, v }) => s + Math.pow(Math.abs(v[i]!), p - 1) / Math.pow(d, p - 1), 0);
      absolute.push(2 * t * g * (2 * e + Math.abs(p - 1) * deltaD + 4 * u) * FIRST_ORDER_SLACK);
    }
  }
  const finite = Float64Array.from(absolute, (a) => (Number.isFinite(a) ? a : 0)); // a non-finite operand: the result must match exactly
  return { absolute: finite, relative: 2 * u * FIRST_ORDER_SLACK, inputs: `p = ${p}, D = ${m}, ${n} rows${swap ? ', swap' : ''}` };
}

/** A float tensor of the request as rows of its last axis (a 0-D or 1-D tensor is one row), in double; float16 and bfloat16 meet float32 (a 0-D one is promoted). */
function rowsOf(request: RequestJson, name: string): Rows | undefined {
  try {
    const t = decodeTensor(request.inputs[name]!);
    if (!['float32', 'float64', 'float16', 'bfloat16'].includes(t.dtype)) return undefined;
    const values = valuesOf(t);
    const m = t.shape.length === 0 ? 1 : t.shape[t.shape.length - 1]!;
    if (m === 0) return undefined;
    return { dtype: t.dtype === 'float64' ? 'float64' : 'float32', values: Array.from({ length: values.length / m }, (_, r) => values.slice(r * m, r * m + m)) };
  } catch {
    return undefined;
  }
}
