/**
 * cosine_embedding_loss's case factory: the generic plannedCase bound to this
 * family, with the page's clauses by short name and the reference's rules by
 * their typed names; and the request builder for its three tensors.
 */
import type { KwargJson, PlannedCase, RequestJson } from '../../../conformance/case.js';
import type { TensorJson } from '../../../conformance/wire.js';
import type { CosineEmbeddingLossRule } from '../../../reference/index.js';
import type { ParamValue } from '../params.js';
import { plannedCase as genericPlannedCase, type CaseSpec as GenericCaseSpec } from '../planned_case.js';
import { quote, type ClauseName } from './clauses.js';

/** The family every id of this folder starts with: the folder's own name. */
export const FAMILY = 'cosine_embedding_loss';

/** A rule of this op. */
export type Rule = CosineEmbeddingLossRule;

/** What a group says about one case. */
export interface CaseSpec extends Omit<GenericCaseSpec, 'family' | 'clause' | 'rules'> {
  /** For a spec-level case: the page's clauses the expectation follows from. */
  clauses?: ClauseName[];
  /** For a paddle-level case: the reference's rules the expectation depends on. */
  rules?: Rule[];
}

/** Builds a planned case of this op; exactly one of `clauses` (spec) or `rules` (paddle). */
export function plannedCase(spec: CaseSpec): PlannedCase {
  const { clauses, ...rest } = spec;
  return genericPlannedCase({ ...rest, family: FAMILY, ...(clauses?.length ? { clause: quote(...clauses) } : {}) });
}

/** The id value of an argument that is left out, so Paddle applies its default. */
export const DEFAULT = 'default';

/** Everything that varies between calls. */
export interface Call {
  input1: TensorJson;
  input2: TensorJson;
  label: TensorJson;
  /** Functional (default) or layer. */
  form?: 'functional' | 'layer';
  /** The margin as a keyword value (a number is a Python float); absent or `default` leaves it out. */
  margin?: KwargJson | typeof DEFAULT;
  /** The reduction, passed verbatim; absent or `default` leaves it out. */
  reduction?: ParamValue;
  /** The gradients to ask for. */
  grad?: Array<'input1' | 'input2'>;
  /** The upstream gradient (needs grad). */
  gradOutput?: TensorJson;
}

/** The request for a call; with no keyword given it carries none, so Paddle's defaults apply. */
export function request(call: Call): RequestJson {
  const args: Record<string, KwargJson> = {};
  if (call.margin !== undefined && call.margin !== DEFAULT) args.margin = call.margin;
  if (call.reduction !== undefined && call.reduction !== DEFAULT) args.reduction = call.reduction;
  const layer = call.form === 'layer';
  const req: RequestJson = {
    api: layer ? 'paddle.nn.CosineEmbeddingLoss' : 'paddle.nn.functional.cosine_embedding_loss',
    inputs: { input1: call.input1, input2: call.input2, label: call.label },
  };
  if (Object.keys(args).length > 0) req[layer ? 'init' : 'kwargs'] = args;
  if (call.grad?.length) req.grad = call.grad;
  if (call.gradOutput) req.grad_output = call.gradOutput;
  return req;
}

/** A float margin as the protocol writes it: "NaN" and "±Infinity" for the specials. */
export function floatMargin(m: number): KwargJson {
  if (Number.isNaN(m)) return 'NaN';
  if (m === Infinity) return 'Infinity';
  if (m === -Infinity) return '-Infinity';
  return m;
}
