/**
 * The named rules of paddle.nn.functional.multi_margin_loss and paddle.nn.MultiMarginLoss: what Paddle does beyond
 * the page. The op's own are here; its primitives' are summarised once in reference/kernels/rules.ts.
 */
import { kernelRules } from './kernels/rules.js';

/** Every multi_margin_loss rule, with the one line a failure report prints for it. */
export const MULTI_MARGIN_LOSS_RULES = {
  'multi-margin-reduction-checked-first':
    "a reduction other than 'none', 'mean' or 'sum' raises ValueError before any other check; the layer raises it at construction",
  'multi-margin-own-class-subtracted':
    'the class mean runs over every j, j = y included (max(0, (margin − x[y]) + x[y])^p), then margin**p / C is subtracted as a float32 tensor (fround(fround(margin^p) / C)): a float64 loss is off by that rounding (−9.9e-9 for a zero loss), a negative margin gives −margin^p / C, not 0, for a row with no violation',
  'multi-margin-weight-outside-power':
    'the weight multiplies the power, w[y] · max(0, ·)^p, and w[y] · margin^p / C is subtracted (the page: max(0, w[y] · (·))^p); before Paddle 3.1.1 it was inside the clip and the subtracted [N, 1] term made the loss [N, N]',
  'multi-margin-label-column':
    "label.shape[0] must equal input.shape[0] (ValueError), then the label is reshaped to [N·k, 1] ([N, 1] works, [N, 2] is index_sample's ValueError); a 0-D input or label is IndexError; the weight's shape[0] must be C (ValueError), checked after the labels",
  'multi-margin-p-unchecked':
    'p reaches paddle.pow and Python\'s margin ** p unchecked: 0, 3, 0.5 and −1 compute (−1: inf for a zero term), None or a str raise TypeError (AttributeError before Paddle 3.0.0); margin 0 with p < 0 is ZeroDivisionError, an overflowing margin ** p OverflowError',
  'multi-margin-layer-legacy-arguments':
    "MultiMarginLoss(size_average=…) or reduce=… raise ValueError ([Deprecated] …); before Paddle 3.3.0 TypeError (unexpected keyword argument)",
  'index-sample-range-checked':
    'a class index below 0 or at least C raises ValueError in index_sample (the first in row-major order): no wrap of −1 to the last class; index dtypes other than int32 and int64 raise ValueError; float16, bfloat16 and bool input RuntimeError (NotFound)',
  'index-sample-grad-from-zero': "index_sample's and gather's gradients add the upstream into zeros: a −0 upstream gives +0",
  ...kernelRules(
    'clip-keeps-nan', 'clip-grad-passes-at-bounds', 'pow-is-libm-pow', 'mean-along-last-axis-sum-then-divide', 'promotion-float-dtypes-widen',
    'promotion-refuses-int-with-float', 'scale-attributes-in-dtype', 'mean-of-empty-is-nan', 'sum-of-empty-is-zero',
  ),
} as const satisfies Record<string, string>;
