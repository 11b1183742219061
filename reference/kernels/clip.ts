/**
 * `paddle.clip(x, min=None, max=None)` (python/paddle/tensor/math.py) and
 * the `clip` kernel it calls, with its backward:
 *
 *     min_, max_ = the dtype's lowest and largest finite values
 *     min = min_ if min is None else min;  max = max_ if max is None else max
 *     return _C_ops.clip(x, min, max)
 *
 * Forward: `v < min ? min : v > max ? max : v` (phi's ClipFunctor), the
 * bounds rounded to x's dtype; min > max raises ValueError ((InvalidArgument)
 * max should be greater than or equal to min. …). Rule `clip-keeps-nan`: NaN
 * is neither below min nor above max, so it passes through (unlike relu,
 * which maps it to 0). Rule `clip-caps-at-dtype-max`: the default max is the
 * dtype's largest finite value, so +inf (or anything above) becomes FLT_MAX
 * (0x7f7fffff) or DBL_MAX, not inf; before Paddle 3.1.1 (2.6.2 to 3.1.0) the
 * Python source had no float64 branch and float64 got float32's bounds
 * (paddle.clip(T([1e39], 'float64'), min=0): 3.4028234663852886e38 in
 * 3.1.0, 1e39 in 3.1.1). Registered for int32, int64, float32 and float64
 * (RuntimeError NotFound for float16, bfloat16 and bool). All confirmed
 * against Paddle 3.3.1 unless marked.
 *
 * Backward. Rule `clip-grad-passes-at-bounds`: since Paddle 3.1.0 the
 * gradient is dout where min <= v <= max, bounds included, and +0 elsewhere
 * (NaN included; dout is passed as it is, not multiplied, so a NaN upstream
 * gives +0 where the mask is off); before (2.6.2 and 3.0.0) the bounds were
 * excluded, min < v < max (paddle.clip(x, min=0)'s gradient at x = 0 and at
 * FLT_MAX is 0 in Paddle 3.0.0 and 1 in 3.1.0).
 */
import { dtypeOf, type DType, type DTypeName } from '../dtype.js';
import { PaddleValueError } from '../errors.js';
import { paddleReleaseBefore } from '../release.js';
import { Tensor } from '../tensor.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** paddle.clip(x, min, max) on the tape; null or undefined bounds take the dtype's defaults. */
export function clip(tape: Tape, x: Var, min?: number | null, max?: number | null): Var {
  requireKernel('clip', x.value.dtype);
  const d = dtypeOf(x.value.dtype);
  const [lowest, largest] = defaultBounds(x.value.dtype);
  const lo = bound(min ?? lowest, d);
  const hi = bound(max ?? largest, d);
  if (!(lo <= hi)) throw new PaddleValueError(`(InvalidArgument) max should be greater than or equal to min. But received min = ${printed(lo)}, max = ${printed(hi)}`);
  const out = d.allocate(x.value.size);
  for (let k = 0; k < x.value.size; k++) {
    const v = x.value.at(k);
    d.set(out, k, v < lo ? lo : v > hi ? hi : v);
  }
  return tape.record(new Tensor(x.value.dtype, x.value.shape, out), [x], (dout) => [gradient(x.value, dout, lo, hi)]);
}

/** The default (min, max) of paddle.clip's Python source for the dtype, in the release being reproduced. */
function defaultBounds(dtype: DTypeName): [number, number] {
  if (dtype === 'int32') return [-(2 ** 31), 2 ** 31 - 1 - 2 ** 7];
  if (dtype === 'int64') return [-(2 ** 63), 2 ** 63 - 1 - 2 ** 39];
  if (dtype === 'float64' && !paddleReleaseBefore('3.1.1')) return [-Number.MAX_VALUE, Number.MAX_VALUE];
  return [-FLT_MAX, FLT_MAX];
}

/** A bound as the message prints it: C's %f of the bound cast to float (DBL_MAX prints inf). */
function printed(v: number): string {
  const f = Math.fround(v);
  if (f !== f) return 'nan';
  if (!Number.isFinite(f)) return f > 0 ? 'inf' : '-inf';
  return Math.abs(f) < 1e21 ? f.toFixed(6) : `${BigInt(f)}.000000`;
}

/** The largest finite float32. */
const FLT_MAX = 3.4028234663852886e38;

/** A bound as the kernel holds it: the Scalar converted to x's dtype (an integer dtype truncates). */
function bound(v: number, d: DType): number {
  if (d.floating) return d.round(v);
  if (!Number.isInteger(v)) throw new Error('paddle.clip of an integer tensor with a float bound is not reproduced by this reference');
  return v;
}

function gradient(x: Tensor, dout: Tensor, lo: number, hi: number): Tensor {
  const d = dtypeOf(dout.dtype);
  const out = d.allocate(x.size);
  const inclusive = !paddleReleaseBefore('3.1.0');
  for (let k = 0; k < x.size; k++) {
    const v = x.at(k);
    const passes = inclusive ? v >= lo && v <= hi : v > lo && v < hi;
    d.set(out, k, passes ? dout.at(k) : 0);
  }
  return new Tensor(dout.dtype, x.shape, out);
}
