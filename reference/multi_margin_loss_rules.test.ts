/**
 * One describe block per rule of multi_margin_loss (reference/multi_margin_loss_rules.ts) that its sources mark.
 * Expected values are Paddle 3.3.1's literal results (other releases' where named), each probe beside its values.
 */
import { describe, expect, it } from 'vitest';
import { MultiMarginLoss, multiMarginLoss, multiMarginLossGrad } from './multi_margin_loss.js';
import { withPaddleRelease } from './release.js';
import { tensor } from './tensor.js';
import { float32Bits as bits, float32FromBits, raised, values } from './test_support.js';

const X = tensor([[1, 5, 3], [0, 3, 2.1]]);
const Y = tensor([1, 2], { dtype: 'int64' });
const none = { reduction: 'none' };

describe('Rule `multi-margin-own-class-subtracted`', () => {
  it("the page's example: row 2 is 3/3 − float32(1/3) = 0.66666663 (0x3f2aaaaa), not 2/3 (0x3f2aaaab)", () => {
    const x = tensor([[1, 5, 3], [0, 3, 2], [1, 4, 1]]);
    expect(bits(multiMarginLoss({ input: x, label: tensor([1, 2, 1], { dtype: 'int32' }) }, none))).toEqual(['0x0', '0x3f2aaaaa', '0x0']);
  });

  it('float64 rows: a zero loss is 1/3 − float32(1/3) = −9.934107481068821e-9; a negative margin gives +1/3 (p = 1) and −1/3 (p = 2)', () => {
    const x64 = tensor([[1, 5, 3], [0, 3, 2.1]], { dtype: 'float64' });
    expect(values(multiMarginLoss({ input: x64, label: Y }, none))[0]).toBe(-9.934107481068821e-9);
    expect(values(multiMarginLoss({ input: X, label: Y }, { margin: -1, reduction: 'none' }))).toEqual([0.3333333432674408, 0.3333333432674408]);
    expect(values(multiMarginLoss({ input: X, label: Y }, { margin: -1, p: 2, reduction: 'none' }))).toEqual([-0.3333333432674408, -0.3333333432674408]);
  });
});

describe('Rule `multi-margin-weight-outside-power`', () => {
  const w = tensor([1, 2, 3]);
  it('w[y] · max(0, ·)^p: [0, 1.9000003]; before Paddle 3.1.1 inside the clip, the loss [N, N]', () => {
    expect(values(multiMarginLoss({ input: X, label: Y, weight: w }, none))).toEqual([0, 1.9000003337860107]);
    const old = withPaddleRelease('3.1.0', () => multiMarginLoss({ input: X, label: Y, weight: w }, none));
    expect([old.shape, values(old)]).toEqual([[2, 2], [0, 2.2333335876464844, -0.3333333134651184, 1.9000003337860107]]);
  });

  it("the weight's gradient gathers back to its class, 'sum': [0, 0, 0.6333333]; 3.1.0: [0, 0, 1.2666667]", () => {
    expect(values(multiMarginLossGrad({ input: X, label: Y, weight: w }, { reduction: 'sum' }).weight!)).toEqual([0, 0, 0.6333333253860474]);
    expect(withPaddleRelease('3.1.0', () => values(multiMarginLossGrad({ input: X, label: Y, weight: w }, { reduction: 'sum' }).weight!))).toEqual([0, 0, 1.2666666507720947]);
  });
});

describe('Rule `multi-margin-label-column`', () => {
  it('a [N, 1] label computes; [N, 2] is index_sample\'s ValueError, [N + 1] the shape check\'s; 0-D input or label IndexError', () => {
    expect(values(multiMarginLoss({ input: X, label: tensor([[1], [2]], { dtype: 'int64' }) }, none))).toEqual([0, 0.6333333253860474]);
    expect(raised(() => multiMarginLoss({ input: X, label: tensor([[0, 1], [1, 2]], { dtype: 'int64' }) }))[1]).toMatch(/dimension 0 must same/);
    expect(raised(() => multiMarginLoss({ input: X, label: tensor([0, 1, 2], { dtype: 'int64' }) }))[1]).toMatch(/^The label's shape\[0\] should be equal/);
    expect(raised(() => multiMarginLoss({ input: X, label: tensor(1, { dtype: 'int64' }) }))).toEqual(['IndexError', 'list index out of range']);
  });

  it("the weight's shape[0] must be C (ValueError), a 0-D weight IndexError", () => {
    expect(raised(() => multiMarginLoss({ input: X, label: Y, weight: tensor([1, 2]) }))[0]).toBe('ValueError');
    expect(raised(() => multiMarginLoss({ input: X, label: Y, weight: tensor(2) }))[0]).toBe('IndexError');
  });
});

describe('Rule `multi-margin-p-unchecked`', () => {
  const x64 = tensor([[1, 5, 3], [0, 3, 2.1]], { dtype: 'float64' });
  it('p = 0 counts every class (2/3 each row), p = −1 gives inf for a zero term', () => {
    expect(values(multiMarginLoss({ input: x64, label: Y }, { p: 0, reduction: 'none' }))).toEqual([0.6666666567325592, 0.6666666567325592]);
    expect(values(multiMarginLoss({ input: x64, label: Y }, { p: -1, reduction: 'none' }))).toEqual([Infinity, Infinity]);
  });

  it('None is TypeError (AttributeError in Paddle 2.6.2); margin 0 with p −1 ZeroDivisionError; 1e200 ** 2 OverflowError', () => {
    expect(raised(() => multiMarginLoss({ input: X, label: Y }, { p: null }))[0]).toBe('TypeError');
    expect(withPaddleRelease('2.6.2', () => raised(() => multiMarginLoss({ input: X, label: Y }, { p: null }))[0])).toBe('AttributeError');
    expect(raised(() => multiMarginLoss({ input: X, label: Y }, { margin: 0, p: -1 }))).toEqual(['ZeroDivisionError', '0.0 cannot be raised to a negative power']);
    expect(raised(() => multiMarginLoss({ input: X, label: Y }, { margin: 1e200, p: 2 }))[0]).toBe('OverflowError');
  });
});

describe('Rule `multi-margin-reduction-checked-first`', () => {
  it("a bad reduction raises ValueError before a float16 input's kernel error, and at the layer's construction", () => {
    expect(raised(() => multiMarginLoss({ input: tensor([[1, 2]], { dtype: 'float16' }), label: tensor([0], { dtype: 'int64' }) }, { reduction: 'bad' }))).toEqual(['ValueError', "'reduction' in 'multi_margin_loss' should be 'sum', 'mean' or 'none', but received bad."]);
    expect(raised(() => new MultiMarginLoss({ reduction: 'bad' }))[1]).toMatch(/in 'MultiMarginLoss'/);
  });
});

describe('Rule `multi-margin-layer-legacy-arguments`', () => {
  it('size_average raises ValueError; before Paddle 3.3.0 TypeError', () => {
    expect(raised(() => new MultiMarginLoss({ size_average: true }))[0]).toBe('ValueError');
    expect(withPaddleRelease('3.2.2', () => raised(() => new MultiMarginLoss({ reduce: true })))).toEqual(['TypeError', "MultiMarginLoss.__init__() got an unexpected keyword argument 'reduce'"]);
  });
});

describe('Rule `index-sample-range-checked`', () => {
  it('a label −1 or C raises ValueError, no wrap; a float label ValueError, unless the batch is empty', () => {
    expect(raised(() => multiMarginLoss({ input: X, label: tensor([-1, 0], { dtype: 'int64' }) }))[1]).toMatch(/expected >= 0 and < 3, but got -1/);
    expect(raised(() => multiMarginLoss({ input: X, label: tensor([3, 0], { dtype: 'int64' }) }))[1]).toMatch(/expected >= 0 and < 3, but got 3/);
    expect(raised(() => multiMarginLoss({ input: X, label: tensor([1, 2]) }))[1]).toMatch(/holds float32, but desires to be int32 or int64/);
    expect(multiMarginLoss({ input: tensor([], { shape: [0, 1] }), label: tensor([], { shape: [0] }) }, none).shape).toEqual([0]);
  });
});

describe('Rule `index-sample-grad-from-zero`', () => {
  it('an upstream of −0 gives input +0 everywhere, the weight too', () => {
    const up = tensor([-0, -0]);
    expect(bits(multiMarginLossGrad({ input: X, label: Y }, none, up).input!)).toEqual(Array(6).fill('0x0'));
    expect(bits(multiMarginLossGrad({ input: X, label: tensor([2, 2], { dtype: 'int64' }), weight: tensor([1, 2, 3]) }, none, up).weight!)).toEqual(Array(3).fill('0x0'));
  });
});

describe('Rule `pow-is-libm-pow`: a factor of 1 copies x', () => {
  it('pow(−NaN, 1) is −NaN in the tail (a [1, 1] input of inf: −inf + inf is x86\'s −NaN, kept); 2.6.2 clears its sign', () => {
    const x = float32FromBits([0x7f800000], [1, 1]);
    const y = tensor([0], { dtype: 'int64' });
    expect(bits(multiMarginLoss({ input: x, label: y }, none))).toEqual(['0xffc00000']);
    expect(withPaddleRelease('2.6.2', () => bits(multiMarginLoss({ input: x, label: y }, none)))).toEqual(['0x7fc00000']);
  });
});
