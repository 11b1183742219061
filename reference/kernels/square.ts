/**
 * Paddle's `square` kernel (`paddle.square`) and its backward.
 *
 * Forward: x · x rounded once; an integer square wraps (integer.ts). Rule `square-keeps-nan-sign`: a NaN squares
 * to itself, sign kept (Paddle 3.3.1: mse_loss of 1 − (−NaN) gives
 * 0xffc00000). Rule `square-no-bfloat16-kernel`: registered for int32, int64,
 * float32 and float64, not float16, bfloat16 or bool (RuntimeError NotFound).
 *
 * Backward: (dout · 2) · x, each product rounded, the upstream's NaN first;
 * the sign of a zero is the product's (upstream −0 at x = +0 gives −0).
 */
import { dtypeOf } from '../dtype.js';
import { Tensor } from '../tensor.js';
import { mulKeepingFirstNaN } from '../x86_nan.js';
import { integerProduct, isWrappingInteger } from './integer.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** x² on the tape. */
export function square(tape: Tape, x: Var): Var {
  requireKernel('square', x.value.dtype);
  const d = dtypeOf(x.value.dtype);
  const out = d.allocate(x.value.size);
  const dtype = x.value.dtype;
  for (let k = 0; k < x.value.size; k++) {
    const v = x.value.at(k);
    d.set(out, k, isWrappingInteger(dtype) ? integerProduct(v, v, dtype) : mulKeepingFirstNaN(v, v, d));
  }
  return tape.record(new Tensor(x.value.dtype, x.value.shape, out), [x], (dout) => [gradient(x.value, dout)]);
}

function gradient(x: Tensor, dout: Tensor): Tensor {
  const d = dtypeOf(dout.dtype);
  const out = d.allocate(x.size);
  const dtype = dout.dtype;
  for (let k = 0; k < x.size; k++) {
    d.set(out, k, isWrappingInteger(dtype) ? integerProduct(integerProduct(dout.at(k), 2, dtype), x.at(k), dtype) : mulKeepingFirstNaN(mulKeepingFirstNaN(dout.at(k), 2, d), x.at(k), d));
  }
  return new Tensor(dout.dtype, x.shape, out);
}
