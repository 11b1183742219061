/**
 * glibc's pow and powf as the x86-64 libm.so.6 runs them on a CPU with FMA
 * (__pow_fma and __powf_fma: the generic C of sysdeps/ieee754/dbl-64/e_pow.c
 * and flt-32/e_powf.c, after ARM optimized-routines, compiled with -mfma, so
 * GCC fuses a·b + c where the product has no other use). Paddle's pow kernel
 * calls std::pow on every element (no packet path: Paddle 3.3.1's paddle.pow
 * equals the C library's on 1010 float32 and float64 values in every position).
 * pow is not correctly rounded (V8's Math.pow differs from it on 0.07% of
 * x ∈ (0, 1) with y = 2 and 10% with y = 1.7), hence the port.
 */
import { fma } from './elementary.js';
import { hexFloat } from './elementary_log_data.js';
import { EXP_INVLN2N, EXP_NEGLN2HIN, EXP_NEGLN2LON, EXP_POLY, EXP_SHIFT, EXP_TAB, EXP2F_TAB } from './elementary_exp_data.js';
import { EXP2F_POLY_UNSCALED, EXP2F_SHIFT_SCALED, POW_LN2HI, POW_LN2LO, POW_LOG_POLY, POW_LOG_TAB, POWF_LOG2_POLY, POWF_LOG2_TAB } from './elementary_pow_data.js';

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const bits = (x: number): bigint => ((f64[0] = x), u64[0]!);
const fromBits = (b: bigint): number => ((u64[0] = BigInt.asUintN(64, b)), f64[0]!);
const bits32 = (x: number): number => ((f32[0] = x), u32[0]!);
const fromBits32 = (b: number): number => ((u32[0] = b >>> 0), f32[0]!);
const EXP_TAB_BITS = new BigUint64Array(EXP_TAB.buffer);
const EXP2F_TAB_BITS = new BigUint64Array(EXP2F_TAB.buffer);
/** x86's default NaN, sign set: what __math_invalid's (x − x) / (x − x) gives. */
const DEFAULT_NAN = fromBits(0xfff8000000000000n);
const ONE = bits(1);
const INF = bits(Infinity);

/** 0 if y is not an integer, 1 if odd, 2 if even (e_pow.c's checkint). */
function checkInt(iy: bigint): number {
  const e = Number((iy >> 52n) & 0x7ffn);
  if (e < 0x3ff) return 0;
  if (e > 0x3ff + 52) return 2;
  const unit = 1n << BigInt(0x3ff + 52 - e);
  if (iy & (unit - 1n)) return 0;
  return iy & unit ? 1 : 2;
}

/** 2·i − 1 ≥ 2·inf − 1 in uint64: i is ±0, ±inf or NaN. */
const zeroInfNan = (i: bigint): boolean => BigInt.asUintN(64, 2n * i - 1n) >= 2n * INF - 1n;

/** glibc's pow(x, y) of two doubles. */
export function libmPow(x: number, y: number): number {
  let signBias = 0n;
  let ix = bits(x);
  const iy = bits(y);
  let topx = Number(ix >> 52n);
  const topy = Number(iy >> 52n);
  if (topx - 0x001 >>> 0 >= 0x7ff - 0x001 || ((topy & 0x7ff) - 0x3be) >>> 0 >= 0x43e - 0x3be) {
    if (zeroInfNan(iy)) {
      if (BigInt.asUintN(64, 2n * iy) === 0n) return 1;
      if (ix === ONE) return 1;
      if (BigInt.asUintN(64, 2n * ix) > 2n * INF || BigInt.asUintN(64, 2n * iy) > 2n * INF) return Number.isNaN(x) ? x : y;
      if (BigInt.asUintN(64, 2n * ix) === 2n * ONE) return 1;
      if ((BigInt.asUintN(64, 2n * ix) < 2n * ONE) === !(iy >> 63n)) return 0;
      return y * y;
    }
    if (zeroInfNan(ix)) {
      let x2 = x * x;
      if (ix >> 63n && checkInt(iy) === 1) x2 = -x2;
      return iy >> 63n ? 1 / x2 : x2;
    }
    if (ix >> 63n) {
      const yint = checkInt(iy);
      if (yint === 0) return DEFAULT_NAN;
      if (yint === 1) signBias = 0x800n << 7n;
      ix &= 0x7fffffffffffffffn;
      topx &= 0x7ff;
    }
    if (((topy & 0x7ff) - 0x3be) >>> 0 >= 0x43e - 0x3be) {
      if (ix === ONE) return 1;
      if ((topy & 0x7ff) < 0x3be) return ix > ONE ? 1 + y : 1 - y;
      return (ix > ONE) === (topy < 0x800) ? Infinity : 0;
    }
    if (topx === 0) ix = (bits(x * 2 ** 52) & 0x7fffffffffffffffn) - (52n << 52n);
  }
  const [hi, lo] = logInline(ix);
  const ehi = y * hi;
  const elo = fma(y, lo, fma(y, hi, -ehi));
  return expInline(ehi, elo, signBias);
}

/** e_pow.c's log_inline: log(x) as hi + lo, with about 2^-68 relative error. */
function logInline(ix: bigint): [number, number] {
  const tmp = BigInt.asUintN(64, ix - 0x3fe6955500000000n);
  const i = Number((tmp >> 45n) % 128n);
  const kd = Number(BigInt.asIntN(64, tmp) >> 52n);
  const z = fromBits(ix - (tmp & (0xfffn << 52n)));
  const [invc, logc, logctail] = [POW_LOG_TAB[3 * i]!, POW_LOG_TAB[3 * i + 1]!, POW_LOG_TAB[3 * i + 2]!];
  const A = POW_LOG_POLY;
  const r = fma(z, invc, -1);
  const t1 = fma(kd, POW_LN2HI, logc);
  const t2 = t1 + r;
  const lo1 = fma(kd, POW_LN2LO, logctail);
  const lo2 = t1 - t2 + r;
  const ar = A[0]! * r;
  const ar2 = r * ar;
  const ar3 = r * ar2;
  const hi = t2 + ar2;
  const lo3 = fma(ar, r, -ar2);
  const lo4 = t2 - hi + ar2;
  const p = ar3 * fma(ar2, fma(ar2, fma(r, A[6]!, A[5]!), fma(r, A[4]!, A[3]!)), fma(r, A[2]!, A[1]!));
  const lo = lo1 + lo2 + lo3 + lo4 + p;
  const y = hi + lo;
  return [y, hi - y + lo];
}

/** e_pow.c's exp_inline: exp(x + xtail), its sign from signBias. */
function expInline(x: number, xtail: number, signBias: bigint): number {
  let abstop = Number(bits(x) >> 52n) & 0x7ff;
  if ((abstop - 0x3c9) >>> 0 >= 0x408 - 0x3c9) {
    if (abstop - 0x3c9 < 0) return signBias ? -1 : 1;
    if (abstop >= 0x409) return (bits(x) >> 63n ? 0 : Infinity) * (signBias ? -1 : 1);
    abstop = 0;
  }
  const kd0 = fma(EXP_INVLN2N, x, EXP_SHIFT);
  const ki = bits(kd0);
  const kd = kd0 - EXP_SHIFT;
  const r = fma(kd, EXP_NEGLN2LON, fma(kd, EXP_NEGLN2HIN, x)) + xtail;
  const idx = 2 * Number(ki % 128n);
  const top = BigInt.asUintN(64, (ki + signBias) << 45n);
  const tail = EXP_TAB[idx]!;
  const sbits = BigInt.asUintN(64, EXP_TAB_BITS[idx + 1]! + top);
  const r2 = r * r;
  const tmp = fma(r2 * r2, fma(r, EXP_POLY[3]!, EXP_POLY[2]!), fma(r2, fma(r, EXP_POLY[1]!, EXP_POLY[0]!), tail + r));
  if (abstop === 0) return specialCase(tmp, sbits, ki);
  const scale = fromBits(sbits);
  return fma(scale, tmp, scale);
}

/** e_pow.c's specialcase: a result near overflow, or subnormal, rounded once. */
function specialCase(tmp: number, sbits: bigint, ki: bigint): number {
  if ((ki & 0x80000000n) === 0n) {
    const scale = fromBits(sbits - (1009n << 52n));
    return 2 ** 1009 * fma(scale, tmp, scale);
  }
  const signed = BigInt.asUintN(64, sbits + (1022n << 52n));
  const scale = fromBits(signed);
  const scaleTmp = scale * tmp;
  let y = scale + scaleTmp;
  if (Math.abs(y) < 1) {
    const one = y < 0 ? -1 : 1;
    let lo = scale - y + scaleTmp;
    const hi = one + y;
    lo = one - hi + y + lo;
    y = hi + lo - one;
    if (y === 0) y = signed >> 63n ? -0 : 0;
  }
  return 2 ** -1022 * y;
}

/** 0 if y is not an integer, 1 if odd, 2 if even (e_powf.c's checkint). */
function checkIntF(iy: number): number {
  const e = (iy >>> 23) & 0xff;
  if (e < 0x7f) return 0;
  if (e > 0x7f + 23) return 2;
  const unit = 2 ** (0x7f + 23 - e);
  if (iy % unit !== 0) return 0;
  return Math.floor(iy / unit) % 2 === 1 ? 1 : 2;
}

const zeroInfNanF = (i: number): boolean => ((2 * i - 1) >>> 0) >= 2 * 0x7f800000 - 1;

/** glibc's powf(x, y) of two float32 values (numbers already rounded to float32). */
export function libmPowFloat(x: number, y: number): number {
  let signBias = 0;
  let ix = bits32(x);
  const iy = bits32(y);
  if ((ix - 0x00800000) >>> 0 >= 0x7f800000 - 0x00800000 || zeroInfNanF(iy)) {
    if (zeroInfNanF(iy)) {
      if (((2 * iy) >>> 0) === 0) return 1;
      if (ix === 0x3f800000) return 1;
      if (((2 * ix) >>> 0) > 2 * 0x7f800000 || ((2 * iy) >>> 0) > 2 * 0x7f800000) return Number.isNaN(x) ? x : y;
      if (((2 * ix) >>> 0) === 2 * 0x3f800000) return 1;
      if ((((2 * ix) >>> 0) < 2 * 0x3f800000) === !(iy & 0x80000000)) return 0;
      return Math.fround(y * y);
    }
    if (zeroInfNanF(ix)) {
      let x2 = Math.fround(x * x);
      if (ix & 0x80000000 && checkIntF(iy) === 1) x2 = -x2;
      return iy & 0x80000000 ? Math.fround(1 / x2) : x2;
    }
    if (ix & 0x80000000) {
      const yint = checkIntF(iy);
      if (yint === 0) return DEFAULT_NAN;
      if (yint === 1) signBias = 1 << 16;
      ix = (ix & 0x7fffffff) >>> 0;
    }
    if (ix < 0x00800000) ix = ((bits32(Math.fround(x * 2 ** 23)) & 0x7fffffff) - (23 << 23)) >>> 0;
  }
  const ylogx = y * log2Inline(ix);
  if (Number((bits(ylogx) >> 47n) & 0xffffn) >= Number(bits(126) >> 47n)) {
    const sign = signBias ? -1 : 1;
    if (ylogx > POWF_OVERFLOW) return sign * Infinity;
    if (ylogx <= -150) return sign * 0;
  }
  return exp2Inline(ylogx, signBias);
}

/** |x^y| > 0x1.ffffffp127 above this y·log2(x) (e_powf.c). */
const POWF_OVERFLOW = hexFloat('0x1.fffffffd1d571p+6');

/** e_powf.c's log2_inline: log2 of a float32's bits, in double. */
function log2Inline(ix: number): number {
  const tmp = (ix - 0x3f330000) >>> 0;
  const i = (tmp >>> 19) % 16;
  const top = (tmp & 0xff800000) >>> 0;
  const k = (top | 0) >> 23;
  const z = fromBits32(ix - top);
  const [invc, logc] = [POWF_LOG2_TAB[2 * i]!, POWF_LOG2_TAB[2 * i + 1]!];
  const A = POWF_LOG2_POLY;
  const r = fma(z, invc, -1);
  const y0 = logc + k;
  const r2 = r * r;
  const y = fma(A[0]!, r, A[1]!);
  const p = fma(A[2]!, r, A[3]!);
  const r4 = r2 * r2;
  const q = fma(p, r2, fma(A[4]!, r, y0));
  return fma(y, r4, q);
}

/** e_powf.c's exp2_inline: 2^xd rounded once to float32, its sign from signBias. */
function exp2Inline(xd: number, signBias: number): number {
  const kd0 = xd + EXP2F_SHIFT_SCALED;
  const ki = bits(kd0);
  const r = xd - (kd0 - EXP2F_SHIFT_SCALED);
  const t = BigInt.asUintN(64, EXP2F_TAB_BITS[Number(ki % 32n)]! + ((ki + BigInt(signBias)) << 47n));
  const s = fromBits(t);
  const C = EXP2F_POLY_UNSCALED;
  const y = fma(fma(C[0]!, r, C[1]!), r * r, fma(C[2]!, r, 1));
  return Math.fround(y * s);
}

/**
 * Eigen's packet pow (GenericPacketMathFunctions.h, generic_pow and generic_pow_impl, the version Paddle 3.3.1
 * builds: AVX without FMA, so pmadd is a product and a sum, each rounded, and twoprod is Dekker's with Veltkamp
 * splitting): x^y = 2^(y·log2 x) with log2 and exp2 in double-word arithmetic, special cases by mask. A NaN it
 * makes is +NaN (quiet_NaN), where glibc's is x86's default −NaN.
 */
export function eigenPow(x: number, y: number, dtype: 'float32' | 'float64'): number {
  const a = new Arith(dtype);
  const ax = Math.abs(x);
  const xIsNeg = x < 0;
  const absXIsInf = ax === Infinity;
  const xIsOne = ax === 1 && !xIsNeg;
  const xIsNegOne = ax === 1 && xIsNeg;
  const yIsPos = !(y === 0 || y < 0) && y === y;
  const absYIsInf = Math.abs(y) === Infinity;
  const huge = dtype === 'float32' ? Math.fround((128 * Math.fround(Math.LN2)) / 2 ** -23) : (1024 * Math.LN2) / 2 ** -52;
  const absYIsHuge = huge <= Math.abs(y);
  const yIsInt = Math.floor(y) === y;
  const yDiv2 = a.r(y * 0.5);
  const yIsEven = a.round(yDiv2) === yDiv2;
  const invalidNegativeX = xIsNeg && !absXIsInf && !yIsInt && !absYIsInf;
  const powIsOne = xIsOne || y === 0 || (xIsNegOne && (absYIsInf || (yIsEven && !invalidNegativeX)));
  const powIsNan = invalidNegativeX || x !== x || y !== y;
  const powIsZero = (x === 0 && yIsPos) || (absXIsInf && y < 0) || (ax < 1 && absYIsHuge && yIsPos) || (ax > 1 && absYIsHuge && y < 0);
  const powIsInf = (x === 0 && y < 0) || (absXIsInf && yIsPos) || (ax < 1 && absYIsHuge && y < 0) || (ax > 1 && absYIsHuge && yIsPos);
  if (y === 1) return x;
  if (powIsOne) return 1;
  if (powIsNan) return NaN;
  if (powIsInf) return Infinity;
  if (powIsZero) return 0;
  const p = powImpl(a, ax, y);
  // pnegate is 0 − x on AVX: an underflowed +0 stays +0.
  return xIsNeg && !yIsEven ? 0 - p : p;
}

/** Paddle's pow kernel on element `index` of `count`: Eigen's packet pow on whole packets, the C library's on the tail. */
export function paddlePow(x: number, y: number, dtype: 'float32' | 'float64', index: number, count: number): number {
  const p = dtype === 'float64' ? 4 : 8;
  if (index < count - (count % p)) return eigenPow(x, y, dtype);
  return dtype === 'float64' ? libmPow(x, y) : libmPowFloat(Math.fround(x), Math.fround(y));
}

/** Double-word arithmetic in one dtype, each operation rounded as a packet instruction rounds it. */
class Arith {
  readonly r: (v: number) => number;
  readonly split: number;
  constructor(readonly dtype: 'float32' | 'float64') {
    this.r = dtype === 'float32' ? Math.fround : (v: number): number => v;
    this.split = dtype === 'float32' ? 4097 : 134217729;
  }
  /** pmadd without FMA: (a·b) + c, two roundings. */
  madd(a: number, b: number, c: number): number { return this.r(this.r(a * b) + c); }
  /** Eigen's pround: trunc(x + copysign(0.5⁻, x)), the addition rounded. */
  round(v: number): number {
    const half = this.dtype === 'float32' ? 0.4999999701976776 : 0.49999999999999994;
    return Math.trunc(this.r(v + (v < 0 || Object.is(v, -0) ? -half : half)));
  }
  fastTwoSum(x: number, y: number): [number, number] {
    const s = this.r(x + y);
    return [s, this.r(y - this.r(s - x))];
  }
  veltkamp(x: number): [number, number] {
    const g = this.r(this.split * x);
    const hi = this.r(this.r(x - g) + g);
    return [hi, this.r(x - hi)];
  }
  /** x · y as hi + lo (Dekker). */
  twoProd(x: number, y: number): [number, number] {
    const [xh, xl] = this.veltkamp(x);
    const [yh, yl] = this.veltkamp(y);
    const p = this.r(x * y);
    let lo = this.madd(xh, yh, -p);
    lo = this.madd(xh, yl, lo);
    lo = this.madd(xl, yh, lo);
    return [p, this.madd(xl, yl, lo)];
  }
  /** (xh + xl) · y (Muller's Algorithm 7). */
  twoProdDw(xh: number, xl: number, y: number): [number, number] {
    const [ch, cl1] = this.twoProd(xh, y);
    const cl2 = this.r(xl * y);
    const [th, tl1] = this.fastTwoSum(ch, cl2);
    return this.fastTwoSum(th, this.r(tl1 + cl1));
  }
  twoProdDwDw(xh: number, xl: number, yh: number, yl: number): [number, number] {
    const [a, b] = this.twoProdDw(xh, xl, yh);
    const [c, d] = this.twoProdDw(xh, xl, yl);
    return this.fastTwoSumDw(a, b, c, d);
  }
  fastTwoSumDw(xh: number, xl: number, yh: number, yl: number): [number, number] {
    const [rh, rl] = this.fastTwoSum(xh, yh);
    return this.fastTwoSum(rh, this.r(this.r(yl + rl) + xl));
  }
  fastTwoSumFpDw(x: number, yh: number, yl: number): [number, number] {
    const [rh, rl] = this.fastTwoSum(x, yh);
    return this.fastTwoSum(rh, this.r(yl + rl));
  }
  twoSumDw(xh: number, xl: number, yh: number, yl: number): [number, number] {
    const xGreater = Math.abs(yh) < Math.abs(xh);
    const [rh1, rl1] = this.fastTwoSum(xh, yh);
    const [rh2, rl2] = this.fastTwoSum(yh, xh);
    const s = xGreater ? this.r(this.r(yl + rl1) + xl) : this.r(this.r(xl + rl2) + yl);
    return this.fastTwoSum(xGreater ? rh1 : rh2, s);
  }
}

const F = Math.fround;
/** accurate_log2<float>: log2(z) for z in [1/√2, √2] as a double word. */
function log2Float(a: Arith, z: number): [number, number] {
  const x = a.r(z - 1);
  const x2 = a.r(x * x);
  let pe = a.madd(F(9.703654795885e-2), x2, F(0.1720575392246));
  pe = a.madd(pe, x2, F(0.2050433009862));
  pe = a.madd(pe, x2, F(0.2885761857032));
  let po = a.madd(F(-0.1690667718648), x2, F(-0.1789081543684));
  po = a.madd(po, x2, F(-0.2404672354459));
  const p = a.madd(po, x, pe);
  let [th, tl] = a.twoProd(p, x);
  let [qh, ql] = a.fastTwoSumDw(F(-0.360674142838), F(-6.13283912543e-9), th, tl);
  for (const [ch, cl] of [[F(0.480897903442), F(-1.44861207474e-8)], [F(-0.721347510815), F(-4.84483164698e-9)], [F(1.44269502163), F(2.01711713999e-8)]] as const) {
    [th, tl] = a.twoProdDw(qh, ql, x);
    [qh, ql] = a.fastTwoSumDw(ch, cl, th, tl);
  }
  return a.twoProdDw(qh, ql, x);
}

/** accurate_log2<double>: log2(x) for x in [1/√2, √2] as a double word, through r = c·(x − 1)/(x + 1). */
function log2Double(a: Arith, x: number): [number, number] {
  const [nh, nl] = a.twoProdDw(2.88539008177792677, 4.07660016854549667e-17, x - 1);
  // doubleword_reciprocal(x + 1): prsqrt squared, one Newton step in double words.
  const d = x + 1;
  const s = 1 / Math.sqrt(d);
  const approx = s * s;
  const [t1h, t1l] = a.twoProd(-d, approx);
  const [t2h, t2l] = a.fastTwoSum(2, t1h);
  const [t3h, t3l] = a.fastTwoSum(t2h, t2l + t1l);
  const [dh, dl] = a.twoProdDw(t3h, t3l, approx);
  const [rh, rl] = a.twoProdDwDw(nh, nl, dh, dl);
  const [r2h, r2l] = a.twoProdDwDw(rh, rl, rh, rl);
  const [r4h] = a.twoProdDwDw(r2h, r2l, r2h, r2l);
  let qe = a.madd(2.87074255468000586e-9, r4h, 2.31032094540014656e-7);
  let qo = a.madd(2.38957980901884082e-8, r4h, 2.27279857398537278e-6);
  qe = a.madd(qe, r4h, 2.31271023278625638e-5);
  qo = a.madd(qo, r4h, 2.47556738444535513e-4);
  qe = a.madd(qe, r4h, 2.88543873228900172e-3);
  const q = a.madd(qo, r2h, qe);
  const [ph, pl] = a.twoProdDw(r2h, r2l, q);
  const [p1h, p1l] = a.fastTwoSumDw(0.0400377511598501157, -4.77726582251425391e-19, ph, pl);
  const [p2h, p2l] = a.twoProdDwDw(r2h, r2l, p1h, p1l);
  const [p3h, p3l] = a.fastTwoSumFpDw(1, p2h, p2l);
  return a.twoProdDwDw(p3h, p3l, rh, rl);
}

/** fast_accurate_exp2: 2^x for x in [−½, ½], 1 + x·(C + x·P(x)) with the last steps in double words. */
function exp2Accurate(a: Arith, x: number): number {
  const x2 = a.r(x * x);
  let p: number;
  let C: [number, number];
  if (a.dtype === 'float32') {
    const pe = a.madd(a.madd(F(1.539513905e-4), x2, F(9.618283249e-3)), x2, F(0.2402264923));
    const po = a.madd(F(1.340007293e-3), x2, F(5.55032827e-2));
    p = a.madd(po, x, pe);
    C = [F(0.6931471825), F(2.36836577e-8)];
  } else {
    let pe = a.madd(7.07382992330335841e-9, x2, 1.321543498017646657e-6);
    let po = a.madd(4.431642109085495276e-10, x2, 1.017822306737031311e-7);
    pe = a.madd(pe, x2, 1.540353045780084423e-4);
    po = a.madd(po, x2, 1.525273342728892877e-5);
    pe = a.madd(pe, x2, 9.618129107593478832e-3);
    po = a.madd(po, x2, 1.333355814685869807e-3);
    pe = a.madd(pe, x2, 0.240226506959101332);
    po = a.madd(po, x2, 5.550410866481961247e-2);
    p = a.madd(po, x, pe);
    C = [0.693147180559945286, 4.81927865669806721e-17];
  }
  const [ph, pl] = a.twoProd(p, x);
  const [q1h, q1l] = a.twoSumDw(ph, pl, C[0], C[1]);
  const [q2h, q2l] = a.twoProdDw(q1h, q1l, x);
  const [q3h, q3l] = a.fastTwoSum(1, q2h);
  return a.r(q3h + a.r(q2l + q3l));
}

/** generic_pow_impl: x^y for x > 0 as exp2(r)·2^n, y·log2(x) = n + r split in double words. */
function powImpl(a: Arith, x: number, y: number): number {
  const float = a.dtype === 'float32';
  const [m0, e0] = frexp(x);
  const scale = m0 < (float ? F(0.7071067811865476) : 0.7071067811865476);
  const m = scale ? 2 * m0 : m0;
  const e = scale ? e0 - 1 : e0;
  const [rxh, rxl] = float ? log2Float(a, m) : log2Double(a, m);
  const [f1h, f1l] = a.twoProd(e, y);
  const [f2h, f2l] = a.twoProdDw(rxh, rxl, y);
  const [fh, fl] = a.fastTwoSumDw(f1h, f1l, f2h, f2l);
  let n = a.round(fh);
  let r = a.r(fh - n);
  r = a.r(r + fl);
  const nr = a.round(r);
  r = a.r(r - nr);
  n = a.r(n + nr);
  return ldexp(a, exp2Accurate(a, r), n);
}

/** pfrexp: m in [½, 1) and e with x = m·2^e (x positive and finite). */
function frexp(x: number): [number, number] {
  let e = 0;
  let m = x;
  while (m >= 1) { m /= 2; e++; }
  while (m < 0.5) { m *= 2; e--; }
  return [m, e];
}

/** pldexp: a·2^n as four factors 2^b, 2^b, 2^b, 2^(n − 3b), b = ⌊n/4⌋, each product rounded. */
function ldexp(a: Arith, v: number, n: number): number {
  const max = a.dtype === 'float32' ? 278 : 2099;
  const e = Math.max(-max, Math.min(max, n));
  const b = Math.floor(e / 4);
  const c = 2 ** b;
  return a.r(a.r(a.r(a.r(v * c) * c) * c) * 2 ** (e - 3 * b));
}
