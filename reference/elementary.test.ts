/**
 * Paddle 3.3.1's CPU exp and log, element by element. Expected values are
 * literals from Paddle 3.3.1 (CPU, AVX build): each comment gives the call
 * (T = paddle.to_tensor) and the position of the element in the tensor,
 * which decides between Eigen's packet exp and the C library's.
 */
import { describe, expect, it } from 'vitest';
import { eigenExpDouble, eigenExpFloat, libmLog, libmLogFloat, paddleExp, paddleLog } from './elementary.js';

/** The bit pattern of a float32 value, as hex. */
function hex32(x: number): string {
  const f = new Float32Array([x]);
  return new Uint32Array(f.buffer)[0]!.toString(16);
}

/** The float32 value with the given bit pattern. */
function float32(bits: number): number {
  return new Float32Array(new Uint32Array([bits]).buffer)[0]!;
}

/** The float64 value with the given bit pattern. */
function float64(bits: bigint): number {
  return new Float64Array(new BigUint64Array([bits]).buffer)[0]!;
}

/** The bit pattern of a float64 value, as hex. */
function hex64(x: number): string {
  const f = new Float64Array([x]);
  return new BigUint64Array(f.buffer)[0]!.toString(16);
}

describe("Eigen's pexp_float (8-lane packets)", () => {
  // paddle.exp(T([88.7, 88.72, 88.7228, 88.72284, 88.73, 89, 100, inf, nan, -inf, -87.3, -88.72, -88.73, -100, -1e30, 0]))
  it.each([
    [88.7, '7f7a37fc'],
    [88.72, '7f7f4647'],
    [88.7228, '7f7ffd84'],
    [88.72284, '7f800000'],
    [89, '7f800000'],
    [Infinity, '7f800000'],
    [-Infinity, '1ffeb0'],
    [-87.3, '84c38b'],
    [-88.72, '201748'],
    [-100, '1ffeb0'],
    [-1e30, '1ffeb0'],
    [0, '3f800000'],
  ])('exp(%s) is 0x%s', (x, bits) => {
    expect(hex32(eigenExpFloat(x))).toBe(bits);
  });

  it('NaN gives NaN', () => {
    expect(eigenExpFloat(NaN)).toBeNaN();
  });
});

describe("Eigen's pexp_double (4-lane packets)", () => {
  // paddle.exp(T([709.7, 709.78, 709.784, 710, inf, nan, -inf, -708, -709.784, -745.2, 0, 1e-300, ...], 'float64'))
  it.each([
    [709.7, '7fed75ae7a50ee14'],
    [709.78, '7fefe9ce5c4c52b4'],
    [709.784, '7ff0000000000000'],
    [710, '7ff0000000000000'],
    [Infinity, '7ff0000000000000'],
    [-Infinity, '3feaecf4d1116'],
    [-708, '17c8ab2288c9ac'],
    [-745.2, '3feaecf4d1116'],
    [0, '3ff0000000000000'],
    [1e-300, '3ff0000000000000'],
  ])('exp(%s) is 0x%s', (x, bits) => {
    expect(hex64(eigenExpDouble(x))).toBe(bits);
  });
});

describe('paddleExp: packets for whole groups of lanes, the C library for the tail', () => {
  it('float32: nine -100s give 0x1ffeb0 eight times, then 0x1b', () => {
    // paddle.exp(T([-100.0] * 9)): [0x1ffeb0 × 8, 0x1b]
    const out = Array.from({ length: 9 }, (_, k) => hex32(paddleExp(-100, 'float32', k, 9)));
    expect(out).toEqual([...Array(8).fill('1ffeb0'), '1b']);
  });

  it('float32: a tensor of fewer than 8 elements is all tail', () => {
    // paddle.exp(T([-100., -88., -87.5, -87., -103., -104.])): [0x1b, 0x41edc4, 0x6cb2bc, 0xb33687, 0x1, 0x0]
    const xs = [-100, -88, -87.5, -87, -103, -104];
    expect(xs.map((x, k) => hex32(paddleExp(x, 'float32', k, xs.length)))).toEqual(['1b', '41edc4', '6cb2bc', 'b33687', '1', '0']);
  });

  it('float64: five -800s give 0x3feaecf4d1116 four times, then 0', () => {
    // paddle.exp(T([-800.0] * 5, 'float64'))
    const out = Array.from({ length: 5 }, (_, k) => hex64(paddleExp(-800, 'float64', k, 5)));
    expect(out).toEqual([...Array(4).fill('3feaecf4d1116'), '0']);
  });
});

describe('paddleLog', () => {
  it('log(2) in float32 is 0x3f317218', () => {
    // F.soft_margin_loss(T([0.0]), T([1.0]), 'none') = log(1 + exp(0)): 0x3f317218
    expect(hex32(paddleLog(2, 'float32'))).toBe('3f317218');
  });

  it('a NaN comes back as it went in, sign and payload kept, as glibc returns it', () => {
    // F.soft_margin_loss(T([inf]), T([0.]), 'none'): 0 × inf is the default NaN 0xffc00000 (float64 0xfff8000000000000), and so is the loss.
    const negative32 = Math.fround(0 * Infinity);
    expect([hex32(paddleLog(negative32, 'float32')), hex64(paddleLog(0 * Infinity, 'float64'))]).toEqual(['ffc00000', 'fff8000000000000']);
  });
});

// Expected bits below are glibc 2.36's own results (x86-64, CPU with FMA, so
// the __logf_fma and __ieee754_log_fma variants), taken through Python's
// ctypes from logf@GLIBC_2.27 and log@GLIBC_2.2.5, the versions that Paddle
// 3.3.1's libphi_core.so links. "V8" marks inputs where JavaScript's
// Math.log (rounded to float32 for logf) gives another result.
describe("glibc's logf", () => {
  it.each([
    ['V8 1 ulp off: near 1', '3f79d6fc', 'bcc78997'],
    ['V8 1 ulp off: 92.85', '42b9b52a', '4090fe2c'],
    ['V8 1 ulp off: soft_margin_loss range, 1 + e^z', '3f90d73f', '3dfd249c'],
    ['V8 1 ulp off: 0.4279', '3edb17de', 'bf594cbf'],
    ['2', '40000000', '3f317218'],
    ['smallest subnormal', '00000001', 'c2ce8ed0'],
    ['largest subnormal', '007fffff', 'c2aeac50'],
    ['a subnormal', '00012345', 'c2b81e77'],
    ['1 + 2^-23', '3f800001', '33ffffff'],
    ['1 - 2^-24', '3f7fffff', 'b3800000'],
    ['1', '3f800000', '0'],
    ['FLT_MAX', '7f7fffff', '42b17218'],
    ['+0', '00000000', 'ff800000'],
    ['-0', '80000000', 'ff800000'],
    ['+inf', '7f800000', '7f800000'],
  ] as const)('%s: 0x%s gives 0x%s', (_name, bits, expected) => {
    expect(hex32(libmLogFloat(float32(parseInt(bits, 16))))).toBe(expected);
  });

  // (x - x) / (x - x) in __math_invalidf: x86's default NaN, sign set.
  it.each([
    ['-1', 'bf800000'],
    ['-inf', 'ff800000'],
    ['the negative subnormal -2^-149', '80000001'],
  ] as const)('%s (0x%s) gives the NaN 0xffc00000', (_name, bits) => {
    expect(hex32(libmLogFloat(float32(parseInt(bits, 16))))).toBe('ffc00000');
  });
});

describe("glibc's log", () => {
  it.each([
    ['V8 1 ulp off: 8.68e-14', '3d386f82e034d055', 'c03e1334c52dc4e5'],
    ['V8 1 ulp off: 791.7', '4088bdd058174a23', '401ab265c1a6bd27'],
    ['V8 1 ulp off: near-1 path', '3ff0e9dabc28a1f2', '3fac6d83ec270823'],
    ['V8 1 ulp off: soft_margin_loss range, 1 + e^z', '3ff3a8fd72b7df25', '3fca5e516de4ab9f'],
    ['V8 1 ulp off, and unfused arithmetic too: near-1 path', '3fee9114e7abb9fa', 'bfa7763ace992d53'],
    ['unfused arithmetic 1 ulp off: table path', '3ff210716c51426d', '3fbf10783861a60d'],
    ['smallest subnormal', '0000000000000001', 'c0874385446d71c3'],
    ['largest subnormal', '000fffffffffffff', 'c086232bdd7abcd2'],
    ['a subnormal', '0000000123456789', 'c086910ad2ea4ac8'],
    ['1 + 2^-52', '3ff0000000000001', '3cafffffffffffff'],
    ['1 - 2^-53', '3fefffffffffffff', 'bca0000000000000'],
    ['1', '3ff0000000000000', '0'],
    ['0.9375, lowest input of the near-1 path', '3fee000000000000', 'bfb08598b59e3a07'],
    ['just below 0.9375, table path', '3fedffffffffffff', 'bfb08598b59e3a0f'],
    ['just below 1 + 0x1.09p-4, near-1 path', '3ff108ffffffffff', '3fb00c7c14184eb6'],
    ['1 + 0x1.09p-4, table path', '3ff1090000000000', '3fb00c7c14184ec5'],
    ['DBL_MAX', '7fefffffffffffff', '40862e42fefa39ef'],
    ['+0', '0000000000000000', 'fff0000000000000'],
    ['-0', '8000000000000000', 'fff0000000000000'],
    ['+inf', '7ff0000000000000', '7ff0000000000000'],
  ] as const)('%s: 0x%s gives 0x%s', (_name, bits, expected) => {
    expect(hex64(libmLog(float64(BigInt(`0x${bits}`))))).toBe(expected);
  });

  // log@GLIBC_2.2.5's wrapper answers x < 0 through __kernel_standard, whose NAN has the sign clear.
  it.each([
    ['-1', 'bff0000000000000'],
    ['-inf', 'fff0000000000000'],
    ['the negative subnormal -2^-1074', '8000000000000001'],
  ] as const)('%s (0x%s) gives the NaN 0x7ff8000000000000', (_name, bits) => {
    expect(hex64(libmLog(float64(BigInt(`0x${bits}`))))).toBe('7ff8000000000000');
  });
});
