/**
 * The named rules of paddle.nn.functional.l1_loss and paddle.nn.L1Loss: what
 * Paddle 3.3.1 does beyond the page. Two are the op's own; the others are
 * its primitives' (reference/kernels/rules.ts), summarised there once.
 */
import { kernelRules } from './kernels/rules.js';

/** Every l1_loss rule, with the one line a failure report prints for it. */
export const L1_LOSS_RULES = {
  'l1-reduction-checked-first':
    "a reduction other than 'none', 'mean' or 'sum' raises ValueError (The value of 'reduction' in L1Loss should be …, which is not allowed.) before any dtype or shape check; the layer raises it at construction",
  'l1-layer-legacy-arguments':
    "L1Loss(size_average=…) or reduce=… raise ValueError ([Deprecated] 'L1Loss' no longer supports 'reduce' or 'size_average'.); before Paddle 3.3.0 TypeError (unexpected keyword argument)",
  ...kernelRules(
    'subtract-broadcasts', 'subtract-no-float16-or-bool-kernel', 'subtract-grad-negates',
    'abs-no-bfloat16-kernel', 'abs-clears-nan-sign', 'abs-grad-zero-at-zero', 'abs-grad-of-nan-is-nan',
    'mean-all-no-integer-kernel', 'mean-all-grad-divides-by-count', 'mean-all-of-empty-is-nan',
    'sum-of-integers-is-int64', 'sum-of-empty-is-zero',
  ),
} as const satisfies Record<string, string>;

/** An l1_loss rule name. */
export type L1LossRule = keyof typeof L1_LOSS_RULES;
