/**
 * One describe block per rule of cross_entropy (reference/cross_entropy_rules.ts), its own and its kernels'.
 * Expected values are Paddle 3.3.1's literal results (bits from `.numpy().view(uint32)`), each probe beside them.
 */
import { describe, expect, it } from 'vitest';
import { crossEntropy, crossEntropyGrad, CrossEntropyLoss } from './cross_entropy.js';
import { labelSmooth } from './kernels/label_smooth.js';
import { withPaddleRelease } from './release.js';
import { tensor } from './tensor.js';
import { float32Bits as bits, raised } from './test_support.js';

const X = tensor([[1, 2, 3], [1, 1, 1]]);
const hard = (values: number[], dtype: 'int64' | 'int32' | 'float32' = 'int64') => tensor(values, { dtype });

describe('cross_entropy on its page', () => {
  it('−x_y + log Σ exp(x), and p − onehot as the gradient (x [[1, 2, 3], [1, 1, 1]], labels [2, 0])', () => {
    expect(bits(crossEntropy({ input: X, label: hard([2, 0]) }, { reduction: 'none' }))).toEqual(['0x3ed0b1bb', '0x3f8c9f54']);
    expect(bits(crossEntropyGrad({ input: X, label: hard([2, 0]) }, { reduction: 'none' }).input!)).toEqual(['0x3db861f3', '0x3e7a9a1a', '0xbeab658a', '0xbf2aaaaa', '0x3eaaaaab', '0x3eaaaaab']);
  });

  it('`target` names the label since Paddle 3.3.0; before, TypeError', () => {
    expect(bits(crossEntropy({ input: X, target: hard([2, 0]) }, { reduction: 'none' }))).toEqual(['0x3ed0b1bb', '0x3f8c9f54']);
    expect(raised(() => crossEntropy({ input: X, label: hard([2, 0]), target: hard([2, 0]) }))[0]).toBe('ValueError');
    expect(withPaddleRelease('3.2.2', () => raised(() => crossEntropy({ input: X, target: hard([2, 0]) }))[0])).toBe('TypeError');
  });
});

describe('Rule `cross-entropy-mean-counts-ignored-below-zero`', () => {
  const x = tensor([[0, 1000], [1, 2]]);
  it("labels [−100, 0] (the default ignore_index): 'mean' is 1.3132616 / 2; ignore_index 1 with labels [1, 0]: / 1", () => {
    expect(crossEntropy({ input: x, label: hard([-100, 0]) }).at(0)).toBe(Math.fround(0.65663081407547));
    expect(crossEntropy({ input: x, label: hard([1, 0]) }, { ignore_index: 1 }).at(0)).toBe(Math.fround(1.31326162815094));
  });

  it('Paddle 2.6.2 leaves the −100 out whenever a label equals it', () => {
    expect(withPaddleRelease('2.6.2', () => crossEntropy({ input: x, label: hard([-100, 0]) }).at(0))).toBe(Math.fround(1.31326162815094));
  });
});

describe('Rule `cross-entropy-label-smoothing-smooths-every-label`', () => {
  it('ignore_index 1 with label_smoothing 0.1: the label 1 is smoothed like any other (labels [1, 2])', () => {
    expect(bits(crossEntropy({ input: X, label: hard([1, 2]) }, { ignore_index: 1, label_smoothing: 0.1, reduction: 'none' }))).toEqual(['0x3fb42c6e', '0x3f8c9f55']);
  });

  it('a label −100 reaches one_hot: ValueError', () => {
    expect(raised(() => crossEntropy({ input: X, label: hard([1, -100]) }, { label_smoothing: 0.1 }))[1]).toMatch(/Illegal index value/);
  });
});

describe('Rule `cross-entropy-soft-mean-counts-entries`', () => {
  it("soft labels [[0.5, 0.5, 0], [0, 0, 1]] with ignore_index 0: 'mean' is the sum over the 3 nonzero entries", () => {
    const y = tensor([[0.5, 0.5, 0], [0, 0, 1]]);
    expect(bits(crossEntropy({ input: X, label: y }, { soft_label: true, reduction: 'sum' }))).toEqual(['0x404065e1']);
    expect(bits(crossEntropy({ input: X, label: y }, { soft_label: true, ignore_index: 0 }))).toEqual(['0x3f8043eb']);
  });

  it('label_smoothing with ignore_index 1: the 6 smoothed entries (labels [1, 2])', () => {
    expect(bits(crossEntropy({ input: X, label: hard([1, 2]) }, { ignore_index: 1, label_smoothing: 0.1 }))).toEqual(['0x3ed5dd2d']);
  });
});

describe('Rule `cross-entropy-weight-dtype-wins`', () => {
  it("a float64 weight makes a float32 input's loss float64; a float32 weight leaves a float64 loss float64", () => {
    expect(crossEntropy({ input: tensor([[1, 2]]), label: hard([0]), weight: tensor([1, 2], { dtype: 'float64' }) }, { reduction: 'none' }).dtype).toBe('float64');
    expect(crossEntropy({ input: tensor([[1, 2]], { dtype: 'float64' }), label: hard([0]), weight: tensor([1, 2]) }, { reduction: 'none' }).dtype).toBe('float64');
  });
});

describe('Rule `cross-entropy-layer-legacy-arguments`', () => {
  it('size_average or reduce: ValueError since Paddle 3.3.0, TypeError before', () => {
    expect(raised(() => new CrossEntropyLoss({ reduce: true }))[0]).toBe('ValueError');
    expect(withPaddleRelease('3.2.2', () => raised(() => new CrossEntropyLoss({ size_average: true }))[0])).toBe('TypeError');
  });
});

describe('Rule `softmax-shift-clipped-at-64`', () => {
  it('logits [0, 1000] with label 0: 64, not 1000; [1, 2] with label 0: 1.3132616', () => {
    expect(crossEntropy({ input: tensor([[0, 1000], [1, 2]]), label: hard([0, 0]) }, { reduction: 'none' }).toNested()).toEqual([64, Math.fround(1.31326162815094)]);
  });
});

describe('Rule `softmax-avx-rows`', () => {
  it('a first NaN, a later NaN, +inf and −inf in a row of 3 (labels [1, 0, 0, 0]): −NaN, −NaN, +NaN, 64.31', () => {
    const x = tensor([[NaN, 1, 2], [1, NaN, 2], [Infinity, 1, 2], [-Infinity, 1, 2]]);
    expect(bits(crossEntropy({ input: x, label: hard([1, 0, 0, 0]) }, { reduction: 'none' }))).toEqual(['0xffc00000', '0xffc00000', '0x7fc00000', '0x4280a064']);
  });
});

describe('Rule `softmax-eigen-columns`', () => {
  it('classes along axis 1 of [1, 3, 2] ([[1, 4], [2, 5], [3, 6]], labels [[2, 0]])', () => {
    expect(bits(crossEntropy({ input: tensor([[[1, 4], [2, 5], [3, 6]]]), label: tensor([[2, 0]], { dtype: 'int64' }) }, { axis: 1, reduction: 'none' }))).toEqual(['0x3ed0b1bb', '0x401a1637']);
  });
});

describe('Rule `cross-entropy-hard-label-log-clamped`', () => {
  it('use_softmax=False with p 0 and 1 at the label: 1e20 and −0', () => {
    expect(bits(crossEntropy({ input: tensor([[0, 1], [1, 0]]), label: hard([0, 0]) }, { use_softmax: false, reduction: 'none' }))).toEqual(['0x60ad78ec', '0x80000000']);
  });
});

describe('Rule `cross-entropy-label-out-of-range`', () => {
  it('a label C or −1: IndexError', () => {
    expect(raised(() => crossEntropy({ input: X, label: hard([3, 0]) }))[0]).toBe('IndexError');
    expect(raised(() => crossEntropy({ input: X, label: hard([0, -1]) }))[1]).toMatch(/label value should >= 0/);
  });
});

describe('Rule `cross-entropy-soft-label-dtype`', () => {
  it('a float64 soft label for float32 input: ValueError', () => {
    expect(raised(() => crossEntropy({ input: X, label: tensor([[1, 0, 0], [0, 1, 0]], { dtype: 'float64' }) }, { soft_label: true }))[0]).toBe('ValueError');
  });
});

describe('Rule `cross-entropy-float-kernels-only`', () => {
  it('float16 logits: RuntimeError (NotFound)', () => {
    expect(raised(() => crossEntropy({ input: tensor([[1, 2]], { dtype: 'float16' }), label: hard([0]) }))[0]).toBe('RuntimeError');
  });
});

describe('Rule `cross-entropy-hard-label-grad-integer-only`', () => {
  it('float32 labels: the forward runs, the backward raises OSError', () => {
    expect(crossEntropy({ input: X, label: hard([2, 0], 'float32') }, { reduction: 'none' }).toNested()).toEqual(crossEntropy({ input: X, label: hard([2, 0]) }, { reduction: 'none' }).toNested());
    expect(raised(() => crossEntropyGrad({ input: X, label: hard([2, 0], 'float32') }))[0]).toBe('OSError');
  });
});

describe('Rule `one-hot-index-checked-in-order`', () => {
  it('label_smoothing with a label 3 of 3 classes: ValueError', () => {
    expect(raised(() => crossEntropy({ input: X, label: hard([3, 0]) }, { label_smoothing: 0.1 }))[0]).toBe('ValueError');
  });
});

describe('Rule `label-smooth-float32-epsilon`', () => {
  it('a float64 one-hot row smoothed by 0.4 takes float32 constants (Paddle 3.3.1: 0.7333333641290665, 0.13333334028720856)', () => {
    const smoothed = labelSmooth(tensor([[1, 0, 0]], { dtype: 'float64' }), 0.4);
    expect([smoothed.at(0), smoothed.at(1)]).toEqual([0.7333333641290665, 0.13333334028720856]);
  });
});

describe('Rule `cross-entropy-argument-types`', () => {
  const label = hard([2, 0]);
  it("Python's comparisons: ignore_index=None and label_smoothing=None raise TypeError; label_smoothing=True is ε = 1", () => {
    expect(raised(() => crossEntropy({ input: X, label }, { ignore_index: null }))).toEqual(['TypeError', "'>' not supported between instances of 'NoneType' and 'int'"]);
    expect(raised(() => crossEntropy({ input: X, label }, { label_smoothing: null }))).toEqual(['TypeError', "'>' not supported between instances of 'NoneType' and 'float'"]);
    expect(crossEntropy({ input: X, label }, { label_smoothing: true }).at(0)).toBe(crossEntropy({ input: X, label }, { label_smoothing: 1 }).at(0));
  });

  it('the kernel: soft_label=1 TypeError, use_softmax=None as False, ignore_index=2^31 IndexError, axis=None TypeError', () => {
    expect(raised(() => crossEntropy({ input: X, label }, { soft_label: 1 }))[1]).toMatch(/argument \(position 3\) must be bool, but got int/);
    expect(crossEntropy({ input: X, label }, { use_softmax: null }).at(0)).toBe(crossEntropy({ input: X, label }, { use_softmax: false }).at(0));
    expect(raised(() => crossEntropy({ input: X, label }, { ignore_index: 2 ** 31 }))[0]).toBe('IndexError');
    expect(raised(() => crossEntropy({ input: X, label }, { axis: null }))[1]).toMatch(/position 7\) must be int, but got NoneType/);
  });

  it('unsqueeze: axis 2 or −3 for labels [2] is ValueError, axis=True TypeError', () => {
    expect(raised(() => crossEntropy({ input: X, label }, { axis: 2 }))[1]).toMatch(/should not be larger/);
    expect(raised(() => crossEntropy({ input: X, label }, { axis: -3 }))[1]).toMatch(/should not be less than 0/);
    expect(raised(() => crossEntropy({ input: X, label }, { axis: true }))[0]).toBe('TypeError');
  });
});
