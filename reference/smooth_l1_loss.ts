/**
 * paddle.nn.functional.smooth_l1_loss(input, label, reduction='mean', delta=1.0, is_huber=True, name=None)
 *
 * The documentation page (Huber loss):
 *
 *     z_i = 0.5 (x_i − y_i)²               if |x_i − y_i| < δ
 *           δ |x_i − y_i| − 0.5 δ²         otherwise
 *
 * with the reduction of z ('mean' by default), float32 or float64 input and
 * a label of input's shape.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py) as
 *
 *     out = _C_ops.huber_loss(input, label, delta)
 *     if not is_huber: out = out / delta
 *     (then the reduction check) mean: paddle.mean(out)   sum: paddle.sum(out)
 *
 * Rule `smooth-l1-reduction-checked-last`: the reduction is checked only
 * after huber_loss has run, so a bad reduction with a float16 input raises
 * the kernel's RuntimeError, and SmoothL1Loss(reduction='MEAN') is built and
 * raises at the call. Rule `smooth-l1-is-huber`: is_huber=False (not on the
 * page; before Paddle 3.1.0 not a parameter at all, a TypeError) divides the
 * Huber loss by δ, PyTorch's smooth_l1_loss with beta δ.
 */
import { PaddleTypeError, PaddleValueError } from './errors.js';
import { huberLoss } from './kernels/huber_loss.js';
import { mean } from './kernels/mean.js';
import { divideByScalar } from './kernels/scale_divide.js';
import { sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { pythonStr, type Reduction } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { full, type Tensor } from './tensor.js';

/** smooth_l1_loss's keyword arguments after the tensors. */
export interface SmoothL1Options {
  reduction?: unknown;
  delta?: unknown;
  is_huber?: unknown;
}

/** smooth_l1_loss's forward: the loss as Paddle 3.3.1 returns it. */
export function smoothL1Loss(input: Tensor, label: Tensor, options: SmoothL1Options = {}): Tensor {
  return onTape(new Tape(), input, label, options, false).loss.value;
}

/** smooth_l1_loss's gradients with respect to input and label, for upstream `gradOutput` (ones of the loss's shape by default). */
export function smoothL1LossGrad(input: Tensor, label: Tensor, options: SmoothL1Options = {}, gradOutput?: Tensor): { input: Tensor; label: Tensor } {
  const tape = new Tape();
  const { loss, x, y } = onTape(tape, input, label, options, true);
  const grads = tape.backward(loss, gradOutput ?? full(loss.value.shape, 1, loss.value.dtype));
  return { input: grads.get(x.id)!, label: grads.get(y.id)! };
}

/**
 * paddle.nn.SmoothL1Loss(reduction='mean', delta=1.0, is_huber=True, name=None).
 *
 * Rule `smooth-l1-layer-legacy-arguments`: PyTorch's removed size_average and
 * reduce raise ValueError ([Deprecated] 'SmoothL1Loss' no longer supports
 * 'reduce' or 'size_average'.) since Paddle 3.3.0; before, a TypeError.
 *
 * Rule `smooth-l1-huber-loss-alias`: Paddle 3.3.0 exports this class a second
 * time as paddle.nn.HuberLoss (`HuberLoss is SmoothL1Loss`), so HuberLoss takes
 * is_huber and refuses the legacy arguments naming 'SmoothL1Loss'. The op's
 * descriptor lists the alias and the release it appeared in.
 */
export class SmoothL1Loss {
  private readonly options: SmoothL1Options;

  /** Checks the arguments as Paddle's constructor does (not the reduction: see the rule above). */
  constructor(options: SmoothL1Options & { size_average?: unknown; reduce?: unknown; name?: unknown } = {}) {
    const legacy = (['size_average', 'reduce'] as const).find((k) => k in options);
    if (legacy !== undefined) {
      if (paddleReleaseBefore('3.3.0')) throw new PaddleTypeError(`SmoothL1Loss.__init__() got an unexpected keyword argument '${legacy}'`);
      throw new PaddleValueError("[Deprecated] 'SmoothL1Loss' no longer supports 'reduce' or 'size_average'.");
    }
    checkIsHuber(options, 'SmoothL1Loss.__init__()');
    this.options = options;
  }

  /** The loss of input against label. */
  forward(input: Tensor, label: Tensor): Tensor {
    return smoothL1Loss(input, label, this.options);
  }
}

/** Before Paddle 3.1.0 there was no is_huber parameter. */
function checkIsHuber(options: SmoothL1Options, fn: string): void {
  if ('is_huber' in options && paddleReleaseBefore('3.1.0')) throw new PaddleTypeError(`${fn} got an unexpected keyword argument 'is_huber'`);
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, input: Tensor, label: Tensor, options: SmoothL1Options, needsGrad: boolean): { loss: Var; x: Var; y: Var } {
  checkIsHuber(options, 'smooth_l1_loss()');
  const delta = 'delta' in options ? options.delta : 1.0;
  const x = tape.leaf(input, needsGrad);
  const y = tape.leaf(label, needsGrad);
  const huber = huberLoss(tape, x, y, delta);
  // Python's `if not is_huber`: None, False, 0 and '' divide (None at delta 0 gives 0 / 0, x86's NaN).
  const divides = 'is_huber' in options && [null, false, 0, ''].includes(options.is_huber as never);
  const out = divides ? divideByScalar(tape, huber, delta as number) : huber;
  const reduction = 'reduction' in options ? options.reduction : 'mean';
  if (reduction !== 'none' && reduction !== 'mean' && reduction !== 'sum') {
    throw new PaddleValueError(`The value of 'reduction' in smooth_l1_loss should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}, which is not allowed.`);
  }
  const loss = reduction === 'mean' ? mean(tape, out) : reduction === 'sum' ? sumAll(tape, out) : out;
  return { loss, x, y };
}

/** A reduction name, for the adapters. */
export type { Reduction };
