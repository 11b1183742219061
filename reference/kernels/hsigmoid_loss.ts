/**
 * Paddle's CPU `hsigmoid_loss` kernel and its backward (phi/kernels/cpu/hsigmoid_loss_kernel.cc,
 * hsigmoid_loss_grad.h, funcs/matrix_bit_code.{h,cc}), one fused kernel over a code table:
 *
 *     default tree: c = label[i] + num_classes; path length FindLastSet(c) − 1; node j is (c >> (j + 1)) − 1, its bit c & (1 << j)
 *     custom tree:  node j is path_table[i, j] up to its first negative entry, its bit path_code[i, j] ≠ 0
 *     pre[i, j] = 0 (+ bias[node]) + DOT(weight[node], input[i]) for j on the path, 0 beyond it (L = the widest path)
 *     pre = clip(pre, −40, 40);  out[i] = −1 · Σ_{j: bit} pre[i, j]  (left to right from +0)
 *     pre = log(1 + exp(pre)) over the whole [N, L] matrix;  out[i] = Σ_j pre[i, j] + out[i]
 *
 * Rule `hsigmoid-padding-adds-log-2`: the L − length slots beyond a shorter path stay 0, and their
 * log(1 + exp(0)) = log 2 is summed too (the source's TODO "Subtract the out of path's loss"): a non-power-of-two
 * num_classes or a padded custom path adds log 2 per missing node. Rule `hsigmoid-softrelu-eigen-packets`: the
 * softrelu is one Eigen expression over the flattened [N, L] matrix: whole packets of 8 (float32) or 4 (float64)
 * take Eigen's polynomial exp and log, the rest the C library's. Rule `hsigmoid-dot-mkl-order`: DOT is MKL's
 * cblas_sdot/ddot, whose lane order follows the length and the rows' alignment (Paddle 3.3.1: ±2^25 among ones
 * over 3 to 64 features matched no single order), so the reference sums left to right and the result is bounded
 * for more than two features. Rule `hsigmoid-grad-ignores-clip`: the backward is from the softrelu output alone,
 *
 *     g[i, j] = ((1 − 1 / VEXP(pre[i, j])) − bit) · dout[i]   (MKL's vsExp/vdExp, the 1 a double)
 *     bias[node] += g;  weight[node] += g · input[i] (AXPY, samples in order, nodes ascending);  input[i] += g · weight[node]
 *
 * with no subgradient of the clip (the source's TODO): a pre-activation past ±40 still gets σ − bit.
 * The result does not depend on the thread count (OMP_NUM_THREADS and MKL_NUM_THREADS 1 and 2 gave the same
 * bits on [64, 300] · 999 classes and [200, 33] · 6,625, Paddle 3.3.1).
 */
import { dtypeOf, type DType } from '../dtype.js';
import { eigenExpDouble, eigenExpFloat, libmExp, libmExpFloat, libmLog, libmLogFloat, packetSize } from '../elementary.js';
import { eigenLogDouble, eigenLogFloat } from '../eigen_log.js';
import { Tensor } from '../tensor.js';
import { addKeepingFirstNaN, mulKeepingFirstNaN } from '../x86_nan.js';
import { mklExp } from './softmax.js';

/** Each row's path: its nodes (weight rows) and bits, root last as Paddle stores them. */
export interface CodeTable {
  readonly width: number;
  readonly nodes: number[][];
  readonly bits: boolean[][];
}

/** A tensor of the dtype from values already rounded to it. */
function tensorOf(like: Tensor, shape: readonly number[], values: Float64Array): Tensor {
  const d = dtypeOf(like.dtype);
  const data = d.allocate(values.length);
  values.forEach((v, i) => d.set(data, i, v));
  return new Tensor(like.dtype, shape, data);
}

/** FindLastSet: the 1-based index of the highest set bit, 0 for 0. */
const findLastSet = (x: number): number => (x <= 0 ? 0 : Math.floor(Math.log2(x)) + 1);

/** SimpleCodeTable over the first N labels (read flat) or CustomCodeTable over path_table and path_code. */
export function codeTable(labels: Tensor, n: number, numClasses: number, pathTable?: Tensor, pathCode?: Tensor): CodeTable {
  const nodes: number[][] = [];
  const bits: boolean[][] = [];
  const width = pathTable ? pathTable.shape[1] ?? 0 : findLastSet(numClasses - 1);
  for (let i = 0; i < n; i++) {
    if (pathTable && pathCode) {
      const row = Array.from({ length: width }, (_, j) => pathTable.at(i * width + j));
      const length = row.findIndex((v) => v < 0);
      nodes.push(row.slice(0, length < 0 ? width : length));
      bits.push(nodes[i]!.map((_, j) => pathCode.at(i * width + j) !== 0));
    } else {
      const c = labels.at(i) + numClasses;
      const length = findLastSet(c) - 1;
      nodes.push(Array.from({ length }, (_, j) => Math.floor(c / 2 ** (j + 1)) - 1));
      bits.push(Array.from({ length }, (_, j) => Math.floor(c / 2 ** j) % 2 === 1));
    }
  }
  return { width, nodes, bits };
}

/** Left-to-right dot product from +0 (rule hsigmoid-dot-mkl-order: MKL's own order is not reproduced). */
export function dotLeftToRight(a: Tensor, aRow: number, b: Tensor, bRow: number, k: number, d: DType): number {
  let acc = 0;
  for (let t = 0; t < k; t++) acc = addKeepingFirstNaN(acc, mulKeepingFirstNaN(a.at(aRow * k + t), b.at(bRow * k + t), d), d);
  return acc;
}

/** What a port may do otherwise (the mutants): the dot product, the clip's bound, the clip's subgradient, the softrelu's packets. */
export interface HsigmoidKernels {
  readonly dot: typeof dotLeftToRight;
  readonly clip: number;
  readonly clipGrad: boolean;
  readonly packets: boolean;
}

/** Paddle's. */
export const PADDLE_HSIGMOID: HsigmoidKernels = { dot: dotLeftToRight, clip: 40, clipGrad: false, packets: true };

/** The forward: out [N, 1] and the softrelu matrix pre_out [N, L] the backward reads. */
export function hsigmoidLossForward(x: Tensor, w: Tensor, table: CodeTable, bias?: Tensor, k: HsigmoidKernels = PADDLE_HSIGMOID): { out: Tensor; pre: Float64Array; clipped: Uint8Array } {
  const d = dtypeOf(x.dtype);
  const [n, features, width] = [table.nodes.length, x.shape[1] ?? 0, table.width];
  const pre = new Float64Array(n * width);
  const out = new Float64Array(n);
  const clipped = new Uint8Array(n * width);
  for (let i = 0; i < n; i++) {
    table.nodes[i]!.forEach((node, j) => {
      const b = bias ? addKeepingFirstNaN(0, bias.at(node), d) : 0;
      const v = addKeepingFirstNaN(b, k.dot(w, node, x, i, features, d), d);
      // ClipFunctor(−40, 40): x < min ? min : x > max ? max : x, so NaN passes.
      pre[i * width + j] = v < -k.clip ? -k.clip : v > k.clip ? k.clip : v;
      clipped[i * width + j] = v < -k.clip || v > k.clip ? 1 : 0;
    });
    let sm = 0;
    table.bits[i]!.forEach((bit, j) => { if (bit) sm = addKeepingFirstNaN(sm, pre[i * width + j]!, d); });
    out[i] = -sm;
  }
  // Rule hsigmoid-softrelu-eigen-packets: (1 + exp(pre)).log() over the flattened matrix.
  const whole = k.packets ? pre.length - (pre.length % packetSize(d.name)) : 0;
  const f32 = d.name === 'float32';
  for (let e = 0; e < pre.length; e++) {
    const [exp, log] = e < whole ? (f32 ? [eigenExpFloat, eigenLogFloat] : [eigenExpDouble, eigenLogDouble]) : f32 ? [libmExpFloat, libmLogFloat] : [libmExp, libmLog];
    const v = pre[e]!;
    // A NaN stays itself in the tail; a packet's plog turns it into 0xffffffff (eigenLogFloat's PACKET_LOG_NAN).
    const r = v !== v ? (e < whole ? log(v) : v) : log(d.round(1 + d.round(exp(v))));
    pre[e] = r !== r ? r : d.round(r);
  }
  // RowwiseSum from 0, then sum + out (rule hsigmoid-padding-adds-log-2: every slot of the row).
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < width; j++) s = addKeepingFirstNaN(s, pre[i * width + j]!, d);
    out[i] = addKeepingFirstNaN(s, out[i]!, d);
  }
  return { out: tensorOf(x, [n, 1], out), pre, clipped };
}

/** The backward for upstream `dout` [N, 1]: the gradients of input, weight and (given) bias. */
export function hsigmoidLossBackward(x: Tensor, w: Tensor, table: CodeTable, forward: { pre: Float64Array; clipped: Uint8Array }, dout: Tensor, bias?: Tensor, k: HsigmoidKernels = PADDLE_HSIGMOID): { input: Tensor; weight: Tensor; bias?: Tensor } {
  const pre = forward.pre;
  const d = dtypeOf(x.dtype);
  const [n, features, width] = [table.nodes.length, x.shape[1] ?? 0, table.width];
  const vexp = d.name === 'float32' ? mklExp : libmExp;
  const g = pre.map((v) => d.round(1 - d.round(1 / d.round(vexp(v)))));
  for (let i = 0; i < n; i++) {
    table.bits[i]!.forEach((bit, j) => { if (bit) g[i * width + j] = d.round(g[i * width + j]! - 1); });
    if (k.clipGrad) for (let j = 0; j < width; j++) if (forward.clipped[i * width + j]) g[i * width + j] = 0;
    for (let j = 0; j < width; j++) g[i * width + j] = mulKeepingFirstNaN(g[i * width + j]!, d.round(dout.at(i)), d);
  }
  const gx = new Float64Array(x.size);
  const gw = new Float64Array(w.size);
  const gb = bias ? new Float64Array(bias.size) : undefined;
  const byNode = new Map<number, Array<[number, number]>>();
  for (let i = 0; i < n; i++) {
    table.nodes[i]!.forEach((node, j) => {
      const gij = g[i * width + j]!;
      if (gb) gb[node] = addKeepingFirstNaN(gb[node]!, gij, d);
      byNode.set(node, [...(byNode.get(node) ?? []), [i, gij]]);
      for (let t = 0; t < features; t++) gx[i * features + t] = addKeepingFirstNaN(gx[i * features + t]!, mulKeepingFirstNaN(gij, w.at(node * features + t), d), d);
    });
  }
  // MulGradWeight: a std::map, so nodes ascending; each node's samples in order, AXPY w += g · x.
  for (const node of [...byNode.keys()].sort((a, b) => a - b)) {
    for (const [i, gij] of byNode.get(node)!) {
      for (let t = 0; t < features; t++) gw[node * features + t] = addKeepingFirstNaN(gw[node * features + t]!, mulKeepingFirstNaN(gij, x.at(i * features + t), d), d);
    }
  }
  return { input: tensorOf(x, x.shape, gx), weight: tensorOf(w, w.shape, gw), ...(gb && bias && { bias: tensorOf(bias, bias.shape, gb) }) };
}
