/**
 * The named rules of paddle.nn.functional.poisson_nll_loss and paddle.nn.PoissonNLLLoss: what Paddle does beyond
 * the page. The op's own are here (each marked where it acts in poisson_nll_loss.ts); its primitives' are summarised
 * once in reference/kernels/rules.ts.
 */
import { kernelRules } from './kernels/rules.js';

/** Every poisson_nll_loss rule, with the one line a failure report prints for it. */
export const POISSON_NLL_LOSS_RULES = {
  'poisson-nll-epsilon-checked-first':
    "epsilon <= 0 raises ValueError (received {epsilon:f}; 'positve' before Paddle 3.0.0) before the reduction is checked; a NaN epsilon passes",
  'poisson-nll-reduction-checked-first':
    "a reduction other than 'none', 'mean' or 'sum' raises ValueError before any dtype or shape check; the layer raises it at construction",
  'poisson-nll-dtypes-unchecked':
    "the page's dtype list is not enforced in eager mode: integer operands reach the kernels (and their promotion errors)",
  'poisson-nll-shapes-must-equal': "input and label must have the same shape, no broadcasting: ValueError (input's shape must equal to label's shape)",
  'poisson-nll-legacy-label-cast':
    "before Paddle 3.0.0 label is cast to input's dtype first; from 3.0.0 the products promote (a float64 label makes a float64 loss)",
  'poisson-nll-flags-truthy': 'log_input and full are Python truth tests: 0, None and the empty string are False, any other value True',
  'poisson-nll-epsilon-added-in-dtype': 'input + epsilon is scale(input, 1, epsilon): epsilon is rounded to the dtype and can be absorbed',
  'poisson-nll-stirling-masked-not-skipped':
    "full's Stirling term is computed everywhere and masked by where(label > 1): a label <= 0 gives label's gradient NaN (0 × log(label)), an infinite label a NaN loss",
  'poisson-nll-layer-legacy-arguments':
    "PoissonNLLLoss(size_average=…) or reduce=… raise ValueError ([Deprecated] …) since Paddle 3.3.0; before, TypeError (unexpected keyword argument)",
  ...kernelRules(
    'exp-packet-and-tail', 'exp-no-bfloat16-or-bool-kernel', 'exp-grad-no-float16-kernel',
    'log-of-negative-nan-sign', 'log-grad-no-float16-kernel',
    'multiply-no-float16-kernel', 'subtract-grad-negates', 'subtract-operator-legacy-cast',
    'promotion-refuses-int-with-float',
    'mean-grad-divides-by-count', 'mean-of-empty-is-nan', 'sum-of-empty-is-zero',
  ),
} as const satisfies Record<string, string>;
