/**
 * The plumbing between the protocol and the reference: wire tensors to
 * reference tensors and back without passing values through decimal (so NaN
 * payloads and the sign of zero survive), keyword arguments decoded as the
 * op's signature says, and a PaddleError turned into `{error: {type,
 * message}}` like any other port's. Each op's reference adapter is built on it.
 */
import { dtypeOf, isDTypeName, PaddleError, PaddleTypeError, Tensor } from '../reference/index.js';
import { isPaddleRelease, paddleReleaseBefore } from '../reference/release.js';
import type { GradOutputJson, KwargJson, ResponseJson } from './case.js';
import { argsOf, formOf, inputKeysOf, type OpSignature } from './op.js';
import type { PortRequest } from './port.js';
import { decodeScalar, decodeTensor, encodeTensor, elementAt, fromTypedArray, fromValues, shapeSize, type TensorJson, type WireTensor } from './wire.js';

/** A request decoded for the reference: its tensors by name, its keyword arguments, and its form. */
export interface DecodedCall {
  /** The tensors, by parameter name, in the op's order; an optional tensor (weight) only when the request gives it; a tensor list's elements by key (`tail_weights.0.1`). */
  tensors: Record<string, Tensor>;
  /** Keyword arguments as JavaScript values; an absent key is absent, so the reference applies Paddle's default. */
  args: Record<string, unknown>;
  /** Whether the layer is called (its arguments went to the constructor). */
  layer: boolean;
  /** The upstream gradient, when the request gives one tensor (an op with one output). */
  gradOutput?: Tensor;
  /** The upstream gradient of an op with several outputs, when the request gives one: one entry per output, null where the backward does not go through it. */
  gradOutputs?: ReadonlyArray<Tensor | null>;
}

/**
 * What an op's reference computes for a decoded call: the result (a list of
 * tensors, in Paddle's return order, for an op with several outputs) and the
 * requested gradients, by input name.
 */
export type ReferenceCompute = (call: DecodedCall, grad: readonly string[]) => { output: Tensor | readonly Tensor[] | null; grad?: Record<string, Tensor> };

/**
 * Answers a request with the reference: decodes it under the op's signature,
 * computes, and encodes the result; a PaddleError becomes an error response
 * and a dtype the reference cannot hold a skip.
 */
export function referenceResponse(op: OpSignature, request: PortRequest, compute: ReferenceCompute): ResponseJson {
  const missing = missingApi(op, request.api);
  if (missing) return { id: request.id, error: missing };
  const names = [...new Set([...op.tensors, ...inputKeysOf(op, request.inputs)])];
  const wire = names.map((name) => decodeTensor(request.inputs[name], `request.inputs.${name}`));
  const unsupported = wire.find((t) => !isDTypeName(t.dtype));
  if (unsupported) return { id: request.id, skip: `the reference cannot hold ${unsupported.dtype} tensors` };
  try {
    const call = decodeCall(op, request, names, wire);
    const result = compute(call, request.grad ?? []);
    const grad = result.grad && Object.fromEntries(Object.entries(result.grad).map(([k, t]) => [k, toJson(t)]));
    const output = result.output === null ? null : isTensorList(result.output) ? result.output.map(toJson) : toJson(result.output);
    // ReferenceAnswer's response is typed for one output, as most ops' code reads it; an op with several reads it as AnyResponseJson.
    return { id: request.id, output, ...(request.grad ? { grad } : {}) } as ResponseJson;
  } catch (e) {
    if (e instanceof PaddleError) return { id: request.id, error: { type: e.type, message: e.message } };
    throw e;
  }
}

/** Paddle's AttributeError for an API name younger than the release being reproduced; undefined when the release has it. */
function missingApi(op: OpSignature, api: string): { type: string; message: string } | undefined {
  const since = op.since?.[api];
  if (since === undefined || !isPaddleRelease(since) || !paddleReleaseBefore(since)) return undefined;
  const dot = api.lastIndexOf('.');
  return { type: 'AttributeError', message: `module '${api.slice(0, dot)}' has no attribute '${api.slice(dot + 1)}'` };
}

function decodeCall(op: OpSignature, request: PortRequest, names: readonly string[], wire: WireTensor[]): DecodedCall {
  const layer = formOf(op, request.api) === 'layer';
  const tensors = Object.fromEntries(names.map((name, i) => [name, toReference(wire[i]!)]));
  const args = keywordArguments(op, argsOf(op, request), layer ? '__init__' : op.functional.split('.').pop()!);
  const upstream: GradOutputJson | undefined = request.grad_output;
  if (Array.isArray(upstream)) {
    const gradOutputs = upstream.map((t, i) => (t === null ? null : toReference(decodeTensor(t, `request.grad_output[${i}]`))));
    return { tensors, args, layer, gradOutputs };
  }
  const gradOutput = upstream ? toReference(decodeTensor(upstream, 'request.grad_output')) : undefined;
  return { tensors, args, layer, ...(gradOutput && { gradOutput }) };
}

function isTensorList(output: Tensor | readonly Tensor[]): output is readonly Tensor[] {
  return Array.isArray(output);
}

/**
 * Decodes keyword arguments into JavaScript values. An unknown key raises the
 * TypeError Python raises for it, naming the function as Python does.
 */
function keywordArguments(op: OpSignature, args: Record<string, KwargJson>, fn: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    const spec = op.kwargs.find((k) => k.name === key && (!k.layerOnly || fn === '__init__'));
    if (!spec) throw new PaddleTypeError(`${fn}() got an unexpected keyword argument '${key}'`);
    out[key] = kwarg(value, spec.kind === 'float');
  }
  return out;
}

/** One kwarg: `{"int": n}` is a Python int, `{"str": s}` a Python str; for a float parameter, "NaN" and "±Infinity" are floats. */
function kwarg(value: KwargJson, float: boolean): unknown {
  if (Array.isArray(value)) return [...value];
  if (typeof value === 'object' && value !== null) return 'int' in value ? value.int : value.str;
  if (float && (value === 'NaN' || value === 'Infinity' || value === '-Infinity')) return decodeScalar(value, 'kwarg');
  return value;
}

/** A wire tensor as a reference tensor; float32, float64, int32 and bool bytes are copied as they are. */
export function toReference(t: WireTensor): Tensor {
  if (!isDTypeName(t.dtype)) throw new Error(`the reference cannot hold ${t.dtype} tensors`);
  const dtype = dtypeOf(t.dtype);
  const data = dtype.allocate(shapeSize(t.shape));
  if (data.BYTES_PER_ELEMENT * data.length === t.bytes.length && sameLayout(t.dtype)) {
    new Uint8Array(data.buffer, data.byteOffset, data.byteLength).set(t.bytes);
  } else {
    // Element by element, not through a JS array, which may turn a NaN into +NaN.
    for (let i = 0; i < data.length; i++) dtype.set(data, i, elementAt(t, i));
  }
  return new Tensor(t.dtype, t.shape, data);
}

/** A reference tensor as wire JSON, its bits kept. */
export function toJson(t: Tensor): TensorJson {
  const wire = sameLayout(t.dtype) ? fromTypedArray(t.dtype, t.shape, t.data) : fromValues(t.dtype, t.shape, t.data);
  return encodeTensor(wire);
}

/** Whether the reference stores this dtype in exactly its wire bytes (16-bit floats and int64 are widened). */
function sameLayout(dtype: string): dtype is 'float32' | 'float64' | 'int32' | 'bool' {
  return dtype === 'float32' || dtype === 'float64' || dtype === 'int32' || dtype === 'bool';
}

/** A transcribed loss over input and label with a reduction: its forward, its gradients and its layer. */
export interface InputLabelLoss {
  forward(input: Tensor, label: Tensor, reduction: string): Tensor;
  grad(input: Tensor, label: Tensor, reduction: string, gradOutput?: Tensor): { input: Tensor; label: Tensor };
  layer(args: Record<string, unknown>): { forward(input: Tensor, label: Tensor): Tensor };
}

/** The reference's answer for a loss of input and label whose only keyword is its reduction (the layer's legacy ones aside). */
export function inputLabelLossAnswer(op: OpSignature, loss: InputLabelLoss): (request: PortRequest) => ResponseJson {
  return (request) => referenceResponse(op, request, (call, grad) => {
    const { input, label } = call.tensors as { input: Tensor; label: Tensor };
    // An explicit None is a bad reduction, not the default.
    const reduction = ('reduction' in call.args ? call.args.reduction : 'mean') as string;
    const output = call.layer ? loss.layer({ ...call.args }).forward(input, label) : loss.forward(input, label, reduction);
    if (grad.length === 0) return { output };
    const g = loss.grad(input, label, reduction, call.gradOutput);
    return { output, grad: Object.fromEntries(grad.map((name) => [name, name === 'input' ? g.input : g.label])) };
  });
}
