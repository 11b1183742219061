/**
 * How far from Paddle's value a correct ctc_loss result may lie, and why. Paddle's warp-ctc takes a softmax of each
 * frame in the dtype (expf, a sum in order, a division) and runs log-space recursions over the 2L + 1 states of each
 * sequence (reference/kernels/warpctc.ts); a correct port (PyTorch's ctc_loss given log_softmax(x)) takes the
 * log-softmax in its own order and adds its log-sum-exps in the dtype. Absolute errors of one port, to first order,
 * u the unit roundoff and ε = 2·ELEMENTARY_ULPS·u the relative error of one exp or log:
 *
 * - log p. M_t = the largest |log p_t(k)| over the classes k of the sequence's states (blank and its labels);
 *   δ_t = logSoftmaxErrorBound(M_t, C, u) (cross_entropy's, rigorous: the shift, C exps, the sum in any order, the
 *   division or log_softmax's subtraction, the log), an error of either implementation of log p.
 * - Magnitudes. Every α_t(s) is a log of a sum of path probabilities, so in [−A_t, 0] with A_t = Σ_{τ≤t} M_τ (one
 *   path bounds it below; all paths of t + 1 frames sum to at most 1). β_t(s), which includes frame t's log p, lies
 *   in [−B_t, 0], B_t = Σ_{τ≥t} M_τ.
 * - One step. log-sum-exp is 1-Lipschitz in the max norm (its partial derivatives are a convex combination), so the
 *   operands' errors pass on as the largest of them. Its own roundings: Paddle's log_plus runs in double and is
 *   rounded once to the dtype (u·A_{t−1}; the rounded difference a − b moves log1p(exp(−|d|)) by at most 0.28u), two
 *   of them for three predecessors; PyTorch's one log-sum-exp of three in the dtype: 3·u/e from the differences,
 *   ε + 2u from the exps and their sum, ε·log 3 from the log and u·A_{t−1} from + max, under u·(A_{t−1} + 12). Then
 *   + log p_t rounds by u·A_t. So both lie within
 *       Eα_0 = δ_0,   Eα_t = Eα_{t−1} + δ_t + u·(2A_{t−1} + A_t + 12),
 *   the same backward for β (Eβ_{T−1} = δ_{T−1}, Eβ_t = Eβ_{t+1} + δ_t + u·(2B_{t+1} + B_t + 12)), and the loss
 *   −lse over the last window's (at most) two states carries
 *       E = Eα_{T−1} + u·(A_{T−1} + 12).
 *   Two ports lie within 2E of each other. A sequence that no alignment fits (L + repeats > T) costs exactly 0
 *   (rule ctc-impossible-alignment-zero): nothing is allowed there.
 * - The gradient. Per class k at frame t, Paddle's is p − γ with γ = exp(z), z = lse_{s: label s = k}(α_t(s) +
 *   β_t(s)) − log p_t(k) − log Z, the occupation probability (≤ 1); PyTorch's ctc backward computes the same
 *   expression, and log_softmax's backward then subtracts p·Σ_j(p_j − γ_j), 0 exactly. z's error, per port:
 *   Eα_t + Eβ_t and the rounding of α + β (u·(A_t + B_t)); the chained lse over the K ≤ L + 1 states of class k
 *   (K·u·(A_t + B_t + 12)); − log p (δ_t, and u·(A_t + B_t + M_t)); − log Z (E, and u·|z| ≤ u·(A_t + B_t + M_t +
 *   A_{T−1})); exp's ε. Z = the largest over t. Per port: γ within (e^Z − 1)·γ ≤ (e^Z − 1)·(p + |g|) of the exact
 *   (g = p − γ); p within R·p, R = e^{δ_p}(1 + ε) − 1 with δ_p = logSoftmaxErrorBound(−log p) (Paddle's division or
 *   exp of PyTorch's log_softmax); the log_softmax backward's p·Σ_j ĝ_j, 0 exactly, within p·(R + e^Z − 1 + 2γ_C).
 *   On top, relative: the subtraction p − γ and up to four roundings of the upstream factor (× dout; 'mean''s ÷ n
 *   and ÷ label length; norm_by_times' fround(1/T) and its product), 5u. Everything scales with the upstream
 *   factor s_b of sequence b:
 *       |Δ| ≤ s_b·p·(2R + 2(e^Z − 1) + 2γ_C) + (e^Z − 1 + 5u)·s_b·|g|   per port, twice that for two.
 * - 'mean' and 'sum': R = Σ_b w_b·l_b (w_b = 1/(n·L_b) for Paddle's mean(loss / label_lengths), 1 for sum) within
 *   Σ_b w_b·2E_b + 2γ_{n+1}·|R| (reducedAllowance).
 * Every bound carries FIRST_ORDER_SLACK. Below the normal range (a loss or a gradient near 0), τ per rounding
 * that can land there: three per frame and two more for the loss, four for the gradient (as rnnt_loss's).
 * Non-finite logits make the bound infinite: the comparison is then exact.
 */
import type { RequestJson } from '../../case.js';
import { argsOf, reductionOf, type OpSignature } from '../../op.js';
import { ELEMENTARY_ULPS, FIRST_ORDER_SLACK, gamma, subnormalFloor, type Allowance, type TolerancePolicies } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';
import { logSoftmaxErrorBound } from '../cross_entropy/tolerance.js';

/** The constant of one log-sum-exp's own roundings beyond u·|result|, in units of u (derived in the header). */
const LSE_ROUNDINGS = 12;

/** One sequence's bounds: E of its loss and Z of its gradient's exponent, per port; both 0 for an impossible alignment. */
export interface CtcSequenceBound {
  readonly loss: number;
  readonly exponent: number;
  /** False where no alignment fits: Paddle's 0 (loss and gradient) is then exact. */
  readonly possible: boolean;
}

/** The request's operands the bounds read, decoded. */
interface CtcOperands {
  readonly logp: Float64Array;
  readonly shape: readonly [number, number, number];
  readonly labels: number[][];
  readonly inputLengths: number[];
  readonly blank: number;
}

/** log_probs [T, N, C] as float64 log-softmax of each frame, the labels of each sequence and the lengths; undefined when they do not decode. */
function operands(request: RequestJson, signature: OpSignature): CtcOperands | undefined {
  try {
    const x = decodeTensor(request.inputs.log_probs!);
    const labels = decodeTensor(request.inputs.labels!);
    const il = valuesOf(decodeTensor(request.inputs.input_lengths!));
    const ll = valuesOf(decodeTensor(request.inputs.label_lengths!));
    if (x.shape.length !== 3 || labels.shape.length < 2) return undefined;
    const [T, N, C] = x.shape as [number, number, number];
    const v = valuesOf(x);
    const logp = new Float64Array(v.length);
    for (let f = 0; f < T * N; f++) {
      let m = -Infinity;
      for (let k = 0; k < C; k++) m = Math.max(m, v[f * C + k]!);
      let s = 0;
      for (let k = 0; k < C; k++) s += Math.exp(v[f * C + k]! - m);
      for (let k = 0; k < C; k++) logp[f * C + k] = v[f * C + k]! - m - Math.log(s);
    }
    const row = labels.shape[0]! > 0 ? shapeSizeOf(labels.shape) / labels.shape[0]! : 0;
    const lv = valuesOf(labels);
    const blankArg = argsOf(signature, request).blank;
    const blank = typeof blankArg === 'object' && blankArg !== null && 'int' in blankArg ? blankArg.int : typeof blankArg === 'number' ? blankArg : 0;
    return { logp, shape: [T, N, C], labels: Array.from({ length: N }, (_, b) => lv.slice(b * row, b * row + ll[b]!)), inputLengths: il.slice(0, N), blank };
  } catch {
    return undefined;
  }
}

function shapeSizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Per sequence: E of the loss and Z of the gradient's exponent, from the request's operands (undefined when they do not decode). */
export function ctcErrorBounds(request: RequestJson, signature: OpSignature, u: number): CtcSequenceBound[] | undefined {
  const o = operands(request, signature);
  return o && o.labels.map((label, b) => sequenceBound(o, label, b, u));
}

function sequenceBound(o: CtcOperands, label: readonly number[], b: number, u: number): CtcSequenceBound {
  const [, N, C] = o.shape;
  const T = o.inputLengths[b]!;
  const repeats = label.filter((l, i) => i > 0 && l === label[i - 1]).length;
  if (label.length + repeats > T) return { loss: 0, exponent: 0, possible: false };
  const classes = [o.blank, ...label];
  const M = Array.from({ length: T }, (_, t) => Math.max(...classes.map((k) => Math.abs(o.logp[(t * N + b) * C + k]!))));
  const delta = M.map((m) => logSoftmaxErrorBound(m, C, u));
  const A = prefixSums(M);
  const B = prefixSums([...M].reverse()).reverse();
  const Ea = new Float64Array(T);
  const Eb = new Float64Array(T);
  for (let t = 0; t < T; t++) Ea[t] = t === 0 ? delta[0]! : Ea[t - 1]! + delta[t]! + u * (2 * A[t - 1]! + A[t]! + LSE_ROUNDINGS);
  for (let t = T - 1; t >= 0; t--) Eb[t] = t === T - 1 ? delta[t]! : Eb[t + 1]! + delta[t]! + u * (2 * B[t + 1]! + B[t]! + LSE_ROUNDINGS);
  const loss = Ea[T - 1]! + u * (A[T - 1]! + LSE_ROUNDINGS);
  const K = label.length + 1;
  let z = 0;
  for (let t = 0; t < T; t++) {
    const ab = A[t]! + B[t]!;
    z = Math.max(z, Ea[t]! + Eb[t]! + delta[t]! + u * (ab + K * (ab + LSE_ROUNDINGS) + 2 * (ab + M[t]!) + A[T - 1]!));
  }
  return { loss, exponent: z + loss + 2 * ELEMENTARY_ULPS * u, possible: true };
}

function prefixSums(v: readonly number[]): number[] {
  let s = 0;
  return v.map((x) => (s += x));
}

/** The tolerance policies of ctc_loss: derived per sequence for the loss, its mean or sum, and the gradient. */
export function ctcLossTolerance(signature: OpSignature): TolerancePolicies {
  return {
    output: { kind: 'derived', derivation: 'ctc_loss: 2E per sequence, E the α recursion\'s absolute error bound (T frames of log-sum-exps, additions and log-softmax errors)', allowance: (r, f, u, tiny) => lossAllowance(signature, r, f, u, tiny) },
    reduced: { kind: 'derived', derivation: "ctc_loss 'mean' (each loss over its label length first, then averaged) or 'sum': Σ_b w_b·2E_b + 2γ_{n+1}·|expected|", allowance: (r, _f, u, tiny) => reducedAllowance(signature, r, u, tiny) },
    grad: { kind: 'derived', derivation: 'ctc_loss gradient: 2·(s_b·p·(2R + 2(e^Z − 1) + 2γ_C) + (e^Z − 1 + 5u)·|expected|), Z the exponent\'s error bound, R p\'s relative error', allowance: (r, f, u, tiny) => gradAllowance(signature, r, f, u, tiny) },
  };
}

function lossAllowance(signature: OpSignature, request: RequestJson, field: string, u: number, tiny: number): Allowance | undefined {
  if (field === 'output' && reductionOf(signature, request) !== 'none') return reducedAllowance(signature, request, u, tiny);
  const bounds = field === 'output' ? ctcErrorBounds(request, signature, u) : undefined;
  if (!bounds) return undefined;
  const il = valuesOf(decodeTensor(request.inputs.input_lengths!));
  const absolute = Float64Array.from(bounds, (b, i) => (b.possible && Number.isFinite(b.loss) ? 2 * b.loss * FIRST_ORDER_SLACK + subnormalFloor(tiny, 3 * il[i]! + 2) : 0));
  return { absolute, relative: 0, inputs: `E per sequence = ${bounds.map((b) => (b.possible ? b.loss.toExponential(2) : 'exact (impossible)')).join(', ')}` };
}

/**
 * The reduced result R = Σ_b w_b·l_b, w_b = 1 for 'sum' and 1/(n·L_b) for 'mean' (Paddle's mean(loss / label_lengths)):
 * each l_b carries E_b, and the n divisions, n − 1 additions and the final division are n + 1 roundings of terms
 * w_b·l_b ≥ 0 (a loss is −log of a probability; a computed one is at least −E_b, impossible ones 0), so
 * Σ_b w_b·|l_b| ≤ |R| + 2Σ_b w_b·E_b and two ports lie within Σ_b w_b·2E_b + 2γ_{n+1}·|R|, plus τ per division.
 * A label length of 0 under 'mean' makes R inf or NaN, matched exactly. Not the summation bound over Σ|l_b|: the
 * summands are not the unreduced losses (the suite's generic re-summations take them to be).
 */
function reducedAllowance(signature: OpSignature, request: RequestJson, u: number, tiny: number): Allowance | undefined {
  const bounds = ctcErrorBounds(request, signature, u);
  if (!bounds) return undefined;
  const n = bounds.length;
  const ll = valuesOf(decodeTensor(request.inputs.label_lengths!));
  const il = valuesOf(decodeTensor(request.inputs.input_lengths!));
  const mean = reductionOf(signature, request) === 'mean';
  const w = bounds.map((_, b) => (mean ? 1 / (n * ll[b]!) : 1));
  const absolute = bounds.reduce((a, b, i) => a + (b.possible ? w[i]! * 2 * b.loss : 0), 0);
  if (!Number.isFinite(absolute)) return { absolute: 0, relative: 0, inputs: 'exact (a weight or an E is not finite)' };
  const floor = subnormalFloor(tiny, (mean ? n + 1 : 0) + bounds.reduce((a, _, i) => a + 3 * il[i]! + 2, 0));
  return {
    absolute: absolute * FIRST_ORDER_SLACK + floor,
    relative: 2 * gamma(n + 1, u) * FIRST_ORDER_SLACK,
    inputs: `n = ${n}, Σ w_b·E_b = ${(absolute / 2).toExponential(2)}`,
  };
}

/**
 * One port's gradient bound at an element of exact softmax probability p (log p = `logp`) in a sequence whose
 * exponent error bound is Z: |ĝ − g| ≤ s·(absolute + relative·|g|) for the upstream factor s (derived in the header).
 */
export function ctcGradErrorBound(logp: number, exponent: number, classes: number, u: number): { absolute: number; relative: number } {
  const eps = 2 * ELEMENTARY_ULPS * u;
  const R = Math.exp(logSoftmaxErrorBound(-logp, classes, u)) * (1 + eps) - 1;
  const ez = Math.expm1(exponent);
  return { absolute: Math.exp(logp) * (2 * R + 2 * ez + 2 * gamma(classes, u)), relative: ez + 5 * u };
}

function gradAllowance(signature: OpSignature, request: RequestJson, field: string, u: number, tiny: number): Allowance | undefined {
  const o = field === 'grad.log_probs' ? operands(request, signature) : undefined;
  const bounds = o && ctcErrorBounds(request, signature, u);
  if (!o || !bounds) return undefined;
  const [maxT, N, C] = o.shape;
  const scale = upstreamScale(signature, request, N);
  const absolute = new Float64Array(maxT * N * C);
  let worst = 0;
  for (let b = 0; b < N; b++) {
    const { exponent: Z, possible } = bounds[b]!;
    const s = scale[b]!;
    if (!possible || !Number.isFinite(Z) || !Number.isFinite(s)) continue;
    worst = Math.max(worst, Z);
    for (let t = 0; t < o.inputLengths[b]!; t++) {
      for (let k = 0; k < C; k++) {
        const i = (t * N + b) * C + k;
        absolute[i] = 2 * s * ctcGradErrorBound(o.logp[i]!, Z, C, u).absolute * FIRST_ORDER_SLACK + subnormalFloor(tiny, 4);
      }
    }
  }
  // The relative part is the largest sequence's: relative to |expected| = s_b·|g| of any sequence.
  const relative = 2 * ctcGradErrorBound(0, worst, C, u).relative * FIRST_ORDER_SLACK;
  return { absolute, relative, inputs: `Z = ${worst.toExponential(2)}, upstream s_b = ${scale.map((v) => v.toExponential(2)).join(', ')}` };
}

/** |∂result/∂loss_b| as Paddle's backward scales sequence b's gradient: the upstream value, ÷ n·ll_b for 'mean', × 1/T_b under norm_by_times. */
function upstreamScale(signature: OpSignature, request: RequestJson, n: number): number[] {
  const upstream = request.grad_output && !Array.isArray(request.grad_output) ? valuesOf(decodeTensor(request.grad_output)) : [];
  const reduction = reductionOf(signature, request);
  const ll = valuesOf(decodeTensor(request.inputs.label_lengths!));
  const il = valuesOf(decodeTensor(request.inputs.input_lengths!));
  const norm = argsOf(signature, request).norm_by_times === true;
  return Array.from({ length: n }, (_, b) => {
    const g = Math.abs(reduction === 'none' ? (upstream[b] ?? 1) : (upstream[0] ?? 1));
    const s = reduction === 'mean' ? g / (n * ll[b]!) : g;
    return norm ? s / il[b]! : s;
  });
}
