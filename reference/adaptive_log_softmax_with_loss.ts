/**
 * paddle.nn.functional.adaptive_log_softmax_with_loss(input, label, head_weight, tail_weights, cutoffs,
 * head_bias=None, name=None) → (output, loss), since Paddle 3.0.0.
 *
 * The page: the head scores the shortlist (classes below cutoffs[0]) and one entry per cluster; a label in
 * cluster i (cutoffs[i−1] ≤ y < cutoffs[i]) adds the cluster's own log-softmax over (x·P_i)·O_i
 * (tail_weights[i−1] = [P_i, O_i]) to the head's log-probability of that cluster. output[r] is the row's
 * log-probability of its label, loss = mean(−output). A 0-D label takes a 1-D input.
 *
 * Paddle's source (python/paddle/nn/functional/loss.py) computes it as
 *
 *     label rank 1: input [N, F] with N = label's length (ValueError); rank 0: input 1-D; else ValueError
 *     output = zeros([N]); gather_inds = empty([N])
 *     for each bucket i of [0, *cutoffs] (rows whose label lies in it, in row order):
 *         i = 0: gather_inds = scatter_nd(rows, labels, [N])
 *         else: z = linear(linear(input[rows], P_i), O_i); gather_inds[rows] = cutoffs[0] + i − 1
 *               output[rows] = take_along_axis(log_softmax(z), label − cutoffs[i−1])
 *     rows covered ≠ N: ValueError naming label.min() and label.max()
 *     output += take_along_axis(log_softmax(linear(input, head_weight, head_bias)), gather_inds)
 *     loss = mean(−output)
 *
 * Rule `adaptive-single-row-bucket`: before Paddle 3.1.1 a cluster holding exactly one row squeezes its row
 * indices to a 0-D tensor, and index_select refuses it (ValueError); a 0-D label always does (3.0.0, 3.1.0).
 * Rule `adaptive-head-width-unchecked`: the head's width is never checked against cutoffs[0] + clusters;
 * extra columns take part in the head's log-softmax. The last cutoff is the class count: labels at or past
 * it are counted in no bucket.
 */
import { dtypeOf } from './dtype.js';
import { PaddleValueError } from './errors.js';
import { logSoftmaxRows } from './kernels/log_softmax.js';
import { matmulValues } from './kernels/matmul.js';
import { eigenMean } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { Tensor } from './tensor.js';

/** The function's tensors; `tail_weights` is the list of [projection, output] pairs. */
export interface AdaptiveLogSoftmaxTensors {
  input: Tensor;
  label: Tensor;
  head_weight: Tensor;
  tail_weights: Tensor[][];
  /** Absent is Python's None. */
  head_bias?: Tensor;
}

const INDEX_NOT_1D = "(InvalidArgument) The 'shape' of Input(Index) must be 1-D tensor. But received: the 'shape' of Input(Index) is [], the dimension of Input(Index) is [0].";

/** The forward: [output, loss] as Paddle 3.3.1 returns them. */
export function adaptiveLogSoftmaxWithLoss(tensors: AdaptiveLogSoftmaxTensors, cutoffs: readonly number[]): [Tensor, Tensor] {
  const { input, label } = tensors;
  const batched = label.shape.length === 1;
  if (batched) {
    const tolerant = !paddleReleaseBefore('3.1.1');
    if (input.shape[0] !== label.shape[0] && !(tolerant && label.shape[0] === 0)) throw new PaddleValueError('Input and label should have the same size in the batch dimension.');
    if (input.shape.length !== 2) throw new PaddleValueError(`1D label tensor expects 2D input tensors, but found inputs with size [${input.shape.join(', ')}]`);
  } else if (label.shape.length === 0) {
    if (input.shape.length !== 1) throw new PaddleValueError(`0D label tensor expects 1D input tensors, but found inputs with size [${input.shape.join(', ')}]`);
  } else {
    throw new PaddleValueError('0D or 1D label tensor expected, multi-label not supported');
  }
  const x = batched ? input : new Tensor(input.dtype, [1, ...input.shape], input.data);
  const labels = Array.from({ length: label.size }, (_, r) => label.at(r));
  const n = labels.length;
  const d = dtypeOf(x.dtype);
  const f = x.shape[1]!;
  const output = d.allocate(n);
  const gather = new Array<number>(n).fill(0);
  const bounds = [0, ...cutoffs];
  let used = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [low, high] = [bounds[i]!, bounds[i + 1]!];
    const rows = labels.flatMap((y, r) => (y >= low && y < high ? [r] : []));
    // Rule adaptive-single-row-bucket: nonzero().squeeze() of one row is 0-D, which older index_select refuses.
    if (rows.length === 1 && paddleReleaseBefore('3.1.1') && (i > 0 || !batched)) throw new PaddleValueError(INDEX_NOT_1D);
    if (rows.length === 0) continue;
    if (i === 0) {
      for (const r of rows) gather[r] = labels[r]!;
    } else {
      const [proj, out] = tensors.tail_weights[i - 1]!;
      const picked = d.allocate(rows.length * f);
      rows.forEach((r, k) => { for (let c = 0; c < f; c++) d.set(picked, k * f + c, x.at(r * f + c)); });
      const subset = new Tensor(x.dtype, [rows.length, f], picked);
      const z = logSoftmaxRows(matmulValues(matmulValues(subset, proj!), out!));
      const width = z.shape[1]!;
      rows.forEach((r, k) => {
        gather[r] = cutoffs[0]! + i - 1;
        // output * (scatter == 0) + scatter: a −0 log-probability leaves +0.
        d.set(output, r, d.round(0 + z.at(k * width + labels[r]! - low)));
      });
    }
    used += rows.length;
  }
  if (used !== n) {
    const [min, max] = [Math.min(...labels), Math.max(...labels)];
    throw new PaddleValueError(`label values should be in [0, n_classes - 1], but values in range [${min}, ${max}] were found. `);
  }
  let head = matmulValues(x, tensors.head_weight);
  if (tensors.head_bias) {
    const b = tensors.head_bias;
    const h = head.shape[1]!;
    const biased = d.allocate(head.size);
    for (let k = 0; k < head.size; k++) d.set(biased, k, d.round(head.at(k) + b.at(k % h)));
    head = new Tensor(head.dtype, head.shape, biased);
  }
  const lp = logSoftmaxRows(head);
  const hw = lp.shape[1]!;
  if (n > 0) for (let r = 0; r < n; r++) d.set(output, r, d.round(output[r]! + lp.at(r * hw + gather[r]!)));
  const negated = d.allocate(n);
  for (let r = 0; r < n; r++) d.set(negated, r, -output[r]!);
  const loss = d.allocate(1);
  d.set(loss, 0, eigenMean(negated, d));
  return [new Tensor(x.dtype, batched ? [n] : [], output), new Tensor(x.dtype, [], loss)];
}
