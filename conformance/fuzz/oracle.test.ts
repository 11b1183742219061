/**
 * The oracle's exact summation and the reduction basis it attaches to a 0-D
 * mean or sum, as the comparison needs it.
 */
import { describe, expect, it } from 'vitest';
import { opForFamily } from '../ops/index.js';
import { encodeTensor, fromValues } from '../wire.js';
import { absSum, fsum, openOracle } from './oracle.js';

describe('fsum: the exactly rounded sum', () => {
  it('1 + 1e100 + 1 - 1e100 is 2 (naive order gives 0)', () => {
    expect(fsum([1, 1e100, 1, -1e100])).toBe(2);
  });

  it('ten 0.1s are exactly 1 (naive order gives 0.9999999999999999)', () => {
    expect(fsum(new Array<number>(10).fill(0.1))).toBe(1);
  });

  it('rounds a halfway case to even once: 1 + 2^-53 + 2^-106 is 1 + 2^-52', () => {
    // 1 + 2^-53 alone ties to 1; the 2^-106 beyond it lifts the exact sum past the tie.
    expect(fsum([1, 2 ** -53, 2 ** -106])).toBe(1 + 2 ** -52);
  });

  it('overflow and infinities give +inf; inf - inf gives NaN', () => {
    expect(fsum([Number.MAX_VALUE, Number.MAX_VALUE])).toBe(Infinity);
    expect(fsum([1, Infinity])).toBe(Infinity);
    expect(fsum([Infinity, -Infinity])).toBeNaN();
  });

  it('absSum: NaN when any term is NaN, and the sum of magnitudes otherwise', () => {
    expect(absSum([1, NaN])).toBeNaN();
    expect(absSum([-1, -0.5, 0.25])).toBe(1.75);
  });
});

describe('the reference oracle', () => {
  const hinge = opForFamily('hinge_embedding_loss')!;
  const input = encodeTensor(fromValues('float64', [3], [0.5, -2, 3]));
  const label = encodeTensor(fromValues('float64', [3], [1, -1, 1]));

  it('gives a 0-D sum its basis: count 3 and Σ|l| = 0.5 + 3 + 3 = 6.5', async () => {
    const oracle = await openOracle('reference');
    const expected = await oracle.expected({ api: hinge.functional, inputs: { input, label }, kwargs: { reduction: 'sum' } });
    expect(expected.reduction_basis).toEqual({ count: 3, abs_sum: 6.5 });
  });

  it('gives an unreduced result no basis', async () => {
    const oracle = await openOracle('reference');
    const expected = await oracle.expected({ api: hinge.functional, inputs: { input, label }, kwargs: { reduction: 'none' } });
    expect(expected.reduction_basis).toBeUndefined();
  });
});
