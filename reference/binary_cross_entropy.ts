/**
 * paddle.nn.functional.binary_cross_entropy(input, label, weight=None, reduction='mean', name=None)
 *
 * The documentation page: with x the input (a probability, the output of a sigmoid), y the label
 * (between 0 and 1) and w the optional weight,
 *
 *     Out = −1 · weight · (label · log(input) + (1 − label) · log(1 − input))
 *
 * 'none' the loss of input's shape, 'mean' its average, 'sum' its sum; input and label float16,
 * float32 or float64 of one shape, weight "a Tensor of size nbatch", float32 or float64.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py) as
 *
 *     if reduction not in ['sum', 'mean', 'none']: raise ValueError
 *     out = _C_ops.bce_loss(input, label)
 *     if weight is not None: out = _C_ops.multiply(out, weight)
 *     sum: _C_ops.sum(out, [], None, False)   mean: _C_ops.mean_all(out)   none: out
 *
 * so the clamp of log at −100, the domain check and the gradient's floor are bce_loss's
 * (kernels/bce_loss.ts), and everything of weight is multiply's: it need only broadcast with the
 * loss (a [C] weight against [N, C], or a larger one that widens the result), it promotes
 * (a float64 weight makes the loss float64, an int one is refused), it gets a gradient, and it is
 * applied before the reduction: 'mean' divides the weighted sum by the element count, not by Σw
 * (Paddle 3.3.1, weight [1, 2, 3] on [2, 3]). Rule `binary-cross-entropy-reduction-checked-first`:
 * a bad reduction raises ValueError before any kernel runs.
 */
import { PaddleTypeError, PaddleValueError } from './errors.js';
import { bceLoss } from './kernels/bce_loss.js';
import { meanAll } from './kernels/mean_all.js';
import { multiply } from './kernels/multiply.js';
import { sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { pythonStr } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { full, type Tensor } from './tensor.js';

/** binary_cross_entropy's tensors, by Paddle's parameter names. */
export interface BinaryCrossEntropyTensors {
  input: Tensor;
  label: Tensor;
  /** Absent is Python's None. */
  weight?: Tensor;
}

/** binary_cross_entropy's keyword arguments; an absent one takes Paddle's default. */
export interface BinaryCrossEntropyOptions {
  reduction?: unknown;
  name?: unknown;
}

/** binary_cross_entropy's forward: the loss as Paddle 3.3.1 returns it. */
export function binaryCrossEntropy(tensors: BinaryCrossEntropyTensors, options: BinaryCrossEntropyOptions = {}): Tensor {
  return onTape(new Tape(), tensors, options, false).loss.value;
}

/** binary_cross_entropy's gradients (input's, and weight's when given; the label gets none), for upstream `gradOutput` (ones of the loss's shape by default). */
export function binaryCrossEntropyGrad(tensors: BinaryCrossEntropyTensors, options: BinaryCrossEntropyOptions = {}, gradOutput?: Tensor): Record<string, Tensor> {
  const tape = new Tape();
  const { loss, leaves } = onTape(tape, tensors, options, true);
  const grads = tape.backward(loss, gradOutput ?? full(loss.value.shape, 1, loss.value.dtype));
  return Object.fromEntries(Object.entries(leaves).map(([name, v]) => [name, grads.get(v.id)!]));
}

/**
 * paddle.nn.BCELoss(weight=None, reduction='mean', name=None): the functional form behind a
 * constructor that checks the reduction at once, with its own message ("in bce_loss"). Rule
 * `binary-cross-entropy-layer-legacy-arguments`: size_average or reduce raise ValueError
 * ([Deprecated] 'BCELoss' no longer supports 'reduce' or 'size_average'.) since Paddle 3.3.0;
 * before, a TypeError.
 */
export class BCELoss {
  private readonly options: BinaryCrossEntropyOptions & { weight?: Tensor };

  /** Checks the arguments as Paddle's constructor does. */
  constructor(options: BinaryCrossEntropyOptions & { weight?: Tensor } & Record<string, unknown> = {}) {
    const legacy = (['size_average', 'reduce'] as const).find((k) => k in options);
    if (legacy !== undefined) {
      if (paddleReleaseBefore('3.3.0')) throw new PaddleTypeError(`BCELoss.__init__() got an unexpected keyword argument '${legacy}'`);
      throw new PaddleValueError("[Deprecated] 'BCELoss' no longer supports 'reduce' or 'size_average'.");
    }
    checkReduction('reduction' in options ? options.reduction : 'mean', 'bce_loss');
    this.options = options;
  }

  /** The loss of input against label, weighted by the constructor's weight. */
  forward(tensors: Pick<BinaryCrossEntropyTensors, 'input' | 'label'>): Tensor {
    const { weight, ...options } = this.options;
    return binaryCrossEntropy({ input: tensors.input, label: tensors.label, ...(weight && { weight }) }, options);
  }
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, tensors: BinaryCrossEntropyTensors, options: BinaryCrossEntropyOptions, needsGrad: boolean): { loss: Var; leaves: Record<string, Var> } {
  const reduction = 'reduction' in options ? options.reduction : 'mean';
  checkReduction(reduction, 'binary_cross_entropy');
  const input = tape.leaf(tensors.input, needsGrad);
  const leaves: Record<string, Var> = { input };
  let out = bceLoss(tape, input, tape.leaf(tensors.label, false));
  if (tensors.weight) {
    // Rule `binary-cross-entropy-weight-before-reduction`: multiply's, on the unreduced loss.
    leaves.weight = tape.leaf(tensors.weight, needsGrad);
    out = multiply(tape, out, leaves.weight);
  }
  const loss = reduction === 'sum' ? sumAll(tape, out) : reduction === 'mean' ? meanAll(tape, out) : out;
  return { loss, leaves };
}

/** Rule `binary-cross-entropy-reduction-checked-first`: the Python source's check, before any kernel; `where` names the form. */
function checkReduction(reduction: unknown, where: 'binary_cross_entropy' | 'bce_loss'): void {
  if (reduction === 'none' || reduction === 'mean' || reduction === 'sum') return;
  const message = where === 'bce_loss'
    ? `The value of 'reduction' in bce_loss should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}, which is not allowed.`
    : `The value of 'reduction' in binary_cross_entropy should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}, which is not allowed.`;
  throw new PaddleValueError(message);
}
