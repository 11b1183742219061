/**
 * mse_loss's mutants: its primitives' rule alternatives (written once, in
 * mutants/kernel_alternatives.ts and mutants/common.ts), its own rules' and
 * the natural bugs of (input − label)².
 */
import { meanGradNotDivided, meanGradTimesReciprocal, meanOfEmptyIsZero, reductionCheckedLast, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import { computesIn, integerSumKeepsDtype, labelGradKeepsNanSign, layerIgnoresLegacyArguments, shapesMustEqual, withOperandNanSigns } from '../../mutants/kernel_alternatives.js';
import { bindOp, mapValues, tensorOf, unreduced } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf } from '../../wire.js';
import type { OpDescriptor } from '../../op.js';

type Op = Omit<OpDescriptor, 'mutants'>;

function squareClearsNanSign(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'mse-square-clears-nan-sign', expect: 'killed', rule: 'square-keeps-nan-sign', bitwiseOnly: true,
    description: 'squares a NaN into +NaN (as pow(x, 2) or x · |x| might), where Paddle keeps its sign',
    handle: (r) => (reductionOf(r) === 'none' ? withOperandNanSigns(r, reference(r), false) : reference(r)),
  };
}

function integerMeanRounds(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'mse-integer-mean-floats', expect: 'killed', rule: 'mean-of-integers-truncates',
    description: "returns an integer loss's mean as float32, not truncated in the loss's dtype",
    handle: (r) => {
      const dtype = decodeTensor(tensorOf(r, 'input')).dtype;
      if ((dtype !== 'int32' && dtype !== 'int64') || reductionOf(r) !== 'mean' || r.grad) return reference(r);
      const none = unreduced(op, r);
      if (!none.output) return reference(r);
      const values = valuesOf(decodeTensor(none.output));
      return { id: r.id, output: encodeTensor(fromValues('float32', [], [values.reduce((a, b) => a + b, 0) / values.length])) };
    },
  };
}

function absoluteError(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'mse-absolute-error', expect: 'killed',
    description: 'takes |input − label| (l1) instead of its square',
    handle: (r) => {
      const res = reference(r);
      if (!res.output || reductionOf(r) !== 'none' || r.grad) return res;
      return { ...res, output: mapValues(res.output, (v) => Math.sqrt(v)) };
    },
  };
}

function gradWithoutTwo(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'mse-grad-without-factor-2', expect: 'killed',
    description: 'forgets the 2 of d/dx (x − y)²',
    handle: (r) => {
      const res = reference(r);
      if (!res.grad) return res;
      return { ...res, grad: Object.fromEntries(Object.entries(res.grad).map(([name, t]) => [name, mapValues(t, (v) => v / 2)])) };
    },
  };
}

function integersRefused(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'mse-integers-refused', expect: 'killed', rule: 'mse-integers-computed',
    description: 'refuses int32 and int64 operands (the page lists float32 and float64) with TypeError',
    handle: (r) => {
      const dtype = decodeTensor(tensorOf(r, 'input')).dtype;
      if (dtype !== 'int32' && dtype !== 'int64') return reference(r);
      const res = reference(r);
      return res.error ? res : { id: r.id, error: { type: 'TypeError', message: `mse_loss takes float32 or float64 operands, got ${dtype}` } };
    },
  };
}

/** mse_loss's mutants, over its descriptor. */
export function mseMutants(OP: Op): readonly Variant[] {
  return [
    reductionCheckedLast(OP, 'mse-reduction-checked-last', 'mse-reduction-checked-first'),
    layerIgnoresLegacyArguments(OP, 'mse-layer-ignores-legacy-arguments', 'mse-layer-legacy-arguments'),
    shapesMustEqual(OP, 'mse-shapes-must-equal'),
    computesIn(OP, ['float16', 'bool'], 'mse-float16-and-bool-computed', 'subtract-no-float16-or-bool-kernel', 'computes float16 and bool operands in float32, where Paddle has no subtract kernel for them'),
    computesIn(OP, ['bfloat16'], 'mse-bfloat16-computed', 'square-no-bfloat16-kernel', 'computes bfloat16 operands in float32, where Paddle has no square kernel for them'),
    squareClearsNanSign(OP),
    labelGradKeepsNanSign(OP, 'mse-label-grad-keeps-nan-sign'),
    integerMeanRounds(OP),
    integersRefused(OP),
    integerSumKeepsDtype(OP, 'mse-integer-sum-keeps-dtype'),
    meanGradTimesReciprocal(OP, 'mse-mean-grad-times-reciprocal', 'mean-grad-divides-by-count', 'killed'),
    meanOfEmptyIsZero(OP, 'mse-mean-of-empty-is-0', 'mean-of-empty-is-nan'),
    sumOfEmptyRaises(OP, 'mse-sum-of-empty-raises', 'sum-of-empty-is-zero'),
    sumAndMeanSwapped(OP, 'mse-sum-and-mean-swapped'),
    meanGradNotDivided(OP, 'mse-mean-grad-not-divided-by-n'),
    absoluteError(OP),
    gradWithoutTwo(OP),
  ];
}
