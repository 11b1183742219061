/**
 * A fused fast path for the common case of the loss: input and label of the
 * same shape, float32 or float64 input, no broadcasting.
 *
 * The literal reading (hinge_embedding_loss.ts) stays the documentation of
 * record: it transcribes Paddle's source over the kernel layer and is what
 * the suite's rules cite. This module computes the same function in one
 * pass over the data without a tape, index arrays, dtype objects or an
 * unreduced loss, so that large tensors cost little more than reading them:
 *
 * - `none` and the gradient are bit-identical to the literal path: each
 *   element goes through the same operations with the same roundings
 *   (`Math.fround` at each step for float32).
 * - `mean` and `sum` add the same per-element losses in a different order
 *   (two interleaved lanes per block, float32 losses added in float64 within
 *   a block, blocks added pairwise in the dtype). Both are within
 *   γ_{n-1}·Σ|l_i| of the exact sum, so the two paths differ by at most
 *   2·γ_{n+1}·Σ|l_i| (÷n for mean), where
 *   γ_k = k·u / (1 − k·u) and u is the dtype's unit roundoff. Paddle's own
 *   CPU kernel adds in a tree order too (Eigen), so neither path is Paddle's
 *   order; the suite compares reductions within such a bound.
 *
 * It is a separate export rather than a dispatch inside `hingeEmbeddingLoss`
 * so that the public function stays the literal reading, line for line, and
 * every result the suite reports is attributable to it. Any call outside the
 * common case (broadcasting, a 0-D input, other dtypes) falls back to the
 * literal path, so the fast functions accept exactly the same calls and
 * raise exactly the same errors.
 */
import { sameShape } from './broadcast.js';
import { dtypeOf, type Storage } from './dtype.js';
import { negate } from './x86_nan.js';
import { hingeEmbeddingLoss, hingeEmbeddingLossGrad, lossArguments, type HingeEmbeddingLossOptions, type Margin } from './hinge_embedding_loss.js';
import { meanOfSum, REDUCTIONS, type Reduction } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { isTensor, Tensor } from './tensor.js';

/** Elements summed per block before blocks are added pairwise; small enough to stay in cache-friendly strides. */
const BLOCK = 4096;

/**
 * The loss, as `hingeEmbeddingLoss` with the same arguments computes it, in
 * one fused pass when input and label share a float32 or float64 shape.
 */
export function hingeEmbeddingLossFast(
  input: Tensor,
  label: Tensor,
  margin: Margin | HingeEmbeddingLossOptions = 1.0,
  reduction: Reduction | string = 'mean',
  name?: string,
): Tensor {
  const call = commonCall(input, label, margin, reduction);
  if (call === undefined) return hingeEmbeddingLoss(input, label, margin, reduction, name);
  const { m, reduction: checked } = call;
  const f32 = input.dtype === 'float32';
  const x = input.data as Float32Array | Float64Array;
  const y = label.data;
  if (checked === 'none') {
    const out = f32 ? lossNone32(x as Float32Array, y, m) : lossNone64(x as Float64Array, y, m);
    return new Tensor(input.dtype, input.shape, out);
  }
  const total = f32 ? lossSum32(x as Float32Array, y, m, 0, x.length) : lossSum64(x as Float64Array, y, m, 0, x.length);
  // Since Paddle 3.1.0 (the fast path's releases) an empty mean is NaN and an empty sum +0.
  const value = checked === 'sum' ? total : meanOfSum(total, x.length, dtypeOf(input.dtype));
  const data = f32 ? new Float32Array(1) : new Float64Array(1);
  data[0] = value;
  return new Tensor(input.dtype, [], data);
}

/**
 * d loss / d input, as `hingeEmbeddingLossGrad` with the same arguments
 * computes it, in one pass and without materialising the upstream gradient.
 */
export function hingeEmbeddingLossGradFast(
  input: Tensor,
  label: Tensor,
  margin: Margin | HingeEmbeddingLossOptions = 1.0,
  reduction: Reduction | string = 'mean',
  gradOutput?: Tensor,
): Tensor {
  const call = commonCall(input, label, margin, reduction);
  const expected = call?.reduction === 'none' ? input.shape : [];
  if (call === undefined || (gradOutput !== undefined && !sameShape(gradOutput.shape, expected))) {
    // The literal path raises every error, the shape error of a bad grad_output included.
    return hingeEmbeddingLossGrad(input, label, margin, reduction, gradOutput);
  }
  const { m, reduction: checked } = call;
  const f32 = input.dtype === 'float32';
  const x = input.data as Float32Array | Float64Array;
  const out = f32 ? new Float32Array(x.length) : new Float64Array(x.length);
  if (checked === 'none' && gradOutput !== undefined) {
    if (f32) grad32(x as Float32Array, label.data, m, gradOutput.data, out as Float32Array);
    else grad64(x as Float64Array, label.data, m, gradOutput.data, out as Float64Array);
  } else {
    const g = scalarUpstream(f32, checked, gradOutput, x.length);
    if (f32) gradScalar32(x as Float32Array, label.data, m, g, out as Float32Array);
    else gradScalar64(x as Float64Array, label.data, m, g, out as Float64Array);
  }
  return new Tensor(input.dtype, input.shape, out);
}

/**
 * The margin in the input's dtype and the reduction of a call in the common
 * case, or undefined outside it: a valid reduction, float32 or float64 input
 * and a label of the same shape with at least one dimension (a 0-D pair
 * broadcasts to [1]), a Python float or int margin (`scale`'s, rounded to the
 * dtype; a str or bool margin's subtraction keeps an upstream -0 that scale's
 * + 0 clears), and Paddle 3.1.0 or later (the kernels compare labels with
 * that release's tolerance, slot()).
 */
function commonCall(input: unknown, label: unknown, margin: unknown, reduction: unknown): { m: number; reduction: Reduction } | undefined {
  const args = lossArguments(margin, reduction, undefined);
  if (!isTensor(input) || !isTensor(label) || paddleReleaseBefore('3.1.0')) return undefined;
  if (typeof args.reduction !== 'string' || !(REDUCTIONS as readonly string[]).includes(args.reduction)) return undefined;
  if (typeof args.margin !== 'number' && typeof args.margin !== 'bigint') return undefined;
  if ((input.dtype !== 'float32' && input.dtype !== 'float64') || input.shape.length === 0 || !sameShape(input.shape, label.shape)) return undefined;
  return { m: dtypeOf(input.dtype).round(Number(args.margin)), reduction: args.reduction as Reduction };
}

function roundTo(f32: boolean, v: number): number {
  return f32 ? Math.fround(v) : v;
}

/**
 * The one upstream value every element receives when it is the same for all:
 * g / N rounded once for mean, g for sum, 1 for `none` without grad_output
 * (as the literal path's mean backward and its upstream in the input's dtype give it).
 */
function scalarUpstream(f32: boolean, reduction: Reduction, gradOutput: Tensor | undefined, n: number): number {
  const g = gradOutput === undefined ? 1 : gradOutput.at(0);
  if (reduction === 'mean') return roundTo(f32, g / roundTo(f32, n));
  return roundTo(f32, g);
}

// The kernels below are written out once per dtype so that each stays
// monomorphic (one typed-array kind, one rounding) and V8 compiles it to
// straight-line float arithmetic. Per element they compute what
// the literal path computes:
//   loss = round((y == 1 ? x : 0) + (y == -1 ? relu(round(m - x)) : 0))
//   grad = round((y == 1 ? g : 0) + (y == -1 && round(m - x) > 0 ? g : 0) * -1)
// but choose among the three outcomes (0, the label-1 value, the label-(-1)
// value) by indexing a three-slot table instead of branching: V8 turns a
// data-dependent `?:` into a jump, and random ±1 labels mispredict half of
// them, which costs more than the rest of the element's work. Slot 0 always
// holds +0. Each sum lane has its own table so the lanes stay independent.

/** Scratch tables for the branch-free choice: lane 0 at [0, 4), lane 1 at [4, 8). */
const pick = new Float64Array(8);

/**
 * Which slot holds an element's result: 1 when y is 1, 2 when y is -1 and
 * the relu passes (d > 0, false for NaN), else 0.
 *
 * "y is ±1" is Paddle's float `equal` (kernels/equal.ts): |y ∓ 1| < 1e-15. For a
 * float32, int or bool label only ±1 itself is that close, so the test is
 * exact there; for float64 it admits the four ulps either side, as Paddle does.
 */
function slot(y: number, d: number): number {
  return +(Math.abs(y - 1) < 1e-15) | ((+(Math.abs(y + 1) < 1e-15) & +(d > 0)) << 1);
}

function lossNone32(x: Float32Array, y: Storage, m: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let k = 0; k < x.length; k++) {
    const xk = x[k]!;
    const d = Math.fround(m - xk);
    pick[1] = xk;
    pick[2] = d;
    // `+ 0` is the literal path's addition of the other branch's zero; it turns -0 into +0.
    out[k] = pick[slot(y[k]!, d)]! + 0;
  }
  return out;
}

function lossNone64(x: Float64Array, y: Storage, m: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) {
    const xk = x[k]!;
    const d = m - xk;
    pick[1] = xk;
    pick[2] = d;
    out[k] = pick[slot(y[k]!, d)]! + 0;
  }
  return out;
}

/**
 * Float32 sum of the losses of elements [lo, hi): blocks of BLOCK elements
 * added pairwise, each block summed by blockSum32.
 */
function lossSum32(x: Float32Array, y: Storage, m: number, lo: number, hi: number): number {
  if (hi - lo <= BLOCK) return blockSum32(x, y, m, lo, hi);
  const mid = lo + Math.ceil((hi - lo) / BLOCK / 2) * BLOCK;
  return Math.fround(lossSum32(x, y, m, lo, mid) + lossSum32(x, y, m, mid, hi));
}

/** Float64 sum of the losses of elements [lo, hi), in the same order as lossSum32. */
function lossSum64(x: Float64Array, y: Storage, m: number, lo: number, hi: number): number {
  if (hi - lo <= BLOCK) return blockSum64(x, y, m, lo, hi);
  const mid = lo + Math.ceil((hi - lo) / BLOCK / 2) * BLOCK;
  return lossSum64(x, y, m, lo, mid) + lossSum64(x, y, m, mid, hi);
}

/**
 * Float32 sum of the losses of at most BLOCK elements in two interleaved
 * lanes. Each loss is the literal path's float32 value; the lanes add them in
 * float64 and the block sum is rounded to float32 once. That keeps the
 * float32 rounding off the loop-carried chain (about 1.5× faster at N = 1e7)
 * and stays inside the bound: a float64 sum of B float32 values, rounded
 * once, is within u·|s| + γ_B(float64)·Σ|l| of the exact sum, far below
 * γ_{n-1}(float32)·Σ|l|. The literal `+ 0` is left out: the lanes start at
 * +0, and adding -0 instead of +0 to a sum that is never -0 changes nothing.
 * A separate, non-recursive function so that V8 optimises the loop on its own.
 */
function blockSum32(x: Float32Array, y: Storage, m: number, lo: number, hi: number): number {
  let a0 = 0;
  let a1 = 0;
  let k = lo;
  for (; k + 1 < hi; k += 2) {
    const x0 = x[k]!;
    const d0 = Math.fround(m - x0);
    pick[1] = x0;
    pick[2] = d0;
    a0 += pick[slot(y[k]!, d0)]!;
    const x1 = x[k + 1]!;
    const d1 = Math.fround(m - x1);
    pick[5] = x1;
    pick[6] = d1;
    a1 += pick[4 + slot(y[k + 1]!, d1)]!;
  }
  if (k < hi) {
    const d0 = Math.fround(m - x[k]!);
    pick[1] = x[k]!;
    pick[2] = d0;
    a0 += pick[slot(y[k]!, d0)]!;
  }
  return Math.fround(a0 + a1);
}

/** Float64 sum of the losses of at most BLOCK elements, as blockSum32 without the roundings to float32. */
function blockSum64(x: Float64Array, y: Storage, m: number, lo: number, hi: number): number {
  let a0 = 0;
  let a1 = 0;
  let k = lo;
  for (; k + 1 < hi; k += 2) {
    const x0 = x[k]!;
    const d0 = m - x0;
    pick[1] = x0;
    pick[2] = d0;
    a0 += pick[slot(y[k]!, d0)]!;
    const x1 = x[k + 1]!;
    const d1 = m - x1;
    pick[5] = x1;
    pick[6] = d1;
    a1 += pick[4 + slot(y[k + 1]!, d1)]!;
  }
  if (k < hi) {
    const d0 = m - x[k]!;
    pick[1] = x[k]!;
    pick[2] = d0;
    a0 += pick[slot(y[k]!, d0)]!;
  }
  return a0 + a1;
}

/**
 * Which slot of a gradient table holds an element's result: slot() plus slot
 * 3 for label -1 where the relu is inactive (d > 0 fails, also for NaN), whose
 * gradient is (g · 0) · -1: +0 for a finite g, NaN for a NaN or infinite g
 * (rule `relu-grad-zero-at-kink`: relu's backward is a product with its
 * mask). Slot 0 (any other label) is +0 whatever g is: `where` selects.
 */
function gradSlot(y: number, d: number): number {
  const isNeg = +(Math.abs(y + 1) < 1e-15);
  return +(Math.abs(y - 1) < 1e-15) | (isNeg << 1) | (isNeg & +!(d > 0));
}

/** The gradient table: +0, the label-1 value, the active label-(-1) value, the inactive label-(-1) value. */
const gradPick = new Float64Array(4);

/** The gradient with one upstream value per element (reduction `none` with grad_output). */
function grad32(x: Float32Array, y: Storage, m: number, g: Storage, out: Float32Array): void {
  for (let k = 0; k < x.length; k++) {
    // Storing grad_output into the input's dtype rounds it, as perElementUpstream does.
    const gk = Math.fround(g[k]!);
    gradPick[1] = gk + 0;
    // negate, not `* -1`: x86's multiply keeps a NaN's sign bit, which V8's `* -1` may flip.
    gradPick[2] = 0 + negate(gk);
    gradPick[3] = 0 + negate(gk * 0);
    out[k] = gradPick[gradSlot(y[k]!, Math.fround(m - x[k]!))]!;
  }
}

function grad64(x: Float64Array, y: Storage, m: number, g: Storage, out: Float64Array): void {
  for (let k = 0; k < x.length; k++) {
    const gk = g[k]!;
    gradPick[1] = gk + 0;
    gradPick[2] = 0 + negate(gk);
    gradPick[3] = 0 + negate(gk * 0);
    out[k] = gradPick[gradSlot(y[k]!, m - x[k]!)]!;
  }
}

/** The gradient when every element receives the same upstream value g. */
function gradScalar32(x: Float32Array, y: Storage, m: number, g: number, out: Float32Array): void {
  gradPick[1] = g + 0;
  gradPick[2] = 0 + negate(g);
  gradPick[3] = 0 + negate(g * 0);
  for (let k = 0; k < x.length; k++) out[k] = gradPick[gradSlot(y[k]!, Math.fround(m - x[k]!))]!;
}

function gradScalar64(x: Float64Array, y: Storage, m: number, g: number, out: Float64Array): void {
  gradPick[1] = g + 0;
  gradPick[2] = 0 + negate(g);
  gradPick[3] = 0 + negate(g * 0);
  for (let k = 0; k < x.length; k++) out[k] = gradPick[gradSlot(y[k]!, m - x[k]!)]!;
}
