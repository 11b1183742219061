/**
 * One describe block per rule of ctc_loss (reference/ctc_loss_rules.ts). Expected values are Paddle 3.3.1's literal
 * results (bits from `.numpy().view(uint32)`), on PROBE: logits [3, 2, 4], labels [[1, 2], [3, 3]], lengths 3 and 3,
 * 2 and 1.
 */
import { describe, expect, it } from 'vitest';
import { ctcLoss, ctcLossGrad, CTCLoss } from './ctc_loss.js';
import { CTC_ALTERNATIVE } from './kernels/warpctc.js';
import { withPaddleRelease } from './release.js';
import { tensor } from './tensor.js';
import { float32Bits as bits, raised } from './test_support.js';

const X = [[[0.5, 1, -0.5, 0.25], [1, -1, 0.5, 0]], [[0.25, 0.75, -0.25, 1], [0, 0.5, 1, -0.5]], [[1, 0, 0.5, -1], [0.5, 0.5, -1, 1]]];
const probe = (x = X, labels = [[1, 2], [3, 3]], il = [3, 3], ll = [2, 1]) => ({
  log_probs: tensor(x), labels: tensor(labels, { dtype: 'int32' }), input_lengths: tensor(il, { dtype: 'int64' }), label_lengths: tensor(ll, { dtype: 'int64' }),
});
const PROBE = probe();
const GRAD = ['0x3d95e51a', '0xbec02935', '0x3dc68204', '0x3e521ede', '0xbe98d0df', '0x3d835fdc', '0x3e9331e3', '0xbd59c818', '0xbb87cbc0', '0xbe49d962', '0xbe456d2c', '0x3ec9c27d',
  '0xbe9f4c07', '0x3e8d5071', '0x3ee8fcde', '0xbed7014e', '0x3e9141ca', '0x3e328e71', '0xbf05b07d', '0x3d835fdd', '0xbcd42700', '0x3e843c89', '0x3d6c0c2c', '0xbe947ba5'];
const alternative = <T>(name: NonNullable<(typeof CTC_ALTERNATIVE)['current']>, fn: () => T): T => {
  CTC_ALTERNATIVE.current = name;
  try {
    return fn();
  } finally {
    CTC_ALTERNATIVE.current = null;
  }
};

describe('ctc_loss on its page', () => {
  it("PROBE's losses and gradient, reduction 'none'", () => {
    expect(bits(ctcLoss(PROBE, { reduction: 'none' }))).toEqual(['0x40068d56', '0x401cbf95']);
    expect(bits(ctcLossGrad(PROBE, { reduction: 'none' }).log_probs)).toEqual(GRAD);
  });
});

describe('Rule `ctc-log-plus-in-double`', () => {
  const x = [[[0.4375, 0.96875, 1.5, -1], [1.40625, -1.09375, -0.5625, -0.03125]], [[1.5, -1, -0.46875, 0.0625], [-0.5625, -0.03125, 0.5, 1.03125]], [[-0.46875, 0.0625, 0.59375, 1.125], [0.5, 1.03125, -1.46875, -0.9375]]];
  it('log1p and exp in double, one rounding (0x3fe31785); in float32 throughout the second loss is one ulp above', () => {
    expect(bits(ctcLoss(probe(x), { reduction: 'none' }))).toEqual(['0x4027f397', '0x3fe31785']);
    expect(bits(alternative('float-log-plus', () => ctcLoss(probe(x), { reduction: 'none' })))).toEqual(['0x4027f397', '0x3fe31786']);
  });
});

describe('Rule `ctc-probs-clipped-at-min-normal`', () => {
  const far = probe(X.map((f, t) => f.map((r, b) => r.map((v, k) => (t === 1 && b === 0 && k === 2 ? -200 : v)))));
  it('a logit 200 below the rest: p = 2^-126, the loss finite (0x40163c48), the gradient a negative subnormal', () => {
    expect(bits(ctcLoss(far, { reduction: 'none' }))).toEqual(['0x40163c48', '0x401cbf95']);
    expect(bits(ctcLossGrad(far, { reduction: 'none' }).log_probs)[10]).toBe('0x811d68df');
  });
});

describe('Rule `ctc-impossible-alignment-zero`', () => {
  it('labels [1, 1] in 2 frames (a blank between needs 3): cost 0, gradient 0', () => {
    const p = probe(X, [[1, 1], [3, 3]], [2, 3]);
    expect(bits(ctcLoss(p, { reduction: 'none' }))).toEqual(['0x0', '0x401cbf95']);
    expect(bits(ctcLossGrad(p, { reduction: 'none' }).log_probs).filter((_, k) => Math.floor(k / 4) % 2 === 0)).toEqual(Array(12).fill('0x0'));
  });
});

describe('Rule `ctc-norm-by-times-scales-gradient`', () => {
  it("'sum' with norm_by_times: the loss unchanged, the gradient times fround(1/3)", () => {
    expect(bits(ctcLoss(PROBE, { reduction: 'sum', norm_by_times: true }))).toEqual(['0x4091a676']);
    expect(bits(ctcLossGrad(PROBE, { reduction: 'sum', norm_by_times: true }).log_probs).slice(0, 4)).toEqual(['0x3cc7dc23', '0xbe001b79', '0x3d0456ae', '0x3d8c1494']);
  });
});

describe('Rule `ctc-zero-infinity-before-mean`', () => {
  it("'mean' with a label length of 0 is inf although zero_infinity is True", () => {
    expect(bits(ctcLoss(probe(X, [[1, 2], [3, 3]], [3, 3], [2, 0]), { zero_infinity: true }))).toEqual(['0x7f800000']);
  });
  it('before Paddle 3.3.0 zero_infinity is an unexpected keyword (TypeError), in both forms', () => {
    withPaddleRelease('3.2.2', () => {
      expect(raised(() => ctcLoss(PROBE, { zero_infinity: false }))[0]).toBe('TypeError');
      expect(raised(() => new CTCLoss({ zero_infinity: true }))[0]).toBe('TypeError');
    });
  });
});

describe('Rule `ctc-argument-checks`', () => {
  it('int64 labels, int32 lengths: ValueError; blank 4 of 4 classes: ValueError; a bad reduction: AssertionError', () => {
    expect(raised(() => ctcLoss({ ...PROBE, labels: tensor([[1, 2], [3, 3]], { dtype: 'int64' }) }))[0]).toBe('ValueError');
    expect(raised(() => ctcLoss({ ...PROBE, input_lengths: tensor([3, 3], { dtype: 'int32' }) }))[0]).toBe('ValueError');
    expect(raised(() => ctcLoss(PROBE, { blank: 4 }))[0]).toBe('ValueError');
    expect(raised(() => ctcLoss(PROBE, { reduction: 'bad' }))[0]).toBe('AssertionError');
  });
  it("the layer's constructor refuses norm_by_times (a forward keyword): TypeError", () => {
    expect(raised(() => new CTCLoss({ norm_by_times: true }))[0]).toBe('TypeError');
  });
});
