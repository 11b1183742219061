/**
 * paddle.nn.functional.l1_loss(input, label, reduction='mean', name=None)
 *
 * The documentation page:
 *
 *     reduction 'none':  Out = |input − label|
 *     reduction 'mean':  Out = MEAN(|input − label|)
 *     reduction 'sum':   Out = SUM(|input − label|)
 *
 * with input and label of float32, float64, int32 or int64, label of
 * input's shape, and a 0-D result for 'mean' and 'sum'.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py) as
 *
 *     unreduced = _C_ops.abs(_C_ops.subtract(input, label))
 *     'mean': _C_ops.mean_all(unreduced)    'sum': _C_ops.sum(unreduced, [], None, False)
 *
 * so everything beyond the page is its primitives' (reference/kernels/):
 * subtract broadcasts a label of another shape and has no float16 or bool
 * kernel; abs has no bfloat16 kernel and clears a NaN's sign; mean_all has no
 * integer kernel, so the page's int32 and int64 raise RuntimeError under
 * 'mean' (the default); sum makes an int32 loss int64. Only the reduction
 * check is the op's own, and runs first.
 */
import { PaddleTypeError, PaddleValueError } from './errors.js';
import { paddleReleaseBefore } from './release.js';
import { abs } from './kernels/abs.js';
import { meanAll } from './kernels/mean_all.js';
import { subtract } from './kernels/subtract.js';
import { sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { pythonStr, type Reduction } from './reduction.js';
import { full, type Tensor } from './tensor.js';

/** l1_loss's forward: the loss as Paddle 3.3.1 returns it. */
export function l1Loss(input: Tensor, label: Tensor, reduction: Reduction | string = 'mean'): Tensor {
  return l1LossOnTape(new Tape(), input, label, reduction, false).loss.value;
}

/** l1_loss's gradients with respect to input and label, for upstream `gradOutput` (ones of the loss's shape by default). */
export function l1LossGrad(input: Tensor, label: Tensor, reduction: Reduction | string = 'mean', gradOutput?: Tensor): { input: Tensor; label: Tensor } {
  const tape = new Tape();
  const { loss, x, y } = l1LossOnTape(tape, input, label, reduction, true);
  const grads = tape.backward(loss, gradOutput ?? full(loss.value.shape, 1, loss.value.dtype));
  return { input: grads.get(x.id)!, label: grads.get(y.id)! };
}

/** The layer's constructor arguments, as keywords. */
export interface L1LossOptions {
  reduction?: unknown;
  name?: unknown;
  size_average?: unknown;
  reduce?: unknown;
}

/**
 * paddle.nn.L1Loss(reduction='mean', name=None): the functional form behind
 * a constructor that checks the reduction at once.
 *
 * Rule `l1-layer-legacy-arguments`: PyTorch's removed size_average and
 * reduce raise ValueError ([Deprecated] 'L1Loss' no longer supports 'reduce'
 * or 'size_average'.) since Paddle 3.3.0, whose layers take them only to
 * refuse them; before, the constructor had no such parameter, a TypeError.
 */
export class L1Loss {
  private readonly reduction: Reduction;

  /** Checks the arguments as Paddle's constructor does. */
  constructor(options: L1LossOptions = {}) {
    const legacy = (['size_average', 'reduce'] as const).find((k) => k in options);
    if (legacy !== undefined) {
      if (paddleReleaseBefore('3.3.0')) throw new PaddleTypeError(`L1Loss.__init__() got an unexpected keyword argument '${legacy}'`);
      throw new PaddleValueError("[Deprecated] 'L1Loss' no longer supports 'reduce' or 'size_average'.");
    }
    const reduction = 'reduction' in options ? options.reduction : 'mean';
    checkL1Reduction(reduction);
    this.reduction = reduction;
  }

  /** The loss of input against label. */
  forward(input: Tensor, label: Tensor): Tensor {
    return l1Loss(input, label, this.reduction);
  }
}

/** The transcription of Paddle's source on a tape. */
function l1LossOnTape(tape: Tape, input: Tensor, label: Tensor, reduction: Reduction | string, needsGrad: boolean): { loss: Var; x: Var; y: Var } {
  checkL1Reduction(reduction);
  const x = tape.leaf(input, needsGrad);
  const y = tape.leaf(label, needsGrad);
  const unreduced = abs(tape, subtract(tape, x, y));
  const loss = reduction === 'mean' ? meanAll(tape, unreduced) : reduction === 'sum' ? sumAll(tape, unreduced) : unreduced;
  return { loss, x, y };
}

/**
 * l1_loss's own check, before any kernel runs. Rule `l1-reduction-checked-first`:
 * a reduction other than 'none', 'mean' or 'sum' (None too) raises
 * ValueError naming the layer, L1Loss, for the functional form too, before
 * any dtype or shape is looked at (Paddle 3.3.1: reduction 'MEAN' with float16 input).
 */
function checkL1Reduction(reduction: unknown): asserts reduction is Reduction {
  if (reduction === 'none' || reduction === 'mean' || reduction === 'sum') return;
  throw new PaddleValueError(`The value of 'reduction' in L1Loss should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}, which is not allowed.`);
}
