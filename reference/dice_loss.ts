/**
 * paddle.nn.functional.dice_loss(input, label, epsilon=1e-05, name=None)
 *
 * The documentation page:
 *
 *     dice_loss = 1 − 2 · intersection_area / total_area
 *
 * with input [N_1, …, N_k, D] (rank ≥ 2, float32 or float64, "usually the output predictions of sigmoid"), label
 * [N_1, …, N_k, 1] of int32 or int64 class indices, epsilon "added to the numerator and denominator", and a 0-D
 * result of input's dtype. Functional only.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py) as
 *
 *     label = one_hot(squeeze(label, [-1]), input.shape[-1])          # float32
 *     inse = sum(input * label, axis=[1, …, k])
 *     dice_denominator = sum(input, axis=[1, …, k]) + sum(label, axis=[1, …, k])
 *     dice_score = 1 − inse * 2 / (dice_denominator + epsilon)
 *     return mean(dice_score)
 *
 * Rule `dice-score-per-sample-then-mean`: one score per sample of the first axis, averaged; the sums run over every
axis but the batch's (the page says neither), and an empty batch is the mean of nothing, NaN (since Paddle 3.1.1).
 *
 * Rule `dice-epsilon-in-denominator-only`: epsilon is added to the denominator alone, not to the numerator as the
 * page says; it reaches Tensor.__add__, so a float or int is scale's bias (in the sum's dtype, float32 before Paddle
 * 3.0.0), a bool or a str is filled in by full (a str read as phi's Scalar: '0.5' is 0.5, 'a' 0, 'True' 1), and
 * None or a list raise TypeError (ValueError before 3.0.0).
 * Rule `dice-python-asserts`: the source's asserts, in order: input float32 or float64, label int32 or int64 (both
 * with no message), input rank ≥ 2, equal ranks, label's last dimension 1, equal leading dimensions; before Paddle
 * 3.1.1 an empty input or label too ("Any dimension of input and label cannot be equal to 0."), and before 3.0.0 squeeze's
kernel a label of rank above 6 (ValueError).
 */
import { PaddleAssertionError, PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { add } from './kernels/add.js';
import { divideOperator } from './kernels/divide.js';
import { full } from './kernels/full.js';
import { mean } from './kernels/mean.js';
import { multiplyOperator } from './kernels/multiply.js';
import { oneHot } from './kernels/one_hot.js';
import { scale } from './kernels/scale.js';
import { sumOverTrailingAxes } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { paddleReleaseBefore } from './release.js';
import { full as filled, Tensor } from './tensor.js';

/** dice_loss's tensors, by Paddle's parameter names. */
export interface DiceLossTensors {
  input: Tensor;
  label: Tensor;
}

/** dice_loss's keyword arguments as a caller passes them (Python values). */
export interface DiceLossOptions {
  epsilon?: unknown;
  name?: unknown;
}

/** dice_loss's forward: the 0-D mean of the per-sample dice scores. */
export function diceLoss(tensors: DiceLossTensors, options: DiceLossOptions = {}): Tensor {
  return onTape(new Tape(), tensors, options, false).loss.value;
}

/** dice_loss's gradient with respect to input (the class indices have none), for upstream `gradOutput` (1 by default). */
export function diceLossGrad(tensors: DiceLossTensors, options: DiceLossOptions = {}, gradOutput?: Tensor): { input: Tensor | undefined } {
  const tape = new Tape();
  const { loss, x } = onTape(tape, tensors, options, true);
  return { input: tape.backward(loss, gradOutput ?? filled([], 1, loss.value.dtype)).get(x.id) };
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, { input, label }: DiceLossTensors, options: DiceLossOptions, needsGrad: boolean): { loss: Var; x: Var } {
  checkOperands(input, label);
  const epsilon = 'epsilon' in options ? options.epsilon : 1e-5;
  const x = tape.leaf(input, needsGrad);
  // paddle.squeeze(label, [-1]): the same indices without the trailing 1; before Paddle 3.0.0 its kernel refused a
  // rank above 6 (Paddle 2.6.2: label [2, 2, 1, 2, 3, 1, 1]), part of rule `dice-python-asserts`.
  if (label.shape.length > 6 && paddleReleaseBefore('3.0.0')) {
    throw new PaddleValueError(`(InvalidArgument) The dimensions of Input(X) should be in the range of [1, 6] (Eigen limit).But received X's dimensions = ${label.shape.length}, X's shape = [${label.shape.join(', ')}].`);
  }
  const indices = tape.leaf(new Tensor(label.dtype, label.shape.slice(0, -1), label.data));
  const oneHotLabel = oneHot(tape, indices, input.shape[input.shape.length - 1]!);
  const inse = sumOverTrailingAxes(tape, multiplyOperator(tape, x, oneHotLabel));
  const denominator = add(tape, sumOverTrailingAxes(tape, x), sumOverTrailingAxes(tape, oneHotLabel));
  const score = scale(tape, divideOperator(tape, scale(tape, inse, 2, 0), plusEpsilon(tape, denominator, epsilon)), -1, 1);
  return { loss: mean(tape, score), x };
}

/** Rule `dice-python-asserts`: the source's asserts, in its order. */
function checkOperands(input: Tensor, label: Tensor): void {
  const check = (ok: boolean, message: string): void => {
    if (!ok) throw new PaddleAssertionError(message);
  };
  check(input.dtype === 'float32' || input.dtype === 'float64', '');
  check(label.dtype === 'int32' || label.dtype === 'int64', '');
  const [xs, ys] = [input.shape, label.shape];
  check(xs.length >= 2, 'The rank of input should be greater than or equal to 2.');
  check(xs.length === ys.length, `The rank of input and label should be equal, but received input: ${xs.length}, label: ${ys.length}.`);
  check(ys[ys.length - 1] === 1, `The last dimension of label should be 1, but received ${ys[ys.length - 1]}.`);
  check(xs.slice(0, -1).every((v, i) => v === ys[i]), 'All dimensions should be equal except the last one.');
  check(!paddleReleaseBefore('3.1.1') || (input.size > 0 && label.size > 0), 'Any dimension of input and label cannot be equal to 0.');
}

/** Rule `dice-epsilon-in-denominator-only`: `dice_denominator + epsilon`, as Tensor.__add__ takes a Python value. */
function plusEpsilon(tape: Tape, x: Var, epsilon: unknown): Var {
  if (typeof epsilon === 'number' || typeof epsilon === 'bigint') return scale(tape, x, 1, Number(epsilon));
  if (typeof epsilon === 'boolean' || typeof epsilon === 'string') return add(tape, x, full(tape, x.value.shape, epsilon, x.value.dtype));
  const text = `__add__(): argument (position 1) must be int, float, bool or Tensor, but got ${pythonTypeName(epsilon)}`;
  throw paddleReleaseBefore('3.0.0') ? new PaddleValueError(`(InvalidArgument) ${text}`) : new PaddleTypeError(`(InvalidType) ${text}`);
}
