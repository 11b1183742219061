/**
 * Paddle's `gather_nd` kernel for an index whose last dimension is 1 (`_C_ops.gather_nd(weight, label)`,
 * paddle/phi/kernels/cpu/gather_nd_kernel.cc, funcs/gather.h): out[…] = table[index[…, 0]], shape
 * index.shape[:-1] + table.shape[1:]; an index outside [0, table.shape[0]) raises ValueError ((InvalidArgument)
 * Input(index[-1)] has wrong value), an index of another dtype than int32 and int64 ValueError too. No gradient here (cross_entropy's weight is not differentiable in this suite).
 */
import { dtypeOf } from '../dtype.js';
import { PaddleValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** gather_nd(table, index) along the table's first axis, on the tape (a leaf: no gradient). */
export function gatherNd(tape: Tape, table: Var, index: Tensor): Var {
  requireKernel('gather_nd', table.value.dtype);
  if (table.value.size > 0 && index.dtype !== 'int32' && index.dtype !== 'int64') throw new PaddleValueError(`(InvalidArgument) Index holds the wrong type, it holds [${index.dtype}],but desires to be [int32] or [int64]`);
  const d = dtypeOf(table.value.dtype);
  const rows = table.value.shape[0]!;
  const width = table.value.shape.slice(1).reduce((a, b) => a * b, 1);
  const out = d.allocate(index.size * width);
  // An empty table returns before the index is read (its output is left unwritten; zeros here).
  for (let k = 0; k < index.size && table.value.size > 0; k++) {
    const i = index.at(k);
    if (i >= rows || i < -rows) throw new PaddleValueError(`(InvalidArgument) Input(index[-1)] has wrong value, it is [${i}]`);
    const from = (i < 0 ? i + rows : i) * width;
    for (let w = 0; w < width; w++) d.set(out, k * width + w, table.value.at(from + w));
  }
  return tape.leaf(new Tensor(table.value.dtype, [...index.shape.slice(0, -1), ...table.value.shape.slice(1)], out));
}
