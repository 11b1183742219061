/**
 * warprnnt, Paddle's CPU RNN-T kernel: phi's WarprnntKernel over warp-transducer's
 * CpuRNNT<T>::cost_and_grad (include/detail/cpu_rnnt.h, batch_first), and its backward
 * WarprnntGradKernel. For example b, with T = input_lengths[b], U = label_lengths[b] + 1,
 * y(t, u) = input[b, t, u, blank] and e(t, u) = input[b, t, u, label[b·(Umax − 1) + u]] (the flat
 * label buffer at stride Umax − 1: Rule `rnnt-label-flat-stride`)
 * (the input taken as log-probabilities as it is: Rule `rnnt-input-is-log-probabilities`):
 *
 *     α(0, 0) = 0; α(t, 0) = α(t−1, 0) + y(t−1, 0); α(0, u) = α(0, u−1) + e(0, u−1);
 *     α(t, u) = lse(α(t, u−1) + e(t, u−1), α(t−1, u) + y(t−1, u))      t, u rising, u inner
 *     β(T−1, U−1) = y(T−1, U−1); β(t, U−1) = β(t+1, U−1) + y(t, U−1); β(T−1, u) = β(T−1, u+1) + e(T−1, u);
 *     β(t, u) = lse(β(t, u+1) + e(t, u), β(t+1, u) + y(t, u))          t, u falling
 *     loss[b] = −(α(T−1, U−1) + y(T−1, U−1))
 *
 * each + in the dtype, lse(a, b) = log1p(exp(lo − hi)) + hi (hi the larger, lo − hi in the
 * dtype; exp, log1p and the + in double, glibc's, then rounded once to the dtype: Rule
 * `rnnt-log-sum-exp-in-double`). The gradient, written in this order (a label equal to blank
 * overwrites the blank's), with ℓ = β(0, 0) and exp the dtype's (expf for float32):
 *
 *     ∂y(t, u) = −exp(y(t, u) + (α(t, u) + β(t+1, u)) − ℓ)                     t < T−1
 *     ∂e(t, u) = −((1 + λ) · exp(e(t, u) + (α(t, u) + β(t, u+1)) − ℓ))          u < U−1, in double
 *     ∂y(T−1, U−1) = −exp(y(T−1, U−1) + α(T−1, U−1) − ℓ)
 *
 * λ = fastemit_lambda as a float32 attribute, in the gradient only (Rule `rnnt-fastemit-in-gradient-only`);
 * every other element +0. The backward multiplies it by the upstream loss_grad[b].
 * Examples run one after another in one thread: Paddle passes num_threads 1.
 */
import { dtypeOf } from '../dtype.js';
import { libmExp, libmExpFloat } from '../elementary.js';
import { libmLog1p } from '../libm_log1p.js';
import { Tensor } from '../tensor.js';
import { flipSign, mulKeepingFirstNaN } from '../x86_nan.js';
import type { Tape, Var } from './tape.js';

/** x86's default NaN (sign bit set), the result of ∞ − ∞. */
const X86_DEFAULT_NAN = new Float64Array(new BigUint64Array([0xfff8000000000000n]).buffer)[0]!;

/** The value hooks a port may change (the mutants'). */
export interface RnntKernel {
  /** log(e^a + e^b) as the kernel's log_sum_exp(a, b). */
  lse: (a: number, b: number, round: (v: number) => number) => number;
  /** The input as the kernel reads it, row (b, t, u) of D values: Paddle's reads it as it is. */
  logProbs: (row: Float64Array) => Float64Array;
  /** The factor of an emission's gradient. */
  emitFactor: (lambda: number) => number;
  /** Where example b's labels start in the flat label buffer. */
  labelOffset: (b: number, umax: number, columns: number) => number;
}

/** a + b in the dtype as addss/addsd: the first NaN operand, x86's default NaN for ∞ − ∞. */
function add(a: number, b: number, round: (v: number) => number): number {
  if (a !== a) return a;
  if (b !== b) return b;
  const s = a + b;
  return s !== s ? X86_DEFAULT_NAN : round(s);
}

/** a − b in the dtype as subss/subsd: the first NaN operand, x86's default NaN for ∞ − ∞. */
function sub(a: number, b: number, round: (v: number) => number): number {
  if (a !== a) return a;
  if (b !== b) return b;
  const s = a - b;
  return s !== s ? X86_DEFAULT_NAN : round(s);
}

/** v rounded to the dtype; a NaN stored as it is (its sign kept). */
function store(v: number, round: (v: number) => number): number {
  return v !== v ? v : round(v);
}

/** warp-transducer's log_sum_exp(a, b): −∞ returns the other, then log1p(exp(lo − hi)) + hi. */
export function lseInDouble(a: number, b: number, round: (v: number) => number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const [lo, hi] = a > b ? [b, a] : [a, b];
  const l = libmLog1p(libmExp(sub(lo, hi, round)));
  return add(l, hi, round);
}

const F64 = dtypeOf('float64');

export const PADDLE_RNNT: RnntKernel = { lse: lseInDouble, logProbs: (row) => row, emitFactor: (lambda) => 1 + Math.fround(lambda), labelOffset: (b, umax) => b * (umax - 1) };

/** loss [B] and the kernel's gradient [B, Tmax, Umax, D], on the tape; the backward is grad · loss_grad[b]. */
export function warprnnt(tape: Tape, input: Var, label: Tensor, inputLengths: Tensor, labelLengths: Tensor, blank: number, lambda: number, kernel: RnntKernel = PADDLE_RNNT): Var {
  const x = input.value;
  const d = dtypeOf(x.dtype);
  const round = d.round;
  const exp = x.dtype === 'float32' ? libmExpFloat : libmExp;
  const [B, Tmax, Umax, D] = x.shape as [number, number, number, number];
  const loss = d.allocate(B);
  const grad = d.allocate(x.size);
  for (let b = 0; b < B; b++) {
    const T = inputLengths.at(b);
    const U = labelLengths.at(b) + 1;
    const base = b * Tmax * Umax * D;
    const at = (t: number, u: number): number => base + (t * Umax + u) * D;
    const rows = new Map<number, Float64Array>();
    const row = (t: number, u: number): Float64Array => {
      const k = t * Umax + u;
      if (!rows.has(k)) rows.set(k, kernel.logProbs(Float64Array.from({ length: D }, (_, v) => x.at(at(t, u) + v))));
      return rows.get(k)!;
    };
    const lab = (u: number): number => label.at(kernel.labelOffset(b, Umax, label.shape[1]!) + u);
    const y = (t: number, u: number): number => row(t, u)[blank]!;
    const e = (t: number, u: number): number => row(t, u)[lab(u)]!;
    const alpha = new Float64Array(T * U);
    const beta = new Float64Array(T * U);
    for (let t = 0; t < T; t++) {
      for (let u = 0; u < U; u++) {
        if (u === 0 && t > 0) alpha[t * U] = add(alpha[(t - 1) * U]!, y(t - 1, 0), round);
        if (t === 0 && u > 0) alpha[u] = add(alpha[u - 1]!, e(0, u - 1), round);
        if (t > 0 && u > 0) alpha[t * U + u] = kernel.lse(add(alpha[t * U + u - 1]!, e(t, u - 1), round), add(alpha[(t - 1) * U + u]!, y(t - 1, u), round), round);
      }
    }
    loss[b] = flipSign(add(alpha[T * U - 1]!, y(T - 1, U - 1), round));
    beta[T * U - 1] = y(T - 1, U - 1);
    for (let t = T - 1; t >= 0; t--) {
      for (let u = U - 1; u >= 0; u--) {
        if (u === U - 1 && t < T - 1) beta[t * U + U - 1] = add(beta[(t + 1) * U + U - 1]!, y(t, U - 1), round);
        if (t === T - 1 && u < U - 1) beta[t * U + u] = add(beta[t * U + u + 1]!, e(T - 1, u), round);
        if (t < T - 1 && u < U - 1) beta[t * U + u] = kernel.lse(add(beta[t * U + u + 1]!, e(t, u), round), add(beta[(t + 1) * U + u]!, y(t, u), round), round);
      }
    }
    const ll = beta[0]!;
    const factor = kernel.emitFactor(lambda);
    const term = (lp: number, g: number): number => exp(sub(add(lp, g, round), ll, round));
    for (let t = 0; t < T; t++) {
      for (let u = 0; u < U; u++) {
        if (t < T - 1) grad[at(t, u) + blank] = flipSign(term(y(t, u), add(alpha[t * U + u]!, beta[(t + 1) * U + u]!, round)));
        if (u < U - 1) grad[at(t, u) + lab(u)] = store(flipSign(mulKeepingFirstNaN(factor, term(e(t, u), add(alpha[t * U + u]!, beta[t * U + u + 1]!, round)), F64)), round);
      }
    }
    grad[at(T - 1, U - 1) + blank] = flipSign(term(y(T - 1, U - 1), alpha[T * U - 1]!));
  }
  return tape.record(new Tensor(x.dtype, [B], loss), [input], (dout) => {
    const g = d.allocate(x.size);
    const per = Tmax * Umax * D;
    for (let k = 0; k < x.size; k++) g[k] = mulKeepingFirstNaN(grad[k]!, dout.at(Math.floor(k / per)), d);
    return [new Tensor(x.dtype, x.shape, g)];
  });
}
