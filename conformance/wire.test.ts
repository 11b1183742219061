/**
 * The exact JSON codec for wire tensors (PROTOCOL.md, "Tensors"): every bit
 * pattern of every dtype survives encodeTensor -> stringifyExact -> JSON.parse
 * -> decodeTensor, by the readable `data` list where that is exact and by
 * base64 otherwise; Python reading the same text gets the same bytes; and
 * malformed tensors are refused with the JSON path of the problem.
 *
 * Numbers are compared by their bits (SameValue and more: NaN payloads count).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Prng } from '../scripts/prng.js';
import { findPaddlePython, paddleAbsentReason } from './python_env.js';
import {
  INLINE_LIMIT, WireFormatError, decodeTensor, elementAt, encodeTensor, fromTypedArray, fromValues, hexBitsAt, isFloatDType,
  itemsize, stringifyExact, type TensorJson, type WireDType, type WireTensor,
} from './wire.js';

// ---------------------------------------------------------------- helpers

/** Random patterns per dtype and path (issue 3: "at least 1e5 random bit patterns per dtype"). */
const PATTERNS = 100_000;

type FloatDType = 'float32' | 'float64' | 'float16' | 'bfloat16';
const FLOAT_DTYPES: readonly FloatDType[] = ['float32', 'float64', 'float16', 'bfloat16'];
const INT_DTYPES: readonly WireDType[] = ['int32', 'int64', 'int8', 'int16', 'uint8', 'bool'];

/** A 1-element tensor holding exactly these bits. */
function ofBits(dtype: WireDType, bits: bigint): WireTensor {
  const bytes = new Uint8Array(itemsize(dtype));
  for (let b = 0; b < bytes.length; b++) bytes[b] = Number((bits >> BigInt(8 * b)) & 0xffn);
  return fromTypedArray(dtype, [1], bytes);
}

/** The bytes a tensor comes back with after the full JSON text round trip. */
function roundTrip(json: TensorJson): Uint8Array {
  // Read as a golden file is: whatever encodeTensor lists, the dtype holds exactly.
  return decodeTensor(JSON.parse(stringifyExact(json)), '$', { exact: true }).bytes;
}

/** Index of the first element whose bytes differ, or -1. */
function firstDifference(dtype: WireDType, a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return 0;
  const size = itemsize(dtype);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return Math.floor(i / size);
  return -1;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** A command that replays one tensor's round trip, for failure messages. */
function reproduction(dtype: WireDType, bytes: Uint8Array, inlineLimit: number): string {
  const n = bytes.length / itemsize(dtype);
  return `npx tsx -e "import * as w from './conformance/wire.ts'; ` +
    `const t = w.fromTypedArray('${dtype}', [${n}], Buffer.from('${hex(bytes)}', 'hex')); ` +
    `const text = w.stringifyExact(w.encodeTensor(t, ${inlineLimit})); ` +
    `console.log(text, Buffer.from(w.decodeTensor(JSON.parse(text)).bytes).toString('hex'))"`;
}

/**
 * Random element bytes. Floats and small ints: uniform over every bit pattern.
 * `listable` draws int64 within +-2^53 (magnitudes spread by a random shift,
 * so small values occur) and bool as bytes 0/1, the values a list can carry,
 * except that one element in 256 is a uniform pattern (beyond 2^53, or a bool
 * byte such as 0x02) so that the base64 fallback is exercised too.
 */
function randomBytes(dtype: WireDType, n: number, prng: Prng, listable: boolean): Uint8Array {
  const bytes = uniformBytes(n * itemsize(dtype), prng);
  if (!listable || (dtype !== 'int64' && dtype !== 'bool')) return bytes;
  const v = new DataView(bytes.buffer);
  for (let i = 0; i < n; i++) {
    if (prng.nextUint32() % 256 === 0) continue;
    if (dtype === 'bool') v.setUint8(i, v.getUint8(i) & 1);
    else v.setBigInt64(i * 8, v.getBigInt64(i * 8, true) >> BigInt(prng.int(10, 63)), true);
  }
  return bytes;
}

function uniformBytes(length: number, prng: Prng): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < bytes.length; i += 4) {
    const r = prng.nextUint32();
    for (let b = 0; b < 4 && i + b < bytes.length; b++) bytes[i + b] = (r >>> (8 * b)) & 0xff;
  }
  return bytes;
}

/** The quiet NaN with no payload and sign bit clear: the only NaN a `data` list can mean. */
const CANONICAL_NAN: Record<FloatDType, bigint> = {
  float32: 0x7fc00000n, float64: 0x7ff8000000000000n, float16: 0x7e00n, bfloat16: 0x7fc0n,
};

/** Whether a `data` list can carry every element exactly (PROTOCOL.md): canonical NaNs, int64 within 2^53, bool bytes 0/1. */
function listIsExact(t: WireTensor): boolean {
  const n = t.bytes.length / itemsize(t.dtype);
  for (let i = 0; i < n; i++) {
    const x = elementAt(t, i);
    if (isFloatDType(t.dtype) && Number.isNaN(x) && BigInt(hexBitsAt(t, i)) !== CANONICAL_NAN[t.dtype as FloatDType]) return false;
    if (t.dtype === 'int64' && !Number.isSafeInteger(x)) return false;
    if (t.dtype === 'bool' && t.bytes[i]! > 1) return false;
  }
  return true;
}

// ---------------------------------------------------------------- 1. random bit patterns

describe('round trip of random bit patterns (property, 1e5 per dtype and path)', () => {
  for (const dtype of [...FLOAT_DTYPES, ...INT_DTYPES]) {
    it(`${dtype}: chunks of 1..${INLINE_LIMIT} elements take the data list exactly when it is exact, and every byte survives`, () => {
      const prng = new Prng(`wire/${dtype}/data`);
      let listed = 0;
      let chunks = 0;
      // Keep drawing until 1e5 patterns went through the list (float16 chunks often hold a NaN payload and go to base64).
      while (listed < PATTERNS) {
        const n = prng.int(1, INLINE_LIMIT);
        const t = fromTypedArray(dtype, [n], randomBytes(dtype, n, prng, true));
        const json = encodeTensor(t);
        const exact = listIsExact(t);
        if ((json.data !== undefined) !== exact) {
          expect.fail(`chunk ${chunks} of ${dtype}[${n}] went to ${json.data ? 'data' : 'b64'}, but the list ${exact ? 'is' : 'is not'} exact; ` +
            `reproduce: ${reproduction(dtype, t.bytes, INLINE_LIMIT)}`);
        }
        const back = roundTrip(json);
        const i = firstDifference(dtype, t.bytes, back);
        if (i >= 0) {
          expect.fail(`chunk ${chunks} of ${dtype}[${n}] (${json.data ? 'data' : 'b64'}): element ${i} ${hexBitsAt(t, i)} came back as ` +
            `${hexBitsAt(fromTypedArray(dtype, [n], back.length === t.bytes.length ? back : t.bytes), i)}; reproduce: ${reproduction(dtype, t.bytes, INLINE_LIMIT)}`);
        }
        if (json.data) listed += n;
        chunks++;
      }
      expect(listed).toBeGreaterThanOrEqual(PATTERNS);
    });

    it(`${dtype}: ${PATTERNS} uniform bit patterns forced to base64 (encodeTensor(t, 0)) survive byte for byte`, () => {
      const prng = new Prng(`wire/${dtype}/b64`);
      const t = fromTypedArray(dtype, [PATTERNS], randomBytes(dtype, PATTERNS, prng, false));
      const json = encodeTensor(t, 0);
      expect(json.data).toBeUndefined();
      const back = roundTrip(json);
      const i = firstDifference(dtype, t.bytes, back);
      if (i >= 0) {
        const one = t.bytes.subarray(i * itemsize(dtype), (i + 1) * itemsize(dtype));
        expect.fail(`${dtype} element ${i} ${hexBitsAt(t, i)} did not survive base64; reproduce: ${reproduction(dtype, one, 0)}`);
      }
    });
  }
});

// ---------------------------------------------------------------- 2. special values

/** A special value: its bits, its value, and the `data` text it is written as (null: base64 only). */
interface Special {
  name: string;
  bits: bigint;
  value: number;
  text: string | null;
}

// Bits are the dtype's big-endian hex; values are exact (powers of two written as such).
const SPECIALS: Record<FloatDType, Special[]> = {
  float32: [
    { name: '+0', bits: 0x00000000n, value: 0, text: '0' },
    { name: '-0', bits: 0x80000000n, value: -0, text: '-0.0' },
    { name: '+inf', bits: 0x7f800000n, value: Infinity, text: '"Infinity"' },
    { name: '-inf', bits: 0xff800000n, value: -Infinity, text: '"-Infinity"' },
    { name: 'canonical NaN', bits: 0x7fc00000n, value: NaN, text: '"NaN"' },
    { name: 'negative NaN', bits: 0xffc00000n, value: NaN, text: null },
    { name: 'signalling-pattern NaN', bits: 0x7f800001n, value: NaN, text: null },
    { name: 'NaN with payload', bits: 0x7fc12345n, value: NaN, text: null },
    { name: 'smallest subnormal 2^-149', bits: 0x00000001n, value: 2 ** -149, text: '1.401298464324817e-45' },
    { name: 'largest subnormal 2^-126 - 2^-149', bits: 0x007fffffn, value: 2 ** -126 - 2 ** -149, text: '1.1754942106924411e-38' },
    { name: 'smallest normal 2^-126', bits: 0x00800000n, value: 2 ** -126, text: '1.1754943508222875e-38' },
    { name: 'max finite (2 - 2^-23) * 2^127', bits: 0x7f7fffffn, value: (2 - 2 ** -23) * 2 ** 127, text: '3.4028234663852886e+38' },
    { name: '-max finite', bits: 0xff7fffffn, value: -(2 - 2 ** -23) * 2 ** 127, text: '-3.4028234663852886e+38' },
    { name: '1', bits: 0x3f800000n, value: 1, text: '1' },
    { name: '1 + 2^-23 (1 ulp above 1)', bits: 0x3f800001n, value: 1 + 2 ** -23, text: '1.0000001192092896' },
    { name: '1 - 2^-24 (1 ulp below 1)', bits: 0x3f7fffffn, value: 1 - 2 ** -24, text: '0.9999999403953552' },
  ],
  float64: [
    { name: '+0', bits: 0x0000000000000000n, value: 0, text: '0' },
    { name: '-0', bits: 0x8000000000000000n, value: -0, text: '-0.0' },
    { name: '+inf', bits: 0x7ff0000000000000n, value: Infinity, text: '"Infinity"' },
    { name: '-inf', bits: 0xfff0000000000000n, value: -Infinity, text: '"-Infinity"' },
    { name: 'canonical NaN', bits: 0x7ff8000000000000n, value: NaN, text: '"NaN"' },
    { name: 'negative NaN', bits: 0xfff8000000000000n, value: NaN, text: null },
    { name: 'signalling-pattern NaN', bits: 0x7ff0000000000001n, value: NaN, text: null },
    { name: 'NaN with payload', bits: 0x7ff8000000012345n, value: NaN, text: null },
    { name: 'smallest subnormal 2^-1074', bits: 0x0000000000000001n, value: 2 ** -1074, text: '5e-324' },
    { name: 'largest subnormal 2^-1022 - 2^-1074', bits: 0x000fffffffffffffn, value: 2 ** -1022 - 2 ** -1074, text: '2.225073858507201e-308' },
    { name: 'smallest normal 2^-1022', bits: 0x0010000000000000n, value: 2 ** -1022, text: '2.2250738585072014e-308' },
    { name: 'max finite (2 - 2^-52) * 2^1023', bits: 0x7fefffffffffffffn, value: Number.MAX_VALUE, text: '1.7976931348623157e+308' },
    { name: '-max finite', bits: 0xffefffffffffffffn, value: -Number.MAX_VALUE, text: '-1.7976931348623157e+308' },
    { name: '1', bits: 0x3ff0000000000000n, value: 1, text: '1' },
    { name: '1 + 2^-52 (1 ulp above 1)', bits: 0x3ff0000000000001n, value: 1 + 2 ** -52, text: '1.0000000000000002' },
    { name: '1 - 2^-53 (1 ulp below 1)', bits: 0x3fefffffffffffffn, value: 1 - 2 ** -53, text: '0.9999999999999999' },
  ],
  float16: [
    { name: '+0', bits: 0x0000n, value: 0, text: '0' },
    { name: '-0', bits: 0x8000n, value: -0, text: '-0.0' },
    { name: '+inf', bits: 0x7c00n, value: Infinity, text: '"Infinity"' },
    { name: '-inf', bits: 0xfc00n, value: -Infinity, text: '"-Infinity"' },
    { name: 'canonical NaN', bits: 0x7e00n, value: NaN, text: '"NaN"' },
    { name: 'negative NaN', bits: 0xfe00n, value: NaN, text: null },
    { name: 'signalling-pattern NaN', bits: 0x7c01n, value: NaN, text: null },
    { name: 'NaN with payload', bits: 0x7e45n, value: NaN, text: null },
    { name: 'smallest subnormal 2^-24', bits: 0x0001n, value: 2 ** -24, text: '5.960464477539063e-8' },
    { name: 'largest subnormal 2^-14 - 2^-24', bits: 0x03ffn, value: 2 ** -14 - 2 ** -24, text: '0.00006097555160522461' },
    { name: 'smallest normal 2^-14', bits: 0x0400n, value: 2 ** -14, text: '0.00006103515625' },
    { name: 'max finite 65504', bits: 0x7bffn, value: 65504, text: '65504' },
    { name: '-max finite', bits: 0xfbffn, value: -65504, text: '-65504' },
    { name: '1', bits: 0x3c00n, value: 1, text: '1' },
    { name: '1 + 2^-10 (1 ulp above 1)', bits: 0x3c01n, value: 1 + 2 ** -10, text: '1.0009765625' },
    { name: '1 - 2^-11 (1 ulp below 1)', bits: 0x3bffn, value: 1 - 2 ** -11, text: '0.99951171875' },
  ],
  bfloat16: [
    { name: '+0', bits: 0x0000n, value: 0, text: '0' },
    { name: '-0', bits: 0x8000n, value: -0, text: '-0.0' },
    { name: '+inf', bits: 0x7f80n, value: Infinity, text: '"Infinity"' },
    { name: '-inf', bits: 0xff80n, value: -Infinity, text: '"-Infinity"' },
    { name: 'canonical NaN', bits: 0x7fc0n, value: NaN, text: '"NaN"' },
    { name: 'negative NaN', bits: 0xffc0n, value: NaN, text: null },
    { name: 'signalling-pattern NaN', bits: 0x7f81n, value: NaN, text: null },
    { name: 'NaN with payload', bits: 0x7fc5n, value: NaN, text: null },
    { name: 'smallest subnormal 2^-133', bits: 0x0001n, value: 2 ** -133, text: '9.183549615799121e-41' },
    { name: 'largest subnormal 2^-126 - 2^-133', bits: 0x007fn, value: 2 ** -126 - 2 ** -133, text: '1.1663108012064884e-38' },
    { name: 'smallest normal 2^-126', bits: 0x0080n, value: 2 ** -126, text: '1.1754943508222875e-38' },
    { name: 'max finite (2 - 2^-7) * 2^127', bits: 0x7f7fn, value: (2 - 2 ** -7) * 2 ** 127, text: '3.3895313892515355e+38' },
    { name: '-max finite', bits: 0xff7fn, value: -(2 - 2 ** -7) * 2 ** 127, text: '-3.3895313892515355e+38' },
    { name: '1', bits: 0x3f80n, value: 1, text: '1' },
    { name: '1 + 2^-7 (1 ulp above 1)', bits: 0x3f81n, value: 1 + 2 ** -7, text: '1.0078125' },
    { name: '1 - 2^-8 (1 ulp below 1)', bits: 0x3f7fn, value: 1 - 2 ** -8, text: '0.99609375' },
  ],
};

const hexOf = (dtype: WireDType, bits: bigint): string => `0x${bits.toString(16).padStart(itemsize(dtype) * 2, '0')}`;

describe('special values', () => {
  for (const dtype of FLOAT_DTYPES) {
    describe(dtype, () => {
      for (const s of SPECIALS[dtype]) {
        const h = hexOf(dtype, s.bits);
        if (s.text !== null) {
          it(`${s.name} (${h}) is written as data [${s.text}]`, () => {
            expect(stringifyExact(encodeTensor(ofBits(dtype, s.bits)))).toBe(`{"dtype":"${dtype}","shape":[1],"data":[${s.text}]}`);
          });
          it(`${s.name} (${h}) read from data [${s.text}] has its bits and value`, () => {
            const t = decodeTensor(JSON.parse(`{"dtype":"${dtype}","shape":[1],"data":[${s.text}]}`));
            expect(hexBitsAt(t, 0)).toBe(h);
            expect(Object.is(elementAt(t, 0), s.value)).toBe(true);
          });
        } else {
          it(`${s.name} (${h}) is written as b64, since a list cannot say which NaN`, () => {
            const json = encodeTensor(ofBits(dtype, s.bits));
            expect(json.data).toBeUndefined();
            expect(hexBitsAt(decodeTensor(JSON.parse(stringifyExact(json))), 0)).toBe(h);
          });
        }
        it(`${s.name} (${h}) survives forced base64`, () => {
          const t = decodeTensor(JSON.parse(stringifyExact(encodeTensor(ofBits(dtype, s.bits), 0))));
          expect(hexBitsAt(t, 0)).toBe(h);
          expect(Object.is(elementAt(t, 0), s.value)).toBe(true);
        });
      }
    });
  }

  it('a tensor of one non-canonical NaN among canonical values goes to b64 whole, and every element survives', () => {
    // float32: 1, canonical NaN 0x7fc00000, negative NaN 0xffc00000, -0
    const t = fromTypedArray('float32', [4], new Uint32Array([0x3f800000, 0x7fc00000, 0xffc00000, 0x80000000]));
    const json = encodeTensor(t);
    expect(json.data).toBeUndefined();
    expect(hex(roundTrip(json))).toBe('0000803f0000c07f0000c0ff00000080');
  });

  it(`more than INLINE_LIMIT (${INLINE_LIMIT}) elements go to b64 even when a list would be exact`, () => {
    expect(encodeTensor(fromValues('float32', [INLINE_LIMIT + 1], new Array(INLINE_LIMIT + 1).fill(1))).data).toBeUndefined();
  });

  it('int64 2^53 + 1 (0x0020000000000001), not a safe JavaScript number, goes to b64 and survives', () => {
    const t = ofBits('int64', 0x0020000000000001n);
    const json = encodeTensor(t);
    expect(json.data).toBeUndefined();
    expect(hexBitsAt(decodeTensor(JSON.parse(stringifyExact(json))), 0)).toBe('0x0020000000000001');
  });

  it('int64 2^53 - 1 (0x001fffffffffffff) is written as data [9007199254740991]', () => {
    expect(stringifyExact(encodeTensor(ofBits('int64', 0x001fffffffffffffn)))).toBe('{"dtype":"int64","shape":[1],"data":[9007199254740991]}');
  });

  it('a bool byte other than 0 and 1 (0x02) goes to b64, since data [true] would read back as 0x01', () => {
    const json = encodeTensor(ofBits('bool', 2n));
    expect(json.data).toBeUndefined();
    expect(hex(roundTrip(json))).toBe('02');
  });

  it('bool bytes 0x00, 0x01 are written as data [false, true]', () => {
    expect(stringifyExact(encodeTensor(fromTypedArray('bool', [2], new Uint8Array([0, 1]))))).toBe('{"dtype":"bool","shape":[2],"data":[false,true]}');
  });

  it('fromValues rounds a float16 tie to even: 1 + 2^-11 -> 0x3c00, 1 + 3 * 2^-11 -> 0x3c02', () => {
    // 1 + 2^-11 is halfway between 1 (0x3c00, even) and 1 + 2^-10 (0x3c01); numpy's float64 -> float16 cast picks 0x3c00.
    const t = fromValues('float16', [2], [1 + 2 ** -11, 1 + 3 * 2 ** -11]);
    expect([hexBitsAt(t, 0), hexBitsAt(t, 1)]).toEqual(['0x3c00', '0x3c02']);
  });

  it('fromValues rounds a float16 subnormal tie to even: 2^-25 -> 0x0000, 3 * 2^-25 -> 0x0002', () => {
    const t = fromValues('float16', [2], [2 ** -25, 3 * 2 ** -25]);
    expect([hexBitsAt(t, 0), hexBitsAt(t, 1)]).toEqual(['0x0000', '0x0002']);
  });

  it("fromValues narrows a float32 NaN to float16 as F16C does: 0xffc00000 -> 0xfe00 (sign kept), 0x7fc00001 -> 0x7e00, 0x7fe00000 -> 0x7f00", () => {
    const nans = new Float32Array(new Uint32Array([0xffc00000, 0x7fc00001, 0x7fe00000]).buffer);
    const t = fromValues('float16', [3], nans); // the typed array itself: a JS array may hold NaN as +NaN
    expect([0, 1, 2].map((i) => hexBitsAt(t, i))).toEqual(['0xfe00', '0x7e00', '0x7f00']);
  });

  it('a float16 NaN read from bytes keeps its sign when written again: 0xfe00 survives elementAt and fromValues', () => {
    const t = ofBits('float16', 0xfe00n);
    expect(hexBitsAt(fromValues('float16', [1], [elementAt(t, 0)]), 0)).toBe('0xfe00');
  });
});

// ---------------------------------------------------------------- 3. double rounding

describe('decimal -> float64 -> float32 double rounding', () => {
  it('float32 0x3dcccccd (0.1f) is written as "0.10000000149011612", the shortest decimal of its float64 widening', () => {
    expect(stringifyExact(encodeTensor(ofBits('float32', 0x3dcccccdn)))).toBe('{"dtype":"float32","shape":[1],"data":[0.10000000149011612]}');
  });

  it('that decimal parses to exactly the widened float32, so narrowing to float32 rounds nothing', () => {
    // parseFloat is correctly rounded and the text is the float64's own shortest decimal: the float64 is 0.1f itself.
    const wide = parseFloat('0.10000000149011612');
    expect(wide).toBe(13421773 * 2 ** -27); // 0x3dcccccd = 1.6000000238418579 * 2^-4 = 13421773 * 2^-27
    expect(Math.fround(wide)).toBe(wide);
  });

  it('the float32-shortest "0.1" also lands on 0x3dcccccd through float64, but only because it is far from a float32 midpoint', () => {
    // 0.1 is 1.49e-9 below 0.1f, whose half-ulp is 2^-28 = 3.73e-9: 2.2e-9 from the midpoint, vastly more than
    // float64's half-ulp there (6.9e-18), so the float64 rounding cannot carry it onto the midpoint.
    expect(hexBitsAt(fromValues('float32', [1], [Math.fround(parseFloat('0.1'))]), 0)).toBe('0x3dcccccd');
  });

  it('a decimal just above the midpoint 1 + 2^-24 parses to the midpoint in float64, and fround then rounds it the wrong way', () => {
    // d = 1 + 2^-24 + 10^-32. Correctly rounded to float32 it is 0x3f800001 (1 + 2^-23): it lies above the midpoint
    // 1.000000059604644775390625 between 0x3f800000 and 0x3f800001. But 10^-32 is far below float64's half-ulp (1.1e-16),
    // so parseFloat gives the midpoint itself, and Math.fround breaks that tie to even: 0x3f800000 (1). A decoder that
    // narrows through float64 must never be sent such a decimal; encodeTensor writes only float64-shortest decimals,
    // which parse to the float32 value exactly (previous tests).
    const d = '1.00000005960464477539062500000001';
    expect(d.startsWith((1 + 2 ** -24).toFixed(24))).toBe(true); // the exact midpoint, then more nonzero digits: d > midpoint
    expect(parseFloat(d)).toBe(1 + 2 ** -24);
    expect(hexBitsAt(fromValues('float32', [1], [Math.fround(parseFloat(d))]), 0)).toBe('0x3f800000');
  });

  it('even a 9-digit decimal double-rounds: "5.85052973e+21" is float32 0x639e9435, but through float64 it lands on 0x639e9434', () => {
    // Found by scanning every float32 midpoint of 80 binades for a <= 9-digit decimal within float64's half-ulp of it.
    // The neighbours 0x639e9434 and 0x639e9435 (even, odd) are 2^49 apart; their midpoint is m = 5850529729999999598592.
    // d - m = 401408 > 0, so d correctly rounds up to 0x639e9435; but float64's half-ulp there is 2^19 = 524288 > 401408,
    // so parseFloat(d) is m exactly and Math.fround breaks the tie to even, 0x639e9434. (numpy's
    // np.float32("5.85052973e+21") gives 0x639e9434 as well: it also parses through float64.) encodeTensor writes
    // 0x639e9435 as 5.850530011474976e+21 (next test), never as d.
    const d = '5.85052973e+21';
    const lo = elementAt(ofBits('float32', 0x639e9434n), 0);
    const hi = elementAt(ofBits('float32', 0x639e9435n), 0);
    expect(BigInt(hi - lo)).toBe(2n ** 49n);
    expect(BigInt((lo + hi) / 2)).toBe(5850529729999999598592n);
    expect(5850529730000000000000n - 5850529729999999598592n).toBe(401408n); // d is above the midpoint
    expect(parseFloat(d)).toBe((lo + hi) / 2);
    expect(hexBitsAt(fromValues('float32', [1], [Math.fround(parseFloat(d))]), 0)).toBe('0x639e9434');
  });

  it('encodeTensor writes float32 0x639e9435 as 5.850530011474976e+21, which reads back as 0x639e9435', () => {
    const text = stringifyExact(encodeTensor(ofBits('float32', 0x639e9435n)));
    expect(text).toBe('{"dtype":"float32","shape":[1],"data":[5.850530011474976e+21]}');
    expect(hexBitsAt(decodeTensor(JSON.parse(text)), 0)).toBe('0x639e9435');
  });
});

// ---------------------------------------------------------------- 4. Python reads the same text

const python = findPaddlePython();
const WIRE_CODEC = fileURLToPath(new URL('./wire_codec.py', import.meta.url));
// The Python ports' own decoder, shared by the oracle and the PyTorch port (json.loads, then float() per
// value and np.array(..., float64).astype(dtype), or np.frombuffer for b64).
const PY_READER = `
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("wire_codec", sys.argv[1])
codec = importlib.util.module_from_spec(spec)
spec.loader.exec_module(codec)
out = []
for i, t in enumerate(json.loads(sys.stdin.read())):
    a = codec.to_numpy(t, "$[%d]" % i)
    out.append(a.astype(a.dtype.newbyteorder("<")).tobytes().hex())
print(json.dumps(out))
`;
const PY_ELEMENTS = 4096;

/** Tensors for Python: specials plus random patterns, in data chunks of <= 64 and as one forced-b64 tensor. */
function pythonCases(dtype: WireDType): { data: WireTensor[]; b64: WireTensor } {
  const prng = new Prng(`wire/${dtype}/python`);
  const specials = isFloatDType(dtype) ? SPECIALS[dtype as FloatDType].map((s) => ofBits(dtype, s.bits).bytes) : [];
  const bytes = Buffer.concat([...specials, randomBytes(dtype, PY_ELEMENTS, prng, true)]);
  const size = itemsize(dtype);
  const data: WireTensor[] = [];
  for (let at = 0; at < bytes.length;) {
    const n = Math.min(prng.int(1, INLINE_LIMIT), (bytes.length - at) / size);
    data.push(fromTypedArray(dtype, [n], bytes.subarray(at, at + n * size)));
    at += n * size;
  }
  return { data, b64: fromTypedArray(dtype, [bytes.length / size], bytes) };
}

describe.skipIf(!python)(`Python (conformance/wire_codec.py to_numpy, as the oracle and the PyTorch port read tensors) reads the same JSON text to the same bytes${python ? '' : ` — SKIPPED: ${paddleAbsentReason()}`}`, () => {
  const dtypes = [...FLOAT_DTYPES, ...INT_DTYPES];
  const cases = new Map(dtypes.map((d) => [d, pythonCases(d)]));
  let answers: string[] = [];
  const sent: WireTensor[] = [];

  const readInPython = (): string[] => {
    if (answers.length) return answers;
    const jsons: TensorJson[] = [];
    for (const d of dtypes) {
      const c = cases.get(d)!;
      for (const t of c.data) (sent.push(t), jsons.push(encodeTensor(t)));
      sent.push(c.b64);
      jsons.push(encodeTensor(c.b64, 0));
    }
    const r = spawnSync(python!, ['-c', PY_READER, WIRE_CODEC], { input: stringifyExact(jsons), encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`${python} failed (exit ${r.status}):\n${r.stderr}`);
    answers = JSON.parse(r.stdout) as string[];
    return answers;
  };

  for (const dtype of dtypes) {
    for (const path of ['data', 'b64'] as const) {
      it(`${dtype} via ${path}: ${PY_ELEMENTS} patterns${isFloatDType(dtype) ? ' and every special value' : ''}`, () => {
        const got = readInPython();
        let listed = 0;
        sent.forEach((t, k) => {
          if (t.dtype !== dtype || (path === 'b64') !== (t === cases.get(dtype)!.b64)) return;
          const json = encodeTensor(t, path === 'b64' ? 0 : INLINE_LIMIT);
          if (json.data) listed += t.shape[0]!;
          const back = new Uint8Array(Buffer.from(got[k]!, 'hex'));
          const i = firstDifference(dtype, t.bytes, back);
          if (i >= 0) {
            expect.fail(`Python read ${dtype} element ${i} ${hexBitsAt(t, i)} of ${stringifyExact(json)} as bytes ${got[k]} (sent ${hex(t.bytes)})`);
          }
        });
        if (path === 'data') expect(listed).toBeGreaterThan(0);
      });
    }
  }
});

// ---------------------------------------------------------------- 5. errors

/** The WireFormatError that decoding `json` throws (fails the test if none). */
function decodeError(json: unknown, options: { exact?: boolean } = {}): WireFormatError {
  try {
    decodeTensor(json, '$.inputs.input', options);
  } catch (error) {
    expect(error).toBeInstanceOf(WireFormatError);
    expect((error as Error).name).toBe('WireFormatError');
    return error as WireFormatError;
  }
  return expect.fail(`decodeTensor accepted ${stringifyExact(json)}`);
}

describe('decodeTensor refuses malformed tensors with the JSON path of the problem', () => {
  it('an unknown dtype: $.inputs.input.dtype', () => {
    expect(decodeError({ dtype: 'float8', shape: [1], data: [1] }).path).toBe('$.inputs.input.dtype');
  });

  it('a negative dimension: $.inputs.input.shape[1]', () => {
    expect(decodeError({ dtype: 'float32', shape: [2, -1], data: [] }).path).toBe('$.inputs.input.shape[1]');
  });

  it('a data list of the wrong length: $.inputs.input.data', () => {
    expect(decodeError({ dtype: 'float32', shape: [2, 2], data: [1, 2, 3] }).path).toBe('$.inputs.input.data');
  });

  it('b64 with characters outside the alphabet: $.inputs.input.b64', () => {
    expect(decodeError({ dtype: 'float32', shape: [1], b64: 'AAC@PwAA' }).path).toBe('$.inputs.input.b64');
  });

  it('b64 without its padding ("AACAPw", which Python\'s b64decode(validate=True) refuses): $.inputs.input.b64', () => {
    expect(decodeError({ dtype: 'uint8', shape: [4], b64: 'AACAPw' }).path).toBe('$.inputs.input.b64');
  });

  it('b64 of the wrong byte length (4 bytes for float64[1]): $.inputs.input.b64', () => {
    expect(decodeError({ dtype: 'float64', shape: [1], b64: 'AACAPw==' }).path).toBe('$.inputs.input.b64');
  });

  it('both data and b64: $.inputs.input', () => {
    expect(decodeError({ dtype: 'float32', shape: [1], data: [1], b64: 'AACAPw==' }).path).toBe('$.inputs.input');
  });

  it('a non-integer value in an int dtype: $.inputs.input.data[1]', () => {
    expect(decodeError({ dtype: 'int32', shape: [2], data: [1, 2.5] }).path).toBe('$.inputs.input.data[1]');
  });

  it('an unknown string value ("nan", not "NaN"): $.inputs.input.data[2]', () => {
    expect(decodeError({ dtype: 'float32', shape: [3], data: [1, 'NaN', 'nan'] }).path).toBe('$.inputs.input.data[2]');
  });
});

describe('read exactly (a golden file), a value the dtype cannot hold is refused, never rounded or wrapped (issue 19, item 14)', () => {
  it.each([
    ['float32', 1e39, /1e\+39 is beyond float32's range and would read as Infinity; write the value the dtype holds .*"Infinity" or "-Infinity" if that is meant, or the tensor as "b64"/],
    ['float32', -1e39, /-1e\+39 is beyond float32's range and would read as -Infinity/],
    ['float32', 1e-50, /1e-50 is too small for float32 and would read as 0;/],
    ['float32', -1e-50, /-1e-50 is too small for float32 and would read as -0\.0;/],
    ['float32', 0.1, /0\.1 is not a float32 value and would read as 0\.10000000149011612;/],
    ['float16', 65520, /65520 is beyond float16's range and would read as Infinity/],
    ['bfloat16', 1.001, /1\.001 is not a bfloat16 value and would read as 1;/],
    ['int8', 300, /300 is outside int8's range and would read as 44; write a value the dtype holds/],
    ['uint8', -1, /-1 is outside uint8's range and would read as 255/],
    ['int64', 2 ** 60, /1152921504606847000 is beyond ±\(2\^53 − 1\), where a JSON number no longer says an int64 exactly; write the tensor as "b64"/],
    ['bool', 2, /a bool value must be true or false, got 2/],
    ['float32', true, /a float32 value must be a number, got true/],
  ])('%s %s: refused at its element, saying what it would read as', (dtype, value, message) => {
    const e = decodeError({ dtype, shape: [2], data: [dtype === 'bool' ? false : 0, value] }, { exact: true });
    expect(e.path).toBe('$.inputs.input.data[1]');
    expect(e.message).toMatch(message);
  });

  it('values the dtype holds pass: -0.0, subnormals, the extremes, NaN and the infinities as strings', () => {
    const ok = (dtype: WireDType, data: TensorJson['data']) => expect(() => decodeTensor({ dtype, shape: [data!.length], data }, '$', { exact: true })).not.toThrow();
    ok('float32', [-0, 1.401298464324817e-45, 3.4028234663852886e38, 0.10000000149011612, 'NaN', 'Infinity', '-Infinity']);
    ok('float64', [5e-324, 1.7976931348623157e308, 0.1]);
    ok('float16', [65504, 5.960464477539063e-8]);
    ok('int8', [-128, 127, -0]);
    ok('int64', [-(2 ** 53 - 1), 2 ** 53 - 1]);
    ok('bool', [true, false]);
  });

  it('read as a port\'s answer is (not exact), the same values are rounded as before', () => {
    expect(elementAt(decodeTensor({ dtype: 'float32', shape: [1], data: [1e39] }), 0)).toBe(Infinity);
    expect(elementAt(decodeTensor({ dtype: 'float32', shape: [1], data: [0.1] }), 0)).toBe(Math.fround(0.1));
  });
});
