/**
 * The named rules of paddle.nn.functional.dice_loss (functional only): what Paddle does beyond the page. The op's
 * own are here; its primitives' (one_hot, the sums, add, scale, divide, mean) are summarised in
 * reference/kernels/rules.ts.
 */
import { kernelRules } from './kernels/rules.js';

/** Every dice_loss rule, with the one line a failure report prints for it. */
export const DICE_LOSS_RULES = {
  'dice-python-asserts':
    'the source asserts, in order: input float32 or float64, label int32 or int64 (AssertionError with no message), input rank >= 2, equal ranks, label last dimension 1, equal leading dimensions (AssertionError, each with its message); before Paddle 3.1.1 an empty input or label too, and before 3.0.0 squeeze refuses a label of rank above 6 (ValueError)',
  'dice-epsilon-in-denominator-only':
    "epsilon is added to the denominator only (1 − 2·inse / (Σinput + Σlabel + ε)), not to the numerator as the page says; as Tensor.__add__'s operand a float or int is scale's bias in the sum's dtype, a bool or str is filled in by full (a str read by C++: 'a' is 0), None or a list raise TypeError (ValueError before Paddle 3.0.0)",
  'dice-score-per-sample-then-mean':
    'the sums run over every axis but the first, one score per sample of the batch, then the mean of the N scores (an empty batch gives NaN since Paddle 3.1.1)',
  ...kernelRules(
    'one-hot-index-checked-in-order',
    'sum-over-trailing-axes-last-axis-outermost',
    'scale-attributes-in-dtype',
    'full-str-read-by-cpp-stream',
    'mean-of-empty-is-nan',
  ),
} as const satisfies Record<string, string>;
