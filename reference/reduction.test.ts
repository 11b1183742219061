/**
 * The reduction argument and the mean and sum reductions in the dtype's
 * arithmetic. Paddle's reduction error message is tested in errors.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { dtypeOf } from './dtype.js';
import { checkReduction, eigenMean as mean, eigenSum as sum, pythonStr, REDUCTIONS } from './reduction.js';

describe('checkReduction', () => {
  it.each(REDUCTIONS.map((r) => ({ r })))('accepts $r', ({ r }) => {
    expect(() => checkReduction(r)).not.toThrow();
  });

  it('names the API it was given in the message', () => {
    expect(() => checkReduction('x', 'other_loss')).toThrow(
      "'reduction' in 'other_loss' should be 'sum', 'mean' or 'none', but received x.",
    );
  });
});

describe('sum and mean round every step in the dtype', () => {
  const f32 = dtypeOf('float32');
  const f64 = dtypeOf('float64');

  it('float32: 1 + 2^-24 + 2^-24 is 1 (each partial sum rounds back to 1)', () => {
    expect(sum(new Float32Array([1, 2 ** -24, 2 ** -24]), f32)).toBe(1);
  });

  it('float64 keeps 1 + 2^-24 + 2^-24 = 1 + 2^-23', () => {
    expect(sum(new Float64Array([1, 2 ** -24, 2 ** -24]), f64)).toBe(1 + 2 ** -23);
  });

  it('float32 mean of [0, 0, 1, ..., 1] (2 of 9 ones) is float32(2/9) = 0.2222222238779068', () => {
    expect(mean(new Float32Array([0, 0, 0, 0, 0, 0, 0, 1, 1]), f32)).toBe(0.2222222238779068);
  });

  it('sum of nothing is +0 and mean of nothing is NaN', () => {
    expect(Object.is(sum(new Float32Array(0), f32), 0)).toBe(true);
    expect(mean(new Float32Array(0), f32)).toBeNaN();
  });
});

describe('pythonStr', () => {
  it.each([
    { v: null, s: 'None' },
    { v: undefined, s: 'None' },
    { v: true, s: 'True' },
    { v: false, s: 'False' },
    { v: NaN, s: 'nan' },
    { v: Infinity, s: 'inf' },
    { v: -Infinity, s: '-inf' },
    { v: 1, s: '1' },
    { v: 'MEAN', s: 'MEAN' },
    // Paddle 3.3.1 prints a list reduction as Python does: "but received ['a', 1, None, True]."
    { v: ['a'], s: "['a']" },
    { v: ['a', 1, null, true], s: "['a', 1, None, True]" },
  ])('str($v) is $s', ({ v, s }) => {
    expect(pythonStr(v)).toBe(s);
  });
});

/**
 * Which NaN a sum returns where a +NaN and a -NaN meet, measured on Paddle
 * 3.3.1 (paddle.sum and paddle.mean agree here): row i has +NaN at lane i,
 * column j -NaN at lane j, all else 0; '1' where the result is -NaN.
 */
const PADDLE_NAN_MEETINGS = {
  float32: ['.0001000', '1.101110', '10.01010', '111.1111', '0000.000', '10101.10', '100010.0', '1110111.'],
  float64: ['.010', '1.11', '00.0', '101.'],
};

describe('sums over NaNs of both signs: the NaN Paddle returns', () => {
  const bitsOf = (v: number, dtype: 'float32' | 'float64') =>
    dtype === 'float32' ? new Uint32Array(Float32Array.of(v).buffer)[0]! >>> 31 : new Uint32Array(Float64Array.of(v).buffer)[1]! >>> 31;
  const nan = (negative: boolean, dtype: 'float32' | 'float64') =>
    dtype === 'float32'
      ? new Float32Array(Uint32Array.of(negative ? 0xffc00000 : 0x7fc00000).buffer)[0]!
      : new Float64Array(BigUint64Array.of(negative ? 0xfff8000000000000n : 0x7ff8000000000000n).buffer)[0]!;
  it.each(['float32', 'float64'] as const)('%s: every placement of +NaN and -NaN in one packet', (dtype) => {
    const rows = PADDLE_NAN_MEETINGS[dtype];
    const got = rows.map((_, i) =>
      rows.map((__, j) => {
        if (i === j) return '.';
        const values = dtype === 'float32' ? new Float32Array(rows.length) : new Float64Array(rows.length);
        values[i] = nan(false, dtype);
        values[j] = nan(true, dtype);
        const s = bitsOf(sum(values, dtypeOf(dtype)), dtype);
        const m = bitsOf(mean(values, dtypeOf(dtype)), dtype);
        return s === m ? String(s) : '?';
      }).join(''),
    );
    expect(got).toEqual(rows);
  });
});
