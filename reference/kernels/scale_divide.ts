/**
 * A tensor divided by a Python float (`out / delta`), and its backward:
 * each element x / δ rounded once, δ rounded to the tensor's dtype first;
 * the gradient dout / δ.
 */
import { dtypeOf } from '../dtype.js';
import { Tensor } from '../tensor.js';
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
