/**
 * soft_margin_loss's case factory: the generic plannedCase bound to this
 * family, with the page's clauses by short name and the reference's rules by
 * their typed names; the request builder for its two tensors; and the rule
 * every case of a packet-sized tensor rests on.
 */
import type { KwargJson, RequestJson } from '../../../conformance/case.js';
import type { TensorJson } from '../../../conformance/wire.js';
import type { SoftMarginLossRule } from '../../../reference/index.js';
import type { ParamValue } from '../params.js';
import { DEFAULT, familyPlannedCase, opRequest, type FamilyCaseSpec } from '../planned_case.js';
import { quote, type ClauseName } from './clauses.js';

/** The family every id of this folder starts with: the folder's own name. */
export const FAMILY = 'soft_margin_loss';

/** A rule of this op. */
export type Rule = SoftMarginLossRule;

/** What a group says about one case: the page's clauses by short name, or this op's rules. */
export type CaseSpec = FamilyCaseSpec<ClauseName, Rule>;

/** Builds a planned case of this op; exactly one of `clauses` (spec) or `rules` (paddle). */
export const plannedCase = familyPlannedCase<ClauseName, Rule>(FAMILY, quote);

/** The id value of an argument that is left out, so Paddle applies its default. */
export { DEFAULT };

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
  return opRequest(FAMILY, { form: call.form, tensors: { input: call.input, label: call.label }, args: { ...call.extra, ...(call.reduction !== undefined && { reduction: call.reduction }) }, grad: call.grad ? ['input'] : undefined, gradOutput: call.gradOutput });
}

/** Eigen's packet width on Paddle's AVX build: exp of the first n - n mod lanes elements runs the polynomial. */
const LANES: Record<string, number> = { float32: 8, float64: 4 };

/**
 * The rule a result of n elements rests on when some of its exps run in
 * Eigen's packets and the polynomial's clamp shows (z below -87.3 float32,
 * -708.4 float64: rule `exp-packet-and-tail`). Elsewhere the
 * packet and the C library differ by an ulp, inside the derived bound.
 */
export function packetRules(dtype: string, n: number): Rule[] {
  return n >= (LANES[dtype] ?? Infinity) ? ['exp-packet-and-tail'] : [];
}

/**
 * The rule a label dtype other than the input's rests on: a float64 label
 * against a float32 input makes a float32 loss (the cast decides the result
 * dtype), and bool or float16 labels are outside the page's list. An int32,
 * int64 or float32 label of ±1 is exact in the input's dtype, and the page
 * lists them: nothing beyond it.
 */
export function labelDtypeRules(input: string, label: string): Rule[] {
  if (label === input) return [];
  return label === 'float64' || label === 'bool' || label === 'float16' ? ['soft-margin-label-cast-to-input-dtype'] : [];
}

/** The justification of a result: the clauses when it rests on the page alone, else the rules. */
export function justified(clauses: ClauseName[], rules: Rule[] = []): Pick<CaseSpec, 'clauses' | 'rules'> {
  return rules.length ? { rules } : { clauses };
}

/**
 * The rules a gradient rests on where exp under- or overflows (a subnormal
 * e, or 0 × inf): there the chain of rounded ops and a closed form part by
 * far more than rounding. An ordinary gradient is d/d input of the page's
 * formula, inside the derived bound whatever the order of its roundings.
 */
export const EXTREME_GRAD: readonly Rule[] = ['soft-margin-grad-chain-rounded'];
