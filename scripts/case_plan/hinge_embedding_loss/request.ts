/**
 * Building hinge_embedding_loss's requests: calls of the functional form or
 * the layer with input, label and Paddle's keyword arguments (the tensors
 * themselves come from ../tensor.ts).
 */
import type { KwargJson, RequestJson } from '../../../conformance/case.js';
import type { TensorJson } from '../../../conformance/wire.js';
import type { ParamValue } from '../params.js';

/** The two forms of the API, as they appear in ids. */
export type Form = 'functional' | 'layer';

/** The API name of each form. */
export const FORM_API: Record<Form, string> = {
  functional: 'paddle.nn.functional.hinge_embedding_loss',
  layer: 'paddle.nn.HingeEmbeddingLoss',
};

/** The id value of an argument that is left out, so Paddle applies its default. */
export const DEFAULT = 'default';

/** Everything that varies between calls of the loss. */
export interface Call {
  /** The input tensor. */
  input: TensorJson;
  /** The label tensor. */
  label: TensorJson;
  /** Functional (default) or layer. */
  form?: Form;
  /** The margin as an id value: a number, `default`, `int(n)`, a boolean or null. */
  margin?: ParamValue;
  /** The reduction as an id value, passed verbatim; `default` leaves it out. */
  reduction?: ParamValue;
  /** A Python str margin, sent as `{"str": text}` (instead of `margin`). */
  marginStr?: string;
  /** An output name, passed as `name`. */
  name?: string;
  /** Ask for the gradient with respect to input. */
  grad?: boolean;
  /** The upstream gradient (implies grad). */
  gradOutput?: TensorJson;
}

/**
 * The request for a call. Arguments left at `default` are absent from the
 * request, and with none given the request has no kwargs/init at all, so the
 * oracle calls Paddle without them and Paddle's own defaults apply.
 */
export function request(call: Call): RequestJson {
  const args: Record<string, KwargJson> = {};
  const margin = call.marginStr !== undefined ? { str: call.marginStr } : marginKwarg(call.margin === undefined ? DEFAULT : call.margin);
  if (margin !== undefined) args.margin = margin;
  if (call.reduction !== undefined && call.reduction !== DEFAULT) args.reduction = call.reduction;
  if (call.name !== undefined) args.name = call.name;
  const form = call.form ?? 'functional';
  const req: RequestJson = { api: FORM_API[form], inputs: { input: call.input, label: call.label } };
  if (Object.keys(args).length > 0) req[form === 'layer' ? 'init' : 'kwargs'] = args;
  if (call.grad || call.gradOutput) req.grad = ['input'];
  if (call.gradOutput) req.grad_output = call.gradOutput;
  return req;
}

/**
 * The margin keyword as the protocol encodes it: a JSON number for a finite
 * Python float, "NaN"/"Infinity"/"-Infinity" for the others, `{"int": n}` for
 * a Python int (id value `int(n)`), booleans and null verbatim; undefined for
 * `default`.
 */
export function marginKwarg(m: ParamValue): KwargJson | undefined {
  if (m === DEFAULT) return undefined;
  if (typeof m === 'number') {
    if (Number.isNaN(m)) return 'NaN';
    if (m === Infinity) return 'Infinity';
    if (m === -Infinity) return '-Infinity';
    return m;
  }
  if (typeof m === 'string') {
    const int = /^int\((-?\d+)\)$/.exec(m);
    if (!int) throw new RangeError(`margin id value ${JSON.stringify(m)} is not a number, 'default' or int(n)`);
    return { int: Number(int[1]) };
  }
  return m;
}

/** The margin a call uses, as a number (Paddle's default 1.0 when left out). */
export function marginValue(m: ParamValue | undefined): number {
  if (m === undefined || m === DEFAULT) return 1.0;
  const k = marginKwarg(m);
  if (typeof k === 'object' && k !== null) return 'int' in k ? k.int : NaN;
  if (typeof k === 'string') return Number(k);
  return Number(k);
}
