/**
 * softmax.ts's fast float32 exp (mklExp): float32(Math.exp(x)) where that cannot differ from float32(glibc's exp),
 * glibc's otherwise; it must give float32(libmExp(x)) on every argument the AVX row passes it (the shifted,
 * clipped logits in [−64, 0], and NaN).
 */
import { describe, expect, it } from 'vitest';
import { libmExp } from '../elementary.js';
import { mklExp } from './softmax.js';

describe('mklExp is float32(libmExp) on the AVX row\'s arguments', () => {
  it('on 200,000 random float32 values in [-64, 0], the ends, -0 and NaN', () => {
    const xs = [0, -0, -64, -1e-30, Math.fround(-88.5 / 2), NaN, ...Array.from({ length: 200_000 }, (_, i) => Math.fround(-64 * ((i * 0.6180339887498949) % 1)))];
    const wrong = xs.filter((x) => !Object.is(mklExp(x), Math.fround(libmExp(x))));
    expect(wrong).toEqual([]);
  });

  it('near a float32 tie it falls back to glibc\'s value: e^x for x = ln of a tie', () => {
    // float32 ties between 1 − 2^-24 and 1: x slightly below 0 whose exp is 1 − 3·2^-25 (halfway between two float32s).
    const tie = 1 - 3 * 2 ** -25;
    const x = Math.log(tie);
    expect(mklExp(x)).toBe(Math.fround(libmExp(x)));
  });
});
