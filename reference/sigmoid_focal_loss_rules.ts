/**
 * The named rules of paddle.nn.functional.sigmoid_focal_loss (functional only): what Paddle does beyond
 * the page. The op's own are here; its primitives' are summarised once in reference/kernels/rules.ts and listed
 * through kernelRules() as the transcription calls them.
 */
import { kernelRules } from './kernels/rules.js';

/** Every sigmoid_focal_loss rule, with the one line a failure report prints for it. */
export const SIGMOID_FOCAL_LOSS_RULES = {
  'sigmoid-focal-reduction-checked-first':
    "a reduction other than 'none', 'mean' or 'sum' raises ValueError (The value of 'reduction' in sigmoid_focal_loss should be …) before any other check",
  'sigmoid-focal-1-d-logit-refused':
    "a 1-D logit ([0], [1], [8], any dtype) raises ValueError (Each value of attribute 'shape' is expected to be no less than 0 … shape = [-1]): full(paddle.shape(logit)) reads the one-element shape tensor as [-1]; 0-D and 2-D or more work",
  'sigmoid-focal-normalizer-any-dtype-and-shape':
    "only the normalizer's rank is checked (more than one dimension: ValueError); any dtype and any 1-D shape that broadcasts with the loss divides it before the reduction ([C] against [N, C]; a 0-D int or float64 takes the loss's dtype, a [1] float64 makes it float64, a [1] int32 is TypeError)",
  'sigmoid-focal-alpha-gamma-to-tensor':
    "alpha and gamma are paddle.to_tensor(v, dtype=the loss's dtype), unchecked: alpha −1 or 2 and gamma < 0 compute, 1e39 is inf in float32, True is 1, None or a str raise TypeError (Can't constructs a 'paddle.Tensor' …), alpha before gamma",
  'sigmoid-focal-label-gets-gradient':
    "the label gets a gradient through p_t and alpha_t (multiply, subtract), not through the cross entropy kernel: (pred − (1 − pred))·(−gamma·(1 − p_t)^(gamma−1))·alpha_t·CE + (alpha − (1 − alpha))·(1 − p_t)^gamma·CE, in the engine's order",
  ...kernelRules(
    'sigmoid-ce-two-stable-forms', 'sigmoid-ce-ignore-index', 'sigmoid-ce-kernel-dtype-of-last-input', 'sigmoid-ce-shapes-must-equal', 'sigmoid-ce-grad-at-zero',
    'sigmoid-nan-sign-by-position', 'pow-is-libm-pow',
    'promotion-float-dtypes-widen', 'promotion-refuses-int-with-float',
    'mean-all-grad-divides-by-count', 'mean-all-of-empty-is-nan', 'sum-of-empty-is-zero',
  ),
} as const satisfies Record<string, string>;
