/**
 * Helpers the reference's tests share: reading a tensor's values and what a
 * call raised. Test support only; the package build leaves it out.
 */
import { PaddleError } from './errors.js';
import type { Tensor } from './tensor.js';

/** The element values of a tensor, as float64 numbers (exact for float32 data). */
export function values(t: Tensor): number[] {
  return Array.from(t.data);
}

/** The error a call raises, as [Python type, message]; fails when it raises none or a non-Paddle error. */
export function raised(call: () => unknown): [string, string] {
  try {
    call();
  } catch (e) {
    if (e instanceof PaddleError) return [e.name, e.message];
    throw e;
  }
  throw new Error('the call did not raise');
}
