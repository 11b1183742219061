/**
 * How far from Paddle's value a correct adaptive_log_softmax_with_loss result may lie, and why.
 *
 * Every value goes through linear layers, whose dot products MKL sums in an order that depends on the
 * tile (kernels/matmul.ts): each is bounded for any order, |Δ| ≤ 2γ_k·Σ|a_t||b_t| for two ports (Higham §3.1).
 * The log-softmax of a row of C logits, s_j = max(z_j − max z, −64) (each s_j moves by at most 2·max|Δz|),
 * lp = s_y − log Σ exp(s_j), moves by at most 4·max|Δz| over both ports' logits, plus its own rounding:
 * 2(ε_e + γ_{C+1} + 64u) absolute and 2(ε_l + 3u)|lp| (cross_entropy's derivation of a log-softmax,
 * logSoftmaxRoundings in conformance/softmax_bounds.ts).
 *
 *     output[r] = lp_head[r, g_r] (+ lp_cluster[r, y_r − c]):  A_r = Σ of both paths' absolutes, r = 2(ε_l + 3u) + 2u
 *     loss = mean(−output):  every output ≤ 0, so Σ|output| / N = |loss|: ΣA_r / N and r + 2γ_{N+1}
 *
 * Gradients: the upstream of output[r] is Ĝ_r = |g_r| + |g_loss| / N. The log-softmax's backward
 * dz = Ĝ(onehot − p) has Σ_j |dz_j| ≤ 2Ĝ and moves by D = 2Ĝ(4·max|Δz| + its absolute + r + (ε_e + 2)u)
 * (p = exp(lp) carries lp's error, |lp|·p ≤ 1). A product a·dz over k terms then lies within
 * Σ|a|·(2γ_k·2Ĝ + D) (the dot product's order and dz's error), and a chained one (the tail's dh = dz·Oᵀ,
 * then dP = xᵀ·dh and dx = dh·Pᵀ) carries the first one's bound as its operand's error. Each gradient of
 * input adds the head's and the cluster's parts (2u|G| for the sum). Every bound carries FIRST_ORDER_SLACK,
 * and a non-finite value must match exactly.
 */
import type { RequestJson } from '../../case.js';
import { argsOf, type OpSignature } from '../../op.js';
import { logSoftmaxRoundings } from '../../softmax_bounds.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, gamma, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';

type Matrix = { rows: number; cols: number; v: number[] };

const DERIVATION = 'linear layers in any order (2γ_k Σ|a||b|), log-softmax 4·max|Δz| + 2(ε_e + γ_{C+1} + 64u) + 2(ε_l + 3u)|lp|, chained through the backward';

/** The tolerance policies of adaptive_log_softmax_with_loss over its signature. */
export function adaptiveLogSoftmaxTolerance(signature: OpSignature): TolerancePolicies {
  const policy = { kind: 'derived' as const, derivation: DERIVATION, allowance: (r: RequestJson, f: string, u: number) => allowance(signature, r, f, u) };
  return { output: policy, reduced: policy, grad: policy };
}

function matrix(request: RequestJson, name: string): Matrix | undefined {
  const json = request.inputs[name];
  if (json === undefined) return undefined;
  const t = decodeTensor(json);
  const [rows, cols] = t.shape.length === 2 ? [t.shape[0]!, t.shape[1]!] : [1, t.shape[0] ?? 1];
  return { rows, cols, v: valuesOf(t).map(Math.abs) };
}

/** |a|·|b| for matrices of absolute values. */
function abs(a: Matrix, b: Matrix, transA = false): Matrix {
  const [n, k] = transA ? [a.cols, a.rows] : [a.rows, a.cols];
  const at = (i: number, t: number): number => (transA ? a.v[t * a.cols + i]! : a.v[i * a.cols + t]!);
  const v = new Array<number>(n * b.cols).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < b.cols; j++) for (let t = 0; t < k; t++) v[i * b.cols + j] = v[i * b.cols + j]! + at(i, t) * b.v[t * b.cols + j]!;
  return { rows: n, cols: b.cols, v };
}

const map = (m: Matrix, f: (x: number, i: number) => number): Matrix => ({ ...m, v: m.v.map(f) });
const transpose = (m: Matrix): Matrix => ({ rows: m.cols, cols: m.rows, v: Array.from({ length: m.v.length }, (_, k) => m.v[(k % m.rows) * m.cols + Math.floor(k / m.rows)]!) });
const rowMax = (m: Matrix, r: number): number => Math.max(0, ...m.v.slice(r * m.cols, (r + 1) * m.cols));

function allowance(signature: OpSignature, request: RequestJson, field: string, u: number): Allowance | undefined {
  try {
    const x = matrix(request, 'input')!;
    const labels = valuesOf(decodeTensor(request.inputs.label!));
    const cutoffs = argsOf(signature, request).cutoffs as unknown as number[];
    const n = labels.length;
    const eps = ELEMENTARY_ULPS * u;
    const rel = logSoftmaxRoundings(1, u).relative;
    const lsAbs = (c: number): number => logSoftmaxRoundings(c, u).absolute;
    const grads = Array.isArray(request.grad_output) ? request.grad_output : undefined;
    const upstream = (i: number): number[] | undefined => (grads?.[i] ? valuesOf(decodeTensor(grads[i]!)).map(Math.abs) : grads ? undefined : [1]);
    const [gOut, gLoss] = [upstream(0), upstream(1)];
    const G = labels.map((_, r) => (gOut ? gOut[r] ?? gOut[0]! : 0) + (gLoss ? gLoss[0]! / n : 0));
    const out = new Array<number>(n).fill(0);
    const add: Record<string, number[]> = {};
    const plus = (name: string, size: number, i: number, v: number): void => {
      const t = (add[name] ??= new Array<number>(size).fill(0));
      t[i] = t[i]! + v;
    };
    // One linear-then-log-softmax path over rows `rows` of x: layers [W] (head) or [P, O] (a tail).
    const path = (rows: number[], layers: Array<{ name: string; m: Matrix }>, bias: Matrix | undefined): void => {
      const xs: Matrix = { rows: rows.length, cols: x.cols, v: rows.flatMap((r) => x.v.slice(r * x.cols, (r + 1) * x.cols)) };
      // Forward: each layer's |a||b| and its error Δ (the operand's error carried through |b|).
      let a = xs, err = map(xs, () => 0);
      const acts: Array<{ a: Matrix; err: Matrix }> = [];
      for (const [li, { m }] of layers.entries()) {
        acts.push({ a, err });
        const s = abs(a, m);
        const extra = li === layers.length - 1 && bias ? 1 : 0;
        const carried = abs(err, m);
        err = map(s, (v, i) => 2 * gamma(a.cols + extra, u) * (v + (extra ? bias!.v[i % s.cols]! : 0)) + carried.v[i]!);
        a = map(s, (v, i) => v + (extra ? bias!.v[i % s.cols]! : 0));
      }
      const c = a.cols;
      rows.forEach((r, k) => (out[r] = out[r]! + 4 * rowMax(err, k) + lsAbs(c)));
      // Backward: dz's bound 2Ĝ and its error D, then each layer's operand and weight gradients.
      let dz = map(a, (_, i) => 2 * G[rows[Math.floor(i / c)]!]!);
      let dErr = map(a, (_, i) => { const k = Math.floor(i / c); return 2 * G[rows[k]!]! * (4 * rowMax(err, k) + lsAbs(c) + rel + (eps + 2 * u)); });
      if (bias) for (let j = 0; j < c; j++) plus('head_bias', c, j, rows.reduce((s, _, k) => s + 2 * gamma(rows.length, u) * dz.v[k * c + j]! + dErr.v[k * c + j]!, 0));
      for (let li = layers.length - 1; li >= 0; li--) {
        const { a: op, err: opErr } = acts[li]!;
        const w = layers[li]!.m;
        const dw = abs(op, map(dz, (v, i) => 2 * gamma(op.rows, u) * v + dErr.v[i]!), true);
        const dwCarried = abs(opErr, dz, true);
        dw.v.forEach((v, i) => plus(layers[li]!.name, dw.v.length, i, v + dwCarried.v[i]!));
        const wt = transpose(w);
        const dop = abs(dz, wt), dopErr = abs(map(dz, (v, i) => 2 * gamma(w.cols, u) * v + dErr.v[i]!), wt);
        [dz, dErr] = [dop, dopErr];
      }
      rows.forEach((r, k) => { for (let t = 0; t < x.cols; t++) plus('input', x.rows * x.cols, r * x.cols + t, dErr.v[k * x.cols + t]! + 2 * u * dz.v[k * x.cols + t]!); });
    };
    const all = labels.map((_, r) => r);
    path(all, [{ name: 'head_weight', m: matrix(request, 'head_weight')! }], matrix(request, 'head_bias'));
    const bounds = [0, ...cutoffs];
    for (let i = 1; i + 1 < bounds.length; i++) {
      const rows = all.filter((r) => labels[r]! >= bounds[i]! && labels[r]! < bounds[i + 1]!);
      const [p, o] = [`tail_weights.${i - 1}.0`, `tail_weights.${i - 1}.1`];
      if (rows.length > 0 && request.inputs[p] && request.inputs[o]) path(rows, [{ name: p, m: matrix(request, p)! }, { name: o, m: matrix(request, o)! }], undefined);
    }
    const slack = (v: number): number => v * FIRST_ORDER_SLACK;
    if (field === 'output.output') return { absolute: Float64Array.from(out, slack), relative: slack(rel + 2 * u), inputs: `N = ${n}, F = ${x.cols}` };
    if (field === 'output.loss') return { absolute: slack(out.reduce((s, v) => s + v, 0) / Math.max(n, 1)), relative: slack(rel + 2 * u + 2 * gamma(n + 1, u)), inputs: `N = ${n}` };
    const name = field.replace(/^grad\./, '');
    if (!field.startsWith('grad.') || !add[name]) return undefined;
    return { absolute: Float64Array.from(add[name]!, slack), relative: slack(2 * u), inputs: `N = ${n}, Ĝ ≤ ${Math.max(0, ...G)}` };
  } catch {
    return undefined;
  }
}
