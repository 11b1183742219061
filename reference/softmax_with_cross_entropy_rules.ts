/**
 * The named rules of paddle.nn.functional.softmax_with_cross_entropy: what Paddle does beyond the page. The
 * op's own are here; its primitives' are summarised once in reference/kernels/rules.ts.
 */
import { kernelRules } from './kernels/rules.js';

/** Every softmax_with_cross_entropy rule, with the one line a failure report prints for it. */
export const SOFTMAX_WITH_CROSS_ENTROPY_RULES = {
  'softmax-with-cross-entropy-label-reshaped':
    'a label of one dimension less is reshaped to [label.shape[0], logits.shape[1]], not unsqueezed at axis: [N, 1] logits take an [N] label, [N, C] logits (C > 1) refuse it (ValueError), a 0-D label is IndexError; before Paddle 3.0.0 unsqueeze(label, axis)',
  'softmax-with-cross-entropy-no-label-checks':
    "no Python check meets soft_label with ignore_index (a soft label ignores it); numeric_stable_mode reaches only the kernel's argument parser (bool or None, else TypeError) and changes nothing on the CPU",
  'softmax-with-cross-entropy-return-softmax-truthy': "return_softmax is Python truthiness: 1 or 'a' return (loss, softmax), None or 0 the loss alone",
  'softmax-with-cross-entropy-softmax-grad-ignored':
    "the backward is the loss's alone: the softmax output's upstream gradient adds nothing (through the softmax alone Paddle 3.3.1 crashes with SIGSEGV: undefined, never asked)",
  ...kernelRules(
    'softmax-shift-clipped-at-64', 'softmax-avx-rows', 'softmax-eigen-columns', 'cross-entropy-hard-label-log-clamped',
    'cross-entropy-label-out-of-range', 'cross-entropy-soft-label-dtype', 'cross-entropy-float-kernels-only', 'cross-entropy-hard-label-grad-integer-only',
  ),
} as const satisfies Record<string, string>;
