/**
 * One describe block per rule of binary_cross_entropy that is its own or its bce_loss primitive's
 * (reference/binary_cross_entropy_rules.ts). Expected values are Paddle 3.3.1's literal results (bits from
 * `.numpy().view(uint32)`), each probe stated beside its values.
 */
import { describe, expect, it } from 'vitest';
import { BCELoss, binaryCrossEntropy, binaryCrossEntropyGrad } from './binary_cross_entropy.js';
import { withPaddleRelease } from './release.js';
import { full, tensor } from './tensor.js';
import { float32Bits as bits, float32FromBits as f32, raised, values } from './test_support.js';

const none = { reduction: 'none' };

describe('Rule `binary-cross-entropy-reduction-checked-first`', () => {
  it('a bad reduction with a float16 input (no kernel) raises ValueError; the layer at construction, naming bce_loss', () => {
    const t = { input: tensor([0.5], { dtype: 'float16' }), label: tensor([1], { dtype: 'float16' }) };
    expect(raised(() => binaryCrossEntropy(t, { reduction: 'bogus' }))).toEqual(['ValueError', "The value of 'reduction' in binary_cross_entropy should be 'sum', 'mean' or 'none', but received bogus, which is not allowed."]);
    expect(raised(() => new BCELoss({ reduction: 'bogus' }))).toEqual(['ValueError', "The value of 'reduction' in bce_loss should be 'sum', 'mean' or 'none', but received bogus, which is not allowed."]);
  });
});

describe('Rule `binary-cross-entropy-layer-legacy-arguments`', () => {
  it('size_average raises ValueError in 3.3.1 and TypeError in 3.2.2', () => {
    expect(raised(() => new BCELoss({ size_average: true }))).toEqual(['ValueError', "[Deprecated] 'BCELoss' no longer supports 'reduce' or 'size_average'."]);
    expect(withPaddleRelease('3.2.2', () => raised(() => new BCELoss({ reduce: true }))[0])).toBe('TypeError');
  });
});

describe('Rule `binary-cross-entropy-weight-before-reduction`', () => {
  // input [[0.5, 0.25, 0.75], [0.1, 0.9, 0.5]], label [[1, 0, 1], [0, 1, 1]], weight [1, 2, 3].
  const t = { input: tensor([[0.5, 0.25, 0.75], [0.1, 0.9, 0.5]]), label: tensor([[1, 0, 1], [0, 1, 1]]), weight: tensor([1, 2, 3]) };
  it("'mean' divides the weighted sum by the 6 elements, not by Σw; weight gets a gradient", () => {
    expect(bits(binaryCrossEntropy(t))).toEqual(['0x3f4127cb']);
    expect(bits(binaryCrossEntropy(t, { reduction: 'sum' }))).toEqual(['0x4090ddd8']);
    expect(bits(binaryCrossEntropyGrad(t).weight!)).toEqual(['0x3e084756', '0x3d862897', '0x3e276516']);
  });
  it('a [2, 1] weight widens a [2] loss to [2, 2]; a float64 weight makes it float64; an int32 one is TypeError', () => {
    const x = { input: tensor([0.5, 0.25]), label: tensor([1, 0]) };
    expect(bits(binaryCrossEntropy({ ...x, weight: tensor([[1], [2]]) }, none))).toEqual(['0x3f317218', '0x3e934b11', '0x3fb17218', '0x3f134b11']);
    expect(binaryCrossEntropy({ ...x, weight: tensor([1, 2], { dtype: 'float64' }) }).dtype).toBe('float64');
    expect(raised(() => binaryCrossEntropy({ ...x, weight: tensor([1, 2], { dtype: 'int32' }) }))[0]).toBe('TypeError');
  });
});

describe('Rule `bce-loss-log-clamped-at-minus-100`', () => {
  it('input 0, 1, 1e-45 and -0 give 100, -0 or +0, never inf or NaN', () => {
    // Paddle: input [0, 1, 0, 1e-45, 1, -0], label [1, 1, 0, 1, 0, 0].
    const t = { input: f32([0, 0x3f800000, 0, 0x1, 0x3f800000, 0x80000000]), label: tensor([1, 1, 0, 1, 0, 0]) };
    expect(bits(binaryCrossEntropy(t, none))).toEqual(['0x42c80000', '0x80000000', '0x0', '0x42c80000', '0x42c80000', '0x0']);
  });
  it('float64: input 0, 1 and 5e-324 give 100', () => {
    const t = { input: tensor([0, 1, 5e-324], { dtype: 'float64' }), label: tensor([1, 0, 1], { dtype: 'float64' }) };
    expect(values(binaryCrossEntropy(t, none))).toEqual([100, 100, 100]);
  });
});

describe('Rule `bce-loss-input-in-unit-interval`', () => {
  it('an input above 1, below 0 or NaN raises ValueError', () => {
    const at = (v: number) => raised(() => binaryCrossEntropy({ input: tensor([0.5, v]), label: tensor([1, 1]) }));
    expect(at(1.5)).toEqual(['ValueError', '(InvalidArgument) Illegal input, input must be less than or equal to 1']);
    expect(at(-0.5)).toEqual(['ValueError', '(InvalidArgument) Illegal input, input must be greater than  or equal to 0']);
    expect(at(NaN)).toEqual(at(-0.5));
  });
  it('the label is not checked: 2 and -1 compute, inf gives -NaN', () => {
    expect(bits(binaryCrossEntropy({ input: tensor([0.5, 0.5, 0.5]), label: tensor([2, -1, Infinity]) }, none))).toEqual(['0x3f317218', '0x3f317218', '0xffc00000']);
  });
});

describe('Rule `bce-loss-float-kernels-only`', () => {
  it('float16 input raises RuntimeError; a float64 label with float32 input ValueError, empty too', () => {
    expect(raised(() => binaryCrossEntropy({ input: tensor([0.5], { dtype: 'float16' }), label: tensor([1], { dtype: 'float16' }) }))[0]).toBe('RuntimeError');
    const message = '(InvalidArgument) The type of data we are trying to retrieve (float32) does not match the type of data (float64) currently contained in the container.';
    expect(raised(() => binaryCrossEntropy({ input: tensor([0.5]), label: tensor([1], { dtype: 'float64' }) }))).toEqual(['ValueError', message]);
    expect(raised(() => binaryCrossEntropy({ input: full([0], 0), label: full([0], 0, 'float64') }, none))).toEqual(['ValueError', message]);
  });
});

describe('Rule `bce-loss-shapes-must-equal`', () => {
  it('a label of another rank, or of the same rank and another shape, raises ValueError: no broadcasting', () => {
    expect(raised(() => binaryCrossEntropy({ input: full([2, 3], 0.5), label: full([3], 1) }))[1]).toContain('shall have the same rank');
    expect(raised(() => binaryCrossEntropy({ input: full([2, 3], 0.5), label: full([3, 2], 1) }))[1]).toContain('shall have the same shape');
  });
});

describe('Rule `bce-loss-grad-denominator-floor`', () => {
  it('input 0 and 1 divide by 1e-12: ∓1e12 (float32 and float64), 0 where input equals label', () => {
    // Paddle: input [0, 1, 0.5, 1, 0], label [1, 0, 0.5, 1, 0].
    const t = { input: tensor([0, 1, 0.5, 1, 0]), label: tensor([1, 0, 0.5, 1, 0]) };
    expect(bits(binaryCrossEntropyGrad(t, none).input!)).toEqual(['0xd368d4a5', '0x5368d4a5', '0x0', '0x0', '0x0']);
    const t64 = { input: tensor([0, 1], { dtype: 'float64' }), label: tensor([1, 0], { dtype: 'float64' }) };
    expect(values(binaryCrossEntropyGrad(t64, none).input!)).toEqual([-1e12, 1e12]);
  });
});
