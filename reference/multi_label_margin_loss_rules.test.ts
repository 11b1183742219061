/**
 * One describe block per rule of multi_label_margin_loss that is its own or a primitive's it adds (reference/
 * multi_label_margin_loss_rules.ts). Expected values are Paddle 3.3.1's literal results (3.1.1's where marked),
 * each probe stated beside its values.
 */
import { describe, expect, it } from 'vitest';
import { MultiLabelMarginLoss, multiLabelMarginLoss, multiLabelMarginLossGrad } from './multi_label_margin_loss.js';
import { withPaddleRelease } from './release.js';
import { tensor } from './tensor.js';
import { float32Bits, raised, values } from './test_support.js';

const none = { reduction: 'none' };
const X = tensor([[0.1, 0.2, 0.4, 0.8], [0.2, 0.5, 0.3, 0.1]]);
const label = (rows: number[][], dtype: 'int64' | 'int32' | 'float32' | 'bool' = 'int64') => tensor(rows, { dtype });

describe('Rule `multi-label-margin-reduction-checked-first`', () => {
  it('raises before the bool label is read; the layer at construction', () => {
    expect(raised(() => multiLabelMarginLoss({ input: X, label: label([[1, 0, 0, 0], [0, 1, 0, 0]], 'bool') }, { reduction: 'bad' }))).toEqual(['ValueError', "'reduction' in 'multi_label_margin_loss' should be 'sum', 'mean' or 'none', but received bad."]);
    expect(raised(() => new MultiLabelMarginLoss({ reduction: null }))).toEqual(['ValueError', "'reduction' in 'MultiLabelMarginLoss' should be 'sum', 'mean' or 'none', but received None."]);
  });
});

describe('Rule `multi-label-margin-layer-legacy-arguments`', () => {
  it('size_average is ValueError in 3.3.1, TypeError in 3.1.1', () => {
    expect(raised(() => new MultiLabelMarginLoss({ size_average: true }))[1]).toMatch(/^\[Deprecated\] 'MultiLabelMarginLoss' no longer supports 'reduce' or 'size_average'\./);
    expect(withPaddleRelease('3.1.1', () => raised(() => new MultiLabelMarginLoss({ reduce: false })))).toEqual(['TypeError', "MultiLabelMarginLoss.__init__() got an unexpected keyword argument 'reduce'"]);
  });
});

describe('Rule `multi-label-margin-2-d-only`', () => {
  it('refuses a 1-D sample, a 3-D input and a 1-D label', () => {
    expect(raised(() => multiLabelMarginLoss({ input: tensor([0.1, 0.2, 0.4, 0.8]), label: label([[3, 0, -1, -1]]) }))).toEqual(['ValueError', 'Expected 2D input tensor, but got 1D']);
    expect(raised(() => multiLabelMarginLoss({ input: tensor([[[0.1, 0.2]]]), label: label([[1, -1]]) }))[1]).toBe('Expected 2D input tensor, but got 3D');
    expect(raised(() => multiLabelMarginLoss({ input: X, label: tensor([3, 0, -1, -1], { dtype: 'int64' }) }))).toEqual(['ValueError', 'Expected 2D label tensor, but got 1D']);
  });
});

describe('Rule `multi-label-margin-label-range-checked`', () => {
  it('checks the whole label, after the first −1 too: −2, then C', () => {
    expect(raised(() => multiLabelMarginLoss({ input: X, label: label([[3, 0, -1, -2], [0, 2, -1, -1]]) }))).toEqual(['ValueError', 'label values should be >= -1']);
    expect(raised(() => multiLabelMarginLoss({ input: X, label: label([[3, 0, -1, 4], [0, 2, -1, -1]]) }))).toEqual(['ValueError', 'label values should be < 4']);
  });
  it('a bool label is RuntimeError in min; a float32 one ValueError at indexing', () => {
    expect(raised(() => multiLabelMarginLoss({ input: X, label: label([[1, 0, 0, 0], [0, 1, 0, 0]], 'bool') }))[0]).toBe('RuntimeError');
    expect(raised(() => multiLabelMarginLoss({ input: X, label: label([[3, 0, -1, -1], [0, 2, -1, -1]], 'float32') }))[0]).toBe('ValueError');
  });
});

describe('Rule `multi-label-margin-label-shape-unchecked`', () => {
  it('a [1, 4] label computes row 0 and gives row 1 a loss of 0; a [2, 2] label computes', () => {
    expect(float32Bits(multiLabelMarginLoss({ input: X, label: label([[3, 0, -1, -1]]) }, none))).toEqual(['0x3f59999a', '0x0']);
    expect(float32Bits(multiLabelMarginLoss({ input: X, label: label([[3, 0], [0, 2]]) }, none))).toEqual(float32Bits(multiLabelMarginLoss({ input: X, label: label([[3, 0, -1, -1], [0, 2, -1, -1]]) }, none)));
  });
});

describe('Rule `multi-label-margin-duplicate-targets`', () => {
  it('[3, 3, -1, 1] counts target 3 twice: 0.65 and its gradient twice', () => {
    const t = { input: X, label: label([[3, 3, -1, 1], [0, 2, -1, -1]]) };
    expect(values(multiLabelMarginLoss(t, none))).toEqual([Math.fround(0.65), Math.fround(1.05)]);
    expect(values(multiLabelMarginLossGrad(t, none).input!)).toEqual([0.5, 0.5, 0.5, -1.5, -0.5, 0.5, -0.5, 0.5]);
  });
});

describe('Rule `multi-label-margin-no-target-raises`', () => {
  it('no row with a target is ValueError; an empty batch an empty loss; [1, 0] an empty loss, [2, 0] ValueError', () => {
    expect(raised(() => multiLabelMarginLoss({ input: X, label: label([[-1, 0, -1, -1], [-1, 2, 1, -1]]) }))[0]).toBe('ValueError');
    expect(multiLabelMarginLoss({ input: tensor([], { shape: [0, 4] }), label: tensor([], { shape: [0, 4], dtype: 'int64' }) }, none).shape).toEqual([0]);
    expect(multiLabelMarginLoss({ input: tensor([], { shape: [1, 0] }), label: tensor([], { shape: [1, 0], dtype: 'int64' }) }, none).shape).toEqual([0]);
    expect(raised(() => multiLabelMarginLoss({ input: tensor([], { shape: [2, 0] }), label: tensor([], { shape: [2, 0], dtype: 'int64' }) }))[0]).toBe('ValueError');
  });
});

describe('Rule `multi-label-margin-sum-order`', () => {
  it("the page's example: rows 0.85 and 1.05 (0x3f59999a, 0x3f866666), mean 0.95", () => {
    const t = { input: X, label: label([[3, 0, -1, -1], [0, 2, -1, -1]]) };
    expect(float32Bits(multiLabelMarginLoss(t, none))).toEqual(['0x3f59999a', '0x3f866666']);
    expect(values(multiLabelMarginLoss(t))).toEqual([Math.fround(0.95)]);
  });
});

describe('Rule `multi-label-margin-integer-input`', () => {
  it('int64 [[1, 2, 3]] with target 0 is float32 5/3; int32 raises TypeError in scatter_nd_add; bool TypeError', () => {
    const l = label([[0, -1, -1]]);
    const out = multiLabelMarginLoss({ input: tensor([[1, 2, 3]], { dtype: 'int64' }), label: l }, none);
    expect([out.dtype, ...values(out)]).toEqual(['float32', Math.fround(5 / 3)]);
    expect(raised(() => multiLabelMarginLoss({ input: tensor([[1, 2, 3]], { dtype: 'int32' }), label: l }))).toEqual(['TypeError', 'x and updates must have same data type but x.dtype=int32, updates.dtype=int64']);
    expect(raised(() => multiLabelMarginLoss({ input: tensor([[1, 0, 1]], { dtype: 'bool' }), label: l }))[0]).toBe('TypeError');
  });
});

describe('Rule `maximum-nan-and-ties`', () => {
  it('a margin of exactly 0 gives half the upstream: x [[1, 0, 0.5]], target 0', () => {
    const t = { input: tensor([[1, 0, 0.5]]), label: label([[0, -1, -1]]) };
    expect(float32Bits(multiLabelMarginLoss(t, none))).toEqual(['0x3e2aaaab']);
    expect(float32Bits(multiLabelMarginLossGrad(t, none).input!)).toEqual(['0xbf000000', '0x3e2aaaab', '0x3eaaaaab']);
  });
  it('a NaN margin stays NaN (the loss +NaN) and passes no gradient; a NaN upstream gives NaN everywhere', () => {
    const t = { input: tensor([[NaN, 0, 0.5]]), label: label([[0, -1, -1]]) };
    expect(float32Bits(multiLabelMarginLoss(t, none))).toEqual(['0x7fc00000']);
    expect(float32Bits(multiLabelMarginLossGrad(t, none).input!)).toEqual(['0x0', '0x0', '0x0']);
    const u = { input: tensor([[1, 0.2, 0.5]]), label: label([[0, -1, -1]]) };
    expect(float32Bits(multiLabelMarginLossGrad(u, none, tensor([NaN])).input!)).toEqual(['0x7fc00000', '0x7fc00000', '0x7fc00000']);
  });
});

describe('Rule `scatter-nd-add-same-dtype`', () => {
  it("refuses an int32 batch's int64 row sums; no dtype promotion", () => {
    expect(raised(() => multiLabelMarginLoss({ input: tensor([[1, 2, 3, 4], [5, 6, 7, 8]], { dtype: 'int32' }), label: label([[3, 0, -1, -1], [0, 2, -1, -1]]) }))[0]).toBe('TypeError');
  });
});
