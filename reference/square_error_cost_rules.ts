/**
 * The named rules of paddle.nn.functional.square_error_cost (functional only): one of the op's own, the
 * others its primitives' (reference/kernels/rules.ts).
 */
import { kernelRules } from './kernels/rules.js';

/** Every square_error_cost rule, with the one line a failure report prints for it. */
export const SQUARE_ERROR_COST_RULES = {
  'square-error-cost-other-dtypes-computed':
    'float64, int32 and int64 operands compute (subtract and square have their kernels) and keep their dtype, although the page names float32 only; int32 wraps (2147483647² is 1)',
  ...kernelRules(
    'subtract-broadcasts', 'subtract-no-float16-or-bool-kernel', 'subtract-grad-negates',
    'promotion-float-dtypes-widen', 'promotion-refuses-int-with-float',
    'square-no-bfloat16-kernel', 'square-keeps-nan-sign',
  ),
} as const satisfies Record<string, string>;
