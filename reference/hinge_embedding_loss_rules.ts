/**
 * The named rules of paddle.nn.functional.hinge_embedding_loss and
 * paddle.nn.HingeEmbeddingLoss: what Paddle 3.3.1 does beyond the page. Six
 * are the op's own; the others are its primitives' (reference/kernels/rules.ts),
 * summarised there once.
 */
import { kernelRules } from './kernels/rules.js';

/** Every hinge_embedding_loss rule, with the one line a failure report prints for it. */
export const HINGE_EMBEDDING_LOSS_RULES = {
  'hinge-reduction-checked-first': 'a bad reduction raises ValueError before any other check; the layer raises it at the call',
  'hinge-other-labels-contribute-zero': 'a label that is neither 1 nor -1 (0, 2, NaN, inf, ...) contributes 0',
  'hinge-negative-zero-is-added-to-zero': 'the two where-results are added, so input -0.0 under label 1 gives +0',
  'hinge-zero-d-none-is-shape-1': "a 0-D input with reduction 'none' gives shape [1]; mean and sum give []",
  'hinge-label-any-dtype':
    "the label meets only the Python floats ±1.0 (label == 1.0), in its own dtype: int, bool, float16 or another float width work against float32 or float64 input, with no type promotion",
  'hinge-margin-by-python-type':
    'margin - input is scale(input, -1, margin) for a float or int margin (integer or bool input cast to float32 for a float, bool to int64 for an int) and full(margin) - input for a bool or str: so integer and bool input fail in where (float), relu (int) or subtract (bool input, bool or str margin), and a bool or str margin keeps an upstream -0 that scale clears',
  ...kernelRules(
    'equal-float-tolerance',
    'where-broadcasts', 'where-no-float16-kernel', 'where-grad-zero-where-unselected', 'where-broadcast-grad-column-major',
    'full-str-read-by-cpp-stream',
    'scale-attributes-in-dtype', 'scale-grad-adds-zero',
    'subtract-no-float16-or-bool-kernel', 'subtract-grad-negates',
    'promotion-refuses-int-with-float',
    'relu-nan-is-zero', 'relu-float-kernels-only', 'relu-grad-zero-at-kink',
    'mean-grad-divides-by-count', 'mean-of-empty-is-nan', 'sum-of-empty-is-zero',
  ),
} as const satisfies Record<string, string>;

/** A hinge_embedding_loss rule name. */
export type HingeEmbeddingLossRule = keyof typeof HINGE_EMBEDDING_LOSS_RULES;
