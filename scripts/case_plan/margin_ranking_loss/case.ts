/**
 * margin_ranking_loss's case factory: the generic plannedCase bound to this
 * family, with the page's clauses by short name and the reference's rules by
 * their typed names; and the request builder for its three tensors.
 */
import type { KwargJson, RequestJson } from '../../../conformance/case.js';
import type { TensorJson } from '../../../conformance/wire.js';
import type { MarginRankingLossRule } from '../../../reference/index.js';
import type { ParamValue } from '../params.js';
import { DEFAULT, familyPlannedCase, floatKwarg, opRequest, type FamilyCaseSpec } from '../planned_case.js';
import { quote, type ClauseName } from './clauses.js';

/** The family every id of this folder starts with: the folder's own name. */
export const FAMILY = 'margin_ranking_loss';

/** A rule of this op. */
export type Rule = MarginRankingLossRule;

/** What a group says about one case: the page's clauses by short name, or this op's rules. */
export type CaseSpec = FamilyCaseSpec<ClauseName, Rule>;

/** Builds a planned case of this op; exactly one of `clauses` (spec) or `rules` (paddle). */
export const plannedCase = familyPlannedCase<ClauseName, Rule>(FAMILY, quote);

/** The id value of an argument that is left out, so Paddle applies its default. */
export { DEFAULT };

/** Everything that varies between calls. */
export interface Call {
  input: TensorJson;
  other: TensorJson;
  label: TensorJson;
  /** Functional (default) or layer. */
  form?: 'functional' | 'layer';
  /** The margin as a keyword value (a number is a Python float); absent or `default` leaves it out. */
  margin?: KwargJson | typeof DEFAULT;
  /** The reduction, passed verbatim; absent or `default` leaves it out. */
  reduction?: ParamValue;
  /** The gradients to ask for. */
  grad?: Array<'input' | 'other'>;
  /** The upstream gradient (needs grad). */
  gradOutput?: TensorJson;
}

/** The request for a call; with no keyword given it carries none, so Paddle's defaults apply. */
export function request(call: Call): RequestJson {
  return opRequest(FAMILY, { form: call.form, tensors: { input: call.input, other: call.other, label: call.label }, args: { margin: call.margin, reduction: call.reduction }, grad: call.grad, gradOutput: call.gradOutput });
}

/** A float margin as the protocol writes it: "NaN" and "±Infinity" for the specials. */
export { floatKwarg as floatMargin };
