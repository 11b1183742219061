/**
 * The alternatives of the kernel layer's rules (reference/kernels/rules.ts)
 * and of the rules every loss layer shares, as mutants of any op that calls
 * the primitive: one factory per rule, so a primitive's alternative is
 * written once and applied to each op that uses it.
 */
import type { ResponseJson } from '../case.js';
import type { OpDescriptor } from '../op.js';
import type { PortRequest } from '../port.js';
import { bitsAt, decodeTensor, encodeTensor, fromTypedArray, fromValues, shapeSize, valuesOf, type TensorJson } from '../wire.js';
import { bindOp, mapTensors, tensorOf } from './transform.js';
import type { Variant } from './variant.js';

type Op = Omit<OpDescriptor, 'mutants'>;

/** The request with both tensors re-encoded in another dtype (values kept). */
function inDtype(r: PortRequest, dtype: 'float32' | 'int64'): PortRequest {
  const recast = (t: TensorJson): TensorJson => { const d = decodeTensor(t); return encodeTensor(fromValues(dtype, d.shape, valuesOf(d))); };
  return { ...r, inputs: { input: recast(tensorOf(r, 'input')), label: recast(tensorOf(r, 'label')) } };
}

/** Every tensor of a response re-encoded in the dtype (values rounded to it). */
function outputsIn(res: ResponseJson, dtype: string): ResponseJson {
  return mapTensors(res, (t) => { const d = decodeTensor(t); return encodeTensor(fromValues(dtype === 'float16' || dtype === 'bfloat16' ? dtype : 'float32', d.shape, valuesOf(d))); });
}

/** The elements of input and label when their shapes are equal, else undefined. */
export function sameShapeOperands(r: PortRequest): { x: number[]; y: number[] } | undefined {
  const x = decodeTensor(tensorOf(r, 'input'));
  const y = decodeTensor(tensorOf(r, 'label'));
  if (x.shape.join() !== y.shape.join()) return undefined;
  return { x: valuesOf(x), y: valuesOf(y) };
}

/** A port with the kernels Paddle lacks: those dtypes computed in float32 and rounded back. */
export function computesIn(op: Op, dtypes: readonly string[], id: string, rule: string, description: string): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule, description,
    handle: (r) => {
      const dtype = decodeTensor(tensorOf(r, 'input')).dtype;
      if (!dtypes.includes(dtype)) return reference(r);
      return outputsIn(reference({ ...inDtype(r, 'float32'), id: r.id }), dtype);
    },
  };
}

/** Alternative of a layer's legacy-arguments rule: the constructor takes size_average and reduce and ignores them. */
export function layerIgnoresLegacyArguments(op: Op, id: string, rule: string): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule,
    description: `${op.layer.split('.').pop()} accepts size_average= and reduce= and ignores them`,
    handle: (r) => {
      const init = r.init ?? {};
      if (!('size_average' in init) && !('reduce' in init)) return reference(r);
      const { size_average: _s, reduce: _r, ...rest } = init;
      return reference({ ...r, init: rest });
    },
  };
}

/** Alternative of `subtract-broadcasts`: operands of different shapes are refused. */
export function shapesMustEqual(op: Op, id: string): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'subtract-broadcasts',
    description: "refuses a label whose shape is not input's (the page's \"same shape as input\") instead of broadcasting it",
    handle: (r) => {
      const x = decodeTensor(tensorOf(r, 'input'));
      const y = decodeTensor(tensorOf(r, 'label'));
      if (x.shape.join() === y.shape.join() || !['none', 'mean', 'sum'].includes(String(reductionOf(r)))) return reference(r);
      return { id: r.id, error: { type: 'ValueError', message: `input's shape [${x.shape.join(', ')}] must equal label's [${y.shape.join(', ')}]` } };
    },
  };
}

/** Alternative of `subtract-grad-negates`: label's gradient as scale(input's, -1), which keeps a NaN's sign. */
export function labelGradKeepsNanSign(op: Op, id: string): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'subtract-grad-negates', bitwiseOnly: true,
    description: "label's gradient as scale(input's, -1), which keeps a NaN's sign, where Paddle negates element by element",
    handle: (r) => {
      const res = reference(r);
      if (!res.grad?.input || !res.grad.label || !sameShapeOperands(r)) return res;
      const g = decodeTensor(res.grad.input);
      if (g.dtype !== 'float32') return res;
      const n = shapeSize(g.shape);
      const values = valuesOf(g);
      const bits = new Uint32Array(n);
      for (let k = 0; k < n; k++) { const b = Number(bitsAt(g, k)); bits[k] = Number.isNaN(values[k]) ? b : (b ^ 0x80000000) >>> 0; }
      return { ...res, grad: { ...res.grad, label: encodeTensor(fromTypedArray('float32', g.shape, bits)) } };
    },
  };
}

/** Alternative of `sum-of-integers-is-int64`: an int32 loss sums to int32. */
export function integerSumKeepsDtype(op: Op, id: string): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'sum-of-integers-is-int64',
    description: "returns an int32 loss's sum as int32",
    handle: (r) => {
      const res = reference(r);
      if (reductionOf(r) !== 'sum' || !res.output || decodeTensor(tensorOf(r, 'input')).dtype !== 'int32') return res;
      const out = decodeTensor(res.output);
      return { ...res, output: encodeTensor(fromValues('int32', out.shape, valuesOf(out))) };
    },
  };
}

/** A NaN of the output, at element k, given the sign bit of the operand NaN the difference holds (as an abs or square that keeps it would). */
export function withOperandNanSigns(r: PortRequest, res: ResponseJson, keep: boolean): ResponseJson {
  const ops = sameShapeOperands(r);
  if (!ops || !res.output) return res;
  const out = decodeTensor(res.output);
  if (out.dtype !== 'float32') return res;
  const x = decodeTensor(tensorOf(r, 'input'));
  const y = decodeTensor(tensorOf(r, 'label'));
  const n = shapeSize(out.shape);
  if (n !== ops.x.length) return res;
  const bits = new Uint32Array(n);
  const values = valuesOf(out);
  for (let k = 0; k < n; k++) {
    const own = Number(bitsAt(out, k));
    const nan = Number.isNaN(ops.x[k]) ? Number(bitsAt(x, k)) : Number.isNaN(ops.y[k]) ? Number(bitsAt(y, k)) : undefined;
    bits[k] = nan === undefined || !Number.isNaN(values[k]) ? own : keep ? nan : (nan & 0x7fffffff) >>> 0;
  }
  return { ...res, output: encodeTensor(fromTypedArray('float32', out.shape, bits)) };
}

