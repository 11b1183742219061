/**
 * Paddle's `minimum` kernel (`paddle.minimum(x, y)`) for two operands of one shape and float dtype,
 * and its backward.
 *
 * Rule `minimum-nan-and-ties`: since Paddle 3.1.0 a NaN operand wins (the first NaN, its bits kept:
 * [NaN, −NaN] gives +NaN, [1, NaN] y's NaN), else x < y ? x : y, so min(+0, −0) is −0; the gradient
 * is g times a mask, 1 for the smaller operand, 0.5 for each where x == y, 0 for both where either
 * is NaN (so g = −0 gives −0 and a NaN g NaN to both). Before (2.6.2, 3.0.0) the forward was
 * x < y ? x : y (a NaN x loses to y, a NaN y wins) and the masks (x < y) and (x >= y): a tie's whole
 * gradient goes to y. The masks multiply in every release (upstream [−0, −0, −0, −1, NaN] gives −0
 * and NaN to both operands in 3.0.0, 3.1.0 and 3.3.1). Confirmed against
 * Paddle 2.6.2, 3.0.0, 3.1.0 and 3.3.1 on [1, 2, NaN, 1, NaN, 0, −NaN] against [1, 1, 1, NaN, −NaN, −0, NaN].
 */
import { dtypeOf } from '../dtype.js';
import { paddleReleaseBefore } from '../release.js';
import { Tensor } from '../tensor.js';
import { mulKeepingFirstNaN } from '../x86_nan.js';
import type { Tape, Var } from './tape.js';

/** minimum(x, y) on the tape, x and y of one shape and dtype. */
export function minimum(tape: Tape, x: Var, y: Var): Var {
  const d = dtypeOf(x.value.dtype);
  const legacy = paddleReleaseBefore('3.1.0');
  const out = d.allocate(x.value.size);
  for (let k = 0; k < x.value.size; k++) {
    const [a, b] = [x.value.at(k), y.value.at(k)];
    d.set(out, k, !legacy && a !== a ? a : !legacy && b !== b ? b : a < b ? a : b);
  }
  return tape.record(new Tensor(x.value.dtype, x.value.shape, out), [x, y], (dout) => {
    const [dx, dy] = [d.allocate(dout.size), d.allocate(dout.size)];
    for (let k = 0; k < dout.size; k++) {
      const [a, b, g] = [x.value.at(k), y.value.at(k), dout.at(k)];
      const [wx, wy] = legacy ? [a < b ? 1 : 0, a >= b ? 1 : 0] : a === b ? [0.5, 0.5] : [a < b ? 1 : 0, b < a ? 1 : 0];
      d.set(dx, k, mulKeepingFirstNaN(g, wx, d));
      d.set(dy, k, mulKeepingFirstNaN(g, wy, d));
    }
    return [new Tensor(dout.dtype, x.value.shape, dx), new Tensor(dout.dtype, y.value.shape, dy)];
  });
}
