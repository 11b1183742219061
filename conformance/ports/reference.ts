/**
 * The bundled default port: the spec-literal reference, in process. It turns
 * wire tensors into reference tensors and back without passing values through
 * decimal, so NaN payloads and the sign of zero survive, and reports a
 * PaddleError as `{error: {type, message}}` like any other port.
 */
import type { KwargJson, ResponseJson } from '../case.js';
import type { Port, PortRequest } from '../port.js';
import { decodeScalar, decodeTensor, fromTypedArray, fromValues, encodeTensor, shapeSize, valuesOf, type TensorJson, type WireTensor } from '../wire.js';
import {
  HingeEmbeddingLoss,
  PaddleError,
  PaddleTypeError,
  Tensor,
  dtypeOf,
  hingeEmbeddingLoss,
  hingeEmbeddingLossGrad,
  isDTypeName,
} from '../../reference/index.js';

/** The keyword arguments the API takes, in Paddle's order. */
const PARAMETERS = ['margin', 'reduction', 'name'] as const;

/** Opens the reference port. */
export function referencePort(): Port {
  return {
    name: 'reference',
    handle: async (request) => answer(request),
    close: async () => {},
  };
}

/** The reference's response to one request: a result, Paddle's error, or a skip for a dtype it cannot hold. */
export function answer(request: PortRequest): ResponseJson {
  const input = decodeTensor(request.inputs.input, 'request.inputs.input');
  const label = decodeTensor(request.inputs.label, 'request.inputs.label');
  const unsupported = [input, label].find((t) => !isDTypeName(t.dtype));
  if (unsupported) return { id: request.id, skip: `the reference cannot hold ${unsupported.dtype} tensors` };
  try {
    return { id: request.id, ...call(request, toReference(input), toReference(label)) };
  } catch (e) {
    if (e instanceof PaddleError) return { id: request.id, error: { type: e.type, message: e.message } };
    throw e;
  }
}

function call(request: PortRequest, input: Tensor, label: Tensor): Pick<ResponseJson, 'output' | 'grad'> {
  const layer = request.api === 'paddle.nn.HingeEmbeddingLoss';
  const { margin, reduction, name } = keywordArguments(layer ? request.init : request.kwargs, layer ? '__init__' : 'hinge_embedding_loss');
  const output = layer
    ? new HingeEmbeddingLoss(margin as number, reduction as string, name as string).forward(input, label)
    : hingeEmbeddingLoss(input, label, margin as number, reduction as string, name as string);
  if (!request.grad) return { output: toJson(output) };
  const gradOutput = request.grad_output ? toReference(decodeTensor(request.grad_output, 'request.grad_output')) : undefined;
  const grad = hingeEmbeddingLossGrad(input, label, margin as number, reduction as string, gradOutput);
  return { output: toJson(output), grad: { input: toJson(grad) } };
}

/**
 * Decodes keyword arguments into JavaScript values; an absent key stays
 * undefined so the reference applies Paddle's default. An unknown key raises
 * the TypeError Python raises for it.
 */
function keywordArguments(args: Record<string, KwargJson> | undefined, fn: string): Record<(typeof PARAMETERS)[number], unknown> {
  for (const key of Object.keys(args ?? {})) {
    if (!(PARAMETERS as readonly string[]).includes(key)) throw new PaddleTypeError(`${fn}() got an unexpected keyword argument '${key}'`);
  }
  return { margin: kwarg(args?.margin, true), reduction: kwarg(args?.reduction, false), name: kwarg(args?.name, false) };
}

/** One kwarg: `{"int": n}` is a Python int; for a float parameter, "NaN" and "±Infinity" are floats. */
function kwarg(value: KwargJson | undefined, float: boolean): unknown {
  if (typeof value === 'object' && value !== null) return value.int;
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
    valuesOf(t).forEach((v, i) => dtype.set(data, i, v));
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
