/**
 * A tensor divided by a Python float (`out / delta`), and its backward:
 * each element x / δ rounded once, δ rounded to the tensor's dtype first;
 * the gradient dout / δ.
 */
import { dtypeOf } from '../dtype.js';
import { paddleReleaseBefore } from '../release.js';
import { Tensor } from '../tensor.js';
import { addKeepingFirstNaN, mulKeepingFirstNaN } from '../x86_nan.js';
import type { Tape, Var } from './tape.js';

/** x / δ on the tape. */
export function divideByScalar(tape: Tape, x: Var, divisor: number | boolean): Var {
  const d = dtypeOf(x.value.dtype);
  const δ = d.round(Number(divisor));
  const out = d.allocate(x.value.size);
  for (let k = 0; k < x.value.size; k++) d.set(out, k, d.round(x.value.at(k) / δ));
  return tape.record(new Tensor(x.value.dtype, x.value.shape, out), [x], (dout) => {
    const g = d.allocate(dout.size);
    for (let k = 0; k < dout.size; k++) d.set(g, k, d.round(dout.at(k) / δ));
    return [new Tensor(dout.dtype, dout.shape, g)];
  });
}

/**
 * `tensor / n` for a Python int n (kl_div's batchmean), and its backward. Rule
 * `tensor-div-int-is-scale-before-3-3-1`: Paddle 3.3.1 divides, x / n rounded once (the
 * gradient dout / n); before, the operator was scale(x, 1 / n, 0): x · round(1 / n) + 0,
 * so a quotient can be an ulp off (1.1 / 3 and 1.1 · (1 / 3) differ), and a −0 gradient
 * comes back +0 (Paddle 3.3.0, the gradient of sum([−0]) / 3 under upstream −0).
 */
export function divideByInt(tape: Tape, x: Var, n: number): Var {
  if (!paddleReleaseBefore('3.3.1')) return divideByScalar(tape, x, n);
  const d = dtypeOf(x.value.dtype);
  const r = d.round(1 / n);
  const scaled = (t: Tensor): Tensor => {
    const out = d.allocate(t.size);
    for (let k = 0; k < t.size; k++) d.set(out, k, addKeepingFirstNaN(mulKeepingFirstNaN(t.at(k), r, d), 0, d));
    return new Tensor(t.dtype, t.shape, out);
  };
  return tape.record(scaled(x.value), [x], (dout) => [scaled(dout)]);
}
