/**
 * soft_margin_loss as the documentation page describes it. Expected values
 * are literals from Paddle 3.3.1 (CPU); each comment gives the call
 * (F = paddle.nn.functional, T = paddle.to_tensor, float32 unless stated).
 */
import { describe, expect, it } from 'vitest';
import { SoftMarginLoss, softMarginLoss, softMarginLossGrad } from './soft_margin_loss.js';
import { tensor, type Tensor } from './tensor.js';

/** The IEEE-754 bit patterns of a float32 tensor's elements, as hex strings. */
function bits32(t: Tensor): string[] {
  return Array.from(new Uint32Array(new Float32Array(t.data).buffer), (b) => b.toString(16));
}

const input = tensor([
  [0.5, 0.6, 0.7],
  [0.3, 0.5, 0.2],
]);
const label = tensor([
  [1, -1, 1],
  [-1, 1, 1],
]);

describe('the documentation page example', () => {
  it("'mean' (the default) gives 0.64022040, shape []", () => {
    // F.soft_margin_loss(input, label): 0x3f23e57c
    const out = softMarginLoss(input, label);
    expect(out.shape).toEqual([]);
    expect(bits32(out)).toEqual(['3f23e57c']);
  });

  it("the options-object form is the same call", () => {
    expect(bits32(softMarginLoss(input, label, { reduction: 'mean', name: 'x' }))).toEqual(['3f23e57c']);
  });

  it("'none' keeps the input's shape", () => {
    expect(softMarginLoss(input, label, 'none').shape).toEqual([2, 3]);
  });
});

describe('0-D operands', () => {
  it.each(['none', 'mean', 'sum'] as const)("%s gives shape [] and 0.474077", (reduction) => {
    // F.soft_margin_loss(T(0.5), T(1.), reduction): shape [], 0x3ef2ba38
    const out = softMarginLoss(tensor(0.5), tensor(1), reduction);
    expect(out.shape).toEqual([]);
    expect(bits32(out)).toEqual(['3ef2ba38']);
  });

  it('the gradient of a 0-D input is 0-D', () => {
    // x = T(0.5); F.soft_margin_loss(x, T(1.), 'none').backward(): shape [], 0xbec14d03
    const g = softMarginLossGrad(tensor(0.5), tensor(1), 'none').input;
    expect(g.shape).toEqual([]);
    expect(bits32(g)).toEqual(['bec14d03']);
  });
});

describe('paddle.nn.SoftMarginLoss', () => {
  it("defaults to 'mean' and stores the name", () => {
    // paddle.nn.SoftMarginLoss().reduction == 'mean'; SoftMarginLoss(name='x').name == 'x'
    expect(new SoftMarginLoss().reduction).toBe('mean');
    expect(new SoftMarginLoss({ name: 'x' }).name).toBe('x');
  });

  it("forward with 'sum'", () => {
    // paddle.nn.SoftMarginLoss('sum')(T([0.5, -2.]), T([1., -1.])): 0x3f19db77
    expect(bits32(new SoftMarginLoss('sum').forward(tensor([0.5, -2]), tensor([1, -1])))).toEqual(['3f19db77']);
  });

  it("the 'sum' loss of input [0.5, -2, 3], label [1, -1, 2] and its mean", () => {
    // F.soft_margin_loss(T([0.5, -2., 3.]), T([1., -1., 2.]), 'sum' | 'mean'): 0x3f1a7db6, 0x3e4dfcf3
    expect(bits32(softMarginLoss(tensor([0.5, -2, 3]), tensor([1, -1, 2]), 'sum'))).toEqual(['3f1a7db6']);
    expect(bits32(softMarginLoss(tensor([0.5, -2, 3]), tensor([1, -1, 2]), 'mean'))).toEqual(['3e4dfcf3']);
  });
});
