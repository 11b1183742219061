/**
 * Paddle's `p_norm` kernel along the last axis (`_C_ops.p_norm(x, p, -1, 0.0, False, False)`, as
 * `pairwise_distance` calls it), forward and backward (paddle/phi/kernels/cpu/p_norm_kernel.cc and
 * p_norm_grad_kernel.cc). For each row v of the last axis, in the dtype:
 *
 *     p = 0:     the count of v_i != 0 (NaN counts)
 *     p = ±inf:  the largest (smallest) |v_i|
 *     else:      pow(Σ pow(|v_i|, p), 1/p), the sum left to right from +0, 1/p taken in double
 *
 * Rule `p-norm-float-kernels-only`: registered for float32 and float64 only (RuntimeError NotFound).
 * Rule `p-norm-pow-in-packets`: pow is Eigen's packet generic_pow (exp2 of y·log2 x in double-word
 * arithmetic), within 1 ulp but not correctly rounded: pow(s, 0.5) is one ulp off sqrt(s) for about 4%
 * of rows, float32 and float64 (Paddle 3.3.1, 20,000 random rows). The reference rounds pow correctly
 * (Math.pow, then the dtype) and keeps generic_pow's special cases: pow(x, 1) = x, pow(x, 0) = 1,
 * pow(0, y > 0) = 0, pow(0, y < 0) = inf, NaN gives +NaN. Rule `p-norm-inf-nan-by-position`: the
 * ±inf reductions keep the accumulator only where it beats the next value, so a NaN is kept when it
 * comes last and dropped when a number follows it ([NaN, 1] gives 1, [1, NaN] NaN).
 * Rule `p-norm-order-in-float32`: p reaches the kernel as a float32 attribute and 1/p (and the
 * backward's p − 1) are computed in float32 too, so a float64 norm with p = 0.3 uses 0.30000001192092896 and round(1/p) (about
 * 1e-7 relative off the double-p norm; p = −0.00397 is 3e-6 off), and p = 1e300 is inf (Paddle
 * 3.3.1, float64 rows: only this reading matches, to 1 ulp; a gradient near 1e-303 with p = −0.000997
 * is 1e-5 off with p − 1 in double). p = 2 and 1 are unaffected.
 * Rule `p-norm-powers-unscaled`: no scaling by the largest |v_i| (as hypot or a careful port does), so
 * a float32 2-norm of [1e20, 0] is inf and one of [1e-30, 0] is 0 (Paddle 3.3.1).
 * Rule `p-norm-empty-rows-are-zero`: a zero-size tensor gives zeros (a [3, 0] input three norms 0);
 * before Paddle 3.0.0 it raises ValueError. A 0-D input (it gets here only with epsilon 0:
 * epsilon's [1] tensor otherwise makes the difference [1]) has no last axis, and the kernel reads the
 * size of a dimension the tensor lacks: undefined behaviour (norm 0 in some processes, a segmentation
 * fault in others; the backward aborts with std::bad_alloc). The reference raises SystemError there,
 * and the fuzzer draws no such request (descriptor's fuzz.undefinedBehaviour).
 *
 * Backward, with epsilon 0 (pairwise_distance passes 0.0): p = 0 gives +0. Rule `p-norm-grad-inf-ties`:
 * p = ±inf gives (|v_i| == norm) · sign(v_i) · g, so every tie gets g. Otherwise
 * pow(|v_i|, p − 1) / (pow(norm, p − 1) + 0) · g · sign(v_i). Rule `p-norm-grad-nan-at-zero-norm`:
 * a zero row gives 0 / 0, x86's default NaN (0xffc00000), for every p but 0, 1 and ±inf (p = 1
 * gives pow(0, 0) / pow(0, 0) · sign(0) = 0). sign keeps a zero's and a NaN's own bits.
 */
import { dtypeOf, type DType } from '../dtype.js';
import { PaddleSystemError, PaddleValueError } from '../errors.js';
import { paddleReleaseBefore } from '../release.js';
import { numel, Tensor } from '../tensor.js';
import { addKeepingFirstNaN, mulKeepingFirstNaN } from '../x86_nan.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** p_norm(x, p) along the last axis on the tape: the row norms, shape x.shape without its last dimension. */
export function pNorm(tape: Tape, x: Var, p: number): Var {
  requireKernel('p_norm', x.value.dtype);
  const shape = x.value.shape;
  if (x.value.size === 0 && paddleReleaseBefore('3.0.0')) throw new PaddleValueError('(InvalidArgument) The dims of Input(X) should be greater than 0.');
  const d = dtypeOf(x.value.dtype);
  // Rule `p-norm-order-in-float32`: porder is a float attribute, and 1/porder is taken in float too.
  p = Math.fround(p);
  const m = shape[shape.length - 1] ?? 1;
  const rows = numel(shape.slice(0, -1));
  const out = d.allocate(rows);
  if (shape.length === 0) throw new PaddleSystemError('(Fatal) p_norm of a 0-D tensor is undefined in Paddle: it reads a dimension the tensor lacks (a segmentation fault, or norm 0)');
  for (let r = 0; r < rows && m > 0; r++) d.set(out, r, rowNorm(x.value, r * m, m, p, d));
  const norm = new Tensor(x.value.dtype, shape.slice(0, -1), out);
  return tape.record(norm, [x], (dout) => [gradient(x.value, norm, dout, p, m)]);
}

function rowNorm(x: Tensor, start: number, m: number, p: number, d: DType): number {
  let acc = p === Infinity ? -Infinity : p === -Infinity ? Infinity : 0;
  for (let j = 0; j < m; j++) {
    const a = Math.abs(x.at(start + j));
    if (p === 0) acc = d.round(acc + (x.at(start + j) !== 0 ? 1 : 0));
    else if (p === Infinity) acc = a < acc ? acc : a;
    else if (p === -Infinity) acc = a > acc ? acc : a;
    else acc = addKeepingFirstNaN(acc, pow(a, p, d), d);
  }
  return p === 0 || p === Infinity || p === -Infinity ? acc : pow(acc, Math.fround(1 / p), d);
}

/** Eigen's pow(x, y) for x ≥ 0 or NaN, y rounded to the dtype: its special cases, else the correctly rounded power. */
export function pow(x: number, y: number, d: DType): number {
  const e = d.round(y);
  if (e === 1) return x;
  if (x === 1 || e === 0) return 1;
  if (x !== x || e !== e) return NaN;
  return d.round(Math.pow(x, e));
}

/** x86's default NaN, sign bit set: what 0/0 and inf/inf give. */
const X86_DEFAULT_NAN = new Float64Array(new BigUint64Array([0xfff8000000000000n]).buffer)[0]!;

/** Eigen's sign: ±1, a zero or a NaN as it is. */
function sign(v: number): number {
  return v > 0 ? 1 : v < 0 ? -1 : v;
}

function gradient(x: Tensor, norm: Tensor, dout: Tensor, p: number, m: number): Tensor {
  const d = dtypeOf(dout.dtype);
  const out = d.allocate(x.size);
  for (let k = 0; k < x.size && p !== 0; k++) {
    const v = x.at(k);
    const [n, g] = [norm.at(Math.floor(k / m)), dout.at(Math.floor(k / m))];
    if (p === Infinity || p === -Infinity) {
      d.set(out, k, mulKeepingFirstNaN(mulKeepingFirstNaN(Math.abs(v) === n ? 1 : 0, sign(v), d), g, d));
      continue;
    }
    const num = pow(Math.abs(v), Math.fround(p - 1), d);
    const den = addKeepingFirstNaN(pow(n, Math.fround(p - 1), d), 0, d);
    const q = num !== num ? num : den !== den ? den : (num === 0 && den === 0) || (!Number.isFinite(num) && !Number.isFinite(den)) ? X86_DEFAULT_NAN : d.round(num / den);
    d.set(out, k, mulKeepingFirstNaN(mulKeepingFirstNaN(q, g, d), sign(v), d));
  }
  return new Tensor(dout.dtype, x.shape, out);
}
