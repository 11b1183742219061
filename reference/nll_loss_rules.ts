/**
 * The named rules of paddle.nn.functional.nll_loss and paddle.nn.NLLLoss: what Paddle does beyond
 * the page. The op's own are here; its primitives' are summarised once in reference/kernels/rules.ts
 * and listed through kernelRules().
 */
import { kernelRules } from './kernels/rules.js';

/** Every nll_loss rule, with the one line a failure report prints for it. */
export const NLL_LOSS_RULES = {
  'nll-loss-reduction-checked-first':
    "a reduction other than 'none', 'mean' or 'sum' raises ValueError (… which is not allowed.) before any other check; the layer raises it at construction",
  'nll-loss-nd-through-4d':
    'an input of rank 3 or 5 and more is reshaped to [N, C, 1, -1] and its label to [N, 1, -1] for the 4-D kernel, and a \'none\' loss back to [N, d1, …]: a label of the input\'s rank, or any shape with as many elements per sample, passes; one whose size N does not divide fails in reshape (ValueError)',
  'nll-loss-ignore-index-long':
    'ignore_index must be a Python int: a float (2.0 too), bool, None or str raises TypeError ((InvalidType) … must be long), after the rank checks; before Paddle 3.0.0 ValueError; 2^63 and above SystemError',
  'nll-loss-layer-legacy-arguments':
    "NLLLoss(size_average=…) or reduce=… raise ValueError ([Deprecated] 'NLLLoss' no longer supports 'reduce' or 'size_average'. …); before Paddle 3.3.0 TypeError (unexpected keyword argument)",
  ...kernelRules(
    'nll-loss-mean-divides-by-total-weight', 'nll-loss-label-range-checked', 'nll-loss-int64-labels-only', 'nll-loss-float-kernels-only',
    'nll-loss-shapes-checked-by-infer-meta', 'nll-loss-grad-scatters-negated-weight', 'reshape-zero-size-by-release',
  ),
} as const satisfies Record<string, string>;
