/**
 * The named rules of paddle.nn.functional.binary_cross_entropy and paddle.nn.BCELoss: what Paddle does beyond
 * the page. The op's own are here; its primitives' are summarised once in reference/kernels/rules.ts and listed
 * through kernelRules() as the transcription calls them.
 */
import { kernelRules } from './kernels/rules.js';

/** Every binary_cross_entropy rule, with the one line a failure report prints for it. */
export const BINARY_CROSS_ENTROPY_RULES = {
  'binary-cross-entropy-reduction-checked-first':
    "a reduction other than 'none', 'mean' or 'sum' raises ValueError before any dtype, shape or domain check; the layer raises it at construction",
  'binary-cross-entropy-layer-legacy-arguments':
    "BCELoss(size_average=…) or reduce=… raise ValueError ([Deprecated] 'BCELoss' no longer supports 'reduce' or 'size_average'.); before Paddle 3.3.0 TypeError (unexpected keyword argument)",
  'binary-cross-entropy-weight-before-reduction':
    "weight multiplies the unreduced loss (multiply: it need only broadcast, may widen the result, promotes, gets a gradient); 'mean' then divides by the element count, not by the sum of the weights",
  ...kernelRules(
    'bce-loss-log-clamped-at-minus-100', 'bce-loss-input-in-unit-interval', 'bce-loss-float-kernels-only', 'bce-loss-shapes-must-equal',
    'bce-loss-grad-denominator-floor', 'multiply-broadcasts', 'multiply-grad-is-upstream-times-other', 'promotion-float-dtypes-widen',
    'promotion-refuses-int-with-float', 'broadcast-grad-summed-in-order', 'mean-all-grad-divides-by-count', 'mean-all-of-empty-is-nan',
    'sum-of-empty-is-zero',
  ),
} as const satisfies Record<string, string>;
