/**
 * One describe block per rule of sigmoid_focal_loss that is its own or a primitive's it adds (reference/
 * sigmoid_focal_loss_rules.ts). Expected values are Paddle 3.3.1's literal results, each probe stated beside its
 * values: logit [[0.5, -1, 2]] and label [[1, 0, 0.5]] (float32) unless given.
 */
import { describe, expect, it } from 'vitest';
import { eigenPow, libmPowFloat } from './elementary_pow.js';
import { sigmoidFocalLoss, sigmoidFocalLossGrad } from './sigmoid_focal_loss.js';
import { tensor } from './tensor.js';
import { float32Bits, float32FromBits, raised, values } from './test_support.js';

const X = { logit: tensor([[0.5, -1, 2]]), label: tensor([[1, 0, 0.5]]) };
const none = { reduction: 'none' };
const NAN = 0x7fc00000;

describe('Rule `sigmoid-focal-reduction-checked-first`', () => {
  it("raises the reduction's ValueError before alpha None's TypeError", () => {
    expect(raised(() => sigmoidFocalLoss(X, { reduction: 'MEAN', alpha: null }))).toEqual(['ValueError', "The value of 'reduction' in sigmoid_focal_loss should be 'sum', 'mean' or 'none', but received MEAN, which is not allowed."]);
  });
});

describe('Rule `sigmoid-focal-1-d-logit-refused`', () => {
  it('refuses a 1-D logit and computes a 0-D one', () => {
    expect(raised(() => sigmoidFocalLoss({ logit: tensor([0.5, -1, 2]), label: tensor([1, 0, 0.5]) }))).toEqual(['ValueError', "(InvalidArgument) Each value of attribute 'shape' is expected to be no less than 0. But received: shape[0] = -1; shape = [-1]."]);
    expect(float32Bits(sigmoidFocalLoss({ logit: tensor(1), label: tensor(1) }, none))).toEqual(['0x3bb99d61']);
  });
});

describe('Rule `sigmoid-focal-normalizer-any-dtype-and-shape`', () => {
  it('divides by a broadcast [3] normalizer and an int32 0-D one; refuses [1, 1]', () => {
    expect(float32Bits(sigmoidFocalLoss({ ...X, normalizer: tensor([2, 0.5, 4]) }, none))).toEqual(['0x3c0a63f7', '0x3d0b3609', '0x3d103f2e']);
    expect(float32Bits(sigmoidFocalLoss({ ...X, normalizer: tensor(2, { dtype: 'int32' }) }, none))).toEqual(['0x3c0a63f7', '0x3c0b3609', '0x3d903f2e']);
    expect(raised(() => sigmoidFocalLoss({ ...X, normalizer: tensor([[2]]) }))).toEqual(['ValueError', 'Expected zero or one dimension of normalizer in sigmoid_focal_loss but got 2.']);
  });
  it('a float64 [1] normalizer makes the loss float64', () => {
    expect(sigmoidFocalLoss({ ...X, normalizer: tensor([2], { dtype: 'float64' }) }, none).dtype).toBe('float64');
  });
});

describe('Rule `sigmoid-focal-alpha-gamma-to-tensor`', () => {
  it('computes alpha 2 and gamma -1; 1e39 is inf in float32 (NaN); None and a str are TypeError', () => {
    expect(float32Bits(sigmoidFocalLoss(X, { ...none, alpha: 2 }))).toEqual(['0x3e0a63f7', '0xbcb99d61', '0x3e103f2e']);
    expect(float32Bits(sigmoidFocalLoss(X, { ...none, gamma: -1 }))).toEqual(['0x3ea0bab5', '0x3f5fa404', '0x3f903f2e']);
    expect(float32Bits(sigmoidFocalLoss(X, { ...none, alpha: 1e39 }))).toEqual(['0xffc00000', '0xffc00000', '0xffc00000']);
    expect(raised(() => sigmoidFocalLoss(X, { gamma: '2' }))).toEqual(['TypeError', "Can't constructs a 'paddle.Tensor' with data type <class 'str'>, data type must be scalar|list|tuple|np.ndarray|paddle.Tensor"]);
  });
});

describe('Rule `sigmoid-focal-label-gets-gradient`', () => {
  it("gives the label a gradient through p_t and alpha_t", () => {
    const g = sigmoidFocalLossGrad(X, none);
    expect(values(g.logit!)).toEqual([-0.034484244883060455, 0.039435841143131256, 0.047599636018276215]);
    expect(values(g.label!)).toEqual([-0.05570492520928383, 0.04707036167383194, -0.5699968934059143]);
  });
});

describe('Rule `sigmoid-nan-sign-by-position`', () => {
  it('nine +NaN logits: +NaN in the packet of eight, −NaN in the tail', () => {
    const logit = float32FromBits(Array(9).fill(NAN), [1, 9]);
    expect(float32Bits(sigmoidFocalLoss({ logit, label: tensor([Array(9).fill(0.5)]) }, none))).toEqual([...Array(8).fill('0x7fc00000'), '0xffc00000']);
  });
});

describe('Rule `pow-is-libm-pow`', () => {
  it("1e-5 ** 2.5 is Eigen's 0x2ab20538 in a packet and glibc's 0x2ab20539 in the tail (paddle.pow of nine)", () => {
    expect(float32Bits(tensor([eigenPow(Math.fround(1e-5), 2.5, 'float32'), libmPowFloat(Math.fround(1e-5), 2.5)]))).toEqual(['0x2ab20538', '0x2ab20539']);
  });
  it('gamma is a float32 in float64 too (gamma 0.1)', () => {
    const t = { logit: tensor([[0.5, -1, 2]], { dtype: 'float64' }), label: tensor([[1, 0, 0.5]], { dtype: 'float64' }) };
    expect(values(sigmoidFocalLoss(t, { ...none, gamma: 0.1 }))).toEqual([0.10751900916746943, 0.2060318277369838, 0.5257305061520134]);
  });
});
