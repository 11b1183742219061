/**
 * Paddle's `greater_than` kernel as `tensor > c` reaches it for a Python
 * scalar c (the eager operator patch fills c into a tensor of the tensor's
 * dtype first): a bool tensor of the operand's shape that takes no gradient.
 *
 * phi's GreaterThanFunctor is the plain `a > b` of the dtype, no tolerance
 * (unlike `==`, equal.ts): NaN is greater than nothing, +inf than every
 * finite value (Paddle 3.3.1: poisson_nll_loss's `label > 1` with label
 * [NaN, inf, 1.0000001, 1] is [False, True, True, False]).
 */
import { castValue } from '../cast.js';
import type { Tape, Var } from './tape.js';
import { Tensor } from '../tensor.js';

/** `x > value` for a Python number, as a bool leaf of the tape. */
export function greaterThanScalar(tape: Tape, x: Var, value: number): Var {
  const bound = castValue(value, 'float64', x.value.dtype);
  const out = new Uint8Array(x.value.size);
  for (let k = 0; k < out.length; k++) out[k] = x.value.at(k) > bound ? 1 : 0;
  return tape.leaf(new Tensor('bool', x.value.shape, out));
}
