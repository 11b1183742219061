/**
 * The sum primitive along the last axis and over every element, against
 * Paddle's own values (Paddle 3.3.1, CPU, unless a release is named), and
 * its backward read off `.grad`.
 */
import { describe, expect, it } from 'vitest';
import { float32Bits, raised } from '../test_support.js';
import { withPaddleRelease } from '../release.js';
import { tensor } from '../tensor.js';
import { sumAlongAxis, sumOverTrailingAxes } from './sum.js';
import { Tape } from './tape.js';

const summed = (x: ReturnType<typeof tensor>) => {
  const tape = new Tape();
  return sumAlongAxis(tape, tape.leaf(x), -1).value;
};

// [2^24, 1 × 8, -2^24]: a left-to-right float32 sum loses every 1 (2^24 + 1 rounds to 2^24); Eigen's packets keep 7.
const big = [16777216, 1, 1, 1, 1, 1, 1, 1, 1, -16777216];

describe('Rules `sum-along-last-axis-left-to-right` and `sum-full-in-eigen-order`', () => {
  it('a row of a 2-D tensor adds left to right: 0', () => {
    // T([big]).sum(axis=-1) -> [0x0]
    expect(float32Bits(summed(tensor([big])))).toEqual(['0x0']);
  });

  it('the 1-D tensor is a full reduction in Eigen\'s order: 7', () => {
    // T(big).sum(axis=-1) -> 0x40e00000, shape []
    const out = summed(tensor(big));
    expect([out.shape, float32Bits(out)]).toEqual([[], ['0x40e00000']]);
  });

  it('a 0-D -0 sums to +0 (every sum starts from +0)', () => {
    // T(-0.0).sum(axis=-1) -> 0x0
    expect(float32Bits(summed(tensor(-0)))).toEqual(['0x0']);
  });
});

describe('Rule `sum-of-integers-is-int64` along an axis', () => {
  it('int32 rows sum to int64', () => {
    // T([[1, 2], [3, 4]], 'int32').sum(axis=-1) -> int64 [3, 7]
    const out = summed(tensor([[1, 2], [3, 4]], { dtype: 'int32' }));
    expect([out.dtype, out.toNested()]).toEqual(['int64', [3, 7]]);
  });
});

describe('Rule `sum-of-empty-is-zero` along an axis', () => {
  it('rows of length 0 sum to +0; 2.6.2 raised ValueError', () => {
    // paddle.zeros([2, 0]).sum(axis=-1) -> [0, 0]; Paddle 2.6.2: ValueError (InvalidArgument) Tensor need be reduced must not empty.
    expect(summed(tensor([], { shape: [2, 0] })).toNested()).toEqual([0, 0]);
    expect(withPaddleRelease('2.6.2', () => raised(() => summed(tensor([], { shape: [2, 0] })))[0])).toBe('ValueError');
  });
});

describe('the backward', () => {
  it("each row's elements get its upstream gradient as it is, -0 included", () => {
    // x = T([[1.,2.,3.],[4.,5.,6.]], stop_gradient=False); x.sum(axis=-1).backward(T([2., -0.])) -> x.grad [2, 2, 2, -0, -0, -0]
    const tape = new Tape();
    const x = tape.leaf(tensor([[1, 2, 3], [4, 5, 6]]), true);
    const g = tape.backward(sumAlongAxis(tape, x, -1), tensor([2, -0])).get(x.id)!;
    expect(float32Bits(g)).toEqual(['0x40000000', '0x40000000', '0x40000000', '0x80000000', '0x80000000', '0x80000000']);
  });
});

describe('Rule `sum-over-trailing-axes-last-axis-outermost`', () => {
  const over = (x: ReturnType<typeof tensor>) => {
    const tape = new Tape();
    return sumOverTrailingAxes(tape, tape.leaf(x)).value;
  };
  const [PN, NN] = [0x7fc00000, 0xffc00000];

  it('a [1, 2, 3] block is walked column by column: the NaN of the earlier column survives', () => {
    // Paddle 3.3.1: x[0, 0, 1] = +NaN, x[0, 1, 0] = -NaN gives -NaN (column 0 is walked first), row-major would give +NaN
    const one = 0x3f800000;
    const x = tensor(new Float32Array(Uint32Array.of(one, PN, one, NN, one, one).buffer), { shape: [1, 2, 3] });
    expect(float32Bits(over(x))).toEqual(['0xffc00000']);
  });

  it('the order decides the rounding: [[2^24, 1], [-2^24, 1]] walked as 2^24, -2^24, 1, 1', () => {
    // paddle.sum(T([[[16777216, 1], [-16777216, 1]]]), axis=[1, 2]) -> [2.] (row-major would give 1)
    expect(over(tensor([[[16777216, 1], [-16777216, 1]]])).toNested()).toEqual([2]);
  });

  it('rank 2 is the last-axis sum, with the first axis kept', () => {
    expect(over(tensor([[1, 2], [3, 4]])).toNested()).toEqual([3, 7]);
  });
});
