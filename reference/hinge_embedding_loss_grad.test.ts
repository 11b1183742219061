/**
 * d loss / d input, hingeEmbeddingLossGrad. Every expected value is a literal
 * confirmed against Paddle 3.3.1 on CPU with `loss.backward()` (or
 * `loss.backward(grad_output)`), reading `input.grad`.
 */
import { describe, expect, it } from 'vitest';
import { values } from './test_support.js';
import { hingeEmbeddingLossGrad, tensor, Tensor, type Reduction } from './index.js';

describe('at the relu boundary (label -1, margin 1)', () => {
  // 0x3f7fffff = 0.9999999403953552, the float32 just below 1: margin - x = 2^-24 > 0.
  const belowOne = new Float32Array(new Uint32Array([0x3f7fffff]).buffer)[0]!;
  it.each([
    { id: "reduction='none'", reduction: 'none', expected: [0, -1, 0] },
    { id: "reduction='sum'", reduction: 'sum', expected: [0, -1, 0] },
    // -1/3 in float32 is 0xbeaaaaab.
    { id: "reduction='mean'", reduction: 'mean', expected: [0, -0.3333333432674408, 0] },
  ] as { id: string; reduction: Reduction; expected: number[] }[])(
    'x = [1 (margin - x == 0), 0x3f7fffff (one ulp below), 2 (above)], $id',
    ({ reduction, expected }) => {
      const g = hingeEmbeddingLossGrad(tensor([1, belowOne, 2]), tensor([-1, -1, -1]), 1.0, reduction);
      expect(values(g)).toEqual(expected);
    },
  );

  it('margin - x == 0 gives +0, not -0', () => {
    const g = hingeEmbeddingLossGrad(tensor([1]), tensor([-1]), 1.0, 'none');
    expect(Object.is(g.at(0), 0)).toBe(true);
  });

  it('margin 0.1 with x = float32(0.1) (0x3dcccccd) is at the boundary: +0', () => {
    const g = hingeEmbeddingLossGrad(tensor([0.1]), tensor([-1]), 0.1, 'sum');
    expect(Object.is(g.at(0), 0)).toBe(true);
  });
});

describe('per label', () => {
  it.each([
    { id: 'x=NaN,label=-1 gives 0', x: NaN, y: -1, expected: 0 },
    { id: 'x=NaN,label=1 passes g', x: NaN, y: 1, expected: 1 },
    { id: 'x=0.5,label=1 passes g', x: 0.5, y: 1, expected: 1 },
    { id: 'x=0.5,label=-1 gives -g', x: 0.5, y: -1, expected: -1 },
    { id: 'x=-0.0,label=1 passes g', x: -0, y: 1, expected: 1 },
    { id: 'x=0.5,label=0 gives +0', x: 0.5, y: 0, expected: 0 },
    { id: 'x=0.5,label=2 gives +0', x: 0.5, y: 2, expected: 0 },
    { id: 'x=0.5,label=0.5 gives +0', x: 0.5, y: 0.5, expected: 0 },
    { id: 'x=0.5,label=-0.5 gives +0', x: 0.5, y: -0.5, expected: 0 },
    { id: 'x=0.5,label=NaN gives +0', x: 0.5, y: NaN, expected: 0 },
    { id: 'x=0.5,label=Infinity gives +0', x: 0.5, y: Infinity, expected: 0 },
    { id: 'x=0.5,label=-Infinity gives +0', x: 0.5, y: -Infinity, expected: 0 },
    { id: 'x=0.5,label=-0.0 gives +0', x: 0.5, y: -0, expected: 0 },
  ])("$id (reduction='none')", ({ x, y, expected }) => {
    expect(values(hingeEmbeddingLossGrad(tensor([x]), tensor([y]), 1.0, 'none'))).toEqual([expected]);
  });
});

describe('reductions and the upstream gradient', () => {
  it("'mean' divides by N: N=6, label -1 gives float32(-1/6) = -0.1666666716337204 (0xbe2aaaab) each", () => {
    const g = hingeEmbeddingLossGrad(tensor([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]), tensor([-1, -1, -1, -1, -1, -1]));
    expect(values(g)).toEqual(new Array(6).fill(-0.1666666716337204));
  });

  it("'mean' divides by N in float64: N=6 gives -0.16666666666666666 each", () => {
    const g = hingeEmbeddingLossGrad(
      tensor([0.5, 0.5, 0.5, 0.5, 0.5, 0.5], { dtype: 'float64' }),
      tensor([-1, -1, -1, -1, -1, -1], { dtype: 'float64' }),
    );
    expect(values(g)).toEqual(new Array(6).fill(-0.16666666666666666));
  });

  it("'mean' with mixed labels, N=6: [-1/6, 1/6, -1/6, 1/6, 0, 0] in float32", () => {
    const g = hingeEmbeddingLossGrad(tensor([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]), tensor([-1, 1, -1, 1, 0, 2]));
    expect(values(g)).toEqual([-0.1666666716337204, 0.1666666716337204, -0.1666666716337204, 0.1666666716337204, 0, 0]);
  });

  it.each([
    { id: "reduction='none',grad_output=[3,5]", reduction: 'none', upstream: tensor([3, 5]), expected: [-3, 5] },
    { id: "reduction='mean',grad_output=2", reduction: 'mean', upstream: tensor(2), expected: [-1, 1] },
    { id: "reduction='sum',grad_output=2", reduction: 'sum', upstream: tensor(2), expected: [-2, 2] },
  ] as { id: string; reduction: Reduction; upstream: Tensor; expected: number[] }[])(
    'x=[0.5,2], label=[-1,1], $id',
    ({ reduction, upstream, expected }) => {
      const g = hingeEmbeddingLossGrad(tensor([0.5, 2]), tensor([-1, 1]), 1.0, reduction, upstream);
      expect(values(g)).toEqual(expected);
    },
  );

  it('the options-object form takes the upstream gradient too', () => {
    const g = hingeEmbeddingLossGrad(tensor([0.5, 2]), tensor([-1, 1]), { reduction: 'none' }, undefined, tensor([3, 5]));
    expect(values(g)).toEqual([-3, 5]);
  });
});

describe('shapes', () => {
  it.each([
    { id: "reduction='mean'", reduction: 'mean', expected: [[-0.1666666716337204], [0.3333333432674408]] },
    { id: "reduction='sum'", reduction: 'sum', expected: [[-1], [2]] },
  ] as { id: string; reduction: Reduction; expected: number[][] }[])(
    'input [[0.5],[2]] broadcast against label [[-1,-1,1],[-1,1,1]] sums back to shape [2,1], $id',
    ({ reduction, expected }) => {
      const g = hingeEmbeddingLossGrad(tensor([[0.5], [2]]), tensor([[-1, -1, 1], [-1, 1, 1]]), 1.0, reduction);
      expect(g.shape).toEqual([2, 1]);
      expect(g.toNested()).toEqual(expected);
    },
  );

  it.each([
    { id: "reduction='none'", reduction: 'none' },
    { id: "reduction='mean'", reduction: 'mean' },
  ] as { id: string; reduction: Reduction }[])('a 0-D input gets a 0-D gradient, $id: -1', ({ reduction }) => {
    const g = hingeEmbeddingLossGrad(tensor(0.5), tensor(-1), 1.0, reduction);
    expect(g.shape).toEqual([]);
    expect(values(g)).toEqual([-1]);
  });

  it("a zero-size input [0,3] with 'mean' gets an empty gradient of shape [0,3]", () => {
    const g = hingeEmbeddingLossGrad(tensor([], { shape: [0, 3] }), tensor([], { shape: [0, 3] }));
    expect(g.shape).toEqual([0, 3]);
    expect(g.size).toBe(0);
  });

  it('the gradient has the dtype of the input', () => {
    expect(hingeEmbeddingLossGrad(tensor([0.5], { dtype: 'float64' }), tensor([1])).dtype).toBe('float64');
  });
});

describe("margin - input: a scale for an int or float margin, a subtraction for a str or bool one", () => {
  // Paddle 3.3.1: input [0] float32, label [1], upstream -0 (mean): the
  // gradient's sign for margins 0.5, 1, True, '0.5'.
  it.each([
    [0.5, false],
    [1, false],
    [true, true],
    ['0.5', true],
  ] as const)('margin %j: the gradient is -0: %s', (margin, negativeZero) => {
    const grad = hingeEmbeddingLossGrad(
      new Tensor('float32', [1], Float32Array.of(0)),
      new Tensor('float32', [1], Float32Array.of(1)),
      margin as never,
      'mean',
      new Tensor('float32', [], Float32Array.of(-0)),
    );
    expect(Object.is(grad.at(0), -0)).toBe(negativeZero);
  });
});
