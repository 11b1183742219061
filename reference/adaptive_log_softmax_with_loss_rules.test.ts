/**
 * One describe block per rule of adaptive_log_softmax_with_loss (reference/adaptive_log_softmax_with_loss_rules.ts)
 * that is its own or its matmul and log_softmax primitives'. Expected values are Paddle 3.3.1's literal results,
 * each probe stated beside its values.
 */
import { describe, expect, it } from 'vitest';
import { AdaptiveLogSoftmaxWithLoss, adaptiveLogSoftmaxWithLoss, adaptiveLogSoftmaxWithLossGrad, type AdaptiveLogSoftmaxTensors } from './adaptive_log_softmax_with_loss.js';
import { logSoftmaxRows } from './kernels/log_softmax.js';
import { matmulValues } from './kernels/matmul.js';
import { withPaddleRelease } from './release.js';
import { tensor } from './tensor.js';
import { raised, values } from './test_support.js';

/** Two rows of 2 features, a head of 3 columns (shortlist 2 + one cluster), one cluster [2, 4) with a hidden size of 1. */
function probe(labels: number[], rows = labels.length): AdaptiveLogSoftmaxTensors {
  return {
    input: tensor(Array.from({ length: rows }, (_, r) => [1 + r, -1])),
    label: tensor(labels, { dtype: 'int64' }),
    head_weight: tensor([[1, 0, 0.5], [0, 1, 0.5]]),
    tail_weights: [[tensor([[1], [0]]), tensor([[1, -1]])]],
  };
}

describe('Rule `adaptive-last-cutoff-is-class-count`', () => {
  it('a label at the last cutoff, or negative, is in no bucket (Paddle: ValueError naming min and max)', () => {
    expect(raised(() => adaptiveLogSoftmaxWithLoss(probe([0, 4]), [2, 4]))).toEqual(['ValueError', 'label values should be in [0, n_classes - 1], but values in range [0, 4] were found. ']);
    expect(raised(() => adaptiveLogSoftmaxWithLoss(probe([-1, 3]), [2, 4]))[0]).toBe('ValueError');
  });
});

describe('Rule `adaptive-single-row-bucket`', () => {
  it('a cluster of one row computes since Paddle 3.1.1, and raises ValueError before', () => {
    expect(adaptiveLogSoftmaxWithLoss(probe([0, 3]), [2, 4])[0].shape).toEqual([2]);
    expect(withPaddleRelease('3.1.0', () => raised(() => adaptiveLogSoftmaxWithLoss(probe([0, 3]), [2, 4]))[0])).toBe('ValueError');
    // A batch of one in the shortlist: unsqueeze(1) of the 0-D row indices.
    expect(withPaddleRelease('3.0.0', () => raised(() => adaptiveLogSoftmaxWithLoss(probe([0]), [2, 4])))).toEqual(['ValueError', '(InvalidArgument) The insert dimension value should not be larger than the dimension size of input tensor']);
  });
});

describe('Rule `adaptive-head-width-unchecked`', () => {
  it('a head wider than cutoffs[0] + clusters computes, its extra column in the log-softmax', () => {
    const t = { ...probe([0, 1]), head_weight: tensor([[0, 0, 0, 0], [0, 0, 0, 0]]) };
    // log(1/4) in float32: every column of a zero head weighs the same.
    expect(values(adaptiveLogSoftmaxWithLoss(t, [2, 4])[0])).toEqual([Math.fround(Math.log(0.25)), Math.fround(Math.log(0.25))]);
  });
});

describe('a one-class cluster', () => {
  it("a one-class cluster's log-probability 0 leaves the head's term alone", () => {
    const t = { ...probe([2, 0]), tail_weights: [[tensor([[1], [0]]), tensor([[1]])]] };
    const [output] = adaptiveLogSoftmaxWithLoss(t, [2, 3]);
    expect(values(output)[0]).toBe(values(logSoftmaxRows(matmulValues(t.input, t.head_weight)))[2]);
  });
});

describe('Rule `adaptive-empty-label-passes`', () => {
  it('an empty label with a batch of 2: output [0] and a NaN loss since Paddle 3.1.1, ValueError before', () => {
    const t = { ...probe([], 2) };
    const [output, loss] = adaptiveLogSoftmaxWithLoss(t, [2, 4]);
    expect([output.shape, Number.isNaN(values(loss)[0])]).toEqual([[0], true]);
    expect(withPaddleRelease('3.1.0', () => raised(() => adaptiveLogSoftmaxWithLoss(t, [2, 4]))[0])).toBe('ValueError');
  });
});

describe('Rule `adaptive-backward-from-both-outputs`', () => {
  it("output's gradient gets its upstream plus −g_loss / N: upstream [1, 1] and 2 give the head's −(1 − 2/2)·… = 0", () => {
    const t = probe([0, 1]);
    const g = adaptiveLogSoftmaxWithLossGrad(t, [2, 4], ['head_bias', 'input'], [tensor([1, 1]), tensor(2)]);
    expect(values(g.input!).every((v) => v === 0)).toBe(true);
  });
});

describe('Rule `matmul-k-left-to-right`', () => {
  it('sums left to right from +0 without a fused multiply-add: 2^24 + 1 − 2^24 is 0, not 1', () => {
    expect(values(matmulValues(tensor([[2 ** 24, 1, -(2 ** 24)]]), tensor([[1], [1], [1]])))).toEqual([0]);
  });
});

describe('Rule `matmul-outer-product-keeps-sign`', () => {
  it('[[−0], [−0]] · [[1, 1]] is −0 everywhere; [[−0]] · [[1, 1]] is +0', () => {
    expect(values(matmulValues(tensor([[-0], [-0]]), tensor([[1, 1]]))).map((v) => Object.is(v, -0))).toEqual([true, true, true, true]);
    expect(values(matmulValues(tensor([[-0]]), tensor([[1, 1]]))).map((v) => Object.is(v, -0))).toEqual([false, false]);
  });
});

describe('Rule `log-softmax-shift-clipped-at-64`', () => {
  it('logits [0, 150]: the first class gets −64 − log(1 + e^−64) = −64, not −150', () => {
    expect(values(logSoftmaxRows(tensor([[0, 150]])))).toEqual([-64, 0]);
  });
});

describe('Rule `log-softmax-eigen-expression`', () => {
  it('[0, 0]: log(1/2) in float32, each class', () => {
    expect(values(logSoftmaxRows(tensor([[0, 0]])))).toEqual([Math.fround(-Math.LN2), Math.fround(-Math.LN2)]);
  });
});

describe("the layer's constructor", () => {
  it('refuses unsorted cutoffs (ValueError)', () => {
    expect(raised(() => new AdaptiveLogSoftmaxWithLoss({ in_features: 4, n_classes: 10, cutoffs: [5, 2] }))[0]).toBe('ValueError');
  });
});
