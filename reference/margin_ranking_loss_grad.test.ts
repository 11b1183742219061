/**
 * The gradients of margin_ranking_loss with respect to input and other.
 * Expected values are literals from Paddle 3.3.1 (CPU): each comment gives
 * the call, with `.backward()` (or `.backward(T(g))`) on its result and the
 * operands' `.grad` read back (T(v, dtype) = paddle.to_tensor(v, dtype=dtype)).
 */
import { describe, expect, it } from 'vitest';
import { values } from './test_support.js';
import { marginRankingLossGrad } from './margin_ranking_loss.js';
import { tensor, type Tensor } from './tensor.js';

/** The IEEE-754 bit patterns of a float32 tensor's elements, as hex strings. */
function bits32(t: Tensor): string[] {
  return Array.from(new Uint32Array(new Float32Array(t.data).buffer), (b) => b.toString(16).padStart(8, '0'));
}

describe('the documentation page example', () => {
  const input = tensor([[1, 2], [3, 4]]);
  const other = tensor([[2, 1], [2, 4]]);
  const label = tensor([[1, -1], [-1, -1]]);

  it("'mean': input [[-0.25, 0.25], [0.25, 0]], other [[0.25, -0.25], [-0.25, -0]]", () => {
    // F.margin_ranking_loss(input, other, label).backward()
    //   input.grad bits [be800000, 3e800000, 3e800000, 00000000], other.grad [3e800000, be800000, be800000, 80000000]
    const g = marginRankingLossGrad(input, other, label);
    expect(g.input.shape).toEqual([2, 2]);
    expect(bits32(g.input)).toEqual(['be800000', '3e800000', '3e800000', '00000000']);
    expect(bits32(g.other)).toEqual(['3e800000', 'be800000', 'be800000', '80000000']);
  });

  it("'sum': ±1", () => {
    // F.margin_ranking_loss(input, other, label, 0.0, 'sum').backward()
    const g = marginRankingLossGrad(input, other, label, 0.0, 'sum');
    expect(bits32(g.input)).toEqual(['bf800000', '3f800000', '3f800000', '00000000']);
    expect(bits32(g.other)).toEqual(['3f800000', 'bf800000', 'bf800000', '80000000']);
  });

  it("'none' with grad_output [[0.5, 2], [3, -1]]: input [[-0.5, 2], [3, -0]], other [[0.5, -2], [-3, 0]]", () => {
    // out = F.margin_ranking_loss(input, other, label, 0.0, 'none'); out.backward(T([[0.5, 2], [3, -1]]))
    const g = marginRankingLossGrad(input, other, label, 0.0, 'none', tensor([[0.5, 2], [3, -1]]));
    expect(bits32(g.input)).toEqual(['bf000000', '40000000', '40400000', '80000000']);
    expect(bits32(g.other)).toEqual(['3f000000', 'c0000000', 'c0400000', '00000000']);
  });
});

describe('labels scale the gradient', () => {
  it("'mean' over 6 with labels [2, 0.5, 0, -0.5, 3, -2], other - input = 1", () => {
    // F.margin_ranking_loss(T([1]*6), T([2]*6), T([2, 0.5, 0, -0.5, 3, -2]), 0.0, 'mean').backward()
    //   input.grad bits [beaaaaab, bdaaaaab, 80000000, 00000000, bf000000, 00000000]
    const g = marginRankingLossGrad(tensor([1, 1, 1, 1, 1, 1]), tensor([2, 2, 2, 2, 2, 2]), tensor([2, 0.5, 0, -0.5, 3, -2]), 0.0, 'mean');
    expect(bits32(g.input)).toEqual(['beaaaaab', 'bdaaaaab', '80000000', '00000000', 'bf000000', '00000000']);
    expect(bits32(g.other)).toEqual(['3eaaaaab', '3daaaaab', '00000000', '80000000', '3f000000', '80000000']);
  });
});

describe('broadcasting: each gradient has its operand’s shape', () => {
  it("input [3,1] against other and label [3,4], 'sum': input's gradient sums each row", () => {
    // F.margin_ranking_loss(T([[1],[2],[3]]), T(arange(12).reshape(3,4)), T(ones([3,4])), 0.0, 'sum').backward()
    //   input.grad [[-2], [-4], [-4]], other.grad [[0,0,1,1],[1,1,1,1],[1,1,1,1]]
    const other = tensor([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]);
    const g = marginRankingLossGrad(tensor([[1], [2], [3]]), other, tensor([[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]]), 0.0, 'sum');
    expect(g.input.shape).toEqual([3, 1]);
    expect(values(g.input)).toEqual([-2, -4, -4]);
    expect(g.other.toNested()).toEqual([[0, 0, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]]);
  });

  it('a label larger than input and other: their gradients sum over the label’s rows', () => {
    // F.margin_ranking_loss(T([1.,2.,3.]), T([3.,2.,1.]), T([[1,1,1],[-1,-1,-1]]), 0.0, 'sum').backward()
    //   input.grad bits [bf800000, 80000000, 3f800000], other.grad [3f800000, 00000000, bf800000]
    const g = marginRankingLossGrad(tensor([1, 2, 3]), tensor([3, 2, 1]), tensor([[1, 1, 1], [-1, -1, -1]]), 0.0, 'sum');
    expect(bits32(g.input)).toEqual(['bf800000', '80000000', '3f800000']);
    expect(bits32(g.other)).toEqual(['3f800000', '00000000', 'bf800000']);
  });

  it("a 0-D input against other [3], 'mean': input's gradient is 0-D", () => {
    // F.margin_ranking_loss(T(0.3), T([0.5, 0.1, 2.0]), T([1., -1., 1.]), 0.0, 'mean').backward()
    //   input.grad shape [] -0.3333333432674408 (0xbeaaaaab); other.grad [0x3eaaaaab, 0xbeaaaaab, 0x3eaaaaab]
    const g = marginRankingLossGrad(tensor(0.3), tensor([0.5, 0.1, 2.0]), tensor([1, -1, 1]), 0.0, 'mean');
    expect(g.input.shape).toEqual([]);
    expect(bits32(g.input)).toEqual(['beaaaaab']);
    expect(bits32(g.other)).toEqual(['3eaaaaab', 'beaaaaab', '3eaaaaab']);
  });

  it("0-D operands with margin 0.5 and 'none': the loss is [1] but the gradients stay 0-D", () => {
    // out = F.margin_ranking_loss(T(0.3), T(0.5), T(1.0), 0.5, 'none'); out.backward()  -> out shape [1];
    //   input.grad shape [] -1, other.grad shape [] 1
    const g = marginRankingLossGrad(tensor(0.3), tensor(0.5), tensor(1), 0.5, 'none');
    expect([g.input.shape, values(g.input), g.other.shape, values(g.other)]).toEqual([[], [-1], [], [1]]);
  });
});

describe('mixed dtypes: each gradient is cast back to its operand’s dtype', () => {
  it('float32 input, float64 other, float32 label 0.7, sum', () => {
    // F.margin_ranking_loss(T([0.1]), T([0.3], 'float64'), T([0.7]), 0.0, 'sum').backward()
    //   input.grad float32 [-0.699999988079071] (0xbf333333), other.grad float64 [0.699999988079071]
    const g = marginRankingLossGrad(tensor([0.1]), tensor([0.3], { dtype: 'float64' }), tensor([0.7]), 0.0, 'sum');
    expect(g.input.dtype).toBe('float32');
    expect(bits32(g.input)).toEqual(['bf333333']);
    expect(g.other.dtype).toBe('float64');
    expect(values(g.other)).toEqual([0.699999988079071]);
  });

  it('a 0-D float64 other against float32 input [2] is computed in float32 and its gradient cast back', () => {
    // F.margin_ranking_loss(T([0., 0.]), T(0.1, 'float64'), T([1., 1.]), 0.0, 'sum').backward()
    //   other.grad float64 shape [] 2.0; input.grad float32 [-1, -1]
    const g = marginRankingLossGrad(tensor([0, 0]), tensor(0.1, { dtype: 'float64' }), tensor([1, 1]), 0.0, 'sum');
    expect([g.other.dtype, g.other.shape, values(g.other)]).toEqual(['float64', [], [2]]);
    expect(values(g.input)).toEqual([-1, -1]);
  });
});

describe('empty operands', () => {
  it("[0, 3] with 'mean' gives empty gradients", () => {
    // F.margin_ranking_loss(T(zeros([0,3])), T(zeros([0,3])), T(zeros([0,3])), 0.0, 'mean').backward() -> grads shape [0, 3]
    const e = tensor([], { shape: [0, 3] });
    const g = marginRankingLossGrad(e, e, e, 0.0, 'mean');
    expect([g.input.shape, g.other.shape]).toEqual([[0, 3], [0, 3]]);
  });
});

describe("an integer operand's gradient is cast back by Paddle's cast", () => {
  it('a NaN gradient reaching a 0-D int64 input becomes -2^63, not NaN', () => {
    // F.margin_ranking_loss(T(0, 'int64'), T(0.), T(nan)).backward(): input.grad int64 -9223372036854775808, other.grad float32 nan
    const g = marginRankingLossGrad(tensor(0, { dtype: 'int64' }), tensor(0), tensor(NaN));
    expect(g.input.dtype).toBe('int64');
    expect(Array.from(g.input.data)).toEqual([-(2 ** 63)]);
    expect(values(g.other)).toEqual([NaN]);
  });
});
