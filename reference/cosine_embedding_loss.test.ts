/**
 * paddle.nn.functional.cosine_embedding_loss and paddle.nn.CosineEmbeddingLoss
 * as the documentation page states them. Expected values are literals from
 * Paddle 3.3.1 (CPU); each comment gives the call (F = paddle.nn.functional,
 * T(v, dtype) = paddle.to_tensor(v, dtype=dtype), float32 unless stated).
 * Gradients come from `.backward()` (or `.backward(T(g))`) on the result,
 * the inputs' `.grad` read back. Behaviour beyond the page is in
 * cosine_embedding_loss_rules.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CosineEmbeddingLoss, cosineEmbeddingLoss, cosineEmbeddingLossGrad } from './cosine_embedding_loss.js';
import { tensor, type Tensor } from './tensor.js';

/** The IEEE-754 bit patterns of a float32 tensor's elements, as hex strings. */
function bits32(t: Tensor): string[] {
  return Array.from(new Uint32Array(new Float32Array(t.data).buffer), (b) => b.toString(16).padStart(8, '0'));
}

// The page's example.
const input1 = tensor([[1.6, 1.2, -0.5], [3.2, 2.6, -5.8]]);
const input2 = tensor([[0.5, 0.5, -1.8], [2.3, -1.4, 1.1]]);
const label = tensor([1, -1], { dtype: 'int64' });

describe('the documentation page example (margin 0.5)', () => {
  it.each([
    // F.cosine_embedding_loss(input1, input2, label, margin=0.5, reduction=r)
    ['mean', [], ['3e58a112']], //  0.21155193
    ['sum', [], ['3ed8a112']], //   0.42310387
    ['none', [2], ['3ed8a112', '00000000']], // [0.42310387, 0.]
  ] as const)("reduction '%s'", (reduction, shape, expected) => {
    const out = cosineEmbeddingLoss(input1, input2, label, 0.5, reduction);
    expect(out.dtype).toBe('float32');
    expect(out.shape).toEqual(shape);
    expect(bits32(out)).toEqual(expected);
  });

  it('the layer gives the same values', () => {
    // paddle.nn.CosineEmbeddingLoss(margin=0.5, reduction='mean')(input1, input2, label) -> 0.21155193
    expect(bits32(new CosineEmbeddingLoss(0.5, 'mean').forward(input1, input2, label))).toEqual(['3e58a112']);
    expect(bits32(new CosineEmbeddingLoss({ margin: 0.5, reduction: 'none' }).forward(input1, input2, label))).toEqual(['3ed8a112', '00000000']);
  });
});

describe('defaults: margin 0, reduction mean', () => {
  it('positional and options forms agree with the defaults', () => {
    // F.cosine_embedding_loss(input1, input2, label) -> 0x3e58a112 (the -1 row's cos is negative, so margin 0 or 0.5 clip alike)
    expect(bits32(cosineEmbeddingLoss(input1, input2, label))).toEqual(['3e58a112']);
    expect(bits32(cosineEmbeddingLoss(input1, input2, label, {}))).toEqual(['3e58a112']);
    expect(bits32(cosineEmbeddingLoss(input1, input2, label, { reduction: 'sum' }))).toEqual(['3ed8a112']);
    expect(bits32(new CosineEmbeddingLoss().forward(input1, input2, label))).toEqual(['3e58a112']);
  });
});

describe('label 1: 1 - cos; label -1: max(0, cos - margin)', () => {
  const a = tensor([[1, 2]]);
  const b = tensor([[1, 0]]);
  it.each([
    // F.cosine_embedding_loss(T([[1.,2.]]), T([[1.,0.]]), T([y]), margin=m, reduction='none')
    ['label 1', 1, 0, '3f0d8369'], //   1 - 1/sqrt(5) = 0.5527864
    ['label -1, margin 0', -1, 0, '3ee4f92e'], //  1/sqrt(5) = 0.4472136
    ['label -1, margin 0.5 (clipped)', -1, 0.5, '00000000'],
    ['label -1, margin -0.5', -1, -0.5, '3f727c97'], // 0.9472136
    ['label -1, margin -2 (outside the page’s range; the function takes it)', -1, -2, '401c9f26'],
  ])('%s', (_, y, margin, expected) => {
    expect(bits32(cosineEmbeddingLoss(a, b, tensor([y]), margin, 'none'))).toEqual([expected]);
  });

  it('opposite vectors: label 1 gives 2, identical vectors under label -1 give 1', () => {
    // F.cosine_embedding_loss(T([[1.,1.]]), T([[-1.,-1.]]), T([1,-1]), reduction='none') -> [2, 0]
    expect(cosineEmbeddingLoss(tensor([[1, 1]]), tensor([[-1, -1]]), tensor([1, -1]), 0, 'none').toNested()).toEqual([2, 0]);
    // F.cosine_embedding_loss(T([[1.,1.]]), T([[1.,1.]]), T([1,-1]), reduction='none') -> [0, 1]
    expect(cosineEmbeddingLoss(tensor([[1, 1]]), tensor([[1, 1]]), tensor([1, -1]), 0, 'none').toNested()).toEqual([0, 1]);
  });

  it('float64 is computed in float64', () => {
    // F.cosine_embedding_loss(T([[1.,2.]],'float64'), T([[1.,0.]],'float64'), T([1]), reduction='none') -> [0.5527864045027253]
    const f64 = { dtype: 'float64' } as const;
    const out = cosineEmbeddingLoss(tensor([[1, 2]], f64), tensor([[1, 0]], f64), tensor([1]), 0, 'none');
    expect([out.dtype, out.at(0)]).toEqual(['float64', 0.5527864045027253]);
  });
});

describe('gradients: the documentation page example', () => {
  it("'mean', margin 0.5: the clipped -1 row gets +0", () => {
    // F.cosine_embedding_loss(input1, input2, label, margin=0.5).backward()
    const g = cosineEmbeddingLossGrad(input1, input2, label, 0.5, 'mean');
    expect(bits32(g.input1!)).toEqual(['3d3bf314', '3c998090', '3e446906', '00000000', '00000000', '00000000']);
    expect(bits32(g.input2!)).toEqual(['be25fcbd', 'bde53ca2', 'bd9be460', '00000000', '00000000', '00000000']);
  });

  it("'sum' doubles 'mean'", () => {
    // F.cosine_embedding_loss(input1, input2, label, margin=0.5, reduction='sum').backward()
    const g = cosineEmbeddingLossGrad(input1, input2, label, 0.5, 'sum');
    expect(bits32(g.input1!)).toEqual(['3dbbf314', '3d198090', '3ec46906', '00000000', '00000000', '00000000']);
  });

  it("'none' with grad_output [0.5, -2] and margin -0.5: both rows active", () => {
    // out = F.cosine_embedding_loss(input1, input2, label, margin=-0.5, reduction='none'); out.backward(T([0.5, -2.]))
    const g = cosineEmbeddingLossGrad(input1, input2, label, -0.5, 'none', tensor([0.5, -2]));
    expect(bits32(g.input1!)).toEqual(['3d3bf314', '3c998090', '3e446906', 'be743511', '3dfa05aa', 'bd9d6428']);
    expect(bits32(g.input2!)).toEqual(['be25fcbd', 'bde53ca2', 'bd9be460', 'bec2173a', 'be55b459', '3f06ea89']);
  });
});

describe('gradients: special rows', () => {
  it('a zero input1 still has a gradient (eps keeps the denominator positive)', () => {
    // F.cosine_embedding_loss(T([[0.,0.,0.]]), T([[1.,2.,3.]]), T([1]), reduction='sum').backward()
    //   x1.grad [c7a511b6, c82511b6, c8779a91] (about -84515, -169030, -253545), x2.grad [0, 0, 0]
    const g = cosineEmbeddingLossGrad(tensor([[0, 0, 0]]), tensor([[1, 2, 3]]), tensor([1]), 0, 'sum');
    expect(bits32(g.input1!)).toEqual(['c7a511b6', 'c82511b6', 'c8779a91']);
    expect(bits32(g.input2!)).toEqual(['00000000', '00000000', '00000000']);
  });

  it('label 1 at [3, 4] against [4, 3]', () => {
    // F.cosine_embedding_loss(T([[3.,4.]]), T([[4.,3.]]), T([1]), reduction='sum').backward() -> x1.grad [bd378034, 3d09a026]
    const g = cosineEmbeddingLossGrad(tensor([[3, 4]]), tensor([[4, 3]]), tensor([1]), 0, 'sum');
    expect(bits32(g.input1!)).toEqual(['bd378034', '3d09a026']);
    expect(bits32(g.input2!)).toEqual(['3d09a026', 'bd378034']);
  });

  it('1-D inputs against a label of length 3: the three branches summed back to one pair', () => {
    // out = F.cosine_embedding_loss(T([1.,2.,3.]), T([1.,0.,1.]), T([1,-1,1]), reduction='none'); out.backward(T([1.,2.,-1.]))
    //   x1.grad [3e8a3a1e, be5d29c9, 3d5d29c8], x2.grad [bec18490, 3f418490, 3ec18490]
    const g = cosineEmbeddingLossGrad(tensor([1, 2, 3]), tensor([1, 0, 1]), tensor([1, -1, 1]), 0, 'none', tensor([1, 2, -1]));
    expect(g.input1!.shape).toEqual([3]);
    expect(bits32(g.input1!)).toEqual(['3e8a3a1e', 'be5d29c9', '3d5d29c8']);
    expect(bits32(g.input2!)).toEqual(['bec18490', '3f418490', '3ec18490']);
  });
});

describe('gradients: only the embeddings asked for', () => {
  it('wrt input1 alone leaves input2 without a gradient, as stop_gradient=True does', () => {
    // x1 = T([[3.,4.]], stop_gradient=False); F.cosine_embedding_loss(x1, T([[4.,3.]]), T([1]), reduction='sum').backward() -> x1.grad [bd378034, 3d09a026]
    const g = cosineEmbeddingLossGrad(tensor([[3, 4]]), tensor([[4, 3]]), tensor([1]), 0, 'sum', undefined, ['input1']);
    expect(Object.keys(g)).toEqual(['input1']);
    expect(bits32(g.input1!)).toEqual(['bd378034', '3d09a026']);
  });
});
