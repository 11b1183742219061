/**
 * Tensors as they cross the wire and sit in golden files, and their exact
 * JSON encoding (documented in PROTOCOL.md and golden/README.md).
 *
 * A wire tensor keeps its raw little-endian bytes, so NaN payloads and the
 * sign of zero survive every round trip; numbers are read from those bytes.
 */
import { expandSpec, generatorProblem, GENERATOR_KEYS, type GeneratorSpec } from './generated.js';

/** The dtypes a wire tensor may carry. */
export const WIRE_DTYPES = ['float16', 'bfloat16', 'float32', 'float64', 'int8', 'uint8', 'int16', 'int32', 'int64', 'bool'] as const;

/** A dtype name on the wire. */
export type WireDType = (typeof WIRE_DTYPES)[number];

/** A tensor on the wire: dtype, shape and raw little-endian row-major bytes. */
export interface WireTensor {
  /** The dtype name. */
  readonly dtype: WireDType;
  /** The dimensions; [] is 0-D. */
  readonly shape: readonly number[];
  /** Raw little-endian element bytes, numel(shape) * itemsize long. */
  readonly bytes: Uint8Array;
}

/** A tensor in JSON: `data` (a list of values), `b64` (little-endian bytes) or, for a request's input, `generated` with its `sha256` (generated.ts). */
export interface TensorJson {
  /** The dtype name. */
  dtype: string;
  /** The dimensions. */
  shape: number[];
  /** Row-major values: JSON numbers exact in the dtype, or "NaN", "Infinity", "-Infinity". */
  data?: Array<number | string | boolean>;
  /** Base64 of the little-endian row-major bytes. */
  b64?: string;
  /** The seeded generator the bytes come from (conformance/generated.ts); then `sha256` is required. */
  generated?: GeneratorSpec;
  /** SHA-256 (lowercase hex) of the bytes `generated` expands to, checked before use. */
  sha256?: string;
}

/** Tensors with at most this many elements are written as a readable `data` list. */
export const INLINE_LIMIT = 64;

const ITEMSIZE: Record<WireDType, number> = {
  float16: 2, bfloat16: 2, float32: 4, float64: 8, int8: 1, uint8: 1, int16: 2, int32: 4, int64: 8, bool: 1,
};

/** Bytes per element of a wire dtype. */
export function itemsize(dtype: WireDType): number {
  return ITEMSIZE[dtype];
}

/** Whether a value names a wire dtype. */
export function isWireDType(value: unknown): value is WireDType {
  return typeof value === 'string' && (WIRE_DTYPES as readonly string[]).includes(value);
}

/** The number of elements of a shape. */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Whether a wire dtype is a floating-point type. */
export function isFloatDType(dtype: WireDType): boolean {
  return dtype === 'float16' || dtype === 'bfloat16' || dtype === 'float32' || dtype === 'float64';
}

/** A malformed tensor, with the JSON path of the problem. */
export class WireFormatError extends Error {
  /** JSON path of the offending value, e.g. `$.cases[3].request.inputs.input.data[7]`. */
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'WireFormatError';
    this.path = path;
  }
}

/** A generated tensor whose bytes do not hash to the sha256 it states (a golden file names the case it belongs to). */
export class GeneratedHashError extends WireFormatError {}

// ---------------------------------------------------------------- element access

function view(t: WireTensor): DataView {
  return new DataView(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength);
}

/** Element i of a tensor as a JavaScript number (int64 beyond 2^53 loses precision). */
export function elementAt(t: WireTensor, i: number): number {
  return readNumber(view(t), t.dtype, i);
}

/** All elements as numbers. */
export function valuesOf(t: WireTensor): number[] {
  const v = view(t);
  return Array.from({ length: shapeSize(t.shape) }, (_, i) => readNumber(v, t.dtype, i));
}

/** The raw bits of element i as an unsigned bigint (for hex display and bitwise comparison). */
export function bitsAt(t: WireTensor, i: number): bigint {
  const size = itemsize(t.dtype);
  let bits = 0n;
  for (let b = size - 1; b >= 0; b--) bits = (bits << 8n) | BigInt(t.bytes[i * size + b]!);
  return bits;
}

/** The bits of element i as 0x-prefixed hex, zero-padded to the dtype's width. */
export function hexBitsAt(t: WireTensor, i: number): string {
  return `0x${bitsAt(t, i).toString(16).padStart(itemsize(t.dtype) * 2, '0')}`;
}

function readNumber(v: DataView, dtype: WireDType, i: number): number {
  switch (dtype) {
    case 'float64': return v.getFloat64(i * 8, true);
    case 'float32': return v.getFloat32(i * 4, true);
    case 'float16': return halfToNumber(v.getUint16(i * 2, true));
    case 'bfloat16': return bfloatToNumber(v.getUint16(i * 2, true));
    case 'int64': return Number(v.getBigInt64(i * 8, true));
    case 'int32': return v.getInt32(i * 4, true);
    case 'int16': return v.getInt16(i * 2, true);
    case 'int8': return v.getInt8(i);
    case 'uint8': return v.getUint8(i);
    case 'bool': return v.getUint8(i) !== 0 ? 1 : 0;
  }
}

function writeNumber(v: DataView, dtype: WireDType, i: number, x: number): void {
  switch (dtype) {
    case 'float64': return v.setFloat64(i * 8, x, true);
    case 'float32': return v.setFloat32(i * 4, x, true);
    case 'float16': return v.setUint16(i * 2, numberToHalf(x), true);
    case 'bfloat16': return v.setUint16(i * 2, numberToBfloat(x), true);
    case 'int64': return v.setBigInt64(i * 8, BigInt(x), true);
    case 'int32': return v.setInt32(i * 4, x, true);
    case 'int16': return v.setInt16(i * 2, x, true);
    case 'int8': return v.setInt8(i, x);
    case 'uint8': return v.setUint8(i, x);
    case 'bool': return v.setUint8(i, x ? 1 : 0);
  }
}

// ---------------------------------------------------------------- 16-bit floats

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function bfloatToNumber(bits: number): number {
  u32[0] = bits << 16;
  return f32[0]!;
}

/** bfloat16 bits of a value: round to nearest even on the float32 bits (exact for values that are bfloat16 already). */
function numberToBfloat(x: number): number {
  f32[0] = x;
  const b = u32[0]!;
  if (Number.isNaN(x)) return (b >>> 16) | 0x40;
  return ((b + 0x7fff + ((b >>> 16) & 1)) >>> 16) & 0xffff;
}

function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? halfNaN(h) : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** A binary16 NaN widened as the hardware widens it: sign and payload kept (payload shifted into float32's). */
function halfNaN(h: number): number {
  u32[0] = (((h & 0x8000) << 16) | 0x7f800000 | ((h & 0x3ff) << 13)) >>> 0;
  return f32[0]!;
}

/** binary16 bits of a value that is exactly representable in binary16 (or ±inf/NaN). */
function numberToHalf(x: number): number {
  // A NaN keeps its sign and the top of its payload, quieted, as F16C's
  // vcvtps2ph narrows it: Paddle's float16 gradients carry x86's negative
  // default NaN (0xfe00), which a canonical 0x7e00 would hide.
  if (Number.isNaN(x)) {
    f32[0] = x;
    const b = u32[0]!;
    return ((b >>> 16) & 0x8000) | 0x7e00 | ((b >>> 13) & 0x3ff);
  }
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a === Infinity || a >= 65520) return sign | 0x7c00;
  if (a < 2 ** -14) return sign | roundHalfEven(a / 2 ** -24);
  const e = Math.floor(Math.log2(a));
  const frac = roundHalfEven((a / 2 ** e - 1) * 1024);
  return frac === 1024 ? sign | ((e + 16) << 10) : sign | ((e + 15) << 10) | frac;
}

/** Rounds to the nearest integer, ties to even, as IEEE 754 (and numpy's float64 -> float16 cast) does; Math.round rounds ties up. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// ---------------------------------------------------------------- building

/** Builds a wire tensor from numbers, rounding each to the dtype (as `paddle.to_tensor` would). */
export function fromValues(dtype: WireDType, shape: readonly number[], values: ArrayLike<number>): WireTensor {
  const n = shapeSize(shape);
  if (values.length !== n) throw new WireFormatError('$', `${values.length} values for shape [${shape.join(', ')}] (needs ${n})`);
  const bytes = new Uint8Array(n * itemsize(dtype));
  const v = new DataView(bytes.buffer);
  for (let i = 0; i < n; i++) writeNumber(v, dtype, i, values[i]!);
  return { dtype, shape: [...shape], bytes };
}

/** Wraps a typed array's bytes as a wire tensor without copying values through numbers (bits are kept). */
export function fromTypedArray(dtype: WireDType, shape: readonly number[], data: ArrayBufferView): WireTensor {
  const bytes = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  if (bytes.length !== shapeSize(shape) * itemsize(dtype)) {
    throw new WireFormatError('$', `${bytes.length} bytes for ${dtype}[${shape.join(', ')}] (needs ${shapeSize(shape) * itemsize(dtype)})`);
  }
  return { dtype, shape: [...shape], bytes };
}

// ---------------------------------------------------------------- JSON decoding

/** Decodes a JSON scalar value: a number, "NaN", "Infinity", "-Infinity" or a boolean. */
export function decodeScalar(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  throw new WireFormatError(path, `expected a number, "NaN", "Infinity" or "-Infinity", got ${JSON.stringify(value)}`);
}

/** How strictly decodeTensor reads a `data` list. */
export interface DecodeOptions {
  /**
   * Refuse a value the dtype cannot hold exactly (1e39 or 1e-50 in float32,
   * 300 in int8, 2^60 in an int64 list, 2 in bool) instead of rounding or
   * wrapping it: a golden file holds what Paddle gave, bit for bit.
   */
  exact?: boolean;
}

/** Decodes a tensor from its JSON form, checking every field; `path` names it in errors. */
export function decodeTensor(json: unknown, path = '$', options: DecodeOptions = {}): WireTensor {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new WireFormatError(path, 'expected a tensor object {"dtype", "shape", "data" | "b64"}');
  const o = json as Record<string, unknown>;
  if (!isWireDType(o.dtype)) throw new WireFormatError(`${path}.dtype`, `unknown dtype ${JSON.stringify(o.dtype)}; expected one of ${WIRE_DTYPES.join(', ')}`);
  const shape = decodeShape(o.shape, `${path}.shape`);
  const n = shapeSize(shape);
  if ('generated' in o) return decodeGenerated(o, o.dtype, shape, path);
  if ('b64' in o && 'data' in o) throw new WireFormatError(path, 'has both "data" and "b64"; give exactly one');
  if (typeof o.b64 === 'string') return decodeB64(o.dtype, shape, o.b64, `${path}.b64`);
  if (!Array.isArray(o.data)) throw new WireFormatError(path, 'needs "data" (a list of values) or "b64" (a base64 string)');
  if (o.data.length !== n) throw new WireFormatError(`${path}.data`, `has ${o.data.length} values but shape [${shape.join(', ')}] needs ${n}`);
  const values = o.data.map((v, i) => decodeScalar(v, `${path}.data[${i}]`));
  if (!isFloatDType(o.dtype)) checkIntegers(values, o.dtype, `${path}.data`);
  const t = fromValues(o.dtype, shape, values);
  if (options.exact) o.data.forEach((v, i) => checkExact(t, i, v, `${path}.data[${i}]`));
  return t;
}

/**
 * Throws unless element i of `t` holds exactly the JSON value it was built
 * from. Each message says what the value would have become and what to write.
 */
function checkExact(t: WireTensor, i: number, json: unknown, path: string): void {
  const kind = t.dtype === 'bool' ? 'boolean' : 'number';
  if (typeof json === 'boolean' && kind === 'number') throw new WireFormatError(path, `a ${t.dtype} value must be a number, got ${json}`);
  if (typeof json === 'number' && kind === 'boolean') throw new WireFormatError(path, `a bool value must be true or false, got ${json}`);
  const value = decodeScalar(json, path);
  const read = elementAt(t, i);
  // Floats keep the sign of zero; an integer has none, so -0.0 in an int32 list is just 0.
  if (Number.isNaN(value) || (isFloatDType(t.dtype) ? Object.is(read, value) : read === value)) {
    if (t.dtype === 'int64' && !Number.isSafeInteger(value)) {
      throw new WireFormatError(path, `${value} is beyond ±(2^53 − 1), where a JSON number no longer says an int64 exactly; write the tensor as "b64"`);
    }
    return;
  }
  const shown = Object.is(read, -0) ? '-0.0' : String(read);
  const why = !Number.isFinite(read) && Number.isFinite(value) ? `is beyond ${t.dtype}'s range`
    : read === 0 ? `is too small for ${t.dtype}`
    : isFloatDType(t.dtype) ? `is not a ${t.dtype} value` : `is outside ${t.dtype}'s range`;
  const fix = isFloatDType(t.dtype)
    ? `write the value the dtype holds (the shortest decimal of its float64 widening), "Infinity" or "-Infinity" if that is meant, or the tensor as "b64"`
    : `write a value the dtype holds`;
  throw new WireFormatError(path, `${value} ${why} and would read as ${shown}; ${fix}`);
}

/** Expands a generated tensor and checks its bytes against its sha256 (generated.ts). */
function decodeGenerated(o: Record<string, unknown>, dtype: WireDType, shape: number[], path: string): WireTensor {
  const extra = Object.keys(o).find((k) => !['dtype', 'shape', 'generated', 'sha256'].includes(k));
  if (extra !== undefined) throw new WireFormatError(`${path}.${extra}`, 'a generated tensor has only "dtype", "shape", "generated" and "sha256"');
  const problem = generatorProblem(o.generated, dtype, shapeSize(shape));
  if (problem !== undefined) throw new WireFormatError(`${path}.generated`, problem);
  if (typeof o.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(o.sha256)) {
    throw new WireFormatError(`${path}.sha256`, `a generated tensor needs "sha256", 64 lowercase hex digits, got ${JSON.stringify(o.sha256)}`);
  }
  const { bytes, sha256 } = expandSpec(o.generated as GeneratorSpec, dtype, shape);
  if (sha256 !== o.sha256) {
    throw new GeneratedHashError(`${path}.sha256`, `the generated bytes hash to ${sha256} but the tensor states ${o.sha256}; the generator or the file changed (regenerate with npm run golden:generate)`);
  }
  return { dtype, shape, bytes };
}

/** A generated tensor's JSON in canonical form (keys in the documented order), checked: decodeTensor refuses it unless its bytes hash to its sha256. */
export function canonicalGenerated(json: TensorJson, path = '$'): TensorJson {
  decodeTensor(json, path);
  const spec = json.generated!;
  const generated = Object.fromEntries(GENERATOR_KEYS.map((k) => [k, spec[k]])) as unknown as GeneratorSpec;
  return { dtype: json.dtype, shape: [...json.shape], generated, sha256: json.sha256! };
}

function decodeShape(shape: unknown, path: string): number[] {
  if (!Array.isArray(shape)) throw new WireFormatError(path, `expected a list of dimensions, got ${JSON.stringify(shape)}`);
  shape.forEach((d, i) => {
    if (!Number.isInteger(d) || (d as number) < 0) throw new WireFormatError(`${path}[${i}]`, `dimension must be a non-negative integer, got ${JSON.stringify(d)}`);
  });
  return shape as number[];
}

function decodeB64(dtype: WireDType, shape: number[], b64: string, path: string): WireTensor {
  // Padded base64 only, as Python's b64decode(validate=True) demands, so both sides accept the same strings.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) {
    throw new WireFormatError(path, 'is not valid base64 (it must be padded: characters A-Z a-z 0-9 + / and a length that is a multiple of 4)');
  }
  const bytes = new Uint8Array(Buffer.from(b64, 'base64'));
  const want = shapeSize(shape) * itemsize(dtype);
  if (bytes.length !== want) throw new WireFormatError(path, `decodes to ${bytes.length} bytes but ${dtype}[${shape.join(', ')}] needs ${want}`);
  return { dtype, shape, bytes };
}

function checkIntegers(values: number[], dtype: WireDType, path: string): void {
  values.forEach((v, i) => {
    if (!Number.isInteger(v)) throw new WireFormatError(`${path}[${i}]`, `${dtype} value must be an integer, got ${v}`);
  });
}

// ---------------------------------------------------------------- JSON encoding

/** Encodes one number for JSON: shortest round-trip decimal, "-0.0" for negative zero, strings for NaN and infinities. */
export function encodeScalar(x: number): number | string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return x;
}

/**
 * Encodes a tensor canonically: a `data` list when it is small and every NaN
 * is the canonical quiet NaN, otherwise base64, so the encoding is exact.
 *
 * Float32 values are written as the shortest decimal of their float64
 * widening. That decimal parses to exactly the float32 value, so a reader
 * never rounds twice (decimal -> float64 -> float32).
 */
export function encodeTensor(t: WireTensor, inlineLimit = INLINE_LIMIT): TensorJson {
  const n = shapeSize(t.shape);
  if (n > inlineLimit || !valuesAreExactInJson(t)) {
    return { dtype: t.dtype, shape: [...t.shape], b64: Buffer.from(t.bytes).toString('base64') };
  }
  const data = valuesOf(t).map((x) => (t.dtype === 'bool' ? x === 1 : encodeScalar(x)));
  return { dtype: t.dtype, shape: [...t.shape], data };
}

function valuesAreExactInJson(t: WireTensor): boolean {
  if (t.dtype === 'int64') return valuesOf(t).every((x) => Number.isSafeInteger(x));
  // A list says true/false, which reads back as bytes 1/0; any other byte needs the bytes.
  if (t.dtype === 'bool') return t.bytes.every((b) => b <= 1);
  if (!isFloatDType(t.dtype)) return true;
  // A list can carry only the canonical NaN; any other payload or sign needs the bytes.
  const n = shapeSize(t.shape);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(elementAt(t, i)) && bitsAt(t, i) !== CANONICAL_NAN_BITS[t.dtype as 'float32']) return false;
  }
  return true;
}

const CANONICAL_NAN_BITS: Record<'float16' | 'bfloat16' | 'float32' | 'float64', bigint> = {
  float16: 0x7e00n,
  bfloat16: 0x7fc0n,
  float32: 0x7fc00000n,
  float64: 0x7ff8000000000000n,
};

/**
 * Serialises a JSON value with negative zero written as `-0.0` (JSON.stringify
 * would write `0`), keys in insertion order, and an optional indent.
 */
export function stringifyExact(value: unknown, indent = 0): string {
  const NEG_ZERO = '\u0000NEGZERO\u0000';
  const text = JSON.stringify(value, (_k, v) => (Object.is(v, -0) ? NEG_ZERO : v), indent || undefined);
  // JSON.stringify writes the marker's NULs as \u0000, so look for its JSON form.
  return text.replaceAll(JSON.stringify(NEG_ZERO), '-0.0');
}
