/**
 * Paddle's `sum` kernel over every axis (`_C_ops.sum(x, [], None, False)`):
 * a 0-D tensor, and its backward.
 *
 * Forward: Eigen's sum (reduction.ts). Rule `sum-of-integers-is-int64`: an
 * int32 or bool tensor sums to int64 (Paddle 3.3.1: l1_loss of int32
 * operands, 'sum', gives an int64 6). An empty tensor sums to +0, and
 * before Paddle 3.0.0 raised (rule `sum-of-empty-is-zero`, reduction.ts).
 *
 * Backward: every element gets the upstream gradient as it is.
 */
import { dtypeOf, type DTypeName } from '../dtype.js';
import { checkReducible, eigenSum } from '../reduction.js';
import { Tensor } from '../tensor.js';
import type { Tape, Var } from './tape.js';

/** sum(x) over every element, on the tape. */
export function sumAll(tape: Tape, x: Var): Var {
  checkReducible(x.value.size, 'sum');
  const dtype: DTypeName = x.value.dtype === 'int32' || x.value.dtype === 'bool' ? 'int64' : x.value.dtype;
  const d = dtypeOf(dtype);
  const out = d.allocate(1);
  d.set(out, 0, eigenSum(x.value.data, d));
  return tape.record(new Tensor(dtype, [], out), [x], (dout) => [gradient(x.value, dout)]);
}

function gradient(x: Tensor, dout: Tensor): Tensor {
  const d = dtypeOf(dout.dtype);
  const out = d.allocate(x.size);
  for (let k = 0; k < x.size; k++) d.set(out, k, dout.at(0));
  return new Tensor(dout.dtype, x.shape, out);
}
