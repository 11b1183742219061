/**
 * The names of the reference's rules: behaviours Paddle shows beyond the
 * documentation page, each marked "Rule `name`" in reference/. A `paddle`
 * case lists the rules its expectation depends on; the list here is checked
 * against reference/ by rules.test.ts, so a renamed rule fails a test.
 */

/** Every rule name the plan may cite. */
export const RULES = [
  'broadcast-grad-summed-per-branch',
  'label-broadcasts',
  'label-equality-tolerance',
  'margin-rounded-to-input-dtype',
  'mean-grad-divides-by-count',
  'mean-of-empty-is-nan',
  'negative-zero-is-added-to-zero',
  'no-eager-dtype-check',
  'other-labels-contribute-zero',
  'reduction-checked-first',
  'relu-grad-zero-at-boundary',
  'relu-nan-is-zero',
  'sum-of-empty-is-zero',
  'zero-d-none-is-shape-1',
] as const;

/** A rule name of the reference. */
export type Rule = (typeof RULES)[number];
