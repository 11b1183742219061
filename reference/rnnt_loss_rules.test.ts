/**
 * One describe block per rule of rnnt_loss (reference/rnnt_loss_rules.ts). Expected values are Paddle
 * 3.3.1's literal results (bits from `.numpy().view(uint32)`), each probe stated beside its values.
 */
import { describe, expect, it } from 'vitest';
import { lseInDouble } from './kernels/warprnnt.js';
import { RNNTLoss, rnntLoss, rnntLossGrad, type RnntLossTensors } from './rnnt_loss.js';
import { tensor, type Tensor } from './tensor.js';
import { float32Bits as bits, raised, values } from './test_support.js';

const i32 = (v: number[], shape?: number[]): Tensor => tensor(v, { dtype: 'int32', ...(shape && { shape }) });
/** input [1, 2, 2, 3] of unnormalised logits, label [[1]], lengths [2] and [1]. */
const LOGITS: RnntLossTensors = {
  input: tensor([0.5, -1, 2, 1, 0.25, -0.5, -2, 1.5, 0.75, 0.125, -0.25, 1], { shape: [1, 2, 2, 3] }),
  label: i32([1], [1, 1]), input_lengths: i32([2]), label_lengths: i32([1]),
};
/** input [2, 2, 2, 3] = −0.25·arange(24), lengths [2, 2] and [1, 1]. */
const RAMP = (label: Tensor): RnntLossTensors => ({ input: tensor(Array.from({ length: 24 }, (_, i) => -0.25 * i), { shape: [2, 2, 2, 3] }), label, input_lengths: i32([2, 2]), label_lengths: i32([1, 1]) });

describe('Rule `rnnt-input-is-log-probabilities`', () => {
  it('takes unnormalised logits as they are: a negative loss (Paddle: 0xc0101f97, −2.251928)', () => {
    expect(bits(rnntLoss(LOGITS, { reduction: 'none' }))).toEqual(['0xc0101f97']);
  });
});

describe('Rule `rnnt-log-sum-exp-in-double`', () => {
  it('returns the other operand for −∞ and rounds log1p(exp(lo − hi)) + hi once', () => {
    const f = Math.fround;
    expect(lseInDouble(-Infinity, f(-3), f)).toBe(f(-3));
    expect(lseInDouble(f(-1), f(-1), f)).toBe(f(Math.log1p(1) - 1));
  });
});

describe('Rule `rnnt-fastemit-in-gradient-only`', () => {
  it('leaves the loss alone and scales the emission gradients by 1.5 for λ = 0.5 (Paddle: −0.11932211 → −0.17880437, blank gradients unchanged)', () => {
    expect(bits(rnntLoss(LOGITS, { reduction: 'none', fastemit_lambda: 0.5 }))).toEqual(['0xc0101f97']);
    const g = values(rnntLossGrad(LOGITS, { reduction: 'none', fastemit_lambda: 0.5 }).input!);
    expect([g[1], g[7], g[0], g[3]]).toEqual([-0.17880436778068542, -1.3211956024169922, -0.8807970285415649, -0.11920291185379028]);
  });
});

describe('The gradient of the input as log-probabilities', () => {
  it('gives −exp(…) at the blank and label entries and +0 elsewhere (Paddle, λ = 0.001)', () => {
    expect(values(rnntLossGrad(LOGITS, { reduction: 'none' }).input!)).toEqual([-0.8807970285415649, -0.11932211369276047, 0, -0.11920291185379028, 0, 0, 0, -0.8816778063774109, 0, -1, 0, 0]);
  });
});

describe('Rule `rnnt-label-flat-stride`', () => {
  it('reads example 1 of label [[1, 1], [2, 2]] from flat offset Umax − 1 = 1, as [[1], [1]] (Paddle: 0x413dcf60, not 0x4141cf60)', () => {
    expect(bits(rnntLoss(RAMP(i32([1, 1, 2, 2], [2, 2])), { reduction: 'none' }))).toEqual(['0x40373d82', '0x413dcf60']);
  });
});

describe('Rule `rnnt-mean-divides-by-batch-size`', () => {
  it("'mean' of label [[1], [2]] is the sum over 2 (Paddle: 0x40ef9ec0), in the layer too", () => {
    expect(bits(rnntLoss(RAMP(i32([1, 2], [2, 1]))))).toEqual(['0x40ef9ec0']);
    expect(bits(new RNNTLoss().forward(RAMP(i32([1, 2], [2, 1]))))).toEqual(['0x40ef9ec0']);
  });
});

describe('Rule `rnnt-reduction-asserted-after-kernel`', () => {
  it("raises AssertionError for 'bogus'; the layer's constructor accepts it", () => {
    expect(raised(() => rnntLoss(LOGITS, { reduction: 'bogus' }))[0]).toBe('AssertionError');
    expect(raised(() => new RNNTLoss({ reduction: 'bogus' }).forward(LOGITS))[0]).toBe('AssertionError');
  });
});

describe('Rule `rnnt-argument-types`', () => {
  it('refuses int64 lengths, a bool blank, a blank ≥ D and a None fastemit_lambda; takes a bool λ', () => {
    expect(raised(() => rnntLoss({ ...LOGITS, input_lengths: tensor([2], { dtype: 'int64' }) }))[0]).toBe('ValueError');
    expect(raised(() => rnntLoss(LOGITS, { blank: true }))[0]).toBe('TypeError');
    expect(raised(() => rnntLoss(LOGITS, { blank: 3 }))[0]).toBe('ValueError');
    expect(raised(() => rnntLoss(LOGITS, { fastemit_lambda: null }))[0]).toBe('TypeError');
    expect(bits(rnntLoss(LOGITS, { fastemit_lambda: true, reduction: 'none' }))).toEqual(['0xc0101f97']);
  });
});

describe('Rule `rnnt-invalid-value-raises`', () => {
  it('raises RuntimeError for λ = −1 and an empty label; −1e-50 is −0 as a float32 and passes', () => {
    expect(raised(() => rnntLoss(LOGITS, { fastemit_lambda: -1 }))[0]).toBe('RuntimeError');
    expect(raised(() => rnntLoss({ ...LOGITS, label: i32([], [1, 0]), label_lengths: i32([0]) }))[0]).toBe('RuntimeError');
    expect(bits(rnntLoss(LOGITS, { fastemit_lambda: -1e-50, reduction: 'none' }))).toEqual(['0xc0101f97']);
  });
});
