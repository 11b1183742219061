/**
 * Paddle's `cast` kernel (`paddle.cast(x, dtype)`, `_C_ops.cast`) and its
 * backward. Registered on CPU for every dtype this reference holds, so it
 * never raises here.
 *
 * Forward: each value as C++'s `static_cast` gives it on x86-64
 * (reference/cast.ts). Rule `cast-to-integer-truncates`: a float cast to
 * int32 or int64 truncates toward zero (Paddle 3.3.1: float32 [0.7, -1.5,
 * 2.5] gives int32 [0, -1, 2], not the nearest integers [1, -2, 2]); NaN,
 * ±inf and values whose truncation the integer cannot hold give the integer
 * minimum (paddle.cast of float32 [inf, nan, 3e9] to int32: -2147483648
 * each). A cast to the tensor's own dtype is a copy.
 *
 * Backward (cast_grad): the upstream gradient cast back to x's dtype, by
 * the same conversion.
 */
import type { DTypeName } from '../dtype.js';
import { castValue } from '../cast.js';
import { dtypeOf } from '../dtype.js';
import { Tensor } from '../tensor.js';
import { castGradient } from './promotion.js';
import type { Tape, Var } from './tape.js';

/** paddle.cast(x, dtype) on the tape. */
export function cast(tape: Tape, x: Var, dtype: DTypeName): Var {
  const d = dtypeOf(dtype);
  const out = d.allocate(x.value.size);
  for (let k = 0; k < x.value.size; k++) d.set(out, k, castValue(x.value.at(k), x.value.dtype, dtype));
  return tape.record(new Tensor(dtype, x.value.shape, out), [x], (dout) => [castGradient(dout, x.value.dtype)]);
}
