/**
 * Paddle's `sqrt` kernel (`paddle.sqrt`) and its backward.
 *
 * Forward. Registered for float32 and float64 (and complex), not float16,
 * bfloat16 or bool (RuntimeError NotFound; eager Paddle casts int32 and
 * int64 to float32 first, which this reference does not reproduce). float64 is
 * Eigen's exact `_mm256_sqrt_pd`; a negative x gives x86's default NaN
 * (0xfff8000000000000).
 *
 * Rule `sqrt-float32-fast-in-packets`: for float32 the elements in whole
 * 8-lane packets (k < 8·⌊n/8⌋) go through Eigen's fast-math psqrt,
 * x · rsqrt(x) refined by one Newton step, and the rest through std::sqrt.
 * That psqrt gives the negative default NaN (0xffc00000) for +inf (inf · 0)
 * and +0 for 0 ≤ x < FLT_MIN, −0 included; the tail gives +inf, the
 * correctly rounded root and −0 (Paddle 3.3.1: nine +inf give eight
 * 0xffc00000 and 0x7f800000; nine 1e-40 eight +0 and 0x1e3ce4e7; nine −0
 * eight +0 and −0). Its finite results are not correctly rounded: 38% of
 * random inputs are 1-4 ulps off, and which ones depends on the CPU's rsqrtps
 * table, which Intel and AMD compute differently (conformance/machine.ts: the
 * golden files record each machine class), so no one reference reproduces
 * them; this one rounds correctly there, and the suite's derived bounds allow
 * FAST_SQRT_ULPS. A negative x gives 0xffc00000 everywhere.
 *
 * Backward: (0.5 · dout) / out, each step rounded, with the forward's own
 * output (phi's SqrtGradFunctor).
 */
import { dtypeOf, type DType } from '../dtype.js';
import { Tensor } from '../tensor.js';
import { divKeepingFirstNaN, mulKeepingFirstNaN } from '../x86_nan.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** sqrt(x) on the tape. */
export function sqrt(tape: Tape, x: Var): Var {
  requireKernel('sqrt', x.value.dtype);
  const d = dtypeOf(x.value.dtype);
  const n = x.value.size;
  const out = d.allocate(n);
  const packed = d.name === 'float32' ? Math.floor(n / 8) * 8 : 0;
  for (let k = 0; k < n; k++) d.set(out, k, k < packed ? packetSqrt(x.value.at(k), d) : ieeeSqrt(x.value.at(k), d));
  const y = new Tensor(x.value.dtype, x.value.shape, out);
  return tape.record(y, [x], (dout) => [gradient(y, dout)]);
}

/** x86's default NaN, sign bit set: what an invalid operation (inf · 0, sqrt of a negative) gives. */
const X86_DEFAULT_NAN = new Float64Array(new BigUint64Array([0xfff8000000000000n]).buffer)[0]!;

/** The smallest positive normal float32, below which Eigen's psqrt flushes to +0. */
const FLT_MIN = 2 ** -126;

/** std::sqrt: correctly rounded; a NaN comes back as it is, a negative x gives the default NaN. */
function ieeeSqrt(x: number, d: DType): number {
  if (x !== x) return x;
  return x < 0 ? X86_DEFAULT_NAN : d.round(Math.sqrt(x));
}

/** Eigen's float32 psqrt where it is determined: its finite results are taken correctly rounded (see the header). */
function packetSqrt(x: number, d: DType): number {
  if (x === Infinity) return X86_DEFAULT_NAN;
  if (x >= 0 && x < FLT_MIN) return 0;
  return ieeeSqrt(x, d);
}

function gradient(y: Tensor, dout: Tensor): Tensor {
  const d = dtypeOf(dout.dtype);
  const out = d.allocate(y.size);
  for (let k = 0; k < y.size; k++) d.set(out, k, divKeepingFirstNaN(mulKeepingFirstNaN(0.5, dout.at(k), d), y.at(k), d));
  return new Tensor(dout.dtype, y.shape, out);
}
