/**
 * Variants every op with a reduction keyword has in the same form: built
 * from the op's reference, with the id (and, for a rule's alternative, the
 * rule) each op names them by.
 */
import type { OpDescriptor } from '../op.js';
import { bindOp, isValidReduction } from './transform.js';
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
      return reference(red === 'sum' || red === 'mean' ? withArgs(r, { [op.reduction]: red === 'sum' ? 'mean' : 'sum' }) : r);
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
      const operandError = reference({ ...withArgs(r, { [op.reduction]: 'mean' }), grad: undefined, grad_output: undefined }).error;
      return operandError ? { id: r.id, error: operandError } : res;
    },
  };
}
