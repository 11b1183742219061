/**
 * hinge_embedding_loss's groups, one golden file each
 * (golden/hinge_embedding_loss/<group>.json).
 */
import type { Groups } from '../plan.js';
import { broadcastCases } from './broadcast.js';
import { docExampleCases } from './doc_example.js';
import { dtypeCases } from './dtypes.js';
import { errorCases } from './errors.js';
import { formCases } from './forms.js';
import { gradientCases } from './gradients.js';
import { labelCases } from './labels.js';
import { largeCases } from './large.js';
import { marginBoundaryCases } from './margin_boundary.js';
import { marginCases } from './margins.js';
import { paddleUnittestCases } from './paddle_unittest.js';
import { reductionCases } from './reductions.js';
import { shapeCases } from './shapes.js';
import { specialValueCases } from './special_values.js';
import { stringMarginCases } from './string_margins.js';

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
  margin_boundary: marginBoundaryCases,
  margins: marginCases,
  paddle_unittest: paddleUnittestCases,
  reductions: reductionCases,
  shapes: shapeCases,
  special_values: specialValueCases,
  string_margins: stringMarginCases,
};
