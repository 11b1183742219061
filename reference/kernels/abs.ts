/**
 * Paddle's `abs` kernel and its backward.
 *
 * Forward: |x|. Rule `abs-clears-nan-sign`: it clears the sign bit of a NaN
 * too (Paddle 3.3.1: abs of −NaN is 0x7fc00000). Rule `abs-no-bfloat16-kernel`:
 * registered for int32, int64, float32 and float64, not float16, bfloat16 or
 * bool (RuntimeError NotFound).
 *
 * Backward: dout · x/|x|. Rule `abs-grad-zero-at-zero`: exactly +0 where x = 0, whatever the upstream
 * gradient's sign (Paddle 3.3.1: upstream −0 at x − y = 0 gives +0). Rule
 * `abs-grad-of-nan-is-nan`: a NaN x gives x/|x| = x's own NaN, sign kept (not
 * the 0 of sign(NaN) = 0 that PyTorch's gives), so the gradient at a NaN difference
 * is a NaN of that difference's sign under an upstream of 1 (l1_loss of
 * −NaN − 1 gives input's gradient 0xffc00000); a NaN upstream survives over it.
 */
import { dtypeOf } from '../dtype.js';
import { Tensor } from '../tensor.js';
import { mulKeepingFirstNaN } from '../x86_nan.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** |x| on the tape. */
export function abs(tape: Tape, x: Var): Var {
  requireKernel('abs', x.value.dtype);
  const d = dtypeOf(x.value.dtype);
  const out = d.allocate(x.value.size);
  for (let k = 0; k < x.value.size; k++) d.set(out, k, Math.abs(x.value.at(k)));
  return tape.record(new Tensor(x.value.dtype, x.value.shape, out), [x], (dout) => [gradient(x.value, dout)]);
}

function gradient(x: Tensor, dout: Tensor): Tensor {
  const d = dtypeOf(dout.dtype);
  const out = d.allocate(x.size);
  for (let k = 0; k < x.size; k++) {
    const v = x.at(k);
    d.set(out, k, v === 0 ? 0 : mulKeepingFirstNaN(dout.at(k), v !== v ? v : v / Math.abs(v), d));
  }
  return new Tensor(dout.dtype, x.shape, out);
}
