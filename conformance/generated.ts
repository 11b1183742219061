/**
 * Generated tensors: an input written as a seeded generator, its shape and the
 * SHA-256 of the bytes it expands to, in place of the bytes themselves, so a
 * case at a language model's size (8 × 151,936 float32 logits, 4.6 MB) costs a
 * few hundred bytes of golden file. The format is in golden/README.md and
 * PROTOCOL.md; conformance/wire_codec.py (`generated_numpy`) is the same
 * generator in numpy, and both sides check the hash before use.
 *
 * `{"dtype", "shape", "generated": {"bits": "fmix32", "seed", "distribution", "low", "high"}, "sha256"}`
 *
 * Element i (row-major, 0 ≤ i < numel ≤ 2³²) draws one 32-bit word
 *   h_i = fmix32((seed · 0x9E3779B9 + i) mod 2³²)
 * where fmix32 is MurmurHash3's finaliser: h ^= h >>> 16; h *= 0x85EBCA6B;
 * h ^= h >>> 13; h *= 0xC2B2AE35; h ^= h >>> 16 (products mod 2³²).
 *   uniform  (float32, float64, bfloat16), low < high finite:
 *     u = (h_i >>> 8) · 2⁻²⁴ (24 bits, in [0, 1)); v = low + (high − low) · u,
 *     each operation rounded in float64 (no fused multiply-add); then v is
 *     rounded to the dtype: float64 kept, float32 to nearest even, bfloat16 to
 *     nearest even from that float32 (two roundings, as stated). Rounding may
 *     give `high` itself.
 *   integers (int32, int64), integers low < high, high − low ≤ 2²¹, both in int32's range:
 *     v = low + floor(h_i · (high − low) / 2³²), exact (h_i · (high − low) < 2⁵³).
 * The bytes are the values' little-endian element bytes (bfloat16: its 16-bit
 * patterns), row-major; `sha256` is their SHA-256 in lowercase hex.
 */
import { createHash } from 'node:crypto';

/** The generator of a generated tensor, as the golden file writes it. */
export interface GeneratorSpec {
  /** The bit generator: always "fmix32" (MurmurHash3's finaliser over seed · 0x9E3779B9 + index). */
  bits: 'fmix32';
  /** An unsigned 32-bit seed. */
  seed: number;
  /** `uniform` over [low, high) for float dtypes; `integers` in [low, high) for int32/int64 (class indices). */
  distribution: 'uniform' | 'integers';
  /** The lower bound (inclusive). */
  low: number;
  /** The upper bound (exclusive before the rounding to the dtype). */
  high: number;
}

/** The dtypes each distribution fills. */
export const GENERATED_DTYPES = { uniform: ['float32', 'float64', 'bfloat16'], integers: ['int32', 'int64'] } as const;

/** The keys of a generator spec, in the order the golden files write them. */
export const GENERATOR_KEYS = ['bits', 'seed', 'distribution', 'low', 'high'] as const;

/** The widest integer range: h · (high − low) stays below 2⁵³, so the floor is exact on both sides. */
export const MAX_INTEGER_SPAN = 2 ** 21;

/** Whether a tensor's JSON is the generated form (it has a `generated` field). */
export function isGeneratedJson(json: unknown): boolean {
  return typeof json === 'object' && json !== null && !Array.isArray(json) && 'generated' in json;
}

/**
 * Whether a request holds a generated input: a case at a language model's size (10^5 classes), which
 * the tests that run every rule's alternative or variant leave out. Those vary reductions and rules,
 * which the small cases exercise; a generated case scales only the class count, and holding the
 * bound there is the run's and scripts/accuracy's job.
 */
export function hasGeneratedInput(request: { inputs: Record<string, unknown> }): boolean {
  return Object.values(request.inputs).some(isGeneratedJson);
}

/** What is wrong with a spec for a dtype and element count (undefined when it is a spec this generator expands). */
export function generatorProblem(spec: unknown, dtype: string, count: number): string | undefined {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return 'must be an object {"bits", "seed", "distribution", "low", "high"}';
  const s = spec as Record<string, unknown>;
  const extra = Object.keys(s).find((k) => !(GENERATOR_KEYS as readonly string[]).includes(k));
  if (extra !== undefined) return `has the unknown field ${JSON.stringify(extra)}; allowed: ${GENERATOR_KEYS.join(', ')}`;
  if (s.bits !== 'fmix32') return `bits must be "fmix32", got ${JSON.stringify(s.bits)}`;
  if (!Number.isInteger(s.seed) || (s.seed as number) < 0 || (s.seed as number) >= 2 ** 32) return `seed must be an integer in [0, 2^32), got ${JSON.stringify(s.seed)}`;
  if (s.distribution !== 'uniform' && s.distribution !== 'integers') return `distribution must be "uniform" or "integers", got ${JSON.stringify(s.distribution)}`;
  const dtypes: readonly string[] = GENERATED_DTYPES[s.distribution];
  if (!dtypes.includes(dtype)) return `distribution ${s.distribution} fills ${dtypes.join(', ')}, not ${dtype}`;
  const { low, high } = s;
  if (typeof low !== 'number' || typeof high !== 'number' || !Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
    return `low and high must be finite numbers with low < high, got ${JSON.stringify(low)} and ${JSON.stringify(high)}`;
  }
  if (s.distribution === 'integers') {
    if (!Number.isInteger(low) || !Number.isInteger(high)) return `integers needs integer low and high, got ${low} and ${high}`;
    if (low < -(2 ** 31) || high > 2 ** 31) return `integers needs low and high within int32's range [-2^31, 2^31], got ${low} and ${high}`;
    if (high - low > MAX_INTEGER_SPAN) return `integers needs high − low ≤ 2^21 (${MAX_INTEGER_SPAN}), got ${high - low}`;
  }
  if (count > 2 ** 32) return `numel ${count} exceeds 2^32, the counter's range`;
  return undefined;
}

/** MurmurHash3's 32-bit finaliser. */
function fmix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const ITEMSIZE: Record<string, number> = { float32: 4, float64: 8, bfloat16: 2, int32: 4, int64: 8 };

/**
 * The little-endian bytes a valid spec expands to for `count` elements of
 * `dtype` (check generatorProblem first). About 10 ms for 8 × 151,936 float32.
 */
export function generateBytes(spec: GeneratorSpec, dtype: string, count: number): Uint8Array {
  const bytes = new Uint8Array(count * ITEMSIZE[dtype]!);
  const v = new DataView(bytes.buffer);
  const base = Math.imul(spec.seed, 0x9e3779b9) >>> 0;
  const { low, high } = spec;
  if (spec.distribution === 'integers') {
    const span = high - low;
    for (let i = 0; i < count; i++) {
      const k = low + Math.floor((fmix32((base + i) >>> 0) * span) / 4294967296);
      if (dtype === 'int32') v.setInt32(i * 4, k, true);
      else {
        v.setInt32(i * 8, k, true);
        v.setInt32(i * 8 + 4, k < 0 ? -1 : 0, true);
      }
    }
    return bytes;
  }
  const width = high - low;
  for (let i = 0; i < count; i++) {
    const x = low + width * ((fmix32((base + i) >>> 0) >>> 8) / 16777216);
    if (dtype === 'float32') v.setFloat32(i * 4, x, true);
    else if (dtype === 'float64') v.setFloat64(i * 8, x, true);
    else v.setUint16(i * 2, bfloat16Bits(x), true);
  }
  return bytes;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** bfloat16 bits of a finite value: rounded to float32 (nearest even), then its top 16 bits rounded to nearest even. */
export function bfloat16Bits(x: number): number {
  f32[0] = x;
  const b = u32[0]!;
  return ((b + 0x7fff + ((b >>> 16) & 1)) >>> 16) & 0xffff;
}

/** SHA-256 of bytes, lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Expanded tensors by spec, dtype and shape, so a generator shared by several cases is expanded once (at most CACHE_BYTES kept). */
const cache = new Map<string, { bytes: Uint8Array; sha256: string }>();
const CACHE_BYTES = 64 * 2 ** 20;
let cached = 0;

/**
 * The bytes and their SHA-256 for a valid spec, dtype and shape (a fresh copy
 * each call, so a caller may keep or change it).
 */
export function expandSpec(spec: GeneratorSpec, dtype: string, shape: readonly number[]): { bytes: Uint8Array; sha256: string } {
  const key = `${dtype}[${shape.join(',')}]${GENERATOR_KEYS.map((k) => spec[k]).join(',')}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    const bytes = generateBytes(spec, dtype, shape.reduce((a, b) => a * b, 1));
    hit = { bytes, sha256: sha256Hex(bytes) };
    if (bytes.length <= CACHE_BYTES) {
      for (const [k, old] of cache) {
        if (cached + bytes.length <= CACHE_BYTES) break;
        cache.delete(k);
        cached -= old.bytes.length;
      }
      cache.set(key, hit);
      cached += bytes.length;
    }
  }
  return { bytes: hit.bytes.slice(), sha256: hit.sha256 };
}
