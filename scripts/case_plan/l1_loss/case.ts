/**
 * l1_loss's case factory and request builder, and the clauses of its page
 * (Paddle 3.3.1, English page of paddle.nn.functional.l1_loss and paddle.nn.L1Loss).
 */
import type { KwargJson, RequestJson } from '../../../conformance/case.js';
import type { TensorJson } from '../../../conformance/wire.js';
import type { L1LossRule } from '../../../reference/index.js';
import { quoter } from '../clauses.js';
import type { ParamValue } from '../params.js';
import { DEFAULT, familyPlannedCase, opRequest, type FamilyCaseSpec } from '../planned_case.js';

/** The family every id of this folder starts with: the folder's own name. */
export const FAMILY = 'l1_loss';

/** The page's clauses that cases rely on, by short name. */
export const CLAUSES = {
  none: "If reduction set to 'none', the loss is: Out = |input − label|",
  mean: "If reduction set to 'mean', the loss is: Out = MEAN(|input − label|)",
  sum: "If reduction set to 'sum', the loss is: Out = SUM(|input − label|)",
  input: "input (Tensor) – The input tensor. The shapes is [N, *], where N is batch size and * means any number of additional dimensions. It’s data type should be float32, float64, int32, int64.",
  label: "label (Tensor) – label. The shapes is [N, *], same shape as input . It’s data type should be float32, float64, int32, int64.",
  reductionDefault: "reduction (str, optional) – Indicate the reduction to apply to the loss, the candidates are 'none' | 'mean' | 'sum'. … Default is 'mean'.",
  outputShape: "Returns: Tensor, the L1 Loss of Tensor input and label. If reduction is 'none', the shape of output loss is [N, *], the same as input . If reduction is 'mean' or 'sum', the shape of output loss is [].",
  layer: "class paddle.nn. L1Loss ( reduction: _ReduceMode = 'mean', name: str | None = None )",
  functional: "paddle.nn.functional. l1_loss ( input: Tensor, label: Tensor, reduction: _ReduceMode = 'mean', name: str | None = None ) Tensor",
  example:
    "Examples: input = paddle.to_tensor([[1.5, 0.8], [0.2, 1.3]]) label = paddle.to_tensor([[1.7, 1], [0.4, 0.5]]) l1_loss = paddle.nn.functional.l1_loss(input, label) " +
    'print(l1_loss) Tensor(shape=[], dtype=float32, place=Place(cpu), stop_gradient=True, 0.34999999)',
} as const;

/** The short name of a clause. */
export type ClauseName = keyof typeof CLAUSES;

/** What a group says about one case: the page's clauses by short name, or this op's rules. */
export type CaseSpec = FamilyCaseSpec<ClauseName, L1LossRule>;

/** Builds a planned case of this op; exactly one of `clauses` (spec) or `rules` (paddle). */
export const plannedCase = familyPlannedCase<ClauseName, L1LossRule>(FAMILY, quoter(CLAUSES));

export { DEFAULT };

/** The clauses that fix a valid reduction's result (the default's too). */
export function reductionClauses(reduction: ParamValue): ClauseName[] {
  if (reduction === DEFAULT) return ['reductionDefault', 'mean', 'outputShape'];
  return [reduction as 'none' | 'mean' | 'sum', 'outputShape'];
}

/** Everything that varies between calls. */
export interface Call {
  input: TensorJson;
  label: TensorJson;
  form?: 'functional' | 'layer';
  /** The reduction, verbatim; absent or `default` leaves it out. */
  reduction?: KwargJson | typeof DEFAULT;
  /** Other keyword arguments, verbatim. */
  extra?: Record<string, KwargJson>;
  /** Ask for both gradients. */
  grad?: boolean;
  /** The upstream gradient (needs grad). */
  gradOutput?: TensorJson;
}

/** The request for a call; with no keyword given it carries none, so Paddle's defaults apply. */
export function request(call: Call): RequestJson {
  return opRequest(FAMILY, {
    form: call.form,
    tensors: { input: call.input, label: call.label },
    args: { ...call.extra, ...(call.reduction !== undefined && { reduction: call.reduction }) },
    grad: call.grad ? ['input', 'label'] : undefined,
    gradOutput: call.gradOutput,
  });
}
