/**
 * The named rules of paddle.nn.functional.l1_loss and paddle.nn.L1Loss: what
 * Paddle 3.3.1 does beyond the page. All but the op's own two are its
 * primitives' (reference/kernels/), marked where they act; sum's empty sum is
 * the rule every op's sum shares, with one summary.
 */
import { RULE_SUMMARIES } from './hinge_embedding_loss_rules.js';

/** Every l1_loss rule, with the one line a failure report prints for it. */
export const L1_LOSS_RULES = {
  'l1-reduction-checked-first':
    "a reduction other than 'none', 'mean' or 'sum' raises ValueError (The value of 'reduction' in L1Loss should be …, which is not allowed.) before any dtype or shape check; the layer raises it at construction",
  'l1-layer-legacy-arguments':
    "L1Loss(size_average=…) or reduce=… raise ValueError ([Deprecated] 'L1Loss' no longer supports 'reduce' or 'size_average'.); before Paddle 3.3.0 TypeError (unexpected keyword argument)",
  'subtract-broadcasts': "label need only broadcast against input (subtract's broadcasting): the loss has the broadcast shape",
  'subtract-no-float16-or-bool-kernel': 'float16 and bool operands raise RuntimeError (NotFound) in subtract',
  'subtract-grad-negates':
    "label's gradient is input's negated element by element (-0 where input = label, a NaN's sign flipped); a broadcast label's is the column sum scaled by -1, which keeps a NaN's sign",
  'abs-no-bfloat16-kernel': 'bfloat16 raises RuntimeError (NotFound) in abs',
  'abs-clears-nan-sign': '|NaN| is +NaN (0x7fc00000), whatever the sign of the NaN difference',
  'abs-grad-zero-at-zero': 'where input = label the gradient is exactly +0 (not ±1), whatever the upstream gradient',
  'abs-grad-of-nan-is-nan': "where the difference is NaN (a NaN operand, inf − inf) the gradient is that NaN, its sign kept (not 0, as sign(NaN) = 0 would give)",
  'mean-all-no-integer-kernel':
    "int32 and int64 raise RuntimeError (NotFound) in mean_all under 'mean' (the default), although the page lists them",
  'mean-all-grad-divides-by-count': "mean's gradient is g / N, N rounded to the dtype first, one division",
  'mean-all-of-empty-is-nan': 'the mean of an empty loss is +NaN (0x7fc00000), shape []; before Paddle 3.1.0 0/0, 0xffc00000',
  'sum-of-integers-is-int64': 'an int32 loss sums to int64',
  'sum-of-empty-is-zero': RULE_SUMMARIES['sum-of-empty-is-zero'],
} as const satisfies Record<string, string>;

/** An l1_loss rule name. */
export type L1LossRule = keyof typeof L1_LOSS_RULES;
