/**
 * The registry against Paddle 3.3.1's loss family, as Paddle lists it: every
 * loss function of `paddle.nn.functional` and every loss layer of `paddle.nn`
 * (the names below were read from Paddle 3.3.1's own modules), each with
 * golden cases, so `list --ops` shows the whole family.
 */
import { describe, expect, it } from 'vitest';
import { bundledGoldenDir, loadGoldens } from './golden.js';
import { familyRows } from './family.js';
import { OPS } from './ops/index.js';

/** `[n for n in dir(paddle.nn.functional) if <a loss>]` in Paddle 3.3.1 (the `loss` submodule aside). */
const FUNCTIONS = [
  'adaptive_log_softmax_with_loss', 'binary_cross_entropy', 'binary_cross_entropy_with_logits', 'cosine_embedding_loss',
  'cross_entropy', 'ctc_loss', 'dice_loss', 'gaussian_nll_loss', 'hinge_embedding_loss', 'hsigmoid_loss', 'kl_div',
  'l1_loss', 'log_loss', 'margin_cross_entropy', 'margin_ranking_loss', 'mse_loss', 'multi_label_margin_loss',
  'multi_label_soft_margin_loss', 'multi_margin_loss', 'nll_loss', 'npair_loss', 'poisson_nll_loss', 'rnnt_loss',
  'sigmoid_focal_loss', 'smooth_l1_loss', 'soft_margin_loss', 'softmax_with_cross_entropy', 'square_error_cost',
  'triplet_margin_loss', 'triplet_margin_with_distance_loss',
];

/** `[n for n in dir(paddle.nn) if n.endswith('Loss')]` in Paddle 3.3.1. */
const LAYERS = [
  'AdaptiveLogSoftmaxWithLoss', 'BCELoss', 'BCEWithLogitsLoss', 'CTCLoss', 'CosineEmbeddingLoss', 'CrossEntropyLoss',
  'GaussianNLLLoss', 'HSigmoidLoss', 'HingeEmbeddingLoss', 'HuberLoss', 'KLDivLoss', 'L1Loss', 'MSELoss',
  'MarginRankingLoss', 'MultiLabelMarginLoss', 'MultiLabelSoftMarginLoss', 'MultiMarginLoss', 'NLLLoss',
  'PoissonNLLLoss', 'RNNTLoss', 'SmoothL1Loss', 'SoftMarginLoss', 'TripletMarginLoss', 'TripletMarginWithDistanceLoss',
];

describe("Paddle 3.3.1's loss family", () => {
  const rows = familyRows(OPS, loadGoldens([bundledGoldenDir()]));

  it('has all 30 functions registered, each with cases', () => {
    expect(FUNCTIONS).toHaveLength(30);
    expect(rows.map((r) => r.functional.replace('paddle.nn.functional.', '')).sort()).toEqual(FUNCTIONS);
    expect(rows.filter((r) => r.functionalCases === 0).map((r) => r.op)).toEqual([]);
  });

  it('has all 24 layers registered, each op with a layer having layer cases', () => {
    expect(LAYERS).toHaveLength(24);
    expect(rows.flatMap((r) => r.layers).map((name) => name.replace('paddle.nn.', '')).sort()).toEqual([...LAYERS].sort());
    expect(rows.filter((r) => r.layers.length > 0 && r.layerCases === 0).map((r) => r.op)).toEqual([]);
  });
});
