/**
 * paddle.cast of single values on CPU, the literals observed in Paddle 3.3.1:
 * paddle.cast(paddle.to_tensor(np.array(v, dtype=src)), dst).
 */
import { describe, expect, it } from 'vitest';
import { castValue } from './cast.js';

describe('castValue: float to int32', () => {
  it.each([
    [2.5, 2],
    [-2.5, -2],
    [-2147483648.5, -2147483648], // float64: in range once truncated
    [2147483647.5, 2147483647], // float64
  ])('float64 %s gives %s', (v, expected) => {
    expect(castValue(v, 'float64', 'int32')).toBe(expected);
  });

  it.each([Infinity, -Infinity, NaN, 3e9, -3e9, 1e19, -2147483649])('float64 %s gives -2147483648, the integer indefinite', (v) => {
    expect(castValue(v, 'float64', 'int32')).toBe(-2147483648);
  });

  it('float32 2147483647.5 is 2^31 in float32, out of range: -2147483648', () => {
    expect(castValue(Math.fround(2147483647.5), 'float32', 'int32')).toBe(-2147483648);
  });
});

describe('castValue: float to int64', () => {
  it.each([
    [3e9, 3000000000],
    [-3e9, -3000000000],
    [-2147483649, -2147483649],
  ])('float64 %s gives %s', (v, expected) => {
    expect(castValue(v, 'float64', 'int64')).toBe(expected);
  });

  it.each([Infinity, -Infinity, NaN, 1e19, -1e19, 9.3e18, 2 ** 63])('float64 %s gives -2^63', (v) => {
    expect(castValue(v, 'float64', 'int64')).toBe(-(2 ** 63));
  });

  it('-2^63 itself is in range', () => {
    expect(castValue(-(2 ** 63), 'float64', 'int64')).toBe(-(2 ** 63));
  });
});

describe('castValue: other casts', () => {
  it('a float to bool is v != 0, so NaN is True', () => {
    expect([NaN, 0, -0, 0.5, -Infinity].map((v) => castValue(v, 'float32', 'bool'))).toEqual([1, 0, 0, 1, 1]);
  });

  it('int64 to int32 keeps the low 32 bits', () => {
    expect(castValue(3000000000, 'int64', 'int32')).toBe(3000000000 - 2 ** 32);
  });

  it('float64 to float32 rounds', () => {
    expect(castValue(0.1, 'float64', 'float32')).toBe(Math.fround(0.1));
  });
});
