/**
 * One describe block per rule of nll_loss (reference/nll_loss_rules.ts), its own and its nll_loss and
 * reshape primitives'. Expected values are Paddle 3.3.1's literal results, each probe stated beside them.
 */
import { describe, expect, it } from 'vitest';
import { NLLLoss, nllLoss, nllLossGrad } from './nll_loss.js';
import { withPaddleRelease } from './release.js';
import { tensor } from './tensor.js';
import { float32Bits as bits, raised, values } from './test_support.js';

const x = tensor([[0.1, -0.2, 0.3], [1, 2, 3], [0.5, 0.5, 0.5]]);
const labels = (v: number[], shape?: number[]) => tensor(v, { dtype: 'int64', ...(shape && { shape }) });

describe('Rule `nll-loss-reduction-checked-first`', () => {
  it("'bogus' raises ValueError before the rank check, and at the layer's construction", () => {
    expect(raised(() => nllLoss({ input: tensor([1, 2]), label: labels([0]) }, { reduction: 'bogus' }))[1]).toMatch(/received bogus, which is not allowed/);
    expect(raised(() => new NLLLoss({ reduction: 'x' }))[0]).toBe('ValueError');
  });
});

describe('Rule `nll-loss-nd-through-4d`', () => {
  it('a [2, 3, 4] input takes a [2, 2, 2] label (the same elements per sample) and gives [2, 4]', () => {
    const input = tensor(Array.from({ length: 24 }, (_, k) => k), { shape: [2, 3, 4] });
    expect(nllLoss({ input, label: labels([0, 1, 2, 0, 1, 1, 2, 0], [2, 2, 2]) }, { reduction: 'none' }).shape).toEqual([2, 4]);
  });
  it('a [3, 5] label for a [2, 3, 4] input fails in reshape (ValueError)', () => {
    expect(raised(() => nllLoss({ input: tensor(new Array(24).fill(0), { shape: [2, 3, 4] }), label: labels(new Array(15).fill(0), [3, 5]) }))[1]).toMatch(/divisible by known capacity/);
  });
});

describe('Rule `nll-loss-ignore-index-long`', () => {
  it('a float, bool or None raises TypeError (ValueError in 2.6.2); 2^63 SystemError', () => {
    const t = { input: x, label: labels([0, 2, 1]) };
    expect(raised(() => nllLoss(t, { ignore_index: 1.5 }))).toEqual(['TypeError', '(InvalidType) nll_loss(): argument (position 4) must be long, but got float']);
    expect(raised(() => nllLoss(t, { ignore_index: true }))[0]).toBe('TypeError');
    expect(withPaddleRelease('2.6.2', () => raised(() => nllLoss(t, { ignore_index: null }))[0])).toBe('ValueError');
    expect(raised(() => nllLoss(t, { ignore_index: 2 ** 63 }))[0]).toBe('SystemError');
  });
});

describe('Rule `nll-loss-layer-legacy-arguments`', () => {
  it('size_average raises ValueError in 3.3.1 and TypeError in 3.2.2', () => {
    expect(raised(() => new NLLLoss({ size_average: true }))[0]).toBe('ValueError');
    expect(withPaddleRelease('3.2.2', () => raised(() => new NLLLoss({ size_average: true }))[0])).toBe('TypeError');
  });
});

describe('Rule `nll-loss-mean-divides-by-total-weight`', () => {
  it('weights [0.3, 0.7, 0.1], labels [0, 2, 1]: Paddle -0.6181818 and gradient -0.27272728 at [0, 0]', () => {
    const t = { input: x, label: labels([0, 2, 1]), weight: tensor([0.3, 0.7, 0.1]) };
    expect(values(nllLoss(t))).toEqual([Math.fround(-0.6181818)]);
    expect(values(nllLossGrad(t).input)[0]).toBe(Math.fround(-0.27272728));
  });
  it('a total weight of 0 returns the undivided sum (+0) and a NaN gradient; every label ignored gives 0 and a zero gradient', () => {
    const t = { input: x, label: labels([0, 0, 0]), weight: tensor([0, 1, 1]) };
    expect(bits(nllLoss(t))).toEqual(['0x0']);
    expect(bits(nllLossGrad(t).input)[0]).toBe('0xffc00000');
    const ignored = { input: x, label: labels([-100, -100, -100]) };
    expect(values(nllLoss(ignored))).toEqual([0]);
    expect(values(nllLossGrad(ignored).input).every((v) => v === 0)).toBe(true);
  });
  it('cancelling weights [1, -0.5] over labels [0, 1, 1] give Paddle 1.15 and gradients -inf, inf', () => {
    const t = { input: x, label: labels([0, 1, 1]), weight: tensor([1, -0.5, 0.1]) };
    expect(values(nllLoss(t))).toEqual([Math.fround(1.15)]);
    expect(values(nllLossGrad(t).input).filter((v) => v !== 0)).toEqual([-Infinity, Infinity, Infinity]);
  });
});

describe('Rule `nll-loss-label-range-checked`', () => {
  it("label 3 of 3 classes: 'none' names the range, 'mean' does not; -1 is out of range too", () => {
    expect(raised(() => nllLoss({ input: x, label: labels([0, 3, 1]) }, { reduction: 'none' }))[1]).toBe('(InvalidArgument) Label value is out of range. Expected label value in range of [0, 3), but received value is 3.');
    expect(raised(() => nllLoss({ input: x, label: labels([0, 3, 1]) }))[1]).toBe('(InvalidArgument) label should not be out of bounds.');
    expect(raised(() => nllLoss({ input: x, label: labels([0, -1, 1]) }))[0]).toBe('ValueError');
  });
});

describe('Rule `nll-loss-int64-labels-only`', () => {
  it('int32 labels and a float64 weight with float32 input raise ValueError', () => {
    expect(raised(() => nllLoss({ input: x, label: tensor([0, 2, 1], { dtype: 'int32' }) }))[1]).toMatch(/retrieve \(int64\) does not match the type of data \(int32\)/);
    expect(raised(() => nllLoss({ input: x, label: labels([0, 2, 1]), weight: tensor([1, 1, 1], { dtype: 'float64' }) }))[0]).toBe('ValueError');
  });
});

describe('Rule `nll-loss-float-kernels-only`', () => {
  it('float16 input raises RuntimeError (NotFound)', () => {
    expect(raised(() => nllLoss({ input: tensor([[1, 2]], { dtype: 'float16' }), label: labels([0]) }))[0]).toBe('RuntimeError');
  });
});

describe('Rule `nll-loss-shapes-checked-by-infer-meta`', () => {
  it('[3, 3] input with a [3, 3] label reads its first 3 labels (Paddle: label [[0,1,1],[2,0,0],…] gives [-0.1, -2, -0.5])', () => {
    expect(values(nllLoss({ input: x, label: labels([0, 1, 1, 2, 0, 0, 1, 1, 1], [3, 3]) }, { reduction: 'none' }))).toEqual([-0.1, -2, -0.5].map(Math.fround));
    expect(raised(() => nllLoss({ input: x, label: labels([0, 1]) }))[1]).toMatch(/batch_size is \[3\], the Input\(label\)  batch_size is \[2\]/);
  });
});

describe('Rule `nll-loss-grad-scatters-negated-weight`', () => {
  it("'none' gives (−g) · w at the label's class and +0 elsewhere, an ignored row all +0", () => {
    const g = nllLossGrad({ input: x, label: labels([0, 2, -100]), weight: tensor([2, 1, 0.5]) }, { reduction: 'none' }).input;
    expect(values(g)).toEqual([-2, 0, 0, 0, 0, -0.5, 0, 0, 0]);
  });
});

describe('Rule `reshape-zero-size-by-release`', () => {
  it('a [0, 3, 4] input gives a [0, 4] loss in 3.3.1 and the ambiguous reshape (ValueError) in 3.1.0', () => {
    const t = { input: tensor([], { shape: [0, 3, 4] }), label: labels([], [0, 4]) };
    expect(nllLoss(t, { reduction: 'none' }).shape).toEqual([0, 4]);
    expect(withPaddleRelease('3.1.0', () => raised(() => nllLoss(t))[1])).toMatch(/ambiguous/);
  });
});
