/**
 * The alternatives of the kernel layer's rules (reference/kernels/rules.ts)
 * and of the rules every loss layer shares, as mutants of any op that calls
 * the primitive: one factory per rule, so a primitive's alternative is
 * written once and applied to each op that uses it.
 */
import { broadcastIndex, broadcastShapes } from '../../reference/broadcast.js';
import { castValue } from '../../reference/cast.js';
import { isDTypeName, type DTypeName } from '../../reference/dtype.js';
import type { ResponseJson } from '../case.js';
import { unreducedRequest, type OpDescriptor } from '../op.js';
import type { PortRequest } from '../port.js';
import { bitsAt, decodeTensor, elementAt, encodeTensor, fromTypedArray, fromValues, shapeSize, valuesOf, type TensorJson, type WireDType } from '../wire.js';
import { MAX_FINITE } from '../floats.js';
import { bindOp, castTo, isCatalogFloat, mapTensors, mapValues, pythonFloat, reshape, rounderOf, sizeOf, tensorOf } from './transform.js';
import type { Variant } from './variant.js';

type Op = Omit<OpDescriptor, 'mutants'>;

/** The request with every tensor re-encoded in another dtype (values kept). */
function inDtype(r: PortRequest, dtype: 'float32' | 'int64'): PortRequest {
  const recast = (t: TensorJson): TensorJson => { const d = decodeTensor(t); return encodeTensor(fromValues(dtype, d.shape, valuesOf(d))); };
  return { ...r, inputs: Object.fromEntries(Object.entries(r.inputs).map(([name, t]) => [name, recast(t)])) };
}

/** Every tensor of a response re-encoded in the dtype (values rounded to it). */
function outputsIn(res: ResponseJson, dtype: string): ResponseJson {
  return mapTensors(res, (t) => { const d = decodeTensor(t); return encodeTensor(fromValues(dtype === 'float16' || dtype === 'bfloat16' ? dtype : 'float32', d.shape, valuesOf(d))); });
}

/** The elements of two tensors of a request (input and label by default) when their shapes are equal, else undefined. */
export function sameShapeOperands(r: PortRequest, xName = 'input', yName = 'label'): { x: number[]; y: number[] } | undefined {
  const x = decodeTensor(tensorOf(r, xName));
  const y = decodeTensor(tensorOf(r, yName));
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
    description: `${(op.layer ?? op.functional).split('.').pop()} accepts size_average= and reduce= and ignores them`,
    handle: (r) => {
      const init = r.init ?? {};
      if (!('size_average' in init) && !('reduce' in init)) return reference(r);
      const { size_average: _s, reduce: _r, ...rest } = init;
      return reference({ ...r, init: rest });
    },
  };
}

/**
 * Alternative of a binary kernel's broadcasting rule (`subtract-broadcasts`
 * by default): operands of different shapes are refused. The kernel's x is
 * the broadcast of the tensors `xs` (input alone by default; other and input
 * for a multiply of their difference), its y the tensor `y`.
 */
export function shapesMustEqual(op: Op, id: string, rule = 'subtract-broadcasts', xs: readonly string[] = ['input'], y = 'label'): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id, expect: 'killed', rule,
    description: `refuses a ${y} whose shape is not ${xs.join(' and ')}'s (the page's "same shape as ${xs[0]}") instead of broadcasting it`,
    handle: (r) => {
      let xShape: readonly number[];
      try {
        const shapes = xs.map((n) => decodeTensor(tensorOf(r, n)).shape);
        xShape = shapes.slice(1).reduce<readonly number[]>((a, b) => broadcastShapes(a, b), shapes[0]!);
      } catch {
        return reference(r);
      }
      const yShape = decodeTensor(tensorOf(r, y)).shape;
      if (xShape.join() === yShape.join() || !['none', 'mean', 'sum'].includes(String(reductionOf(r)))) return reference(r);
      return { id: r.id, error: { type: 'ValueError', message: `${xs.join(' and ')}'s shape [${xShape.join(', ')}] must equal ${y}'s [${yShape.join(', ')}]` } };
    },
  };
}

/**
 * The converse of shapesMustEqual, for an op whose kernel refuses a label of
 * another shape: input and label are broadcast to one shape first, as the
 * element-wise losses built on subtract do, then the same-shape loss is taken
 * (no gradients: the broadcast would have to sum them back).
 */
export function operandsBroadcast(op: Op, id: string, rule: string, description = 'broadcasts a label of another shape, as the other element-wise losses do'): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule, description,
    handle: (r) => {
      const [x, y] = [decodeTensor(tensorOf(r, 'input')), decodeTensor(tensorOf(r, 'label'))];
      if (x.shape.join() === y.shape.join() && x.shape.length === y.shape.length) return reference(r);
      let shape: number[];
      try {
        shape = broadcastShapes(x.shape, y.shape);
      } catch {
        return reference(r);
      }
      const expand = (t: typeof x) => { const v = valuesOf(t); return encodeTensor(fromValues(t.dtype, shape, Array.from(broadcastIndex(t.shape, shape), (i) => v[i]!))); };
      return reference({ ...r, inputs: { ...r.inputs, input: expand(x), label: expand(y) }, grad: undefined, grad_output: undefined });
    },
  };
}

/**
 * Alternative of `subtract-grad-negates`: subtract's y gets scale(x's
 * gradient, -1), which keeps a NaN's sign. x and y are the tensors subtract
 * takes (input and label by default; other and input in margin_ranking_loss).
 */
export function labelGradKeepsNanSign(op: Op, id: string, x = 'input', y = 'label'): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'subtract-grad-negates', bitwiseOnly: true,
    description: `${y}'s gradient as scale(${x}'s, -1), which keeps a NaN's sign, where Paddle negates element by element`,
    handle: (r) => {
      const res = reference(r);
      const gx = res.grad?.[x];
      if (!gx || !res.grad?.[y] || !sameShapeOperands(r, x, y)) return res;
      const g = decodeTensor(gx);
      if (g.dtype !== 'float32') return res;
      const n = shapeSize(g.shape);
      const values = valuesOf(g);
      const bits = new Uint32Array(n);
      for (let k = 0; k < n; k++) { const b = Number(bitsAt(g, k)); bits[k] = Number.isNaN(values[k]) ? b : (b ^ 0x80000000) >>> 0; }
      return { ...res, grad: { ...res.grad, [y]: encodeTensor(fromTypedArray('float32', g.shape, bits)) } };
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


// ---------------------------------------------------------------- type promotion (kernels/promotion.ts)

/** The request's tensors' dtypes, by name. */
function dtypesOf(r: PortRequest): Record<string, WireDType> {
  return Object.fromEntries(Object.entries(r.inputs).map(([name, t]) => [name, t.dtype as WireDType]));
}

/** A response's gradients re-encoded in each operand's own dtype, values kept. */
function gradsIn(res: ResponseJson, dtypes: Record<string, WireDType>): ResponseJson {
  if (!res.grad) return res;
  const back = (name: string, t: TensorJson): TensorJson => {
    const d = decodeTensor(t);
    const to = dtypes[name] ?? d.dtype;
    // As Paddle's cast writes it: a NaN or out-of-range value cast to an integer is the integer minimum.
    const cast = isDTypeName(to) && isDTypeName(d.dtype) ? (v: number) => castValue(v, d.dtype as DTypeName, to) : (v: number) => v;
    return encodeTensor(fromValues(to, d.shape, valuesOf(d).map(cast)));
  };
  return { ...res, grad: Object.fromEntries(Object.entries(res.grad).map(([name, t]) => [name, back(name, t)])) };
}

/** The request with every tensor (and the upstream gradient) re-encoded in the dtype, values kept. */
function allIn(r: PortRequest, dtype: 'float32' | 'float64' | 'int64'): PortRequest {
  const recast = (t: TensorJson): TensorJson => { const d = decodeTensor(t); return encodeTensor(fromValues(dtype, d.shape, valuesOf(d))); };
  return { ...r, inputs: Object.fromEntries(Object.entries(r.inputs).map(([n, t]) => [n, recast(t)])), ...(r.grad_output && { grad_output: recast(r.grad_output) }) };
}

/**
 * Alternative of `promotion-float-dtypes-widen`: float32 and float64
 * operands all cast to float64 first and computed there, PyTorch-style,
 * where Paddle promotes op by op and a 0-D operand takes the other side's
 * dtype. The gradients keep each operand's dtype.
 */
export function promotesAllToWidestFloat(op: Op, id: string): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'promotion-float-dtypes-widen',
    description: "casts every operand to float64 when any is float64 and computes everything there (Paddle promotes op by op, and a 0-D operand takes the other side's dtype)",
    handle: (r) => {
      const dtypes = dtypesOf(r);
      const all = Object.values(dtypes);
      if (!all.every((d) => d === 'float32' || d === 'float64') || all.every((d) => d === all[0])) return reference(r);
      return gradsIn(reference(allIn(r, 'float64')), dtypes);
    },
  };
}

/**
 * Alternative of `promotion-refuses-int-with-float`: integer (or bool)
 * operands promoted as numpy promotes them, to the float operands' widest
 * dtype (int32 with int64 to int64), where Paddle raises TypeError.
 */
export function promotesIntWithFloat(op: Op, id: string): Variant {
  const { reference } = bindOp(op);
  const INTS = ['int32', 'int64', 'bool'];
  return {
    id, expect: 'killed', rule: 'promotion-refuses-int-with-float',
    description: 'promotes integer operands mixed with float ones to the float dtype (int32 with int64 to int64), as numpy does, where Paddle raises TypeError',
    handle: (r) => {
      const dtypes = dtypesOf(r);
      const all = [...new Set(Object.values(dtypes))];
      const floats = all.filter((d) => d === 'float32' || d === 'float64');
      const ints = all.filter((d) => INTS.includes(d));
      if (ints.length === 0 || floats.length + ints.length < 2 || floats.length + ints.length !== all.length) return reference(r);
      const target = floats.includes('float64') ? 'float64' : floats.length > 0 ? 'float32' : 'int64';
      return gradsIn(reference(allIn(r, target)), dtypes);
    },
  };
}

// ---------------------------------------------------------------- relu and multiply's backward (kernels/relu.ts, kernels/multiply.ts)

/** How relu's input stands at one element of an op's unreduced loss. */
export type PreRelu = 'positive' | 'zero' | 'negative' | 'nan';

/** Whether every tensor of the request has one shape, so loss and gradient elements pair up one to one. */
function allSameShape(r: PortRequest): boolean {
  const shapes = Object.values(r.inputs).map((t) => t.shape.join());
  return shapes.every((s) => s === shapes[0]);
}

/**
 * A gradient of a response with some elements replaced; the elements `f`
 * leaves alone keep their bits (a NaN's payload included), since a rule's
 * alternative must change nothing else. float32 and float64 only.
 */
export function editGrad(res: ResponseJson, name: string, f: (g: number, k: number) => number): ResponseJson {
  const json = res.grad?.[name];
  if (!json || !isCatalogFloat(json.dtype)) return res;
  const t = decodeTensor(json);
  const bytes = t.bytes.slice();
  const view = new DataView(bytes.buffer);
  valuesOf(t).forEach((g, k) => {
    const v = f(g, k);
    if (Object.is(v, g)) return;
    if (t.dtype === 'float32') view.setFloat32(k * 4, v, true);
    else view.setFloat64(k * 8, v, true);
  });
  return { ...res, grad: { ...res.grad, [name]: encodeTensor({ ...t, bytes }) } };
}

/**
 * Alternative of `relu-nan-is-zero`: relu as Math.max or PyTorch's clamp_min,
 * which lets a NaN through. `preRelu` says, for a request, how relu's input
 * stands at each element of the unreduced loss (found by asking the
 * reference, never by computing the loss again).
 */
export function reluPropagatesNan(op: Op, id: string, preRelu: (r: PortRequest) => readonly PreRelu[] | undefined): Variant {
  const { reference, viaUnreduced } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'relu-nan-is-zero',
    description: "lets NaN through relu (Paddle's CPU relu gives 0), as Math.max or PyTorch's clamp_min do",
    handle: (r) => {
      const classes = preRelu(r);
      if (!classes?.includes('nan')) return reference(r);
      return viaUnreduced(r, (loss) => loss.map((l, k) => (classes[k] === 'nan' ? NaN : l)));
    },
  };
}

/**
 * Alternative of `relu-grad-zero-at-kink`: PyTorch's clamp_min gradient,
 * which passes the upstream where relu's input is exactly 0. `inside` gives
 * the gradients of the same call with the kink elements moved just inside
 * the relu (same-shape tensors only).
 */
export function reluGradPassesAtKink(
  op: Op, id: string, preRelu: (r: PortRequest) => readonly PreRelu[] | undefined, inside: (r: PortRequest) => ResponseJson['grad'] | undefined,
): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'relu-grad-zero-at-kink',
    description: "passes the upstream gradient where relu's input is exactly 0 (PyTorch's clamp_min; Paddle gives ±0)",
    handle: (r) => {
      const res = reference(r);
      if (!res.grad || !allSameShape(r)) return res;
      const classes = preRelu(r);
      const moved = classes?.includes('zero') ? inside(r) : undefined;
      if (!classes || !moved) return res;
      let out = res;
      for (const name of op.differentiable) {
        const g = moved[name] && valuesOf(decodeTensor(moved[name]));
        if (g) out = editGrad(out, name, (v, k) => (classes[k] === 'zero' ? g[k]! : v));
      }
      return out;
    },
  };
}

/**
 * Alternative of `multiply-grad-is-upstream-times-other`: a backward that
 * skips the elements whose upstream is 0, as where(mask, g · y, 0) does, so
 * an infinite or NaN operand there gives a zero of the sign `signs` names
 * for each gradient instead of Paddle's 0 × inf = NaN (same-shape tensors
 * only). `zeroUpstream` says where multiply's upstream is 0.
 */
export function gradSkipsZeroUpstream(op: Op, id: string, zeroUpstream: (r: PortRequest) => readonly boolean[] | undefined, signs: Record<string, number>): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'multiply-grad-is-upstream-times-other',
    description: "skips multiply's backward where its upstream is 0 (where(mask, g · y, 0)), so an inf or NaN operand there gives 0, where Paddle's 0 × inf is NaN",
    handle: (r) => {
      const res = reference(r);
      if (!res.grad || !allSameShape(r)) return res;
      const zero = zeroUpstream(r);
      if (!zero) return res;
      return Object.entries(signs).reduce((out, [name, sign]) => editGrad(out, name, (g, k) => (zero[k] && Number.isNaN(g) ? sign * 0 : g)), res);
    },
  };
}

// ---------------------------------------------------------------- broadcast gradients (kernels/broadcast_grad.ts)

/**
 * The per-output-element gradient contributions of each differentiable
 * tensor: the reference's gradients when every tensor is first expanded to
 * the broadcast shape (no summing back), with, for each tensor, the gradient
 * element each output element feeds. Undefined unless all tensors share one
 * float32/float64 dtype (expanding a 0-D one would otherwise change type
 * promotion) and the expanded call succeeds.
 */
function contributionsOf(op: Op, r: PortRequest): { size: number; at: Record<string, Int32Array>; grad: Record<string, number[]> } | undefined {
  const tensors = Object.fromEntries(Object.entries(r.inputs).map(([n, t]) => [n, decodeTensor(t)]));
  const dtypes = new Set(Object.values(tensors).map((t) => t.dtype));
  if (dtypes.size !== 1 || !isCatalogFloat([...dtypes][0]!) || !r.grad) return undefined;
  let shape: number[] = [];
  try {
    for (const t of Object.values(tensors)) shape = broadcastShapes(shape, t.shape);
  } catch {
    return undefined;
  }
  const expand = (t: (typeof tensors)[string]): TensorJson => {
    const values = valuesOf(t);
    return encodeTensor(fromValues(t.dtype, shape, Array.from(broadcastIndex(t.shape, shape), (i) => values[i]!)));
  };
  const expanded = op.reference({ ...r, inputs: Object.fromEntries(Object.entries(tensors).map(([n, t]) => [n, expand(t)])) });
  if (!expanded.grad) return undefined;
  const grad = Object.fromEntries(Object.entries(expanded.grad).map(([n, g]) => [n, valuesOf(decodeTensor(g))]));
  const at = Object.fromEntries(op.differentiable.map((n) => [n, broadcastIndex(tensors[n]!.shape, shape)]));
  return { size: shapeSize(shape), at, grad };
}

/** For each element of an operand's gradient, its contributions in the output's row-major order. */
function groupedByElement(values: readonly number[], at: Int32Array, size: number): number[][] {
  const groups = Array.from({ length: size }, () => [] as number[]);
  values.forEach((v, k) => groups[at[k]!]!.push(v));
  return groups;
}

/** Pairwise (recursive halving) summation with every partial sum rounded. */
function pairwise(values: readonly number[], round: (x: number) => number): number {
  if (values.length === 0) return 0;
  if (values.length === 1) return values[0]!;
  const half = values.length >> 1;
  return round(pairwise(values.slice(0, half), round) + pairwise(values.slice(half), round));
}

/**
 * Alternative of `broadcast-grad-summed-in-order`: a broadcast operand's
 * gradient summed back pairwise, as numpy's sum does, instead of left to
 * right in the output's row-major order. Only the rounding order differs:
 * where it changes no value, the reference's element (and its zero's sign)
 * is kept. Operands of one dtype only.
 */
export function broadcastGradSummedPairwise(op: Op, id: string): Variant {
  return broadcastGradResummed(op, id, 'broadcast-grad-summed-in-order',
    "sums a broadcast operand's gradient back pairwise (numpy's order) instead of left to right in the output's row-major order",
    (c, round) => pairwise(c, round));
}

/**
 * A broadcast operand's gradient summed back from its per-element
 * contributions in another order (`sum`); where that changes no value the
 * reference's bits stay (a zero's sign comes from where Paddle negates, not
 * from the order). Operands of one dtype only.
 */
function broadcastGradResummed(op: Op, id: string, rule: string, description: string, sum: (contributions: number[], round: (x: number) => number) => number): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule, description,
    handle: (r) => {
      const res = reference(r);
      const parts = res.grad && contributionsOf(op, r);
      if (!parts) return res;
      let out = res;
      for (const name of op.differentiable) {
        const values = parts.grad[name];
        const own = decodeTensor(tensorOf(r, name));
        const round = rounderOf(own.dtype);
        if (!values || !round || shapeSize(own.shape) >= parts.size) continue;
        const sums = groupedByElement(values, parts.at[name]!, shapeSize(own.shape)).map((c) => sum(c, round));
        out = editGrad(out, name, (g, i) => (sums[i] === g || (Number.isNaN(sums[i]) && Number.isNaN(g)) ? g : sums[i]!));
      }
      return out;
    },
  };
}

/**
 * Alternative of `broadcast-grad-accumulates-from-zero`: -0 kept in a
 * gradient element whose contributions are all -0, where Paddle's general
 * broadcast path (and its sums from +0) give +0. Only the sign of zeros
 * changes; visible with --bitwise.
 */
export function broadcastGradKeepsNegativeZero(op: Op, id: string): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'broadcast-grad-accumulates-from-zero', bitwiseOnly: true,
    description: "keeps -0 gradient elements whose contributions are all -0, where Paddle's general broadcast path gives +0; visible with --bitwise",
    handle: (r) => {
      const res = reference(r);
      const parts = res.grad && contributionsOf(op, r);
      if (!parts) return res;
      let out = res;
      for (const name of op.differentiable) {
        const values = parts.grad[name];
        if (!values) continue;
        const groups = groupedByElement(values, parts.at[name]!, sizeOf(tensorOf(r, name)));
        const allNegativeZero = groups.map((c) => c.length > 0 && c.every((v) => Object.is(v, -0)));
        out = editGrad(out, name, (g, i) => (Object.is(g, 0) && allNegativeZero[i] ? -0 : g));
      }
      return out;
    },
  };
}

/** Whether a wire dtype is a float the mutants can rewrite bit by bit. */
function isFloat(dtype: string): dtype is 'float32' | 'float64' {
  return dtype === 'float32' || dtype === 'float64';
}

/** A float tensor with the sign of each zero element at `where` flipped; other elements keep their bits. */
function flipZeroSigns(json: TensorJson, where: (k: number) => boolean): TensorJson {
  const t = decodeTensor(json);
  if (!isFloat(t.dtype)) return json;
  const size = t.dtype === 'float32' ? 4 : 8;
  const bytes = t.bytes.slice();
  valuesOf(t).forEach((v, k) => { if (v === 0 && where(k)) bytes[k * size + size - 1] = bytes[k * size + size - 1]! ^ 0x80; });
  return encodeTensor({ ...t, bytes });
}

/** The response with the gradient `grad` passed through `f`, when the response has it. */
function withGrad(res: ResponseJson, grad: string, f: (t: TensorJson) => TensorJson): ResponseJson {
  const g = res.grad?.[grad];
  return g ? { ...res, grad: { ...res.grad, [grad]: f(g) } } : res;
}

/** x rounded to the nearest integer, ties to even (numpy's rint); NaN and ±inf as they are. */
function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Alternative of `cast-to-integer-truncates`: the float tensor `from` cast
 * to the integer dtype of `to` by rounding to the nearest integer (numpy's
 * rint: 0.7 → 1, -1.5 → -2), not by truncation: the request with `from`'s
 * values rounded first, which the reference's cast then keeps.
 */
export function castRoundsToNearest(op: Op, id: string, from = 'label', to = 'input'): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'cast-to-integer-truncates',
    description: `casts a float ${from} to ${to}'s integer dtype by rounding to the nearest integer (0.7 → 1, -1.5 → -2), not by truncation`,
    handle: (r) => {
      const source = tensorOf(r, from);
      const target = decodeTensor(tensorOf(r, to)).dtype;
      if ((target !== 'int32' && target !== 'int64') || !isFloat(source.dtype)) return reference(r);
      return reference({ ...r, inputs: { ...r.inputs, [from]: mapValues(source, roundHalfEven) } });
    },
  };
}

/**
 * Alternative of `scale-adds-zero-bias`: `-t` as a true negation, so a +0
 * element of the negated tensor `negated` becomes -0 where Paddle's
 * scale(t, -1, 0) gives +0; the product it feeds carries that zero's sign
 * into the gradient of `grad`, whose zero there has the other sign (bitwise
 * only: the values are equal).
 */
export function negationKeepsZeroSign(op: Op, id: string, negated = 'label', grad = 'input'): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'scale-adds-zero-bias', bitwiseOnly: true,
    description: `computes -${negated} as a negation, so a +0 ${negated} gives -0 and ${grad}'s gradient there the other zero, where Paddle's scale(${negated}, -1) + 0 gives +0`,
    handle: (r) => {
      const t = decodeTensor(tensorOf(r, negated));
      const isInteger = t.dtype === 'int32' || t.dtype === 'int64';
      const positiveZero = (k: number): boolean => elementAt(t, k) === 0 && (isInteger || bitsAt(t, k) === 0n);
      return withGrad(reference(r), grad, (g) => (shapeSize(g.shape) === shapeSize(t.shape) ? flipZeroSigns(g, positiveZero) : g));
    },
  };
}

/**
 * Alternative of `scale-grad-adds-zero`: scale's backward as dout · s with
 * no + 0, so a -0 upstream stays -0 through it. For an op whose gradient of
 * `grad` is the upstream times nonzero factors after its scale: where the
 * upstream reaching an element is -0 (a -0 grad_output, or a -0 upstream of
 * a mean or sum), `grad`'s zero there has the other sign (bitwise only).
 */
export function scaleGradKeepsNegativeZero(op: Op, id: string, grad = 'input'): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'scale-grad-adds-zero', bitwiseOnly: true,
    description: `scale's backward is dout · s without Paddle's + 0, so a -0 upstream gives ${grad} a zero gradient of the other sign`,
    handle: (r) => {
      if (!r.grad_output) return reference(r);
      const up = decodeTensor(r.grad_output);
      const negativeZero = (k: number): boolean => {
        const at = shapeSize(up.shape) === 1 ? 0 : k;
        return elementAt(up, at) === 0 && bitsAt(up, at) !== 0n;
      };
      return withGrad(reference(r), grad, (g) => flipZeroSigns(g, negativeZero));
    },
  };
}

/**
 * Alternative of `exp-of-integers-in-float32`: the gradient of an integer
 * tensor `grad` kept in float32, as exp gives it, never cast to the
 * integer dtype (as an integer leaf's is): the gradient of the same request
 * with that tensor in float32.
 */
export function integerGradKeptFloat(op: Op, id: string, grad = 'input'): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'exp-of-integers-in-float32',
    description: `gives an int32 or int64 ${grad} its float32 gradient, not cast back to the integer dtype`,
    handle: (r) => {
      const res = reference(r);
      const dtype = tensorOf(r, grad).dtype;
      if ((dtype !== 'int32' && dtype !== 'int64') || !res.grad?.[grad]) return res;
      const float = reference({ ...r, inputs: { ...r.inputs, [grad]: castTo(tensorOf(r, grad), 'float32') } }).grad?.[grad];
      return float ? withGrad(res, grad, () => float) : res;
    },
  };
}

/**
 * Alternative of `exp-packet-and-tail`: every exp by the C library, as a
 * scalar loop computes it. For an element-wise op whose tensors share one
 * shape of at least a packet (8 elements): each element asked of the
 * reference alone (a one-element tensor runs only the tail), its gradient
 * under its share of the upstream (g / N rounded for mean), the losses
 * reduced again.
 */
export function expLibmEverywhere(op: Op, id: string): Variant {
  const { reference, reductionOf, viaUnreduced } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'exp-packet-and-tail',
    description: "computes every exp with the C library, as a scalar loop does (Paddle runs Eigen's clamped polynomial on whole packets: exp(-100) is 2.9e-39 there)",
    handle: (r) => {
      const tensors = op.tensors.map((name) => decodeTensor(tensorOf(r, name)));
      const n = shapeSize(tensors[0]!.shape);
      const reduction = reductionOf(r);
      if (n < 8 || !isFloat(tensors[0]!.dtype) || tensors.some((t) => t.shape.join() !== tensors[0]!.shape.join()) || !['none', 'mean', 'sum'].includes(String(reduction))) return reference(r);
      const round = tensors[0]!.dtype === 'float32' ? Math.fround : (v: number) => v;
      const up = r.grad_output ? valuesOf(decodeTensor(r.grad_output)) : undefined;
      const share = (k: number): number => (reduction === 'none' ? up?.[k] ?? 1 : reduction === 'sum' ? up?.[0] ?? 1 : round((up?.[0] ?? 1) / n));
      const alone = Array.from({ length: n }, (_, k) => reference({
        ...unreducedRequest(op, r),
        inputs: Object.fromEntries(op.tensors.map((name, i) => [name, encodeTensor(fromValues(tensors[i]!.dtype, [1], [elementAt(tensors[i]!, k)]))])),
        ...(r.grad && { grad_output: encodeTensor(fromValues(tensors[0]!.dtype, [1], [share(k)])) }),
      }));
      if (alone.some((a) => !a.output)) return reference(r);
      const res = viaUnreduced(r, () => alone.map((a) => valuesOf(decodeTensor(a.output!))[0]!));
      if (!res.grad) return res;
      return { ...res, grad: Object.fromEntries(Object.entries(res.grad).map(([name, g]) => {
        const t = decodeTensor(g);
        return [name, encodeTensor(fromValues(t.dtype, t.shape, alone.map((a) => valuesOf(decodeTensor(a.grad![name]!))[0]!)))];
      })) };
    },
  };
}

// ---------------------------------------------------------------- clip, sqrt, sum along an axis, equal, where, full, scale's attributes

/**
 * How clip's input stands at each element of an op's unreduced loss: the
 * value clip received where the element is clip's output, undefined where
 * it is not (read off the reference's steps, never computed again).
 */
export type ClipInputs = (r: PortRequest) => readonly (number | undefined)[] | undefined;

/** Alternative of `clip-keeps-nan`: clip as relu's max(v, 0), which maps a NaN to the lower bound 0. */
export function clipNanIsZero(op: Op, id: string, clipInputs: ClipInputs): Variant {
  const { reference, viaUnreduced } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'clip-keeps-nan',
    description: "clips a NaN to 0 (a relu-style max(v, 0) that drops NaN; Paddle's clip keeps it)",
    handle: (r) => {
      const at = clipInputs(r);
      if (!at?.some((v) => v !== undefined && Number.isNaN(v))) return reference(r);
      return viaUnreduced(r, (loss) => loss.map((l, k) => (at[k] !== undefined && Number.isNaN(at[k]) ? 0 : l)));
    },
  };
}

/** Alternative of `clip-caps-at-dtype-max`: clip from below only, so a +inf input stays +inf where Paddle gives the dtype's largest value. */
export function clipUncapped(op: Op, id: string, clipInputs: ClipInputs): Variant {
  const { reference, viaUnreduced } = bindOp(op);
  const capped = (l: number): boolean => l === MAX_FINITE.float32 || l === MAX_FINITE.float64;
  return {
    id, expect: 'killed', rule: 'clip-caps-at-dtype-max',
    description: "clips only from below: a +inf input stays +inf (Paddle's clip caps it at the dtype's largest finite value)",
    handle: (r) => {
      const at = clipInputs(r);
      if (!at?.includes(Infinity)) return reference(r);
      return viaUnreduced(r, (loss) => loss.map((l, k) => (at[k] === Infinity && capped(l) ? Infinity : l)));
    },
  };
}

/**
 * Alternative of `clip-grad-passes-at-bounds`: relu's gradient rule, 0
 * where clip's input is exactly its lower bound 0. `withoutClip` gives the
 * gradients of the same request with those elements' clip taken out of the
 * loss (e.g. their labels selecting nothing).
 */
export function clipGradZeroAtBound(
  op: Op, id: string, clipInputs: ClipInputs, withoutClip: (r: PortRequest, atBound: readonly boolean[]) => ResponseJson['grad'] | undefined,
): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'clip-grad-passes-at-bounds',
    description: "gives gradient 0 where clip's input is exactly 0 (relu's rule; Paddle's clip passes the gradient at its bound)",
    handle: (r) => {
      const res = reference(r);
      const at = res.grad && clipInputs(r);
      const atBound = at?.map((v) => v === 0);
      if (!atBound?.includes(true)) return res;
      const grad = withoutClip(r, atBound);
      return grad ? { ...res, grad } : res;
    },
  };
}

/**
 * Alternative of `sqrt-float32-fast-in-packets`: a correctly rounded sqrt
 * everywhere, so sqrt(+inf) is +inf where Paddle's float32 packets give NaN.
 * `ieeeOutput` gives the op's output under that sqrt where it differs from
 * the reference's, else undefined.
 */
export function sqrtIeeeEverywhere(op: Op, id: string, ieeeOutput: (r: PortRequest) => TensorJson | undefined): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'sqrt-float32-fast-in-packets',
    description: "takes a correctly rounded float32 sqrt everywhere: sqrt(+inf) = +inf (Paddle's whole 8-lane packets give NaN)",
    handle: (r) => {
      const output = ieeeOutput(r);
      const res = reference(r);
      return output && res.output ? { ...res, output } : res;
    },
  };
}

/**
 * Alternative of `full-str-read-by-cpp-stream`: a str scalar argument read
 * by Python's float(), as a port written in Python would: '1.5abc' raises
 * ValueError where Paddle's Scalar reads 1.5. `arg` names the keyword.
 */
export function stringScalarByPythonFloat(op: Op, id: string, arg: string): Variant {
  const { reference, argsOf, withArgs } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'full-str-read-by-cpp-stream',
    description: `reads a str ${arg} with Python's float(): '1.5abc' raises ValueError (Paddle's Scalar reads 1.5)`,
    handle: (r) => {
      const given = argsOf(r)[arg];
      if (typeof given !== 'object' || given === null || !('str' in given)) return reference(r);
      const value = pythonFloat(given.str);
      if (value === undefined) return { id: r.id, error: { type: 'ValueError', message: `could not convert string to float: '${given.str}'` } };
      return reference(withArgs(r, { [arg]: Number.isFinite(value) ? value : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' }));
    },
  };
}

/**
 * Alternative of `equal-float-tolerance`: an exact `==`, so a float value of
 * `tensor` within Paddle's tolerance of a target but not equal to it matches
 * nothing: the request with such values replaced by `neither`, a value
 * equal to no target.
 */
export function equalExact(op: Op, id: string, tensor: string, targets: readonly number[], neither: number): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'equal-float-tolerance',
    description: `compares ${tensor} with ${targets.join(' and ')} exactly (a == b), where Paddle's float equal takes |a - b| < 1e-15`,
    handle: (r) => {
      const t = tensorOf(r, tensor);
      const near = (v: number): boolean => targets.some((c) => v !== c && Math.abs(v - c) < 1e-8);
      if (!isFloat(t.dtype) || !valuesOf(decodeTensor(t)).some(near)) return reference(r);
      return reference({ ...r, inputs: { ...r.inputs, [tensor]: mapValues(t, (v) => (near(v) ? neither : v)) } });
    },
  };
}

/**
 * Alternative of `where-broadcasts`: where's condition must have the shape
 * of the tensors it picks from, so a label of another length is refused
 * with ValueError. `shapes` gives the two shapes for a request.
 */
export function whereRefusesBroadcast(op: Op, id: string, shapes: (r: PortRequest) => readonly [readonly number[], readonly number[]] | undefined): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'where-broadcasts',
    description: "requires where's condition to have its operands' shape, raising ValueError instead of broadcasting",
    handle: (r) => {
      const res = reference(r);
      const s = res.error ? undefined : shapes(r);
      if (!s || s[0].join() === s[1].join()) return res;
      return { id: r.id, error: { type: 'ValueError', message: `where's condition has shape [${s[0].join(', ')}] but its operands [${s[1].join(', ')}]` } };
    },
  };
}

/**
 * A correct variant's answer with the reference's bits wherever the two hold
 * the same value but different bits (a NaN's sign, the sign of a zero): such
 * a variant differs only in rounding, which the op's bound allows, while
 * --bitwise would count a NaN's sign against it.
 */
export function withReferenceBits(res: ResponseJson, ref: ResponseJson): ResponseJson {
  const pick = (mine: TensorJson, theirs: TensorJson | null | undefined): TensorJson => {
    if (!theirs || mine.dtype !== theirs.dtype || sizeOf(mine) !== sizeOf(theirs)) return mine;
    const [a, b] = [decodeTensor(mine), decodeTensor(theirs)];
    const [va, vb] = [valuesOf(a), valuesOf(b)];
    const bytes = a.bytes.slice();
    const size = a.bytes.length / Math.max(va.length, 1);
    va.forEach((v, i) => {
      if (v === vb[i] || (Number.isNaN(v) && Number.isNaN(vb[i]))) bytes.set(b.bytes.subarray(i * size, (i + 1) * size), i * size);
    });
    return encodeTensor({ ...a, bytes });
  };
  const out: ResponseJson = { ...res };
  if (res.output) out.output = pick(res.output, ref.output);
  if (res.grad) out.grad = Object.fromEntries(Object.entries(res.grad).map(([n, t]) => [n, pick(t, ref.grad?.[n])]));
  return out;
}

/** A 2-D tensor JSON with the order of its last axis reversed. */
function reversedRows(json: TensorJson): TensorJson {
  const t = decodeTensor(json);
  const m = t.shape[1]!;
  const v = valuesOf(t);
  return encodeTensor(fromValues(t.dtype, t.shape, v.map((_, i) => v[i - (i % m) + (m - 1 - (i % m))]!)));
}

/**
 * Correct variant for `sum-along-last-axis-left-to-right`: each row summed
 * right to left (a reversed loop), for an op whose 2-D `tensors` it sums
 * along the last axis and that is otherwise indifferent to the order of that
 * axis: the tensors' last axis reversed, the gradients reversed back. Inside
 * the op's bound, so it must pass.
 */
export function rowSumsReversed(op: Op, id: string, tensors: readonly string[]): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'passes', rule: 'sum-along-last-axis-left-to-right',
    description: "adds each row right to left (a reversed loop), so rounded row sums differ from Paddle's left-to-right ones",
    handle: (r) => {
      const shapes = tensors.map((n) => tensorOf(r, n).shape.join());
      if (tensorOf(r, tensors[0]!).shape.length !== 2 || shapes.some((s) => s !== shapes[0])) return reference(r);
      const flipped = reference({ ...r, inputs: { ...r.inputs, ...Object.fromEntries(tensors.map((n) => [n, reversedRows(tensorOf(r, n))])) } });
      const grad = flipped.grad && Object.fromEntries(Object.entries(flipped.grad).map(([n, g]) => [n, tensors.includes(n) ? reversedRows(g) : g]));
      return withReferenceBits({ ...flipped, ...(grad && { grad }) }, reference(r));
    },
  };
}

/**
 * Correct variant for `sum-full-in-eigen-order`: 1-D `tensors` summed left
 * to right instead of in Eigen's packet order, by sending them as one row
 * [1, n] (which the op sums along its last axis, left to right) and
 * reshaping the gradients back. Inside the op's bound, so it must pass.
 */
export function fullSumsAsOneRow(op: Op, id: string, tensors: readonly string[]): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'passes', rule: 'sum-full-in-eigen-order',
    description: "adds 1-D operands' full sums left to right instead of in Eigen's packet order",
    handle: (r) => {
      const shapes = tensors.map((n) => tensorOf(r, n).shape);
      if (shapes[0]!.length !== 1 || shapes.some((s) => s.join() !== shapes[0]!.join())) return reference(r);
      const n = shapes[0]![0]!;
      const res = reference({ ...r, inputs: { ...r.inputs, ...Object.fromEntries(tensors.map((t) => [t, reshape(tensorOf(r, t), [1, n])])) } });
      const grad = res.grad && Object.fromEntries(Object.entries(res.grad).map(([k, g]) => [k, tensors.includes(k) ? reshape(g, [n]) : g]));
      // Another order lets another NaN win where +NaN and -NaN meet; that sign is no rounding, so keep the reference's.
      return withReferenceBits({ ...res, ...(grad && { grad }) }, reference(r));
    },
  };
}

/**
 * Correct variant for `scale-attributes-in-dtype`: the float argument `arg`
 * used unrounded for a float32 result (x + c taken in float64 and rounded
 * once, not x + float32(c)): at most one ulp, inside the bound.
 * `unroundedLoss` gives the op's unreduced loss computed so, from the
 * reference's own steps.
 */
export function scaleAttributeUnrounded(op: Op, id: string, arg: string, unroundedLoss: (r: PortRequest, value: number) => number[] | undefined): Variant {
  const { reference, argsOf, viaUnreduced } = bindOp(op);
  return {
    id, expect: 'passes', rule: 'scale-attributes-in-dtype',
    description: `adds a float32 tensor's ${arg} unrounded (x + c rounded once) instead of x + float32(c)`,
    handle: (r) => {
      const given = argsOf(r)[arg];
      const value = typeof given === 'number' ? given : typeof given === 'boolean' ? Number(given) : undefined;
      const ref = reference(r);
      if (value === undefined || Math.fround(value) === value || ref.output?.dtype !== 'float32') return ref;
      const loss = unroundedLoss(r, value);
      return loss ? withReferenceBits(viaUnreduced(r, () => loss), ref) : ref;
    },
  };
}

/**
 * Alternative of `scale-grad-adds-zero` for an op whose scale sits inside a
 * longer chain, so which zero gradients change sign without the + 0 depends
 * on the op: `flips` says, for a request and each gradient by name, at
 * which elements the zero takes the other sign (bitwise only).
 */
export function scaleGradKeepsNegativeZeroAt(
  op: Op, id: string, description: string, flips: (r: PortRequest, res: ResponseJson) => Record<string, (k: number) => boolean> | undefined,
): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'scale-grad-adds-zero', bitwiseOnly: true, description,
    handle: (r) => {
      const res = reference(r);
      const at = res.grad && flips(r, res);
      if (!at) return res;
      return Object.entries(at).reduce((out, [name, where]) => withGrad(out, name, (g) => flipZeroSigns(g, where)), res);
    },
  };
}

// ---------------------------------------------------------------- where, scale's attributes and subtract's zeros (hinge_embedding_loss's primitives)

/**
 * Alternative of `where-grad-zero-where-unselected`: where's backward as the
 * upstream times the 0/1 mask (Paddle before 3.1.0), so a NaN or infinite
 * upstream gives `grad` a NaN gradient at the elements where the op's where
 * leaves it unselected (`unselected` says where, for a request).
 */
export function whereGradTimesMask(op: Op, id: string, unselected: (r: PortRequest) => readonly boolean[] | undefined, grad = 'input'): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'where-grad-zero-where-unselected',
    description: "where's backward as the upstream times the 0/1 mask (Paddle before 3.1.0): a NaN or infinite upstream where not selected gives NaN, not 0",
    handle: (r) => {
      const res = reference(r);
      const at = res.grad && r.grad_output && unselected(r);
      if (!at || sizeOf(r.grad_output!) !== at.length) return res;
      const up = valuesOf(decodeTensor(r.grad_output!));
      return editGrad(res, grad, (g, k) => (at[k] && !Number.isFinite(up[k]!) ? NaN : g));
    },
  };
}

/**
 * Alternative of `where-broadcast-grad-column-major`: a broadcast operand's
 * gradient summed from +0 in the output's row-major order, the per-element
 * gradient first (as a port that expands the operand and sums once does),
 * where Paddle's broadcast_to sums each where's contributions on their own
 * in column-major order. Operands of one dtype only.
 */
export function broadcastGradSummedRowMajor(op: Op, id: string): Variant {
  return broadcastGradResummed(op, id, 'where-broadcast-grad-column-major',
    "sums a broadcast operand's per-element gradient once, in the output's row-major order from +0, instead of each where's contributions in column-major order",
    (c, round) => c.reduce((a, v) => round(a + v), 0));
}

/**
 * Alternative of `scale-attributes-in-dtype`: Paddle 2.6's float32
 * attributes, so a float64 tensor gets the float argument `arg` rounded to
 * float32 first (0.1 becomes 0.10000000149011612).
 */
export function scaleAttributeInFloat32(op: Op, id: string, arg: string, tensor = 'input'): Variant {
  const { reference, argsOf, withArgs } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'scale-attributes-in-dtype',
    description: `rounds a float ${arg} to float32 for a float64 ${tensor} too (Paddle 2.6's float32 attributes)`,
    handle: (r) => {
      const given = argsOf(r)[arg];
      const value = given === undefined ? 1.0 : typeof given === 'number' ? given : undefined;
      if (value === undefined || !Number.isFinite(value) || decodeTensor(tensorOf(r, tensor)).dtype !== 'float64') return reference(r);
      return reference(withArgs(r, { [arg]: Math.fround(value) }));
    },
  };
}

/**
 * Alternative of `subtract-grad-negates` where subtract's y is the tensor
 * `grad` inside a longer chain: its gradient as scale(dout, -1), whose + 0
 * gives +0 where Paddle's element-wise negation gives -0; `flips` says, for
 * a request, at which elements of `grad` the zero takes the other sign
 * (bitwise only).
 */
export function subtractGradZeroSignAt(op: Op, id: string, flips: (r: PortRequest) => ((k: number) => boolean) | undefined, grad = 'input'): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'subtract-grad-negates', bitwiseOnly: true,
    description: `subtract's ${grad} gradient as scale(dout, -1), whose + 0 turns the -0 of Paddle's element-wise negation into +0`,
    handle: (r) => {
      const res = reference(r);
      const at = res.grad && flips(r);
      return at ? withGrad(res, grad, (g) => flipZeroSigns(g, at)) : res;
    },
  };
}
