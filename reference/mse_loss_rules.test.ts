/**
 * One describe block per rule of mse_loss (reference/mse_loss_rules.ts) not
 * tested elsewhere, each rule written once in its primitive
 * (reference/kernels/). Expected values are Paddle 3.3.1's literal results.
 */
import { describe, expect, it } from 'vitest';
import { MSELoss, mseLoss, mseLossGrad } from './mse_loss.js';
import { withPaddleRelease } from './release.js';
import { tensor, type Tensor } from './tensor.js';
import { float32Bits as bits, float32FromBits as f32, raised } from './test_support.js';

const [NAN, NAN_NEG, ONE] = [0x7fc00000, 0xffc00000, 0x3f800000];

describe('mse_loss on its page', () => {
  it('the example: MSELoss()(1.5, 1.7) is 0.04000002 (0x3d23d70f)', () => {
    expect(bits(new MSELoss().forward(tensor([1.5]), tensor([1.7])))).toEqual(['0x3d23d70f']);
  });

  it('the gradients, Paddle: input [1, 2, 3, 0.5], label [0, 5, 3, 0.25], mean', () => {
    const g = mseLossGrad(tensor([1, 2, 3, 0.5]), tensor([0, 5, 3, 0.25]), 'mean');
    expect(bits(g.input)).toEqual(['0x3f000000', '0xbfc00000', '0x0', '0x3e000000']);
    expect(bits(g.label)).toEqual(['0xbf000000', '0x3fc00000', '0x80000000', '0xbe000000']);
  });
});

describe('Rule `square-keeps-nan-sign`', () => {
  it('squares each NaN difference into itself (Paddle: [nan, -nan, 1] against [1, 1, -nan])', () => {
    expect(bits(mseLoss(f32([NAN, NAN_NEG, ONE]), f32([ONE, ONE, NAN_NEG]), 'none'))).toEqual(['0x7fc00000', '0xffc00000', '0xffc00000']);
  });
});

describe('Rule `square-no-bfloat16-kernel`', () => {
  it('bfloat16 passes subtract and raises RuntimeError (NotFound) in square', () => {
    const t = (): Tensor => tensor([1, 0], { dtype: 'bfloat16' });
    expect(raised(() => mseLoss(t(), t(), 'none'))).toEqual(['RuntimeError', expect.stringContaining('of kernel `square` is not registered. Selected wrong DataType `bfloat16`')]);
  });
});

describe('Rule `mean-of-integers-truncates`', () => {
  const int32 = (v: number[]): Tensor => tensor(v, { dtype: 'int32' });
  it('takes the mean in float32 and truncates (Paddle: squares [1, 9, 4] give 4; [19686969] gives 19686968)', () => {
    expect(mseLoss(int32([1, 2, 3]), int32([0, 5, 1]), 'mean').toNested()).toBe(4);
    expect(mseLoss(int32([0]), int32([4437]), 'mean').toNested()).toBe(19686968);
  });
  it('was the exact quotient before Paddle 3.1.0', () => {
    expect(withPaddleRelease('3.0.0', () => mseLoss(int32([0]), int32([4437]), 'mean').toNested())).toBe(19686969);
  });
});

describe('Rule `mse-integers-computed`', () => {
  it('int32 operands compute and keep int32, wrapping on overflow (Paddle: 2147483647² is 1)', () => {
    const out = mseLoss(tensor([0], { dtype: 'int32' }), tensor([2147483647], { dtype: 'int32' }), 'none');
    expect([out.dtype, out.toNested()]).toEqual(['int32', [1]]);
  });
});

describe('Rule `mse-reduction-checked-first`', () => {
  it("names mse_loss, and the layer MSELoss, before a missing kernel", () => {
    expect(raised(() => mseLoss(tensor([1], { dtype: 'float16' }), tensor([1]), 'MEAN'))).toEqual(['ValueError', "'reduction' in 'mse_loss' should be 'sum', 'mean' or 'none', but received MEAN."]);
    expect(raised(() => new MSELoss({ reduction: 'MEAN' }))).toEqual(['ValueError', "'reduction' in 'MSELoss' should be 'sum', 'mean' or 'none', but received MEAN."]);
  });
});

describe('Rule `mse-layer-legacy-arguments`', () => {
  it('refuses size_average and reduce with ValueError since Paddle 3.3.0, TypeError before; a name is a TypeError after them', () => {
    expect(raised(() => new MSELoss({ size_average: true }))).toEqual(['ValueError', "[Deprecated] 'MSELoss' no longer supports 'reduce' or 'size_average'."]);
    expect(withPaddleRelease('3.2.2', () => raised(() => new MSELoss({ reduce: false })))).toEqual(['TypeError', "MSELoss.__init__() got an unexpected keyword argument 'reduce'"]);
    expect(raised(() => new MSELoss({ name: 'loss' } as never))).toEqual(['TypeError', "MSELoss.__init__() got an unexpected keyword argument 'name'"]);
  });
});
