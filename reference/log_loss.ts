/**
 * paddle.nn.functional.log_loss(input, label, epsilon=0.0001, name=None)
 *
 * The documentation page:
 *
 *     Out = −label · log(input + ε) − (1 − label) · log(1 − input + ε)
 *
 * with input and label "2-D tensors with shape [N x 1]" of float32, input a probability, the loss [N x 1]:
 * no reduction, and no layer (functional only).
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py; the same source since 2.6.2) as
 *
 *     _C_ops.log_loss(input, label, epsilon)
 *
 * so nearly everything is the kernel's (reference/kernels/log_loss.ts): the packet and tail logs, the float32-only
 * kernel chosen by the label, the [N, 1] shapes. ε sits inside both logs, as the page writes it (no clamp).
 *
 * Rule `log-loss-epsilon-is-a-float32-double`: epsilon goes through pybind as a double (an int or a bool is taken,
 * True as 1; None and a str raise TypeError, ValueError before Paddle 3.0.0), then the float attribute rounds it to
 * float32 (1e-50 is 0, 1e39 inf).
 * Rule `log-loss-operands-unchecked`: nothing checks that input is a probability or label 0 or 1: input above
 * 1 + ε or below −ε takes the log of a negative number (NaN), a label outside [0, 1] weights the two logs as given.
 */
import { PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { logLoss as logLossKernel } from './kernels/log_loss.js';
import { Tape, type Var } from './kernels/tape.js';
import { paddleReleaseBefore } from './release.js';
import { full, type Tensor } from './tensor.js';

/** log_loss's tensors, by Paddle's parameter names. */
export interface LogLossTensors {
  input: Tensor;
  label: Tensor;
}

/** log_loss's keyword arguments as a caller passes them (Python values). */
export interface LogLossOptions {
  epsilon?: unknown;
  name?: unknown;
}

/** log_loss's forward: the [N, 1] loss as Paddle 3.3.1 returns it. */
export function logLoss(tensors: LogLossTensors, options: LogLossOptions = {}): Tensor {
  return onTape(new Tape(), tensors, options, false).loss.value;
}

/**
 * log_loss's gradient with respect to input (the label has none), for upstream `gradOutput` (ones by default);
 * undefined where Paddle leaves it None: an empty loss before Paddle 3.0.0 (2.6.2 never runs log_loss_grad on it).
 */
export function logLossGrad(tensors: LogLossTensors, options: LogLossOptions = {}, gradOutput?: Tensor): { input: Tensor | undefined } {
  const tape = new Tape();
  const { loss, x } = onTape(tape, tensors, options, true);
  if (loss.value.size === 0 && paddleReleaseBefore('3.0.0')) return { input: undefined };
  const grads = tape.backward(loss, gradOutput ?? full(loss.value.shape, 1, 'float32'));
  return { input: grads.get(x.id)! };
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, tensors: LogLossTensors, options: LogLossOptions, needsGrad: boolean): { loss: Var; x: Var } {
  const epsilon = epsilonOf(options);
  const x = tape.leaf(tensors.input, needsGrad);
  return { loss: logLossKernel(tape, x, tape.leaf(tensors.label, false), epsilon), x };
}

/** Rule `log-loss-epsilon-is-a-float32-double`: pybind's CastPyArg2Double (the kernel rounds it to float32). */
function epsilonOf(options: LogLossOptions): number {
  const eps = 'epsilon' in options ? options.epsilon : 0.0001;
  if (typeof eps === 'number') return eps;
  if (typeof eps === 'boolean') return eps ? 1 : 0;
  const text = `log_loss(): argument (position 3) must be double, but got ${pythonTypeName(eps)}`;
  // Before Paddle 3.0.0 pybind's cast raised ValueError (InvalidArgument).
  throw paddleReleaseBefore('3.0.0') ? new PaddleValueError(`(InvalidArgument) ${text}`) : new PaddleTypeError(`(InvalidType) ${text}`);
}
