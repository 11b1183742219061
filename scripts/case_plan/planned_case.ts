/**
 * The factory every group uses to turn parameters and a request into a
 * PlannedCase: it derives the id, the level and the tags that follow from
 * the request itself, and refuses a case without its justification.
 */
import type { PlannedCase, RequestJson } from '../../conformance/case.js';
import { decodeTensor, shapeSize, valuesOf, type TensorJson } from '../../conformance/wire.js';
import { quote, type ClauseName } from './clauses.js';
import { caseId, type Params } from './params.js';
import type { Rule } from './rules.js';

/** What a group says about one case. */
export interface CaseSpec {
  /** The group (and golden file) the case belongs to. */
  group: string;
  /** The parameters, which make the id. */
  params: Params;
  /** The call. */
  request: RequestJson;
  /** One line on what the case checks. */
  description: string;
  /** For a spec-level case: the page's clauses the expectation follows from. */
  clauses?: ClauseName[];
  /** For a paddle-level case: the reference's rules the expectation depends on. */
  rules?: Rule[];
  /** Tags beyond those derived from the request. */
  tags?: string[];
}

/**
 * Builds a planned case. Exactly one of `clauses` (level spec) or `rules`
 * (level paddle) must be given, so every expectation says where it comes from.
 */
export function plannedCase(spec: CaseSpec): PlannedCase {
  const id = caseId(spec.group, spec.params);
  const hasClauses = (spec.clauses?.length ?? 0) > 0;
  const hasRules = (spec.rules?.length ?? 0) > 0;
  if (hasClauses === hasRules) {
    throw new RangeError(`${id}: give either clauses (a spec case) or rules (a paddle case), not ${hasClauses ? 'both' : 'neither'}`);
  }
  if (spec.description.includes('\n')) throw new RangeError(`${id}: the description must be one line`);
  const tags = [...new Set([...(spec.tags ?? []), ...derivedTags(spec.request)])].sort();
  const base = { id, group: spec.group };
  return hasClauses
    ? { ...base, level: 'spec', spec_clause: quote(...spec.clauses!), tags, description: spec.description, request: spec.request }
    : { ...base, level: 'paddle', rules: [...new Set(spec.rules!)].sort(), tags, description: spec.description, request: spec.request };
}

/** Tags that can be read off the request, so they are never forgotten or wrong. */
function derivedTags(req: RequestJson): string[] {
  const tags: string[] = [];
  const { input, label } = req.inputs;
  const tensors: TensorJson[] = [input, label, ...(req.grad_output ? [req.grad_output] : [])];
  if (req.grad) tags.push('grad');
  if (req.grad_output) tags.push('grad-output');
  if (req.api === 'paddle.nn.HingeEmbeddingLoss') tags.push('layer');
  if (!req.kwargs && !req.init) tags.push('default-kwargs');
  if (tensors.some((t) => shapeSize(t.shape) === 0)) tags.push('zero-size');
  if (input.shape.length === 0 || label.shape.length === 0) tags.push('zero-d');
  if (input.shape.join() !== label.shape.join()) tags.push('broadcast');
  if (input.dtype !== label.dtype) tags.push('mixed-dtype');
  const values = tensors.flatMap((t) => valuesOf(decodeTensor(t)));
  const margin = (req.kwargs ?? req.init)?.margin;
  if (values.some(Number.isNaN) || margin === 'NaN') tags.push('nan');
  if (values.some((v) => Math.abs(v) === Infinity) || margin === 'Infinity' || margin === '-Infinity') tags.push('inf');
  return tags;
}
