/**
 * Variants every op with a reduction keyword has in the same form: built
 * from the op's reference, with the id (and, for a rule's alternative, the
 * rule) each op names them by.
 */
import { reductionKeyOf, type OpDescriptor } from '../op.js';
import { decodeTensor, valuesOf } from '../wire.js';
import type { PortRequest } from '../port.js';
import { bindOp, isCatalogFloat, isValidReduction, rounderOf, scalarTensor, sizeOf, unreduced } from './transform.js';
import type { Variant } from './variant.js';

/** 'sum' and 'mean' swapped: a plain bug every reducing op can have. */
export function sumAndMeanSwapped(op: Omit<OpDescriptor, 'mutants'>, id: string): Variant {
  const { reference, reductionOf, withArgs } = bindOp(op);
  return {
    id,
    expect: 'killed',
    description: "computes the mean for reduction='sum' and the sum for reduction='mean'",
    handle: (r) => {
      const red = reductionOf(r);
      return reference(red === 'sum' || red === 'mean' ? withArgs(r, { [reductionKeyOf(op)]: red === 'sum' ? 'mean' : 'sum' }) : r);
    },
  };
}

/**
 * The reduction validated last, after the operands and the other arguments:
 * a call with a bad reduction and a bad operand raises the operand's error.
 * The alternative of an op's rule that Paddle checks the reduction first.
 */
export function reductionCheckedLast(op: Omit<OpDescriptor, 'mutants'>, id: string, rule: string): Variant {
  const { reference, reductionOf, withArgs } = bindOp(op);
  return {
    id,
    expect: 'killed',
    rule,
    description: "checks the reduction only after the operands and the other arguments, so a bad reduction with a bad operand raises the operand's error",
    handle: (r) => {
      const res = reference(r);
      if (isValidReduction(reductionOf(r))) return res;
      const operandError = reference({ ...withArgs(r, { [reductionKeyOf(op)]: 'mean' }), grad: undefined, grad_output: undefined }).error;
      return operandError ? { id: r.id, error: operandError } : res;
    },
  };
}

/** How many loss elements the reference's unreduced result has; undefined when the call raises. */
function lossCount(op: Omit<OpDescriptor, 'mutants'>, r: PortRequest): number | undefined {
  const out = unreduced(op, r).output;
  return out ? sizeOf(out) : undefined;
}

/** The mean of an empty loss is 0: the alternative of an op's rule that it is NaN. */
export function meanOfEmptyIsZero(op: Omit<OpDescriptor, 'mutants'>, id: string, rule: string): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id,
    expect: 'killed',
    rule,
    description: 'returns 0 for the mean of an empty loss (Paddle gives NaN)',
    handle: (r) => {
      const res = reference(r);
      const dtype = res.output?.dtype;
      if (reductionOf(r) !== 'mean' || !dtype || !isCatalogFloat(dtype) || lossCount(op, r) !== 0) return res;
      return { ...res, output: scalarTensor(dtype, 0) };
    },
  };
}

/** Paddle 2.6's handling of empty tensors, the sum of an empty loss raises: the alternative of an op's rule that it is +0. */
export function sumOfEmptyRaises(op: Omit<OpDescriptor, 'mutants'>, id: string, rule: string): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id,
    expect: 'killed',
    rule,
    description: "raises RuntimeError for reduction='sum' of an empty loss instead of returning 0",
    handle: (r) => {
      const res = reference(r);
      if (reductionOf(r) !== 'sum' || !res.output || lossCount(op, r) !== 0) return res;
      return { id: r.id, error: { type: 'RuntimeError', message: '(PreconditionNotMet) The tensor holds no memory.' } };
    },
  };
}

/**
 * mean's backward forgets to divide the upstream gradient by N: the
 * gradient of 'mean' is that of 'sum'. A plain bug every reducing op can
 * have, which the page's 'mean' fixes wherever g / N is exact (N = 2, 4).
 */
export function meanGradNotDivided(op: Omit<OpDescriptor, 'mutants'>, id: string): Variant {
  const { reference, reductionOf, withArgs } = bindOp(op);
  return {
    id,
    expect: 'killed',
    description: "mean's gradient is sum's: the upstream gradient is not divided by the element count",
    handle: (r) => {
      const res = reference(r);
      if (!r.grad || reductionOf(r) !== 'mean' || !res.grad) return res;
      const grad = reference(withArgs(r, { [reductionKeyOf(op)]: 'sum' })).grad;
      return grad ? { ...res, grad } : res;
    },
  };
}

/**
 * mean's backward multiplies by the rounded reciprocal 1/N instead of
 * dividing by N: the alternative of an op's rule that it divides. An op whose
 * gradient bound admits the extra rounding declares it a correct variant
 * (`expect: 'passes'`); an exact op must catch it.
 */
export function meanGradTimesReciprocal(op: Omit<OpDescriptor, 'mutants'>, id: string, rule: string, expect: Variant['expect']): Variant {
  const { reference, reductionOf, withArgs } = bindOp(op);
  return {
    id,
    expect,
    rule,
    description: "mean's gradient is g · round(1/N), rounded twice, instead of g / N rounded once",
    handle: (r) => {
      const res = reference(r);
      const dtype = res.output?.dtype;
      if (!r.grad || reductionOf(r) !== 'mean' || !res.grad || !dtype || !isCatalogFloat(dtype)) return res;
      const n = lossCount(op, r);
      if (!n) return res;
      const round = rounderOf(dtype)!;
      const g = r.grad_output ? round(valuesOf(decodeTensor(r.grad_output))[0]!) : 1;
      const grad = reference({ ...withArgs(r, { [reductionKeyOf(op)]: 'sum' }), grad_output: scalarTensor(dtype, round(g * round(1 / n))) }).grad;
      return grad ? { ...res, grad } : res;
    },
  };
}
