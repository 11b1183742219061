/**
 * Integer arithmetic as Paddle's CPU kernels do it: two's complement, wrapping
 * modulo 2^32 (int32) or 2^64 (int64) where a product or difference
 * overflows (Paddle 3.3.1: int32 2147483647² is 1). int64 values stay exact
 * to 2^53 in the reference's storage.
 */
import type { DTypeName } from '../dtype.js';

/** Whether the dtype is one of the wrapping integer dtypes. */
export function isWrappingInteger(dtype: DTypeName): dtype is 'int32' | 'int64' {
  return dtype === 'int32' || dtype === 'int64';
}

/** a · b in the integer dtype, wrapped. */
export function integerProduct(a: number, b: number, dtype: 'int32' | 'int64'): number {
  return dtype === 'int32' ? Math.imul(a, b) : Number(BigInt.asIntN(64, BigInt(a) * BigInt(b)));
}

/** a − b in the integer dtype, wrapped. */
export function integerDifference(a: number, b: number, dtype: 'int32' | 'int64'): number {
  return dtype === 'int32' ? (a - b) | 0 : Number(BigInt.asIntN(64, BigInt(a) - BigInt(b)));
}

/** a + b in the integer dtype, wrapped. */
export function integerSum(a: number, b: number, dtype: 'int32' | 'int64'): number {
  return dtype === 'int32' ? (a + b) | 0 : Number(BigInt.asIntN(64, BigInt(a) + BigInt(b)));
}
