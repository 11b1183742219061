/**
 * paddle.nn.functional.softmax_with_cross_entropy(logits, label, soft_label=False, ignore_index=-100,
 * numeric_stable_mode=True, return_softmax=False, axis=-1)
 *
 * The documentation page: the loss of a hard label is −logits[label] + log Σ exp(logits), of a soft label
 * −Σ label · (logits − log Σ exp(logits)), along axis, the axis kept as 1; with return_softmax also the softmax.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py, base_softmax_with_cross_entropy) as
 *
 *     a 0-D logits: ValueError; label.ndim must be logits.ndim or logits.ndim − 1 (ValueError)
 *     label.ndim == logits.ndim − 1: label = reshape(label, [label.shape[0], logits.shape[1]])
 *     softmax, loss = cross_entropy_with_softmax(logits, label, soft_label, True, numeric_stable_mode, ignore_index, axis)
 *     return (loss, softmax) if return_softmax else loss
 *
 * Rule `softmax-with-cross-entropy-label-reshaped`: a label of one dimension less is reshaped to
 * [label.shape[0], logits.shape[1]], not unsqueezed at axis: [N, 1] logits take an [N] label, [N, C] logits
 * (C > 1) refuse it (reshape's ValueError) and a 0-D label is IndexError; before Paddle 3.0.0 it was
 * paddle.unsqueeze(label, axis). Rule `softmax-with-cross-entropy-no-label-checks`: unlike cross_entropy,
 * no Python check meets soft_label with ignore_index (a soft label ignores it), and numeric_stable_mode only
 * reaches the kernel's argument parser (bool or None; the CPU kernel never reads it). Rule
 * `softmax-with-cross-entropy-return-softmax-truthy`: return_softmax is Python truthiness (1, 'a' return both;
 * None, 0 the loss alone). Rule `softmax-with-cross-entropy-softmax-grad-ignored`: the backward is the loss's
 * alone: an upstream gradient of the softmax output adds nothing (through the softmax alone Paddle 3.3.1
 * crashes, SIGSEGV, so no case asks for it).
 */
import { kernelBool, kernelInt, truthy, unsqueezeAxis } from './cross_entropy_arguments.js';
import { PaddleIndexError, PaddleValueError } from './errors.js';
import { crossEntropyWithSoftmax } from './kernels/cross_entropy_with_softmax.js';
import { reshape, unsqueeze } from './kernels/reshape.js';
import { Tape, type Var } from './kernels/tape.js';
import { paddleReleaseBefore } from './release.js';
import { full, type Tensor } from './tensor.js';

/** softmax_with_cross_entropy's tensors, by Paddle's parameter names. */
export interface SoftmaxWithCrossEntropyTensors {
  logits: Tensor;
  label: Tensor;
}

/** softmax_with_cross_entropy's keyword arguments; an absent one takes Paddle's default. */
export interface SoftmaxWithCrossEntropyOptions {
  soft_label?: unknown;
  ignore_index?: unknown;
  numeric_stable_mode?: unknown;
  return_softmax?: unknown;
  axis?: unknown;
}

/** The forward: the loss, or [loss, softmax] when return_softmax is truthy. */
export function softmaxWithCrossEntropy(tensors: SoftmaxWithCrossEntropyTensors, options: SoftmaxWithCrossEntropyOptions = {}): Tensor | [Tensor, Tensor] {
  const { loss, softmax } = onTape(new Tape(), tensors, options, false);
  return truthy(options.return_softmax) ? [loss.value, softmax] : loss.value;
}

/** The logits' gradient for the loss's upstream `gradLoss` (ones by default); the softmax's upstream, when given, adds nothing. */
export function softmaxWithCrossEntropyGrad(tensors: SoftmaxWithCrossEntropyTensors, options: SoftmaxWithCrossEntropyOptions = {}, gradLoss?: Tensor): { logits: Tensor } {
  const tape = new Tape();
  const { loss, logits } = onTape(tape, tensors, options, true);
  return { logits: tape.backward(loss, gradLoss ?? full(loss.value.shape, 1, loss.value.dtype)).get(logits.id)! };
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, tensors: SoftmaxWithCrossEntropyTensors, options: SoftmaxWithCrossEntropyOptions, needsGrad: boolean): { loss: Var; softmax: Tensor; logits: Var } {
  const o = { soft_label: false, ignore_index: -100, numeric_stable_mode: true, axis: -1, ...options };
  const logits = tape.leaf(tensors.logits, needsGrad);
  const rank = logits.value.shape.length;
  if (rank === 0) throw new PaddleValueError('The dimension of input should be larger than zero!');
  let label = tape.leaf(tensors.label);
  const labelRank = label.value.shape.length;
  if (rank - 1 !== labelRank && rank !== labelRank) {
    throw new PaddleValueError(`Expected input_dims - 1 = label_dims or input_dims == label_dims             (got input_dims${rank}, label_dims${labelRank})`);
  }
  if (rank - 1 === labelRank) label = reshapedLabel(tape, label, logits.value, o.axis);
  // Rule softmax-with-cross-entropy-no-label-checks: the argument parser, in the kernel's order.
  const softLabel = kernelBool(o.soft_label, 3);
  kernelBool(o.numeric_stable_mode, 5);
  const ignoreIndex = kernelInt(o.ignore_index, 6);
  const axis = kernelInt(o.axis, 7);
  const { loss, softmax } = crossEntropyWithSoftmax(tape, logits, label, { softLabel, useSoftmax: true, ignoreIndex, axis });
  return { loss, softmax, logits };
}

/** Rule softmax-with-cross-entropy-label-reshaped: [label.shape[0], logits.shape[1]]; before Paddle 3.0.0 unsqueeze(label, axis). */
function reshapedLabel(tape: Tape, label: Var, logits: Tensor, axis: unknown): Var {
  if (paddleReleaseBefore('3.0.0')) {
    const at = unsqueezeAxis(axis, label.value.shape.length);
    return at === null ? label : unsqueeze(tape, label, at);
  }
  const rows = label.value.shape[0];
  const classes = logits.shape[1];
  if (rows === undefined || classes === undefined) throw new PaddleIndexError('list index out of range');
  return reshape(tape, label, [rows, classes]);
}
