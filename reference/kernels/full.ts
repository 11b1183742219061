/**
 * Paddle's `full` kernel (`paddle.full`, `paddle.zeros`, and the tensor a
 * Python scalar becomes when an operator fills it in, as `margin - input`
 * does for a str or bool margin): one value in every element of a shape.
 * Its output takes no gradient, so it goes on the tape as a leaf.
 *
 * The value is a phi Scalar: a Python float (a number here), int (a bigint),
 * bool or str, cast to the dtype as Paddle's cast does (rounded to a float
 * dtype, truncated to an integer one, `!= 0` for bool).
 *
 * Rule `full-str-read-by-cpp-stream`: a Python str is a Scalar too, read by
 * phi's Scalar(std::string) (reference/scalar.ts): the exact strings 'inf',
 * '-inf', 'nan', 'True' and 'False' are special, anything else goes through
 * C++ `istringstream >> double` ('1.5abc' is 1.5, 'abc' and 'NaN' are 0,
 * '1e400' DBL_MAX), where Python's float() would raise or differ (Paddle
 * 3.3.1: hinge_embedding_loss with margin '1.5abc' computes with 1.5).
 */
import { castValue } from '../cast.js';
import type { DTypeName } from '../dtype.js';
import { scalarFromString } from '../scalar.js';
import { full as filled } from '../tensor.js';
import type { Tape, Var } from './tape.js';

/** A phi Scalar as Python passes one: float (number), int (bigint), bool or str. */
export type ScalarValue = number | bigint | boolean | string;

/** paddle.full(shape, value, dtype) as a leaf of the tape. */
export function full(tape: Tape, shape: readonly number[], value: ScalarValue, dtype: DTypeName): Var {
  return tape.leaf(filled(shape, scalarInDtype(value, dtype), dtype));
}

/** paddle.zeros(shape, dtype) as a leaf of the tape. */
export function zeros(tape: Tape, shape: readonly number[], dtype: DTypeName): Var {
  return full(tape, shape, 0, dtype);
}

/** The value a Scalar holds once cast to the dtype. */
export function scalarInDtype(value: ScalarValue, dtype: DTypeName): number {
  const v = typeof value === 'string' ? scalarFromString(value) : Number(value);
  return castValue(v, 'float64', dtype);
}
