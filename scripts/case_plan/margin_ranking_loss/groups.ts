/**
 * margin_ranking_loss's groups, one golden file each
 * (golden/margin_ranking_loss/<group>.json).
 */
import type { Groups } from '../plan.js';
import { docExampleCases, formCases, labelCases, largeCases, paddleUnittestCases, reductionCases } from './basics.js';
import { dtypeCases, errorCases } from './dtypes.js';
import { gradientCases } from './gradients.js';
import { marginCases } from './margins.js';
import { broadcastCases, shapeCases } from './shapes.js';
import { specialValueCases } from './special_values.js';

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {
  broadcast: broadcastCases,
  doc_example: docExampleCases,
  dtypes: dtypeCases,
  errors: errorCases,
  forms: formCases,
  gradients: gradientCases,
  labels: labelCases,
  large: largeCases,
  margins: marginCases,
  paddle_unittest: paddleUnittestCases,
  reductions: reductionCases,
  shapes: shapeCases,
  special_values: specialValueCases,
};
