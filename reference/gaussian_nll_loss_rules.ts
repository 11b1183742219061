/**
 * The named rules of paddle.nn.functional.gaussian_nll_loss and paddle.nn.GaussianNLLLoss: what Paddle does beyond
 * the page. The op's own are here; its primitives' are summarised once in reference/kernels/rules.ts and listed
 * through kernelRules() as the transcription calls them.
 */
import { kernelRules } from './kernels/rules.js';

/** Every gaussian_nll_loss rule, with the one line a failure report prints for it. */
export const GAUSSIAN_NLL_LOSS_RULES = {
  'gaussian-nll-variance-shapes':
    "variance takes input's shape, input's without its last dimension (unsqueezed: a 0-D variance against a 1-D input) or with a last dimension of 1 (a [1] variance makes a 0-D input's loss [1]); any other shape, one that would broadcast included, is ValueError (variance is of incorrect shape), checked first",
  'gaussian-nll-reduction-checked-second':
    "a bad reduction raises ValueError (<reduction> is not valid) after variance's shape and before any dtype check; one that is not a str raises TypeError (unsupported operand type(s) for +); the layer raises at construction, its own message",
  'gaussian-nll-float-operands-only':
    "input, label and variance are checked in that order by the Python source: int32, int64, float16, bfloat16 and bool raise ValueError (The data type of input Variable must be 'float32' or 'float64'), before any kernel",
  'gaussian-nll-negative-variance-raises':
    'a variance element below 0 (-inf included) raises ValueError (variance has negative entry/entries); -0 and NaN pass, NaN giving NaN',
  'gaussian-nll-epsilon-is-clip-min':
    "epsilon is only paddle.clip's min, rounded to the dtype and unchecked: 0, a negative epsilon or None leave a zero variance (NaN or inf), 1e-50 is 0 in float32, a str is read by C++, and above the dtype's range (1e39 in float32, inf, NaN) it is clip's ValueError",
  'gaussian-nll-variance-gets-no-gradient':
    "variance's gradient is None, although the page says the clamp leaves the gradients unaffected: the clip runs under paddle.no_grad() and replaces variance",
  'gaussian-nll-full-is-truthy': "full is Python's `if full:` (1, 'x' and 2.5 add the constant; 0, None and '' do not); the constant ½ log(2π) is scale's bias, rounded to the loss's dtype",
  'gaussian-nll-layer-no-legacy-arguments':
    "GaussianNLLLoss(size_average=…) or reduce=… raise TypeError (unexpected keyword argument) in every release, where 18 other layers raise the [Deprecated] ValueError since Paddle 3.3.0",
  ...kernelRules(
    'subtract-broadcasts', 'subtract-grad-negates', 'square-keeps-nan-sign', 'promotion-float-dtypes-widen', 'divide-operator-casts-before-3-0-0',
    'clip-keeps-nan', 'clip-caps-at-dtype-max', 'any-of-empty-raises-before-3-0-0',
    'scale-grad-adds-zero', 'scale-attributes-in-dtype',
    'mean-grad-divides-by-count', 'mean-of-empty-is-nan', 'sum-of-empty-is-zero',
  ),
} as const satisfies Record<string, string>;
