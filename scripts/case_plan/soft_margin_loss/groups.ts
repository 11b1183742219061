/**
 * soft_margin_loss's groups, one golden file each
 * (golden/soft_margin_loss/<group>.json).
 */
import type { Groups } from '../plan.js';
import { docExampleCases, formCases, largeCases, paddleUnittestCases, reductionCases } from './basics.js';
import { dtypeCases } from './dtypes.js';
import { errorCases } from './errors.js';
import { gradientCases } from './gradients.js';
import { labelCases } from './labels.js';
import { shapeCases } from './shapes.js';
import { overflowCases, specialValueCases } from './special_values.js';

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  doc_example: docExampleCases,
  dtypes: dtypeCases,
  errors: errorCases,
  forms: formCases,
  gradients: gradientCases,
  labels: labelCases,
  large: largeCases,
  overflow: overflowCases,
  paddle_unittest: paddleUnittestCases,
  reductions: reductionCases,
  shapes: shapeCases,
  special_values: specialValueCases,
};
