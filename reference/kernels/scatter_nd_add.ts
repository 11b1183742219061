/**
 * Paddle's `scatter_nd_add(x, index, updates)` for a 1-D x and an index of shape [T, 1], and its backward.
 *
 * Forward: x with each update added in index order, x[index[j]] += updates[j], each sum rounded in
 * the dtype, the first NaN kept: a row of several updates is ((x + u₁) + u₂) + …. Rule
 * `scatter-nd-add-same-dtype`: x and updates must have one dtype, else TypeError, no promotion
 * (Paddle 3.3.1: int32 zeros and the int64 sum of an int32 loss's rows). With no update at all x
 * is broadcast against the empty updates: x [1] gives an empty result, x [2] or more ValueError
 * (Broadcast dimension mismatch; Paddle 3.1.1 and 3.3.1: multi_label_margin_loss of [1, 0] and [2, 0]).
 *
 * Backward: x gets the upstream as it is, each update the upstream at its index.
 */
import { dtypeOf } from '../dtype.js';
import { PaddleTypeError, PaddleValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { addKeepingFirstNaN } from '../x86_nan.js';
import type { Tape, Var } from './tape.js';

/** scatter_nd_add(x, index.unsqueeze(-1), updates) on the tape, index given as the T row numbers. */
export function scatterNdAdd(tape: Tape, x: Var, index: readonly number[], updates: Var): Var {
  if (x.value.dtype !== updates.value.dtype) throw new PaddleTypeError(`x and updates must have same data type but x.dtype=${x.value.dtype}, updates.dtype=${updates.value.dtype}`);
  // No update at all: x and the empty updates are broadcast against each other first, so an x of one element gives an empty result.
  if (index.length === 0 && x.value.size === 1) return tape.record(new Tensor(x.value.dtype, [0], dtypeOf(x.value.dtype).allocate(0)), [x, updates], (dout) => [null, dout]);
  if (index.length === 0 && x.value.size > 1) {
    throw new PaddleValueError(`(InvalidArgument) Broadcast dimension mismatch. Operands could not be broadcast together with the shape of X = [${x.value.size}] and the shape of Y = [0]. Received [${x.value.size}] in X is not equal to [0] in Y at i:0.`);
  }
  const d = dtypeOf(x.value.dtype);
  const out = d.allocate(x.value.size);
  for (let k = 0; k < x.value.size; k++) d.set(out, k, x.value.at(k));
  index.forEach((r, j) => d.set(out, r, addKeepingFirstNaN(d.get(out, r), updates.value.at(j), d)));
  return tape.record(new Tensor(x.value.dtype, x.value.shape, out), [x, updates], (dout) => {
    const g = d.allocate(index.length);
    index.forEach((r, j) => d.set(g, j, dout.at(r)));
    return [dout, new Tensor(dout.dtype, [index.length], g)];
  });
}
