/**
 * Properties of the fast path (fast.ts) against the literal reading:
 * bit-identical for `none` and for every gradient, and within
 * 2·γ_{n+1}·Σ|l_i| (÷n for mean) for the reductions, where
 * γ_k = k·u / (1 − k·u). Inputs are seeded random tensors and a grid of
 * special values; a failure names the seed and trial that reproduce it.
 */
import { describe, expect, it } from 'vitest';
import { hingeEmbeddingLossFast, hingeEmbeddingLossGradFast } from './hinge_embedding_loss_fast.js';
import { hingeEmbeddingLoss } from './hinge_embedding_loss.js';
import { hingeEmbeddingLossGrad } from './hinge_embedding_loss.js';
import { Tensor, full } from './tensor.js';
import type { DTypeName } from './dtype.js';

type Float = 'float32' | 'float64';
const DTYPES: Float[] = ['float32', 'float64'];
const TRIALS = 150;

/** mulberry32: a small seeded PRNG, so every trial can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** The neighbour of v one ulp towards +inf (dir 1) or -inf (dir -1) in the dtype. */
function ulpStep(v: number, dir: 1 | -1, dtype: Float): number {
  if (dtype === 'float32') {
    f32[0] = v;
    if (v === 0) u32[0] = dir > 0 ? 1 : 0x80000001;
    else u32[0] = (v > 0) === dir > 0 ? u32[0]! + 1 : u32[0]! - 1;
    return f32[0]!;
  }
  f64[0] = v;
  if (v === 0) u64[0] = dir > 0 ? 1n : 0x8000000000000001n;
  else u64[0] = (v > 0) === dir > 0 ? u64[0]! + 1n : u64[0]! - 1n;
  return f64[0]!;
}

/** A NaN whose payload is not the canonical one, to check payloads pass through unchanged. */
function payloadNaN(dtype: Float): number {
  if (dtype === 'float32') {
    u32[0] = 0x7fc01234;
    return f32[0]!;
  }
  u64[0] = 0xfff8000000abcdefn;
  return f64[0]!;
}

/** Special input values for a margin: ±0, ±inf, NaNs, subnormals, extremes, and the margin ± 1 ulp. */
function specialInputs(dtype: Float, margin: number): number[] {
  const tiny = dtype === 'float32' ? 2 ** -149 : 2 ** -1074;
  const maxSub = dtype === 'float32' ? 2 ** -126 - 2 ** -149 : 2 ** -1022 - 2 ** -1074;
  const big = dtype === 'float32' ? 3.4028234663852886e38 : Number.MAX_VALUE;
  const m = dtype === 'float32' ? Math.fround(margin) : margin;
  const values = [0, -0, Infinity, -Infinity, NaN, payloadNaN(dtype), tiny, -tiny, maxSub, -maxSub, big, -big, 1, -1, 0.1, 2.5];
  if (Number.isFinite(m)) values.push(m, ulpStep(m, 1, dtype), ulpStep(m, -1, dtype));
  return values;
}

/** Label values: the two the page defines, and the ones Paddle maps to 0. */
const SPECIAL_LABELS = [1, -1, 0, -0, 2, 0.5, -0.5, NaN, Infinity, -Infinity];

const MARGINS = [1, 0.1, 0, -0.5, 1e30, 1e39, Infinity, -Infinity, NaN];

/** A tensor of the dtype holding the values (rounded as `paddle.to_tensor` would). */
function tensorOf(values: ArrayLike<number>, dtype: DTypeName, shape?: number[]): Tensor {
  const data = dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values);
  return new Tensor(dtype, shape ?? [data.length], data);
}

/** Every special input paired with every special label: the Cartesian grid as two flat tensors. */
function specialGrid(dtype: Float, margin: number): { input: Tensor; label: Tensor } {
  const xs = specialInputs(dtype, margin);
  const x: number[] = [];
  const y: number[] = [];
  for (const xv of xs) for (const yv of SPECIAL_LABELS) (x.push(xv), y.push(yv));
  return { input: tensorOf(x, dtype, [xs.length, SPECIAL_LABELS.length]), label: tensorOf(y, dtype, [xs.length, SPECIAL_LABELS.length]) };
}

/** A random case: a random shape (zero-size included), inputs mixing ordinary and special values, labels mostly ±1. */
function randomCase(rand: () => number, dtype: Float): { input: Tensor; label: Tensor; margin: number } {
  const rank = 1 + Math.floor(rand() * 3);
  const shape = Array.from({ length: rank }, () => Math.floor(rand() * (rank === 1 ? 300 : 12)));
  if (rand() < 0.1) shape[0] = 0;
  const n = shape.reduce((a, b) => a * b, 1);
  const margin = rand() < 0.7 ? (rand() - 0.3) * 3 : MARGINS[Math.floor(rand() * MARGINS.length)]!;
  const specials = specialInputs(dtype, margin);
  const x = Array.from({ length: n }, () => (rand() < 0.05 ? specials[Math.floor(rand() * specials.length)]! : (rand() - 0.4) * 4));
  const y = Array.from({ length: n }, () => (rand() < 0.9 ? (rand() < 0.5 ? 1 : -1) : SPECIAL_LABELS[Math.floor(rand() * SPECIAL_LABELS.length)]!));
  return { input: tensorOf(x, dtype, shape), label: tensorOf(y, dtype, shape), margin };
}

/** The storage's bytes, so that equality means equal bits (NaN payloads and the sign of zero included). */
function bytesOf(t: Tensor): Uint8Array {
  return new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
}

/**
 * Fails, naming the first differing element in decimal and hex, unless the two
 * tensors have the same dtype, shape and bits, NaNs aside: a NaN matches any
 * NaN. ECMAScript leaves a NaN's encoding to the engine (NumericToRawBytes:
 * "an implementation-distinguishable NaN value"), and V8 shows it: once
 * optimised, `0 + g * -1` flips a NaN's sign bit, unoptimised it does not,
 * so the literal path's own NaN bits depend on the JIT tier. Everything else,
 * the sign of zero included, must match bit for bit.
 */
function expectBitIdentical(actual: Tensor, expected: Tensor, what: string): void {
  expect(actual.dtype, `${what}: dtype`).toBe(expected.dtype);
  expect(actual.shape, `${what}: shape`).toEqual(expected.shape);
  const a = bytesOf(actual);
  const e = bytesOf(expected);
  const width = actual.dtype === 'float32' ? 4 : 8;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== e[i]) {
      const k = Math.floor(i / width);
      if (Number.isNaN(actual.at(k)) && Number.isNaN(expected.at(k))) {
        i = (k + 1) * width - 1;
        continue;
      }
      const hex = (b: Uint8Array) => Array.from(b.subarray(k * width, (k + 1) * width)).reverse().map((v) => v.toString(16).padStart(2, '0')).join('');
      expect.fail(`${what}: element ${k} differs: fast ${actual.at(k)} (0x${hex(a)}) vs literal ${expected.at(k)} (0x${hex(e)})`);
    }
  }
}

/** γ_k = k·u / (1 − k·u), the standard bound on k roundings (Higham, Accuracy and Stability, §3.1). */
function gamma(k: number, u: number): number {
  return (k * u) / (1 - k * u);
}

/**
 * Checks a fast reduction against the literal one. Where the unreduced loss
 * holds a NaN, or both infinities, any summation order gives NaN; where it
 * holds one infinity (and the finite part cannot overflow), that infinity.
 * Otherwise both results lie within γ_{n-1}·Σ|l_i| of the exact sum, so they
 * differ by at most 2·γ_{n+1}·Σ|l_i|, ÷n for mean (the division adds one
 * rounding to each side).
 */
function expectWithinBound(fast: Tensor, literal: Tensor, losses: Tensor, reduction: 'mean' | 'sum', what: string): void {
  expect(fast.dtype, `${what}: dtype`).toBe(literal.dtype);
  expect(fast.shape, `${what}: shape`).toEqual([]);
  const a = fast.at(0);
  const e = literal.at(0);
  const l = Array.from(losses.data);
  const n = l.length;
  if (l.some(Number.isNaN) || (l.includes(Infinity) && l.includes(-Infinity)) || n === 0) {
    expect(Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e)), `${what}: fast ${a} vs literal ${e}`).toBe(true);
    return;
  }
  const u = fast.dtype === 'float32' ? 2 ** -24 : 2 ** -53;
  const absSum = l.filter(Number.isFinite).reduce((s, v) => s + Math.abs(v), 0);
  const maxFinite = fast.dtype === 'float32' ? 3.4028234663852886e38 : Number.MAX_VALUE;
  // Past this point a partial sum may overflow in one order and not in another; the bound assumes it does not.
  expect(absSum, `${what}: the generator must not make sums that overflow`).toBeLessThan(maxFinite / 2);
  if (l.includes(Infinity) || l.includes(-Infinity)) {
    expect(a, `${what}: an infinite loss dominates any order`).toBe(e);
    return;
  }
  // absSum is itself a float64 sum of n nonnegative terms; (1 + γ_n) covers its own rounding.
  const bound = (2 * gamma(n + 1, u) * absSum * (1 + gamma(n, 2 ** -53))) / (reduction === 'mean' ? n : 1);
  expect(Math.abs(a - e), `${what}: |fast − literal| = |${a} − ${e}| exceeds 2·γ_{n+1}·Σ|l|${reduction === 'mean' ? '/n' : ''} = ${bound} (n=${n})`).toBeLessThanOrEqual(bound);
}

/** Drops ±max finite from a special grid's inputs so reductions of it cannot overflow (see the overflow test below). */
function withoutExtremes(values: number[], dtype: Float): number[] {
  const big = dtype === 'float32' ? 3.4028234663852886e38 : Number.MAX_VALUE;
  return values.map((v) => (Math.abs(v) === big ? 1.5 : v));
}

describe('fast path, reduction none: bit-identical to the literal path', () => {
  describe.each(DTYPES)('%s', (dtype) => {
    it.each(MARGINS)('special grid, margin=%s', (margin) => {
      const { input, label } = specialGrid(dtype, margin);
      expectBitIdentical(hingeEmbeddingLossFast(input, label, margin, 'none'), hingeEmbeddingLoss(input, label, margin, 'none'), `margin=${margin}`);
    });

    it(`${TRIALS} random cases (seed 1000 + trial)`, () => {
      for (let trial = 0; trial < TRIALS; trial++) {
        const { input, label, margin } = randomCase(prng(1000 + trial), dtype);
        const what = `trial ${trial}, seed ${1000 + trial}, shape [${input.shape}], margin ${margin}`;
        expectBitIdentical(hingeEmbeddingLossFast(input, label, margin, 'none'), hingeEmbeddingLoss(input, label, margin, 'none'), what);
      }
    });
  });
});

describe('fast path, gradient: bit-identical to the literal path', () => {
  describe.each(DTYPES)('%s', (dtype) => {
    describe.each(['none', 'mean', 'sum'] as const)('reduction %s', (reduction) => {
      it.each(MARGINS)('special grid, margin=%s, default grad_output', (margin) => {
        const { input, label } = specialGrid(dtype, margin);
        expectBitIdentical(
          hingeEmbeddingLossGradFast(input, label, margin, reduction),
          hingeEmbeddingLossGrad(input, label, margin, reduction),
          `margin=${margin}`,
        );
      });

      it('special grid, special grad_output values', () => {
        const { input, label } = specialGrid(dtype, 1);
        const gs = specialInputs(dtype, 1);
        // Each special upstream value meets every (input, label) pair of the grid.
        const shape = reduction === 'none' ? [...input.shape] : [];
        const n = shape.reduce((a, b) => a * b, 1);
        for (const go of gs.map((v) => tensorOf(new Array<number>(n).fill(v), dtype, shape))) {
          expectBitIdentical(hingeEmbeddingLossGradFast(input, label, 1, reduction, go), hingeEmbeddingLossGrad(input, label, 1, reduction, go), `grad_output ${go.at(0)}`);
        }
      });

      it(`${TRIALS} random cases (seed 2000 + trial)`, () => {
        for (let trial = 0; trial < TRIALS; trial++) {
          const rand = prng(2000 + trial);
          const { input, label, margin } = randomCase(rand, dtype);
          const shape = reduction === 'none' ? [...input.shape] : [];
          const n = shape.reduce((a, b) => a * b, 1);
          const go = rand() < 0.5 ? undefined : tensorOf(Array.from({ length: n }, () => (rand() - 0.5) * 10), dtype, shape);
          const what = `trial ${trial}, seed ${2000 + trial}, shape [${input.shape}], margin ${margin}`;
          expectBitIdentical(hingeEmbeddingLossGradFast(input, label, margin, reduction, go), hingeEmbeddingLossGrad(input, label, margin, reduction, go), what);
        }
      });
    });
  });

  it('a float64 grad_output for float32 input is rounded to float32 as the literal path stores it', () => {
    const input = tensorOf([0.5, -3, 2], 'float32');
    const label = tensorOf([1, -1, -1], 'float32');
    const go = tensorOf([0.1, 0.1, 0.1], 'float64');
    const fast = hingeEmbeddingLossGradFast(input, label, 1, 'none', go);
    expectBitIdentical(fast, hingeEmbeddingLossGrad(input, label, 1, 'none', go), 'float64 grad_output');
    // float32(0.1) = 0.10000000149011612; the third element sits past the margin (1 - 2 < 0), so its gradient is 0.
    expect(Array.from(fast.data)).toEqual([0.10000000149011612, -0.10000000149011612, 0]);
  });
});

describe('fast path, mean and sum: within 2·γ_{n+1}·Σ|l_i| of the literal path', () => {
  describe.each(DTYPES)('%s', (dtype) => {
    describe.each(['mean', 'sum'] as const)('reduction %s', (reduction) => {
      it.each(MARGINS)('special grid, margin=%s', (margin) => {
        const grid = specialGrid(dtype, margin);
        const input = tensorOf(withoutExtremes(Array.from(grid.input.data), dtype), dtype, [...grid.input.shape]);
        const { label } = grid;
        const losses = hingeEmbeddingLoss(input, label, margin, 'none');
        expectWithinBound(hingeEmbeddingLossFast(input, label, margin, reduction), hingeEmbeddingLoss(input, label, margin, reduction), losses, reduction, `margin=${margin}`);
      });

      it(`${TRIALS} random cases (seed 3000 + trial)`, () => {
        for (let trial = 0; trial < TRIALS; trial++) {
          const c = randomCase(prng(3000 + trial), dtype);
          const input = tensorOf(withoutExtremes(Array.from(c.input.data), dtype), dtype, [...c.input.shape]);
          const margin = Math.abs(c.margin) === 1e30 || Math.abs(c.margin) === 1e39 ? 2 : c.margin;
          const losses = hingeEmbeddingLoss(input, c.label, margin, 'none');
          const what = `trial ${trial}, seed ${3000 + trial}, shape [${input.shape}], margin ${margin}`;
          expectWithinBound(hingeEmbeddingLossFast(input, c.label, margin, reduction), hingeEmbeddingLoss(input, c.label, margin, reduction), losses, reduction, what);
        }
      });

      it('a long sum of 100003 elements, where the summation orders really differ', () => {
        const rand = prng(4242);
        const n = 100_003;
        const input = tensorOf(Array.from({ length: n }, () => (rand() - 0.3) * 7), dtype);
        const label = tensorOf(Array.from({ length: n }, () => (rand() < 0.5 ? 1 : -1)), dtype);
        const losses = hingeEmbeddingLoss(input, label, 0.7, 'none');
        expectWithinBound(hingeEmbeddingLossFast(input, label, 0.7, reduction), hingeEmbeddingLoss(input, label, 0.7, reduction), losses, reduction, 'n=100003');
      });
    });
  });

  it('a float32 sum that overflows is +Infinity on both paths', () => {
    const max = 3.4028234663852886e38;
    const input = tensorOf([max, max, 1], 'float32');
    const label = tensorOf([1, 1, 1], 'float32');
    expect(hingeEmbeddingLossFast(input, label, 1, 'sum').at(0)).toBe(Infinity);
    expect(hingeEmbeddingLoss(input, label, 1, 'sum').at(0)).toBe(Infinity);
  });

  it('the documentation example gives float32(2/9) for mean', () => {
    const input = tensorOf([1, -2, 3, 0, -1, 2, 1, 0, 1], 'float32', [3, 3]);
    const label = tensorOf([-1, 1, -1, 1, 1, 1, 1, -1, 1], 'float32', [3, 3]);
    const loss = hingeEmbeddingLossFast(input, label);
    expect(loss.shape).toEqual([]);
    expect(loss.at(0)).toBe(0.2222222238779068);
  });

  it('mean of an empty tensor is NaN and sum is 0, with shape []', () => {
    const empty = tensorOf([], 'float32', [0, 3]);
    expect(hingeEmbeddingLossFast(empty, empty, 1, 'mean').at(0)).toBeNaN();
    expect(hingeEmbeddingLossFast(empty, empty, 1, 'sum').at(0)).toBe(0);
    expect(hingeEmbeddingLossFast(empty, empty, 1, 'sum').shape).toEqual([]);
  });
});

describe('fast path outside the common case: the literal path answers', () => {
  it('a label broadcast against the input gives the literal result', () => {
    const input = tensorOf([0.5, -1, 2, 3, 0.25, -0.5], 'float32', [2, 3]);
    const label = tensorOf([1, -1], 'float32', [2, 1]);
    expectBitIdentical(hingeEmbeddingLossFast(input, label, 1, 'none'), hingeEmbeddingLoss(input, label, 1, 'none'), 'broadcast');
    expectBitIdentical(hingeEmbeddingLossGradFast(input, label, 1, 'mean'), hingeEmbeddingLossGrad(input, label, 1, 'mean'), 'broadcast grad');
  });

  it('a 0-D input gives the literal shape [1] for none', () => {
    const x = tensorOf([0.25], 'float64', []);
    const y = tensorOf([-1], 'float64', []);
    expect(hingeEmbeddingLossFast(x, y, 1, 'none').shape).toEqual([1]);
    expect(Array.from(hingeEmbeddingLossFast(x, y, 1, 'none').data)).toEqual([0.75]);
  });

  it('a bad reduction raises the same ValueError', () => {
    const x = tensorOf([1], 'float32');
    expect(() => hingeEmbeddingLossFast(x, x, 1, 'reduce_mean')).toThrowError(
      expect.objectContaining({
        name: 'ValueError',
        message: "'reduction' in 'hinge_embedding_loss' should be 'sum', 'mean' or 'none', but received reduce_mean.",
      }),
    );
  });

  it('a grad_output of the wrong shape raises the literal path\'s ValueError', () => {
    const x = tensorOf([1, 2], 'float32');
    expect(() => hingeEmbeddingLossGradFast(x, x, 1, 'mean', full([2], 1))).toThrowError(
      expect.objectContaining({ name: 'ValueError', message: 'grad_output has shape [2] but the loss has shape [].' }),
    );
  });

  it('a float16 input raises the literal path\'s RuntimeError', () => {
    const x = new Tensor('float16', [1], new Float32Array([1]));
    expect(() => hingeEmbeddingLossFast(x, x)).toThrowError(expect.objectContaining({ name: 'RuntimeError' }));
  });
});
