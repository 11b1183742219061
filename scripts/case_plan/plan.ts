/**
 * The whole case plan: every group's cases, checked for unique ids and
 * sorted by id, so the plan (and every golden file) is the same on every run.
 */
import type { PlannedCase } from '../../conformance/case.js';
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

/** The generator's name and version, for the goldens' provenance; bump the version when the plan changes. */
export const PLAN_GENERATOR = { name: 'scripts/case_plan', version: '1.1.0' } as const;

/** Each group's case builder, by group name. */
export const GROUPS: Readonly<Record<string, () => PlannedCase[]>> = {
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

/** Builds the full, deterministic case plan, sorted by id. */
export function buildPlan(): PlannedCase[] {
  const cases = Object.entries(GROUPS).flatMap(([group, build]) => {
    const built = build();
    const stray = built.find((c) => c.group !== group);
    if (stray) throw new Error(`case ${stray.id} is built by group ${group} but says group ${stray.group}`);
    return built;
  });
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`duplicate case id ${c.id}: two cases would overwrite each other's golden`);
    seen.add(c.id);
  }
  // Code-unit order, not localeCompare: the order must not depend on the machine's locale.
  return cases.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
