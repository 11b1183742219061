/**
 * The factory every op's groups use to turn parameters and a request into a
 * PlannedCase: it derives the id, the level and the tags that follow from
 * the request itself (read through the op's descriptor, so no op is named
 * here), and refuses a case without its justification.
 */
import type { GradOutputJson, KwargJson, PlannedCase, RequestJson } from '../../conformance/case.js';
import { formOf, inputKeysOf, layerNameOf, type OpSignature } from '../../conformance/op.js';
import { opForFamily } from '../../conformance/ops/index.js';
import { decodeTensor, shapeSize, valuesOf, type TensorJson } from '../../conformance/wire.js';
import { gradOutputEntries } from '../../conformance/outputs.js';
import { caseId, type Params } from './params.js';

/** What an op's group says about one case. */
export interface CaseSpec {
  /** The op's family name, the id's first segment (a registered op). */
  family: string;
  /** The group (and golden file) the case belongs to. */
  group: string;
  /** The parameters, which make the id. */
  params: Params;
  /** The call. */
  request: RequestJson;
  /** One line on what the case checks. */
  description: string;
  /** For a spec-level case: the documentation page's text the expectation follows from, quoted. */
  clause?: string;
  /** For a paddle-level case: the reference's rules the expectation depends on. */
  rules?: readonly string[];
  /** Tags beyond those derived from the request. */
  tags?: readonly string[];
}

/** An op's case spec: the generic one, with its page's clauses by short name and its rules by their typed names. */
export interface FamilyCaseSpec<Clause extends string, Rule extends string> extends Omit<CaseSpec, 'family' | 'clause' | 'rules'> {
  /** For a spec-level case: the page's clauses the expectation follows from. */
  clauses?: Clause[];
  /** For a paddle-level case: the reference's rules the expectation depends on. */
  rules?: Rule[];
}

/** plannedCase bound to one family, quoting its page's clauses by short name. */
export function familyPlannedCase<Clause extends string, Rule extends string>(
  family: string,
  quote: (...clauses: Clause[]) => string,
): (spec: FamilyCaseSpec<Clause, Rule>) => PlannedCase {
  return (spec) => {
    const { clauses, ...rest } = spec;
    return plannedCase({ ...rest, family, ...(clauses?.length ? { clause: quote(...clauses) } : {}) });
  };
}

/** The id value of an argument that is left out, so Paddle applies its default. */
export const DEFAULT = 'default';

/** A float keyword as the protocol writes it: "NaN" and "±Infinity" for the specials, other numbers as they are. */
export function floatKwarg(x: number): KwargJson {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return x;
}

/** One call of an op, as a group describes it. */
export interface OpCall {
  /** Functional (default) or layer. */
  form?: 'functional' | 'layer';
  /** The tensors by name, in the op's order. */
  tensors: Record<string, TensorJson>;
  /** Keyword arguments in the order they are written; an absent or `default` one is left out, so Paddle's default applies. */
  args?: Record<string, KwargJson | typeof DEFAULT | undefined>;
  /** The gradients to ask for. */
  grad?: readonly string[];
  /** The upstream gradient (needs grad): a list with one entry per output (null: none through it) for an op with several outputs. */
  gradOutput?: GradOutputJson;
}

/** The request for a call of the op of `family`: `kwargs` for the functional form, `init` for the layer, none when no keyword is given. */
export function opRequest(family: string, call: OpCall): RequestJson {
  const op = opForFamily(family);
  if (!op) throw new RangeError(`no op of family ${family} is registered in conformance/ops/index.ts`);
  const args = Object.fromEntries(Object.entries(call.args ?? {}).filter((e): e is [string, KwargJson] => e[1] !== undefined && e[1] !== DEFAULT));
  const layer = call.form === 'layer';
  const req: RequestJson = { api: layer ? layerNameOf(op) : op.functional, inputs: inOrder(op, call.tensors) };
  if (Object.keys(args).length > 0) req[layer ? 'init' : 'kwargs'] = args;
  if (call.grad?.length) req.grad = [...call.grad];
  // A list for an op with several outputs: the golden format carries it (PROTOCOL.md, "Several outputs"), PlannedCase types the one-output form.
  if (call.gradOutput) req.grad_output = call.gradOutput as TensorJson;
  return req;
}

/** The tensors in the order a request lists them: the required ones positionally, then the optional ones given. */
function inOrder(op: OpSignature, tensors: Record<string, TensorJson>): Record<string, TensorJson> {
  const known = inputKeysOf(op, tensors);
  const unknown = Object.keys(tensors).filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new RangeError(`${op.family} has no tensor parameter ${unknown.join(', ')}`);
  return Object.fromEntries(known.filter((name) => tensors[name] !== undefined).map((name) => [name, tensors[name]!]));
}

/**
 * Builds a planned case. Exactly one of `clause` (level spec) or `rules`
 * (level paddle) must be given, so every expectation says where it comes from.
 */
export function plannedCase(spec: CaseSpec): PlannedCase {
  const id = caseId(spec.family, spec.group, spec.params);
  const op = opForFamily(spec.family);
  if (!op) throw new RangeError(`${id}: no op of family ${spec.family} is registered in conformance/ops/index.ts`);
  const hasClause = (spec.clause ?? '') !== '';
  const hasRules = (spec.rules?.length ?? 0) > 0;
  if (hasClause === hasRules) {
    throw new RangeError(`${id}: give either clauses (a spec case) or rules (a paddle case), not ${hasClause ? 'both' : 'neither'}`);
  }
  if (spec.description.includes('\n')) throw new RangeError(`${id}: the description must be one line`);
  const tags = [...new Set([...(spec.tags ?? []), ...derivedTags(op, spec.request)])].sort();
  const base = { id, group: spec.group };
  return hasClause
    ? { ...base, level: 'spec', spec_clause: spec.clause!, tags, description: spec.description, request: spec.request }
    : { ...base, level: 'paddle', rules: [...new Set(spec.rules!)].sort(), tags, description: spec.description, request: spec.request };
}

/**
 * Tags that can be read off the request, so they are never forgotten or
 * wrong: over every input tensor in the op's order (`zero-d`, `broadcast`
 * when the input shapes differ, `mixed-dtype` when their dtypes do), every
 * tensor sent (`zero-size`, `nan`, `inf`, with the upstream gradient), the
 * op's float keywords (`nan`, `inf` for a special value) and the call itself
 * (`grad`, `grad-output`, `layer`, `default-kwargs`).
 */
export function derivedTags(op: OpSignature, req: RequestJson): string[] {
  const tags: string[] = [];
  const inputs = inputKeysOf(op, req.inputs).map((name) => req.inputs[name]).filter((t): t is TensorJson => t !== undefined);
  const upstream = req.grad_output === undefined ? [] : gradOutputEntries(req.grad_output).flatMap(([, t]) => (t === null ? [] : [t]));
  const tensors: TensorJson[] = [...inputs, ...upstream];
  if (req.grad) tags.push('grad');
  if (req.grad_output) tags.push('grad-output');
  if (formOf(op, req.api) === 'layer') tags.push('layer');
  for (const name of op.optionalTensors ?? []) if (req.inputs[name] !== undefined) tags.push(name);
  if (!req.kwargs && !req.init) tags.push('default-kwargs');
  if (tensors.some((t) => shapeSize(t.shape) === 0)) tags.push('zero-size');
  if (inputs.some((t) => t.shape.length === 0)) tags.push('zero-d');
  if (new Set(inputs.map((t) => t.shape.join())).size > 1) tags.push('broadcast');
  if (new Set(inputs.map((t) => t.dtype)).size > 1) tags.push('mixed-dtype');
  // A generated tensor (uniform over a finite range, or integers) holds no NaN or infinity: it is not expanded here.
  const values = tensors.filter((t) => t.generated === undefined).flatMap((t) => valuesOf(decodeTensor(t)));
  const args = req.kwargs ?? req.init ?? {};
  const floats = op.kwargs.filter((k) => k.kind === 'float').map((k) => args[k.name]);
  if (values.some(Number.isNaN) || floats.includes('NaN')) tags.push('nan');
  if (values.some((v) => Math.abs(v) === Infinity) || floats.includes('Infinity') || floats.includes('-Infinity')) tags.push('inf');
  return tags;
}
