/**
 * Paddle 3.3.1's CPU exp and log, element by element. Expected values are
 * literals from Paddle 3.3.1 (CPU, AVX build): each comment gives the call
 * (T = paddle.to_tensor) and the position of the element in the tensor,
 * which decides between Eigen's packet exp and the C library's.
 */
import { describe, expect, it } from 'vitest';
import { eigenExpDouble, eigenExpFloat, libmExp, libmExpFloat, libmLog, libmLogFloat, paddleExp, paddleLog } from './elementary.js';

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

describe('paddleExp: the tail is glibc, not Math.exp', () => {
  it('float32: a 7-element tensor is all tail, glibc expf in every position', () => {
    // paddle.exp(T(float32 bits [c119ac49, 42b0dee6, c2b47264, 42b17217, c2cf0000, 42126251, 0])):
    // [388d6418, 7f40096a, 722d3, 7f7fff84, 1, 59de615b, 3f800000]; Math.exp is 1 ulp off on the 1st, 2nd, 3rd and 6th.
    const xs = [0xc119ac49, 0x42b0dee6, 0xc2b47264, 0x42b17217, 0xc2cf0000, 0x42126251, 0].map(float32);
    expect(xs.map((x, k) => hex32(paddleExp(x, 'float32', k, xs.length)))).toEqual(['388d6418', '7f40096a', '722d3', '7f7fff84', '1', '59de615b', '3f800000']);
  });

  it('float64: the last 3 of 7 elements are glibc exp', () => {
    // paddle.exp(T([1, 2, 3, 4, bits bfb195f67530102b, 4081d6f68a71b1f4, c0863528998b6a58], 'float64'))[4:]:
    // [3fede025f8373a33, 73681d7a9f6e2259, 1b067739d46e5]; Math.exp is 1 ulp off on all three.
    const xs = [1, 2, 3, 4, ...[0xbfb195f67530102bn, 0x4081d6f68a71b1f4n, 0xc0863528998b6a58n].map(float64)];
    expect([4, 5, 6].map((k) => hex64(paddleExp(xs[k]!, 'float64', k, xs.length)))).toEqual(['3fede025f8373a33', '73681d7a9f6e2259', '1b067739d46e5']);
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

// Expected bits below are glibc 2.36's own results (x86-64, CPU with FMA, so
// the __expf_fma and __ieee754_exp_fma variants), taken through Python's
// ctypes from expf@GLIBC_2.27 and exp (exp@GLIBC_2.2.5, which Paddle 3.3.1
// links, gives the same bits as exp@@GLIBC_2.29). "V8" marks inputs where
// JavaScript's Math.exp (rounded to float32 for expf) gives another result.
describe("glibc's expf", () => {
  it.each([
    ['V8 1 ulp below: -9.6046', 'c119ac49', '388d6418'],
    ['V8 1 ulp above: 36.596', '42126251', '59de615b'],
    ['V8 1 ulp below: soft_margin_loss range, 19.076', '41989c1b', '4d37b210'],
    ['V8 1 ulp below, near overflow: 88.435', '42b0dee6', '7f40096a'],
    ['V8 1 ulp below, subnormal result: -90.223', 'c2b47264', '722d3'],
    ['1', '3f800000', '402df854'],
    ['2^-24: 1 + x rounds up', '33800000', '3f800001'],
    ['smallest subnormal', '00000001', '3f800000'],
    ['just below 88, the fast path', '42afffff', '7ef8823b'],
    ['88, the first input checked for overflow', '42b00000', '7ef882b7'],
    ['largest input with a finite result, 0x1.62e42ep6 ≈ 88.7228', '42b17217', '7f7fff84'],
    ['next float above it overflows', '42b17218', '7f800000'],
    ['-103.2789, just above log(0x1p-149): computed', 'c2ce8ece', '1'],
    ['-103.2789, just below log(0x1p-149): the constant 2^-149', 'c2ce8ecf', '1'],
    ['-103.5: the constant 2^-149', 'c2cf0000', '1'],
    ['-0x1.9fe368p6 ≈ -103.972, the lowest input with a nonzero result', 'c2cff1b4', '1'],
    ['next float below it underflows to 0', 'c2cff1b5', '0'],
    ['+0', '00000000', '3f800000'],
    ['-0', '80000000', '3f800000'],
    ['+inf', '7f800000', '7f800000'],
    ['-inf', 'ff800000', '0'],
  ] as const)('%s: 0x%s gives 0x%s', (_name, bits, expected) => {
    expect(hex32(libmExpFloat(float32(parseInt(bits, 16))))).toBe(expected);
  });

  it('NaN gives NaN', () => {
    expect(libmExpFloat(NaN)).toBeNaN();
  });
});

describe("glibc's exp", () => {
  it.each([
    ['V8 1 ulp below: soft_margin_loss range, -0.0687', 'bfb195f67530102b', '3fede025f8373a33'],
    ['V8 1 ulp below: 0.1246', '3fbfe3be97dc1d0b', '3ff21f60199a26cd'],
    ['V8 1 ulp above: 17.05', '40310d78ac879f52', '417847d7782afe07'],
    ['V8 1 ulp above, specialcase with k > 0: 570.87', '4081d6f68a71b1f4', '73681d7a9f6e2259'],
    ['V8 1 ulp above, specialcase with k < 0: -517.99', 'c0802ff2ae62848c', '1139df605c4c2b15'],
    ['V8 1 ulp below, near overflow: 709.35', '40862ac870a97476', '7fe4b73b35404375'],
    ['V8 1 ulp above, subnormal result: -710.64', 'c0863528998b6a58', '1b067739d46e5'],
    ['V8 1 ulp below, just above 512: specialcase', '40800000000009f5', '6e19476504d9fbab'],
    ['V8 1 ulp below, and unfused arithmetic too: 134.41', '4060cd3d398ef1d4', '4c0e3b6f88613de1'],
    ['V8 1 ulp above, and unfused arithmetic too: soft_margin_loss range, -39.97', 'c043fc9289977021', '3c541fb1661e3ad7'],
    ['1', '3ff0000000000000', '4005bf0a8b145769'],
    ['2^-55: 1 + x', '3c80000000000000', '3ff0000000000000'],
    ['2^-54, the smallest input of the table path', '3c90000000000000', '3ff0000000000000'],
    ['just below 512, the last input of the fast path', '407fffffffffffff', '6e19476504ba839a'],
    ['512, the first input of specialcase', '4080000000000000', '6e19476504ba852e'],
    ['-512', 'c080000000000000', '11c44109edb20931'],
    ['largest input with a finite result, ≈ 709.7827', '40862e42fefa39ef', '7fefffffffffff2a'],
    ['next double above it overflows', '40862e42fefa39f0', '7ff0000000000000'],
    ['-740: subnormal result', 'c087200000000000', '55'],
    ['≈ -745.1332, the lowest input with a nonzero result', 'c0874910d52d3051', '1'],
    ['next double below it underflows to 0', 'c0874910d52d3052', '0'],
    ['1024 overflows', '4090000000000000', '7ff0000000000000'],
    ['-1024 underflows', 'c090000000000000', '0'],
    ['+0', '0000000000000000', '3ff0000000000000'],
    ['-0', '8000000000000000', '3ff0000000000000'],
    ['+inf', '7ff0000000000000', '7ff0000000000000'],
    ['-inf', 'fff0000000000000', '0'],
  ] as const)('%s: 0x%s gives 0x%s', (_name, bits, expected) => {
    expect(hex64(libmExp(float64(BigInt(`0x${bits}`))))).toBe(expected);
  });

  it('NaN gives NaN', () => {
    expect(libmExp(NaN)).toBeNaN();
  });
});
