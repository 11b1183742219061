/**
 * One describe block per rule of gaussian_nll_loss that is its own or a primitive's it adds (reference/
 * gaussian_nll_loss_rules.ts). Expected values are Paddle 3.3.1's literal results (2.6.2's where marked), each
 * probe stated beside its values: input [1, 2, 3] and label [0, 0, 0] unless given.
 */
import { describe, expect, it } from 'vitest';
import { GaussianNLLLoss, gaussianNllLoss, gaussianNllLossGrad } from './gaussian_nll_loss.js';
import { withPaddleRelease } from './release.js';
import { tensor } from './tensor.js';
import { raised, values } from './test_support.js';

const X = { input: tensor([1, 2, 3]), label: tensor([0, 0, 0]) };
const none = { reduction: 'none' };

describe('Rule `gaussian-nll-variance-shapes`', () => {
  it('takes a 0-D variance against [3] and a [1] variance against a 0-D input (the loss is [1])', () => {
    expect(gaussianNllLoss({ ...X, variance: tensor(2) }, none).shape).toEqual([3]);
    expect(gaussianNllLoss({ input: tensor(1), label: tensor(0), variance: tensor([2]) }, none).shape).toEqual([1]);
  });
  it('refuses [1, 3] against [2, 3], although it broadcasts', () => {
    const t = { input: tensor([[1, 2, 3], [4, 5, 6]]), label: tensor([[0, 0, 0], [0, 0, 0]]), variance: tensor([[1, 2, 3]]) };
    expect(raised(() => gaussianNllLoss(t, { reduction: 'MEAN' }))).toEqual(['ValueError', 'variance is of incorrect shape']);
  });
});

describe('Rule `gaussian-nll-reduction-checked-second`', () => {
  const t = { ...X, variance: tensor([1, 1, 1]) };
  it("raises '<reduction> is not valid', a TypeError for None; the layer its own ValueError", () => {
    expect(raised(() => gaussianNllLoss(t, { reduction: 'MEAN' }))).toEqual(['ValueError', 'MEAN is not valid']);
    expect(raised(() => gaussianNllLoss(t, { reduction: null }))).toEqual(['TypeError', "unsupported operand type(s) for +: 'NoneType' and 'str'"]);
    expect(raised(() => new GaussianNLLLoss({ reduction: null }))[0]).toBe('ValueError');
  });
});

describe('Rule `gaussian-nll-float-operands-only`', () => {
  it('refuses int32 input with ValueError, before the negative variance', () => {
    const t = { input: tensor([1, 2], { dtype: 'int32' }), label: tensor([1, 0]), variance: tensor([-1, 2]) };
    expect(raised(() => gaussianNllLoss(t))).toEqual(['ValueError', "The data type of input Variable must be 'float32' or 'float64'"]);
  });
});

describe('Rule `gaussian-nll-negative-variance-raises`', () => {
  it('refuses -1; takes -0 (clamped: 1999993.125) and NaN', () => {
    expect(raised(() => gaussianNllLoss({ ...X, variance: tensor([1, -1, 1]) }))[1]).toBe('variance has negative entry/entries');
    expect(values(gaussianNllLoss({ ...X, variance: tensor([1, -0, 1]) }, none))).toEqual([0.5, 1999993.125, 4.5]);
    expect(values(gaussianNllLoss({ ...X, variance: tensor([1, NaN, 1]) }, none))).toEqual([0.5, NaN, 4.5]);
  });
});

describe('Rule `gaussian-nll-epsilon-is-clip-min`', () => {
  const t = { input: tensor([1, 2, 3]), label: tensor([1, 0, 0]), variance: tensor([0, 0, 1]) };
  it('None leaves a zero variance (NaN), True is 1, 1e39 is clip\'s ValueError in float32', () => {
    expect(values(gaussianNllLoss(t, { epsilon: null, reduction: 'none' }))).toEqual([NaN, NaN, 4.5]);
    expect(values(gaussianNllLoss(t, { epsilon: true, reduction: 'none' }))).toEqual([0, 2, 4.5]);
    expect(raised(() => gaussianNllLoss(t, { epsilon: 1e39 }))[0]).toBe('ValueError');
  });
});

describe('Rule `gaussian-nll-variance-gets-no-gradient`', () => {
  it('gives input and label their gradients, variance none', () => {
    expect(Object.keys(gaussianNllLossGrad({ input: tensor([1, 2, 3]), label: tensor([0.5, 2.5, -1]), variance: tensor([0.5, 0, 2]) }, { reduction: 'sum' }))).toEqual(['input', 'label']);
  });
});

describe('Rule `gaussian-nll-full-is-truthy`', () => {
  it("adds the float32 constant for full='x' (variance 1, label [1, 0, 0])", () => {
    const t = { input: tensor([1, 2, 3]), label: tensor([1, 0, 0]), variance: tensor([1, 1, 1]) };
    expect(values(gaussianNllLoss(t, { full: 'x', reduction: 'none' }))).toEqual([0.9189385175704956, 2.918938636779785, 5.418938636779785]);
  });
});

describe('Rule `gaussian-nll-layer-no-legacy-arguments`', () => {
  it('GaussianNLLLoss(size_average=True) is a TypeError', () => {
    expect(raised(() => new GaussianNLLLoss({ size_average: true }))).toEqual(['TypeError', "GaussianNLLLoss.__init__() got an unexpected keyword argument 'size_average'"]);
  });
});

describe('Rule `any-of-empty-raises-before-3-0-0`', () => {
  it('an empty variance raises in Paddle 2.6.2', () => {
    const t = { input: tensor([[]]), label: tensor([[]]), variance: tensor([[]]) };
    expect(withPaddleRelease('2.6.2', () => raised(() => gaussianNllLoss(t, none)))).toEqual(['ValueError', '(InvalidArgument) Tensor need be reduced must not empty.']);
  });
});

describe('Rule `divide-operator-casts-before-3-0-0`', () => {
  it('float32 square over a float64 variance 0.75 is float32 2.0833333 in Paddle 2.6.2 (loss 0.8978255907043464)', () => {
    const t = { input: tensor([1.25]), label: tensor([0]), variance: tensor([0.75], { dtype: 'float64' }) };
    expect(withPaddleRelease('2.6.2', () => values(gaussianNllLoss(t, none)))).toEqual([0.8978255907043464]);
  });
});
