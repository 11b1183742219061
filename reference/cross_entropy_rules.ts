/**
 * The named rules of paddle.nn.functional.cross_entropy and paddle.nn.CrossEntropyLoss: what Paddle does beyond
 * the page. The op's own are here; its primitives' are summarised once in reference/kernels/rules.ts.
 */
import { kernelRules } from './kernels/rules.js';

/** Every cross_entropy rule, with the one line a failure report prints for it. */
export const CROSS_ENTROPY_RULES = {
  'cross-entropy-mean-counts-ignored-below-zero':
    "'mean' leaves the ignored labels out of its divisor only when ignore_index >= 0: with the default -100 a label -100 gives loss 0 and still counts in N; before Paddle 3.0.0 whenever a label equals ignore_index",
  'cross-entropy-label-smoothing-smooths-every-label':
    'label_smoothing one-hots hard labels over input.shape[-1] (the last axis, whatever axis says) and smooths every label, one equal to a non-negative ignore_index too; -100 is refused by one_hot (ValueError)',
  'cross-entropy-soft-mean-counts-entries': "soft or smoothed labels with ignore_index >= 0: 'mean' divides by the count of label entries != ignore_index (N·C), not by N",
  'cross-entropy-weight-dtype-wins': "with a weight the loss is cast to the dtype of weight[label] times the input-dtype mask: a float64 weight makes a float32 input's loss float64 (a float32 weight leaves a float64 loss float64)",
  'cross-entropy-layer-legacy-arguments':
    "CrossEntropyLoss(size_average=…) or reduce=… raise ValueError ([Deprecated] 'CrossEntropyLoss' no longer supports 'reduce' or 'size_average'.); before Paddle 3.3.0 TypeError (unexpected keyword argument)",
  'cross-entropy-argument-types':
    'ignore_index > 0 and label_smoothing > 0.0 are Python comparisons (None, str: TypeError), axis goes to unsqueeze (ValueError out of range), then the kernel takes soft_label and use_softmax as bool or None (None as False), ignore_index and axis as an int32 (bool, float: TypeError; beyond int32: IndexError)',
  ...kernelRules(
    'softmax-shift-clipped-at-64', 'softmax-avx-rows', 'softmax-eigen-columns', 'cross-entropy-hard-label-log-clamped',
    'cross-entropy-label-out-of-range', 'cross-entropy-soft-label-dtype', 'cross-entropy-float-kernels-only', 'cross-entropy-hard-label-grad-integer-only',
    'one-hot-index-checked-in-order', 'label-smooth-float32-epsilon',
  ),
} as const satisfies Record<string, string>;
