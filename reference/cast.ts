/**
 * paddle.cast of one value on CPU: what a C++ `static_cast<OutT>(in)` gives on
 * x86-64, which is not what JavaScript's `| 0` or Math.trunc give.
 *
 * A float cast to int32 or int64 truncates toward zero; a NaN, an infinity or
 * a value whose truncation is outside the integer's range gives the integer
 * minimum (x86's "integer indefinite" value of cvttss2si / cvttsd2si and
 * their packed forms), not a wrapped value. A float cast to bool is
 * `v != 0`, so NaN is True. Confirmed against Paddle 3.3.1 (paddle.cast of
 * float32 and float64 [inf, -inf, nan, 3e9, -3e9, 2.5, -2.5, 1e19, ...]):
 * int32 gives [-2147483648 ×5, 2, -2, -2147483648 ×2, ...], int64 gives
 * 3000000000 and -3000000000 but -9223372036854775808 for ±inf, NaN and ±1e19;
 * float64 -2147483648.5 gives int32 -2147483648 (in range once truncated),
 * float32 2147483647.5 (which is 2^31 in float32) gives -2147483648.
 * An integer or bool cast to an integer keeps its low bits (int64 to int32
 * wraps), as C++'s integer conversion does. Rule `promotion-float-dtypes-widen`:
 * before Paddle 3.2.0 a float32 cast to float16 truncates toward zero (Paddle
 * 3.1.1: paddle.cast of 0.53647935 and 1.5298 gives 0.53613281 and 1.5292969,
 * 3.2.0 the nearest 0.53662109 and 1.5302734; a float16 weight's gradient too).
 */
import { dtypeOf, type DTypeName } from './dtype.js';
import { paddleReleaseBefore } from './release.js';

/** The integer minimum each integer dtype takes for a value it cannot hold. */
const INDEFINITE: Partial<Record<DTypeName, number>> = { int32: -(2 ** 31), int64: -(2 ** 63) };

/** Casts one value of dtype `from` to dtype `to`, as Paddle's CPU cast kernel does. */
export function castValue(v: number, from: DTypeName, to: DTypeName): number {
  const min = INDEFINITE[to];
  if (to === 'float16' && from === 'float32' && paddleReleaseBefore('3.2.0')) return float16TowardZero(v);
  if (min === undefined || !dtypeOf(from).floating) return dtypeOf(to).round(v);
  const t = Math.trunc(v);
  // -min is 2^31 (2^63): the first value the dtype cannot hold, exact in float64.
  return Number.isNaN(t) || t < min || t >= -min ? min : t;
}

/** v rounded toward zero to float16 (within float16's finite range; NaN, infinities and overflow as round to nearest gives them). */
function float16TowardZero(v: number): number {
  const r = dtypeOf('float16').round(v);
  if (!Number.isFinite(r) || Math.abs(r) <= Math.abs(v)) return r;
  const step = 2 ** (Math.max(Math.floor(Math.log2(Math.abs(v))), -14) - 10);
  return r - Math.sign(v) * step;
}
