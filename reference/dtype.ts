/**
 * Data types a tensor can hold, and the arithmetic each one implies.
 *
 * The loss never switches on a dtype name: it asks this registry how to store
 * values and how to round a result. Adding float16 arithmetic or an integer
 * dtype therefore means adding an entry here, not touching the loss.
 */
import { paddleReleaseBefore } from './release.js';

/** A typed array that can back a tensor's row-major data. */
export type Storage = Float32Array | Float64Array | Int32Array | Uint8Array;

/** The dtype names this reference knows how to store. */
export const DTYPE_NAMES = ['float32', 'float64', 'float16', 'bfloat16', 'int32', 'int64', 'bool'] as const;

/** A Paddle dtype name. */
export type DTypeName = (typeof DTYPE_NAMES)[number];

/** How one dtype stores values and rounds the result of an operation. */
export interface DType {
  /** Paddle's name for the dtype. */
  readonly name: DTypeName;
  /** Whether arithmetic in this dtype is floating point. */
  readonly floating: boolean;
  /** Unit roundoff u (half an ulp of 1); 0 for exact dtypes. */
  readonly unitRoundoff: number;
  /** Rounds an exact (float64) result to the nearest value of this dtype. */
  readonly round: (x: number) => number;
  /** Allocates zeroed storage for n elements. */
  readonly allocate: (n: number) => Storage;
  /** Reads element i of the storage as a JavaScript number. */
  readonly get: (data: Storage, i: number) => number;
  /** Writes a value (already representable in the dtype) at element i. */
  readonly set: (data: Storage, i: number, v: number) => void;
}

const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);

/**
 * Paddle's bfloat16 NaN, widened to float32: its float -> bfloat16
 * conversion writes every NaN, whatever its sign or payload, as 0x7fff
 * (confirmed against Paddle 3.3.1: 0x7fc00000, 0xffc00000, 0x7f800001 and
 * 0xff812345 all cast to 0x7fff).
 */
const BFLOAT16_NAN = new Float32Array(new Uint32Array([0x7fff0000]).buffer)[0]!;

/** Rounds to bfloat16 (round to nearest, ties to even) by way of float32 bits. */
function roundBfloat16(x: number): number {
  if (paddleReleaseBefore('3.0.0')) return truncateBfloat16(x);
  if (Number.isNaN(x)) return BFLOAT16_NAN;
  f32[0] = x;
  const bits = f32Bits[0]!;
  const rounded = (bits + 0x7fff + ((bits >>> 16) & 1)) & 0xffff0000;
  f32Bits[0] = rounded >>> 0;
  return f32[0]!;
}

/**
 * Paddle's float -> bfloat16 conversion before 3.0.0: the upper 16 bits of
 * the float32, truncated, NaNs included (confirmed against Paddle 2.6.2:
 * 0x3f818000 gives 0x3f81, 0xffc00000 gives 0xffc0, 0x7f800001 the
 * infinity 0x7f80). Rule `promotion-float-dtypes-widen`: a promoted
 * gradient cast back to a bfloat16 operand keeps a NaN's sign there.
 */
function truncateBfloat16(x: number): number {
  f32[0] = x;
  f32Bits[0] = f32Bits[0]! & 0xffff0000;
  return f32[0]!;
}

/** Rounds to IEEE binary16 (round to nearest, ties to even), with subnormals and overflow to infinity. */
function roundFloat16(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  if (a >= 65520) return Math.sign(x) * Infinity; // 65520 is halfway between max (65504) and 2^16
  // Spacing of binary16 values around a: 2^(e-10), but never below the subnormal step 2^-24.
  const e = Math.max(Math.floor(Math.log2(a)), -14);
  const step = 2 ** (e - 10);
  const q = a / step;
  let r = Math.round(q);
  if (r - q === 0.5 && r % 2 === 1) r -= 1; // Math.round rounds halves up; binary16 ties go to even
  return Math.sign(x) * r * step;
}

/** Converts to a 32-bit integer the way a C cast from double does (truncation). */
function truncInt32(x: number): number {
  return Math.trunc(x) | 0;
}

function typed(
  name: DTypeName,
  floating: boolean,
  unitRoundoff: number,
  round: (x: number) => number,
  Ctor: new (n: number) => Storage,
): DType {
  return {
    name,
    floating,
    unitRoundoff,
    round,
    allocate: (n) => new Ctor(n),
    get: (data, i) => data[i]!,
    set: (data, i, v) => {
      data[i] = v;
    },
  };
}

/** 16-bit floats keep their values widened in a Float32Array: every binary16/bfloat16 value is exact there. */
function sixteenBit(name: DTypeName, unitRoundoff: number, round: (x: number) => number): DType {
  return typed(name, true, unitRoundoff, round, Float32Array);
}

const REGISTRY: Record<DTypeName, DType> = {
  float32: typed('float32', true, 2 ** -24, Math.fround, Float32Array),
  float64: typed('float64', true, 2 ** -53, (x) => x, Float64Array),
  float16: sixteenBit('float16', 2 ** -11, roundFloat16),
  bfloat16: sixteenBit('bfloat16', 2 ** -8, roundBfloat16),
  int32: typed('int32', false, 0, truncInt32, Int32Array),
  // int64 values are kept in a Float64Array: exact up to 2^53, which covers every case this suite sends.
  int64: typed('int64', false, 0, Math.trunc, Float64Array),
  bool: typed('bool', false, 0, (x) => (x !== 0 ? 1 : 0), Uint8Array),
};

/** Whether a string names a dtype this reference can store. */
export function isDTypeName(name: unknown): name is DTypeName {
  return typeof name === 'string' && (DTYPE_NAMES as readonly string[]).includes(name);
}

/** Looks up a dtype by name; the caller has already validated the name. */
export function dtypeOf(name: DTypeName): DType {
  return REGISTRY[name];
}
