/**
 * The named rules of paddle.nn.functional.soft_margin_loss and
 * paddle.nn.SoftMarginLoss: what Paddle 3.3.1 does beyond the page. The
 * `soft-margin-` ones are the op's own (its checks and the formula as
 * written, soft_margin_loss.ts); the others are its primitives'
 * (reference/kernels/rules.ts), summarised there once.
 */
import { kernelRules } from './kernels/rules.js';

/** Every soft_margin_loss rule, with the one line a failure report prints for it. */
export const SOFT_MARGIN_LOSS_RULES = {
  'soft-margin-reduction-checked-first':
    "a bad reduction raises ValueError (The value of 'reduction' in soft_margin_loss should be …, which is not allowed.) before any other check; the layer raises it at construction, naming SoftMarginLoss",
  'soft-margin-non-tensor-attribute-error':
    "a non-tensor input or label raises AttributeError ('list' object has no attribute 'shape'), input first",
  'soft-margin-shapes-must-equal':
    "input and label shapes must be equal, no broadcasting: otherwise ValueError (input's shape must equal to label's shape)",
  'soft-margin-label-cast-to-input-dtype':
    "the label is cast to the input's dtype first (float64 to float32, bool to 0/1, a float to an integer input's dtype); any label value scales, not only ±1",
  'soft-margin-exp-overflows-to-inf':
    'log(1 + exp(z)) as written: where exp(z) overflows (z > 88.72 float32, > 709.78 float64) the loss is inf and the gradient NaN',
  'soft-margin-one-plus-exp-absorbs-small':
    'where exp(z) is at most half an ulp of 1, 1 + exp(z) rounds to 1 and the loss is exactly 0 (not exp(z))',
  'soft-margin-grad-chain-rounded':
    "the gradient is the chain of the primitives' backwards, ((g × (1 / (1 + e))) × e) × (-label), each step rounded; NaN where exp overflows",
  'soft-margin-layer-legacy-arguments':
    "SoftMarginLoss(True), a bool name, size_average= or reduce= raise ValueError ([Deprecated] 'SoftMarginLoss' no longer supports 'reduce' or 'size_average'. …); before Paddle 3.3.0 the keywords are TypeError (unexpected keyword argument) and a positional bool is the reduction or the name",
  ...kernelRules(
    'cast-to-integer-truncates',
    'scale-adds-zero-bias', 'scale-grad-adds-zero',
    'multiply-no-float16-kernel', 'multiply-grad-is-upstream-times-other',
    'exp-packet-and-tail', 'exp-no-bfloat16-or-bool-kernel', 'exp-of-integers-in-float32',
    'mean-grad-divides-by-count', 'mean-of-empty-is-nan', 'sum-of-empty-is-zero',
  ),
} as const satisfies Record<string, string>;

/** A soft_margin_loss rule name. */
export type SoftMarginLossRule = keyof typeof SOFT_MARGIN_LOSS_RULES;

/** Every soft_margin_loss rule name, sorted. */
export const SOFT_MARGIN_LOSS_RULE_NAMES = Object.keys(SOFT_MARGIN_LOSS_RULES).sort() as readonly SoftMarginLossRule[];
