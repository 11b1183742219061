/**
 * x86's choice of NaN, made explicit where a JS engine would leave it open.
 *
 * When both operands of an SSE/AVX addition are NaN, the result is the first
 * operand's NaN, sign bit included; Paddle's binaries fix the operand order,
 * so its NaN signs are repeatable. A JS engine may swap the operands of a
 * commutative `+`, so `a + b` alone leaves the sign to the optimiser (the
 * same request gave either sign depending on how warm the code was).
 */
import type { DType } from './dtype.js';

/** a + b rounded in the dtype; when either is NaN, the first NaN operand itself. */
export function addKeepingFirstNaN(a: number, b: number, dt: DType): number {
  if (a !== a) return a;
  if (b !== b) return b;
  return dt.round(a + b);
}

/**
 * x · (−1), as Paddle's scale(x, −1) computes it: a NaN passes with its sign
 * kept. Written out because an optimiser may turn `x * -1` into `-x`, which
 * flips a NaN's sign bit.
 */
export function timesMinusOne(x: number): number {
  return x !== x ? x : -x;
}
