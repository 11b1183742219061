/**
 * cosine_embedding_loss's groups, one golden file each
 * (golden/cosine_embedding_loss/<group>.json).
 */
import type { Groups } from '../plan.js';
import { docExampleCases, formCases, largeCases, paddleUnittestCases, reductionCases } from './basics.js';
import { dtypeCases, errorCases, reductionNoneResultCases } from './dtypes.js';
import { gradientCases } from './gradients.js';
import { labelCases } from './labels.js';
import { marginCases } from './margins.js';
import { shapeCases } from './shapes.js';
import { specialValueCases } from './special_values.js';

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  doc_example: docExampleCases,
  dtypes: dtypeCases,
  errors: errorCases,
  forms: formCases,
  gradients: gradientCases,
  labels: labelCases,
  large: largeCases,
  margins: marginCases,
  paddle_unittest: paddleUnittestCases,
  reduction_none_result: reductionNoneResultCases,
  reductions: reductionCases,
  shapes: shapeCases,
  special_values: specialValueCases,
};
