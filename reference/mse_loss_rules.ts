/**
 * The named rules of paddle.nn.functional.mse_loss and paddle.nn.MSELoss:
 * two of the op's own, the others its primitives' (reference/kernels/rules.ts).
 */
import { kernelRules } from './kernels/rules.js';

/** Every mse_loss rule, with the one line a failure report prints for it. */
export const MSE_LOSS_RULES = {
  'mse-reduction-checked-first':
    "a reduction other than 'none', 'mean' or 'sum' raises ValueError ('reduction' in 'mse_loss' should be …) before any dtype or shape check; the layer raises it at construction, naming MSELoss",
  'mse-layer-legacy-arguments':
    "MSELoss(size_average=…) or reduce=… raise ValueError ([Deprecated] 'MSELoss' no longer supports 'reduce' or 'size_average'.); before Paddle 3.3.0 TypeError (unexpected keyword argument)",
  'mse-integers-computed':
    'int32 and int64 operands compute (subtract, square and mean have integer kernels) and keep their dtype, although the page lists float32 and float64 only',
  ...kernelRules(
    'subtract-broadcasts', 'subtract-no-float16-or-bool-kernel', 'subtract-grad-negates',
    'square-no-bfloat16-kernel', 'square-keeps-nan-sign',
    'mean-of-integers-truncates', 'mean-grad-divides-by-count', 'mean-of-empty-is-nan',
    'sum-of-integers-is-int64', 'sum-of-empty-is-zero',
  ),
} as const satisfies Record<string, string>;

/** An mse_loss rule name. */
export type MseLossRule = keyof typeof MSE_LOSS_RULES;
