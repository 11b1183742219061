/**
 * kl_div's mutants: each rule's alternative (what a reasonable port does where the page is silent; its
 * primitives' are written once in mutants/kernel_alternatives.ts) and the natural bugs of the loss.
 */
import { eigenExpFloat } from '../../../reference/elementary.js';
import { meanGradNotDivided, meanGradTimesReciprocal, meanOfEmptyIsZero, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import { computesIn, layerIgnoresLegacyArguments, operandsBroadcast } from '../../mutants/kernel_alternatives.js';
import { bindOp, castTo, mapValues, rounderOf, scalarTensor, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
import { bitsAt, decodeTensor, encodeTensor, fromTypedArray, valuesOf } from '../../wire.js';

type Op = Omit<OpDescriptor, 'mutants'>;

const REDUCTIONS = ['none', 'mean', 'sum', 'batchmean'];

/** The page's reductions checked, as most losses do: any other raises ValueError. */
function reductionChecked(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'kl-div-reduction-checked', expect: 'killed', rule: 'kl-div-reduction-unchecked',
    description: "raises ValueError for a reduction other than 'none', 'batchmean', 'mean' or 'sum', as the page's other losses do",
    handle: (r) => (REDUCTIONS.includes(String(reductionOf(r)))
      ? reference(r)
      : { id: r.id, error: { type: 'ValueError', message: `The value of 'reduction' in kl_div should be 'sum', 'mean', 'batchmean' or 'none', but received ${String(reductionOf(r))}, which is not allowed.` } }),
  };
}

/** The textbook (PyTorch's xlogy) formula where the label is negative: t · log t is NaN for t < 0, not 0. */
function negativeLabelNotZeroed(op: Op): Variant {
  const { reference, reductionOf, argsOf } = bindOp(op);
  return {
    id: 'kl-div-negative-label-is-nan', expect: 'killed', rule: 'kldiv-loss-label-not-positive-is-zero',
    description: 'computes t · (log t − x) for a negative label too (NaN), where Paddle gives 0',
    handle: (r) => {
      const res = reference(r);
      if (!res.output || reductionOf(r) !== 'none' || argsOf(r).log_target === true) return res;
      const t = valuesOf(decodeTensor(tensorOf(r, 'label')));
      if (t.length !== decodeTensor(res.output).shape.reduce((a, b) => a * b, 1)) return res;
      return { ...res, output: mapValues(res.output, (v, k) => (t[k]! < 0 ? NaN : v)) };
    },
  };
}

/** 'batchmean' as 'mean': the sum divided by the element count, not the batch size. */
function batchmeanIsMean(op: Op): Variant {
  const { reference, reductionOf, withArgs } = bindOp(op);
  return {
    id: 'kl-div-batchmean-is-mean', expect: 'killed',
    description: "divides 'batchmean' by the element count, as 'mean' does, instead of by input.shape[0]",
    handle: (r) => reference(reductionOf(r) === 'batchmean' && tensorOf(r, 'input').shape.length > 0 ? withArgs(r, { reduction: 'mean' }) : r),
  };
}

/** log_target ignored: the label is always a probability. */
function logTargetIgnored(op: Op): Variant {
  const { reference, argsOf, withArgs } = bindOp(op);
  return {
    id: 'kl-div-log-target-ignored', expect: 'killed',
    description: 'ignores log_target=True and computes y · (log y − x)',
    handle: (r) => reference(argsOf(r).log_target === true ? withArgs(r, { log_target: undefined }) : r),
  };
}

/** log_target taken by Python truthiness: 1 is True, 'x' True, 0 False. */
function logTargetTruthy(op: Op): Variant {
  const { reference, argsOf, withArgs } = bindOp(op);
  return {
    id: 'kl-div-log-target-truthy', expect: 'killed', rule: 'kl-div-log-target',
    description: "reads log_target by Python's truthiness (1 and 'x' are True) instead of refusing a non-bool",
    handle: (r) => {
      const v = argsOf(r).log_target;
      return reference(typeof v === 'number' || typeof v === 'string' ? withArgs(r, { log_target: Boolean(v) }) : r);
    },
  };
}

/** float32 input with a float64 label computed in float32 (the kernel's dtype), not widened. */
function mixedFloatsInInputDtype(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'kl-div-mixed-floats-in-input-dtype', expect: 'killed', rule: 'kl-div-float32-float64-widen',
    description: 'computes a float32 input with a float64 label in float32, where Paddle widens both to float64',
    handle: (r) => {
      const [x, y] = [tensorOf(r, 'input'), tensorOf(r, 'label')];
      if (x.dtype !== 'float32' || y.dtype !== 'float64') return reference(r);
      return reference({ ...r, inputs: { ...r.inputs, label: castTo(y, 'float32') } });
    },
  };
}

/** A label of another shape broadcast, as the other element-wise losses do. */
function broadcasts(op: Op): Variant {
  return operandsBroadcast(op, 'kl-div-broadcasts', 'kldiv-loss-shapes-must-equal');
}

/** Paddle 2.6's backward, −(t · g): an upstream NaN's sign flips where 3.x keeps it. */
function gradNegatedAfter(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'kl-div-grad-negated-after', expect: 'killed', rule: 'kldiv-loss-grad-negated-factor', bitwiseOnly: true,
    description: "input's gradient as −(t · g): an upstream NaN's sign flips, where Paddle's (−t) · g keeps it",
    handle: (r) => {
      const res = reference(r);
      if (!r.grad_output || reductionOf(r) !== 'none') return res;
      const g = valuesOf(decodeTensor(r.grad_output));
      const t = valuesOf(decodeTensor(tensorOf(r, 'label')));
      const grad = res.grad?.input && decodeTensor(res.grad.input);
      if (!grad || grad.dtype !== 'float32') return res;
      // The sign bit flipped where an upstream NaN meets a number label: bits, as a NaN's sign may not survive a JS number.
      const bits = Uint32Array.from({ length: g.length }, (_, k) => Number(bitsAt(grad, k)));
      g.forEach((v, k) => { if (v !== v && t[k]! === t[k]!) bits[k] = (bits[k]! ^ 0x80000000) >>> 0; });
      return { ...res, grad: { input: encodeTensor(fromTypedArray('float32', grad.shape, bits)) } };
    },
  };
}

/** exp as Eigen's packet polynomial on whole packets (as paddle.exp runs), where kldiv_loss calls the C library's on every element. */
function expInPackets(op: Op): Variant {
  const { reference, reductionOf, argsOf } = bindOp(op);
  return {
    id: 'kl-div-exp-in-packets', expect: 'killed', rule: 'kldiv-loss-libm-exp-and-log',
    description: "takes exp(label) from paddle.exp's packet polynomial for the first n − n mod 8 float32 elements: exp(−100) is 2.9e-39, not 3.8e-44",
    handle: (r) => {
      const res = reference(r);
      const [x, y] = [decodeTensor(tensorOf(r, 'input')), decodeTensor(tensorOf(r, 'label'))];
      if (!res.output || argsOf(r).log_target !== true || reductionOf(r) !== 'none' || x.dtype !== 'float32' || y.dtype !== 'float32') return res;
      const [xs, ys] = [valuesOf(x), valuesOf(y)];
      const whole = xs.length - (xs.length % 8);
      return { ...res, output: mapValues(res.output, (v, k) => (k < whole && ys[k]! < -87 ? Math.fround(eigenExpFloat(ys[k]!) * Math.fround(ys[k]! - xs[k]!)) : v)) };
    },
  };
}

/** 'batchmean' as Paddle before 3.3.1 computed it: the sum times round(1 / N), not divided by N; one more rounding, inside the summation bound. */
function batchmeanTimesReciprocal(op: Op): Variant {
  const { reference, reductionOf, withArgs } = bindOp(op);
  return {
    id: 'kl-div-batchmean-times-reciprocal', expect: 'passes', rule: 'tensor-div-int-is-scale-before-3-3-1',
    description: "computes 'batchmean' as sum · round(1 / N) (Paddle before 3.3.1), rounded twice, instead of sum / N",
    handle: (r) => {
      const res = reference(r);
      const shape = tensorOf(r, 'input').shape;
      const round = res.output && rounderOf(res.output.dtype);
      if (reductionOf(r) !== 'batchmean' || shape.length === 0 || !round || r.grad) return res;
      const sum = reference(withArgs(r, { reduction: 'sum' })).output;
      if (!sum) return res;
      return { ...res, output: scalarTensor(res.output!.dtype as 'float32', round(round(valuesOf(decodeTensor(sum))[0]!) * round(1 / shape[0]!))) };
    },
  };
}

/** kl_div's mutants, over its descriptor. */
export function klDivMutants(OP: Op): readonly Variant[] {
  return [
    reductionChecked(OP),
    negativeLabelNotZeroed(OP),
    batchmeanIsMean(OP),
    logTargetIgnored(OP),
    logTargetTruthy(OP),
    mixedFloatsInInputDtype(OP),
    broadcasts(OP),
    gradNegatedAfter(OP),
    expInPackets(OP),
    batchmeanTimesReciprocal(OP),
    computesIn(OP, ['float16', 'bfloat16', 'bool', 'int32', 'int64'], 'kl-div-other-dtypes-computed', 'kldiv-loss-float-kernels-only', 'computes float16, bfloat16, bool and integer operands in float32, where Paddle has only float kernels'),
    layerIgnoresLegacyArguments(OP, 'kl-div-layer-ignores-legacy-arguments', 'kl-div-layer-legacy-arguments'),
    meanGradTimesReciprocal(OP, 'kl-div-mean-grad-times-reciprocal', 'mean-grad-divides-by-count', 'passes'),
    meanOfEmptyIsZero(OP, 'kl-div-mean-of-empty-is-0', 'mean-of-empty-is-nan'),
    sumOfEmptyRaises(OP, 'kl-div-sum-of-empty-raises', 'sum-of-empty-is-zero'),
    sumAndMeanSwapped(OP, 'kl-div-sum-and-mean-swapped'),
    meanGradNotDivided(OP, 'kl-div-mean-grad-not-divided-by-n'),
  ];
}
