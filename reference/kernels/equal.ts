/**
 * Paddle's `equal` kernel as `tensor == value` reaches it for a Python
 * scalar (Tensor.__eq__): the scalar filled into the tensor's dtype (an
 * integer or bool tensor is cast to float32 first when the scalar is a
 * float), then compared element by element into a bool tensor of the
 * tensor's shape. A comparison has no gradient.
 *
 * Rule `equal-float-tolerance`: phi's EqualFunctor compares floats with a
 * tolerance, |a − b| < 1e-15 with the difference taken in the dtype, not
 * a == b; infinities compare exactly and NaN equals nothing. So a float64
 * value within 4 ulps of 1 equals 1 (Paddle 3.3.1: 1 + 4·2⁻⁵² == 1.0 is
 * True, 1 + 5·2⁻⁵² is False); float32, float16 and bfloat16 have no
 * neighbour of ±1 that close. Before Paddle 3.1.0 the tolerance was 1e-8
 * (2.6.2 and 3.0.0: 1 + 5·2⁻⁵² == 1.0 is True too).
 */
import { castValue } from '../cast.js';
import { dtypeOf, type DType, type DTypeName } from '../dtype.js';
import { paddleReleaseBefore } from '../release.js';
import { Tensor } from '../tensor.js';
import type { Tape, Var } from './tape.js';

/** `x == value` for a Python float (a number) or int (a bigint), as a bool leaf of the tape. */
export function equalScalar(tape: Tape, x: Var, value: number | bigint): Var {
  const out = new Uint8Array(x.value.size);
  for (let k = 0; k < out.length; k++) out[k] = elementEquals(x.value.at(k), x.value.dtype, value) ? 1 : 0;
  return tape.leaf(new Tensor('bool', x.value.shape, out));
}

/** `paddle.equal(x, y)` of two tensors of one shape and dtype, element by element (rule `equal-float-tolerance`), as a bool leaf. */
export function equal(tape: Tape, x: Var, y: Var): Var {
  const d = dtypeOf(x.value.dtype);
  const out = new Uint8Array(x.value.size);
  for (let k = 0; k < out.length; k++) out[k] = isEqual(x.value.at(k), y.value.at(k), d) ? 1 : 0;
  return tape.leaf(new Tensor('bool', x.value.shape, out));
}

/** Whether one element of a tensor of `dtype` is `== value`, as equalScalar decides it. */
export function elementEquals(v: number, dtype: DTypeName, value: number | bigint): boolean {
  // __eq__ casts an integer or bool tensor to float32 before it meets a Python float.
  const compared: DTypeName = typeof value === 'number' && !dtypeOf(dtype).floating ? 'float32' : dtype;
  return isEqual(castValue(v, dtype, compared), castValue(Number(value), 'float64', compared), dtypeOf(compared));
}

/** phi's EqualFunctor: exact for integers and infinities, never for NaN, within the tolerance for finite floats. */
function isEqual(a: number, b: number, d: DType): boolean {
  if (!d.floating || !Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(d.round(a - b)) < tolerance();
}

/** The float tolerance of the release being reproduced. */
function tolerance(): number {
  return paddleReleaseBefore('3.1.0') ? 1e-8 : 1e-15;
}
