/**
 * The named rules of paddle.nn.functional.kl_div and paddle.nn.KLDivLoss: what Paddle does beyond
 * the page. The op's own are here; its primitives' are summarised once in reference/kernels/rules.ts and listed
 * through kernelRules() as the transcription calls them.
 */
import { kernelRules } from './kernels/rules.js';

/** Every kl_div rule, with the one line a failure report prints for it. */
export const KL_DIV_RULES = {
  'kl-div-reduction-unchecked':
    "nothing checks the reduction: any value but 'mean', 'sum' and 'batchmean' ('MEAN', None, '') returns the unreduced loss, in both forms; the page's ValueError never comes",
  'kl-div-float32-float64-widen': 'a float32 and a float64 operand meet in float64 (the Python source casts); any other pair goes to the kernel as it is',
  'kl-div-log-target':
    'log_target takes True, False or None (as False); an int or str is TypeError (must be bool); before Paddle 3.0.0 no log_target at all (TypeError, also in the layer)',
  'kl-div-layer-legacy-arguments':
    "KLDivLoss(size_average=…) or reduce=… raise ValueError ([Deprecated] 'KLDivLoss' no longer supports 'reduce' or 'size_average'.); before Paddle 3.3.0 TypeError (unexpected keyword argument)",
  ...kernelRules(
    'kldiv-loss-label-not-positive-is-zero', 'kldiv-loss-float-kernels-only', 'kldiv-loss-shapes-must-equal', 'kldiv-loss-grad-negated-factor',
    'kldiv-loss-libm-exp-and-log', 'tensor-div-int-is-scale-before-3-3-1',
    'mean-grad-divides-by-count', 'mean-of-empty-is-nan', 'sum-of-empty-is-zero',
  ),
} as const satisfies Record<string, string>;
