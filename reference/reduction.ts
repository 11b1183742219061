/**
 * The `reduction` argument: its validation and the mean and sum reductions in
 * the arithmetic of the loss's dtype.
 */
import { dtypeOf, type DType, type Storage } from './dtype.js';
import { PaddleValueError } from './errors.js';
import { Tensor } from './tensor.js';

/** The reductions Paddle accepts. */
export const REDUCTIONS = ['none', 'mean', 'sum'] as const;

/** A valid `reduction` value. */
export type Reduction = (typeof REDUCTIONS)[number];

/**
 * Throws Paddle's ValueError unless `reduction` is 'none', 'mean' or 'sum'.
 *
 * Rule `reduction-checked-first`: Paddle checks this before touching any
 * tensor (python/paddle/nn/functional/loss.py), so a bad reduction wins over
 * every other error (confirmed against Paddle 3.3.1 with a list input).
 * Non-string values are printed as Python's str() would: None, 1.
 */
export function checkReduction(reduction: unknown, api = 'hinge_embedding_loss'): asserts reduction is Reduction {
  if (typeof reduction === 'string' && (REDUCTIONS as readonly string[]).includes(reduction)) return;
  throw new PaddleValueError(
    `'reduction' in '${api}' should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}.`,
  );
}

/**
 * Sum of n values in the dtype's arithmetic: every partial sum is rounded.
 *
 * Left to right. Paddle's CPU kernel (Eigen) adds in a tree order instead; the
 * suite therefore compares sums within a bound valid for any order.
 *
 * Rule `sum-of-empty-is-zero`: with no elements the sum is +0; Paddle returns
 * +0 with shape [] (confirmed against Paddle 3.3.1).
 */
export function sum(values: Storage, dtype: DType): number {
  let acc = 0;
  for (let i = 0; i < values.length; i++) acc = dtype.round(acc + dtype.get(values, i));
  return acc;
}

/**
 * Mean as Paddle's kernel computes it: the dtype-rounded sum divided by the
 * count, with one more rounding.
 */
export function mean(values: Storage, dtype: DType): number {
  return meanOfSum(sum(values, dtype), values.length, dtype);
}

/**
 * A sum of `count` elements divided by the count, rounded in the dtype.
 *
 * Rule `mean-of-empty-is-nan`: with no elements the mean is NaN, shape [].
 * Paddle returns the positive quiet NaN (float32 0x7fc00000), not the NaN
 * that 0/0 gives on x86 (0xffc00000, sign bit set), so it is returned as a
 * constant rather than computed (confirmed against Paddle 3.3.1, bitwise).
 */
export function meanOfSum(total: number, count: number, dtype: DType): number {
  if (count === 0) return NaN;
  return dtype.round(total / dtype.round(count));
}

/**
 * Applies a valid reduction to an unreduced loss: 'none' returns it; mean and
 * sum give a 0-D tensor of its dtype, also for an empty loss (shape [] since
 * Paddle 2.5): the dtype-rounded sum, and for mean that sum divided by the
 * count (meanOfSum).
 */
export function reduceLoss(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return loss;
  const dtype = dtypeOf(loss.dtype);
  const total = sum(loss.data, dtype);
  const data = dtype.allocate(1);
  dtype.set(data, 0, reduction === 'sum' ? total : meanOfSum(total, loss.size, dtype));
  return new Tensor(loss.dtype, [], data);
}

/** Python's `str()` of a value as an f-string would print it, for Paddle's messages. */
export function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number' && Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  return String(value);
}

/** Python's `repr()` of a list element: strings quoted, everything else as `str()`. */
function pythonRepr(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : pythonStr(value);
}
