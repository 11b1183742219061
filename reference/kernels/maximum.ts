/**
 * Paddle's `maximum` kernel (`paddle.maximum(x, y)`) for two operands of one shape and dtype, and its backward.
 *
 * Rule `maximum-nan-and-ties`: a NaN operand wins (the first NaN, its bits kept: [NaN, −NaN] gives +NaN,
 * [1, −NaN] −NaN), else x > y ? x : y, so max(−0, +0) is +0 and max(+0, −0) −0. The gradient is not a
 * mask times g but a sum of two products, g · [x > y] + (g · 0.5) · [x = y] for x (and [x < y] for y):
 * half of g to each operand of a tie, 0 to both where either is NaN, and an infinite g gives NaN
 * (inf · 0) everywhere, a tie included. Confirmed against Paddle 3.1.1 and 3.3.1 on
 * [NaN, −NaN, 1, −0, +0] against [0, 0, NaN, 0, −0], and upstreams inf, −inf, 3e38, 1e−45, −0 and NaN
 * at x > y, x = y and x < y.
 */
import { dtypeOf, type DType } from '../dtype.js';
import { kernelNotRegistered } from '../errors.js';
import { Tensor } from '../tensor.js';
import { addKeepingFirstNaN, mulKeepingFirstNaN } from '../x86_nan.js';
import type { Tape, Var } from './tape.js';

/** The dtypes of Paddle 3.3.1's CPU maximum kernel, in its message's order. */
const MAXIMUM_DTYPES = 'float64, float32, int32, int64, float16, bfloat16';

/** maximum(x, y) on the tape, x and y of one shape and dtype. */
export function maximum(tape: Tape, x: Var, y: Var): Var {
  if (!MAXIMUM_DTYPES.split(', ').includes(x.value.dtype)) throw kernelNotRegistered('maximum', x.value.dtype, MAXIMUM_DTYPES);
  const d = dtypeOf(x.value.dtype);
  const out = d.allocate(x.value.size);
  for (let k = 0; k < x.value.size; k++) {
    const [a, b] = [x.value.at(k), y.value.at(k)];
    d.set(out, k, a !== a ? a : b !== b ? b : a > b ? a : b);
  }
  return tape.record(new Tensor(x.value.dtype, x.value.shape, out), [x, y], (dout) => {
    const [dx, dy] = [d.allocate(dout.size), d.allocate(dout.size)];
    for (let k = 0; k < dout.size; k++) {
      const [a, b, g] = [x.value.at(k), y.value.at(k), dout.at(k)];
      d.set(dx, k, maskedSum(g, a > b, a === b, d));
      d.set(dy, k, maskedSum(g, a < b, a === b, d));
    }
    return [new Tensor(dout.dtype, x.value.shape, dx), new Tensor(dout.dtype, y.value.shape, dy)];
  });
}

/** g · [wins] + (g · 0.5) · [tie], each product and the sum rounded in the dtype, the first NaN kept. */
function maskedSum(g: number, wins: boolean, tie: boolean, d: DType): number {
  return addKeepingFirstNaN(mulKeepingFirstNaN(g, wins ? 1 : 0, d), mulKeepingFirstNaN(mulKeepingFirstNaN(g, 0.5, d), tie ? 1 : 0, d), d);
}
