/**
 * One describe block per rule of triplet_margin_loss that is its own or a primitive's it adds (p_norm's and
 * minimum's, reference/triplet_margin_loss_rules.ts). Expected values are Paddle 3.3.1's literal results (an
 * earlier release's where marked), each probe stated beside its values; epsilon is 0 where it would blur them.
 */
import { describe, expect, it } from 'vitest';
import { withPaddleRelease } from './release.js';
import { float32Bits, raised, values } from './test_support.js';
import { tensor, type Tensor } from './tensor.js';
import { TripletMarginLoss, tripletMarginLoss, tripletMarginLossGrad } from './triplet_margin_loss.js';

const rows = (...r: number[][]): Tensor => tensor(r);
const zeros = (m: number, n = 1): Tensor => tensor(Array.from({ length: n }, () => Array<number>(m).fill(0)));
const bare = { epsilon: 0, reduction: 'none' };

describe('Rule `triplet-checks-in-source-order`', () => {
  const t = { input: rows([1, 2, 3]), positive: zeros(3), negative: zeros(3) };
  it('the reduction before a negative margin; the margin before a shape; the shape message with two spaces before 3.2.0', () => {
    expect(raised(() => tripletMarginLoss(t, { margin: -1, reduction: 'MEAN' }))).toEqual(['ValueError', "'reduction' in 'triplet_margin_loss' should be 'sum', 'mean' or 'none', but received MEAN."]);
    expect(raised(() => tripletMarginLoss({ ...t, positive: tensor([0, 0, 0]) }, { margin: -1 }))[1]).toMatch(/^The margin between positive samples/);
    expect(raised(() => tripletMarginLoss({ ...t, positive: tensor([0, 0, 0]) }))).toEqual(['ValueError', "input's shape must equal to positive's shape and negative's shape"]);
    expect(withPaddleRelease('3.1.0', () => raised(() => tripletMarginLoss({ ...t, positive: tensor([0, 0, 0]) }))[1])).toBe("input's shape must equal to positive's shape and  negative's shape");
  });
});

describe('Rule `triplet-layer-legacy-arguments`', () => {
  it('size_average is the [Deprecated] ValueError in 3.3.1, a TypeError in 3.1.0', () => {
    expect(raised(() => new TripletMarginLoss({ size_average: true }))).toEqual(['ValueError', "[Deprecated] 'TripletMarginLoss' no longer supports 'reduce' or 'size_average'."]);
    expect(withPaddleRelease('3.1.0', () => raised(() => new TripletMarginLoss({ size_average: true })))).toEqual(['TypeError', "TripletMarginLoss.__init__() got an unexpected keyword argument 'size_average'"]);
  });
});

describe('Rule `triplet-distance-along-last-axis`', () => {
  it('a 1-D [3, 4] against 0s is one sample (0-D loss 1), a [1, 2, 2] input gives a [1, 2] loss', () => {
    const one = tripletMarginLoss({ input: tensor([3, 4]), positive: tensor([0, 0]), negative: tensor([0, 0]) }, bare);
    expect([one.shape, values(one)]).toEqual([[], [1]]);
    const three = tripletMarginLoss({ input: tensor([[[3, 4], [1, 0]]]), positive: tensor([[[0, 0], [0, 0]]]), negative: tensor([[[6, 8], [0, 0]]]) }, bare);
    expect([three.shape, values(three)]).toEqual([[1, 2], [1, 1]]);
  });
});

describe('Rule `p-norm-float-kernels-only`', () => {
  it('int32 operands reach p_norm and raise NotFound', () => {
    const i = (v: number[]): Tensor => tensor([v], { dtype: 'int32' });
    expect(raised(() => tripletMarginLoss({ input: i([1, 2, 3]), positive: i([0, 0, 0]), negative: i([0, 0, 0]) }))[1]).toMatch(/^\(NotFound\) The kernel with key \(CPU, Undefined\(AnyLayout\), int32\) of kernel `p_norm` is not registered/);
  });
});

describe('Rule `p-norm-pow-in-packets`', () => {
  it("keeps pow's exact cases: p = 1 adds |v| as float32 does ([0.1, 0.2] gives 0.30000001192092896)", () => {
    expect(values(tripletMarginLoss({ input: rows([0.1, 0.2]), positive: zeros(2), negative: rows([0.1, 0.2]) }, { ...bare, p: 1, margin: 0 }))).toEqual([0.30000001192092896]);
  });
});

describe('Rule `p-norm-order-in-float32`', () => {
  it('float64 [1, 2] with p = 0.3 is 14.513057532331608 (p and 1/p in float32)', () => {
    const f64 = (v: number[]): Tensor => tensor([v], { dtype: 'float64' });
    expect(values(tripletMarginLoss({ input: f64([1, 2]), positive: f64([0, 0]), negative: f64([1, 2]) }, { ...bare, p: 0.3, margin: 0 }))).toEqual([14.513057532331608]);
  });
});

describe('Rule `p-norm-inf-nan-by-position`', () => {
  it('p = inf: [NaN, 1] has norm 1, [1, NaN] NaN', () => {
    const x = rows([NaN, 1], [1, NaN]);
    expect(values(tripletMarginLoss({ input: x, positive: zeros(2, 2), negative: x }, { ...bare, p: Infinity, margin: 0 }))).toEqual([1, NaN]);
  });
});

describe('Rule `p-norm-empty-rows-are-zero`', () => {
  const e = tensor([[], [], []]);
  it('[3, 0] rows have norm 0 (losses the margin); Paddle 2.6.2 raises (add first, p_norm with epsilon 0)', () => {
    expect(values(tripletMarginLoss({ input: e, positive: e, negative: e }, { reduction: 'none' }))).toEqual([1, 1, 1]);
    expect(withPaddleRelease('2.6.2', () => raised(() => tripletMarginLoss({ input: e, positive: e, negative: e }, bare)))).toEqual(['ValueError', '(InvalidArgument) The dims of Input(X) should be greater than 0.']);
  });
});

describe('Rule `p-norm-powers-unscaled`', () => {
  it('float32 [1e20, 0] has an inf norm (the loss FLT_MAX); [1e-30, 0] has norm 0', () => {
    expect(values(tripletMarginLoss({ input: rows([1e20, 0]), positive: zeros(2), negative: rows([1e20, 1]) }, { reduction: 'sum' }))).toEqual([3.4028234663852886e38]);
    expect(values(tripletMarginLoss({ input: rows([1e-30, 0]), positive: zeros(2), negative: rows([1e-30, 0]) }, { ...bare, margin: 0 }))).toEqual([0]);
  });
});

describe('Rule `p-norm-grad-nan-at-zero-norm`', () => {
  it("positive equal to input, epsilon 0: input's gradient is 0 / 0, x86's NaN 0xffc00000", () => {
    const g = tripletMarginLossGrad({ input: rows([1, 2]), positive: rows([1, 2]), negative: zeros(2) }, { epsilon: 0, margin: 5, reduction: 'sum' });
    expect(float32Bits(g.input!)).toEqual(['0xffc00000', '0xffc00000']);
    expect(values(g.negative!)).toEqual([0.4472135901451111, 0.8944271802902222]);
  });
});

describe('Rule `p-norm-grad-inf-ties`', () => {
  it("p = inf, |2| and |−2| both at the norm: positive's gradient [−1, 1, −0]", () => {
    const g = tripletMarginLossGrad({ input: rows([2, -2, 1]), positive: zeros(3), negative: rows([9, 9, 9]) }, { p: Infinity, epsilon: 0, margin: 20, reduction: 'sum' });
    expect(values(g.positive!)).toEqual([-1, 1, -0]);
  });
});

describe('Rule `minimum-nan-and-ties`', () => {
  const t = { input: rows([0, 0]), positive: rows([2, 0]), negative: rows([1, 0]) };
  it("swap with d(input, negative) = d(positive, negative) = 1: half the gradient each; Paddle 3.0.0 all to the swap distance", () => {
    const halves = tripletMarginLossGrad(t, { swap: true, epsilon: 0, reduction: 'sum' });
    expect([values(halves.input!), values(halves.positive!)]).toEqual([[-0.5, 0], [0.5, -0]]);
    const legacy = withPaddleRelease('3.0.0', () => tripletMarginLossGrad(t, { swap: true, epsilon: 0, reduction: 'sum' }));
    expect([values(legacy.input!), values(legacy.positive!)]).toEqual([[-1, 0], [0, -0]]);
  });
});
