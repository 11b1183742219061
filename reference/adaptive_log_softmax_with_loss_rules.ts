/**
 * The named rules of paddle.nn.functional.adaptive_log_softmax_with_loss and paddle.nn.AdaptiveLogSoftmaxWithLoss:
 * what Paddle does beyond the page. The op's own are here; its primitives' are summarised in reference/kernels/rules.ts.
 */
import { kernelRules } from './kernels/rules.js';

/** Every adaptive_log_softmax_with_loss rule, with the one line a failure report prints for it. */
export const ADAPTIVE_LOG_SOFTMAX_WITH_LOSS_RULES = {
  'adaptive-last-cutoff-is-class-count':
    'the functional form takes the class count as the last cutoff (the layer appends n_classes): a label at or past it lies in no bucket and raises ValueError naming label.min() and label.max()',
  'adaptive-single-row-bucket': "before Paddle 3.1.1 a bucket of exactly one row (a batch of one, a 0-D label) squeezes its row indices to 0-D: unsqueeze (the shortlist) or index_select (a cluster) raises ValueError",
  'adaptive-empty-label-passes': 'since Paddle 3.1.1 an empty label passes the batch check whatever the batch: output [0], loss NaN (the mean of nothing); before, ValueError',
  'adaptive-head-width-unchecked': "the head's width is never checked against cutoffs[0] + clusters: extra columns take part in the head's log-softmax",
  'adaptive-backward-from-both-outputs': 'the backward starts from output and loss together: output[r] gets its own upstream plus −g_loss / N through the mean',
  ...kernelRules('matmul-k-left-to-right', 'matmul-outer-product-keeps-sign', 'log-softmax-shift-clipped-at-64', 'log-softmax-eigen-expression'),
} as const satisfies Record<string, string>;
