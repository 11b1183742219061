/**
 * exp and log as Paddle 3.3.1's CPU kernels compute them, element by element.
 *
 * Established by disassembling libphi_core.so of the Paddle 3.3.1 wheel
 * (ExpKernel<float|double, CPUContext>, LogKernel<float|double, CPUContext>)
 * and comparing with Paddle's outputs bit for bit:
 *
 * - exp is the Eigen tensor expression `x.exp()`
 *   (phi/kernels/funcs/activation_functor.h, ExpFunctor). Eigen evaluates it
 *   in AVX packets (8 float32 or 4 float64 lanes) with its polynomial
 *   pexp_float / pexp_double, compiled for AVX without FMA (vmulps then
 *   vaddps, never vfmadd), and the last `n mod 8` (float32) or `n mod 4`
 *   (float64) elements of the flattened tensor with the C library's
 *   expf / exp. So one input value can give two results depending on where
 *   it sits in the tensor (rule `exp-packet-and-tail`, kernels/exp.ts).
 * - log (`x.log()`) calls the C library's logf / log for every element
 *   (confirmed bit for bit on 3·10^6 inputs per dtype, whatever the tensor
 *   length and position).
 *
 * The packet functions below repeat Eigen's sequence of float operations
 * (Eigen/src/Core/arch/Default/GenericPacketMathFunctions.h) with the
 * constants read from the binary's .rodata, each step rounded to the dtype
 * (Math.fround for float32: the exact float64 result of one +, - or × of two
 * float32 values rounded once to float32 is that operation in float32).
 * They reproduce Paddle's packet exp bit for bit (10^6 random inputs each).
 *
 * The C library is glibc on the machines Paddle's wheels target. Its logf,
 * log, expf and exp (glibc ≥ 2.28: Szabolcs Nagy's table-driven algorithms
 * from ARM optimized-routines) are reproduced here bit for bit, as glibc 2.36
 * runs them on x86-64 CPUs with FMA (the __*_fma variants):
 * - logf and log equal glibc and Paddle 3.3.1 on 3·10^6 inputs per dtype
 *   (positive bit patterns of every exponent, subnormals included; 1 ± 2^-k;
 *   1 + e^z for z in [-20, 20]), where Math.log differed on 1.5% (float32)
 *   and 0.65% (float64).
 * - expf and exp equal glibc on 1.6·10^6 inputs per dtype (bit patterns of
 *   every exponent; uniform over the range with finite nonzero results;
 *   near 0, overflow and underflow; [-40, 40]; ±0, ±inf; 6000 consecutive
 *   values around each threshold), where Math.exp differed on 0.03% (float32)
 *   and 4.8% (float64), and Paddle 3.3.1's tail elements on 2·10^5 more.
 */
import type { DTypeName } from './dtype.js';
import {
  LOG_INVC_LOGC,
  LOG_LN2HI,
  LOG_LN2LO,
  LOG_POLY,
  LOG_POLY1,
  LOG_TABLE_BITS,
  LOGF_INVC_LOGC,
  LOGF_LN2,
  LOGF_POLY,
  LOGF_TABLE_BITS,
} from './elementary_log_data.js';
import {
  EXP_INVLN2N,
  EXP_NEGLN2HIN,
  EXP_NEGLN2LON,
  EXP_POLY,
  EXP_SHIFT,
  EXP_TAB,
  EXP_TABLE_BITS,
  EXP2F_INVLN2N,
  EXP2F_POLY,
  EXP2F_SHIFT,
  EXP2F_TAB,
  EXP2F_TABLE_BITS,
} from './elementary_exp_data.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** The float32 value with the given bit pattern. */
function floatFromBits(bits: number): number {
  u32[0] = bits >>> 0;
  return f32[0]!;
}

/** The bit pattern of a float32 value, as an unsigned integer. */
function floatBits(x: number): number {
  f32[0] = x;
  return u32[0]!;
}

/** The float64 value with the given bit pattern. */
function doubleFromBits(bits: bigint): number {
  u64[0] = bits;
  return f64[0]!;
}

// pexp_float's constants, as stored in libphi_core.so (.rodata, 8 lanes each).
const EXP_HI_F = floatFromBits(0x42b1722d); // 88.723f
const EXP_LO_F = floatFromBits(0xc2b1722d); // -88.723f
const LOG2EF_F = floatFromBits(0x3fb8aa3b); // 1.44269504088896341f
const C1_F = floatFromBits(0xbf318000); // -0.693359375f
const C2_F = floatFromBits(0x395e8083); // 2.12194440e-4f
const P0_F = floatFromBits(0x39506967); // 1.9875691500e-4f
const P1_F = floatFromBits(0x3ab743ce); // 1.3981999507e-3f
const P2_F = floatFromBits(0x3c088908); // 8.3334519073e-3f
const P3_F = floatFromBits(0x3d2aa9c1); // 4.1665795894e-2f
const P4_F = floatFromBits(0x3e2aaaaa); // 1.6666665459e-1f
const P5_F = 0.5; // 5.0000001201e-1f rounds to 0.5f; the binary reuses the 0.5 register
/** pldexp's clamp of the exponent for float32: 2^8 + 23 - 1. */
const LDEXP_MAX_F = 278;

/** x86 MINPS/MAXPS: `a < b ? a : b` and `a > b ? a : b`, which give b when either is NaN. */
function minps(a: number, b: number): number {
  return a < b ? a : b;
}
function maxps(a: number, b: number): number {
  return a > b ? a : b;
}

/**
 * Eigen's pexp_float for one lane, as Paddle 3.3.1's AVX (no FMA) build
 * runs it: clamp to ±88.723, m = floor(x·log2(e) + 0.5), r = (m·C1 + x) +
 * m·C2, a degree-6 polynomial in r, scaled by 2^m in four factors, and
 * max(result, x) so that +inf gives inf. Inputs below -88.723 give
 * exp(-88.723) = 0x1ffeb0 (2.938e-39), not 0: the clamp, then max(…, x).
 */
export function eigenExpFloat(input: number): number {
  const fr = Math.fround;
  const xin = fr(input);
  if (Number.isNaN(xin)) return NaN;
  const x = maxps(EXP_LO_F, minps(EXP_HI_F, xin));
  const m = Math.floor(fr(fr(x * LOG2EF_F) + 0.5));
  let r = fr(fr(m * C1_F) + x);
  r = fr(r + fr(m * C2_F));
  const r2 = fr(r * r);
  const r3 = fr(r * r2);
  let y = fr(fr(r * P0_F) + P1_F);
  y = fr(fr(y * r) + P2_F);
  let y1 = fr(fr(r * P3_F) + P4_F);
  y1 = fr(fr(y1 * r) + P5_F);
  const y2 = fr(r + 1);
  y = fr(fr(y * r3) + y1);
  y = fr(fr(y * r2) + y2);
  // pldexp: e = clamp(m), b = e >> 2, 2^b three times, then 2^(e - 3b).
  const e = minps(LDEXP_MAX_F, maxps(-LDEXP_MAX_F, m));
  const b = e >> 2;
  const c = 2 ** b;
  const out = fr(fr(fr(fr(y * c) * c) * c) * 2 ** (e - 3 * b));
  return maxps(xin, out);
}

// pexp_double's constants, as stored in libphi_core.so (4 lanes each).
const EXP_HI_D = doubleFromBits(0x40862e45a1cac083n); // 709.784
const EXP_LO_D = doubleFromBits(0xc0862e45a1cac083n); // -709.784
const LOG2EF_D = doubleFromBits(0x3ff71547652b82fen);
const C1_D = doubleFromBits(0x3fe62e4000000000n); // 0.693145751953125
const C2_D = doubleFromBits(0x3eb7f7d1cf79abcan); // 1.42860682030941723212e-6
const P0_D = doubleFromBits(0x3f2089cdd5e44be8n);
const P1_D = doubleFromBits(0x3f9f06d10cca2c7en);
const Q0_D = doubleFromBits(0x3ec92eb6bc365fa0n);
const Q1_D = doubleFromBits(0x3f64ae39b508b6c0n);
const Q2_D = doubleFromBits(0x3fcd17099887e074n);
/** pldexp's clamp of the exponent for float64: 2^11 + 52 - 1. */
const LDEXP_MAX_D = 2099;

/**
 * Eigen's pexp_double for one lane (Cephes' rational approximation), as
 * Paddle 3.3.1's AVX build runs it: clamp to ±709.784, m = floor(x·log2(e)
 * + 0.5), r = (x - m·C1) - m·C2, exp(r) = 1 + 2·p(r)/(q(r) - p(r)), scaled
 * by 2^m in four factors, then max(result, x). Inputs below -709.784 give
 * 5.5555e-309 (0x3feaecf4d1116), not 0.
 */
export function eigenExpDouble(input: number): number {
  if (Number.isNaN(input)) return NaN;
  let x = maxps(EXP_LO_D, minps(EXP_HI_D, input));
  const m = Math.floor(x * LOG2EF_D + 0.5);
  x = x - m * C1_D - m * C2_D;
  const x2 = x * x;
  const px = ((P0_D * x2 + P1_D) * x2 + 1) * x;
  const qx = ((Q0_D * x2 + Q1_D) * x2 + Q2_D) * x2 + 2;
  let y = px / (qx - px);
  y = y + y + 1;
  const e = minps(LDEXP_MAX_D, maxps(-LDEXP_MAX_D, m));
  const b = Math.floor(e / 4);
  const c = 2 ** b;
  const out = y * c * c * c * 2 ** (e - 3 * b);
  return maxps(input, out);
}

// glibc's logf and log as the x86-64 libm.so.6 runs them on a CPU with FMA:
// the ifunc resolver picks __logf_fma and __ieee754_log_fma, the generic C
// compiled with -mfma -mavx2, where GCC contracts a·b + c into one fused
// multiply-add. Which products are fused was read from the disassembly of
// glibc 2.36 (Debian 12); the sequences below follow it instruction for
// instruction. It matters for log: the same sequence unfused is 1 ulp off on
// 3.7% of the test inputs above (logf, which rounds its double result to
// float32, on none of them).

/** The two halves of an error-free product or sum: value + error is exact. */
let errorFreeHigh = 0;
let errorFreeLow = 0;

/** Dekker's splitter 2^27 + 1 (Veltkamp): a double times it splits into two 26-bit halves. */
const SPLITTER = 134217729;

/** Sets errorFreeHigh + errorFreeLow = a × b exactly (Dekker's TwoProduct; no overflow or underflow here). */
function twoProduct(a: number, b: number): void {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  errorFreeHigh = p;
  errorFreeLow = ah * bh - p + ah * bl + al * bh + al * bl;
}

/** Sets errorFreeHigh + errorFreeLow = a + b exactly (Knuth's TwoSum). */
function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  errorFreeHigh = s;
  errorFreeLow = a - (s - bb) + (b - bb);
}

const fmaScratch = new Float64Array(1);
const fmaScratchWords = new Uint32Array(fmaScratch.buffer);

/**
 * a × b + c rounded once to the nearest double, as x86's VFMADD computes it.
 * Boldo and Melquiond's emulation ("Emulation of FMA and correctly rounded
 * sums: proved algorithms using rounding to odd", IEEE TC 2008): the exact
 * product and sum as double pairs, the two low parts added with rounding to
 * odd, then one rounding to nearest. Valid while nothing overflows or
 * underflows, which holds for every call in logf, log, expf and exp below.
 */
export function fma(a: number, b: number, c: number): number {
  twoProduct(a, b);
  const productLow = errorFreeLow;
  twoSum(c, errorFreeHigh);
  const sumHigh = errorFreeHigh;
  twoSum(errorFreeLow, productLow);
  let low = errorFreeHigh;
  if (errorFreeLow !== 0) {
    // Round to odd: an even result that is not exact moves one ulp towards the exact value.
    fmaScratch[0] = low;
    if ((fmaScratchWords[0]! & 1) === 0) {
      const awayFromZero = errorFreeLow > 0 === low > 0;
      if (awayFromZero) fmaScratchWords[0] = fmaScratchWords[0]! + 1;
      else if (fmaScratchWords[0] === 0) {
        fmaScratchWords[0] = 0xffffffff;
        fmaScratchWords[1] = fmaScratchWords[1]! - 1;
      } else fmaScratchWords[0] = fmaScratchWords[0]! - 1;
      low = fmaScratch[0]!;
    }
  }
  return sumHigh + low;
}

const LOGF_TABLE_SIZE = 1 << LOGF_TABLE_BITS;
/** logf's reduction offset: z = x / 2^k lands in [0x1.66p-1, 0x1.66p0). */
const LOGF_OFF = 0x3f330000;
/** The default NaN of x86 SSE (sign set), which (x - x) / (x - x) gives for x < 0. */
const NAN_X86_F32 = doubleFromBits(0xfff8000000000000n);

/**
 * glibc's logf (sysdeps/ieee754/flt-32/e_logf.c, after ARM optimized-routines)
 * as __logf_fma runs it: x = 2^k·z, c from a 16-entry table, r = z/c - 1 as
 * fma(z, 1/c, -1), log(x) = k·ln2 + log(c) + log1p(r) with log1p(r) of degree
 * 4, all in double and rounded once to float32. 0 gives -inf, x < 0 and -inf
 * the NaN 0xffc00000, a NaN itself.
 */
export function libmLogFloat(input: number): number {
  // glibc returns a NaN argument itself ((x - x) / (x - x): sign and payload
  // kept). Paddle 3.3.1: F.soft_margin_loss(T([inf]), T([0.])) gives
  // 0xffc00000, the NaN of 0 × inf.
  if (Number.isNaN(input)) return input;
  const x = Math.fround(input);
  let ix = floatBits(x);
  if (ix === 0x3f800000) return 0;
  if (ix - 0x00800000 >>> 0 >= 0x7f800000 - 0x00800000) {
    // Below 0x1p-126, infinite, or negative.
    if (ix << 1 === 0) return -Infinity;
    if (ix === 0x7f800000) return Infinity;
    if (ix & 0x80000000) return NAN_X86_F32;
    // Subnormal: scale by 2^23 (exact) and take 23 back from the exponent.
    ix = (floatBits(Math.fround(x * 0x800000)) - (23 << 23)) | 0;
  }
  const tmp = (ix - LOGF_OFF) | 0;
  const i = (tmp >>> (23 - LOGF_TABLE_BITS)) % LOGF_TABLE_SIZE;
  const k = tmp >> 23;
  const z = floatFromBits(ix - (tmp & 0xff800000));
  const invc = LOGF_INVC_LOGC[2 * i]!;
  const logc = LOGF_INVC_LOGC[2 * i + 1]!;
  const r = fma(z, invc, -1);
  const y0 = fma(k, LOGF_LN2, logc);
  const r2 = r * r;
  let y = fma(r, LOGF_POLY[1]!, LOGF_POLY[2]!);
  y = fma(r2, LOGF_POLY[0]!, y);
  return Math.fround(fma(r2, y, r + y0));
}

const LOG_TABLE_SIZE = 1 << LOG_TABLE_BITS;
const A = LOG_POLY;
/** High word of log's reduction offset 0x3fe6000000000000: z lands in [0x1.6p-1, 0x1.6p0). */
const LOG_OFF_HIGH = 0x3fe60000;
/** The NaN that glibc's log@GLIBC_2.2.5 gives for x < 0: __kernel_standard's NAN, sign clear. */
const NAN_KERNEL_STANDARD = doubleFromBits(0x7ff8000000000000n);

const logScratch = new Float64Array(1);
const logScratchWords = new Uint32Array(logScratch.buffer);

/**
 * glibc's log (sysdeps/ieee754/dbl-64/e_log.c, after ARM optimized-routines)
 * as __ieee754_log_fma runs it: near 1 (x in [1 - 0x1p-4, 1 + 0x1.09p-4)) a
 * degree-12 polynomial in r = x - 1 with r² split for extra precision;
 * elsewhere x = 2^k·z, c from a 128-entry table, r = fma(z, 1/c, -1) and
 * log(x) = k·ln2 + log(c) + r + a degree-6 polynomial. Paddle links
 * log@GLIBC_2.2.5, whose wrapper sends x ≤ 0 to __kernel_standard: 0 gives
 * -inf, x < 0 and -inf the NaN 0x7ff8000000000000; a NaN comes back itself.
 */
export function libmLog(x: number): number {
  // (x - x) / (x - x) in __math_invalid: the NaN itself, sign and payload kept, a signalling one quieted.
  if (Number.isNaN(x)) return x + x;
  if (x <= 0) return x === 0 ? -Infinity : NAN_KERNEL_STANDARD;
  if (x === Infinity) return Infinity;
  // [1 - 0x1p-4, 1 + 0x1.09p-4)
  if (x >= 0.9375 && x < 1.064697265625) return logNearOne(x);
  logScratch[0] = x;
  let high = logScratchWords[1]!;
  if (high < 0x00100000) {
    // Subnormal: scale by 2^52 (exact) and take 52 back from the exponent;
    // the high word may wrap below zero, as the 64-bit integer does in C.
    logScratch[0] = x * 2 ** 52;
    high = (logScratchWords[1]! - (52 << 20)) | 0;
  }
  const low = logScratchWords[0]!;
  const tmp = (high - LOG_OFF_HIGH) | 0;
  const i = (tmp >>> (52 - 32 - LOG_TABLE_BITS)) % LOG_TABLE_SIZE;
  const k = tmp >> 20;
  logScratchWords[1] = high - (tmp & 0xfff00000);
  logScratchWords[0] = low;
  const z = logScratch[0]!;
  const invc = LOG_INVC_LOGC[2 * i]!;
  const logc = LOG_INVC_LOGC[2 * i + 1]!;
  const r = fma(z, invc, -1);
  // hi + lo = r + log(c) + k·ln2; w is exact by the table's construction.
  const w = fma(k, LOG_LN2HI, logc);
  const hi = r + w;
  const lo = fma(k, LOG_LN2LO, w - hi + r);
  const r2 = r * r;
  const r3 = r * r2;
  const p = fma(fma(r, A[4]!, A[3]!), r2, fma(r, A[2]!, A[1]!));
  return fma(r3, p, fma(r2, A[0]!, lo)) + hi;
}

/** glibc log's path for x in [1 - 0x1p-4, 1 + 0x1.09p-4); x = 1 gives +0. */
function logNearOne(x: number): number {
  if (x === 1) return 0;
  const b = LOG_POLY1;
  const r = x - 1;
  const r2 = r * r;
  const r3 = r * r2;
  const p1 = fma(r2, b[3]!, fma(r, b[2]!, b[1]!));
  const p4 = fma(r2, b[6]!, fma(r, b[5]!, b[4]!));
  const p7 = fma(r3, b[10]!, fma(r2, b[9]!, fma(r, b[8]!, b[7]!)));
  const q = fma(fma(p7, r3, p4), r3, p1);
  // rhi = r rounded to 26 bits (r + r·2^27 - r·2^27, both steps fused), so rhi² is exact.
  const t = fma(r, 2 ** 27, r);
  const rhi = fma(-(2 ** 27), r, t);
  const rlo = r - rhi;
  const rhi2 = rhi * rhi;
  const hi = fma(rhi2, b[0]!, r);
  let lo = fma(rhi2, b[0]!, r - hi);
  lo = fma(b[0]! * rlo, r + rhi, lo);
  return hi + fma(q, r3, lo);
}

// glibc's expf and exp as the x86-64 libm.so.6 runs them on a CPU with FMA:
// the ifunc resolvers pick __expf_fma and __ieee754_exp_fma (exp@GLIBC_2.2.5,
// which Paddle links, is a wrapper that calls the latter and only adds errno
// handling). Which products are fused was read from their disassembly in
// glibc 2.36 (Debian 12); the sequences below follow it instruction for
// instruction. The C source rounds z = x·N/ln2 before it adds the rounding
// constant and before r = z - k; GCC fuses both into the product, so z itself
// is never rounded. Only specialcase's scale·tmp for k < 0 stays unfused,
// because the product is used twice.

const EXP2F_TABLE_MASK = (1 << EXP2F_TABLE_BITS) - 1;
/** EXP2F_TAB viewed as 32-bit words, low word first (x86 is little-endian). */
const EXP2F_TAB_WORDS = new Uint32Array(EXP2F_TAB.buffer);
/** expf overflows above log(0x1p128) ≈ 88.72 (0x42b17217, 0x1.62e42ep6f in e_expf.c). */
const EXPF_OVERFLOW = floatFromBits(0x42b17217);
/** expf gives 0 below log(0x1p-150) ≈ -103.97 (0xc2cff1b4, -0x1.9fe368p6f). */
const EXPF_UNDERFLOW = floatFromBits(0xc2cff1b4);
/** expf gives 2^-149 below log(0x1p-149) ≈ -103.28 (0xc2ce8ecf, -0x1.9d1d9ep6f). */
const EXPF_MAY_UNDERFLOW = floatFromBits(0xc2ce8ecf);

const expScratch = new Float64Array(1);
const expScratchWords = new Uint32Array(expScratch.buffer);

/** The double whose high 32-bit word is `high` and low word `low`. */
function doubleFromWords(high: number, low: number): number {
  expScratchWords[1] = high >>> 0;
  expScratchWords[0] = low >>> 0;
  return expScratch[0]!;
}

/**
 * glibc's expf (sysdeps/ieee754/flt-32/e_expf.c, after ARM optimized-routines)
 * as __expf_fma runs it, in double: k = round(x·32/ln2), r = x·32/ln2 - k,
 * exp(x) = 2^(k/32)·2^(r/32) with 2^(k/32) from a 32-entry table and 2^(r/32)
 * of degree 3, rounded once to float32. Above 88.72 it gives +inf, below
 * -103.97 zero, and in [-103.97, -103.28) the constant 2^-149.
 */
export function libmExpFloat(input: number): number {
  // glibc returns x + x, the NaN itself; Paddle passes a NaN through exp unchanged.
  if (Number.isNaN(input)) return input;
  const x = Math.fround(input);
  const abstop = (floatBits(x) >>> 20) & 0x7ff;
  // |x| ≥ 88 (top12(88.0f) = 0x42b), infinite or NaN.
  if (abstop >= 0x42b) {
    if (x === -Infinity) return 0;
    if (x === Infinity) return Infinity;
    // __math_oflowf(0): 0x1p97f · 0x1p97f.
    if (x > EXPF_OVERFLOW) return Infinity;
    // __math_uflowf(0): 0x1p-95f · 0x1p-95f.
    if (x < EXPF_UNDERFLOW) return 0;
    // __math_may_uflowf(0): 0x1.4p-75f · 0x1.4p-75f, which rounds to 2^-149.
    if (x < EXPF_MAY_UNDERFLOW) return 2 ** -149;
  }
  // kd = round(x·N/ln2) by adding 1.5·2^52, fused; k sits in kd's low mantissa bits.
  const kd = fma(EXP2F_INVLN2N, x, EXP2F_SHIFT) - EXP2F_SHIFT;
  const r = fma(EXP2F_INVLN2N, x, -kd);
  // s = 2^(k/N): add k << 47 to the table entry's bits, that is k << 15 to its high word.
  const i = kd & EXP2F_TABLE_MASK;
  const s = doubleFromWords(EXP2F_TAB_WORDS[2 * i + 1]! + (kd << 15), EXP2F_TAB_WORDS[2 * i]!);
  const z = fma(r, EXP2F_POLY[0]!, EXP2F_POLY[1]!);
  const r2 = r * r;
  let y = fma(r, EXP2F_POLY[2]!, 1);
  y = fma(z, r2, y);
  return Math.fround(y * s);
}

const EXP_TABLE_MASK = (1 << EXP_TABLE_BITS) - 1;
/** EXP_TAB viewed as 32-bit words, low word first. */
const EXP_TAB_WORDS = new Uint32Array(EXP_TAB.buffer);
/** C2..C5 of exp's polynomial, as C[0..3]. */
const C = EXP_POLY;

/**
 * glibc's exp (sysdeps/ieee754/dbl-64/e_exp.c, after ARM optimized-routines)
 * as __ieee754_exp_fma runs it: k = round(x·128/ln2), r = x - k·ln2/128 in
 * two parts, exp(x) = 2^(k/128)·exp(r) with 2^(k/128) = scale·(1 + tail)
 * from a 128-entry table and exp(r) - 1 of degree 5. |x| < 2^-54 gives
 * 1 + x; |x| ≥ 512 goes through specialcase, which rescales to avoid
 * overflow and rounds subnormal results once; |x| ≥ 1024 gives +inf or 0.
 */
export function libmExp(x: number): number {
  // glibc returns 1 + x, the NaN itself; Paddle passes a NaN through exp unchanged.
  if (Number.isNaN(x)) return x;
  expScratch[0] = x;
  const abstop = (expScratchWords[1]! >>> 20) & 0x7ff;
  // top12(0x1p-54) = 0x3c9, top12(512) = 0x408.
  let special = false;
  if (abstop - 0x3c9 >>> 0 >= 0x408 - 0x3c9) {
    if (abstop < 0x3c9) return 1 + x;
    if (abstop >= 0x409) {
      if (x === -Infinity) return 0;
      if (x === Infinity) return Infinity;
      // __math_uflow(0) and __math_oflow(0): 0x1p-767² and 0x1p769².
      return x < 0 ? 0 : Infinity;
    }
    special = true;
  }
  const kd = fma(x, EXP_INVLN2N, EXP_SHIFT) - EXP_SHIFT;
  const r = fma(kd, EXP_NEGLN2LON, fma(kd, EXP_NEGLN2HIN, x));
  const j = 2 * (kd & EXP_TABLE_MASK);
  const tail = EXP_TAB[j]!;
  // sbits = tab[j + 1] + (k << 45): k << 13 added to the high word, wrapping as the uint64 does.
  const sHigh = (EXP_TAB_WORDS[2 * j + 3]! + (kd << 13)) | 0;
  const sLow = EXP_TAB_WORDS[2 * j + 2]!;
  const r2 = r * r;
  const p23 = fma(r, C[1]!, C[0]!);
  const p45 = fma(r, C[3]!, C[2]!);
  const tmp = fma(r2 * r2, p45, fma(p23, r2, r + tail));
  if (special) return expSpecialCase(tmp, sHigh, sLow, kd);
  const scale = doubleFromWords(sHigh, sLow);
  return fma(scale, tmp, scale);
}

/**
 * e_exp.c's specialcase for 512 ≤ |x| < 1024, where scale's exponent may
 * have left the double range: k > 0 scales by 2^-1009 and back; k < 0 by
 * 2^1022 and back, rounding a result below 2^-1022 to its subnormal
 * precision before the final scaling so it is rounded only once.
 */
function expSpecialCase(tmp: number, sHigh: number, sLow: number, k: number): number {
  if (k >= 0) {
    const scale = doubleFromWords(sHigh - (1009 << 20), sLow);
    return fma(scale, tmp, scale) * 2 ** 1009;
  }
  const scale = doubleFromWords(sHigh + (1022 << 20), sLow);
  const scaleTmp = scale * tmp;
  let y = scale + scaleTmp;
  if (y < 1) {
    let lo = scale - y + scaleTmp;
    const hi = 1 + y;
    lo = 1 - hi + y + lo;
    y = lo + hi - 1;
    // WANT_ROUNDING: +0, never -0.
    if (y === 0) return 0;
  }
  return y * 2 ** -1022;
}

/** The AVX packet width Eigen uses for a dtype: 8 float32 or 4 float64 lanes. */
export function packetSize(dtype: DTypeName): number {
  return dtype === 'float64' ? 4 : 8;
}

/**
 * exp of element `index` of a flattened tensor of `count` elements, as
 * paddle.exp computes it on CPU: the Eigen packet function for the elements
 * that fill whole packets, the C library's for the last `count mod P`.
 */
export function paddleExp(x: number, dtype: 'float32' | 'float64', index: number, count: number): number {
  const p = packetSize(dtype);
  const inPacket = index < count - (count % p);
  if (dtype === 'float32') return inPacket ? eigenExpFloat(x) : libmExpFloat(x);
  return inPacket ? eigenExpDouble(x) : libmExp(x);
}

/** log of one element as paddle.log computes it on CPU: the C library's logf / log for every element. */
export function paddleLog(x: number, dtype: 'float32' | 'float64'): number {
  return dtype === 'float32' ? libmLogFloat(x) : libmLog(x);
}

// plog_float's constants (Eigen 3.4, GenericPacketMathFunctions.h: Cephes' coefficients), as float32.
const LOG_SQRTHF_F = Math.fround(0.707106781186547524);
const LOG_P_F = [7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1].map(Math.fround) as readonly number[];
const LN2_F = Math.fround(0.693147180559945309417);
/** The smallest positive normal float32, 2^-126: plog_float's floor for its argument. */
const MIN_NORMAL_F = 2 ** -126;
/** The NaN plog_float gives a negative or NaN argument: its result OR-ed with an all-ones mask, 0xffffffff. */
export const PACKET_LOG_NAN = floatFromBits(0xffffffff);

/**
 * Eigen's plog_float for one lane (plog_impl_float, Eigen 3.4), as Paddle 3.3.1's AVX (no FMA) build runs
 * it, each pmadd a product then a sum: the argument raised to 2^-126 (a subnormal's log is log(FLT_MIN),
 * −87.34), split into mantissa in [√½, √2) and exponent, a degree-8 polynomial in three parts, −x²/2,
 * then e·ln2 added last. A negative or NaN argument gives 0xffffffff, 0 (either sign) −inf, +inf +inf.
 * Equal to Paddle's log_loss on 2·10^5 float32 arguments in (0, 1) and 10^-37 to 1 (no other variant did).
 */
export function eigenLogFloat(input: number): number {
  const fr = Math.fround;
  if (input !== input || input < 0) return PACKET_LOG_NAN;
  if (input === 0) return -Infinity;
  if (input === Infinity) return Infinity;
  // pfrexp: the mantissa with exponent bits 126 (in [0.5, 1)), the exponent as a float.
  const bits = floatBits(Math.max(fr(input), MIN_NORMAL_F));
  let e = ((bits >>> 23) & 0xff) - 126;
  const m = floatFromBits((bits & 0x807fffff) | 0x3f000000);
  const below = m < LOG_SQRTHF_F;
  let x = fr(m - 1);
  if (below) e -= 1;
  x = fr(x + (below ? m : 0));
  const x2 = fr(x * x);
  const x3 = fr(x2 * x);
  const mad = (a: number, b: number, c: number): number => fr(fr(a * b) + c);
  const p = LOG_P_F;
  let y = mad(p[0]!, x, p[1]!);
  let y1 = mad(p[3]!, x, p[4]!);
  let y2 = mad(p[6]!, x, p[7]!);
  y = mad(y, x, p[2]!);
  y1 = mad(y1, x, p[5]!);
  y2 = mad(y2, x, p[8]!);
  y = mad(y, x3, y1);
  y = mad(y, x3, y2);
  y = fr(y * x3);
  y = mad(-0.5, x2, y);
  x = fr(x + y);
  return mad(e, LN2_F, x);
}
