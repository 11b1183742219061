/**
 * l1_loss over the kernel layer, against Paddle 3.3.1's literal results
 * (bits from `.numpy().view(uint32)`), each probe stated beside its values.
 */
import { describe, expect, it } from 'vitest';
import { l1Loss, l1LossGrad } from './l1_loss.js';
import { tensor, type Tensor } from './tensor.js';
import { raised } from './test_support.js';

/** The float32 bits of each element, read from the tensor's own storage (a JS number may not keep a NaN's sign). */
function bits(t: Tensor): string[] {
  return Array.from(new Uint32Array(t.data.buffer, t.data.byteOffset, t.size), (u) => `0x${u.toString(16)}`);
}

/** A float32 tensor from raw bits, so a NaN's sign reaches the reference (a JS array may canonicalise it). */
function f32(bitsOf: readonly number[], shape: readonly number[] = [bitsOf.length]): Tensor {
  return tensor(new Float32Array(Uint32Array.from(bitsOf).buffer), { shape });
}

const NAN = 0x7fc00000;
const NAN_NEG = 0xffc00000;
const ONE = 0x3f800000;
// The page's example: input [[1.5, 0.8], [0.2, 1.3]], label [[1.7, 1], [0.4, 0.5]], float32.
const input = (): Tensor => tensor([[1.5, 0.8], [0.2, 1.3]]);
const label = (): Tensor => tensor([[1.7, 1], [0.4, 0.5]]);

describe("l1_loss on the documentation page's example", () => {
  it.each([
    ['none', ['0x3e4cccd0', '0x3e4ccccc', '0x3e4ccccd', '0x3f4ccccc'], ['0xbf800000', '0xbf800000', '0xbf800000', '0x3f800000'], ['0x3f800000', '0x3f800000', '0x3f800000', '0xbf800000']],
    ['mean', ['0x3eb33333'], ['0xbe800000', '0xbe800000', '0xbe800000', '0x3e800000'], ['0x3e800000', '0x3e800000', '0x3e800000', '0xbe800000']],
    ['sum', ['0x3fb33333'], ['0xbf800000', '0xbf800000', '0xbf800000', '0x3f800000'], ['0x3f800000', '0x3f800000', '0x3f800000', '0xbf800000']],
  ] as const)('%s: the loss and the gradients', (reduction, loss, gradInput, gradLabel) => {
    expect(bits(l1Loss(input(), label(), reduction))).toEqual(loss);
    const g = l1LossGrad(input(), label(), reduction);
    expect(bits(g.input)).toEqual(gradInput);
    expect(bits(g.label)).toEqual(gradLabel);
  });
});

describe('l1_loss: what its primitives add to the page', () => {
  it("abs clears a NaN's sign: every NaN difference gives +NaN (0x7fc00000)", () => {
    expect(bits(l1Loss(f32([NAN, NAN_NEG, ONE]), f32([ONE, ONE, NAN_NEG]), 'none'))).toEqual(['0x7fc00000', '0x7fc00000', '0x7fc00000']);
  });

  it("abs's gradient at a NaN difference is that difference's NaN; subtract's flips it for label", () => {
    // Paddle: input [nan, 1, -nan, 2], label [1, nan, 1, -nan].
    const g = l1LossGrad(f32([NAN, ONE, NAN_NEG, 0x40000000]), f32([ONE, NAN, ONE, NAN_NEG]), 'none');
    expect(bits(g.input)).toEqual(['0x7fc00000', '0x7fc00000', '0xffc00000', '0xffc00000']);
    expect(bits(g.label)).toEqual(['0xffc00000', '0xffc00000', '0x7fc00000', '0x7fc00000']);
  });

  it("abs's gradient is +0 where input = label, whatever the upstream; subtract's makes label's -0", () => {
    const g = l1LossGrad(f32([0, ONE, 0x80000000, 0x40000000]), tensor([0, 1, 0, 3]), 'none');
    expect(bits(g.input)).toEqual(['0x0', '0x0', '0x0', '0xbf800000']);
    expect(bits(g.label)).toEqual(['0x80000000', '0x80000000', '0x80000000', '0x3f800000']);
    const up = l1LossGrad(tensor([1, 2, 3]), tensor([0, 5, 3]), 'none', f32([NAN, NAN_NEG, 0x80000000]));
    expect(bits(up.input)).toEqual(['0x7fc00000', '0xffc00000', '0x0']);
    expect(bits(up.label)).toEqual(['0xffc00000', '0x7fc00000', '0x80000000']);
  });

  it("mean_all's gradient is dout / n, n rounded first: 1/3 is 0x3eaaaaab", () => {
    const g = l1LossGrad(tensor([1, 2, 3]), tensor([0, 5, 3]), 'mean');
    expect(bits(g.input)).toEqual(['0x3eaaaaab', '0xbeaaaaab', '0x0']);
    expect(bits(g.label)).toEqual(['0xbeaaaaab', '0x3eaaaaab', '0x80000000']);
  });

  it("a broadcast label's gradient is the column sums scaled by -1, which keeps a NaN's sign", () => {
    // Paddle: input [[1, nan, 3], [4, -nan, 6]], label [2, 2, 2], 'none'.
    const g = l1LossGrad(f32([ONE, NAN, 0x40400000, 0x40800000, NAN_NEG, 0x40c00000], [2, 3]), tensor([2, 2, 2]), 'none');
    expect(bits(g.input)).toEqual(['0xbf800000', '0x7fc00000', '0x3f800000', '0x3f800000', '0xffc00000', '0x3f800000']);
    expect(bits(g.label)).toEqual(['0x0', '0x7fc00000', '0xc0000000']);
  });

  it('an empty loss: mean NaN, sum +0', () => {
    expect(bits(l1Loss(tensor([], { shape: [0] }), tensor([], { shape: [0] }), 'mean'))).toEqual(['0x7fc00000']);
    expect(bits(l1Loss(tensor([], { shape: [0] }), tensor([], { shape: [0] }), 'sum'))).toEqual(['0x0']);
  });

  it('int32: none and sum compute (sum in int64); mean raises in mean_all, although the page lists int32', () => {
    const [x, y] = [tensor([1, 2, 3], { dtype: 'int32' }), tensor([0, 5, 1], { dtype: 'int32' })];
    expect(l1Loss(x, y, 'none').toNested()).toEqual([1, 3, 2]);
    const sum = l1Loss(x, y, 'sum');
    expect([sum.dtype, sum.toNested()]).toEqual(['int64', 6]);
    expect(raised(() => l1Loss(x, y, 'mean'))).toEqual(['RuntimeError', expect.stringContaining('of kernel `mean_all` is not registered. Selected wrong DataType `int32`')]);
  });

  it.each([
    ['float16', 'subtract'],
    ['bool', 'subtract'],
    ['bfloat16', 'abs'],
  ] as const)('%s raises RuntimeError (NotFound) in %s', (dtype, kernel) => {
    const t = (): Tensor => tensor([1, 0], { dtype });
    expect(raised(() => l1Loss(t(), t(), 'none'))).toEqual(['RuntimeError', expect.stringContaining(`of kernel \`${kernel}\` is not registered. Selected wrong DataType \`${dtype}\``)]);
  });

  it('checks the reduction first, naming the layer', () => {
    expect(raised(() => l1Loss(tensor([1], { dtype: 'float16' }), tensor([1]), 'MEAN'))).toEqual([
      'ValueError',
      "The value of 'reduction' in L1Loss should be 'sum', 'mean' or 'none', but received MEAN, which is not allowed.",
    ]);
  });

  it('broadcasts a label of another shape (subtract does); a 0-D pair stays 0-D under none', () => {
    expect(l1Loss(tensor([[1, 2, 3], [4, 5, 6]]), tensor([2, 2, 2]), 'none').shape).toEqual([2, 3]);
    expect(l1Loss(tensor(1), tensor(3), 'none').shape).toEqual([]);
  });
});
