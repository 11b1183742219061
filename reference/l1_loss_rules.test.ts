/**
 * One describe block per rule of l1_loss (reference/l1_loss_rules.ts), each
 * rule written once in the primitive it belongs to (reference/kernels/).
 * Expected values are Paddle 3.3.1's literal results (bits from
 * `.numpy().view(uint32)`), each probe stated beside its values.
 */
import { describe, expect, it } from 'vitest';
import { L1Loss, l1Loss, l1LossGrad } from './l1_loss.js';
import { withPaddleRelease } from './release.js';
import { tensor, type Tensor } from './tensor.js';
import { float32Bits as bits, float32FromBits as f32, raised } from './test_support.js';

/** Float32 bit patterns of the probes. */
const NAN = 0x7fc00000;
const NAN_NEG = 0xffc00000;
const ONE = 0x3f800000;

describe('Rule `abs-clears-nan-sign`', () => {
  it("every NaN difference gives +NaN (0x7fc00000), whatever the NaN's sign", () => {
    expect(bits(l1Loss(f32([NAN, NAN_NEG, ONE]), f32([ONE, ONE, NAN_NEG]), 'none'))).toEqual(['0x7fc00000', '0x7fc00000', '0x7fc00000']);
  });
});

describe('Rule `abs-grad-of-nan-is-nan`', () => {
  it("gives a NaN difference's own NaN as the gradient, not 0 (Paddle: input [nan, -nan], label [1, 1])", () => {
    expect(bits(l1LossGrad(f32([NAN, NAN_NEG]), f32([ONE, ONE]), 'none').input)).toEqual(['0x7fc00000', '0xffc00000']);
  });
});

describe('Rule `subtract-grad-negates`', () => {
  it("abs's gradient at a NaN difference is that difference's NaN, and label's is it with the sign flipped", () => {
    // Paddle: input [nan, 1, -nan, 2], label [1, nan, 1, -nan].
    const g = l1LossGrad(f32([NAN, ONE, NAN_NEG, 0x40000000]), f32([ONE, NAN, ONE, NAN_NEG]), 'none');
    expect(bits(g.input)).toEqual(['0x7fc00000', '0x7fc00000', '0xffc00000', '0xffc00000']);
    expect(bits(g.label)).toEqual(['0xffc00000', '0xffc00000', '0x7fc00000', '0x7fc00000']);
  });

  it("a broadcast label's gradient is the column sums scaled by -1, which keeps a NaN's sign", () => {
    // Paddle: input [[1, nan, 3], [4, -nan, 6]], label [2, 2, 2], 'none'.
    const g = l1LossGrad(f32([ONE, NAN, 0x40400000, 0x40800000, NAN_NEG, 0x40c00000], [2, 3]), tensor([2, 2, 2]), 'none');
    expect(bits(g.input)).toEqual(['0xbf800000', '0x7fc00000', '0x3f800000', '0x3f800000', '0xffc00000', '0x3f800000']);
    expect(bits(g.label)).toEqual(['0x0', '0x7fc00000', '0xc0000000']);
  });
});

describe('Rule `abs-grad-zero-at-zero`', () => {
  it("is +0 where input = label, whatever the upstream; label's is -0", () => {
    const g = l1LossGrad(f32([0, ONE, 0x80000000, 0x40000000]), tensor([0, 1, 0, 3]), 'none');
    expect(bits(g.input)).toEqual(['0x0', '0x0', '0x0', '0xbf800000']);
    expect(bits(g.label)).toEqual(['0x80000000', '0x80000000', '0x80000000', '0x3f800000']);
    const up = l1LossGrad(tensor([1, 2, 3]), tensor([0, 5, 3]), 'none', f32([NAN, NAN_NEG, 0x80000000]));
    expect(bits(up.input)).toEqual(['0x7fc00000', '0xffc00000', '0x0']);
    expect(bits(up.label)).toEqual(['0xffc00000', '0x7fc00000', '0x80000000']);
  });
});

describe('Rule `mean-all-grad-divides-by-count`', () => {
  it('is dout / n with n rounded first: 1/3 is 0x3eaaaaab', () => {
    const g = l1LossGrad(tensor([1, 2, 3]), tensor([0, 5, 3]), 'mean');
    expect(bits(g.input)).toEqual(['0x3eaaaaab', '0xbeaaaaab', '0x0']);
    expect(bits(g.label)).toEqual(['0xbeaaaaab', '0x3eaaaaab', '0x80000000']);
  });
});

describe('Rule `mean-all-of-empty-is-nan`', () => {
  const empty = (): Tensor => tensor([], { shape: [0] });
  it('is +NaN (0x7fc00000) since Paddle 3.1.0', () => {
    expect(bits(l1Loss(empty(), empty(), 'mean'))).toEqual(['0x7fc00000']);
  });
  it('was 0/0, 0xffc00000, in Paddle 3.0.0 and 2.6.2', () => {
    for (const release of ['3.0.0', '2.6.2'] as const) expect(withPaddleRelease(release, () => bits(l1Loss(empty(), empty(), 'mean')))).toEqual(['0xffc00000']);
  });
});

describe('Rule `sum-of-empty-is-zero`', () => {
  const empty = (): Tensor => tensor([], { shape: [0] });
  it('is +0 since Paddle 3.0.0; 2.6.2 raised ValueError', () => {
    expect(bits(l1Loss(empty(), empty(), 'sum'))).toEqual(['0x0']);
    expect(withPaddleRelease('2.6.2', () => raised(() => l1Loss(empty(), empty(), 'sum')))).toEqual(['ValueError', '(InvalidArgument) Tensor need be reduced must not empty.']);
  });
});

describe('Rule `sum-of-integers-is-int64`', () => {
  it('an int32 loss sums to an int64 6 (Paddle: input [1, 2, 3], label [0, 5, 1])', () => {
    const sum = l1Loss(tensor([1, 2, 3], { dtype: 'int32' }), tensor([0, 5, 1], { dtype: 'int32' }), 'sum');
    expect([sum.dtype, sum.toNested()]).toEqual(['int64', 6]);
  });
});

describe('Rule `mean-all-no-integer-kernel`', () => {
  it('int32 computes under none, raises RuntimeError in mean_all under mean, although the page lists int32', () => {
    const [x, y] = [tensor([1, 2, 3], { dtype: 'int32' }), tensor([0, 5, 1], { dtype: 'int32' })];
    expect(l1Loss(x, y, 'none').toNested()).toEqual([1, 3, 2]);
    expect(raised(() => l1Loss(x, y, 'mean'))).toEqual(['RuntimeError', expect.stringContaining('of kernel `mean_all` is not registered. Selected wrong DataType `int32`')]);
  });
});

describe('Rule `subtract-no-float16-or-bool-kernel`', () => {
  it.each(['float16', 'bool'] as const)('%s raises RuntimeError (NotFound) in subtract', (dtype) => {
    const t = (): Tensor => tensor([1, 0], { dtype });
    expect(raised(() => l1Loss(t(), t(), 'none'))).toEqual(['RuntimeError', expect.stringContaining(`of kernel \`subtract\` is not registered. Selected wrong DataType \`${dtype}\``)]);
  });
});

describe('Rule `abs-no-bfloat16-kernel`', () => {
  it('bfloat16 passes subtract and raises RuntimeError (NotFound) in abs', () => {
    const t = (): Tensor => tensor([1, 0], { dtype: 'bfloat16' });
    expect(raised(() => l1Loss(t(), t(), 'none'))).toEqual(['RuntimeError', expect.stringContaining('of kernel `abs` is not registered. Selected wrong DataType `bfloat16`')]);
  });
});

describe('Rule `subtract-broadcasts`', () => {
  it('a label of another shape broadcasts; one that cannot raises ValueError', () => {
    expect(l1Loss(tensor([[1, 2, 3], [4, 5, 6]]), tensor([2, 2, 2]), 'none').shape).toEqual([2, 3]);
    expect(raised(() => l1Loss(tensor([[1, 2, 3], [4, 5, 6]]), tensor([[1, 2], [3, 4], [5, 6]]), 'none'))[0]).toBe('ValueError');
  });
});

describe('Rule `l1-reduction-checked-first`', () => {
  it('a bad reduction is reported before a missing kernel, naming the layer', () => {
    expect(raised(() => l1Loss(tensor([1], { dtype: 'float16' }), tensor([1]), 'MEAN'))).toEqual([
      'ValueError',
      "The value of 'reduction' in L1Loss should be 'sum', 'mean' or 'none', but received MEAN, which is not allowed.",
    ]);
  });
});

describe('Rule `l1-layer-legacy-arguments`', () => {
  it("refuses size_average and reduce with ValueError since Paddle 3.3.0, TypeError before", () => {
    expect(raised(() => new L1Loss({ size_average: true }))).toEqual(['ValueError', "[Deprecated] 'L1Loss' no longer supports 'reduce' or 'size_average'."]);
    expect(withPaddleRelease('3.2.2', () => raised(() => new L1Loss({ reduce: false })))).toEqual(['TypeError', "L1Loss.__init__() got an unexpected keyword argument 'reduce'"]);
  });
});
