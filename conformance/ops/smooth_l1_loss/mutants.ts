/**
 * smooth_l1_loss's mutants: its rules' alternatives (its primitives' written
 * once in mutants/kernel_alternatives.ts and mutants/common.ts) and the
 * natural bugs of the Huber loss.
 */
import { meanGradNotDivided, meanGradTimesReciprocal, meanOfEmptyIsZero, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import { computesIn, layerIgnoresLegacyArguments, sameShapeOperands, operandsBroadcast } from '../../mutants/kernel_alternatives.js';
import { bindOp, mapValues } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import { bitsAt, decodeTensor, encodeTensor, fromTypedArray } from '../../wire.js';
import type { OpDescriptor } from '../../op.js';

type Op = Omit<OpDescriptor, 'mutants'>;

const isValid = (red: unknown): boolean => red === 'none' || red === 'mean' || red === 'sum';

function reductionCheckedFirst(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'smooth-l1-reduction-checked-first', expect: 'killed', rule: 'smooth-l1-reduction-checked-last',
    description: 'checks the reduction before the kernel runs (as most losses do): a bad reduction with a bad dtype raises ValueError',
    handle: (r) => {
      const red = reductionOf(r);
      if (isValid(red)) return reference(r);
      return { id: r.id, error: { type: 'ValueError', message: `The value of 'reduction' in smooth_l1_loss should be 'sum', 'mean' or 'none', but received ${String(red)}, which is not allowed.` } };
    },
  };
}

function broadcasts(op: Op): Variant {
  return operandsBroadcast(op, 'smooth-l1-broadcasts', 'huber-loss-shapes-must-equal');
}

function deltaDefaultWhenNotPositive(op: Op): Variant {
  const { reference, argsOf, withArgs } = bindOp(op);
  return {
    id: 'smooth-l1-delta-ignored-when-not-positive', expect: 'killed', rule: 'huber-loss-delta-unchecked',
    description: 'ignores a zero or negative delta, as the page says, and uses 1.0',
    handle: (r) => {
      const delta = argsOf(r).delta;
      return reference(typeof delta === 'number' && delta <= 0 ? withArgs(r, { delta: undefined }) : r);
    },
  };
}

function nanResidualGradIsNan(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'smooth-l1-nan-residual-grad-is-nan', expect: 'killed', rule: 'huber-loss-nan-residual',
    description: "gives a NaN residual a NaN gradient (r · g), not ±delta · g",
    handle: (r) => {
      const res = reference(r);
      const ops = sameShapeOperands(r);
      if (!ops || !res.grad || r.grad_output) return res;
      const nanAt = (k: number): boolean => Number.isNaN(ops.y[k]! - ops.x[k]!);
      return { ...res, grad: Object.fromEntries(Object.entries(res.grad).map(([name, t]) => [name, mapValues(t, (v, k) => (nanAt(k) ? NaN : v))])) };
    },
  };
}

function inputGradNegatedAfter(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'smooth-l1-input-grad-negated-after', expect: 'killed', rule: 'huber-loss-input-grad-negated-factor', bitwiseOnly: true,
    description: "input's gradient as label's negated, −(r · g): a NaN upstream's sign flips, where Paddle's (−r) · g keeps it",
    handle: (r) => {
      const res = reference(r);
      if (!res.grad?.input || !res.grad.label || !sameShapeOperands(r)) return res;
      const g = decodeTensor(res.grad.label);
      if (g.dtype !== 'float32') return res;
      const bits = Uint32Array.from({ length: g.shape.reduce((a, b) => a * b, 1) }, (_, k) => (Number(bitsAt(g, k)) ^ 0x80000000) >>> 0);
      return { ...res, grad: { ...res.grad, input: encodeTensor(fromTypedArray('float32', g.shape, bits)) } };
    },
  };
}

function isHuberIgnored(op: Op): Variant {
  const { reference, argsOf, withArgs } = bindOp(op);
  return {
    id: 'smooth-l1-is-huber-ignored', expect: 'killed', rule: 'smooth-l1-is-huber',
    description: 'ignores is_huber=False (the page does not have it) and returns the Huber loss',
    handle: (r) => reference(argsOf(r).is_huber === false ? withArgs(r, { is_huber: undefined }) : r),
  };
}

function pytorchSmoothL1(op: Op): Variant {
  const { reference, argsOf, withArgs } = bindOp(op);
  return {
    id: 'smooth-l1-squared-term-over-delta', expect: 'killed',
    description: "takes PyTorch's smooth_l1_loss (0.5 r² / delta inside, |r| − 0.5 delta outside) for the Huber loss",
    handle: (r) => reference(argsOf(r).is_huber === false ? r : withArgs(r, { is_huber: false })),
  };
}

/** PyTorch's HuberLoss under Paddle's name: no is_huber, so is_huber=False is refused as an unexpected keyword. */
function huberLossIsPytorchs(op: Op): Variant {
  const { reference, argsOf } = bindOp(op);
  return {
    id: 'smooth-l1-huber-loss-is-pytorchs', expect: 'killed', rule: 'smooth-l1-huber-loss-alias',
    description: "makes paddle.nn.HuberLoss PyTorch's HuberLoss(reduction, delta), which has no is_huber",
    handle: (r) => (r.api === 'paddle.nn.HuberLoss' && 'is_huber' in argsOf(r)
      ? { id: r.id, error: { type: 'TypeError', message: "HuberLoss.__init__() got an unexpected keyword argument 'is_huber'" } }
      : reference(r)),
  };
}

/** smooth_l1_loss's mutants, over its descriptor. */
export function smoothL1Mutants(OP: Op): readonly Variant[] {
  return [
    reductionCheckedFirst(OP),
    layerIgnoresLegacyArguments(OP, 'smooth-l1-layer-ignores-legacy-arguments', 'smooth-l1-layer-legacy-arguments'),
    broadcasts(OP),
    computesIn(OP, ['float16', 'bfloat16', 'bool', 'int32', 'int64'], 'smooth-l1-other-dtypes-computed', 'huber-loss-float-kernels-only', 'computes float16, bfloat16, bool and integer operands in float32, where Paddle has only float kernels'),
    deltaDefaultWhenNotPositive(OP),
    nanResidualGradIsNan(OP),
    inputGradNegatedAfter(OP),
    isHuberIgnored(OP),
    huberLossIsPytorchs(OP),
    meanGradTimesReciprocal(OP, 'smooth-l1-mean-grad-times-reciprocal', 'mean-grad-divides-by-count', 'killed'),
    meanOfEmptyIsZero(OP, 'smooth-l1-mean-of-empty-is-0', 'mean-of-empty-is-nan'),
    sumOfEmptyRaises(OP, 'smooth-l1-sum-of-empty-raises', 'sum-of-empty-is-zero'),
    sumAndMeanSwapped(OP, 'smooth-l1-sum-and-mean-swapped'),
    meanGradNotDivided(OP, 'smooth-l1-mean-grad-not-divided-by-n'),
    pytorchSmoothL1(OP),
  ];
}
