/**
 * l1_loss's groups: the standard plan of a regression loss
 * (scripts/case_plan/standard_loss.ts) with this op's page and rules.
 */
import type { Groups } from '../plan.js';
import { standardLossGroups } from '../standard_loss.js';
import { CLAUSES } from './clauses.js';

/** Each group's case builder, by group name. */
export const GROUPS: Groups = standardLossGroups({
  family: 'l1_loss',
  clauses: CLAUSES,
  example: { shape: [2, 2], input: [1.5, 0.8, 0.2, 1.3], label: [1.7, 1, 0.4, 0.5] },
  integersDocumented: true,
  rules: {
    badReduction: 'l1-reduction-checked-first',
    legacyArguments: 'l1-layer-legacy-arguments',
    broadcasts: 'subtract-broadcasts',
    gradNegates: 'subtract-grad-negates',
    refused: { float16: 'subtract-no-float16-or-bool-kernel', bool: 'subtract-no-float16-or-bool-kernel', bfloat16: 'abs-no-bfloat16-kernel' },
    integerMean: { rule: 'mean-all-no-integer-kernel', raises: true },
    integerSum: 'sum-of-integers-is-int64',
    emptyMean: 'mean-all-of-empty-is-nan',
    emptySum: 'sum-of-empty-is-zero',
    meanGrad: 'mean-all-grad-divides-by-count',
    nan: ['abs-clears-nan-sign', 'abs-grad-of-nan-is-nan'],
    zero: ['abs-grad-zero-at-zero'],
  },
});
