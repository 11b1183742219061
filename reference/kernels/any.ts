/**
 * `paddle.any(x < v)`: the `less_than` kernel against a Python scalar, then
 * the `any` reduction over every element, read back as a Python bool (a
 * check in an op's Python source, so it takes no gradient and no tape).
 *
 * Forward: x < v element by element in x's dtype (v rounded to it), so a NaN
 * is below nothing and -0 is not below 0; `any` is true when one element is.
 * Rule `any-of-empty-raises-before-3-0-0`: since Paddle 3.0.0 the `any` of
 * an empty tensor is False; before (2.6.2) the reduction refused it with
 * ValueError ((InvalidArgument) Tensor need be reduced must not empty.)
 * (Paddle 2.6.2: paddle.any(paddle.ones([0]) < 0)).
 */
import { dtypeOf } from '../dtype.js';
import { PaddleValueError } from '../errors.js';
import { paddleReleaseBefore } from '../release.js';
import type { Tensor } from '../tensor.js';

/** Whether some element of x is below v, as `bool(paddle.any(x < v))` answers. */
export function anyLessThan(x: Tensor, v: number): boolean {
  if (x.size === 0 && paddleReleaseBefore('3.0.0')) throw new PaddleValueError('(InvalidArgument) Tensor need be reduced must not empty.');
  const bound = dtypeOf(x.dtype).round(v);
  for (let k = 0; k < x.size; k++) if (x.at(k) < bound) return true;
  return false;
}
