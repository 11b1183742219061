/**
 * l1_loss's mutants: each rule's alternative (what a reasonable port does
 * where the page is silent) and the natural bugs of |input − label|.
 */
import { meanOfEmptyIsZero, reductionCheckedLast, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import { bindOp, mapTensors, mapValues, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { PortRequest } from '../../port.js';
import type { ResponseJson } from '../../case.js';
import { bitsAt, decodeTensor, encodeTensor, fromTypedArray, fromValues, shapeSize, valuesOf, type TensorJson } from '../../wire.js';
import { L1_DESCRIPTOR as OP } from './descriptor.js';

const { reference, reductionOf, withArgs } = bindOp(OP);

/** The request with both tensors re-encoded in another dtype (values kept). */
function inDtype(r: PortRequest, dtype: 'float32' | 'int64'): PortRequest {
  const recast = (t: TensorJson): TensorJson => { const d = decodeTensor(t); return encodeTensor(fromValues(dtype, d.shape, valuesOf(d))); };
  return { ...r, inputs: { input: recast(tensorOf(r, 'input')), label: recast(tensorOf(r, 'label')) } };
}

/** Every tensor of a response re-encoded in the dtype (values rounded to it). */
function outputsIn(res: ResponseJson, dtype: 'float16' | 'bfloat16' | 'bool'): ResponseJson {
  return mapTensors(res, (t) => { const d = decodeTensor(t); return encodeTensor(fromValues(dtype === 'bool' ? 'float32' : dtype, d.shape, valuesOf(d))); });
}

/** A port with the kernels Paddle lacks: float16, bfloat16 and bool computed in float32 and rounded back. */
function computesIn(dtypes: readonly string[], id: string, rule: string, description: string): Variant {
  return {
    id, expect: 'killed', rule, description,
    handle: (r) => {
      const dtype = decodeTensor(tensorOf(r, 'input')).dtype;
      if (!dtypes.includes(dtype)) return reference(r);
      return outputsIn(reference({ ...inDtype(r, 'float32'), id: r.id }), dtype as 'float16' | 'bfloat16' | 'bool');
    },
  };
}

/** The elements of input and label, broadcast-free (equal shapes), or undefined. */
function sameShapeOperands(r: PortRequest): { x: number[]; y: number[] } | undefined {
  const x = decodeTensor(tensorOf(r, 'input'));
  const y = decodeTensor(tensorOf(r, 'label'));
  if (x.shape.join() !== y.shape.join()) return undefined;
  return { x: valuesOf(x), y: valuesOf(y) };
}

const layerTakesLegacyArguments: Variant = {
  id: 'l1-layer-ignores-legacy-arguments', expect: 'killed', rule: 'l1-layer-legacy-arguments',
  description: 'L1Loss accepts size_average= and reduce= and ignores them',
  handle: (r) => {
    const init = r.init ?? {};
    if (!('size_average' in init) && !('reduce' in init)) return reference(r);
    const { size_average: _s, reduce: _r, ...rest } = init;
    return reference({ ...r, init: rest });
  },
};

const shapesMustEqual: Variant = {
  id: 'l1-shapes-must-equal', expect: 'killed', rule: 'subtract-broadcasts',
  description: "refuses a label whose shape is not input's (the page's [N, *], same shape as input) instead of broadcasting it",
  handle: (r) => {
    const x = decodeTensor(tensorOf(r, 'input'));
    const y = decodeTensor(tensorOf(r, 'label'));
    if (x.shape.join() === y.shape.join() || !['none', 'mean', 'sum'].includes(String(reductionOf(r)))) return reference(r);
    return { id: r.id, error: { type: 'ValueError', message: `input's shape [${x.shape.join(', ')}] must equal label's [${y.shape.join(', ')}]` } };
  },
};

const keepsNanSign: Variant = {
  id: 'l1-abs-keeps-nan-sign', expect: 'killed', rule: 'abs-clears-nan-sign', bitwiseOnly: true,
  description: "writes |NaN| with the NaN difference's sign bit, as a port's fabs-free abs (x < 0 ? -x : x) does",
  handle: (r) => {
    const res = reference(r);
    const ops = sameShapeOperands(r);
    if (!ops || !res.output || reductionOf(r) !== 'none') return res;
    const out = decodeTensor(res.output);
    if (out.dtype !== 'float32' && out.dtype !== 'float64') return res;
    const x = decodeTensor(tensorOf(r, 'input'));
    const y = decodeTensor(tensorOf(r, 'label'));
    const n = shapeSize(out.shape);
    const bits = out.dtype === 'float32' ? new Uint32Array(n) : new BigUint64Array(n);
    for (let k = 0; k < n; k++) {
      // The NaN the difference holds: input's if it is NaN, else label's.
      const nanBits = Number.isNaN(ops.x[k]) ? bitsAt(x, k) : Number.isNaN(ops.y[k]) ? bitsAt(y, k) : bitsAt(out, k);
      bits[k] = (out.dtype === 'float32' ? Number(nanBits) : nanBits) as never;
    }
    return { ...res, output: encodeTensor(fromTypedArray(out.dtype, out.shape, bits)) };
  },
};

const gradOneAtZero: Variant = {
  id: 'l1-grad-one-at-zero', expect: 'killed', rule: 'abs-grad-zero-at-zero',
  description: 'takes the subgradient +1 where input = label (x >= y ? 1 : -1), not 0',
  handle: (r) => {
    const res = reference(r);
    const ops = sameShapeOperands(r);
    if (!ops || !res.grad || reductionOf(r) !== 'none' || r.grad_output) return res;
    const at = (sign: number) => (t: TensorJson) => mapValues(t, (v, k) => (ops.x[k] === ops.y[k] ? sign : v));
    return { ...res, grad: Object.fromEntries(Object.entries(res.grad).map(([name, t]) => [name, at(name === 'input' ? 1 : -1)(t)])) };
  },
};

const gradZeroAtNan: Variant = {
  id: 'l1-grad-zero-at-nan', expect: 'killed', rule: 'abs-grad-of-nan-is-nan',
  description: "takes sign(NaN) = 0 for abs's gradient at a NaN difference, as PyTorch does",
  handle: (r) => {
    const res = reference(r);
    const ops = sameShapeOperands(r);
    if (!ops || !res.grad || r.grad_output) return res;
    const nanAt = (k: number): boolean => Number.isNaN(ops.x[k]! - ops.y[k]!);
    return { ...res, grad: Object.fromEntries(Object.entries(res.grad).map(([name, t]) => [name, mapValues(t, (v, k) => (nanAt(k) ? 0 : v))])) };
  },
};

const labelGradKeepsNanSign: Variant = {
  id: 'l1-label-grad-keeps-nan-sign', expect: 'killed', rule: 'subtract-grad-negates', bitwiseOnly: true,
  description: "label's gradient as scale(input's, -1), which keeps a NaN's sign, where Paddle negates element by element",
  handle: (r) => {
    const res = reference(r);
    if (!res.grad?.input || !res.grad.label || !sameShapeOperands(r)) return res;
    const g = decodeTensor(res.grad.input);
    if (g.dtype !== 'float32') return res;
    const n = shapeSize(g.shape);
    const bits = new Uint32Array(n);
    for (let k = 0; k < n; k++) { const b = Number(bitsAt(g, k)); bits[k] = Number.isNaN(valuesOf(g)[k]) ? b : (b ^ 0x80000000) >>> 0; }
    return { ...res, grad: { ...res.grad, label: encodeTensor(fromTypedArray('float32', g.shape, bits)) } };
  },
};

const integerMean: Variant = {
  id: 'l1-integer-mean', expect: 'killed', rule: 'mean-all-no-integer-kernel',
  description: "takes the mean of an integer loss (truncated, in the input's dtype) as paddle.mean would, where Paddle's mean_all has no kernel",
  handle: (r) => {
    const dtype = decodeTensor(tensorOf(r, 'input')).dtype;
    if ((dtype !== 'int32' && dtype !== 'int64') || reductionOf(r) !== 'mean' || r.grad) return reference(r);
    const none = reference(withArgs({ ...r, api: OP.functional, init: undefined }, { reduction: 'none', size_average: undefined, reduce: undefined }));
    if (!none.output) return reference(r);
    const values = valuesOf(decodeTensor(none.output));
    return { id: r.id, output: encodeTensor(fromValues(dtype, [], [Math.trunc(values.reduce((a, b) => a + b, 0) / values.length)])) };
  },
};

const integerSumKeepsDtype: Variant = {
  id: 'l1-integer-sum-keeps-dtype', expect: 'killed', rule: 'sum-of-integers-is-int64',
  description: "returns an int32 loss's sum as int32",
  handle: (r) => {
    const res = reference(r);
    if (reductionOf(r) !== 'sum' || !res.output || decodeTensor(tensorOf(r, 'input')).dtype !== 'int32') return res;
    const out = decodeTensor(res.output);
    return { ...res, output: encodeTensor(fromValues('int32', out.shape, valuesOf(out))) };
  },
};

const meanGradRoundsReciprocal: Variant = {
  id: 'l1-mean-grad-times-reciprocal', expect: 'killed', rule: 'mean-all-grad-divides-by-count',
  description: "mean's gradient as g · (1 / N) with 1 / N rounded first, not g / N",
  handle: (r) => {
    const res = reference(r);
    if (!res.grad || reductionOf(r) !== 'mean' || !r.grad_output) return res;
    const n = shapeSize(decodeTensor(res.grad.input ?? res.grad.label!).shape);
    const g = valuesOf(decodeTensor(r.grad_output))[0]!;
    const round = decodeTensor(res.output!).dtype === 'float32' ? Math.fround : (v: number) => v;
    const each = round(g * round(1 / n));
    return mapTensors(res, (t) => (t === res.output ? t : mapValues(t, (v) => (v === 0 || Number.isNaN(v) ? v : Math.sign(v) * Math.abs(each)))));
  },
};

const squaredError: Variant = {
  id: 'l1-squared-error', expect: 'killed',
  description: 'squares the difference (mse) instead of taking its absolute value',
  handle: (r) => {
    const res = reference({ ...withArgs(r, { reduction: 'none' }), grad: undefined, grad_output: undefined });
    if (!res.output || reductionOf(r) !== 'none' || r.grad) return reference(r);
    return { ...res, output: mapValues(res.output, (v) => v * v) };
  },
};

const labelGradNotNegated: Variant = {
  id: 'l1-label-grad-not-negated', expect: 'killed',
  description: "gives label the same gradient as input (forgets the minus of d/dlabel |input − label|)",
  handle: (r) => {
    const res = reference(r);
    if (!res.grad?.input || !res.grad.label || !sameShapeOperands(r)) return res;
    return { ...res, grad: { ...res.grad, label: res.grad.input } };
  },
};

/** l1_loss's mutants. */
export const L1_MUTANTS: readonly Variant[] = [
  reductionCheckedLast(OP, 'l1-reduction-checked-last', 'l1-reduction-checked-first'),
  layerTakesLegacyArguments,
  shapesMustEqual,
  computesIn(['float16', 'bool'], 'l1-float16-and-bool-computed', 'subtract-no-float16-or-bool-kernel', 'computes float16 and bool operands in float32, where Paddle has no subtract kernel for them'),
  computesIn(['bfloat16'], 'l1-bfloat16-computed', 'abs-no-bfloat16-kernel', 'computes bfloat16 operands in float32, where Paddle has no abs kernel for them'),
  keepsNanSign,
  gradOneAtZero,
  gradZeroAtNan,
  labelGradKeepsNanSign,
  integerMean,
  integerSumKeepsDtype,
  meanGradRoundsReciprocal,
  meanOfEmptyIsZero(OP, 'l1-mean-of-empty-is-0', 'mean-all-of-empty-is-nan'),
  sumOfEmptyRaises(OP, 'l1-sum-of-empty-raises', 'sum-of-empty-is-zero'),
  sumAndMeanSwapped(OP, 'l1-sum-and-mean-swapped'),
  squaredError,
  labelGradNotNegated,
];
