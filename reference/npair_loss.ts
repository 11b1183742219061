/**
 * paddle.nn.functional.npair_loss(anchor, positive, labels, l2_reg=0.002)
 *
 * The documentation page: "an L2 regularizer on the embedding vector" plus "cross entropy loss which takes the
 * similarity matrix of anchor and positive as logits", anchor and positive [batch_size, embedding_dims] of float32
 * or float64, labels [batch_size] of float32, float64 or int64, a 0-D result of anchor's dtype. Functional only.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py; the same source in every release from 2.6.2) as
 *
 *     t = equal(tile(reshape(labels, [N, 1]), [1, N]), its transpose).astype('float32')
 *     t = t / sum(t, axis=1, keepdim=True)
 *     l2loss = (mean(sum(square(anchor), 1)) + mean(sum(square(positive), 1))) * 0.25 * l2_reg
 *     ce = softmax_with_cross_entropy(matmul(anchor, positive, transpose_y=True), t, soft_label=True)
 *     return l2loss + mean(sum(t * ce, 0))
 *
 * Rule `npair-float32-only`: the soft label t is float32 whatever the operands, and the kernel wants it in the
 * logits' dtype, so float64 operands (which the page lists) raise ValueError; the source's dtype checks run in static
 * graphs only, so any label dtype is compared (bool, int32, float16 too) and integer operands reach the kernel
 * (RuntimeError), float16, bfloat16 and bool ones square's (RuntimeError); tile refuses bfloat16
 * labels, and before Paddle 3.0.0 float16 ones (RuntimeError).
 * Rule `npair-labels-equal-within-tolerance`: labels are classes by paddle.equal (equal-float-tolerance): float labels
 * closer than 1e-15 (1e-8 before Paddle 3.1.0) are one class, and a NaN label is in no class, not even its own, so its
 * row of t is 0 / 0 and the loss NaN.
 * Rule `npair-l2-reg-is-a-python-operand`: l2_reg meets a 0-D tensor by Tensor.__mul__: a number is scale's factor,
 * a bool or str is filled in by full (a str read by C++); None raises TypeError (ValueError before 3.0.0). In Paddle
 * 3.3.1 __mul__ declines a str, so Python repeats it int(l2loss · 0.25) times (ValueError for NaN, OverflowError for
 * inf) and `str + celoss` reads that string: the l2 term is the string's number, with no gradient.
 * Rule `npair-empty-operands-refused`: an empty anchor, then an empty positive, raise ValueError before anything.
 */
import { dtypeOf } from './dtype.js';
import { kernelNotRegistered, PaddleError, PaddleIndexError, PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { add } from './kernels/add.js';
import { cast } from './kernels/cast.js';
import { crossEntropyWithSoftmax } from './kernels/cross_entropy_with_softmax.js';
import { divideOperator } from './kernels/divide.js';
import { equal } from './kernels/equal.js';
import { full } from './kernels/full.js';
import { matmulTransposeY } from './kernels/matmul.js';
import { mean } from './kernels/mean.js';
import { multiplyOperator } from './kernels/multiply.js';
import { reshape } from './kernels/reshape.js';
import { scale, scaleByFloat } from './kernels/scale.js';
import { square } from './kernels/square.js';
import { sumAlongAxis, sumAlongFirstAxis } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { paddleReleaseBefore, paddleReleaseIs } from './release.js';
import { full as filled, Tensor } from './tensor.js';

/** npair_loss's tensors, by Paddle's parameter names. */
export interface NpairLossTensors {
  anchor: Tensor;
  positive: Tensor;
  labels: Tensor;
}

/** npair_loss's keyword arguments as a caller passes them (Python values). */
export interface NpairLossOptions {
  l2_reg?: unknown;
}

/** npair_loss's forward: the 0-D loss. */
export function npairLoss(tensors: NpairLossTensors, options: NpairLossOptions = {}): Tensor {
  return onTape(new Tape(), tensors, options, []).loss.value;
}

/** npair_loss's gradients with respect to anchor and positive (those `wanted`, stop_gradient=False), for upstream `gradOutput` (1 by default). */
export function npairLossGrad(tensors: NpairLossTensors, options: NpairLossOptions = {}, gradOutput?: Tensor, wanted: readonly string[] = ['anchor', 'positive']): { anchor: Tensor | undefined; positive: Tensor | undefined } {
  const tape = new Tape();
  const { loss, a, p } = onTape(tape, tensors, options, wanted);
  const grads = tape.backward(loss, gradOutput ?? filled([], 1, loss.value.dtype));
  return { anchor: grads.get(a.id), positive: grads.get(p.id) };
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, { anchor, positive, labels }: NpairLossTensors, options: NpairLossOptions, wanted: readonly string[]): { loss: Var; a: Var; p: Var } {
  // Rule `npair-empty-operands-refused`.
  if (anchor.size === 0) throw new PaddleValueError('The dims of anchor should be greater than 0.');
  if (positive.size === 0) throw new PaddleValueError('The dims of positive should be greater than 0.');
  const l2Reg = 'l2_reg' in options ? options.l2_reg : 0.002;
  const a = tape.leaf(anchor, wanted.includes('anchor'));
  const p = tape.leaf(positive, wanted.includes('positive'));
  // labels.shape[0] of a 0-D tensor is Python's IndexError.
  if (labels.shape.length === 0) throw new PaddleIndexError('list index out of range');
  const n = labels.shape[0]!;
  const column = reshape(tape, tape.leaf(labels), [n, 1]);
  // tile has no bfloat16 kernel, and before Paddle 3.0.0 no float16 one (Paddle 2.6.2: float16 labels raise there).
  if (labels.dtype === 'bfloat16' || (labels.dtype === 'float16' && paddleReleaseBefore('3.0.0'))) {
    throw kernelNotRegistered('tile', labels.dtype, paddleReleaseBefore('3.0.0') ? 'int32, int64, float64, complex128, float32, complex64, bool' : 'int16, float64, complex128, float16, int32, uint8, float32, complex64, bool, int64, int8');
  }
  const tiled = tape.leaf(labelGrid(column.value, (k) => Math.floor(k / n)));
  const transposed = tape.leaf(labelGrid(column.value, (k) => k % n));
  // Rule `npair-labels-equal-within-tolerance`.
  const same = cast(tape, equal(tape, tiled, transposed), 'float32');
  const t = divideOperator(tape, same, reshape(tape, sumAlongAxis(tape, same, 1), [n, 1]));
  const l2 = add(tape, mean(tape, rowSumOfSquares(tape, a)), mean(tape, rowSumOfSquares(tape, p)));
  const l2Term = times(tape, scaleByFloat(tape, l2, 0.25, 0), l2Reg);
  if (a.value.shape.length !== 2 || p.value.shape.length !== 2) {
    throw new PaddleValueError(`(InvalidArgument) npair_loss's logits of anchor [${anchor.shape.join(', ')}] and positive [${positive.shape.join(', ')}] do not meet the soft label [${n}, ${n}]`);
  }
  // Rule `npair-float32-only`: the float32 soft label meets logits of the operands' dtype.
  const logits = matmulTransposeY(tape, a, p);
  const ce = crossEntropyWithSoftmax(tape, logits, t, { softLabel: true, useSoftmax: true, ignoreIndex: -100, axis: -1 }).loss;
  const celoss = mean(tape, sumAlongFirstAxis(tape, multiplyOperator(tape, t, ce)));
  return { loss: typeof l2Term === 'string' ? add(tape, celoss, full(tape, [], l2Term, celoss.value.dtype)) : add(tape, l2Term, celoss), a, p };
}

/** tile(labels, [1, N]) (row i all labels[i]) or its transpose (row i the labels): element k is labels[index(k)]. */
function labelGrid(labels: Tensor, index: (k: number) => number): Tensor {
  const d = dtypeOf(labels.dtype);
  const out = d.allocate(labels.size * labels.size);
  for (let k = 0; k < out.length; k++) d.set(out, k, labels.at(index(k)));
  return new Tensor(labels.dtype, [labels.size, labels.size], out);
}

/** paddle.sum(paddle.square(x), 1): a rank below 2 has no axis 1 (ValueError). */
function rowSumOfSquares(tape: Tape, x: Var): Var {
  const squared = square(tape, x);
  const rank = x.value.shape.length;
  if (rank < 2) {
    throw new PaddleValueError(`(InvalidArgument) The reduce dim index 0 should be in the range [ -dimension(X), dimension(X) ) which dimension = ${rank}. But received dim index = 1.`);
  }
  return rank === 2 ? sumAlongAxis(tape, squared, 1) : squared;
}

/** Rule `npair-l2-reg-is-a-python-operand`: `l2loss * l2_reg` as Tensor.__mul__ takes a Python value (a str in 3.3.1: the string Python makes). */
function times(tape: Tape, x: Var, l2Reg: unknown): Var | string {
  if (typeof l2Reg === 'number' || typeof l2Reg === 'bigint') return scale(tape, x, Number(l2Reg), 0);
  if (typeof l2Reg === 'string' && paddleReleaseIs('3.3.1')) return repeated(l2Reg, x.value.at(0));
  if (typeof l2Reg === 'boolean' || typeof l2Reg === 'string') return multiplyOperator(tape, x, full(tape, [], l2Reg, x.value.dtype));
  // A list passes __mul__ (Python repeats it int(l2loss · 0.25) times) and fails at `+ celoss`.
  const [op, arg] = Array.isArray(l2Reg) ? ['__add__', 'list'] : ['__mul__', pythonTypeName(l2Reg)];
  const text = `${op}(): argument (position 1) must be int, float, bool or Tensor, but got ${arg}`;
  throw paddleReleaseBefore('3.0.0') ? new PaddleValueError(`(InvalidArgument) ${text}`) : new PaddleTypeError(`(InvalidType) ${text}`);
}

/** `s * int(v)`: Python's repetition by the 0-D tensor's __index__ (truncation; NaN and inf refused). */
function repeated(s: string, v: number): string {
  if (Number.isNaN(v)) throw new PaddleValueError('cannot convert float NaN to integer');
  if (!Number.isFinite(v)) throw new PaddleError('OverflowError', 'cannot convert float infinity to integer');
  // C++ reads a number off the front of the string: past 400 copies no read changes (an all-digit string has overflowed).
  return s.repeat(Math.max(0, Math.min(Math.trunc(v), 400)));
}
