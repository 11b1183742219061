/**
 * glibc's log1p (sysdeps/ieee754/dbl-64/s_log1p.c: fdlibm's algorithm with the
 * polynomial regrouped for pipelining, R1 + z²·R2 + z⁴·R3 + z⁶·R4, its sum
 * fused on x86-64 CPUs with FMA), which warp-transducer's log_sum_exp calls in
 * double. V8's Math.log1p is fdlibm's Horner form and differs in the last bit
 * on about 1 input in 2,000 of [0, 1]; this function equals glibc 2.36 on
 * 8·10^5 inputs (uniform in [0, 1], e^-[0,40], [0, 1e-10], e^-[0,745]), the
 * range exp(b − a) ≤ 1 that log_sum_exp gives it.
 */
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const LP = [0, 6.666666666666735130e-1, 3.999999999940941908e-1, 2.857142874366239149e-1, 2.222219843214978396e-1, 1.818357216161805012e-1, 1.531383769920937332e-1, 1.479819860511658591e-1] as const;
import { fma } from './elementary.js';

const BUF = new Float64Array(1);
const WORDS = new Uint32Array(BUF.buffer);

function highWord(x: number): number {
  BUF[0] = x;
  return WORDS[1]! | 0;
}

function withHighWord(x: number, hi: number): number {
  BUF[0] = x;
  WORDS[1] = hi >>> 0;
  return BUF[0]!;
}

/** log(1 + x) as glibc computes it; a NaN comes back as it is. */
export function libmLog1p(x: number): number {
  if (x !== x) return x;
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let hu = 0;
  let c = 0;
  if (hx < 0x3fda827a) {
    if (ax >= 0x3ff00000) return x === -1 ? -Infinity : NaN;
    if (ax < 0x3e200000) return ax < 0x3c900000 ? x : x - x * x * 0.5;
    if (hx > 0 || hx <= (0xbfd2bec3 | 0)) {
      k = 0;
      f = x;
      hu = 1;
    }
  } else if (hx >= 0x7ff00000) return x + x;
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1);
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) u = withHighWord(u, hu | 0x3ff00000);
    else {
      k += 1;
      u = withHighWord(u, hu | 0x3fe00000);
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + (c + k * LN2_LO);
    const r = hfsq * (1 - 0.66666666666666666 * f);
    return k === 0 ? f - r : k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  // The sum of the four terms runs fused, z·Lp1 first (the binary's order, found by matching it bit for bit).
  const R = fma(z6, LP[6] + z * LP[7], fma(z4, LP[4] + z * LP[5], fma(z, LP[1], z2 * (LP[2] + z * LP[3]))));
  if (k === 0) return f - (hfsq - s * (hfsq + R));
  return k * LN2_HI - ((hfsq - (s * (hfsq + R) + (k * LN2_LO + c))) - f);
}
