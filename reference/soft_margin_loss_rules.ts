/**
 * The named rules of paddle.nn.functional.soft_margin_loss: what Paddle
 * 3.3.1 does beyond its documentation page. Each is marked with the word
 * Rule and its name where it acts (soft_margin_loss.ts,
 * soft_margin_loss_grad.ts) and tested in soft_margin_loss_rules.test.ts.
 * The names all start with `soft-margin-` so that they never collide with
 * another op's rules.
 */

/** Every soft_margin_loss rule, with the one line a failure report prints for it. */
export const SOFT_MARGIN_LOSS_RULES = {
  'soft-margin-reduction-checked-first':
    "a bad reduction raises ValueError (The value of 'reduction' in soft_margin_loss should be …, which is not allowed.) before any other check; the layer raises it at construction, naming SoftMarginLoss",
  'soft-margin-non-tensor-attribute-error':
    "a non-tensor input or label raises AttributeError ('list' object has no attribute 'shape'), input first",
  'soft-margin-shapes-must-equal':
    "input and label shapes must be equal, no broadcasting: otherwise ValueError (input's shape must equal to label's shape)",
  'soft-margin-label-cast-to-input-dtype':
    "the label is cast to the input's dtype first (float64 to float32, bool to 0/1, floats truncated for an integer input, NaN, ±inf and out-of-range values to the integer minimum); any label value scales",
  'soft-margin-no-dtype-check':
    "no dtype check of its own: float16 fails in multiply, bfloat16 and bool in exp (RuntimeError); int32/int64 inputs compute and give float32; their gradient is the float32 one cast back to the integer dtype at exp's input (truncated; NaN or out of range gives the integer minimum), then times -label in integers (before Paddle 3.3.0 that backward raises ValueError; in 3.1.0 float16 raises TypeError from `*`)",
  'soft-margin-neg-is-scale': '-label is scale(label, -1, bias 0): a zero label gives +0, so its gradient is +0',
  'soft-margin-exp-overflows-to-inf':
    'log(1 + exp(z)) as written: where exp(z) overflows (z > 88.72 float32, > 709.78 float64) the loss is inf and the gradient NaN',
  'soft-margin-one-plus-exp-absorbs-small':
    'where exp(z) is at most half an ulp of 1, 1 + exp(z) rounds to 1 and the loss is exactly 0 (not exp(z))',
  'soft-margin-exp-packet-and-tail':
    "exp is Eigen's polynomial on whole packets of 8 (float32) or 4 (float64) elements and the C library's on the last n mod 8 (4); log is the C library's; both keep a NaN argument's bits (0xffc00000 from inf × 0 stays negative)",
  'soft-margin-grad-chain-rounded':
    'the gradient is ((g × (1 / (1 + e))) × e) × (-label), each step rounded; NaN where exp overflows',
  'soft-margin-mean-grad-divides-by-count': "mean's gradient is g / N rounded once in the dtype, then carried through the chain",
  'soft-margin-mean-of-empty-is-nan':
    'the mean of an empty loss is the positive quiet NaN (0x7fc00000), shape [] (before Paddle 3.1.0: ValueError, Tensor need be reduced must not empty)',
  'soft-margin-sum-of-empty-is-zero': 'the sum of an empty loss is +0, shape [] (before Paddle 3.0.0: ValueError)',
  'soft-margin-layer-legacy-arguments':
    "SoftMarginLoss(True), a bool name, size_average= or reduce= raise ValueError ([Deprecated] 'SoftMarginLoss' no longer supports 'reduce' or 'size_average'. …); before Paddle 3.3.0 the keywords are TypeError (unexpected keyword argument) and a positional bool is the reduction or the name",
} as const satisfies Record<string, string>;

/** A soft_margin_loss rule name. */
export type SoftMarginLossRule = keyof typeof SOFT_MARGIN_LOSS_RULES;

/** Every soft_margin_loss rule name, sorted. */
export const SOFT_MARGIN_LOSS_RULE_NAMES = Object.keys(SOFT_MARGIN_LOSS_RULES).sort() as readonly SoftMarginLossRule[];
