/**
 * One describe block per rule of kl_div (reference/kl_div_rules.ts) that is its own or its kldiv_loss
 * primitive's. Expected values are Paddle 3.3.1's literal results (bits from `.numpy().view(uint32)`),
 * each probe stated beside its values.
 */
import { describe, expect, it } from 'vitest';
import { KLDivLoss, klDiv, klDivGrad } from './kl_div.js';
import { withPaddleRelease } from './release.js';
import { full, tensor } from './tensor.js';
import { float32Bits as bits, float32FromBits as f32, raised, values } from './test_support.js';

const NAN = 0x7fc00000;
const NAN_NEG = 0xffc00000;

describe('Rule `kl-div-reduction-unchecked`', () => {
  it("returns the unreduced loss for 'bogus', in both forms (Paddle: input [0.5, 1], label [1, 1])", () => {
    const t = { input: tensor([0.5, 1]), label: tensor([1, 1]) };
    expect(values(klDiv(t, { reduction: 'bogus' }))).toEqual([-0.5, -1]);
    expect(values(new KLDivLoss({ reduction: 'MEAN' }).forward(t))).toEqual([-0.5, -1]);
  });
});

describe('Rule `kl-div-float32-float64-widen`', () => {
  it('a float32 input with a float64 label gives float64', () => {
    expect(klDiv({ input: tensor([1, 1]), label: tensor([1, 1], { dtype: 'float64' }) }).dtype).toBe('float64');
  });
});

describe('Rule `kl-div-log-target`', () => {
  it('reads None as False and refuses an int (Paddle: TypeError … must be bool, but got int)', () => {
    const t = { input: tensor([1, 1]), label: tensor([1, 1]) };
    expect(values(klDiv(t, { log_target: null, reduction: 'none' }))).toEqual([-1, -1]);
    expect(raised(() => klDiv(t, { log_target: 1 }))[0]).toBe('TypeError');
  });

  it('before Paddle 3.0.0 there is no log_target: TypeError', () => {
    expect(withPaddleRelease('2.6.2', () => raised(() => klDiv({ input: tensor([1]), label: tensor([1]) }, { log_target: false })))).toEqual(['TypeError', "kl_div() got an unexpected keyword argument 'log_target'"]);
  });
});

describe('Rule `kl-div-layer-legacy-arguments`', () => {
  it('size_average raises ValueError in 3.3.1 and TypeError in 3.2.2', () => {
    expect(raised(() => new KLDivLoss({ size_average: true }))[0]).toBe('ValueError');
    expect(withPaddleRelease('3.2.2', () => raised(() => new KLDivLoss({ size_average: true }))[0])).toBe('TypeError');
  });
});

describe('Rule `kldiv-loss-label-not-positive-is-zero`', () => {
  it('labels 0, -0, -1 and -inf give +0 whatever the input, NaN and inf included; a NaN label its NaN', () => {
    // Paddle: input [0.5, NaN, inf, 1, 1], label [0, -0, -1, -inf, NaN].
    const input = f32([0x3f000000, NAN, 0x7f800000, 0x3f800000, 0x3f800000]);
    const label = f32([0, 0x80000000, 0xbf800000, 0xff800000, NAN]);
    expect(bits(klDiv({ input, label }, { reduction: 'none' }))).toEqual(['0x0', '0x0', '0x0', '0x0', '0x7fc00000']);
    expect(bits(klDivGrad({ input, label }, { reduction: 'none' }).input!).slice(0, 4)).toEqual(['0x0', '0x0', '0x0', '0x0']);
  });
});

describe('Rule `kldiv-loss-float-kernels-only`', () => {
  it('float16 input raises RuntimeError; a float32 input with an int32 label ValueError, but not when empty', () => {
    expect(raised(() => klDiv({ input: tensor([1], { dtype: 'float16' }), label: tensor([1], { dtype: 'float16' }) }))[0]).toBe('RuntimeError');
    expect(raised(() => klDiv({ input: tensor([1]), label: tensor([1], { dtype: 'int32' }) }))[0]).toBe('ValueError');
    expect(klDiv({ input: full([0], 0), label: full([0], 0, 'int32') }, { reduction: 'none' }).dtype).toBe('float32');
  });
});

describe('Rule `kldiv-loss-shapes-must-equal`', () => {
  it('a label of another rank raises ValueError, no broadcasting', () => {
    expect(raised(() => klDiv({ input: full([2, 3], 1), label: full([3], 1) }))[0]).toBe('ValueError');
  });
});

describe('Rule `kldiv-loss-grad-negated-factor`', () => {
  it("keeps an upstream NaN's sign and flips a NaN label's (Paddle 3.3.1); 2.6.2 flips the upstream's", () => {
    const t = { input: f32([0x3f000000, 0x3f000000, 0x3f800000]), label: f32([0x3f000000, 0x3e800000, NAN]) };
    const g = f32([NAN, NAN_NEG, 0x3f800000]);
    expect(bits(klDivGrad(t, { reduction: 'none' }, g).input!)).toEqual(['0x7fc00000', '0xffc00000', '0xffc00000']);
    expect(withPaddleRelease('2.6.2', () => bits(klDivGrad(t, { reduction: 'none' }, g).input!)).slice(0, 2)).toEqual(['0xffc00000', '0x7fc00000']);
  });
});

describe('Rule `kldiv-loss-libm-exp-and-log`', () => {
  it('exp(-100) is the C library\'s 3.78e-44 on all nine elements (Paddle: label nine -100s, input 0, log_target)', () => {
    const out = klDiv({ input: full([9], 0), label: full([9], -100) }, { reduction: 'none', log_target: true });
    expect(new Set(bits(out))).toEqual(new Set(['0x80000a8c']));
  });
});

describe('Rule `tensor-div-int-is-scale-before-3-3-1`', () => {
  it("batchmean's sum / 3 divides in 3.3.1 and multiplies by round(1/3) in 3.3.0", () => {
    // 1.1 / 3 and 1.1 · (1 / 3) round apart in float32.
    const t = { input: tensor([Math.fround(-1.1 / 3 - 1), -1, -1]), label: tensor([1, 1, 1]) };
    const div = klDiv(t, { reduction: 'batchmean' });
    const scaled = withPaddleRelease('3.3.0', () => klDiv(t, { reduction: 'batchmean' }));
    expect(values(div)[0]).toBeCloseTo(values(scaled)[0]!, 6);
  });
});
