/**
 * soft_margin_loss's case factory: the generic plannedCase bound to this
 * family, with the page's clauses by short name and the reference's rules by
 * their typed names; the request builder for its two tensors; and the rule
 * every case of a packet-sized tensor rests on.
 */
import type { KwargJson, PlannedCase, RequestJson } from '../../../conformance/case.js';
import type { TensorJson } from '../../../conformance/wire.js';
import type { SoftMarginLossRule } from '../../../reference/index.js';
import type { ParamValue } from '../params.js';
import { plannedCase as genericPlannedCase, type CaseSpec as GenericCaseSpec } from '../planned_case.js';
import { quote, type ClauseName } from './clauses.js';

/** The family every id of this folder starts with: the folder's own name. */
export const FAMILY = 'soft_margin_loss';

/** A rule of this op. */
export type Rule = SoftMarginLossRule;

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
  input: TensorJson;
  label: TensorJson;
  /** Functional (default) or layer. */
  form?: 'functional' | 'layer';
  /** The reduction, passed verbatim; absent or `default` leaves it out. */
  reduction?: ParamValue;
  /** Other keyword arguments, verbatim (the layer's removed size_average and reduce, a bool name). */
  extra?: Record<string, KwargJson>;
  /** Ask for input's gradient. */
  grad?: boolean;
  /** The upstream gradient (needs grad). */
  gradOutput?: TensorJson;
}

/** The request for a call; with no keyword given it carries none, so Paddle's defaults apply. */
export function request(call: Call): RequestJson {
  const args: Record<string, KwargJson> = { ...call.extra };
  if (call.reduction !== undefined && call.reduction !== DEFAULT) args.reduction = call.reduction;
  const layer = call.form === 'layer';
  const req: RequestJson = {
    api: layer ? 'paddle.nn.SoftMarginLoss' : 'paddle.nn.functional.soft_margin_loss',
    inputs: { input: call.input, label: call.label },
  };
  if (Object.keys(args).length > 0) req[layer ? 'init' : 'kwargs'] = args;
  if (call.grad) req.grad = ['input'];
  if (call.gradOutput) req.grad_output = call.gradOutput;
  return req;
}

/** Eigen's packet width on Paddle's AVX build: exp of the first n - n mod lanes elements runs the polynomial. */
const LANES: Record<string, number> = { float32: 8, float64: 4 };

/**
 * The rule a result of n elements rests on when some of its exps run in
 * Eigen's packets (rule `soft-margin-exp-packet-and-tail`): with fewer than a
 * packet every exp is the C library's, as a port's would be.
 */
export function packetRules(dtype: string, n: number): Rule[] {
  return n >= (LANES[dtype] ?? Infinity) ? ['soft-margin-exp-packet-and-tail'] : [];
}

/**
 * The justification of a forward result: the clauses when it rests on the
 * page alone, else the rules (the packet rule added for packet-sized tensors).
 */
export function justified(dtype: string, n: number, clauses: ClauseName[], rules: Rule[] = []): Pick<CaseSpec, 'clauses' | 'rules'> {
  const all = [...rules, ...packetRules(dtype, n)];
  return all.length ? { rules: all } : { clauses };
}

/** The rules every gradient rests on: the rounded chain, and mean's division. */
export function gradRules(reduction: string): Rule[] {
  return reduction === 'mean' ? ['soft-margin-grad-chain-rounded', 'soft-margin-mean-grad-divides-by-count'] : ['soft-margin-grad-chain-rounded'];
}
