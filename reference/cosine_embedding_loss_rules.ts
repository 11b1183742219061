/**
 * The named rules of paddle.nn.functional.cosine_embedding_loss and
 * paddle.nn.CosineEmbeddingLoss: what Paddle does beyond the documentation
 * page. The `cosine-` ones are the op's own (its checks, its constants, the
 * operators its source applies to a Python margin), marked where they act in
 * cosine_embedding_loss.ts; the others are its primitives'
 * (reference/kernels/rules.ts), summarised there once.
 */
import { kernelRules } from './kernels/rules.js';

/** Every cosine_embedding_loss rule, with the one line a failure report prints for it. */
export const COSINE_EMBEDDING_LOSS_RULES = {
  'cosine-checks-in-source-order':
    "checks run in the source's order: label rank, equal input shapes, input rank <= 2, input1 dtype, label dtype (each ValueError), then the ops' own errors; a non-tensor raises AttributeError at its first .shape",
  'cosine-one-d-input-is-one-pair':
    '1-D inputs are one pair (0-D cosine broadcast against the label: label [1] gives shape [1]); 0-D inputs pass as one-element vectors',
  'cosine-input1-dtype-only':
    "only input1's dtype is checked (ValueError); input2 float32/float64 mixes are promoted, int/bool input2 fail multiply's promotion (TypeError), float16/bfloat16 the square kernel (RuntimeError); before Paddle 3.0.0 an int/bool input2 is cast to input1's dtype (int computes, bool fails in square)",
  'cosine-eps-added-to-each-squared-norm':
    'eps = 10e-12 = 1e-11 is added to each squared norm (scale, so rounded to the dtype; before Paddle 3.0.0 to float32, also for float64) before their product and the sqrt: zero vectors give cos 0',
  'cosine-norms-multiplied-before-sqrt':
    'the denominator is sqrt(mag_square1 * mag_square2): where that product overflows (float32 squared norms near 2^120, float64 near 2^1000) it is inf and cos is 0, though each norm is finite (label 1: loss 1; label -1: clip(-margin))',
  'cosine-clip-after-margin':
    'under label -1 the loss is clip(cos - margin, min=0): the page prints max(0, cos) - margin and its example clips, which agree for margin >= 0; with a negative margin a negative cos gives cos - margin (cos -0.71, margin -1: 0.29), not max(0, max(0, cos) - margin) (1)',
  'cosine-margin-none-refused': 'margin=None raises TypeError from __sub__, whatever the labels (before Paddle 3.0.0: ValueError)',
  'cosine-other-labels-contribute-zero':
    'a label neither 1 nor -1 (0, 2, 0.5, NaN, inf) selects neither where branch and contributes 0',
  'cosine-functional-reduction-unchecked': 'the functional form never checks reduction: a bad one returns None after computing the loss',
  'cosine-layer-checks-margin-then-reduction':
    'the layer raises ValueError at construction for margin outside [-1, 1] (NaN passes), then for a bad reduction',
  ...kernelRules(
    'where-broadcasts',
    'equal-float-tolerance',
    'sum-along-last-axis-left-to-right',
    'sum-full-in-eigen-order',
    'sqrt-float32-fast-in-packets',
    'full-str-read-by-cpp-stream',
    'clip-keeps-nan',
    'clip-caps-at-dtype-max',
    'clip-grad-passes-at-bounds',
    'scale-attributes-in-dtype',
    'scale-grad-adds-zero',
    'mean-grad-divides-by-count',
    'mean-of-empty-is-nan',
    'sum-of-empty-is-zero',
  ),
} as const satisfies Record<string, string>;

/** A cosine_embedding_loss rule name. */
export type CosineEmbeddingLossRule = keyof typeof COSINE_EMBEDDING_LOSS_RULES;

/** Every cosine_embedding_loss rule name, sorted. */
export const COSINE_EMBEDDING_LOSS_RULE_NAMES = Object.keys(COSINE_EMBEDDING_LOSS_RULES).sort() as readonly CosineEmbeddingLossRule[];
