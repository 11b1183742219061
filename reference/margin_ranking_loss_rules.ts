/**
 * The named rules of paddle.nn.functional.margin_ranking_loss and
 * paddle.nn.MarginRankingLoss: what Paddle 3.3.1 does beyond the page. Six
 * are the op's own (the reduction check, the order of its ops, the margin's
 * conversion); the others are its primitives' (reference/kernels/rules.ts),
 * summarised there once.
 */
import { kernelRules } from './kernels/rules.js';

/** Every margin_ranking_loss rule, with the one line a failure report prints for it. */
export const MARGIN_RANKING_LOSS_RULES = {
  'ranking-reduction-checked-first':
    "a bad reduction raises ValueError (…in MarginRankingLoss…, which is not allowed.) before any other check; the layer raises it at construction",
  'ranking-checks-in-op-order':
    'errors come from the ops in order: subtract(other, input) (argument types, type promotion, kernel, broadcast), multiply by label (the same), the margin tensor, add, relu',
  'ranking-margin-added-only-when-nonzero':
    "the margin is added only when margin != 0.0 in Python (0, -0.0 and False add nothing); any other margin is a [1] tensor of the result dtype",
  'ranking-zero-d-none-shape-follows-margin':
    "0-D operands with reduction 'none' give shape [] when the margin is zero and [1] otherwise (the [1] margin tensor broadcasts)",
  'ranking-margin-in-result-dtype':
    'the margin is rounded to the result dtype before it is added (float32: 1e39 becomes inf, 0.1 becomes 0x3dcccccd; float64 keeps it)',
  'ranking-margin-none-or-str-refused':
    "margin=None raises ValueError (Failed to convert input data to a regular ndarray) and a str margin TypeError (dtype must be any of [...], but received <U n); True is 1",
  ...kernelRules(
    'promotion-float-dtypes-widen', 'promotion-refuses-int-with-float',
    'subtract-broadcasts', 'subtract-no-float16-or-bool-kernel', 'subtract-grad-negates',
    'multiply-broadcasts', 'multiply-grad-is-upstream-times-other',
    'add-no-float16-or-bfloat16-kernel',
    'relu-nan-is-zero', 'relu-float-kernels-only', 'relu-grad-zero-at-kink',
    'broadcast-grad-summed-in-order', 'broadcast-grad-accumulates-from-zero',
    'mean-all-grad-divides-by-count', 'mean-all-of-empty-is-nan', 'sum-of-empty-is-zero',
  ),
} as const satisfies Record<string, string>;

/** A margin_ranking_loss rule name. */
export type MarginRankingLossRule = keyof typeof MARGIN_RANKING_LOSS_RULES;
