/**
 * One describe block per rule of softmax_with_cross_entropy (reference/softmax_with_cross_entropy_rules.ts),
 * its own and its kernels'. Expected values are Paddle 3.3.1's literal results (bits from `.numpy().view(uint32)`).
 */
import { describe, expect, it } from 'vitest';
import { withPaddleRelease } from './release.js';
import { softmaxWithCrossEntropy as swce, softmaxWithCrossEntropyGrad as swceGrad } from './softmax_with_cross_entropy.js';
import { tensor, type Tensor } from './tensor.js';
import { float32Bits as bits, raised } from './test_support.js';

const X = tensor([[1, 2, 3], [1, 1, 1]]);
const Y = tensor([[2], [0]], { dtype: 'int64' });
const SOFT = tensor([[0.25, 0.25, 0.5], [0.5, 0.25, 0.25]]);
const loss = (t: Tensor | Tensor[]): Tensor => (Array.isArray(t) ? t[0]! : t);

describe('softmax_with_cross_entropy on its page', () => {
  it('(loss, softmax) for return_softmax=True; the gradient p − onehot (x [[1, 2, 3], [1, 1, 1]], labels [[2], [0]])', () => {
    const [l, s] = swce({ logits: X, label: Y }, { return_softmax: true }) as Tensor[];
    expect(bits(l!)).toEqual(['0x3ed0b1bb', '0x3f8c9f54']);
    expect(bits(s!)).toEqual(['0x3db861f3', '0x3e7a9a1a', '0x3f2a4d3b', '0x3eaaaaab', '0x3eaaaaab', '0x3eaaaaab']);
    expect(bits(swceGrad({ logits: X, label: Y }).logits)).toEqual(['0x3db861f3', '0x3e7a9a1a', '0xbeab658a', '0xbf2aaaaa', '0x3eaaaaab', '0x3eaaaaab']);
  });
});

describe('Rule `softmax-with-cross-entropy-label-reshaped`', () => {
  it('[2, 1] logits take a [2] label (reshaped to [2, 1]); [2, 3] logits refuse a [2] label; a 0-D label is IndexError', () => {
    expect(bits(loss(swce({ logits: tensor([[0.5], [1.5]]), label: tensor([0, 0], { dtype: 'int64' }) })))).toEqual(['0x80000000', '0x80000000']);
    expect(raised(() => swce({ logits: X, label: tensor([2, 0], { dtype: 'int64' }) }))[0]).toBe('ValueError');
    expect(raised(() => swce({ logits: tensor([0.4, 0.6, 0.9]), label: tensor(1, { dtype: 'int64' }) }))[0]).toBe('IndexError');
  });

  it('Paddle 2.6.2 unsqueezes it at axis: [2, 3] logits with a [2] label compute', () => {
    expect(withPaddleRelease('2.6.2', () => bits(loss(swce({ logits: X, label: tensor([2, 0], { dtype: 'int64' }) }))))).toEqual(['0x3ed0b1bb', '0x3f8c9f54']);
  });
});

describe('Rule `softmax-with-cross-entropy-no-label-checks`', () => {
  it('soft labels with ignore_index 2: no ValueError, and the same loss', () => {
    expect(bits(loss(swce({ logits: X, label: SOFT }, { soft_label: true, ignore_index: 2 })))).toEqual(['0x3f942c6e', '0x3f8c9f54']);
  });

  it('numeric_stable_mode False or None changes nothing; 1 is TypeError', () => {
    expect(bits(loss(swce({ logits: X, label: Y }, { numeric_stable_mode: false })))).toEqual(['0x3ed0b1bb', '0x3f8c9f54']);
    expect(bits(loss(swce({ logits: X, label: Y }, { numeric_stable_mode: null })))).toEqual(['0x3ed0b1bb', '0x3f8c9f54']);
    expect(raised(() => swce({ logits: X, label: Y }, { numeric_stable_mode: 1 }))[0]).toBe('TypeError');
  });
});

describe('Rule `softmax-with-cross-entropy-return-softmax-truthy`', () => {
  it("1 and 'a' return two tensors; None and 0 the loss alone", () => {
    for (const v of [1, 'a']) expect(Array.isArray(swce({ logits: X, label: Y }, { return_softmax: v }))).toBe(true);
    for (const v of [null, 0]) expect(Array.isArray(swce({ logits: X, label: Y }, { return_softmax: v }))).toBe(false);
  });
});

describe('Rule `softmax-with-cross-entropy-softmax-grad-ignored`', () => {
  it("the gradient through both outputs (softmax's upstream [[1, 2, 3], [4, 5, 6]]) is the loss's alone", () => {
    // paddle.autograd.backward([loss, softmax], [ones, [[1, 2, 3], [4, 5, 6]]]) gives these bits; the reference has no softmax input to take.
    expect(bits(swceGrad({ logits: X, label: Y }, { return_softmax: true }).logits)).toEqual(['0x3db861f3', '0x3e7a9a1a', '0xbeab658a', '0xbf2aaaaa', '0x3eaaaaab', '0x3eaaaaab']);
  });
});

const i64 = (v: unknown) => tensor(v as number[][], { dtype: 'int64' });
const one = (logits: Tensor, label: Tensor, options = {}) => () => bits(loss(swce({ logits, label }, options)));
const error = (f: () => unknown) => () => raised(f)[0];

/** The kernels' rules (reference/kernels/rules.ts), one describe block each: a probe and Paddle 3.3.1's answer. */
describe.each([
  ['softmax-shift-clipped-at-64', 'logits [0, 1000], label 0: 64, not 1000', one(tensor([[0, 1000]]), i64([[0]])), ['0x42800000']],
  ['softmax-avx-rows', 'a NaN logit first in its row is the max and turns the row −NaN', one(tensor([[NaN, 1, 2]]), i64([[1]])), ['0xffc00000']],
  ['softmax-eigen-columns', 'along axis 1 of [1, 3, 2] the column clips at −64 too', one(tensor([[[0, 5], [100, 1], [2, 0.5]]]), tensor([[[0, 2]]], { dtype: 'int64' }), { axis: 1 }), ['0x42800000', '0x4090ed92']],
  ['cross-entropy-hard-label-log-clamped', 'one class: p = 1 and −log 1 is −0', one(tensor([[0.5], [1.5]]), i64([[0], [0]])), ['0x80000000', '0x80000000']],
  ['cross-entropy-label-out-of-range', 'a label 3 of 3 classes: IndexError', error(() => swce({ logits: X, label: i64([[3], [0]]) })), 'IndexError'],
  ['cross-entropy-soft-label-dtype', 'float64 soft labels for float32 logits: ValueError', error(() => swce({ logits: X, label: tensor([[0.25, 0.25, 0.5], [0.5, 0.25, 0.25]], { dtype: 'float64' }) }, { soft_label: true })), 'ValueError'],
  ['cross-entropy-float-kernels-only', 'float16 logits: RuntimeError', error(() => swce({ logits: tensor([[1, 2]], { dtype: 'float16' }), label: i64([[1]]) })), 'RuntimeError'],
  ['cross-entropy-hard-label-grad-integer-only', 'a float32 hard label: the backward raises OSError', error(() => swceGrad({ logits: tensor([[1, 2]]), label: tensor([[1.7]]) })), 'OSError'],
] as const)('Rule `%s`', (_rule, what, probe, expected) => {
  it(what, () => expect(probe()).toEqual(expected));
});
