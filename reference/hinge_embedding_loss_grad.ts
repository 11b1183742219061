/**
 * The gradient of the hinge embedding loss with respect to `input`, following
 * the backward pass of Paddle's graph
 * `where(label == 1, input, 0) + where(label == -1, relu(margin - input), 0)`
 * step by step. `label` gets no gradient.
 */
import { broadcastIndex, sameShape } from './broadcast.js';
import { PaddleValueError } from './errors.js';
import { checkCall, type HingeEmbeddingLossOptions, type Margin } from './hinge_embedding_loss.js';
import type { Operands } from './hinge_embedding_loss_operands.js';
import { checkReducible, type Reduction } from './reduction.js';
import { full, numel, Tensor } from './tensor.js';
import { dtypeOf, type DType, type Storage } from './dtype.js';
import { labelIs } from './label.js';
import { paddleReleaseBefore } from './release.js';
import { negate } from './x86_nan.js';

/**
 * d loss / d input for `hingeEmbeddingLoss(input, label, margin, reduction)`,
 * given the upstream gradient (ones of the loss's shape by default), with
 * Paddle's parameter order:
 * `hingeEmbeddingLossGrad(input, label, margin = 1.0, reduction = 'mean', gradOutput)`.
 */
export function hingeEmbeddingLossGrad(
  input: Tensor,
  label: Tensor,
  margin: Margin | HingeEmbeddingLossOptions = 1.0,
  reduction: Reduction | string = 'mean',
  gradOutput?: Tensor,
): Tensor {
  const { op, reduction: checked } = checkCall(input, label, margin, reduction, undefined);
  // The forward's reduction runs first and may refuse an empty loss.
  checkReducible(numel(op.shape), checked);
  const upstream = perElementUpstream(op, checked, gradOutput);
  const branches = whereGradients(op, upstream);
  return inputGradient(op, sumToInput(op, branches.positive), sumToInput(op, branches.negative));
}

/**
 * The upstream gradient at each element of the unreduced loss.
 *
 * Rule `mean-grad-divides-by-count`: mean's backward gives every element
 * g / N, rounded once in the dtype (phi mean_all_grad kernel); sum's gives g.
 * Confirmed against Paddle 3.3.1: N = 6 gives float32(-1/6) per element.
 * A grad_output of the wrong shape gets this reference's own ValueError.
 */
function perElementUpstream(op: Operands, reduction: Reduction, gradOutput: Tensor | undefined): Storage {
  const { dtype, shape } = op;
  const n = numel(shape);
  const g = gradOutput ?? full(reduction === 'none' ? shape : [], 1, op.input.dtype);
  const expected = reduction === 'none' ? shape : [];
  if (!sameShape(g.shape, expected)) {
    throw new PaddleValueError(
      `grad_output has shape [${g.shape.join(', ')}] but the loss has shape [${expected.join(', ')}].`,
    );
  }
  const out = dtype.allocate(n);
  const scale = reduction === 'mean' ? dtype.round(n) : 1;
  for (let k = 0; k < n; k++) {
    const gk = g.at(reduction === 'none' ? k : 0);
    dtype.set(out, k, reduction === 'mean' ? dtype.round(gk / scale) : gk);
  }
  return out;
}

/**
 * What each `where` passes back to its tensor operand, at the loss's shape:
 * the upstream gradient where its condition holds, 0 elsewhere. `positive`
 * flows to `input` directly, `negative` to `relu(margin - input)`.
 */
function whereGradients(op: Operands, upstream: Storage): { positive: Storage; negative: Storage } {
  const { label, dtype, shape } = op;
  const labelDtype = dtypeOf(label.dtype);
  const yAt = broadcastIndex(label.shape, shape);
  const positive = dtype.allocate(upstream.length);
  const negative = dtype.allocate(upstream.length);
  for (let k = 0; k < upstream.length; k++) {
    const y = label.at(yAt[k]!);
    const g = dtype.get(upstream, k);
    dtype.set(positive, k, labelIs(y, 1, labelDtype) ? g : 0);
    dtype.set(negative, k, labelIs(y, -1, labelDtype) ? g : 0);
  }
  return { positive, negative };
}

/**
 * Sums a loss-shaped gradient over the broadcast dimensions back to the
 * input's shape, as each `where` operand's backward does.
 *
 * Rule `broadcast-grad-summed-per-branch`: when the input is broadcast
 * against the label, each `where` branch's gradient is summed back to the
 * input's shape on its own and only then are the two sums added. Adding per
 * element first and summing once can differ in the last bit: input [0.3],
 * label [1,-1,-1,1,-1,1,1], margin 0.7, mean gives 4g − 3g = 0x3e124924 in
 * Paddle (g = float32(1/7)), not 0x3e124925 (confirmed against Paddle 3.3.1).
 * Each branch is summed one element at a time in column-major order (the
 * loss's first dimension fastest), not in row-major order and not as
 * paddle.sum would: input [[0]] against label ones([2, 3]), 'none', upstream
 * [[0, a, b], [0, a, b]] (a = 0x3ee5dbae, b = 0x3fb1c8a6) gives 0 + 0 + a + a
 * + b + b = 0x406b3f91, where row-major order and paddle.sum give 0x406b3f92
 * (Paddle 3.3.1, found by fuzzing; column-major order also matched random
 * float32 upstreams for [1,1,1], [1,3,1], [1,1,4], [3,1] and [4] against
 * [2,3,4], and [1] and [1,1] against [5,7] and [7,9]).
 */
function sumToInput(op: Operands, grads: Storage): Storage {
  const { input, dtype, shape } = op;
  if (sameShape(input.shape, shape)) return grads;
  if (paddleReleaseBefore('3.0.0')) return legacySumToInput(op, grads);
  const out = dtype.allocate(input.size);
  const seen = new Uint8Array(input.size);
  const xAt = broadcastIndex(input.shape, shape);
  for (const k of columnMajorOrder(shape)) accumulate(out, seen, xAt[k]!, dtype.get(grads, k), dtype);
  return out;
}

/**
 * Rule `broadcast-grad-summed-per-branch` before Paddle 3.0.0: `where`
 * broadcast its operands by adding zeros (operands.ts), so each branch's
 * gradient reached the input through add's backward, which sums a broadcast
 * operand's gradient in row-major order from +0 (the CPU element-wise
 * backward, as margin_ranking_loss_grad.ts reads it). Confirmed against
 * Paddle 2.6.2: input [[0]] against label ones([2, 3]), upstream
 * [[0, a, b], [0, a, b]] gives 0x406b3f92 (3.675755023956299), where later
 * releases give 0x406b3f91.
 */
function legacySumToInput(op: Operands, grads: Storage): Storage {
  const { input, dtype, shape } = op;
  const out = dtype.allocate(input.size);
  const xAt = broadcastIndex(input.shape, shape);
  for (let k = 0; k < grads.length; k++) dtype.set(out, xAt[k]!, dtype.round(dtype.get(out, xAt[k]!) + dtype.get(grads, k)));
  return out;
}

/**
 * The row-major indices of a shape's elements in column-major order: the
 * first dimension varies fastest. `where`'s backward sums a broadcast
 * operand's gradient in this order (rule `broadcast-grad-summed-per-branch`).
 */
function columnMajorOrder(shape: readonly number[]): number[] {
  const n = numel(shape);
  const order = new Array<number>(n);
  const index = shape.map(() => 0);
  const strides = shape.map((_, d) => numel(shape.slice(d + 1)));
  for (let j = 0; j < n; j++) {
    order[j] = index.reduce((at, i, d) => at + i * strides[d]!, 0);
    for (let d = 0; d < shape.length; d++) {
      if (++index[d]! < shape[d]!) break;
      index[d] = 0;
    }
  }
  return order;
}

function accumulate(out: Storage, seen: Uint8Array, i: number, v: number, dtype: DType): void {
  dtype.set(out, i, seen[i] ? dtype.round(dtype.get(out, i) + v) : v);
  seen[i] = 1;
}

/**
 * The input's gradient from the two branches, both at the input's shape.
 *
 * Rule `relu-grad-zero-at-boundary`: relu's backward is `dout * (out > 0)`,
 * a product with a 0/1 mask, so margin - x == 0 and NaN x give +0 for a
 * finite upstream gradient (phi ReluGradFunctor; confirmed against Paddle
 * 3.3.1). PyTorch gives -1 at the boundary. Being a product, it gives NaN
 * where the upstream gradient reaching relu is NaN or ±inf even though relu
 * is inactive there: input [1, 2, 0.5] with label -1, margin 1 and upstream
 * NaN gives [NaN, NaN, NaN], upstream inf gives [NaN, NaN, -inf] (Paddle
 * 3.3.1, float32 and float64; found by fuzzing). subtract's backward for
 * `margin - input` gives -1 · dout + 0, never -0, and the two branches'
 * gradients are then added, so an upstream -0 under label 1 gives +0:
 * input [0, 0, 2, 0, -0] with labels [1, -1, -1, 0, 1] and upstream -0 gives
 * +0 everywhere (Paddle 3.3.1, found by fuzzing in --bitwise mode).
 */
function inputGradient(op: Operands, positive: Storage, negative: Storage): Tensor {
  const { input, dtype, margin } = op;
  const out = dtype.allocate(input.size);
  // A str or bool margin makes `margin - input` a subtraction of tensors
  // (an int or float one a scale), whose backward is -dout with no + 0:
  // label 1 and upstream -0 then keep -0 (margin '0.5' or True, input [0]:
  // -0 in Paddle 3.3.1, where 0.5 and 1 give +0; found by fuzzing in
  // --bitwise mode).
  const fromRelu = op.marginSubtracts ? (v: number) => -v : (v: number) => negate(v) + 0;
  for (let i = 0; i < input.size; i++) {
    const reluPasses = dtype.round(margin - input.at(i)) > 0;
    const fromNegative = fromRelu(dtype.get(negative, i) * (reluPasses ? 1 : 0));
    dtype.set(out, i, dtype.round(dtype.get(positive, i) + fromNegative));
  }
  return new Tensor(input.dtype, input.shape, out);
}

