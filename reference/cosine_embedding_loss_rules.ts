/**
 * The named rules of paddle.nn.functional.cosine_embedding_loss: what Paddle
 * 3.3.1 does beyond its documentation page. Each is marked with the word
 * Rule and its name where it acts (cosine_embedding_loss.ts,
 * cosine_embedding_loss_grad.ts) and tested in
 * cosine_embedding_loss_rules.test.ts. The names all start with `cosine-`
 * so that they never collide with the other ops' rules.
 */

/** Every cosine_embedding_loss rule, with the one line a failure report prints for it. */
export const COSINE_EMBEDDING_LOSS_RULES = {
  'cosine-checks-in-source-order':
    "checks run in the source's order: label rank, equal input shapes, input rank <= 2, input1 dtype, label dtype (each ValueError), then the ops' own errors; a non-tensor raises AttributeError at its first .shape",
  'cosine-one-d-input-is-one-pair':
    '1-D inputs are one pair (0-D cosine broadcast against the label: label [1] gives shape [1]); 0-D inputs pass as one-element vectors',
  'cosine-input1-dtype-only':
    "only input1's dtype is checked (ValueError); input2 float32/float64 mixes are promoted, int/bool input2 fail multiply's promotion (TypeError), float16/bfloat16 the square kernel (RuntimeError); before Paddle 3.0.0 an int/bool input2 is cast to input1's dtype (int computes, bool fails in square)",
  'cosine-label-broadcasts':
    'the label broadcasts against the cosine: [1] covers every row, [L] with one row or 1-D inputs gives L losses, other lengths raise the broadcast ValueError',
  'cosine-row-sums-sequential':
    'the three sums along the last axis of [N, M] inputs add each row left to right in the dtype, from +0',
  'cosine-full-sums-eigen-order':
    "full sums (1-D inputs' inner sums, reduction 'sum') use Eigen's order: P-lane packets into two alternating accumulators, tail, predux, halves above P*1024; 'mean' one accumulator then / N",
  'cosine-eps-added-to-each-squared-norm':
    'eps = 10e-12 = 1e-11, rounded to the dtype (before Paddle 3.0.0 to float32, also for float64), is added to each squared norm before their product and the sqrt: zero vectors give cos 0',
  'cosine-float32-sqrt-fast-in-packets':
    "float32 sqrt over whole 8-lane packets (rows < 8*floor(N/8)) is Eigen's rsqrt+Newton: +inf gives NaN, finite values are 0-4 ulp off (hardware-dependent, not reproduced)",
  'cosine-margin-in-dtype':
    "cos - margin is scale(cos, 1, -margin): -margin rounded to the cosine's dtype (before Paddle 3.0.0 to float32, also for float64), then one rounded addition",
  'cosine-margin-none-refused': 'margin=None raises TypeError from __sub__, whatever the labels (before Paddle 3.0.0: ValueError)',
  'cosine-string-margin-read-by-cpp-stream':
    "a str margin is read by phi's Scalar(std::string): '0.5' is 0.5, 'abc' is 0, '1e400' is DBL_MAX, 'nan' NaN",
  'cosine-clip-keeps-nan': 'clip(v, min=0) keeps NaN: a NaN cosine or margin gives a NaN loss under label -1',
  'cosine-clip-caps-at-dtype-max': "clip's default max is the dtype's largest finite value: an infinite cos - margin gives FLT_MAX or DBL_MAX (before Paddle 3.1.1 FLT_MAX for float64 too)",
  'cosine-other-labels-contribute-zero':
    'a label neither 1 nor -1 (0, 2, 0.5, NaN, inf) contributes 0; float labels compare with |y -+ 1| < 1e-15 in their dtype',
  'cosine-functional-reduction-unchecked':
    "the functional form never checks reduction: a bad one returns None after computing the loss",
  'cosine-layer-checks-margin-then-reduction':
    "the layer raises ValueError at construction for margin outside [-1, 1] (NaN passes), then for a bad reduction",
  'cosine-empty-reductions':
    'an empty loss sums to +0 and its mean is the positive quiet NaN, shape [] (ValueError: for the mean before Paddle 3.1.0; for any zero-size input, at the row sums, before 3.0.0)',
  'cosine-mean-grad-divides-by-count': "mean's gradient is g / N rounded once in the dtype",
  'cosine-clip-grad-passes-at-kink':
    'clip passes the gradient where 0 <= cos - margin <= max, so at the kink (loss 0) the label -1 gradient is the full d cos; NaN gives 0 (before Paddle 3.1.0 the bounds are excluded: 0 at the kink)',
  'cosine-scale-grad-adds-zero':
    "the backward of each scale op (1 - cos, cos - margin, + eps) adds +0, turning -0 gradients into +0",
} as const satisfies Record<string, string>;

/** A cosine_embedding_loss rule name. */
export type CosineEmbeddingLossRule = keyof typeof COSINE_EMBEDDING_LOSS_RULES;

/** Every cosine_embedding_loss rule name, sorted. */
export const COSINE_EMBEDDING_LOSS_RULE_NAMES = Object.keys(COSINE_EMBEDDING_LOSS_RULES).sort() as readonly CosineEmbeddingLossRule[];
