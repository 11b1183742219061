/**
 * The named rules of paddle.nn.functional.margin_cross_entropy (functional only): what Paddle's CPU does beyond
 * the page, which is to raise. Its kernel's rules are summarised in reference/kernels/rules.ts.
 */
import { kernelRules } from './kernels/rules.js';

/** Every margin_cross_entropy rule, with the one line a failure report prints for it. */
export const MARGIN_CROSS_ENTROPY_RULES = {
  'margin-ce-python-checks':
    "the source checks, in order: reduction in 'mean', 'sum', 'none', None (AssertionError with no message), group False, None or a Group (ValueError), since Paddle 3.1.1 logits.shape[-1] > 0 (ValueError; 0-D logits IndexError), the label's rank the logits' or one less (ValueError)",
  'margin-ce-argument-types':
    'float16 logits are cast to float32; return_softmax must be a bool (None is taken) and the margins and scale doubles (an int or bool is taken), in argument order: TypeError, ValueError before Paddle 3.0.0',
  ...kernelRules('margin-ce-kernel-chosen-then-shapes', 'margin-ce-cpu-kernel-unavailable'),
} as const satisfies Record<string, string>;
