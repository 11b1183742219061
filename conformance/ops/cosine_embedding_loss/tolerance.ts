/**
 * How far from Paddle's value a correct cosine_embedding_loss result may lie,
 * and why. For one row x, y of length D (the last axis), Paddle computes
 *
 *     dot = Σ x_i·y_i,   m_x = Σ x_i² + eps,   m_y = Σ y_i² + eps
 *     cos = dot / sqrt(m_x · m_y)
 *     loss = 1 − cos (label 1),  max(cos − margin, 0) (label −1),  0 otherwise
 *
 * A correct port may add in any order, take sqrt(m_x)·sqrt(m_y) where m_x·m_y
 * is finite, and use any sqrt within FAST_SQRT_ULPS = 4 ulps (Paddle's own
 * float32 sqrt is that far off): ε_s = 8u. Where m_x·m_y overflows while each
 * norm is finite, Paddle's denominator is inf and its cosine 0 (rule
 * `cosine-norms-multiplied-before-sqrt`): no rounding error, so no bound here;
 * sqrt(m_x)·sqrt(m_y) is that rule's alternative (the mutant
 * cosine-sqrt-of-each-norm), passed by every spec case and failed by the
 * paddle cases that overflow. With Higham's γ_k = k·u/(1 − k·u), to first order:
 *
 *     |Δdot| ≤ γ_D · Σ|x_i·y_i|                     (any order)
 *     m_x, m_y: relative ≤ γ_{D+1}                  (positive terms, + eps)
 *     sqrt(m_x·m_y): relative ≤ δ_d = γ_{D+1} + 1.5u + 2ε_s
 *     |Δcos| ≤ γ_D·κ + |cos|·(δ_d + u),   κ = Σ|x_i·y_i| / sqrt(m_x·m_y) ≤ 1
 *
 * and the last subtraction (1 − cos, or cos − margin, then a clip that moves
 * nothing by more) adds u·|loss|. Two ports lie within twice that of each
 * other: A_row = 2·|Δcos|, r = 2u. κ and cos come from the request's rows.
 *
 * The gradient with respect to x_i is G·(y_i/d − cos·x_i/m_x), d =
 * sqrt(m_x·m_y), G = ∓g for label ±1 (0 for other labels). Per port, the
 * first term is off by |G|·|y_i|/d·(δ_d + 2u); the second by
 * |G|·|x_i|/m_x·(|Δcos| + |cos|·(γ_{D+1} + 2δ_d + 6u)) (Paddle forms it as
 * dot·m_y·x_i/d³, with the same terms), and their difference by u·|grad|.
 * Twice that for two ports, with G summed over the losses a row feeds.
 * Where a gradient switches on or off at the clip (cos = margin) no bound
 * can hold; the goldens keep such rows exact (rule
 * `clip-grad-passes-at-bounds`).
 *
 * Every bound is multiplied by FIRST_ORDER_SLACK. The eps itself is not a
 * rounding error: a port with another eps (PyTorch's 1e-12) differs by about
 * |cos|·Δeps/m, beyond the bound wherever m is small, and the cases that
 * show it cite rule `cosine-eps-added-to-each-squared-norm`.
 */
import type { RequestJson } from '../../case.js';
import { roundTo } from '../../floats.js';
import { reductionOf, type OpSignature } from '../../op.js';
import { FAST_SQRT_ULPS, FIRST_ORDER_SLACK, gamma, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf, type WireTensor } from '../../wire.js';

/** The tolerance policies of cosine_embedding_loss, over its signature: derived per row from the request's vectors. */
export function cosineTolerance(signature: OpSignature): TolerancePolicies {
  return {
    output: { kind: 'derived', derivation: 'cosine: 2(γ_D·κ + |cos|(γ_{D+1} + 2.5u + 2ε_s)) + 2u|loss|, ε_s = 8u per sqrt', allowance: (request, field, u) => lossAllowance(signature, request, field, u) },
    reduced: { kind: 'summation' },
    grad: { kind: 'derived', derivation: 'cosine gradient: twice the first-order error of G·(y_i/d − cos·x_i/m_x)', allowance: (request, field, u) => gradAllowance(signature, request, field, u) },
  };
}

/** The epsilon Paddle adds to each squared norm (the Python literal 10e-12). */
const EPS = 10e-12;

/** One row's ingredients, in float64: the cosine, κ, and the two squared norms with eps. */
interface Row {
  cos: number;
  kappa: number;
  mx: number;
  my: number;
}

/** The operands of a well-formed request, split into rows of its last axis. */
interface Rows {
  rows: Row[];
  x: number[][];
  y: number[][];
  /** The row each loss element comes from, and its label. */
  losses: Array<{ row: number; label: number }>;
  d: number;
}

/** The loss's allowance: one per loss element, from the row behind it. */
function lossAllowance(signature: OpSignature, request: RequestJson, field: string, u: number): Allowance | undefined {
  const r = field === 'output' ? rowsOf(signature, request) : undefined;
  if (!r) return undefined;
  const absolute = Float64Array.from(r.losses, ({ row, label }) => (branch(label) === 0 ? 0 : 2 * cosError(r.rows[row]!, r.d, u) * FIRST_ORDER_SLACK));
  return { absolute, relative: 2 * u * FIRST_ORDER_SLACK, inputs: `D = ${r.d}, ${r.rows.length} row(s)` };
}

/** The gradient's allowance for input1 or input2: per element, from its row and the upstream gradient the row receives. */
function gradAllowance(signature: OpSignature, request: RequestJson, field: string, u: number): Allowance | undefined {
  const self = field === 'grad.input1' ? 'x' : field === 'grad.input2' ? 'y' : undefined;
  const r = self ? rowsOf(signature, request) : undefined;
  if (!r || !self) return undefined;
  const g = rowUpstream(signature, request, r);
  const absolute = new Float64Array(r.rows.length * r.d);
  r.rows.forEach((row, k) => {
    const [mine, other, mSelf, mOther] = self === 'x' ? [r.x[k]!, r.y[k]!, row.mx, row.my] : [r.y[k]!, r.x[k]!, row.my, row.mx];
    const dc = cosError(row, r.d, u);
    const dd = denominatorError(r.d, u);
    const d = Math.sqrt(mSelf * mOther);
    for (let i = 0; i < r.d; i++) {
      const first = (Math.abs(other[i]!) / d) * (dd + 2 * u);
      const second = (Math.abs(mine[i]!) / mSelf) * (dc + Math.abs(row.cos) * (gamma(r.d + 1, u) + 2 * dd + 6 * u));
      absolute[k * r.d + i] = 2 * g[k]! * (first + second) * FIRST_ORDER_SLACK;
    }
  });
  return { absolute, relative: 2 * u * FIRST_ORDER_SLACK, inputs: `D = ${r.d}, ${r.rows.length} row(s)` };
}

/** δ_d: the relative error of sqrt(m_x·m_y) (or sqrt(m_x)·sqrt(m_y)) in one port. */
function denominatorError(d: number, u: number): number {
  return gamma(d + 1, u) + 1.5 * u + 2 * (2 * FAST_SQRT_ULPS * u);
}

/** |Δcos| of one port: the dot product's error through κ, and the denominator's and the division's through |cos|. */
function cosError(row: Row, d: number, u: number): number {
  if (!Number.isFinite(row.cos) || !Number.isFinite(row.kappa)) return 0;
  return gamma(d, u) * row.kappa + Math.abs(row.cos) * (denominatorError(d, u) + u);
}

/**
 * −1 → clip branch, 1 → 1 − cos, anything else contributes 0 (rule
 * `cosine-other-labels-contribute-zero`): Paddle's float equal, |y ∓ 1| < 1e-15
 * (rule `equal-float-tolerance`), so a float64 label within 4 ulps of ±1 counts as ±1.
 */
function branch(label: number): number {
  return Math.abs(label - 1) < 1e-15 ? 1 : Math.abs(label + 1) < 1e-15 ? -1 : 0;
}

/** The request's rows and the row behind each loss element; undefined for requests Paddle refuses or that do not decode. */
function rowsOf(signature: OpSignature, request: RequestJson): Rows | undefined {
  let a: WireTensor, b: WireTensor, l: WireTensor;
  try {
    [a, b, l] = signature.tensors.map((n) => decodeTensor(request.inputs[n])) as [WireTensor, WireTensor, WireTensor];
  } catch {
    return undefined;
  }
  if (a.shape.join() !== b.shape.join() || a.shape.length > 2 || l.shape.length > 1) return undefined;
  const dtype = a.dtype === 'float64' ? 'float64' : 'float32';
  const d = a.shape.length === 0 ? 1 : a.shape[a.shape.length - 1]!;
  const n = a.shape.length === 2 ? a.shape[0]! : 1;
  const split = (t: WireTensor): number[][] => {
    const values = valuesOf(t);
    return Array.from({ length: n }, (_, k) => values.slice(k * d, k * d + d));
  };
  const x = split(a);
  const y = split(b);
  const eps = roundTo(EPS, dtype);
  const rows = x.map((xr, k) => rowOf(xr, y[k]!, eps));
  const labels = valuesOf(l);
  const count = n === 1 ? labels.length : n;
  if (n !== 1 && labels.length !== 1 && labels.length !== n) return undefined;
  const losses = Array.from({ length: count }, (_, k) => ({ row: n === 1 ? 0 : k, label: labels[labels.length === 1 ? 0 : k]! }));
  return { rows, x, y, losses, d };
}

/** One row's cosine, κ and squared norms, in float64. */
function rowOf(x: number[], y: number[], eps: number): Row {
  let dot = 0;
  let abs = 0;
  let mx = eps;
  let my = eps;
  x.forEach((xi, i) => {
    const yi = y[i]!;
    dot += xi * yi;
    abs += Math.abs(xi * yi);
    mx += xi * xi;
    my += yi * yi;
  });
  const d = Math.sqrt(mx * my);
  return { cos: dot / d, kappa: abs / d, mx, my };
}

/** Σ|G| each row receives: the upstream gradient of every ±1-labelled loss element it feeds (over the count for mean). */
function rowUpstream(signature: OpSignature, request: RequestJson, r: Rows): number[] {
  const reduction = reductionOf(signature, request);
  let upstream: number[] = [];
  try {
    upstream = request.grad_output ? valuesOf(decodeTensor(request.grad_output)) : [];
  } catch {
    upstream = [];
  }
  const at = (k: number): number => Math.abs(upstream.length === 0 ? 1 : upstream[reduction === 'none' ? k : 0] ?? 1);
  const scale = reduction === 'mean' && r.losses.length > 0 ? 1 / r.losses.length : 1;
  const g = new Array<number>(r.rows.length).fill(0);
  r.losses.forEach(({ row, label }, k) => {
    if (branch(label) !== 0) g[row] = g[row]! + at(k) * scale;
  });
  return g;
}
