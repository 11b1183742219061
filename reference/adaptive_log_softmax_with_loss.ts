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
 * Rule `adaptive-single-row-bucket`: before Paddle 3.1.1 a bucket holding exactly one row squeezes its row
 * indices to a 0-D tensor: the shortlist's unsqueeze(1) refuses it, a cluster's index_select too (ValueError),
 * so a batch of one or a 0-D label always raises (3.0.0, 3.1.0).
 * Rule `adaptive-head-width-unchecked`: the head's width is never checked against cutoffs[0] + clusters;
 * extra columns take part in the head's log-softmax. Rule `adaptive-last-cutoff-is-class-count`: the last
 * cutoff is the class count (the layer appends n_classes); a label at or past it, or below 0, is counted in no
 * bucket, and the count check raises. (output · (scatter == 0) + scatter turns a one-class cluster's −0
 * log-probability into +0, which the head's term then decides: no rule.) Rule `adaptive-empty-label-passes`:
 * since Paddle 3.1.1 an empty label passes the batch check, whatever the input's batch.
 */
import { PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { add } from './kernels/add.js';
import { gather } from './kernels/gather.js';
import { indexSample } from './kernels/index_sample.js';
import { logSoftmax, logSoftmaxRows } from './kernels/log_softmax.js';
import { matmul, matmulValues } from './kernels/matmul.js';
import { mean } from './kernels/mean.js';
import { multiplyOperator } from './kernels/multiply.js';
import { squeeze, unsqueeze } from './kernels/reshape.js';
import { scale } from './kernels/scale.js';
import { scatterNdAdd } from './kernels/scatter_nd_add.js';
import { Tape, type Var } from './kernels/tape.js';
import { paddleReleaseBefore } from './release.js';
import { full, Tensor } from './tensor.js';

/** The function's tensors; `tail_weights` is the list of [projection, output] pairs. */
export interface AdaptiveLogSoftmaxTensors {
  input: Tensor;
  label: Tensor;
  head_weight: Tensor;
  tail_weights: Tensor[][];
  /** Absent is Python's None. */
  head_bias?: Tensor;
}

/** The gradients the tensors can get, by name; a tail weight by its key `tail_weights.<i>.<j>`. */
export type AdaptiveLogSoftmaxGrads = Record<string, Tensor>;

/** The value kernels the transcription runs: Paddle's, or another port's (the mutants' rule alternatives). */
export interface AdaptiveKernels {
  readonly matmul: (a: Tensor, b: Tensor, transA?: boolean, transB?: boolean) => Tensor;
  readonly logSoftmax: (x: Tensor) => Tensor;
}

/** Paddle's matmul and log_softmax. */
export const PADDLE_KERNELS: AdaptiveKernels = { matmul: matmulValues, logSoftmax: logSoftmaxRows };

const UNSQUEEZE_0D = '(InvalidArgument) The insert dimension value should not be larger than the dimension size of input tensor';
const INDEX_NOT_1D = "(InvalidArgument) The 'shape' of Input(Index) must be 1-D tensor. But received: the 'shape' of Input(Index) is [], the dimension of Input(Index) is [0].";

/** The forward: [output, loss] as Paddle 3.3.1 returns them. */
export function adaptiveLogSoftmaxWithLoss(tensors: AdaptiveLogSoftmaxTensors, cutoffs: readonly number[], kernels: AdaptiveKernels = PADDLE_KERNELS): [Tensor, Tensor] {
  const { output, loss } = onTape(new Tape(), tensors, cutoffs, [], kernels).result;
  return [output.value, loss.value];
}

/**
 * The gradients of the tensors named in `wanted` (`input`, `head_weight`, `head_bias`, `tail_weights.<i>.<j>`)
 * for upstream gradients of [output, loss] (null: the backward does not go through it); both absent: ones
 * through both. Rule `adaptive-backward-from-both-outputs`: the engine starts from both outputs together.
 */
export function adaptiveLogSoftmaxWithLossGrad(tensors: AdaptiveLogSoftmaxTensors, cutoffs: readonly number[], wanted: readonly string[], upstream?: ReadonlyArray<Tensor | null>, kernels: AdaptiveKernels = PADDLE_KERNELS): AdaptiveLogSoftmaxGrads {
  const tape = new Tape();
  const { result, leaves } = onTape(tape, tensors, cutoffs, wanted, kernels);
  const outs = [result.output, result.loss];
  const seeds = outs.map((o, i) => (upstream ? upstream[i] ?? null : full(o.value.shape, 1, o.value.dtype)));
  const root = tape.record(full([], 0, result.loss.value.dtype), outs, () => seeds);
  const grads = tape.backward(root, full([], 1, result.loss.value.dtype));
  return Object.fromEntries(wanted.flatMap((name) => {
    const g = leaves[name] && grads.get(leaves[name].id);
    return g ? [[name, g]] : [];
  }));
}

/**
 * paddle.nn.AdaptiveLogSoftmaxWithLoss(in_features, n_classes, cutoffs, …): the constructor's check of cutoffs
 * (sorted, positive, below n_classes, unique, integers; min() of none raises ValueError too). Its parameters are
 * drawn at random, so the reference builds none.
 */
export class AdaptiveLogSoftmaxWithLoss {
  /** Checks the arguments as Paddle's constructor does. */
  constructor(options: Record<string, unknown>) {
    const cutoffs = (options.cutoffs ?? []) as number[];
    const classes = options.n_classes as number;
    if (cutoffs.length === 0) throw new PaddleValueError('min() arg is an empty sequence');
    const sorted = cutoffs.every((c, i) => i === 0 || cutoffs[i - 1]! <= c);
    if (!sorted || Math.min(...cutoffs) <= 0 || Math.max(...cutoffs) > classes - 1 || new Set(cutoffs).size !== cutoffs.length || cutoffs.some((c) => !Number.isInteger(c))) {
      throw new PaddleValueError('cutoffs should be a sequence of unique, positive integers sorted in an increasing order, where each value is between 1 and n_classes-1');
    }
  }
}

/** The transcription of Paddle's source on a tape; `wanted` names the leaves that need a gradient. */
function onTape(tape: Tape, tensors: AdaptiveLogSoftmaxTensors, cutoffs: readonly number[], wanted: readonly string[], k: AdaptiveKernels): { result: { output: Var; loss: Var }; leaves: Record<string, Var> } {
  const { input, label } = tensors;
  const batched = label.shape.length === 1;
  // The input's shape prints as paddle.Size([…]) since Paddle 3.3.0.
  const size = paddleReleaseBefore('3.3.0') ? `[${input.shape.join(', ')}]` : `paddle.Size([${input.shape.join(', ')}])`;
  if (batched) {
    const tolerant = !paddleReleaseBefore('3.1.1');
    if (input.shape[0] !== label.shape[0] && !(tolerant && label.shape[0] === 0)) throw new PaddleValueError('Input and label should have the same size in the batch dimension.');
    if (input.shape.length !== 2) throw new PaddleValueError(`1D label tensor expects 2D input tensors, but found inputs with size ${size}`);
  } else if (label.shape.length === 0) {
    if (input.shape.length !== 1) throw new PaddleValueError(`0D label tensor expects 1D input tensors, but found inputs with size ${size}`);
  } else {
    throw new PaddleValueError('0D or 1D label tensor expected, multi-label not supported');
  }
  const leaf = (name: string, t: Tensor): Var => tape.leaf(t, wanted.includes(name));
  const leaves: Record<string, Var> = { input: leaf('input', input), head_weight: leaf('head_weight', tensors.head_weight) };
  if (tensors.head_bias) leaves.head_bias = leaf('head_bias', tensors.head_bias);
  tensors.tail_weights.forEach((pair, i) => pair.forEach((t, j) => (leaves[`tail_weights.${i}.${j}`] = leaf(`tail_weights.${i}.${j}`, t))));
  if (!Array.isArray(cutoffs)) throw new PaddleTypeError(`Value after * must be an iterable, not ${pythonTypeName(cutoffs)}`);
  const x = batched ? leaves.input! : unsqueeze(tape, leaves.input!, 0);
  const labels = Array.from({ length: label.size }, (_, r) => label.at(r));
  const n = labels.length;
  const dtype = x.value.dtype;
  const zeros = (): Var => tape.leaf(full([n], 0, dtype));
  let output = zeros();
  const gatherInds = new Array<number>(n).fill(0);
  const bounds = [0, ...cutoffs];
  let used = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [low, high] = [bounds[i]!, bounds[i + 1]!];
    const rows = labels.flatMap((y, r) => (y >= low && y < high ? [r] : []));
    // Rule adaptive-single-row-bucket: nonzero().squeeze() of one row is 0-D, which older index_select refuses.
    if (rows.length === 1 && paddleReleaseBefore('3.1.1')) throw new PaddleValueError(i === 0 ? UNSQUEEZE_0D : INDEX_NOT_1D);
    if (rows.length === 0) continue;
    if (i === 0) {
      for (const r of rows) gatherInds[r] = labels[r]!;
    } else {
      const subset = gather(tape, x, new Tensor('int64', [rows.length], Float64Array.from(rows)));
      const cluster = matmul(tape, matmul(tape, subset, leaves[`tail_weights.${i - 1}.0`]!, k.matmul), leaves[`tail_weights.${i - 1}.1`]!, k.matmul);
      for (const r of rows) gatherInds[r] = cutoffs[0]! + i - 1;
      const relative = new Tensor('int64', [rows.length, 1], Float64Array.from(rows, (r) => labels[r]! - low));
      const local = squeeze(tape, indexSample(tape, logSoftmax(tape, cluster, k.logSoftmax), relative), 1);
      const scattered = scatterNdAdd(tape, zeros(), rows, local);
      // output * (scatter_output == 0).astype('float32') + scatter_output
      const mask = tape.leaf(new Tensor('float32', [n], Float32Array.from(Array.from({ length: n }, (_, r) => (scattered.value.at(r) === 0 ? 1 : 0)))));
      output = add(tape, multiplyOperator(tape, output, mask), scattered);
    }
    used += rows.length;
  }
  if (used !== n) {
    const [min, max] = [Math.min(...labels), Math.max(...labels)];
    throw new PaddleValueError(`label values should be in [0, n_classes - 1], but values in range [${min}, ${max}] were found. `);
  }
  let head = matmul(tape, x, leaves.head_weight!, k.matmul);
  if (leaves.head_bias) head = add(tape, head, leaves.head_bias);
  const headLogprob = logSoftmax(tape, head, k.logSoftmax);
  if (n > 0) output = add(tape, output, squeeze(tape, indexSample(tape, headLogprob, new Tensor('int64', [n, 1], Float64Array.from(gatherInds)))));
  const loss = mean(tape, scale(tape, output, -1, 0));
  return { result: { output: batched ? output : squeeze(tape, output, 0), loss }, leaves };
}
