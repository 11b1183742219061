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
 *   it sits in the tensor (rule `soft-margin-exp-packet-and-tail`).
 * - log (`x.log()`) calls the C library's logf / log for every element.
 *
 * The packet functions below repeat Eigen's sequence of float operations
 * (Eigen/src/Core/arch/Default/GenericPacketMathFunctions.h) with the
 * constants read from the binary's .rodata, each step rounded to the dtype
 * (Math.fround for float32: the exact float64 result of one +, - or × of two
 * float32 values rounded once to float32 is that operation in float32).
 * They reproduce Paddle's packet exp bit for bit (10^6 random inputs each).
 *
 * The C library is glibc on the machines Paddle's wheels target, and its
 * results depend on the glibc build; this reference uses JavaScript's
 * Math.exp and Math.log (rounded to float32 for float32) in its place, which
 * is not bit for bit. Against glibc 2.36 (x86-64) on 10^6 random inputs
 * each: float32 exp equal in 99.95%, float32 log in 99.44%, float64 exp in
 * 91.8%, float64 log in 97.7%, the rest 1 ulp apart. In float32 the
 * JavaScript side is the correctly rounded one (glibc's expf and logf
 * misround now and then); in float64 glibc is (V8's fdlibm exp and log are
 * not correctly rounded).
 */
import type { DTypeName } from './dtype.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** The float32 value with the given bit pattern. */
function floatFromBits(bits: number): number {
  u32[0] = bits >>> 0;
  return f32[0]!;
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

/** The C library's expf, stood in for by Math.exp rounded to float32 (see the header). */
export function libmExpFloat(x: number): number {
  return Math.fround(Math.exp(x));
}

/** The C library's exp, stood in for by Math.exp. */
export function libmExp(x: number): number {
  return Math.exp(x);
}

/** The C library's logf, stood in for by Math.log rounded to float32. */
export function libmLogFloat(x: number): number {
  // glibc's logf returns a NaN argument itself (x + x: sign and payload kept);
  // V8's Math.log turns 0xffc00000 into 0x7fe00000. Paddle 3.3.1:
  // F.soft_margin_loss(T([inf]), T([0.])) gives 0xffc00000, the NaN of 0 × inf.
  if (Number.isNaN(x)) return x;
  return Math.fround(Math.log(x));
}

/** The C library's log, stood in for by Math.log (a NaN argument returned as it is, as glibc does). */
export function libmLog(x: number): number {
  if (Number.isNaN(x)) return x;
  return Math.log(x);
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
