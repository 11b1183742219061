/**
 * gaussian_nll_loss's mutants: each rule's alternative (what a reasonable port does where the page is silent; its
 * primitives' are written once in mutants/kernel_alternatives.ts) and the natural bugs of the loss: the textbook
 * formula without the clamp, the constant or the ½ dropped.
 */
import { broadcastIndex, broadcastShapes } from '../../../reference/broadcast.js';
import { meanGradNotDivided, meanGradTimesReciprocal, meanOfEmptyIsZero, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import { computesIn, labelGradKeepsNanSign, layerIgnoresLegacyArguments, promotesAllToWidestFloat, scaleGradKeepsNegativeZero, shapesMustEqual, withOperandNanSigns } from '../../mutants/kernel_alternatives.js';
import { bindOp, castTo, mapValues, rounderOf, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
import type { PortRequest } from '../../port.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf } from '../../wire.js';

type Op = Omit<OpDescriptor, 'mutants'>;
type Edit = (r: PortRequest) => PortRequest | undefined;
const CONSTANT = 0.5 * Math.log(2 * Math.PI);

/** A variant answering the reference's answer to an edited request (undefined: the request as it is). */
function editing(op: Op, v: Omit<Variant, 'handle'>, edit: Edit): Variant {
  const { reference } = bindOp(op);
  return { ...v, handle: (r) => { const e = edit(r); return e ? { ...reference(e), id: r.id } : reference(r); } };
}

/** The request with variance's values mapped (its dtype and shape kept). */
function withVariance(r: PortRequest, f: (v: number) => number): PortRequest {
  const t = decodeTensor(tensorOf(r, 'variance'));
  return { ...r, inputs: { ...r.inputs, variance: encodeTensor(fromValues(t.dtype, t.shape, valuesOf(t).map(f))) } };
}

const variance = (r: PortRequest): number[] => valuesOf(decodeTensor(tensorOf(r, 'variance')));

/** The page's "one dimension fewer or a last dimension of 1" taken as any shape that broadcasts, PyTorch-style. */
function varianceBroadcasts(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'gaussian-nll-variance-broadcasts', expect: 'killed', rule: 'gaussian-nll-variance-shapes',
    description: "accepts any variance that broadcasts against input ([1, 3], [], [1, 1] for [2, 3]) instead of raising 'variance is of incorrect shape'",
    handle: (r) => {
      const res = reference(r);
      if (res.error?.message !== 'variance is of incorrect shape') return res;
      const [x, v] = [decodeTensor(tensorOf(r, 'input')), decodeTensor(tensorOf(r, 'variance'))];
      try {
        if (broadcastShapes(x.shape, v.shape).join() !== x.shape.join()) return res;
      } catch {
        return res;
      }
      const vs = valuesOf(v);
      const expanded = encodeTensor(fromValues(v.dtype, x.shape, Array.from(broadcastIndex(v.shape, x.shape), (i) => vs[i]!)));
      return { ...reference({ ...r, inputs: { ...r.inputs, variance: expanded } }), id: r.id };
    },
  };
}

/** The reduction checked as the layers check it: any bad value a ValueError, None and ints included. */
function reductionAlwaysValueError(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'gaussian-nll-reduction-value-error', expect: 'killed', rule: 'gaussian-nll-reduction-checked-second',
    description: "raises ValueError for every bad reduction (None and 1 included), where Paddle's `reduction + ' is not valid'` raises TypeError first",
    handle: (r) => {
      const red = reductionOf(r);
      if (r.api.endsWith('GaussianNLLLoss') || ['none', 'mean', 'sum'].includes(red as string) || typeof red === 'string') return reference(r);
      return { id: r.id, error: { type: 'ValueError', message: `${String(red)} is not valid` } };
    },
  };
}

/** The page's max(var, epsilon) for a negative variance too: no error. */
function negativeVarianceClamped(op: Op): Variant {
  const { argsOf } = bindOp(op);
  return editing(op, {
    id: 'gaussian-nll-negative-variance-clamped', expect: 'killed', rule: 'gaussian-nll-negative-variance-raises',
    description: 'clamps a negative variance to epsilon, as max(var, epsilon) reads, instead of raising ValueError',
  }, (r) => {
    const eps = argsOf(r).epsilon;
    return variance(r).some((v) => v < 0) ? withVariance(r, (v) => (v < 0 ? (typeof eps === 'number' ? eps : 1e-6) : v)) : undefined;
  });
}

/** epsilon validated: a missing, zero or negative epsilon takes the default 1e-6, so a zero variance is still clamped. */
function epsilonDefaulted(op: Op): Variant {
  const { argsOf, withArgs } = bindOp(op);
  return editing(op, {
    id: 'gaussian-nll-epsilon-defaulted', expect: 'killed', rule: 'gaussian-nll-epsilon-is-clip-min',
    description: 'takes the default 1e-6 for an epsilon of None, 0 or below (a zero variance stays clamped), where Paddle clips with it as given',
  }, (r) => {
    const args = argsOf(r);
    if (!('epsilon' in args)) return undefined;
    const eps = args.epsilon;
    return eps === null || (typeof eps === 'number' && eps <= 0) ? withArgs(r, { epsilon: 1e-6 }) : undefined;
  });
}

/** variance's gradient as PyTorch gives it (the clamp ignored by autograd, as the page's note reads): ½(1/v − r²/v²) · g. */
function varianceGetsGradient(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'gaussian-nll-variance-gradient-as-pytorch', expect: 'killed', rule: 'gaussian-nll-variance-gets-no-gradient',
    description: "gives variance a gradient, as the page's note and PyTorch have it, where Paddle leaves variance.grad None",
    handle: (r) => {
      const res = reference(r);
      if (!r.grad?.includes('variance') || !res.grad) return res;
      const v = decodeTensor(tensorOf(r, 'variance'));
      return { ...res, grad: { ...res.grad, variance: encodeTensor(fromValues(v.dtype, v.shape, valuesOf(v).map((s) => 0.5 / s))) } };
    },
  };
}

/** full read as a strict bool: only True adds the constant. */
function fullStrictBool(op: Op): Variant {
  const { argsOf, withArgs } = bindOp(op);
  return editing(op, {
    id: 'gaussian-nll-full-only-true', expect: 'killed', rule: 'gaussian-nll-full-is-truthy',
    description: "adds the constant only for full=True (1, 'x' and 2.5 leave it out), where Paddle's `if full:` takes any truthy value",
  }, (r) => {
    const full = argsOf(r).full;
    return full !== undefined && full !== true && full !== false ? withArgs(r, { full: false }) : undefined;
  });
}

/** x / variance of two float dtypes as Paddle 2.6 computed it: variance cast to the square's dtype first. */
function divideCastsVariance(op: Op): Variant {
  return editing(op, {
    id: 'gaussian-nll-divide-casts-variance', expect: 'killed', rule: 'divide-operator-casts-before-3-0-0',
    description: "divides in the square's dtype, variance cast to it (Paddle before 3.0.0), where the operator now promotes",
  }, (r) => {
    const [x, y, v] = ['input', 'label', 'variance'].map((n) => tensorOf(r, n).dtype);
    const sq = x === 'float64' || y === 'float64' ? 'float64' : 'float32';
    return v !== sq && (v === 'float32' || v === 'float64') && (x === 'float32' || x === 'float64') && (y === 'float32' || y === 'float64')
      ? { ...r, inputs: { ...r.inputs, variance: castTo(castTo(tensorOf(r, 'variance'), sq), v) } }
      : undefined;
  });
}

/** A NaN variance clamped to epsilon (fmax-style max(var, eps) drops the NaN), where Paddle's clip keeps it. */
function nanVarianceClamped(op: Op): Variant {
  const { argsOf } = bindOp(op);
  return editing(op, {
    id: 'gaussian-nll-nan-variance-clamped', expect: 'killed', rule: 'clip-keeps-nan',
    description: "clamps a NaN variance to epsilon (fmax drops a NaN), where Paddle's clip keeps it",
  }, (r) => {
    const eps = argsOf(r).epsilon;
    return variance(r).some(Number.isNaN) ? withVariance(r, (v) => (Number.isNaN(v) ? (typeof eps === 'number' ? eps : 1e-6) : v)) : undefined;
  });
}

/** variance clamped from below only: an infinite variance gives an infinite loss, where Paddle caps it at the dtype's largest value. */
function infiniteVarianceUncapped(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'gaussian-nll-infinite-variance-uncapped', expect: 'killed', rule: 'clip-caps-at-dtype-max',
    description: "keeps an infinite variance: log(inf) makes the loss inf, where Paddle's clip caps the variance at FLT_MAX or DBL_MAX",
    handle: (r) => {
      const res = reference(r);
      const vs = variance(r);
      if (!res.output || reductionOf(r) !== 'none' || !vs.includes(Infinity) || res.output.shape.join() !== tensorOf(r, 'variance').shape.join()) return res;
      return { ...res, output: mapValues(res.output, (l, k) => (vs[k] === Infinity && Number.isFinite(l) ? Infinity : l)) };
    },
  };
}

/** paddle.any of an empty variance refused, as Paddle 2.6 did everywhere. */
function anyOfEmptyRaises(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'gaussian-nll-any-of-empty-raises', expect: 'killed', rule: 'any-of-empty-raises-before-3-0-0',
    description: "raises ValueError for an empty variance (Paddle 2.6's any of an empty tensor), where Paddle 3 checks nothing",
    handle: (r) => {
      const res = reference(r);
      if (!res.output || variance(r).length !== 0) return res;
      return { id: r.id, error: { type: 'ValueError', message: '(InvalidArgument) Tensor need be reduced must not empty.' } };
    },
  };
}

/** The constant ½ log(2π) as a float32 attribute for float64 too (Paddle 2.6's scale). */
function constantInFloat32(op: Op): Variant {
  const { reference, argsOf, withArgs, reductionOf } = bindOp(op);
  return {
    id: 'gaussian-nll-constant-in-float32', expect: 'killed', rule: 'scale-attributes-in-dtype',
    description: 'adds ½ log(2π) rounded to float32 to a float64 loss (a float32 attribute, as before Paddle 3.0.0)',
    handle: (r) => {
      const res = reference(r);
      if (argsOf(r).full !== true || reductionOf(r) !== 'none' || res.output?.dtype !== 'float64') return res;
      const half = reference(withArgs(r, { full: false })).output!;
      const h = valuesOf(decodeTensor(half));
      return { ...res, output: mapValues(res.output, (_l, k) => h[k]! + Math.fround(CONSTANT)) };
    },
  };
}

/** The textbook formula: log(var) and (x − y)² / var with no clamp at epsilon. */
function noClamp(op: Op): Variant {
  const { withArgs } = bindOp(op);
  return editing(op, { id: 'gaussian-nll-no-clamp', expect: 'killed', description: 'drops the clamp at epsilon: a zero variance gives inf or NaN' }, (r) => withArgs(r, { epsilon: null }));
}

/** full ignored: the constant never added. */
function fullIgnored(op: Op): Variant {
  const { withArgs } = bindOp(op);
  return editing(op, { id: 'gaussian-nll-full-ignored', expect: 'killed', description: 'never adds the constant ½ log(2π)' }, (r) => withArgs(r, { full: false }));
}

/** The ½ forgotten: log(var) + (x − y)² / var. */
function halfDropped(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'gaussian-nll-half-dropped', expect: 'killed', description: 'forgets the ½: the loss is log(var) + (x − y)² / var',
    handle: (r) => {
      const res = reference(r);
      const round = res.output && rounderOf(res.output.dtype);
      return res.output && round && reductionOf(r) !== 'mean' ? { ...res, output: mapValues(res.output, (l) => round(2 * l)) } : res;
    },
  };
}

/** gaussian_nll_loss's mutants, over its descriptor. */
export function gaussianNllLossMutants(OP: Op): readonly Variant[] {
  return [
    varianceBroadcasts(OP), reductionAlwaysValueError(OP), negativeVarianceClamped(OP), epsilonDefaulted(OP), varianceGetsGradient(OP),
    fullStrictBool(OP), divideCastsVariance(OP), nanVarianceClamped(OP), infiniteVarianceUncapped(OP), anyOfEmptyRaises(OP), constantInFloat32(OP),
    computesIn(OP, ['float16', 'bfloat16', 'bool', 'int32', 'int64'], 'gaussian-nll-other-dtypes-computed', 'gaussian-nll-float-operands-only', 'computes float16, bfloat16, bool and integer operands in float32, where Paddle refuses them'),
    layerIgnoresLegacyArguments(OP, 'gaussian-nll-layer-ignores-legacy-arguments', 'gaussian-nll-layer-no-legacy-arguments'),
    shapesMustEqual(OP, 'gaussian-nll-shapes-must-equal'),
    labelGradKeepsNanSign(OP, 'gaussian-nll-label-grad-keeps-nan-sign'),
    { id: 'gaussian-nll-square-clears-nan-sign', expect: 'killed', rule: 'square-keeps-nan-sign', bitwiseOnly: true, description: 'squares a NaN residual into +NaN, where Paddle keeps its sign',
      handle: (r) => (bindOp(OP).reductionOf(r) === 'none' ? withOperandNanSigns(r, OP.reference(r), false) : OP.reference(r)) },
    promotesAllToWidestFloat(OP, 'gaussian-nll-promotes-all-to-widest'),
    scaleGradKeepsNegativeZero(OP, 'gaussian-nll-scale-grad-keeps-negative-zero'),
    meanGradTimesReciprocal(OP, 'gaussian-nll-mean-grad-times-reciprocal', 'mean-grad-divides-by-count', 'passes'),
    meanOfEmptyIsZero(OP, 'gaussian-nll-mean-of-empty-is-0', 'mean-of-empty-is-nan'),
    sumOfEmptyRaises(OP, 'gaussian-nll-sum-of-empty-raises', 'sum-of-empty-is-zero'),
    noClamp(OP), fullIgnored(OP), halfDropped(OP),
    sumAndMeanSwapped(OP, 'gaussian-nll-sum-and-mean-swapped'),
    meanGradNotDivided(OP, 'gaussian-nll-mean-grad-not-divided-by-n'),
  ];
}
