/**
 * l1_loss's mutants: each rule's alternative (what a reasonable port does
 * where the page is silent) and the natural bugs of |input − label|.
 */
import { meanGradNotDivided, meanOfEmptyIsZero, reductionCheckedLast, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import { computesIn, integerSumKeepsDtype, labelGradKeepsNanSign, layerIgnoresLegacyArguments, sameShapeOperands, shapesMustEqual, withOperandNanSigns } from '../../mutants/kernel_alternatives.js';
import { bindOp, mapTensors, mapValues, tensorOf, unreduced } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import { decodeTensor, encodeTensor, fromValues, shapeSize, valuesOf, type TensorJson } from '../../wire.js';
import type { OpDescriptor } from '../../op.js';

type Op = Omit<OpDescriptor, 'mutants'>;

function keepsNanSign(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'l1-abs-keeps-nan-sign', expect: 'killed', rule: 'abs-clears-nan-sign', bitwiseOnly: true,
    description: "writes |NaN| with the NaN difference's sign bit, as a port's fabs-free abs (x < 0 ? -x : x) does",
    handle: (r) => (reductionOf(r) === 'none' ? withOperandNanSigns(r, reference(r), true) : reference(r)),
  };
}

function gradOneAtZero(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
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
}

function gradZeroAtNan(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
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
}

function integerMean(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'l1-integer-mean', expect: 'killed', rule: 'mean-all-no-integer-kernel',
    description: "takes the mean of an integer loss (truncated, in the input's dtype) as paddle.mean would, where Paddle's mean_all has no kernel",
    handle: (r) => {
      const dtype = decodeTensor(tensorOf(r, 'input')).dtype;
      if ((dtype !== 'int32' && dtype !== 'int64') || reductionOf(r) !== 'mean' || r.grad) return reference(r);
      const none = unreduced(op, r);
      if (!none.output) return reference(r);
      const values = valuesOf(decodeTensor(none.output));
      return { id: r.id, output: encodeTensor(fromValues(dtype, [], [Math.trunc(values.reduce((a, b) => a + b, 0) / values.length)])) };
    },
  };
}

function meanGradRoundsReciprocal(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
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
}

function squaredError(op: Op): Variant {
  const { reference, reductionOf, withArgs } = bindOp(op);
  return {
    id: 'l1-squared-error', expect: 'killed',
    description: 'squares the difference (mse) instead of taking its absolute value',
    handle: (r) => {
      const res = reference({ ...withArgs(r, { reduction: 'none' }), grad: undefined, grad_output: undefined });
      if (!res.output || reductionOf(r) !== 'none' || r.grad) return reference(r);
      return { ...res, output: mapValues(res.output, (v) => v * v) };
    },
  };
}

function labelGradNotNegated(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'l1-label-grad-not-negated', expect: 'killed',
    description: "gives label the same gradient as input (forgets the minus of d/dlabel |input − label|)",
    handle: (r) => {
      const res = reference(r);
      if (!res.grad?.input || !res.grad.label || !sameShapeOperands(r)) return res;
      return { ...res, grad: { ...res.grad, label: res.grad.input } };
    },
  };
}

/** l1_loss's mutants, over its descriptor. */
export function l1Mutants(OP: Op): readonly Variant[] {
  return [
    reductionCheckedLast(OP, 'l1-reduction-checked-last', 'l1-reduction-checked-first'),
    layerIgnoresLegacyArguments(OP, 'l1-layer-ignores-legacy-arguments', 'l1-layer-legacy-arguments'),
    shapesMustEqual(OP, 'l1-shapes-must-equal'),
    computesIn(OP, ['float16', 'bool'], 'l1-float16-and-bool-computed', 'subtract-no-float16-or-bool-kernel', 'computes float16 and bool operands in float32, where Paddle has no subtract kernel for them'),
    computesIn(OP, ['bfloat16'], 'l1-bfloat16-computed', 'abs-no-bfloat16-kernel', 'computes bfloat16 operands in float32, where Paddle has no abs kernel for them'),
    keepsNanSign(OP),
    gradOneAtZero(OP),
    gradZeroAtNan(OP),
    labelGradKeepsNanSign(OP, 'l1-label-grad-keeps-nan-sign'),
    integerMean(OP),
    integerSumKeepsDtype(OP, 'l1-integer-sum-keeps-dtype'),
    meanGradRoundsReciprocal(OP),
    meanOfEmptyIsZero(OP, 'l1-mean-of-empty-is-0', 'mean-all-of-empty-is-nan'),
    sumOfEmptyRaises(OP, 'l1-sum-of-empty-raises', 'sum-of-empty-is-zero'),
    sumAndMeanSwapped(OP, 'l1-sum-and-mean-swapped'),
    meanGradNotDivided(OP, 'l1-mean-grad-not-divided-by-n'),
    squaredError(OP),
    labelGradNotNegated(OP),
  ];
}
