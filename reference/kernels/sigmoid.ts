/**
 * Paddle's `sigmoid` kernel (`_C_ops.sigmoid`, paddle.nn.functional.sigmoid) and its backward
 * (phi's SigmoidFunctor and SigmoidGradFunctor over Eigen).
 *
 * Forward: 1 / (1 + exp(−x)), each step rounded in the dtype, exp as paddle.exp computes it
 * (Eigen's packet polynomial on whole packets, the C library's on the tail: elementary.ts).
 * Rule `sigmoid-nan-sign-by-position`: Eigen's AVX negation is 0 − x, which keeps a NaN's sign,
 * while the tail's scalar −x flips it, so sigmoid(+NaN) is +NaN in a packet and −NaN
 * (0xffc00000) among the last n mod 8 (float32) or n mod 4 (float64) elements (Paddle 3.3.1:
 * nine +NaN give eight 0x7fc00000 and one 0xffc00000). Only float32 and float64 reach it here
 * (sigmoid_cross_entropy_with_logits refuses the rest first).
 *
 * Backward: (dout · out) · (1 − out), each product rounded, the first NaN operand kept.
 */
import { dtypeOf } from '../dtype.js';
import { paddleExp } from '../elementary.js';
import { Tensor } from '../tensor.js';
import { addKeepingFirstNaN, divKeepingFirstNaN, flipSign, mulKeepingFirstNaN } from '../x86_nan.js';
import type { Tape, Var } from './tape.js';

/** sigmoid(x) on the tape. */
export function sigmoid(tape: Tape, x: Var): Var {
  const dtype = x.value.dtype === 'float64' ? 'float64' : 'float32';
  const d = dtypeOf(x.value.dtype);
  const n = x.value.size;
  const out = d.allocate(n);
  const tail = n - (n % (dtype === 'float64' ? 4 : 8));
  for (let k = 0; k < n; k++) {
    const v = x.value.at(k);
    const negated = v !== v && k < tail ? v : flipSign(v);
    const e = negated !== negated ? negated : d.round(paddleExp(negated, dtype, k, n));
    d.set(out, k, divKeepingFirstNaN(1, addKeepingFirstNaN(1, e, d), d));
  }
  const result = new Tensor(x.value.dtype, x.value.shape, out);
  return tape.record(result, [x], (dout) => {
    const g = d.allocate(n);
    for (let k = 0; k < n; k++) {
      const o = result.at(k);
      d.set(g, k, mulKeepingFirstNaN(mulKeepingFirstNaN(dout.at(k), o, d), o !== o ? o : d.round(1 - o), d));
    }
    return [new Tensor(dout.dtype, x.value.shape, g)];
  });
}
