/**
 * Paddle's `warpctc` kernel (phi/kernels/impl/warpctc_kernel_impl.h) over Baidu's warp-ctc CPU code
 * (include/detail/cpu_ctc.h, ctc_helper.h, at the commit Paddle pins), as Paddle 3.3.1's libwarpctc.so runs it:
 * one thread (Paddle sets options.num_threads = 1), sequences one after another.
 *
 * For each sequence b with T = input_lengths[b] frames and L = label_lengths[b] labels (S = 2L + 1 states):
 * - softmax of every frame t < T: m = max (std::max, a NaN never taken), p = exp(x − m) summed in order, p / Σ;
 *   a p below the dtype's smallest normal is raised to it (Rule `ctc-probs-clipped-at-min-normal`: log p ≥ −87.34
 *   in float32, so no alignment's probability is 0 and the loss is never +inf for finite logits).
 * - L + repeats > T (repeats: equal adjacent labels): the cost is 0 and the gradient 0 (Rule
 *   `ctc-impossible-alignment-zero`: warp-ctc's "TODO, not right to return 0", not +inf).
 * - α over the pruned window [start, end) of each frame, β one column at a time from the last frame, each
 *   step `log_plus(a, b) = log1p(exp(−|a − b|)) + max(a, b)` (−inf operands returned as they are), then
 *   + log p. The cost is −log Σ α[T−1] over the window.
 * - the gradient w.r.t. the logits: p − exp(Σ_{s: label s = k} α·β − log p − log Z), p itself where that sum is
 *   0, −inf or p is 0; frames t ≥ T and impossible sequences keep 0.
 *
 * The C library does the float32 kernel's exp and log (glibc's expf, logf), but its log_plus in double: the
 * library calls log1p and exp, never log1pf (the binary imports no log1pf), so for float32 log_plus is (Rule
 * `ctc-log-plus-in-double`)
 * fround(log1p(exp(−|fround(a − b)|)) + max) in double, rounded once to float32.
 */
import { libmExp, libmExpFloat, libmLog, libmLogFloat } from '../elementary.js';
import { dtypeOf, type DType, type DTypeName, type Storage } from '../dtype.js';
import { Tensor } from '../tensor.js';

/** The rule alternative a mutant swaps in (conformance/ops/ctc_loss/mutants.ts); null in the reference. */
export const CTC_ALTERNATIVE: { current: null | 'no-softmax' | 'no-clip' | 'float-log-plus' | 'impossible-inf' | 'norm-divides' | 'zero-after-mean' | 'lengths-any-int' | 'mean-by-batch' } = { current: null };

/** The kernel's result: the [N, 1] costs and the [Tmax, N, C] gradient it stores for the backward. */
export interface WarpCtcResult {
  loss: Tensor;
  grad: Tensor;
}

/** The float operations of one dtype as warp-ctc's template for it compiles them. */
interface Ops {
  r: (v: number) => number;
  exp: (v: number) => number;
  log: (v: number) => number;
  minNormal: number;
}

const F32: Ops = { r: Math.fround, exp: (v) => libmExpFloat(v), log: (v) => (v !== v ? v : Math.fround(libmLogFloat(v))), minNormal: 2 ** -126 };
const F64: Ops = { r: (v) => v, exp: (v) => libmExp(v), log: (v) => (v !== v ? v : libmLog(v)), minNormal: 2 ** -1022 };

/** ctc_helper::log_plus: log1p(exp(−|a − b|)) + max(a, b) in double, rounded to the dtype. */
function logPlus(o: Ops, a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  if (CTC_ALTERNATIVE.current === 'float-log-plus') return o.r(o.r(Math.log1p(o.exp(-Math.abs(o.r(a - b))))) + (a < b ? b : a));
  // Where both are NaN x86 keeps the first operand's: the float32 build adds log1p(…) + max, the float64 build
  // max + log1p(…) (Paddle 3.3.1: logits [NaN, 0] of one class give 0xffc00000 and 0x7ff8000000000000).
  const max = a < b ? b : a;
  const term = Math.log1p(libmExp(-Math.abs(o.r(a - b))));
  return o === F32 ? o.r(term + max) : max + term;
}

/**
 * The kernel: logits [Tmax, N, C] (float32 | float64), the unpadded labels of each sequence, the input and label
 * lengths, the blank. Lengths are checked by the caller.
 */
export function warpCtc(logits: Tensor, labels: readonly (readonly number[])[], inputLengths: readonly number[], blank: number): WarpCtcResult {
  const o = logits.dtype === 'float32' ? F32 : F64;
  const [maxT, n, c] = logits.shape as [number, number, number];
  const d = dtypeOf(logits.dtype as DTypeName);
  const probs = new Float64Array(logits.size);
  for (let b = 0; b < n; b++) {
    for (let t = 0; t < inputLengths[b]!; t++) softmaxRow(o, logits, probs, (t * n + b) * c, c);
  }
  const grad = d.allocate(logits.size);
  const loss = d.allocate(n);
  for (let b = 0; b < n; b++) d.set(loss, b, sequenceCost(o, probs, grad, labels[b]!, inputLengths[b]!, b, n, c, blank, d));
  return { loss: new Tensor(logits.dtype, [n, 1], loss), grad: new Tensor(logits.dtype, [maxT, n, c], grad) };
}

function softmaxRow(o: Ops, x: Tensor, p: Float64Array, at: number, c: number): void {
  if (CTC_ALTERNATIVE.current === 'no-softmax') for (let r = 0; r < c; r++) p[at + r] = o.exp(x.at(at + r));
  if (CTC_ALTERNATIVE.current === 'no-softmax') return;
  let max = -Infinity;
  for (let r = 0; r < c; r++) max = max < x.at(at + r) ? x.at(at + r) : max;
  let denom = 0;
  for (let r = 0; r < c; r++) {
    p[at + r] = o.exp(o.r(x.at(at + r) - max));
    denom = o.r(denom + p[at + r]!);
  }
  for (let r = 0; r < c; r++) {
    const q = o.r(p[at + r]! / denom);
    p[at + r] = q < o.minNormal && CTC_ALTERNATIVE.current !== 'no-clip' ? o.minNormal : q;
  }
}

/** cost_and_grad_kernel for one sequence: the cost, the gradient written into `grad`. */
function sequenceCost(o: Ops, probs: Float64Array, grad: Storage, label: readonly number[], T: number, mb: number, n: number, c: number, blank: number, d: DType): number {
  const L = label.length;
  const S = 2 * L + 1;
  const sInc: number[] = [1];
  const eInc: number[] = [];
  let repeats = 0;
  for (let i = 1; i < L; i++) {
    if (label[i - 1] === label[i]) {
      sInc.push(1, 1);
      eInc.push(1, 1);
      repeats++;
    } else {
      sInc.push(2);
      eInc.push(2);
    }
  }
  eInc.push(1);
  const lab = Array.from({ length: S }, (_, s) => (s % 2 === 0 ? blank : label[(s - 1) / 2]!));
  if (L + repeats > T) return CTC_ALTERNATIVE.current === 'impossible-inf' ? Infinity : 0;
  const stride = n * c;
  const p = (t: number, k: number): number => probs[t * stride + mb * c + k]!;
  // compute_alphas
  const alphas = new Float64Array(S * T).fill(-Infinity);
  const half = L;
  let start = half + repeats - T < 0 ? 0 : 1;
  let end = S > 1 ? 2 : 1;
  for (let i = start; i < end; i++) alphas[i] = o.log(p(0, lab[i]!));
  for (let t = 1; t < T; t++) {
    const remain = half + repeats - (T - t);
    if (remain >= 0) start += sInc[remain]!;
    if (t <= half + repeats) end += eInc[t - 1]!;
    let from = start;
    const [i1, i2] = [t * S, (t - 1) * S];
    if (start === 0) {
      alphas[i1] = o.r(alphas[i2]! + o.log(p(t, blank)));
      from += 1;
    }
    for (let i = from; i < end; i++) {
      let prev = logPlus(o, alphas[i + i2]!, alphas[i - 1 + i2]!);
      if (lab[i] !== blank && i !== 1 && lab[i] !== lab[i - 2]) prev = logPlus(o, prev, alphas[i - 2 + i2]!);
      alphas[i + i1] = o.r(prev + o.log(p(t, lab[i]!)));
    }
  }
  let logZ = -Infinity;
  for (let i = start; i < end; i++) logZ = logPlus(o, logZ, alphas[i + (T - 1) * S]!);
  // compute_betas_and_grad
  const betas = new Float64Array(S).fill(-Infinity);
  const output = new Float64Array(c);
  const writeGrad = (t: number): void => {
    for (let k = 0; k < c; k++) {
      const q = p(t, k);
      const v = output[k]!;
      d.set(grad, t * stride + mb * c + k, v === 0 || v === -Infinity || q === 0 ? q : o.r(q - o.exp(o.r(o.r(v - o.log(q)) - logZ))));
    }
  };
  start = S > 1 ? S - 2 : 0;
  end = T > half + repeats ? S : S - 1;
  output.fill(-Infinity);
  for (let i = start; i < end; i++) {
    betas[i] = o.log(p(T - 1, lab[i]!));
    alphas[i + (T - 1) * S] = o.r(alphas[i + (T - 1) * S]! + betas[i]!);
    output[lab[i]!] = logPlus(o, alphas[i + (T - 1) * S]!, output[lab[i]!]!);
  }
  writeGrad(T - 1);
  for (let t = T - 2; t >= 0; t--) {
    const remain = half + repeats - (T - t);
    if (remain >= -1) start -= sInc[remain + 1]!;
    if (t < half + repeats) end -= eInc[t]!;
    const endLoop = end === S ? end - 1 : end;
    const i1 = t * S;
    output.fill(-Infinity);
    for (let i = start; i < endLoop; i++) {
      let next = logPlus(o, betas[i]!, betas[i + 1]!);
      if (lab[i] !== blank && i !== S - 2 && lab[i] !== lab[i + 2]) next = logPlus(o, next, betas[i + 2]!);
      betas[i] = o.r(next + o.log(p(t, lab[i]!)));
      alphas[i + i1] = o.r(alphas[i + i1]! + betas[i]!);
      output[lab[i]!] = logPlus(o, alphas[i + i1]!, output[lab[i]!]!);
    }
    if (end === S) {
      betas[S - 1] = o.r(betas[S - 1]! + o.log(p(t, blank)));
      alphas[S - 1 + i1] = o.r(alphas[S - 1 + i1]! + betas[S - 1]!);
      output[lab[S - 1]!] = logPlus(o, alphas[S - 1 + i1]!, output[lab[S - 1]!]!);
    }
    writeGrad(t);
  }
  return o.r(-logZ);
}
