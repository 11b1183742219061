/**
 * The dtype registry: storage and rounding per dtype. Rounding expectations
 * for float16 come from numpy.float16 and for bfloat16 from Paddle 3.3.1's
 * `astype('bfloat16')` (both round to nearest, ties to even).
 */
import { describe, expect, it } from 'vitest';
import { DTYPE_NAMES, dtypeOf, isDTypeName, type DTypeName } from './index.js';

describe('isDTypeName', () => {
  it.each(DTYPE_NAMES.map((name) => ({ name })))('accepts $name', ({ name }) => {
    expect(isDTypeName(name)).toBe(true);
  });

  it.each([{ name: 'float' }, { name: 'Float32' }, { name: 'float8' }, { name: '' }, { name: 32 }, { name: null }])(
    'rejects $name',
    ({ name }) => {
      expect(isDTypeName(name)).toBe(false);
    },
  );
});

describe('round', () => {
  it.each([
    // float32: Math.fround. 0.1 -> 0x3dcccccd; 1e39 is beyond the float32 max and overflows.
    { dtype: 'float32', x: 0.1, expected: 0.10000000149011612 },
    { dtype: 'float32', x: 1e39, expected: Infinity },
    { dtype: 'float32', x: -0, expected: -0 },
    { dtype: 'float64', x: 0.1, expected: 0.1 },
    // float16: max 65504; 65519 rounds down to it and 65520 (the midpoint to 2^16) overflows.
    { dtype: 'float16', x: 65504, expected: 65504 },
    { dtype: 'float16', x: 65519, expected: 65504 },
    { dtype: 'float16', x: 65520, expected: Infinity },
    { dtype: 'float16', x: -65520, expected: -Infinity },
    // 2^-24 is the smallest subnormal; 2^-25 is a tie between 0 and it, and goes to the even 0.
    { dtype: 'float16', x: 2 ** -24, expected: 5.960464477539063e-8 },
    { dtype: 'float16', x: 2 ** -25, expected: 0 },
    { dtype: 'float16', x: 3 * 2 ** -25, expected: 1.1920928955078125e-7 },
    // Ties at 1: 1 + 2^-11 -> 1 (even); 1 + 3*2^-11 -> 1 + 2^-9 (even).
    { dtype: 'float16', x: 1 + 2 ** -11, expected: 1 },
    { dtype: 'float16', x: 1 + 3 * 2 ** -11, expected: 1.001953125 },
    { dtype: 'float16', x: 0.1, expected: 0.0999755859375 },
    { dtype: 'float16', x: -1e-8, expected: -0 },
    { dtype: 'float16', x: NaN, expected: NaN },
    { dtype: 'bfloat16', x: 1 + 2 ** -8, expected: 1 },
    { dtype: 'bfloat16', x: 1 + 3 * 2 ** -8, expected: 1.015625 },
    { dtype: 'bfloat16', x: 0.1, expected: 0.10009765625 },
    { dtype: 'bfloat16', x: 3.4e38, expected: Infinity },
    { dtype: 'bfloat16', x: -0, expected: -0 },
    { dtype: 'bfloat16', x: NaN, expected: NaN },
    { dtype: 'int32', x: 2.7, expected: 2 },
    { dtype: 'int32', x: -2.7, expected: -2 },
    { dtype: 'int64', x: 2 ** 40 + 0.5, expected: 2 ** 40 },
    { dtype: 'bool', x: 0.5, expected: 1 },
    { dtype: 'bool', x: 0, expected: 0 },
  ] as { dtype: DTypeName; x: number; expected: number }[])('$dtype rounds $x to $expected', ({ dtype, x, expected }) => {
    expect(dtypeOf(dtype).round(x)).toEqual(expected);
  });
});

describe('storage', () => {
  it.each([
    { dtype: 'float32', Ctor: Float32Array },
    { dtype: 'float64', Ctor: Float64Array },
    // Every binary16 and bfloat16 value is exact in float32.
    { dtype: 'float16', Ctor: Float32Array },
    { dtype: 'bfloat16', Ctor: Float32Array },
    { dtype: 'int32', Ctor: Int32Array },
    // int64 is held in a Float64Array: exact up to 2^53.
    { dtype: 'int64', Ctor: Float64Array },
    { dtype: 'bool', Ctor: Uint8Array },
  ] as { dtype: DTypeName; Ctor: new (n: number) => ArrayLike<number> }[])(
    '$dtype allocates zeroed storage of the right kind, and set/get round-trip',
    ({ dtype, Ctor }) => {
      const d = dtypeOf(dtype);
      const data = d.allocate(3);
      expect(data).toBeInstanceOf(Ctor);
      expect(Array.from(data)).toEqual([0, 0, 0]);
      d.set(data, 1, 1);
      expect(d.get(data, 1)).toBe(1);
    },
  );

  it.each([
    { dtype: 'float32', u: 2 ** -24 },
    { dtype: 'float64', u: 2 ** -53 },
    { dtype: 'float16', u: 2 ** -11 },
    { dtype: 'bfloat16', u: 2 ** -8 },
    { dtype: 'int32', u: 0 },
  ] as { dtype: DTypeName; u: number }[])('$dtype has unit roundoff $u', ({ dtype, u }) => {
    expect(dtypeOf(dtype).unitRoundoff).toBe(u);
  });
});
