/**
 * The named rules of paddle.nn.functional.binary_cross_entropy_with_logits and paddle.nn.BCEWithLogitsLoss: what Paddle does beyond
 * the page. The op's own are here; its primitives' are summarised once in reference/kernels/rules.ts.
 */
import { kernelRules } from './kernels/rules.js';

/** Every binary_cross_entropy_with_logits rule, with the one line a failure report prints for it. */
export const BINARY_CROSS_ENTROPY_WITH_LOGITS_RULES = {
  'bce-logits-reduction-checked-first':
    "a reduction other than 'none', 'mean' or 'sum' raises ValueError before any dtype or shape check; the layer raises it at construction",
  'bce-logits-layer-legacy-arguments':
    "BCEWithLogitsLoss(size_average=…) or reduce=… raise ValueError ([Deprecated] 'BCEWithLogitsLoss' no longer supports 'reduce' or 'size_average'.); before Paddle 3.3.0 TypeError (unexpected keyword argument)",
  'bce-logits-pos-weight-broadcasts':
    'pos_weight need only broadcast with the label ([1], [], [N, 1] as well as the page\'s vector of C classes): it enters as 1 + y·(w − 1) of the broadcast shape, which must then be the label\'s',
  'bce-logits-weight-mean-over-count':
    "weight multiplies the unreduced loss (multiply: it broadcasts both ways and promotes, a float64 weight gives a float64 loss), and 'mean' then divides by the element count, not by Σ weight",
  ...kernelRules(
    'sigmoid-ce-two-stable-forms', 'sigmoid-ce-ignore-index', 'sigmoid-ce-kernel-dtype-of-last-input', 'sigmoid-ce-shapes-must-equal', 'sigmoid-ce-grad-at-zero',
    'multiply-broadcasts', 'promotion-float-dtypes-widen', 'promotion-refuses-int-with-float',
    'mean-all-grad-divides-by-count', 'mean-all-of-empty-is-nan', 'sum-of-empty-is-zero',
  ),
} as const satisfies Record<string, string>;
