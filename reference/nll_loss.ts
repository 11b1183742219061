/**
 * paddle.nn.functional.nll_loss(input, label, weight=None, ignore_index=-100, reduction='mean', name=None)
 *
 * The documentation page: input [N, C] or [N, C, d1, …, dK] of log-probabilities, label [N] or
 * [N, d1, …, dK] of int64 class indices, weight [C]; with w_n = weight[y_n] · (y_n ≠ ignore_index),
 *
 *     l_n = −w_n · x_{n, y_n}     'none': l    'mean': Σ l_n / Σ w_n    'sum': Σ l_n
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py) as
 *
 *     reduction not in ('sum', 'mean', 'none'): ValueError
 *     ranks: label rank = input rank − 1, or equal (ValueError); input rank ≥ 2; C ≥ 1
 *     if input rank is not 2 or 4:
 *         input = reshape(input, [N, C, 1, −1]); label = reshape(label, [N, 1, −1])
 *     out = _C_ops.nll_loss(input, label, weight, ignore_index, reduction)    (kernels/nll_loss.ts)
 *     'none' of a reshaped input: reshape(out, [N, *input.shape[2:]])
 *
 * Rule `nll-loss-nd-through-4d`: an input of rank 3 or ≥ 5 goes through the 4-D kernel as
 * [N, C, 1, d1·…·dK] (kernels/reshape.ts), its label as [N, 1, d1·…·dK]: so a label of the
 * input's rank, or of another shape with as many elements per sample (a [2, 3, 4] input with a
 * [2, 2, 2] label), passes, and a label whose size N does not divide fails in reshape.
 * Rule `nll-loss-ignore-index-long`: ignore_index is read by the C++ argument parser as a long:
 * a float, bool, None or str raises TypeError ((InvalidType) … must be long; ValueError before
 * Paddle 3.0.0), after the Python checks; an int of 2^63 or more raises SystemError.
 */
import { PaddleSystemError, PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { nllLoss as nllLossKernel } from './kernels/nll_loss.js';
import { reshape } from './kernels/reshape.js';
import { Tape, type Var } from './kernels/tape.js';
import { pythonStr } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { full, type Tensor } from './tensor.js';

/** nll_loss's tensors, by Paddle's parameter names. */
export interface NllLossTensors {
  input: Tensor;
  label: Tensor;
  /** Absent is Python's None. */
  weight?: Tensor;
}

/** nll_loss's keyword arguments; an absent one takes Paddle's default. */
export interface NllLossOptions {
  ignore_index?: unknown;
  reduction?: unknown;
  name?: unknown;
}

/** nll_loss's forward: the loss as Paddle 3.3.1 returns it. */
export function nllLoss(tensors: NllLossTensors, options: NllLossOptions = {}): Tensor {
  return onTape(new Tape(), tensors, options, false).loss.value;
}

/** nll_loss's gradient with respect to input (label and weight get none), for upstream `gradOutput` (ones of the loss's shape by default). */
export function nllLossGrad(tensors: NllLossTensors, options: NllLossOptions = {}, gradOutput?: Tensor): { input: Tensor } {
  const tape = new Tape();
  const { loss, input } = onTape(tape, tensors, options, true);
  return { input: tape.backward(loss, gradOutput ?? full(loss.value.shape, 1, loss.value.dtype)).get(input.id)! };
}

/**
 * paddle.nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean', name=None): checks the
 * reduction at construction. Rule `nll-loss-layer-legacy-arguments`: size_average or reduce raise
 * ValueError (its legacy reduction decorator) since Paddle 3.3.0; before, a TypeError.
 */
export class NLLLoss {
  private readonly options: NllLossOptions & { weight?: Tensor };

  /** Checks the arguments as Paddle's constructor does. */
  constructor(options: NllLossOptions & { weight?: Tensor } & Record<string, unknown> = {}) {
    const legacy = (['size_average', 'reduce'] as const).find((k) => k in options);
    if (legacy !== undefined) {
      if (paddleReleaseBefore('3.3.0')) throw new PaddleTypeError(`NLLLoss.__init__() got an unexpected keyword argument '${legacy}'`);
      const shown = (k: 'reduce' | 'size_average'): string => (k in options ? pythonStr(options[k]) : 'None');
      const suggested = options.reduce === false ? 'none' : options.size_average === false ? 'sum' : 'mean';
      throw new PaddleValueError(`[Deprecated] 'NLLLoss' no longer supports 'reduce' or 'size_average'.\nDetected: reduce=${shown('reduce')}, size_average=${shown('size_average')}\nPlease use: reduction='${suggested}' instead.`);
    }
    checkReduction('reduction' in options ? options.reduction : 'mean');
    this.options = options;
  }

  /** The loss of the tensors, with the constructor's weight. */
  forward(tensors: NllLossTensors): Tensor {
    const { weight, ...options } = this.options;
    return nllLoss({ input: tensors.input, label: tensors.label, ...(weight && { weight }) }, options);
  }
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, tensors: NllLossTensors, options: NllLossOptions, needsGrad: boolean): { loss: Var; input: Var } {
  const reduction = 'reduction' in options ? options.reduction : 'mean';
  checkReduction(reduction);
  const shape = tensors.input.shape;
  const [rank, labelRank] = [shape.length, tensors.label.shape.length];
  if (rank - 1 !== labelRank && rank !== labelRank) {
    throw new PaddleValueError(`Expected input_dims - 1 = label_dims or input_dims == label_dims             (got input_dims${rank}, label_dims${labelRank})`);
  }
  if (rank < 2) throw new PaddleValueError(`Expected 2 or more dimensions (got ${rank})`);
  if (shape[1]! < 1) throw new PaddleValueError(`Expected 1 or more ${paddleReleaseBefore('3.0.0') ? 'classess' : 'classes'} (got num classes${shape[1]})`);
  const [n, c] = [shape[0]!, shape[1]!];
  const input = tape.leaf(tensors.input, needsGrad);
  // Rule nll-loss-nd-through-4d: ranks other than 2 and 4 are folded into the 4-D kernel.
  const folded = rank !== 2 && rank !== 4;
  const x = folded ? reshape(tape, input, [n, c, 1, -1]) : input;
  const label = folded ? reshape(tape, tape.leaf(tensors.label), [n, 1, -1]).value : tensors.label;
  let out = nllLossKernel(tape, x, label, tensors.weight, ignoreIndexOf(options), reduction as string);
  if (folded && reduction === 'none') out = reshape(tape, out, [n, ...shape.slice(2)]);
  return { loss: out, input };
}

/** Rule `nll-loss-reduction-checked-first`: the Python source's first statement (also the layer's constructor's). */
function checkReduction(reduction: unknown): void {
  if (reduction === 'none' || reduction === 'mean' || reduction === 'sum') return;
  throw new PaddleValueError(`The value of 'reduction' in nll_loss should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}, which is not allowed.`);
}

/** ignore_index as the argument parser reads it (rule `nll-loss-ignore-index-long`). */
function ignoreIndexOf(options: NllLossOptions): number {
  const v = 'ignore_index' in options ? options.ignore_index : -100;
  if (typeof v === 'number' && Number.isInteger(v)) {
    if (Math.abs(v) >= 2 ** 63 && v !== -(2 ** 63)) throw new PaddleSystemError('<built-in function nll_loss> returned a result with an exception set');
    return v;
  }
  const message = `nll_loss(): argument (position 4) must be long, but got ${pythonTypeName(v)}`;
  if (paddleReleaseBefore('3.0.0')) throw new PaddleValueError(`(InvalidArgument) ${message}`);
  throw new PaddleTypeError(`(InvalidType) ${message}`);
}
