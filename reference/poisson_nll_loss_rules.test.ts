/**
 * One describe block per rule of poisson_nll_loss (reference/poisson_nll_loss_rules.ts) that is its own or that
 * this op brought to its kernels (exp's and log's backward, log of a negative, the `-` operator's legacy cast).
 * Expected values are Paddle 3.3.1's literal results (2.6.2's where stated), each probe stated beside its values.
 */
import { describe, expect, it } from 'vitest';
import { PoissonNLLLoss, poissonNllLoss, poissonNllLossGrad } from './poisson_nll_loss.js';
import { withPaddleRelease } from './release.js';
import { full, tensor } from './tensor.js';
import { float32Bits as bits, raised, values } from './test_support.js';

const pair = (input: number[], label: number[], dtype: 'float32' | 'float64' | 'int32' | 'float16' = 'float32') => ({ input: tensor(input, { dtype }), label: tensor(label, { dtype }) });

describe('poisson_nll_loss on its page', () => {
  it('is exp(x) − y·x, and with full the Stirling term where y > 1 (Paddle: input [0.5, 2], label [0, 3])', () => {
    expect(values(poissonNllLoss(pair([0.5, 2], [0, 3]), { reduction: 'none' }))).toEqual([Math.fround(1.6487212181091309), Math.fround(1.3890562057495117)]);
    expect(values(poissonNllLoss(pair([0.5, 2], [0, 3]), { reduction: 'none', full: true }))[1]).toBe(Math.fround(3.153137683868408));
  });
});

describe('Rule `poisson-nll-epsilon-checked-first`', () => {
  it("epsilon 0 with reduction 'bogus' raises epsilon's ValueError ('positve' in 2.6.2); a NaN epsilon passes", () => {
    const t = pair([0.5, 2], [1, 1]);
    expect(raised(() => poissonNllLoss(t, { epsilon: 0, reduction: 'bogus' }))).toEqual(['ValueError', 'The value of `epsilon` in poisson_nll_loss should be positive, but received 0.000000, which is not allowed']);
    expect(withPaddleRelease('2.6.2', () => raised(() => new PoissonNLLLoss({ epsilon: -1, reduction: 'bogus' }))[1])).toBe('The value of `epsilon` in PoissonNLLLoss should be positve, but received -1.000000, which is not allowed');
    expect(values(poissonNllLoss(t, { epsilon: NaN, log_input: false, reduction: 'none' }))).toEqual([NaN, NaN]);
  });
});

describe('Rule `poisson-nll-reduction-checked-first`', () => {
  it("'bogus' raises before the shapes are compared, and the layer raises at construction", () => {
    expect(raised(() => poissonNllLoss({ input: full([2, 3], 1), label: full([3], 1) }, { reduction: 'bogus' }))).toEqual(['ValueError', "The value of 'reduction' in poisson_nll_loss should be 'sum', 'mean' or 'none', but received bogus, which is not allowed."]);
    expect(raised(() => new PoissonNLLLoss({ reduction: 'bogus' }))[1]).toContain('in PoissonNLLLoss should be');
  });
});

describe('Rule `poisson-nll-dtypes-unchecked`', () => {
  it("int32 operands reach the kernels: float32 exp against the int32 product is type promotion's TypeError (input [1, 2], label [0, 3])", () => {
    expect(raised(() => poissonNllLoss(pair([1, 2], [0, 3], 'int32'), { reduction: 'none' }))[0]).toBe('TypeError');
  });
});

describe('Rule `subtract-operator-legacy-cast`', () => {
  it("in 2.6.2 the `-` operator casts the int32 product to exp's float32: [2.7182817, 1.3890562] (input [1, 2], label [0, 3])", () => {
    const legacy = withPaddleRelease('2.6.2', () => poissonNllLoss(pair([1, 2], [0, 3], 'int32'), { reduction: 'none' }));
    expect([legacy.dtype, ...values(legacy)]).toEqual(['float32', Math.fround(2.7182817), Math.fround(1.3890562)]);
  });
});

describe('Rule `poisson-nll-shapes-must-equal`', () => {
  it('a label of [3] against [2, 3] raises ValueError, no broadcasting', () => {
    expect(raised(() => poissonNllLoss({ input: full([2, 3], 1), label: full([3], 1) }))).toEqual(['ValueError', "input's shape must equal to label's shape"]);
  });
});

describe('Rule `poisson-nll-legacy-label-cast`', () => {
  it('a float32 input with a float64 label is float64 in 3.3.1, float32 in 2.6.2 (input [0.1, 2], label [0.3, 3])', () => {
    const t = () => ({ input: tensor([0.1, 2]), label: tensor([0.3, 3], { dtype: 'float64' }) });
    expect(values(poissonNllLoss(t(), { reduction: 'none' }))).toEqual([1.0751709647476673, 1.3890562057495117]);
    expect(withPaddleRelease('2.6.2', () => values(poissonNllLoss(t(), { reduction: 'none' })))).toEqual([1.0751709938049316, 1.3890562057495117]);
  });
});

describe('Rule `poisson-nll-flags-truthy`', () => {
  it("log_input 0, '' and None take the log branch; 1, 'no' and 0.5 the exp branch; full=1 adds the Stirling term", () => {
    const t = pair([0.5, 2], [0, 3]);
    for (const v of [0, '', null]) expect(values(poissonNllLoss(t, { log_input: v, reduction: 'none' }))).toEqual([0.5, Math.fround(-0.07944154739379883)]);
    for (const v of [1, 'no', 0.5]) expect(values(poissonNllLoss(t, { log_input: v, reduction: 'none' }))[0]).toBe(Math.fround(1.6487212181091309));
    expect(values(poissonNllLoss(t, { full: 1, reduction: 'none' }))[1]).toBe(Math.fround(3.153137683868408));
  });
});

describe('Rule `poisson-nll-epsilon-added-in-dtype`', () => {
  it('1 − log(1 + 1e-8) is exactly 1 in float32 (1e-8 absorbed), 0.99999999 in float64 (input 1, label 1)', () => {
    expect(bits(poissonNllLoss(pair([1], [1]), { log_input: false, reduction: 'none' }))).toEqual(['0x3f800000']);
    expect(values(poissonNllLoss(pair([1], [1], 'float64'), { log_input: false, reduction: 'none' }))).toEqual([0.9999999900000001]);
  });
});

describe('Rule `poisson-nll-stirling-masked-not-skipped`', () => {
  it("labels 0, −1 and inf with full: label's gradient NaN at all three, the loss NaN at inf (input 0.5)", () => {
    const t = pair([0.5, 0.5, 0.5], [0, -1, Infinity]);
    expect(values(poissonNllLoss(t, { full: true, reduction: 'none' }))).toEqual([Math.fround(1.6487212181091309), Math.fround(2.148721218109131), NaN]);
    const g = poissonNllLossGrad(t, { full: true, reduction: 'sum' });
    expect(values(g.label!)).toEqual([NaN, NaN, NaN]);
    expect(values(g.input!)).toEqual([Math.fround(1.6487212181091309), Math.fround(2.648721218109131), -Infinity]);
  });
});

describe('Rule `poisson-nll-layer-legacy-arguments`', () => {
  it('size_average raises ValueError ([Deprecated] …) in 3.3.1, TypeError in 2.6.2', () => {
    expect(raised(() => new PoissonNLLLoss({ size_average: true }))).toEqual(['ValueError', "[Deprecated] 'PoissonNLLLoss' no longer supports 'reduce' or 'size_average'.\nDetected: reduce=None, size_average=True\nPlease use: reduction='mean' instead."]);
    expect(withPaddleRelease('2.6.2', () => raised(() => new PoissonNLLLoss({ size_average: true })))).toEqual(['TypeError', "PoissonNLLLoss.__init__() got an unexpected keyword argument 'size_average'"]);
  });
});

/** A float16 input against a float32 label: the forward is float32 3, input's gradient raises in exp_grad or log_grad, label's computes. */
function float16Backward(kernel: 'exp' | 'log'): void {
  const [log_input, x] = kernel === 'exp' ? [true, 0] : [false, 1];
  const t = { input: tensor([x, x, x], { dtype: 'float16' }), label: tensor([0, 3, 2]) };
  expect(values(poissonNllLoss(t, { log_input, reduction: 'sum' }))).toEqual([3]);
  expect(raised(() => poissonNllLossGrad(t, { log_input, reduction: 'sum' }, undefined, ['input']))[1]).toContain(`kernel \`${kernel}_grad\` is not registered`);
  expect(poissonNllLossGrad(t, { log_input, reduction: 'sum' }, undefined, ['label']).label!.dtype).toBe('float32');
}

describe('Rule `exp-grad-no-float16-kernel`', () => {
  it("log_input: input's gradient raises in exp_grad (Paddle: input float16 [0, 0, 0], label float32 [0, 3, 2], sum)", () => float16Backward('exp'));
});

describe('Rule `log-grad-no-float16-kernel`', () => {
  it("log_input False: input's gradient raises in log_grad (Paddle: input float16 [1, 1, 1], label float32 [0, 3, 2], sum)", () => float16Backward('log'));
});

describe('Rule `log-of-negative-nan-sign`', () => {
  it('log of a negative float32 is the negative NaN 0xffc00000 (input −2, label 1, log_input False)', () => {
    expect(bits(poissonNllLoss(pair([-2], [1]), { log_input: false, reduction: 'none' }))).toEqual(['0xffc00000']);
  });
});

describe('Rule `exp-packet-and-tail`', () => {
  it('exp(−100) is 0x1ffeb0 in the packet of eight and 0x1b in the ninth element (input nine −100s, label 0)', () => {
    expect(bits(poissonNllLoss(pair(Array(9).fill(-100), Array(9).fill(0)), { reduction: 'none' }))).toEqual([...Array(8).fill('0x1ffeb0'), '0x1b']);
  });
});
