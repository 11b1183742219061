/**
 * Advanced indexing of a 2-D tensor by int64 index tensors, `x[rows]` and `x[rows, cols]` (Paddle's
 * `index_elementwise_get` since 3.2.0, `gather` and `gather_nd` in 3.1.x), and its backward.
 *
 * Forward: the selected rows ([T, C]) or elements ([T]), copied bit for bit. A row index past the
 * first dimension raises IndexError (OutOfRange).
 *
 * Backward: the gradient is zeros of x's shape to
 * which each selected row's (element's) upstream is added in index order, so a row selected twice
 * gets the sum of both from +0 and a row never selected +0 (Paddle 3.3.1 and 3.1.1:
 * multi_label_margin_loss's rows of several targets; its −0 gradients come out +0).
 */
import { dtypeOf } from '../dtype.js';
import { PaddleIndexError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { addKeepingFirstNaN } from '../x86_nan.js';
import type { Tape, Var } from './tape.js';

/** x[rows] (cols absent: [T, C] rows) or x[rows, cols] ([T] elements) of a 2-D x, on the tape. */
export function indexGet(tape: Tape, x: Var, rows: readonly number[], cols?: readonly number[]): Var {
  const [n, c] = x.value.shape as [number, number];
  const bad = rows.find((r) => r >= n);
  if (bad !== undefined) throw new PaddleIndexError(`(OutOfRange) The index is out of bounds, please check whether the dimensions of index and input meet the requirements. It should be less than [${n}] and greater or equal to [${-n}], but received [${bad}]`);
  const d = dtypeOf(x.value.dtype);
  const at = cols ? rows.map((r, j) => [r * c + cols[j]!]) : rows.map((r) => Array.from({ length: c }, (_, k) => r * c + k));
  const flat = at.flat();
  const out = d.allocate(flat.length);
  flat.forEach((k, i) => d.set(out, i, x.value.at(k)));
  return tape.record(new Tensor(x.value.dtype, cols ? [rows.length] : [rows.length, c], out), [x], (dout) => {
    const g = d.allocate(x.value.size);
    flat.forEach((k, i) => d.set(g, k, addKeepingFirstNaN(d.get(g, k), dout.at(i), d)));
    return [new Tensor(dout.dtype, x.value.shape, g)];
  });
}
