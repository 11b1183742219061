/**
 * One describe block per rule of smooth_l1_loss that is its own or its
 * huber_loss primitive's (reference/kernels/huber_loss.ts). Expected values
 * are Paddle 3.3.1's literal results.
 */
import { describe, expect, it } from 'vitest';
import type { KwargJson, ResponseJson } from '../conformance/case.js';
import { smoothL1LossOp } from '../conformance/ops/smooth_l1_loss/descriptor.js';
import { SmoothL1Loss, smoothL1Loss, smoothL1LossGrad } from './smooth_l1_loss.js';
import { withPaddleRelease } from './release.js';
import { tensor, type Tensor } from './tensor.js';
import { float32Bits as bits, raised } from './test_support.js';

const x = (): Tensor => tensor([0.5, 2, -3, 1, -1.5]);
const zeros = (): Tensor => tensor([0, 0, 0, 0, 0]);

describe('smooth_l1_loss on its page', () => {
  it('is 0.5 r² inside delta and delta (|r| − 0.5 delta) outside (Paddle: delta 1.5 gives [0.125, 1.875, 3.375, 0.5, 1.125])', () => {
    expect(smoothL1Loss(x(), zeros(), { reduction: 'none', delta: 1.5 }).toNested()).toEqual([0.125, 1.875, 3.375, 0.5, 1.125]);
  });
});

describe('Rule `smooth-l1-is-huber`', () => {
  it('is_huber=False divides by delta (Paddle: delta 1.5 gives 0.0833333358… for 0.5)', () => {
    expect(bits(smoothL1Loss(tensor([0.5]), tensor([0]), { reduction: 'none', delta: 1.5, is_huber: false }))).toEqual(['0x3daaaaab']);
  });
  it('is not a parameter before Paddle 3.1.0', () => {
    expect(withPaddleRelease('3.0.0', () => raised(() => smoothL1Loss(x(), zeros(), { is_huber: false }))[0])).toBe('TypeError');
  });
});

describe('Rule `smooth-l1-huber-loss-alias`', () => {
  const huber = (init: Record<string, KwargJson>): ResponseJson => smoothL1LossOp.reference({
    id: 'h', api: 'paddle.nn.HuberLoss', init,
    inputs: { input: { dtype: 'float32', shape: [2], data: [0.5, -3] }, label: { dtype: 'float32', shape: [2], data: [0, 0] } },
  });
  it('answers paddle.nn.HuberLoss as SmoothL1Loss, is_huber included (Paddle 3.3.1: [0.125, 2.5] by default; [0.0833333358, 2.25] for delta 1.5 with is_huber=False)', () => {
    expect(huber({ reduction: 'none' }).output).toEqual({ dtype: 'float32', shape: [2], data: [0.125, 2.5] });
    expect(huber({ reduction: 'none', delta: 1.5, is_huber: false }).output).toEqual({ dtype: 'float32', shape: [2], data: [0.0833333358168602, 2.25] });
  });
  it("is Paddle's AttributeError before 3.3.0", () => {
    expect(withPaddleRelease('3.2.2', () => huber({}).error)).toEqual({ type: 'AttributeError', message: "module 'paddle.nn' has no attribute 'HuberLoss'" });
  });
});

describe('Rule `huber-loss-delta-unchecked`', () => {
  it('uses a zero or negative delta as given, although the page says it is ignored', () => {
    expect(smoothL1Loss(x(), zeros(), { reduction: 'none', delta: 0 }).toNested()).toEqual([0, 0, 0, 0, 0]);
    expect(smoothL1Loss(x(), zeros(), { reduction: 'none', delta: -1 }).toNested()).toEqual([-1, -2.5, -3.5, -1.5, -2]);
  });
});

describe('Rule `huber-loss-nan-residual`', () => {
  it('gives +NaN and gradients ±delta at a NaN residual (Paddle: input [NaN], label [1]: 1 and -1)', () => {
    const g = smoothL1LossGrad(tensor([NaN]), tensor([1]), { reduction: 'none' });
    expect(bits(smoothL1Loss(tensor([NaN]), tensor([1]), { reduction: 'none' }))).toEqual(['0x7fc00000']);
    expect([g.input.toNested(), g.label.toNested()]).toEqual([[1], [-1]]);
  });
});

describe('Rule `huber-loss-input-grad-negated-factor`', () => {
  it("gives input -0 and label +0 at a zero residual (Paddle: input [0.25], label [0.25])", () => {
    const g = smoothL1LossGrad(tensor([0.25]), tensor([0.25]), { reduction: 'none' });
    expect([bits(g.input), bits(g.label)]).toEqual([['0x80000000'], ['0x0']]);
  });
});

describe('Rule `huber-loss-shapes-must-equal`', () => {
  it('refuses a label that would broadcast, with ValueError', () => {
    expect(raised(() => smoothL1Loss(tensor([[1, 1, 1], [1, 1, 1]]), tensor([[1, 1, 1]])))).toEqual([
      'ValueError',
      '(InvalidArgument) The Input(input) and Input(label) should have the same shape, but received input shape [2, 3] != label shape [1, 3]',
    ]);
  });
});

describe('Rule `huber-loss-float-kernels-only`', () => {
  it.each(['float16', 'bfloat16', 'int32', 'bool'] as const)('%s raises RuntimeError (NotFound) in huber_loss', (dtype) => {
    const t = (): Tensor => tensor([1, 0], { dtype });
    expect(raised(() => smoothL1Loss(t(), t()))).toEqual(['RuntimeError', expect.stringContaining(`of kernel \`huber_loss\` is not registered. Selected wrong DataType \`${dtype}\``)]);
  });
});

describe('Rule `smooth-l1-reduction-checked-last`', () => {
  it("a float16 input with a bad reduction raises huber_loss's RuntimeError; the layer accepts the reduction and raises at the call", () => {
    expect(raised(() => smoothL1Loss(tensor([1], { dtype: 'float16' }), tensor([0], { dtype: 'float16' }), { reduction: 'MEAN' }))[0]).toBe('RuntimeError');
    const layer = new SmoothL1Loss({ reduction: 'MEAN' });
    expect(raised(() => layer.forward(tensor([1]), tensor([0])))).toEqual([
      'ValueError',
      "The value of 'reduction' in smooth_l1_loss should be 'sum', 'mean' or 'none', but received MEAN, which is not allowed.",
    ]);
  });
});

describe('Rule `smooth-l1-layer-legacy-arguments`', () => {
  it('refuses size_average with ValueError since Paddle 3.3.0, TypeError before', () => {
    expect(raised(() => new SmoothL1Loss({ size_average: true }))).toEqual(['ValueError', "[Deprecated] 'SmoothL1Loss' no longer supports 'reduce' or 'size_average'."]);
    expect(withPaddleRelease('3.2.2', () => raised(() => new SmoothL1Loss({ reduce: true }))[0])).toBe('TypeError');
  });
});
