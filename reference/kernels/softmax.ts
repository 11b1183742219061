/**
 * Paddle's CPU softmax (phi::SoftmaxKernel → funcs::SoftmaxFunctor, paddle/phi/kernels/funcs/softmax_impl.h,
 * cpu_vec.h) along one axis: the tensor seen as [n, axis_dim, remain], each (row, remain) column's values
 * shifted by their maximum, clipped, exponentiated and scaled by the reciprocal of their sum. Its only caller
 * here is the fused cross_entropy_with_softmax kernel, whose backward never runs softmax's own.
 *
 * Rule `softmax-shift-clipped-at-64`: the shifted logit x − max is clipped from below at −64 before exp
 * (ValueClip, vec_clip), so no class gets less than e^−64 / Σ, and −log of a softmax is at most about
 * 64 + log C: logits [0, 1000] give the first class a loss of 64, not 1000.
 *
 * Rule `softmax-avx-rows`: when the axis is the last one (remain 1) the AVX path runs row by row:
 * max = std::max_element (the first maximum; a NaN first element is kept, a later NaN is passed over),
 * x + (max · −1); the clip in whole 8-lane blocks is _mm256_max_ps(x, −64), which turns a NaN into −64,
 * and x < −64 ? −64 : x in the tail (NaN kept); float32 rows shorter than 128 take glibc's expf per element,
 * longer ones MKL's vsExp, float64 rows MKL's vdExp (both taken here as the correctly rounded exp); the sum in
 * float32 of 8 lanes added packet by packet from 0, folded as ((l0+l1)+(l4+l5)) + ((l2+l3)+(l6+l7)), then
 * the tail one by one (a row shorter than 8, and float64, left to right from its first element); then
 * y · (1 / sum).
 *
 * Rule `softmax-eigen-columns`: along any other axis the Eigen expression runs: the maximum of each column
 * (scalar, NaN passed over), x − max clipped at −64 (NaN kept), Eigen's exp on whole packets of the
 * flattened tensor and the C library's on the tail (paddle.exp's split), the column's sum from +0 in order,
 * its reciprocal, the product.
 */
import { dtypeOf, type DType } from '../dtype.js';
import { libmExp, libmExpFloat, paddleExp } from '../elementary.js';
import { Tensor } from '../tensor.js';
import { addKeepingFirstNaN, mulKeepingFirstNaN } from '../x86_nan.js';

/** The [n, axis_dim, remain] view of a tensor along an axis, as phi's SizeToAxis/SizeFromAxis give it. */
export interface AxisView {
  readonly n: number;
  readonly axisDim: number;
  readonly remain: number;
}

/** The canonical axis (a negative axis counts from the end) and the [n, axis_dim, remain] view. */
export function axisView(shape: readonly number[], axis: number): AxisView & { axis: number } {
  const a = axis < 0 ? axis + shape.length : axis;
  const prod = (s: readonly number[]): number => s.reduce((p, v) => p * v, 1);
  return { axis: a, n: prod(shape.slice(0, a)), axisDim: shape[a]!, remain: prod(shape.slice(a + 1)) };
}

/** The shift's floor: shifted logits below −64 become −64. */
const CLIP = -64;

/** Paddle's softmax of a float32 or float64 tensor along `axis`. */
export function softmaxValues(x: Tensor, axis: number): Tensor {
  const d = dtypeOf(x.dtype);
  const v = axisView(x.shape, axis);
  const out = d.allocate(x.size);
  if (x.size > 0) {
    if (v.remain === 1) for (let i = 0; i < v.n; i++) avxRow(x, i * v.axisDim, v.axisDim, d, out);
    else eigenColumns(x, v, d, out);
  }
  return new Tensor(x.dtype, x.shape, out);
}

/** One row of the AVX path (remain 1). */
function avxRow(x: Tensor, start: number, c: number, d: DType, out: ReturnType<DType['allocate']>): void {
  const f32 = d.name === 'float32';
  let max = x.at(start);
  for (let j = 1; j < c; j++) if (max < x.at(start + j)) max = x.at(start + j);
  const bias = mulKeepingFirstNaN(max, -1, d);
  const blocked = f32 && c >= 8 ? c - (c % 8) : 0;
  const y = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    const s = addKeepingFirstNaN(x.at(start + j), bias, d);
    // _mm256_max_ps(s, -64) answers its second operand when s is NaN; the scalar tail keeps the NaN.
    const clipped = j < blocked ? (s > CLIP ? s : CLIP) : s < CLIP ? CLIP : s;
    y[j] = f32 ? (c < 128 ? libmExpFloat(clipped) : mklExp(clipped)) : libmExp(clipped);
  }
  const sum = f32 && c >= 8 ? laneSum(y, d) : y.reduce((acc, t, j) => (j === 0 ? t : addKeepingFirstNaN(acc, t, d)), 0);
  const inv = d.round(1 / sum);
  for (let j = 0; j < c; j++) d.set(out, start + j, mulKeepingFirstNaN(y[j]!, inv, d));
}

/**
 * MKL's vsExp (VML's high-accuracy mode), taken as the correctly rounded exp: it differs by an ulp on about 1% of arguments.
 * Computed as float32(glibc's exp), fast: Math.exp and glibc's exp are each within an ulp of e^x in float64, so they lie
 * within 2^-51 of each other; where every float64 within 2^-50 of Math.exp's value rounds to one float32, glibc's does
 * too, and only an argument whose exp is that close to a float32 tie pays for libmExp (40× slower: 8 rows of 151,936
 * classes took seconds).
 */
export function mklExp(x: number): number {
  const e = Math.exp(x);
  const low = Math.fround(e * (1 - 2 ** -50));
  return low === Math.fround(e * (1 + 2 ** -50)) ? low : Math.fround(libmExp(x));
}

/** vec_sum<float, avx>: 8 lanes accumulated from 0, folded by hadd and a half swap, then the tail in order. */
function laneSum(y: Float64Array, d: DType): number {
  const lanes = [0, 0, 0, 0, 0, 0, 0, 0];
  const end = y.length - (y.length % 8);
  for (let j = 0; j < end; j += 8) for (let l = 0; l < 8; l++) lanes[l] = addKeepingFirstNaN(lanes[l]!, y[j + l]!, d);
  const add = (a: number, b: number): number => addKeepingFirstNaN(a, b, d);
  let s = add(add(add(lanes[0]!, lanes[1]!), add(lanes[4]!, lanes[5]!)), add(add(lanes[2]!, lanes[3]!), add(lanes[6]!, lanes[7]!)));
  for (let j = end; j < y.length; j++) s = add(s, y[j]!);
  return s;
}

/** The Eigen path (remain > 1): column maxima, the clipped shift, exp over the flattened tensor, column sums. */
function eigenColumns(x: Tensor, v: AxisView, d: DType, out: ReturnType<DType['allocate']>): void {
  const dtype = d.name === 'float64' ? 'float64' : 'float32';
  const at = (i: number, j: number, r: number): number => (i * v.axisDim + j) * v.remain + r;
  for (let i = 0; i < v.n; i++) {
    for (let r = 0; r < v.remain; r++) {
      let max = -Infinity;
      for (let j = 0; j < v.axisDim; j++) if (max < x.at(at(i, j, r))) max = x.at(at(i, j, r));
      for (let j = 0; j < v.axisDim; j++) {
        const s = d.round(x.at(at(i, j, r)) - max);
        d.set(out, at(i, j, r), s < CLIP ? CLIP : s);
      }
    }
  }
  for (let k = 0; k < x.size; k++) d.set(out, k, d.round(paddleExp(out[k]!, dtype, k, x.size)));
  for (let i = 0; i < v.n; i++) {
    for (let r = 0; r < v.remain; r++) {
      let sum = 0;
      for (let j = 0; j < v.axisDim; j++) sum = addKeepingFirstNaN(sum, out[at(i, j, r)]!, d);
      const inv = d.round(1 / sum);
      for (let j = 0; j < v.axisDim; j++) d.set(out, at(i, j, r), mulKeepingFirstNaN(out[at(i, j, r)]!, inv, d));
    }
  }
}
