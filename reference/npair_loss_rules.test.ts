/**
 * One describe block per rule of npair_loss (reference/npair_loss_rules.ts) and its new primitives' rules. Expected
 * values are Paddle 3.3.1's literal results (bits from `.numpy().view(uint32)`), on PROBE unless stated.
 */
import { describe, expect, it } from 'vitest';
import { matmulTransposeY } from './kernels/matmul.js';
import { multiply } from './kernels/multiply.js';
import { sumAlongFirstAxis } from './kernels/sum.js';
import { Tape } from './kernels/tape.js';
import { npairLoss, npairLossGrad } from './npair_loss.js';
import { withPaddleRelease } from './release.js';
import { tensor } from './tensor.js';
import { float32Bits as bits, float32FromBits, raised } from './test_support.js';

const A = [[0.5, 1], [1, -0.5], [0.25, 0.75]];
const P = [[1, 0.5], [-0.5, 1], [0.75, 0.25]];
const probe = (labels: number[], dtype: 'int64' | 'float32' | 'bool' = 'int64') => ({ anchor: tensor(A), positive: tensor(P), labels: tensor(labels, { dtype }) });
const PROBE = probe([0, 1, 0]);

describe('npair_loss on its page', () => {
  it('one pair with l2_reg 0 is a 0-D float32 0: its 1 × 1 similarity has cross entropy 0', () => {
    expect(bits(npairLoss({ anchor: tensor([A[0]!]), positive: tensor([P[0]!]), labels: tensor([0], { dtype: 'int64' }) }, { l2_reg: 0 }))).toEqual(['0x0']);
  });

  it('PROBE and its anchor gradient (Paddle 3.3.1 and 2.6.2 alike)', () => {
    expect(bits(npairLoss(PROBE))).toEqual(['0x3fc90291']);
    expect(bits(npairLossGrad(PROBE).anchor!)).toEqual(['0xbe0ea2e5', '0x3d923f0d', '0x3ed83993', '0xbe410989', '0xbe256a85', '0x3da0d924']);
  });
});

describe('Rule `npair-float32-only`', () => {
  it('float64 operands meet the float32 soft label: ValueError', () => {
    expect(raised(() => npairLoss({ ...PROBE, anchor: tensor(A, { dtype: 'float64' }), positive: tensor(P, { dtype: 'float64' }) }))[0]).toBe('ValueError');
  });

  it('int32 operands reach cross_entropy_with_softmax (RuntimeError); bool labels are compared like any', () => {
    expect(raised(() => npairLoss({ ...PROBE, anchor: tensor(A.map((r) => r.map(Math.round)), { dtype: 'int32' }), positive: tensor(P.map((r) => r.map(Math.round)), { dtype: 'int32' }) }))[0]).toBe('RuntimeError');
    expect(bits(npairLoss(probe([1, 0, 1], 'bool')))).toEqual(['0x3fc90291']);
  });
});

describe('Rule `npair-labels-equal-within-tolerance`', () => {
  it('float labels 0 and 2^-66 are one class, as [0, 0, 1] (0x3fa657e6)', () => {
    expect(bits(npairLoss(probe([0, 2 ** -66, 1], 'float32')))).toEqual(['0x3fa657e6']);
  });

  it('0.1 and the next float32 are one class before Paddle 3.1.0 (tolerance 1e-8), apart since', () => {
    const near = probe([Math.fround(0.1), Math.fround(0.1) + 2 ** -27, 1], 'float32');
    expect(bits(npairLoss(near))).toEqual(['0x3fc657e6']);
    expect(withPaddleRelease('2.6.2', () => bits(npairLoss(near)))).toEqual(['0x3fa657e6']);
  });

  it('a NaN label is in no class, not its own: the loss is +NaN', () => {
    expect(bits(npairLoss(probe([NaN, 1, 0], 'float32')))).toEqual(['0x7fc00000']);
  });
});

describe('Rule `npair-l2-reg-is-a-python-operand`', () => {
  it('True is 1 (0x4005c58d, as l2_reg=1); None raises TypeError, ValueError before Paddle 3.0.0', () => {
    expect(bits(npairLoss(PROBE, { l2_reg: true }))).toEqual(bits(npairLoss(PROBE, { l2_reg: 1 })));
    expect(bits(npairLoss(PROBE, { l2_reg: 1 }))).toEqual(['0x4005c58d']);
    expect(raised(() => npairLoss(PROBE, { l2_reg: null }))[0]).toBe('TypeError');
    expect(withPaddleRelease('2.6.2', () => raised(() => npairLoss(PROBE, { l2_reg: null }))[0])).toBe('ValueError');
  });

  it("'0.5' is repeated int(l2loss · 0.25) = 0 times in Paddle 3.3.1: l2_reg 0's loss and gradient; 0.5 before", () => {
    const zero = ['0x3fc8e06f', '0xbe0ece96', '0x3d91904a', '0x3ed80de2', '0xbe40ddd8', '0xbe25805d', '0x3da05612'];
    expect([...bits(npairLoss(PROBE, { l2_reg: '0.5' })), ...bits(npairLossGrad(PROBE, { l2_reg: '0.5' }).anchor!)]).toEqual(zero);
    expect(withPaddleRelease('2.6.2', () => bits(npairLoss(PROBE, { l2_reg: '0.5' })))).toEqual(['0x3fea35c4']);
  });
});

describe('Rule `npair-empty-operands-refused`', () => {
  it('an empty anchor raises ValueError before anything', () => {
    expect(raised(() => npairLoss({ ...PROBE, anchor: tensor([], { shape: [0, 2] }) }))).toEqual(['ValueError', 'The dims of anchor should be greater than 0.']);
  });
});

describe('Rule `matmul-k-left-to-right`', () => {
  it('products rounded, then added left to right: [1, 2^-24, 2^-24] · [1, 1, 1] is 1 (0x3f800000), not 1 + 2^-23', () => {
    const out = matmulTransposeY(new Tape(), new Tape().leaf(tensor([[1, 2 ** -24, 2 ** -24]])), new Tape().leaf(tensor([[1, 1, 1]])));
    expect(bits(out.value)).toEqual(['0x3f800000']);
  });
});

describe('Rule `matmul-no-promotion`', () => {
  it('an int64 positive meets a float32 anchor as float32 (since 3.0.0); a float64 one raises ValueError', () => {
    const t = new Tape();
    expect(bits(matmulTransposeY(t, t.leaf(tensor([[1.5, 2]])), t.leaf(tensor([[3, 4]], { dtype: 'int64' }))).value)).toEqual(['0x41480000']);
    expect(raised(() => matmulTransposeY(t, t.leaf(tensor([[1.5, 2]])), t.leaf(tensor([[3, 4]], { dtype: 'float64' }))))[0]).toBe('ValueError');
    expect(withPaddleRelease('2.6.2', () => raised(() => matmulTransposeY(t, t.leaf(tensor([[1.5, 2]])), t.leaf(tensor([[3, 4]], { dtype: 'int64' }))))[0])).toBe('ValueError');
  });
});

describe('Rule `sum-along-first-axis-in-row-order`', () => {
  it('a column adds top to bottom: +NaN in row 1 and −NaN in row 3 give +NaN', () => {
    const x = float32FromBits([0x3f800000, 0x7fc00000, 0x3f800000, 0xffc00000], [4, 1]);
    expect(bits(sumAlongFirstAxis(new Tape(), new Tape().leaf(x)).value)).toEqual(['0x7fc00000']);
  });
});

describe('Rule `multiply-broadcast-keeps-y-nan`', () => {
  it('−NaN [2, 2] times +NaN [2, 1] is +NaN (the first NaN would be −NaN)', () => {
    const t = new Tape();
    const x = t.leaf(float32FromBits([0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000], [2, 2]));
    expect(bits(multiply(t, x, t.leaf(float32FromBits([0x7fc00000, 0x7fc00000], [2, 1]))).value)).toEqual(['0x7fc00000', '0x7fc00000', '0x7fc00000', '0x7fc00000']);
  });
});
