/**
 * The reference's named rules: behaviours real Paddle shows that the
 * documentation page leaves open. Each is marked by name where it acts
 * in reference/, cited by the golden cases that depend on it, and has an
 * alternative (what a reasonable port does instead) in the mutant catalog.
 */

/** Every rule, with the one line a failure report prints for it. */
export const RULE_SUMMARIES = {
  'broadcast-grad-summed-per-branch':
    "with the input broadcast, each where-branch's gradient is summed back to the input's shape on its own (column-major; before Paddle 3.0.0 row-major from +0), then the two are added",
  'label-broadcasts':
    'label and input need only broadcast against each other; otherwise ValueError (Broadcast dimension mismatch); before Paddle 3.0.0 zero-size operands raised RuntimeError',
  'label-equality-tolerance':
    "label == ±1 is Paddle's float equal, |y ∓ 1| < 1e-15: float64 labels within 4 ulps of ±1 count as ±1 (before Paddle 3.1.0 the tolerance was 1e-8)",
  'margin-rounded-to-input-dtype':
    'the margin is rounded to the input dtype before margin - x (float32: 1e39 becomes inf; float64 keeps it, but not before Paddle 3.0.0)',
  'mean-grad-divides-by-count': "mean's gradient is g / N, one division rounded once in the dtype",
  'mean-of-empty-is-nan': 'the mean of an empty loss is the positive quiet NaN (0x7fc00000), shape []; before Paddle 3.1.0 paddle.mean raised ValueError',
  'negative-zero-is-added-to-zero': 'the two where-results are added, so input -0.0 under label 1 gives +0',
  'no-eager-dtype-check':
    'float16/bfloat16 input raise RuntimeError from the where kernel; int32/int64/bool input raise TypeError from type promotion with a float margin, RuntimeError from relu (bool: int64) with an int margin, and bool input with a bool margin from subtract; before Paddle 3.0.0 float16/bfloat16/bool failed in add and int input with a float margin raised ValueError',
  'other-labels-contribute-zero': 'a label that is neither 1 nor -1 (0, 2, NaN, inf, ...) contributes 0',
  'reduction-checked-first': 'a bad reduction raises ValueError before any other check; the layer raises it at the call',
  'relu-grad-zero-at-boundary': 'the gradient is +0 where margin - x == 0 (and for NaN x), not -1; relu_grad multiplies by its mask, so a NaN or inf upstream gives NaN there',
  'relu-nan-is-zero': 'relu(NaN) = 0: a NaN margin - x under label -1 gives 0, not NaN',
  'string-margin-read-by-cpp-stream':
    "a str margin is read as C++ istringstream reads a double ('1.5abc' is 1.5, 'abc' and 'NaN' are 0, '1e400' is DBL_MAX; exact 'inf', 'nan', 'True' are special), then filled into the input dtype",
  'sum-of-empty-is-zero': 'the sum of an empty loss is +0, shape []; before Paddle 3.0.0 paddle.sum raised ValueError',
  'zero-d-none-is-shape-1': "a 0-D input with reduction 'none' gives shape [1]; mean and sum give []",
} as const satisfies Record<string, string>;

/** A rule name of the reference. */
export type Rule = keyof typeof RULE_SUMMARIES;

/** Every rule name, sorted. */
export const RULES = Object.keys(RULE_SUMMARIES).sort() as readonly Rule[];

/** Whether a string names a rule of the reference. */
export function isRule(name: string): name is Rule {
  return Object.hasOwn(RULE_SUMMARIES, name);
}
