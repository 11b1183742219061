/**
 * The named rules of paddle.nn.functional.multi_label_soft_margin_loss and paddle.nn.MultiLabelSoftMarginLoss: what Paddle does beyond
 * the page. The op's own are here; its primitives' are summarised once in reference/kernels/rules.ts and listed
 * through kernelRules() as the transcription calls them.
 */
import { kernelRules } from './kernels/rules.js';

/** Every multi_label_soft_margin_loss rule, with the one line a failure report prints for it. */
export const MULTI_LABEL_SOFT_MARGIN_LOSS_RULES = {
  'multi-label-soft-margin-reduction-checked-first':
    "a reduction other than 'none', 'mean' or 'sum' raises ValueError before any dtype or shape check; the layer raises it at construction, naming 'MultiLabelSoftMarginloss'",
  'multi-label-soft-margin-shapes-must-equal':
    'input.shape == label.shape is a comparison of Python lists: no broadcasting ([2, 3] against [1, 3] is ValueError), before any kernel; a non-tensor operand is AttributeError',
  'multi-label-soft-margin-layer-legacy-arguments':
    "MultiLabelSoftMarginLoss(size_average=…) or reduce=… raise ValueError ([Deprecated] … no longer supports 'reduce' or 'size_average'.); before Paddle 3.3.0 TypeError (unexpected keyword argument)",
  ...kernelRules(
    'logsigmoid-packet-and-tail', 'logsigmoid-float-kernels-only', 'mean-along-last-axis-sum-then-divide', 'multiply-operator-casts-other-before-3-0-0',
    'multiply-broadcasts', 'multiply-grad-is-upstream-times-other', 'promotion-float-dtypes-widen', 'promotion-refuses-int-with-float',
    'scale-adds-zero-bias', 'scale-grad-adds-zero', 'mean-grad-divides-by-count', 'mean-of-empty-is-nan', 'sum-of-empty-is-zero',
  ),
} as const satisfies Record<string, string>;
