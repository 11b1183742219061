/**
 * paddle.nn.functional.mse_loss(input, label, reduction='mean', name=None)
 *
 * The documentation page:
 *
 *     reduction 'none':  Out = (input − label)²
 *     reduction 'mean':  Out = MEAN((input − label)²)
 *     reduction 'sum':   Out = SUM((input − label)²)
 *
 * with input and label of float32 or float64 and a 0-D result for 'mean'
 * and 'sum'.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py) as
 *
 *     paddle.square(paddle.subtract(input, label)), then paddle.mean or paddle.sum
 *
 * Rule `mse-integers-computed`: the page lists float32 and float64, but
 * subtract, square and mean have integer kernels, so int32 and int64
 * operands compute and keep their dtype (Paddle 3.3.1: [1, 2, 3] against
 * [0, 5, 1], 'mean', gives an int32 4).
 *
 * So beyond its own checks everything is its primitives'
 * (reference/kernels/): subtract's broadcasting, dtypes and gradient,
 * square's kept NaN sign and missing bfloat16 kernel, and paddle.mean's
 * integer kernels (unlike l1_loss's mean_all) with their truncation.
 */
import { PaddleTypeError, PaddleValueError } from './errors.js';
import { mean } from './kernels/mean.js';
import { square } from './kernels/square.js';
import { subtract } from './kernels/subtract.js';
import { sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { pythonStr, type Reduction } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { full, type Tensor } from './tensor.js';

/** mse_loss's forward: the loss as Paddle 3.3.1 returns it. */
export function mseLoss(input: Tensor, label: Tensor, reduction: Reduction | string = 'mean'): Tensor {
  return mseLossOnTape(new Tape(), input, label, reduction, false).loss.value;
}

/** mse_loss's gradients with respect to input and label, for upstream `gradOutput` (ones of the loss's shape by default). */
export function mseLossGrad(input: Tensor, label: Tensor, reduction: Reduction | string = 'mean', gradOutput?: Tensor): { input: Tensor; label: Tensor } {
  const tape = new Tape();
  const { loss, x, y } = mseLossOnTape(tape, input, label, reduction, true);
  const grads = tape.backward(loss, gradOutput ?? full(loss.value.shape, 1, loss.value.dtype));
  return { input: grads.get(x.id)!, label: grads.get(y.id)! };
}

/** The layer's constructor arguments, as keywords. */
export interface MSELossOptions {
  reduction?: unknown;
  size_average?: unknown;
  reduce?: unknown;
}

/**
 * paddle.nn.MSELoss(reduction='mean'): the functional form behind a
 * constructor that checks the reduction at once, naming the layer.
 *
 * Rule `mse-layer-legacy-arguments`: PyTorch's removed size_average and
 * reduce raise ValueError ([Deprecated] 'MSELoss' no longer supports 'reduce'
 * or 'size_average'.) since Paddle 3.3.0; before, the constructor had no such
 * parameter, a TypeError.
 */
export class MSELoss {
  private readonly reduction: Reduction;

  /** Checks the arguments as Paddle's constructor does. */
  constructor(options: MSELossOptions & { name?: unknown } = {}) {
    const legacy = (['size_average', 'reduce'] as const).find((k) => k in options);
    if (legacy !== undefined) {
      if (paddleReleaseBefore('3.3.0')) throw new PaddleTypeError(`MSELoss.__init__() got an unexpected keyword argument '${legacy}'`);
      throw new PaddleValueError("[Deprecated] 'MSELoss' no longer supports 'reduce' or 'size_average'.");
    }
    // Checked after the legacy arguments (the decorator that refuses those runs first): MSELoss, unlike the functional form, takes no name.
    if ('name' in options) throw new PaddleTypeError("MSELoss.__init__() got an unexpected keyword argument 'name'");
    const reduction = 'reduction' in options ? options.reduction : 'mean';
    checkMseReduction(reduction, 'MSELoss');
    this.reduction = reduction;
  }

  /** The loss of input against label. */
  forward(input: Tensor, label: Tensor): Tensor {
    return mseLoss(input, label, this.reduction);
  }
}

/** The transcription of Paddle's source on a tape. */
function mseLossOnTape(tape: Tape, input: Tensor, label: Tensor, reduction: Reduction | string, needsGrad: boolean): { loss: Var; x: Var; y: Var } {
  checkMseReduction(reduction, 'mse_loss');
  const x = tape.leaf(input, needsGrad);
  const y = tape.leaf(label, needsGrad);
  const squared = square(tape, subtract(tape, x, y));
  const loss = reduction === 'mean' ? mean(tape, squared) : reduction === 'sum' ? sumAll(tape, squared) : squared;
  return { loss, x, y };
}

/**
 * mse_loss's own check, before any kernel runs. Rule
 * `mse-reduction-checked-first`: a reduction other than 'none', 'mean' or
 * 'sum' raises ValueError naming mse_loss (the layer: MSELoss, at
 * construction) before any dtype or shape is looked at.
 */
function checkMseReduction(reduction: unknown, api: string): asserts reduction is Reduction {
  if (reduction === 'none' || reduction === 'mean' || reduction === 'sum') return;
  throw new PaddleValueError(`'reduction' in '${api}' should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}.`);
}
