/**
 * The gradients of cosine_embedding_loss with respect to input1 and input2.
 * Expected values are literals from Paddle 3.3.1 (CPU): each comment gives
 * the call, with `.backward()` (or `.backward(T(g))`) on its result and the
 * inputs' `.grad` read back (T(v, dtype) = paddle.to_tensor(v, dtype=dtype)).
 */
import { describe, expect, it } from 'vitest';
import { cosineEmbeddingLossGrad } from './cosine_embedding_loss_grad.js';
import { tensor, type Tensor } from './tensor.js';

/** The IEEE-754 bit patterns of a float32 tensor's elements, as hex strings. */
function bits32(t: Tensor): string[] {
  return Array.from(new Uint32Array(new Float32Array(t.data).buffer), (b) => b.toString(16).padStart(8, '0'));
}

const input1 = tensor([[1.6, 1.2, -0.5], [3.2, 2.6, -5.8]]);
const input2 = tensor([[0.5, 0.5, -1.8], [2.3, -1.4, 1.1]]);
const label = tensor([1, -1], { dtype: 'int64' });

describe('the documentation page example', () => {
  it("'mean', margin 0.5: the clipped -1 row gets +0", () => {
    // F.cosine_embedding_loss(input1, input2, label, margin=0.5).backward()
    const g = cosineEmbeddingLossGrad(input1, input2, label, 0.5, 'mean');
    expect(bits32(g.input1)).toEqual(['3d3bf314', '3c998090', '3e446906', '00000000', '00000000', '00000000']);
    expect(bits32(g.input2)).toEqual(['be25fcbd', 'bde53ca2', 'bd9be460', '00000000', '00000000', '00000000']);
  });

  it("'sum' doubles 'mean'", () => {
    // F.cosine_embedding_loss(input1, input2, label, margin=0.5, reduction='sum').backward()
    const g = cosineEmbeddingLossGrad(input1, input2, label, 0.5, 'sum');
    expect(bits32(g.input1)).toEqual(['3dbbf314', '3d198090', '3ec46906', '00000000', '00000000', '00000000']);
  });

  it("'none' with grad_output [0.5, -2] and margin -0.5: both rows active", () => {
    // out = F.cosine_embedding_loss(input1, input2, label, margin=-0.5, reduction='none'); out.backward(T([0.5, -2.]))
    const g = cosineEmbeddingLossGrad(input1, input2, label, -0.5, 'none', tensor([0.5, -2]));
    expect(bits32(g.input1)).toEqual(['3d3bf314', '3c998090', '3e446906', 'be743511', '3dfa05aa', 'bd9d6428']);
    expect(bits32(g.input2)).toEqual(['be25fcbd', 'bde53ca2', 'bd9be460', 'bec2173a', 'be55b459', '3f06ea89']);
  });
});

describe('special rows', () => {
  it('a zero input1 still has a gradient (eps keeps the denominator positive)', () => {
    // F.cosine_embedding_loss(T([[0.,0.,0.]]), T([[1.,2.,3.]]), T([1]), reduction='sum').backward()
    //   x1.grad [c7a511b6, c82511b6, c8779a91] (about -84515, -169030, -253545), x2.grad [0, 0, 0]
    const g = cosineEmbeddingLossGrad(tensor([[0, 0, 0]]), tensor([[1, 2, 3]]), tensor([1]), 0, 'sum');
    expect(bits32(g.input1)).toEqual(['c7a511b6', 'c82511b6', 'c8779a91']);
    expect(bits32(g.input2)).toEqual(['00000000', '00000000', '00000000']);
  });

  it('label 1 at [3, 4] against [4, 3]', () => {
    // F.cosine_embedding_loss(T([[3.,4.]]), T([[4.,3.]]), T([1]), reduction='sum').backward() -> x1.grad [bd378034, 3d09a026]
    const g = cosineEmbeddingLossGrad(tensor([[3, 4]]), tensor([[4, 3]]), tensor([1]), 0, 'sum');
    expect(bits32(g.input1)).toEqual(['bd378034', '3d09a026']);
    expect(bits32(g.input2)).toEqual(['3d09a026', 'bd378034']);
  });

  it('1-D inputs against a label of length 3: the three branches summed back to one pair', () => {
    // out = F.cosine_embedding_loss(T([1.,2.,3.]), T([1.,0.,1.]), T([1,-1,1]), reduction='none'); out.backward(T([1.,2.,-1.]))
    //   x1.grad [3e8a3a1e, be5d29c9, 3d5d29c8], x2.grad [bec18490, 3f418490, 3ec18490]
    const g = cosineEmbeddingLossGrad(tensor([1, 2, 3]), tensor([1, 0, 1]), tensor([1, -1, 1]), 0, 'none', tensor([1, 2, -1]));
    expect(g.input1.shape).toEqual([3]);
    expect(bits32(g.input1)).toEqual(['3e8a3a1e', 'be5d29c9', '3d5d29c8']);
    expect(bits32(g.input2)).toEqual(['bec18490', '3f418490', '3ec18490']);
  });
});
