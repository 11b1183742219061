/**
 * One describe block per rule of hsigmoid_loss (reference/hsigmoid_loss_rules.ts). Expected values are Paddle
 * 3.3.1's literal results, each probe stated beside its values.
 */
import { describe, expect, it } from 'vitest';
import { HSigmoidLoss, hsigmoidLoss, hsigmoidLossGrad, type HsigmoidLossTensors } from './hsigmoid_loss.js';
import { withPaddleRelease } from './release.js';
import { tensor } from './tensor.js';
import { raised, values } from './test_support.js';

const probe = (x: number[][], labels: number[], w: number[][], extra: Partial<HsigmoidLossTensors> = {}): HsigmoidLossTensors => ({
  input: tensor(x), label: tensor(labels.map((l) => [l]), { dtype: 'int64' }), weight: tensor(w), ...extra,
});

describe('Rule `hsigmoid-padding-adds-log-2`', () => {
  it('3 classes, no features: label 0 (a path of one node) and label 1 (two) both lose 2·log 2', () => {
    const t = { input: tensor([[], []]), label: tensor([[0], [1]], { dtype: 'int64' }), weight: tensor([[], []]) } as HsigmoidLossTensors;
    expect(values(hsigmoidLoss(t, 3))).toEqual([1.3862943649291992, 1.3862943649291992]);
  });
});

describe('Rule `hsigmoid-softrelu-eigen-packets`', () => {
  it('w = 0.43624991 (float32): 8 rows make a packet (0.93487513), 7 rows the C library (0.93487519)', () => {
    const w = [[0.43624991178512573]];
    expect(values(hsigmoidLoss(probe(Array(8).fill([1]), Array(8).fill(0), w), 2))[0]).toBe(0.9348751306533813);
    expect(values(hsigmoidLoss(probe(Array(7).fill([1]), Array(7).fill(0), w), 2))[0]).toBe(0.9348751902580261);
  });
  it('a pre-activation of 100 is clipped to 40: loss 40 for code 0, 0 for code 1', () => {
    expect(values(hsigmoidLoss(probe([[1], [1]], [0, 1], [[100]]), 2))).toEqual([40, 0]);
  });
});

describe('Rule `hsigmoid-grad-ignores-clip`', () => {
  it('past the clip the gradient is still σ(40) − bit: input 100 and 0, weight 1 (Paddle 3.3.1)', () => {
    const g = hsigmoidLossGrad(probe([[1], [1]], [0, 1], [[100]]), 2, false);
    expect([values(g.input!), values(g.weight!)]).toEqual([[100, 0], [1]]);
  });
});

describe('Rule `hsigmoid-dot-mkl-order`', () => {
  it('two features are exact in any order; four are not (Paddle sums 2^25, −2^25, 1, 1 to 0: log 2)', () => {
    expect(values(hsigmoidLoss(probe([[1, 1]], [1], [[2 ** 25, 1]]), 2))).toEqual([0]);
    // Left to right the reference sums to 2, softrelu(2) − 2; Paddle's 0.6931472 lies within the bound 2γ_4·2^26.
    expect(values(hsigmoidLoss(probe([[1, 1, 1, 1]], [1], [[2 ** 25, -(2 ** 25), 1, 1]]), 2))[0]).toBeCloseTo(0.126928, 5);
  });
});

describe('Rule `hsigmoid-kernel-reads-unchecked`', () => {
  const custom = (code: number[][]) => probe([[1, 0], [0, 1]], [0, 0], [[1, 2], [3, 4], [5, 6]], { path_table: tensor([[0, 1], [1, -1]], { dtype: 'int64' }), path_code: tensor(code, { dtype: 'int64' }) });
  it('a code of 2 is a 1; a path ends at its first negative node; num_classes is unused for a custom tree', () => {
    expect(values(hsigmoidLoss(custom([[2, 0], [5, 7]]), 3))).toEqual(values(hsigmoidLoss(custom([[1, 0], [1, 0]]), 99)));
  });
  it('a [N, 2] label is read flat (its first N values); int32 labels and a float64 weight raise ValueError', () => {
    const flat = probe([[1], [2]], [0, 1], [[1], [2], [3]]);
    expect(values(hsigmoidLoss({ ...flat, label: tensor([[0, 1], [2, 3]], { dtype: 'int64' }) }, 4))).toEqual(values(hsigmoidLoss(flat, 4)));
    expect(raised(() => hsigmoidLoss({ ...flat, label: tensor([[0], [1]], { dtype: 'int32' }) }, 4))[0]).toBe('ValueError');
    expect(raised(() => hsigmoidLoss({ ...flat, weight: tensor([[1], [2], [3]], { dtype: 'float64' }) }, 4))[0]).toBe('ValueError');
  });
  it('num_classes 4.5 is TypeError (ValueError before Paddle 3.0.0), 1 ValueError, None TypeError', () => {
    const t = probe([[1]], [0], [[1], [2], [3]]);
    expect(raised(() => hsigmoidLoss(t, 4.5))[0]).toBe('TypeError');
    expect(withPaddleRelease('2.6.2', () => raised(() => hsigmoidLoss(t, 4.5))[0])).toBe('ValueError');
    expect(raised(() => hsigmoidLoss(t, 1))).toEqual(['ValueError', 'Expected num_classes >= 2 (got 1)']);
    expect(raised(() => hsigmoidLoss(t, null))[0]).toBe('TypeError');
  });
});

describe('Rule `hsigmoid-is-sparse-forward-unchanged`', () => {
  it('is_sparse True gives the same loss; an int is TypeError', () => {
    const t = probe([[1, 2]], [2], [[1, 0], [0, 1], [1, 1]]);
    expect(values(hsigmoidLoss(t, 4, true))).toEqual(values(hsigmoidLoss(t, 4, false)));
    expect(raised(() => hsigmoidLoss(t, 4, 1))[0]).toBe('TypeError');
  });
});

describe('Rule `hsigmoid-layer-constructor`', () => {
  it('num_classes 1 is ValueError for the default tree only; feature_size 0 is AssertionError before Paddle 3.0.0', () => {
    expect(raised(() => new HSigmoidLoss({ feature_size: 4, num_classes: 1 }))).toEqual(['ValueError', 'num_classes must not be less than 2 with default tree']);
    expect(() => new HSigmoidLoss({ feature_size: 4, num_classes: 1, is_custom: true })).not.toThrow();
    expect(() => new HSigmoidLoss({ feature_size: 0, num_classes: 5 })).not.toThrow();
    expect(withPaddleRelease('2.6.2', () => raised(() => new HSigmoidLoss({ feature_size: 0, num_classes: 5 }))[0])).toBe('AssertionError');
    expect(raised(() => new HSigmoidLoss({ feature_size: -1, num_classes: 5 }))[0]).toBe('AssertionError');
  });
});
