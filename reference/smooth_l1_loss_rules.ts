/**
 * The named rules of paddle.nn.functional.smooth_l1_loss and
 * paddle.nn.SmoothL1Loss (alias paddle.nn.HuberLoss): four of the op's own, the others its primitives'
 * (reference/kernels/rules.ts).
 */
import { kernelRules } from './kernels/rules.js';

/** Every smooth_l1_loss rule, with the one line a failure report prints for it. */
export const SMOOTH_L1_LOSS_RULES = {
  'smooth-l1-reduction-checked-last':
    "the reduction is checked after huber_loss runs: a bad reduction with a float16 input raises the kernel's RuntimeError, and the layer raises it at the call, not at construction",
  'smooth-l1-layer-legacy-arguments':
    "SmoothL1Loss(size_average=…) or reduce=… raise ValueError ([Deprecated] 'SmoothL1Loss' no longer supports 'reduce' or 'size_average'.); before Paddle 3.3.0 TypeError (unexpected keyword argument)",
  'smooth-l1-is-huber':
    'is_huber=False (not on the page) divides the Huber loss by delta, as PyTorch\'s smooth_l1_loss with beta = delta; before Paddle 3.1.0 is_huber raises TypeError (unexpected keyword argument)',
  'smooth-l1-huber-loss-alias':
    'paddle.nn.HuberLoss is paddle.nn.SmoothL1Loss, the same class (is_huber and the legacy arguments included), not PyTorch\'s HuberLoss; before Paddle 3.3.0 it is an AttributeError',
  ...kernelRules(
    'huber-loss-float-kernels-only', 'huber-loss-shapes-must-equal', 'huber-loss-delta-unchecked',
    'huber-loss-nan-residual', 'huber-loss-input-grad-negated-factor',
    'mean-grad-divides-by-count', 'mean-of-empty-is-nan', 'sum-of-empty-is-zero',
  ),
} as const satisfies Record<string, string>;

/** A smooth_l1_loss rule name. */
export type SmoothL1LossRule = keyof typeof SMOOTH_L1_LOSS_RULES;
