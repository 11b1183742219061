/**
 * The named rules of paddle.nn.functional.npair_loss (functional only): what Paddle does beyond the page. The op's
 * own are here; its primitives' (equal, matmul, the sums, softmax with cross entropy, square, scale, full) are
 * summarised in reference/kernels/rules.ts (those whose alternative a case here catches or bounds).
 */
import { kernelRules } from './kernels/rules.js';

/** Every npair_loss rule, with the one line a failure report prints for it. */
export const NPAIR_LOSS_RULES = {
  'npair-float32-only':
    "the soft label is float32 whatever the operands and the kernel wants the logits' dtype, so float64 operands (which the page lists) raise ValueError; the dtype checks run in static graphs only: any label dtype works (bool, int32, float16), integer operands reach cross_entropy_with_softmax and float16, bfloat16, bool ones square (RuntimeError); tile refuses bfloat16 labels, and before Paddle 3.0.0 float16 ones (RuntimeError)",
  'npair-labels-equal-within-tolerance':
    'labels are classes by paddle.equal: float labels closer than 1e-15 (1e-8 before Paddle 3.1.0) are one class; a NaN label is in no class, not even its own, so its row of the soft label is 0 / 0 and the loss NaN',
  'npair-l2-reg-is-a-python-operand':
    "l2_reg meets a 0-D tensor by Tensor.__mul__: a number is scale's factor, a bool or str is filled in by full; None raises TypeError (ValueError before 3.0.0); in Paddle 3.3.1 a str is repeated int(l2loss · 0.25) times by Python and read by C++ at `+ celoss`, with no gradient",
  'npair-empty-operands-refused': 'an empty anchor, then an empty positive, raise ValueError before anything else',
  ...kernelRules(
    'equal-float-tolerance',
    'matmul-k-left-to-right',
    'matmul-no-promotion',
    'sum-along-first-axis-in-row-order',
    'multiply-broadcast-keeps-y-nan',
    'softmax-shift-clipped-at-64',
    'square-no-bfloat16-kernel',
    'full-str-read-by-cpp-stream',
  ),
} as const satisfies Record<string, string>;
