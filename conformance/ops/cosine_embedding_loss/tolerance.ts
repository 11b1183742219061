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
 * Below the normal range (tolerance.ts, Underflow: a rounding there is off
 * by up to τ/2, τ the subnormal spacing; an addition there is exact), per
 * port:
 *
 *   - the loss: each product x_i·y_i below the smallest normal puts τ/2 into
 *     dot, which the division by d = sqrt(m_x·m_y) ≥ eps carries into cos
 *     (τ/2 / d each: up to 7e-35 in float32, every port forms these
 *     products); each subnormal square puts τ/2 into m_x or m_y, reaching
 *     cos times |cos|/(2m); and cos itself, where subnormal, is one more
 *     rounding (τ/2). They join |Δcos|, and through it the gradient. 1 − cos
 *     is 0 or normal, and cos − margin and the clip add nothing below the
 *     normal range (exact there).
 *   - the gradient: each term's last two roundings, multiplied afterwards
 *     by at most max(1, |G|) (y_i/d then G, or cos·x_i/m_x's last product
 *     then G): 4·τ/2·max(1, |G|). And Paddle's own chain, which forms the
 *     second term as ((((−G·cos)/d)·0.5)/d)·m_y·2·x_i and the first as
 *     (G/d)·y_i: each of those steps that lies below the smallest normal
 *     adds τ/2 times the product of the factors still to come (for G/d
 *     that is |y_i|; for −G·cos it is |x_i|/m_x), and G itself when mean's
 *     g/N is subnormal.
 *
 * A port that forms other subnormal values and multiplies them by large
 * factors lies outside: in float32, cos·x_i first (7.2e-32 × 8.5e-22
 * underflows to 0) then divided by m_x = 1e-11 loses a gradient of 6.1e-42
 * that Paddle keeps (special_values, probe squares_underflow); the
 * explainer names such a value (explain.ts).
 *
 * Every bound is multiplied by FIRST_ORDER_SLACK. The eps itself is not a
 * rounding error: a port with another eps (PyTorch's 1e-12) differs by about
 * |cos|·Δeps/m, beyond the bound wherever m is small, and the cases that
 * show it cite rule `cosine-eps-added-to-each-squared-norm`.
 */
import type { RequestJson } from '../../case.js';
import { MIN_NORMAL, roundTo } from '../../floats.js';
import { reductionOf, type OpSignature } from '../../op.js';
import { FAST_SQRT_ULPS, FIRST_ORDER_SLACK, gamma, subnormalFloor, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf, type WireTensor } from '../../wire.js';

/** The tolerance policies of cosine_embedding_loss, over its signature: derived per row from the request's vectors. */
export function cosineTolerance(signature: OpSignature): TolerancePolicies {
  return {
    output: {
      kind: 'derived',
      derivation: 'cosine: 2(γ_D·κ + |cos|(γ_{D+1} + 2.5u + 2ε_s) + τ/2·(subnormal x_i·y_i / d + |cos|·subnormal squares / 2m + 1 if cos is)) + 2u|loss|, ε_s = 8u per sqrt',
      allowance: (request, field, u, tiny) => lossAllowance(signature, request, field, u, tiny),
    },
    reduced: { kind: 'summation' },
    grad: {
      kind: 'derived',
      derivation: "cosine gradient: twice the first-order error of G·(y_i/d − cos·x_i/m_x), with 4·τ/2·max(1, |G|) and τ/2 for each of Paddle's steps below the normal range",
      allowance: (request, field, u, tiny) => gradAllowance(signature, request, field, u, tiny),
    },
  };
}

/** The epsilon Paddle adds to each squared norm (the Python literal 10e-12). */
const EPS = 10e-12;

/** One row's ingredients, in float64: the cosine, κ, the two squared norms with eps, and how many of its products and squares lie below the smallest normal. */
interface Row {
  cos: number;
  kappa: number;
  mx: number;
  my: number;
  /** Nonzero products x_i·y_i, squares x_i² and y_i² below the dtype's smallest normal. */
  subnormal: { products: number; xx: number; yy: number };
}

/** The operands of a well-formed request, split into rows of its last axis. */
interface Rows {
  rows: Row[];
  x: number[][];
  y: number[][];
  /** The row each loss element comes from, and its label. */
  losses: Array<{ row: number; label: number }>;
  d: number;
  /** The smallest normal of the dtype, with FIRST_ORDER_SLACK: a value below it may be subnormal in some port. */
  normal: number;
}

/** The loss's allowance: one per loss element, from the row behind it. */
function lossAllowance(signature: OpSignature, request: RequestJson, field: string, u: number, tiny: number): Allowance | undefined {
  const r = field === 'output' ? rowsOf(signature, request) : undefined;
  if (!r) return undefined;
  const absolute = Float64Array.from(r.losses, ({ row, label }) => (branch(label) === 0 ? 0 : 2 * cosError(r.rows[row]!, r, u, tiny) * FIRST_ORDER_SLACK));
  return { absolute, relative: 2 * u * FIRST_ORDER_SLACK, inputs: `D = ${r.d}, ${r.rows.length} row(s)` };
}

/** The gradient's allowance for input1 or input2: per element, from its row and the upstream gradients the row receives. */
function gradAllowance(signature: OpSignature, request: RequestJson, field: string, u: number, tiny: number): Allowance | undefined {
  const self = field === 'grad.input1' ? 'x' : field === 'grad.input2' ? 'y' : undefined;
  const r = self ? rowsOf(signature, request) : undefined;
  if (!r || !self) return undefined;
  const upstream = rowUpstream(signature, request, r);
  const absolute = new Float64Array(r.rows.length * r.d);
  r.rows.forEach((row, k) => {
    const [mine, other, mSelf, mOther] = self === 'x' ? [r.x[k]!, r.y[k]!, row.mx, row.my] : [r.y[k]!, r.x[k]!, row.my, row.mx];
    const g = upstream[k]!.reduce((a, b) => a + b, 0);
    const dc = cosError(row, r, u, tiny);
    const dd = denominatorError(r.d, u);
    const d = Math.sqrt(mSelf * mOther);
    for (let i = 0; i < r.d; i++) {
      const first = (Math.abs(other[i]!) / d) * (dd + 2 * u);
      const second = (Math.abs(mine[i]!) / mSelf) * (dc + Math.abs(row.cos) * (gamma(r.d + 1, u) + 2 * dd + 6 * u));
      // A row no ±1 label reads gets an exact 0 gradient in every port: no floor.
      const anyOrder = upstream[k]!.length === 0 ? 0 : subnormalFloor(tiny, 4, Math.max(1, g)) / 2;
      const floor = anyOrder + upstream[k]!.reduce((a, G) => a + paddleChainFloor(G, row.cos, d, mSelf, mOther, mine[i]!, other[i]!, r.normal, tiny), 0);
      absolute[k * r.d + i] = 2 * (g * (first + second) + floor) * FIRST_ORDER_SLACK;
    }
  });
  return { absolute, relative: 2 * u * FIRST_ORDER_SLACK, inputs: `D = ${r.d}, ${r.rows.length} row(s)` };
}

/**
 * Paddle's own subnormal roundings in one loss's gradient at element i
 * (the header's chain), each τ/2 times the factors still to come: G (mean's
 * g/N), G/d then ·y_i, and −G·cos, /d, ·0.5, /d, ·m_other, ·2 then ·x_i.
 */
function paddleChainFloor(G: number, cos: number, d: number, mSelf: number, mOther: number, mine: number, other: number, normal: number, tiny: number): number {
  if (G === 0 || !Number.isFinite(G) || !Number.isFinite(cos) || !Number.isFinite(d)) return 0;
  const x = Math.abs(mine);
  const y = Math.abs(other);
  const c = Math.abs(cos);
  // [value formed, what multiplies it afterwards] along Paddle's two terms.
  const steps: Array<[number, number]> = [
    [G, y / d + (c * x) / mSelf],
    [G / d, y],
    [G * c, x / mSelf],
    [(G * c) / d, (mOther * x) / d],
    [(0.5 * G * c) / d, (2 * mOther * x) / d],
    [(0.5 * G * c) / d / d, 2 * mOther * x],
    [((0.5 * G * c) / d / d) * mOther, 2 * x],
    [((G * c) / d / d) * mOther, x],
  ];
  return steps.reduce((sum, [value, after]) => (value !== 0 && value < normal ? sum + subnormalFloor(tiny, 1, after) / 2 : sum), 0);
}

/** δ_d: the relative error of sqrt(m_x·m_y) (or sqrt(m_x)·sqrt(m_y)) in one port. */
function denominatorError(d: number, u: number): number {
  return gamma(d + 1, u) + 1.5 * u + 2 * (2 * FAST_SQRT_ULPS * u);
}

/**
 * |Δcos| of one port: the dot product's error through κ, the denominator's
 * and the division's through |cos|, and the subnormal products, squares and
 * cos itself (τ/2 each, carried into cos).
 */
function cosError(row: Row, r: Pick<Rows, 'd' | 'normal'>, u: number, tiny: number): number {
  if (!Number.isFinite(row.cos) || !Number.isFinite(row.kappa)) return 0;
  const den = Math.sqrt(row.mx * row.my);
  const c = Math.abs(row.cos);
  const underflow = (subnormalFloor(tiny, row.subnormal.products, 1 / den) + subnormalFloor(tiny, row.subnormal.xx, c / (2 * row.mx)) + subnormalFloor(tiny, row.subnormal.yy, c / (2 * row.my)) + (c !== 0 && c < r.normal ? tiny : 0)) / 2;
  return gamma(r.d, u) * row.kappa + c * (denominatorError(r.d, u) + u) + underflow;
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
  const normal = MIN_NORMAL[dtype] * FIRST_ORDER_SLACK;
  const rows = x.map((xr, k) => rowOf(xr, y[k]!, eps, normal));
  const labels = valuesOf(l);
  const count = n === 1 ? labels.length : n;
  if (n !== 1 && labels.length !== 1 && labels.length !== n) return undefined;
  const losses = Array.from({ length: count }, (_, k) => ({ row: n === 1 ? 0 : k, label: labels[labels.length === 1 ? 0 : k]! }));
  return { rows, x, y, losses, d, normal };
}

/** One row's cosine, κ and squared norms, in float64, with its products and squares below `normal` counted. */
function rowOf(x: number[], y: number[], eps: number, normal: number): Row {
  let dot = 0;
  let abs = 0;
  let mx = eps;
  let my = eps;
  const subnormal = { products: 0, xx: 0, yy: 0 };
  const below = (v: number): number => (v !== 0 && Math.abs(v) < normal ? 1 : 0);
  x.forEach((xi, i) => {
    const yi = y[i]!;
    dot += xi * yi;
    abs += Math.abs(xi * yi);
    mx += xi * xi;
    my += yi * yi;
    subnormal.products += below(xi * yi);
    subnormal.xx += below(xi * xi);
    subnormal.yy += below(yi * yi);
  });
  const d = Math.sqrt(mx * my);
  return { cos: dot / d, kappa: abs / d, mx, my, subnormal };
}

/** |G| of every ±1-labelled loss element each row feeds (over the count for mean); the gradient bound adds them up. */
function rowUpstream(signature: OpSignature, request: RequestJson, r: Rows): number[][] {
  const reduction = reductionOf(signature, request);
  let upstream: number[] = [];
  try {
    upstream = request.grad_output ? valuesOf(decodeTensor(request.grad_output)) : [];
  } catch {
    upstream = [];
  }
  const at = (k: number): number => Math.abs(upstream.length === 0 ? 1 : upstream[reduction === 'none' ? k : 0] ?? 1);
  const scale = reduction === 'mean' && r.losses.length > 0 ? 1 / r.losses.length : 1;
  const g = Array.from({ length: r.rows.length }, () => [] as number[]);
  r.losses.forEach(({ row, label }, k) => {
    if (branch(label) !== 0) g[row]!.push(at(k) * scale);
  });
  return g;
}
