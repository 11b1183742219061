/**
 * What the generator knows about a request before anyone answers it: where it
 * leaves the domain every documentation page of the loss family states. The
 * pages name the dtypes, say a sign label is -1 or 1, give float keywords as
 * floats and the reduction as 'none' | 'mean' | 'sum'; a request outside that
 * (a dtype the op's descriptor does not list, operands of two dtypes, a label
 * of 0 or 1 + ulp, a margin given as a str, None or a bool, a legacy keyword,
 * another reduction) is one the page is silent on, whatever Paddle then does.
 *
 * Each departure is named by a short phrase that depends only on the feature
 * ("input of dtype int32", "reduction='MEAN'", "size_average="), so two
 * requests that leave the page the same way name it the same way: fuzz
 * --expectations recognises a port's known departure by it (departures.ts).
 *
 * It is read off the request, not off the draw, so the same judgement can be
 * held against the golden cases (page_domain.test.ts). It is deliberately
 * narrow: a request inside the domain may still not be fixed by the page (a
 * named rule may decide it, rule_dependence.ts, or Paddle may raise), and a
 * few the page does fix are left out (a cosine label of int64, which the
 * descriptor's dtypes do not list), which costs coverage, never a false finding.
 */
import type { KwargJson, RequestJson } from '../case.js';
import { argsOf, formOf, labelNameOf, tensorNamesOf, type OpDescriptor } from '../op.js';
import { decodeTensor, valuesOf, type TensorJson } from '../wire.js';

/** The ways a request leaves the domain the page states, each a short phrase; empty when it stays inside. */
export function outsidePage(op: OpDescriptor, request: RequestJson): string[] {
  if (formOf(op, request.api) === undefined) return [`the api ${request.api}`];
  const out: string[] = [];
  const label = op.fuzz?.labelDomain !== undefined || op.fuzz?.labelName !== undefined ? labelNameOf(op) : undefined;
  const soft = softLabel(op, request);
  for (const name of tensorNamesOf(op)) {
    const dtype = request.inputs[name]?.dtype;
    const dtypes = op.fuzz?.tensorDtypes?.[name] ?? (name === labelNameOf(op) && op.fuzz?.labelDtypes && !soft ? op.fuzz.labelDtypes : op.dtypes);
    if (dtype === undefined) {
      if (op.tensors.includes(name)) out.push(`no ${name}`);
    } else if (!dtypes.includes(dtype)) out.push(`${name} of dtype ${dtype}`);
  }
  // The label's dtype may differ (the pages list their own label dtypes); the operands the formula combines share one.
  const operands = tensorNamesOf(op).filter((name) => (name !== label || soft) && !op.fuzz?.tensorDtypes?.[name] && request.inputs[name] !== undefined);
  if (new Set(operands.map((name) => request.inputs[name]!.dtype)).size > 1) out.push('operands of different dtypes');
  if (op.fuzz?.labelDomain === 'sign' && request.inputs.label !== undefined && !signsOnly(request.inputs.label)) out.push('a label neither -1 nor 1');
  if (op.fuzz?.labelDomain === 'class') out.push(...outsideClasses(op, request, soft));
  for (const [name, [lo, hi]] of Object.entries(op.fuzz?.intervals ?? {})) {
    const t = request.inputs[name];
    // An int keyword travels as {"int": n} (hsigmoid_loss's num_classes, "greater than 2").
    const raw = argsOf(op, request)[name];
    const given = typeof raw === 'object' && raw !== null && 'int' in raw ? Number(raw.int) : raw;
    if (t !== undefined && !valuesOf(decodeTensor(t, name)).every((v) => v >= lo && v <= hi)) out.push(`${name} outside [${lo}, ${hi}]`);
    if (typeof given === 'number' && !(given >= lo && given <= hi)) out.push(`${name} outside [${lo}, ${hi}]`);
  }
  for (const [key, value] of Object.entries(argsOf(op, request))) {
    const spec = op.kwargs.find((k) => k.name === key);
    if (!spec || spec.layerOnly) out.push(`${key}=`);
    else if (key === op.reduction) {
      if (!(op.reductions ?? ['none', 'mean', 'sum']).includes(value as string)) out.push(`${key}=${JSON.stringify(value)}`);
    } else if (spec.kind === 'float') {
      if (!isFloat(value)) out.push(`${key} given as ${kindOf(value)}`);
    } else if (spec.kind === 'bool') {
      if (typeof value !== 'boolean') out.push(`${key} given as ${kindOf(value)}`);
    } else if (spec.kind === 'int') {
      if (kindOf(value) !== 'an int') out.push(`${key} given as ${kindOf(value)}`);
    } else if (typeof value !== 'string') {
      out.push(`${key} given as ${kindOf(value)}`);
    }
  }
  return out;
}

/** A JSON number or ±Infinity, as a Python float keyword carries a float; NaN, str, None, bool and int objects are not. */
function isFloat(value: KwargJson): boolean {
  return typeof value === 'number' || value === 'Infinity' || value === '-Infinity';
}

/** What a keyword value is, as Python would see it (PROTOCOL.md, "Keyword values"). */
function kindOf(value: KwargJson): string {
  if (value === null) return 'None';
  if (value === 'NaN') return 'NaN';
  if (typeof value === 'boolean') return 'a bool';
  if (typeof value === 'string') return 'a str';
  if (typeof value === 'object' && 'int' in value) return 'an int';
  if (typeof value === 'object' && 'str' in value) return 'a str';
  return typeof value;
}

/** Whether every element of a label tensor is exactly -1 or 1. */
function signsOnly(tensor: TensorJson): boolean {
  return valuesOf(decodeTensor(tensor, 'label')).every((v) => v === 1 || v === -1);
}

/** Whether the op's soft-label keyword is given as true. */
function softLabel(op: OpDescriptor, request: RequestJson): boolean {
  const name = op.fuzz?.softLabelKeyword;
  return name !== undefined && argsOf(op, request)[name] === true;
}

/** A keyword's value as given, else its default, as a number when it is an int or a float. */
function intArg(op: OpDescriptor, request: RequestJson, name: string | undefined): number | undefined {
  const given = name === undefined ? undefined : argsOf(op, request)[name] ?? op.kwargs.find((k) => k.name === name)?.default;
  return typeof given === 'object' && given !== null && 'int' in given ? given.int : typeof given === 'number' ? given : undefined;
}

/** Where a class label, and a weight of one value per class, leave the page: shapes first, then the indices. */
function outsideClasses(op: OpDescriptor, request: RequestJson, soft: boolean): string[] {
  const input = request.inputs[op.tensors[0]!];
  const label = request.inputs.label;
  if (input === undefined || label === undefined) return [];
  const rank = input.shape.length;
  const given = intArg(op, request, op.fuzz?.classAxisKeyword) ?? op.fuzz?.classAxis ?? -1;
  const axis = given >= 0 ? given : rank + given;
  if (rank === 0 || axis < 0 || axis >= rank) return ['an input without its class axis'];
  const classes = input.shape[axis]!;
  const out: string[] = [];
  const weight = request.inputs.weight;
  if (weight !== undefined && (weight.shape.length !== 1 || weight.shape[0] !== classes)) out.push(`a weight of shape [${weight.shape.join(', ')}]`);
  if (!labelShapes(op, input.shape, axis, soft).some((s) => s.join() === label.shape.join())) out.push(`a label of shape [${label.shape.join(', ')}]`);
  else if (soft) {
    const name = op.fuzz?.ignoreIndex;
    if (name !== undefined && argsOf(op, request)[name] !== undefined) out.push(`${name}= with soft labels`);
  } else if (!classesOnly(op, request, classes)) out.push('a class index out of range');
  return out;
}

/** The label shapes the page states for an input of this shape and class axis. */
function labelShapes(op: OpDescriptor, shape: readonly number[], axis: number, soft: boolean): number[][] {
  if (soft || op.fuzz?.classLabelKeepsAxis) return [[...shape]];
  const without = shape.filter((_, i) => i !== axis);
  const one = shape.map((d, i) => (i === axis ? 1 : d));
  const trailing = op.fuzz?.classLabelTrailingOne;
  return trailing === 'always' ? [one] : trailing === 'sometimes' ? [without, one] : [without];
}

/** Whether every class index of the label lies in [0, C), or is the ignored class or the rows' terminator. */
function classesOnly(op: OpDescriptor, request: RequestJson, classes: number): boolean {
  const ignored = intArg(op, request, op.fuzz?.ignoreIndex);
  return valuesOf(decodeTensor(request.inputs.label!, 'label')).every((v) => (v >= 0 && v < classes) || v === ignored || v === op.fuzz?.classTerminator);
}
