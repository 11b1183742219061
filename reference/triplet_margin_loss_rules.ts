/**
 * The named rules of paddle.nn.functional.triplet_margin_loss and paddle.nn.TripletMarginLoss: what Paddle
 * does beyond the page. The op's own are here; its primitives' are summarised once in reference/kernels/rules.ts.
 */
import { kernelRules } from './kernels/rules.js';

/** The primitives both triplet losses call, with their rules. */
export const TRIPLET_KERNEL_RULES = kernelRules(
  'subtract-no-float16-or-bool-kernel', 'promotion-refuses-int-with-float', 'add-no-float16-or-bfloat16-kernel',
  'p-norm-float-kernels-only', 'p-norm-pow-in-packets', 'p-norm-empty-rows-are-zero', 'p-norm-grad-nan-at-zero-norm',
  'p-norm-powers-unscaled', 'minimum-nan-and-ties', 'scale-attributes-in-dtype', 'clip-keeps-nan', 'clip-caps-at-dtype-max', 'clip-grad-passes-at-bounds', 'mean-grad-divides-by-count',
  'mean-of-empty-is-nan', 'sum-of-empty-is-zero',
);

/** The rules both triplet losses' sources share (reference/triplet_margin_loss.ts). */
export const TRIPLET_SHARED_RULES = {
  'triplet-checks-in-source-order':
    "the reduction (ValueError: 'reduction' in '<api>' should be …), then margin < 0 (ValueError; None or a str TypeError from <), then input, positive and negative of one shape (ValueError, two spaces before 'negative' before Paddle 3.2.0), then the kernels' errors",
  'triplet-distance-along-last-axis':
    "the distance is p_norm along the last axis whatever the rank, not over each sample's [*]: a [2, 3, 4] input gives a [2, 3] loss, a 1-D [D] input one 0-D loss (a single sample), a 0-D input (with epsilon's [1] tensor) a 0-D loss",
} as const;

/** Every triplet_margin_loss rule, with the one line a failure report prints for it. */
export const TRIPLET_MARGIN_LOSS_RULES = {
  ...TRIPLET_SHARED_RULES,
  'triplet-layer-legacy-arguments':
    "TripletMarginLoss(size_average=…) or reduce=… raise ValueError ([Deprecated] 'TripletMarginLoss' no longer supports 'reduce' or 'size_average'.); before Paddle 3.3.0 TypeError (unexpected keyword argument)",
  ...TRIPLET_KERNEL_RULES,
  ...kernelRules('p-norm-order-in-float32', 'p-norm-inf-nan-by-position', 'p-norm-grad-inf-ties'),
} as const satisfies Record<string, string>;
