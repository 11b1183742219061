/**
 * mse_loss's groups: the standard plan of a regression loss
 * (scripts/case_plan/standard_loss.ts) with this op's page and rules.
 */
import type { Groups } from '../plan.js';
import { standardLossGroups } from '../standard_loss.js';
import { CLAUSES } from './clauses.js';

/** Each group's case builder, by group name. */
export const GROUPS: Groups = standardLossGroups({
  family: 'mse_loss',
  clauses: CLAUSES,
  example: { shape: [1], input: [1.5], label: [1.7] },
  integersDocumented: false,
  integersRule: 'mse-integers-computed',
  rules: {
    badReduction: 'mse-reduction-checked-first',
    legacyArguments: 'mse-layer-legacy-arguments',
    broadcasts: 'subtract-broadcasts',
    gradNegates: 'subtract-grad-negates',
    refused: { float16: 'subtract-no-float16-or-bool-kernel', bool: 'subtract-no-float16-or-bool-kernel', bfloat16: 'square-no-bfloat16-kernel' },
    integerMean: { rule: 'mean-of-integers-truncates', raises: false },
    integerSum: 'sum-of-integers-is-int64',
    emptyMean: 'mean-of-empty-is-nan',
    emptySum: 'sum-of-empty-is-zero',
    meanGrad: 'mean-grad-divides-by-count',
    nan: ['square-keeps-nan-sign'],
    zero: ['subtract-grad-negates'],
  },
});
