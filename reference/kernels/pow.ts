/**
 * Paddle's `pow` kernel (`_C_ops.pow(x, factor)`: phi's PowFunctor, `x.pow(static_cast<T>(factor))` over Eigen) and
 * its backward (PowGradFunctor). sigmoid_focal_loss passes gamma as a 0-D tensor, which the kernel reads as its
 * Scalar factor and converts to a C++ float: so the exponent is gamma rounded to float32, in float64 too
 * (Paddle 3.3.1: float64 pow with gamma 0.1 uses 0.10000000149011612).
 *
 * Forward. Rule `pow-is-libm-pow`: Eigen's packet pow (elementary_pow.ts: double-word log2 and exp2, its special
 * cases by mask, a NaN it makes +NaN) on every whole packet of 8 float32 or 4 float64 elements, the C library's
 * powf / pow on the last n mod 8 (n mod 4), whose NaN is x86's default −NaN: so one value's pow depends on its
 * position, and neither is correctly rounded; since Paddle 3.0.0 a factor of 1 copies x (a NaN's sign kept in the tail too) (Paddle 3.3.1: bitwise on 5106 values × 11 exponents, both dtypes;
 * glibc's alone differs on 4 to 8% of the packet elements). pow(x, 0) is 1 for every x, NaN included.
 *
 * Backward: (dout · factor) · pow(x, factor − 1), each step rounded in the dtype, the same pow by position.
 * Rule `pow-is-libm-pow` too: a factor of 0 gives +0 and a factor of 1 the upstream itself, whatever x and the
 * upstream (Paddle 3.3.1: x [0.5, NaN, inf, 0], upstream [NaN, 1, 1, 1]: factor 0 gives [0, 0, 0, 0], factor 1
 * [NaN, 1, 1, 1], factor 2 [NaN, NaN, inf, 0]); before Paddle 3.0.0 the formula throughout.
 */
import { dtypeOf } from '../dtype.js';
import { paddlePow } from '../elementary_pow.js';
import { paddleReleaseBefore } from '../release.js';
import { Tensor } from '../tensor.js';
import { mulKeepingFirstNaN } from '../x86_nan.js';
import type { Tape, Var } from './tape.js';

/** pow(x, factor) on the tape; factor is the Scalar as the kernel receives it, before its float conversion. */
export function pow(tape: Tape, x: Var, factor: number): Var {
  const d = dtypeOf(x.value.dtype);
  const dtype = x.value.dtype === 'float64' ? 'float64' : 'float32';
  const f = d.round(Math.fround(factor));
  const n = x.value.size;
  const out = d.allocate(n);
  // Since Paddle 3.0.0 a factor of 1 copies x: a NaN keeps its sign in the tail too (Paddle 3.3.1: pow(−NaN, 1) is −NaN).
  const copies = f === 1 && !paddleReleaseBefore('3.0.0');
  for (let k = 0; k < n; k++) d.set(out, k, copies ? x.value.at(k) : paddlePow(x.value.at(k), f, dtype, k, n));
  return tape.record(new Tensor(x.value.dtype, x.value.shape, out), [x], (dout) => {
    const shortcuts = !paddleReleaseBefore('3.0.0');
    if (shortcuts && f === 1) return [dout];
    const g = d.allocate(n);
    if (shortcuts && f === 0) return [new Tensor(dout.dtype, x.value.shape, g)];
    const f1 = d.round(f - 1);
    for (let k = 0; k < n; k++) d.set(g, k, mulKeepingFirstNaN(mulKeepingFirstNaN(dout.at(k), f, d), paddlePow(x.value.at(k), f1, dtype, k, n), d));
    return [new Tensor(dout.dtype, x.value.shape, g)];
  });
}
