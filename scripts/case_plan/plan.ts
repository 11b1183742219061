/**
 * The whole case plan: for every op in the registry, every group's cases,
 * checked for unique ids and sorted by id, so the plan (and every golden
 * file) is the same on every run.
 *
 * An op's plan is found by convention, not by a second registry: the op of
 * family F has its groups in scripts/case_plan/F/index.ts, which exports
 * `GROUPS` (group name → builder). When scripts/case_plan/F/regressions.json
 * exists (fuzz counterexamples, added by golden:generate --from), the op also
 * has the group `regressions`, one case per entry (regressions.ts).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PlannedCase } from '../../conformance/case.js';
import { apiNamesOf, formOf } from '../../conformance/op.js';
import { OPS, opForFamily } from '../../conformance/ops/index.js';
import { readRegressions, regressionCase, REGRESSIONS_GROUP, type RegressionEntry } from './regressions.js';

/** The generator's name and version, for the goldens' provenance; bump the version when the plan changes. */
export const PLAN_GENERATOR = { name: 'scripts/case_plan', version: '1.1.0' } as const;

/** Each group's case builder, by group name. */
export type Groups = Readonly<Record<string, () => PlannedCase[]>>;

/** What an op's plan folder exports (its index.ts). */
export interface OpPlan {
  /** Each group's case builder, by group name; a group is one golden file. */
  readonly GROUPS: Groups;
}

/** The folder the op plans live in: this one. */
export const PLAN_ROOT = new URL('./', import.meta.url);

/** Where the regressions group's data comes from; the default reads `<root>/<family>/regressions.json` of the plan root itself. */
export interface PlanOptions {
  /** A directory holding `<family>/regressions.json` to read instead of the plan root's (golden:generate --plan-root). */
  regressionsRoot?: string;
  /** Each op's counterexamples to use instead of reading any file, by family (golden:generate --from, before it writes them). */
  regressions?: ReadonlyMap<string, readonly RegressionEntry[]>;
}

/**
 * Loads the plan of the op of `family` from `<root>/<family>/index.ts`
 * (root: scripts/case_plan/), plus the group `regressions` when the op has
 * counterexamples (see PlanOptions). Fails with the folder to create when
 * there is none, and names the file when it exports no GROUPS or a group of
 * its own called `regressions`.
 */
export async function loadOpPlan(family: string, root: URL = PLAN_ROOT, options: PlanOptions = {}): Promise<OpPlan> {
  if (!/^[a-z0-9_]+$/.test(family)) throw new RangeError(`family name ${JSON.stringify(family)} must be lower-case letters, digits and _`);
  const dir = new URL(`./${family}/`, root);
  const found = ['index.ts', 'index.js'].find((name) => existsSync(fileURLToPath(new URL(name, dir))));
  if (!found) {
    throw new Error(`op ${family} is registered but has no case plan: create ${fileURLToPath(new URL('index.ts', dir))} exporting GROUPS (group name -> () => PlannedCase[])`);
  }
  // Imported by the .js name, as every module here is: tsx and vitest map it to the .ts source.
  const module = (await import(new URL('index.js', dir).href)) as Partial<OpPlan>;
  const groups = module.GROUPS;
  if (typeof groups !== 'object' || groups === null || Object.keys(groups).length === 0 || !Object.values(groups).every((g) => typeof g === 'function')) {
    throw new Error(`${fileURLToPath(new URL(found, dir))} must export GROUPS, a non-empty record of group name -> () => PlannedCase[]`);
  }
  if (REGRESSIONS_GROUP in groups) {
    throw new Error(`${fileURLToPath(new URL(found, dir))} exports a group ${REGRESSIONS_GROUP}, but that group is built from ${REGRESSIONS_GROUP}.json (fuzz counterexamples); rename it`);
  }
  const regressions = options.regressions?.get(family) ?? readRegressions(options.regressionsRoot ?? fileURLToPath(root), family);
  if (regressions.length === 0) return { GROUPS: groups };
  return { GROUPS: { ...groups, [REGRESSIONS_GROUP]: () => regressions.map((entry) => regressionCase(family, entry)) } };
}


/**
 * Builds the deterministic case plan of one registered op, sorted by id.
 * Every case must carry the group that built it, an id under
 * `<family>/<group>/`, a request calling one of the op's two forms, and an
 * id no other case has.
 */
export async function buildPlan(family: string, root: URL = PLAN_ROOT, options: PlanOptions = {}): Promise<PlannedCase[]> {
  const op = opForFamily(family);
  if (!op) throw new RangeError(`no op of family ${JSON.stringify(family)} is registered in conformance/ops/index.ts`);
  const { GROUPS } = await loadOpPlan(family, root, options);
  const cases = Object.entries(GROUPS).flatMap(([group, build]) => {
    const built = build();
    const stray = built.find((c) => c.group !== group);
    if (stray) throw new Error(`case ${stray.id} is built by group ${group} but says group ${stray.group}`);
    const misplaced = built.find((c) => !c.id.startsWith(`${family}/${group}/`));
    if (misplaced) throw new Error(`case ${misplaced.id} is built by ${family}'s group ${group}, so its id must start with ${family}/${group}/`);
    const foreign = built.find((c) => formOf(op, c.request.api) === undefined);
    if (foreign) throw new Error(`case ${foreign.id} calls ${foreign.request.api}, which is none of ${apiNamesOf(op).join(', ')}`);
    return built;
  });
  return sortedUnique(cases);
}

/** Builds the plans of every registered op, as one list sorted by id. */
export async function buildPlans(root: URL = PLAN_ROOT, options: PlanOptions = {}): Promise<PlannedCase[]> {
  const plans = await Promise.all(OPS.map((op) => buildPlan(op.family, root, options)));
  return sortedUnique(plans.flat());
}

/** The cases sorted by id in code-unit order; throws on a duplicate id. */
function sortedUnique(cases: PlannedCase[]): PlannedCase[] {
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`duplicate case id ${c.id}: two cases would overwrite each other's golden`);
    seen.add(c.id);
  }
  // Code-unit order, not localeCompare: the order must not depend on the machine's locale.
  return cases.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
