/**
 * The bundled default port: the spec-literal reference, in process. It turns
 * wire tensors into reference tensors and back without passing values through
 * decimal, so NaN payloads and the sign of zero survive, and reports a
 * PaddleError as `{error: {type, message}}` like any other port.
 *
 * A second port over the same plumbing answers with the reference's fast path
 * (reference/fast.ts) instead, so that the maths fast.ts writes a second time
 * is judged against Paddle's goldens too, not only against the literal path.
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
  hingeEmbeddingLossFast,
  hingeEmbeddingLossGrad,
  hingeEmbeddingLossGradFast,
  isDTypeName,
  type Margin,
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

/**
 * Opens a port that answers with the fast path (hingeEmbeddingLossFast and
 * hingeEmbeddingLossGradFast) wherever it applies and with the literal
 * reference elsewhere. `onFastPath` hears the id of every request whose
 * result came from the fast kernels, so a caller can tell a fast port that
 * silently fell back everywhere from one that did not.
 */
export function referenceFastPort(onFastPath?: (id: string) => void): Port {
  return {
    name: 'reference-fast',
    handle: async (request) => {
      const fast = fastPathApplies(request);
      const response = respond(request, fast ? FAST : LITERAL);
      if (fast && response.output !== undefined) onFastPath?.(request.id);
      return response;
    },
    close: async () => {},
  };
}

/** The reference's response to one request: a result, Paddle's error, or a skip for a dtype it cannot hold. */
export function answer(request: PortRequest): ResponseJson {
  return respond(request, LITERAL);
}

/** The functions a port computes with: the loss, the layer's forward, and the input gradient. */
interface Kernels {
  loss: typeof hingeEmbeddingLoss;
  forward: (layer: HingeEmbeddingLoss, input: Tensor, label: Tensor) => Tensor;
  grad: typeof hingeEmbeddingLossGrad;
}

/** The literal reading: the layer through its own forward. */
const LITERAL: Kernels = {
  loss: hingeEmbeddingLoss,
  forward: (layer, input, label) => layer.forward(input, label),
  grad: hingeEmbeddingLossGrad,
};

/** The fast path: the layer's stored arguments go to the fast loss, as forward passes them to the literal one. */
const FAST: Kernels = {
  loss: hingeEmbeddingLossFast,
  forward: (layer, input, label) => hingeEmbeddingLossFast(input, label, layer.margin, layer.reduction, layer.name),
  grad: hingeEmbeddingLossGradFast,
};

/**
 * Whether the fast kernels compute this request, decided from the request
 * alone as fast.ts's isCommonCase decides it: a float32 or float64 input and a
 * label of the same shape with at least one dimension (a 0-D pair broadcasts
 * to [1], off the fast path), and no grad_output of a shape the loss does not
 * have (fast.ts leaves that error to the literal gradient).
 */
export function fastPathApplies(request: PortRequest): boolean {
  const { input, label } = request.inputs;
  if (input.dtype !== 'float32' && input.dtype !== 'float64') return false;
  if (input.shape.length === 0 || !sameDims(input.shape, label.shape)) return false;
  if (!request.grad || !request.grad_output) return true;
  const args = request.api === 'paddle.nn.HingeEmbeddingLoss' ? request.init : request.kwargs;
  return sameDims(request.grad_output.shape, (args?.reduction ?? 'mean') === 'none' ? input.shape : []);
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function respond(request: PortRequest, kernels: Kernels): ResponseJson {
  const input = decodeTensor(request.inputs.input, 'request.inputs.input');
  const label = decodeTensor(request.inputs.label, 'request.inputs.label');
  const unsupported = [input, label].find((t) => !isDTypeName(t.dtype));
  if (unsupported) return { id: request.id, skip: `the reference cannot hold ${unsupported.dtype} tensors` };
  try {
    return { id: request.id, ...call(request, toReference(input), toReference(label), kernels) };
  } catch (e) {
    if (e instanceof PaddleError) return { id: request.id, error: { type: e.type, message: e.message } };
    throw e;
  }
}

function call(request: PortRequest, input: Tensor, label: Tensor, kernels: Kernels): Pick<ResponseJson, 'output' | 'grad'> {
  const layer = request.api === 'paddle.nn.HingeEmbeddingLoss';
  const { margin, reduction, name } = keywordArguments(layer ? request.init : request.kwargs, layer ? '__init__' : 'hinge_embedding_loss');
  const output = layer
    ? kernels.forward(new HingeEmbeddingLoss(margin as Margin, reduction as string, name as string), input, label)
    : kernels.loss(input, label, margin as Margin, reduction as string, name as string);
  if (!request.grad) return { output: toJson(output) };
  const gradOutput = request.grad_output ? toReference(decodeTensor(request.grad_output, 'request.grad_output')) : undefined;
  const grad = kernels.grad(input, label, margin as Margin, reduction as string, gradOutput);
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

/** One kwarg: `{"int": n}` is a Python int, `{"str": s}` a Python str; for a float parameter, "NaN" and "±Infinity" are floats. */
function kwarg(value: KwargJson | undefined, float: boolean): unknown {
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
