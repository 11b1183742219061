/**
 * paddle.nn.functional.rnnt_loss(input, label, input_lengths, label_lengths, blank=0, fastemit_lambda=0.001, reduction='mean', name=None)
 *
 * The documentation page: input "the logprobs sequence with padding", [B, Tmax, Umax, D], float32 or
 * float64; label [B, Umax] int32; the lengths [batch_size] int64; blank in [0, B); fastemit_lambda the
 * FastEmit regularisation; 'mean' the summed loss divided by the batch size, 'sum' the sum, 'none' [B].
 * Its example returns −2.85042444 for probabilities 0.1 … 0.8 taken as log-probabilities.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py, the same in every release since 2.6.2) as
 *
 *     B = input.shape[0]
 *     loss_out = _C_ops.warprnnt(input, label, input_lengths, label_lengths, blank, fastemit_lambda)
 *     assert reduction in ['mean', 'sum', 'none']
 *     mean: paddle.sum(loss_out) / B     sum: paddle.sum(loss_out)
 *
 * with the recursions of kernels/warprnnt.ts. Its comment says "manually done log_softmax for CPU
 * version", but none is done: rule `rnnt-input-is-log-probabilities`.
 */
import { PaddleAssertionError, PaddleIndexError, PaddleRuntimeError, PaddleTypeError, PaddleValueError, kernelNotRegistered, pythonTypeName } from './errors.js';
import { divideByInt } from './kernels/scale_divide.js';
import { sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { PADDLE_RNNT, warprnnt, type RnntKernel } from './kernels/warprnnt.js';
import { paddleReleaseBefore } from './release.js';
import { full, type Tensor } from './tensor.js';

/** rnnt_loss's tensors, by Paddle's parameter names. */
export interface RnntLossTensors {
  input: Tensor;
  label: Tensor;
  input_lengths: Tensor;
  label_lengths: Tensor;
}

/** rnnt_loss's keyword arguments; an absent one takes Paddle's default. */
export interface RnntLossOptions {
  blank?: unknown;
  fastemit_lambda?: unknown;
  reduction?: unknown;
  name?: unknown;
}

/** rnnt_loss's forward: the loss as Paddle 3.3.1 returns it. */
export function rnntLoss(tensors: RnntLossTensors, options: RnntLossOptions = {}, kernel: RnntKernel = PADDLE_RNNT): Tensor {
  return onTape(new Tape(), tensors, options, false, kernel).loss.value;
}

/** rnnt_loss's gradient with respect to input (the only one Paddle gives), for upstream `gradOutput`. */
export function rnntLossGrad(tensors: RnntLossTensors, options: RnntLossOptions = {}, gradOutput?: Tensor, kernel: RnntKernel = PADDLE_RNNT): Record<string, Tensor> {
  const tape = new Tape();
  const { loss, leaves } = onTape(tape, tensors, options, true, kernel);
  const grads = tape.backward(loss, gradOutput ?? full(loss.value.shape, 1, loss.value.dtype));
  return { input: grads.get(leaves.input.id)! };
}

/**
 * paddle.nn.RNNTLoss(blank=0, fastemit_lambda=0.001, reduction='mean', name=None): the constructor
 * stores its arguments and checks none (Rule `rnnt-reduction-asserted-after-kernel`); size_average
 * and reduce are unexpected keywords (TypeError) in every release.
 */
export class RNNTLoss {
  private readonly options: RnntLossOptions;

  constructor(options: RnntLossOptions & Record<string, unknown> = {}) {
    const unknown = Object.keys(options).find((k) => !['blank', 'fastemit_lambda', 'reduction', 'name'].includes(k));
    if (unknown !== undefined) throw new PaddleTypeError(`RNNTLoss.__init__() got an unexpected keyword argument '${unknown}'`);
    this.options = options;
  }

  forward(tensors: RnntLossTensors, kernel: RnntKernel = PADDLE_RNNT): Tensor {
    return rnntLoss(tensors, this.options, kernel);
  }
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, tensors: RnntLossTensors, options: RnntLossOptions, needsGrad: boolean, kernel: RnntKernel): { loss: Var; leaves: { input: Var } } {
  const { input, label, input_lengths: inputLengths, label_lengths: labelLengths } = tensors;
  if (input.shape.length === 0) throw new PaddleIndexError('list index out of range');
  const B = input.shape[0]!;
  const blank = 'blank' in options ? options.blank : 0;
  const lambda = 'fastemit_lambda' in options ? options.fastemit_lambda : 0.001;
  // Rule `rnnt-argument-types`: the argument parser's int and double (before Paddle 3.0.0 its errors were ValueError).
  const invalid = (position: number, want: string, value: unknown) => {
    const message = `warprnnt(): argument (position ${position}) must be ${want}, but got ${pythonTypeName(value)}`;
    return paddleReleaseBefore('3.0.0') ? new PaddleValueError(`(InvalidArgument) ${message}`) : new PaddleTypeError(`(InvalidType) ${message}`);
  };
  if (typeof blank !== 'number' || !Number.isInteger(blank)) throw invalid(5, 'int', blank);
  if (typeof lambda !== 'number' && typeof lambda !== 'boolean') throw invalid(6, 'double', lambda);
  if (input.dtype !== 'float32' && input.dtype !== 'float64') throw kernelNotRegistered('warprnnt', input.dtype, 'float64, float32');
  // Shape inference reads D as dims[3], 0 below rank 4.
  const D = input.shape.length >= 4 ? input.shape[3]! : 0;
  if (blank < 0 || blank >= D) throw new PaddleValueError(`(InvalidArgument) The value of Attr(blank) should be in interval [0, ${blank}), but received`);
  const ranks: Array<[Tensor, number, string]> = [[input, 4, 'Logits'], [label, 2, 'Label'], [inputLengths, 1, 'LogitsLength'], [labelLengths, 1, 'LabelLength']];
  for (const [t, rank, name] of ranks) if (t.shape.length !== rank) throw new PaddleValueError(`(InvalidArgument) The rank of Input(${name}) should be ${rank} but received ${t.shape.length}.`);
  const zero = input.shape.findIndex((n) => n === 0);
  if (zero >= 0) throw new PaddleValueError(`(InvalidArgument) The ${['first', 'second', 'third', 'forth'][zero]} dimension of Input(Logits) is ${'BTUD'[zero]} should be greater than zero but received 0.`);
  for (const t of [label, inputLengths, labelLengths]) if (t.dtype !== 'int32') throw new PaddleValueError(`(InvalidArgument) The type of data we are trying to retrieve (int32) does not match the type of data (${t.dtype}) currently contained in the container.`);
  // Rule `rnnt-invalid-value-raises`: compute_rnnt_loss's own checks (a null label buffer, λ < 0 as a float32).
  if (label.size === 0 || Math.fround(Number(lambda)) < 0) throw new PaddleRuntimeError('(PreconditionNotMet) warp-rnnt [version 1] Error in get_workspace_size: invalid value');
  const leaves = { input: tape.leaf(input, needsGrad) };
  const out = warprnnt(tape, leaves.input, label, inputLengths, labelLengths, blank, Number(lambda), kernel);
  const reduction = 'reduction' in options ? options.reduction : 'mean';
  // Rule `rnnt-reduction-asserted-after-kernel`; Rule `rnnt-mean-divides-by-batch-size`: B = input.shape[0], whatever the layer's page says.
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') throw new PaddleAssertionError('');
  const loss = reduction === 'mean' ? divideByInt(tape, sumAll(tape, out), B) : reduction === 'sum' ? sumAll(tape, out) : out;
  return { loss, leaves };
}
