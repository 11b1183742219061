/**
 * hinge_embedding_loss's case factory: the generic plannedCase and caseId
 * bound to this family, with the page's clauses by short name and the
 * reference's rules by their typed names.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { caseId as genericCaseId, type Params } from '../params.js';
import { plannedCase as genericPlannedCase, type CaseSpec as GenericCaseSpec } from '../planned_case.js';
import { quote, type ClauseName } from './clauses.js';
import type { Rule } from './rules.js';

/** The family every id of this folder starts with: the folder's own name. */
export const FAMILY = 'hinge_embedding_loss';

/** What a group says about one case. */
export interface CaseSpec extends Omit<GenericCaseSpec, 'family' | 'clause' | 'rules'> {
  /** For a spec-level case: the page's clauses the expectation follows from. */
  clauses?: ClauseName[];
  /** For a paddle-level case: the reference's rules the expectation depends on. */
  rules?: Rule[];
}

/**
 * Builds a planned case of this op. Exactly one of `clauses` (level spec) or
 * `rules` (level paddle) must be given, so every expectation says where it comes from.
 */
export function plannedCase(spec: CaseSpec): PlannedCase {
  const { clauses, ...rest } = spec;
  return genericPlannedCase({ ...rest, family: FAMILY, ...(clauses?.length ? { clause: quote(...clauses) } : {}) });
}

/** The stable id of a case of this op: `hinge_embedding_loss/<group>/<key=value,...>`. */
export function caseId(group: string, params: Params): string {
  return genericCaseId(FAMILY, group, params);
}
