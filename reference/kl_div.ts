/**
 * paddle.nn.functional.kl_div(input, label, reduction='mean', log_target=False, name=None)
 *
 * The documentation page: with x the input (log-probabilities) and y the label,
 *
 *     log_target False:  l(x, y) = y · (log(y) − x)        log_target True:  l(x, y) = exp(y) · (y − x)
 *
 * 'none' the loss of input's shape, 'mean' its average, 'sum' its sum, 'batchmean' the sum
 * divided by the batch size N = input.shape[0]; input and label float32 or float64 of one shape.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py) as
 *
 *     if input is float32 and label float64: input = paddle.cast(input, 'float64')
 *     elif input is float64 and label float32: label = paddle.cast(label, 'float64')
 *     out = _C_ops.kldiv_loss(input, label, 'none', log_target)
 *     mean: paddle.mean(out)   sum: paddle.sum(out)
 *     batchmean: if len(input.shape) > 0: paddle.sum(out) / input.shape[0]
 *     return out
 *
 * Rule `kl-div-reduction-unchecked`: nothing checks the reduction (the page's ValueError never
 * comes): any other value ('MEAN', None, '') returns the unreduced loss, in the functional form
 * and the layer alike (Paddle 3.3.1, reduction 'bogus' gives the loss of input's shape).
 * 'batchmean' of 0-D operands returns the unreduced 0-D loss (no batch size to divide by; the
 * same value a division by 1 gives, so no port can differ).
 * Rule `kl-div-float32-float64-widen`: a float32 and a float64 operand meet in float64 (the
 * Python source casts); any other pair of dtypes goes to the kernel as it is (kldiv_loss.ts).
 * Rule `kl-div-log-target`: log_target is read by the C++ argument parser: True, False or None
 * (as False); an int or str is TypeError ((InvalidType) … must be bool). Before Paddle 3.0.0
 * there was no log_target: a TypeError (unexpected keyword argument), also in the layer.
 */
import { PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { cast } from './kernels/cast.js';
import { kldivLoss } from './kernels/kldiv_loss.js';
import { mean } from './kernels/mean.js';
import { divideByInt } from './kernels/scale_divide.js';
import { sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { paddleReleaseBefore } from './release.js';
import { full, type Tensor } from './tensor.js';

/** kl_div's tensors, by Paddle's parameter names. */
export interface KlDivTensors {
  input: Tensor;
  label: Tensor;
}

/** kl_div's keyword arguments; an absent one takes Paddle's default. */
export interface KlDivOptions {
  reduction?: unknown;
  log_target?: unknown;
  name?: unknown;
}

/** kl_div's forward: the loss as Paddle 3.3.1 returns it. */
export function klDiv(tensors: KlDivTensors, options: KlDivOptions = {}): Tensor {
  return onTape(new Tape(), tensors, options, false).loss.value;
}

/** kl_div's gradient with respect to input (the label gets none), for upstream `gradOutput` (ones of the loss's shape by default). */
export function klDivGrad(tensors: KlDivTensors, options: KlDivOptions = {}, gradOutput?: Tensor): Record<string, Tensor> {
  const tape = new Tape();
  const { loss, leaves } = onTape(tape, tensors, options, true);
  const grads = tape.backward(loss, gradOutput ?? full(loss.value.shape, 1, loss.value.dtype));
  return Object.fromEntries(Object.entries(leaves).map(([name, v]) => [name, grads.get(v.id)!]));
}

/**
 * paddle.nn.KLDivLoss(reduction='mean', log_target=False): no name, unlike the functional form (a
 * TypeError, as the page's signature says). Its constructor checks nothing but its keywords. Rule `kl-div-layer-legacy-arguments`: size_average or reduce
 * raise ValueError ([Deprecated] 'KLDivLoss' no longer supports 'reduce' or 'size_average'.)
 * since Paddle 3.3.0; before, a TypeError.
 */
export class KLDivLoss {
  private readonly options: KlDivOptions;

  /** Checks the arguments as Paddle's constructor does. */
  constructor(options: KlDivOptions & Record<string, unknown> = {}) {
    const legacy = (['size_average', 'reduce'] as const).find((k) => k in options);
    if (legacy !== undefined) {
      if (paddleReleaseBefore('3.3.0')) throw new PaddleTypeError(`KLDivLoss.__init__() got an unexpected keyword argument '${legacy}'`);
      throw new PaddleValueError("[Deprecated] 'KLDivLoss' no longer supports 'reduce' or 'size_average'.");
    }
    if ('log_target' in options && paddleReleaseBefore('3.0.0')) throw new PaddleTypeError("KLDivLoss.__init__() got an unexpected keyword argument 'log_target'");
    // Unlike the functional form (and the other losses' layers), the constructor has no name parameter.
    if ('name' in options) throw new PaddleTypeError("KLDivLoss.__init__() got an unexpected keyword argument 'name'");
    this.options = options;
  }

  /** The loss of the tensors. */
  forward(tensors: KlDivTensors): Tensor {
    return klDiv(tensors, this.options);
  }
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, tensors: KlDivTensors, options: KlDivOptions, needsGrad: boolean): { loss: Var; leaves: Record<string, Var> } {
  const logTarget = logTargetOf(options);
  const leaves = { input: tape.leaf(tensors.input, needsGrad) };
  let x: Var = leaves.input;
  let y: Var = tape.leaf(tensors.label, false);
  // Rule kl-div-float32-float64-widen: the Python source's "ugly type promotion".
  if (x.value.dtype === 'float32' && y.value.dtype === 'float64') x = cast(tape, x, 'float64');
  else if (x.value.dtype === 'float64' && y.value.dtype === 'float32') y = cast(tape, y, 'float64');
  const out = kldivLoss(tape, x, y, logTarget);
  const reduction = 'reduction' in options ? options.reduction : 'mean';
  let loss = out;
  if (reduction === 'mean') loss = mean(tape, out);
  else if (reduction === 'sum') loss = sumAll(tape, out);
  // 'batchmean' of 0-D operands: the unreduced loss.
  else if (reduction === 'batchmean' && x.value.shape.length > 0) loss = divideByInt(tape, sumAll(tape, out), x.value.shape[0]!);
  // Rule kl-div-reduction-unchecked: any other reduction returns out as it is.
  return { loss, leaves };
}

/** log_target as the argument parser reads it (rule `kl-div-log-target`). */
function logTargetOf(options: KlDivOptions): boolean {
  if (!('log_target' in options)) return false;
  if (paddleReleaseBefore('3.0.0')) throw new PaddleTypeError("kl_div() got an unexpected keyword argument 'log_target'");
  const v = options.log_target;
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  throw new PaddleTypeError(`(InvalidType) kldiv_loss(): argument (position 4) must be bool, but got ${pythonTypeName(v)}`);
}
