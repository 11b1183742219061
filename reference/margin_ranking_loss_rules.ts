/**
 * The named rules of paddle.nn.functional.margin_ranking_loss: what Paddle
 * 3.3.1 does beyond its documentation page. Each is marked with the word
 * Rule and its name where it acts (margin_ranking_loss.ts, margin_ranking_loss_grad.ts) and
 * tested in margin_ranking_loss_rules.test.ts. The names all start with
 * `ranking-` so that they never collide with hinge_embedding_loss's rules.
 */

/** Every margin_ranking_loss rule, with the one line a failure report prints for it. */
export const MARGIN_RANKING_LOSS_RULES = {
  'ranking-reduction-checked-first':
    "a bad reduction raises ValueError (…in MarginRankingLoss…, which is not allowed.) before any other check; the layer raises it at construction",
  'ranking-checks-in-op-order':
    'errors come from the ops in order: subtract(other, input) (argument types, type promotion, kernel, broadcast), multiply by label (the same), the margin tensor, add, relu',
  'ranking-operands-broadcast':
    'input, other and label need only broadcast (other with input first, then with label); the loss has the broadcast shape; before Paddle 3.0.0 a zero-size operand broadcast raised RuntimeError',
  'ranking-float-dtypes-promoted':
    'mixed float dtypes are promoted op by op: other - input in promote(other, input), then × label in promote(that, label); the result has that dtype (before Paddle 3.0.0 a 0-D operand promoted too, and bfloat16 casts truncated)',
  'ranking-no-dtype-check':
    'no dtype check of its own: int/bool mixed with float raise TypeError (type promotion; ValueError before Paddle 3.0.0); float16 and bool fail in subtract, bfloat16 in add or relu, int32/int64 in relu (RuntimeError)',
  'ranking-margin-added-only-when-nonzero':
    "the margin is added only when margin != 0.0 in Python (0, -0.0 and False add nothing); any other margin is a [1] tensor of the result dtype",
  'ranking-zero-d-none-shape-follows-margin':
    "0-D operands with reduction 'none' give shape [] when the margin is zero and [1] otherwise (the [1] margin tensor broadcasts)",
  'ranking-margin-in-result-dtype':
    'the margin is rounded to the result dtype before it is added (float32: 1e39 becomes inf, 0.1 becomes 0x3dcccccd; float64 keeps it)',
  'ranking-margin-none-or-str-refused':
    "margin=None raises ValueError (Failed to convert input data to a regular ndarray) and a str margin TypeError (dtype must be any of [...], but received <U n); True is 1",
  'ranking-relu-nan-is-zero':
    'relu maps NaN (NaN operands, inf - inf, 0 × inf, a NaN margin) and -0 to +0: the loss is never NaN or -0',
  'ranking-mean-of-empty-is-nan':
    "the mean of an empty loss is the positive quiet NaN (0x7fc00000), shape []; Paddle 3.0.0's mean_all gave 0xffc00000",
  'ranking-sum-of-empty-is-zero': 'the sum of an empty loss is +0, shape []; before Paddle 3.0.0 the sum kernel raised ValueError',
  'ranking-relu-grad-zero-at-kink':
    'the gradient is ±0 where -label * (input - other) + margin == 0 (relu passes only where its output is > 0)',
  'ranking-grad-is-mask-times-label':
    "the gradient is (g × [loss > 0]) × label: where the loss is 0 an infinite or NaN label still gives NaN (0 × inf); a NaN input gives 0",
  'ranking-mean-grad-divides-by-count': "mean's gradient is g / N rounded once in the dtype, then multiplied by the label",
  'ranking-broadcast-grad-summed-in-order':
    "a broadcast operand's gradient is summed back in the loss's row-major order from +0, in the dtype of the op it fed",
  'ranking-grad-zero-signs':
    "input's gradient is the negation of other's (+0 ↔ -0) except where Paddle's general broadcast path accumulates from +0, which turns -0 into +0",
} as const satisfies Record<string, string>;

/** A margin_ranking_loss rule name. */
export type MarginRankingLossRule = keyof typeof MARGIN_RANKING_LOSS_RULES;

/** Every margin_ranking_loss rule name, sorted. */
export const MARGIN_RANKING_LOSS_RULE_NAMES = Object.keys(MARGIN_RANKING_LOSS_RULES).sort() as readonly MarginRankingLossRule[];
