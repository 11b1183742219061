/**
 * How cross_entropy's keyword arguments are read, in the order Paddle 3.3.1 reads them. Rule
 * `cross-entropy-argument-types`: `ignore_index > 0` and `label_smoothing > 0.0` are Python comparisons (None
 * or a str: TypeError; a bool counts as 0 or 1), axis goes to paddle.unsqueeze when the label lacks the class
 * axis (an int within [−rank − 1, rank], else ValueError; a bool, float or str TypeError; None passes), then
 * the kernel's argument parser takes soft_label and use_softmax as bool or None (None as False; an int or str
 * is TypeError), ignore_index and axis as an int (a bool, float or None is TypeError, one beyond int32
 * IndexError, wrapped to int32 before Paddle 3.3.0); each TypeError of the parser was ValueError before 3.0.0; the kernel's shape inference wants axis in [−rank, rank − 1] (ValueError, after the dtype check).
 */
import { PaddleIndexError, PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { paddleReleaseBefore } from './release.js';

/** The argument parser's type error: (InvalidType) TypeError, before Paddle 3.0.0 (InvalidArgument) ValueError. */
function invalidType(message: string): Error {
  return paddleReleaseBefore('3.0.0') ? new PaddleValueError(`(InvalidArgument) ${message}`) : new PaddleTypeError(`(InvalidType) ${message}`);
}

/** `value > bound` as Python compares a keyword with a number. */
export function pythonGreater(value: unknown, bound: number, boundType: 'int' | 'float'): boolean {
  if (typeof value === 'boolean') return Number(value) > bound;
  if (typeof value === 'number') return value > bound;
  throw new PaddleTypeError(`'>' not supported between instances of '${pythonTypeName(value)}' and '${boundType}'`);
}

/** Python's truthiness of a keyword value. */
export function truthy(value: unknown): boolean {
  return !(value === null || value === undefined || value === false || value === 0 || value === '');
}

/** paddle.unsqueeze's reading of axis for a tensor of `rank` dimensions: the insert position, or null for None. */
export function unsqueezeAxis(axis: unknown, rank: number): number | null {
  if (axis === null || axis === undefined) return null;
  if (typeof axis === 'boolean') throw invalidType('unsqueeze(): argument (position 2) must be list of int, but got bool at pos 0');
  if (typeof axis !== 'number' || !Number.isInteger(axis)) throw invalidType(`unsqueeze(): argument (position 2) must be list, tuple, int, or Tensor, but got ${pythonTypeName(axis)}`);
  const a = Number(BigInt.asIntN(32, BigInt(axis)));
  const cur = a < 0 ? a + rank + 1 : a;
  if (cur < 0) throw new PaddleValueError(`(InvalidArgument) The insert dimension value should not be less than 0`);
  if (cur > rank) throw new PaddleValueError(`(InvalidArgument) The insert dimension value should not be larger than the dimension size of input tensor`);
  return cur;
}

/** The kernel's bool argument at `position`: True, False or None (as False). */
export function kernelBool(value: unknown, position: number): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  throw invalidType(`cross_entropy_with_softmax(): argument (position ${position}) must be bool, but got ${pythonTypeName(value)}`);
}

/** The kernel's int argument at `position`: an int within int32. */
export function kernelInt(value: unknown, position: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidType(`cross_entropy_with_softmax(): argument (position ${position}) must be int, but got ${pythonTypeName(value)}`);
  // Before Paddle 3.3.0 the parser kept the low 32 bits.
  if (paddleReleaseBefore('3.3.0')) return Number(BigInt.asIntN(32, BigInt(value)));
  if (value < -(2 ** 31) || value >= 2 ** 31) throw new PaddleIndexError(`(OutOfRange) Integer value ${value} exceeds int32 range [-2147483648, 2147483647]`);
  return value;
}
