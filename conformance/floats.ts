/**
 * Float neighbours and limits computed from the bit patterns, so "one ulp
 * either side" is exact rather than an approximation like x * (1 + eps). The
 * case plans, the mutants and the comparison share them.
 */

/** The two floating dtypes whose ulps the plan steps through. */
export type UlpDType = 'float32' | 'float64';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/**
 * The next representable value of the dtype above x (toward +inf).
 * x must already be a value of the dtype; NaN and +inf map to themselves.
 */
export function nextUp(x: number, dtype: UlpDType): number {
  return step(x, dtype);
}

/** The next representable value of the dtype below x (toward -inf). */
export function nextDown(x: number, dtype: UlpDType): number {
  return -step(-x, dtype);
}

function step(x: number, dtype: UlpDType): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return dtype === 'float32' ? MIN_SUBNORMAL.float32 : MIN_SUBNORMAL.float64;
  // Positive values grow with their bit pattern; negative ones shrink in magnitude.
  if (dtype === 'float32') {
    f32[0] = x;
    if (f32[0] !== x) throw new RangeError(`${x} is not a float32 value`);
    u32[0] = x > 0 ? u32[0]! + 1 : u32[0]! - 1;
    return f32[0]!;
  }
  f64[0] = x;
  u64[0] = x > 0 ? u64[0]! + 1n : u64[0]! - 1n;
  return f64[0]!;
}

/** The largest finite value of each dtype. */
export const MAX_FINITE: Record<UlpDType, number> = {
  float32: bitsToFloat32(0x7f7fffff), // 3.4028234663852886e38
  float64: Number.MAX_VALUE,
};

/** The smallest positive subnormal of each dtype. */
export const MIN_SUBNORMAL: Record<UlpDType, number> = {
  float32: bitsToFloat32(0x00000001), // 2^-149
  float64: Number.MIN_VALUE, // 2^-1074
};

/** The largest subnormal of each dtype (all mantissa bits set, exponent 0). */
export const MAX_SUBNORMAL: Record<UlpDType, number> = {
  float32: bitsToFloat32(0x007fffff),
  float64: bitsToFloat64(0x000fffffffffffffn),
};

/** The smallest positive normal of each dtype. */
export const MIN_NORMAL: Record<UlpDType, number> = {
  float32: bitsToFloat32(0x00800000), // 2^-126
  float64: bitsToFloat64(0x0010000000000000n), // 2^-1022
};

/** The float32 value with the given bit pattern. */
export function bitsToFloat32(bits: number): number {
  u32[0] = bits >>> 0;
  return f32[0]!;
}

/** The float64 value with the given bit pattern. */
export function bitsToFloat64(bits: bigint): number {
  u64[0] = bits;
  return f64[0]!;
}

/** Rounds a number to the dtype (round to nearest even). */
export function roundTo(x: number, dtype: UlpDType): number {
  return dtype === 'float32' ? Math.fround(x) : x;
}
