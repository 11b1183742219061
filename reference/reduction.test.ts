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
