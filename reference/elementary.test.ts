/**
 * Paddle 3.3.1's CPU exp and log, element by element. Expected values are
 * literals from Paddle 3.3.1 (CPU, AVX build): each comment gives the call
 * (T = paddle.to_tensor) and the position of the element in the tensor,
 * which decides between Eigen's packet exp and the C library's.
 */
import { describe, expect, it } from 'vitest';
import { eigenExpDouble, eigenExpFloat, paddleExp, paddleLog } from './elementary.js';

/** The bit pattern of a float32 value, as hex. */
function hex32(x: number): string {
  const f = new Float32Array([x]);
  return new Uint32Array(f.buffer)[0]!.toString(16);
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
