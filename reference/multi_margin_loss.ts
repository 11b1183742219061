/**
 * paddle.nn.functional.multi_margin_loss(input, label, p=1, margin=1.0, weight=None, reduction='mean', name=None)
 * and paddle.nn.MultiMarginLoss(p=1, margin=1.0, weight=None, reduction='mean', name=None).
 *
 * The documentation page, for input [N, C] and class indices label [N]:
 *
 *     loss_i = Σ_{j ≠ y_i} max(0, margin − x_i[y_i] + x_i[j])^p / C
 *     weighted: Σ_{j ≠ y_i} max(0, weight[y_i] · (margin − x_i[y_i] + x_i[j]))^p / C
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py) as
 *
 *     label = label.reshape((-1, 1)); s = paddle.index_sample(input, label)
 *     h = paddle.pow(paddle.clip(margin - s + input, min=0.0), p)        # every j, j = y_i included
 *     weight is None:  loss = paddle.mean(h, axis=1) - margin**p / paddle.shape(input)[1]
 *     else:            w = paddle.gather(weight, label, axis=0).reshape((-1, 1))
 *                      loss = paddle.mean(w * h, axis=1) - (w * (margin**p / paddle.shape(input)[1])).squeeze()
 *
 * So the j = y_i term is included and then subtracted as margin^p / C (rule `multi-margin-own-class-subtracted`),
 * that quotient a float32 tensor, and the weight multiplies the power, w · max(0, ·)^p, not inside it
 * (Rule `multi-margin-weight-outside-power`); before Paddle 3.1.1 it was inside the clip, and the subtracted
 * w · margin^p / C kept its [N, 1] shape, so the loss was [N, N].
 */
import { PaddleError, PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { add } from './kernels/add.js';
import { cast } from './kernels/cast.js';
import { clip } from './kernels/clip.js';
import { gather } from './kernels/gather.js';
import { indexSample } from './kernels/index_sample.js';
import { mean, meanAlongLastAxis } from './kernels/mean.js';
import { multiplyOperator } from './kernels/multiply.js';
import { pow } from './kernels/pow.js';
import { reshape, squeeze } from './kernels/reshape.js';
import { scale, scaleByFloat } from './kernels/scale.js';
import { subtractOperator } from './kernels/subtract.js';
import { sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { libmPow } from './elementary_pow.js';
import { dtypeOf } from './dtype.js';
import { pythonStr } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { full, Tensor } from './tensor.js';

/** multi_margin_loss's tensors, by Paddle's parameter names. */
export interface MultiMarginLossTensors {
  input: Tensor;
  /** Class indices, int32 or int64. */
  label: Tensor;
  /** Absent is Python's None. */
  weight?: Tensor;
}

/** multi_margin_loss's keyword arguments; an absent one takes Paddle's default. */
export interface MultiMarginLossOptions {
  p?: unknown;
  margin?: unknown;
  reduction?: unknown;
  name?: unknown;
}

/** multi_margin_loss's forward: the loss as Paddle 3.3.1 returns it. */
export function multiMarginLoss(tensors: MultiMarginLossTensors, options: MultiMarginLossOptions = {}): Tensor {
  return onTape(new Tape(), tensors, options, []).loss.value;
}

/** The gradients of the tensors `wrt` names (input and a given weight by default) for upstream `gradOutput` (ones by default). */
export function multiMarginLossGrad(tensors: MultiMarginLossTensors, options: MultiMarginLossOptions = {}, gradOutput?: Tensor, wrt?: readonly string[]): Record<string, Tensor> {
  const tape = new Tape();
  const { loss, leaves } = onTape(tape, tensors, options, wrt ?? ['input', 'weight']);
  const grads = tape.backward(loss, gradOutput ?? full(loss.value.shape, 1, loss.value.dtype));
  return Object.fromEntries(Object.entries(leaves).filter(([, v]) => v.needsGrad).map(([name, v]) => [name, grads.get(v.id)!]));
}

/**
 * paddle.nn.MultiMarginLoss: the functional form behind a constructor that checks the reduction at once.
 * Rule `multi-margin-layer-legacy-arguments`: size_average or reduce raise ValueError since Paddle 3.3.0, TypeError before.
 */
export class MultiMarginLoss {
  private readonly options: MultiMarginLossOptions & { weight?: Tensor };

  /** Checks the arguments as Paddle's constructor does. */
  constructor(options: MultiMarginLossOptions & { weight?: Tensor } & Record<string, unknown> = {}) {
    const legacy = (['size_average', 'reduce'] as const).find((k) => k in options);
    if (legacy !== undefined) {
      if (paddleReleaseBefore('3.3.0')) throw new PaddleTypeError(`MultiMarginLoss.__init__() got an unexpected keyword argument '${legacy}'`);
      throw new PaddleValueError("[Deprecated] 'MultiMarginLoss' no longer supports 'reduce' or 'size_average'.");
    }
    checkReduction('reduction' in options ? options.reduction : 'mean', 'MultiMarginLoss');
    this.options = options;
  }

  /** The loss of input against label, with the constructor's weight. */
  forward(tensors: Pick<MultiMarginLossTensors, 'input' | 'label'>): Tensor {
    const { weight, ...options } = this.options;
    return multiMarginLoss({ input: tensors.input, label: tensors.label, ...(weight && { weight }) }, options);
  }
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, tensors: MultiMarginLossTensors, options: MultiMarginLossOptions, wrt: readonly string[]): { loss: Var; leaves: Record<string, Var> } {
  const reduction = 'reduction' in options ? options.reduction : 'mean';
  const p = 'p' in options ? options.p : 1;
  const margin = 'margin' in options ? options.margin : 1.0;
  checkReduction(reduction, 'multi_margin_loss');
  const { input, label, weight } = tensors;
  const n = firstDimension(input);
  if (n !== firstDimension(label)) throw new PaddleValueError(`The label's shape[0] should be equal to input's shape[0], but received input's shape[0] ${n} and label's shape[0]:${label.shape[0]}. `);
  const x = tape.leaf(input, wrt.includes('input'));
  // Rule `multi-margin-label-column`: label.reshape((-1, 1)), whatever the label's shape.
  const index = new Tensor(label.dtype, [label.size, 1], label.data);
  const s = indexSample(tape, x, index);
  const w = weight && tape.leaf(weight, wrt.includes('weight'));
  if (w && input.shape[1] !== firstDimension(weight)) {
    throw new PaddleValueError(`The weight's shape[0] should be equal to input's shape[1]but received weight's shape[0]: ${weight.shape[0]} and input's shape[1]: ${input.shape[1]}`);
  }
  const wy = w && reshape(tape, gather(tape, w, index), [-1, 1]);
  // `margin - s` is scale(s, -1, margin) (an integer s cast to float32 first); `+ input` the `+` operator.
  const m = checkedMargin(margin, p);
  // An int (a bigint here) or bool margin keeps an integer s's dtype (True - s is int32; Paddle 3.3.1).
  const shifted = addOperator(tape, typeof margin === 'boolean' || typeof margin === 'bigint' ? scale(tape, s, -1, m) : scaleByFloat(tape, s, -1, m), x);
  // Rule `multi-margin-weight-outside-power`: w · max(0, ·)^p since Paddle 3.1.1, max(0, w · (·))^p before.
  const inside = wy !== undefined && paddleReleaseBefore('3.1.1');
  const clipped = inside ? multiplyOperator(tape, wy, shifted) : shifted;
  // Since Paddle 3.2.0 paddle.clip casts an integer x to float32 when a bound is a float (min=0.0 here).
  const castFirst = !dtypeOf(clipped.value.dtype).floating && !paddleReleaseBefore('3.2.0');
  let h = powOf(tape, clip(tape, castFirst ? cast(tape, clipped, 'float32') : clipped, 0.0), p);
  if (wy && !inside) h = multiplyOperator(tape, wy, h);
  // Rule `multi-margin-own-class-subtracted`: margin**p / C, a Python float over paddle.shape's int tensor: float32.
  const own = tape.leaf(full([], Math.fround(Math.fround(pythonPow(m, p)) / input.shape[1]!), 'float32'));
  const subtracted = wy === undefined ? own : inside ? multiplyOperator(tape, wy, own) : squeeze(tape, multiplyOperator(tape, wy, own));
  let loss = subtractOperator(tape, meanAlongLastAxis(tape, h), subtracted);
  loss = reduction === 'mean' ? mean(tape, loss) : reduction === 'sum' ? sumAll(tape, loss) : loss;
  return { loss, leaves: { input: x, ...(w && { weight: w }) } };
}

/** margin as `margin - s` and `margin ** p` take it: a bool is 0 or 1, a Python int a bigint, None fails in __rsub__, a str in `**`. */
function checkedMargin(margin: unknown, p: unknown): number {
  if (typeof margin === 'number' || typeof margin === 'boolean' || typeof margin === 'bigint') return Number(margin);
  if (typeof margin === 'string') throw new PaddleTypeError(`unsupported operand type(s) for ** or pow(): 'str' and '${pythonTypeName(p)}'`);
  const message = `(InvalidType) __rsub__(): argument (position 1) must be int, float, bool or Tensor, but got ${pythonTypeName(margin)}`;
  throw paddleReleaseBefore('3.0.0') ? new PaddleValueError(message) : new PaddleTypeError(message);
}

/** A tensor's shape[0]: Python's IndexError for a 0-D tensor (Rule `multi-margin-label-column`). */
function firstDimension(t: Tensor): number {
  if (t.shape.length === 0) throw new PaddleError('IndexError', 'list index out of range');
  return t.shape[0]!;
}

/** `a + b` of two tensors: before Paddle 3.0.0 the operator cast b to a's dtype unless both are floats (an int input meets a float32 a). */
function addOperator(tape: Tape, a: Var, b: Var): Var {
  const floats = dtypeOf(a.value.dtype).floating && dtypeOf(b.value.dtype).floating;
  return paddleReleaseBefore('3.0.0') && a.value.dtype !== b.value.dtype && !floats ? add(tape, a, cast(tape, b, a.value.dtype)) : add(tape, a, b);
}

/** paddle.pow(x, p), Rule `multi-margin-p-unchecked`: an int, float or bool p is pow's factor; anything else TypeError (AttributeError before Paddle 3.0.0). */
function powOf(tape: Tape, x: Var, p: unknown): Var {
  if (typeof p === 'number' || typeof p === 'boolean') return pow(tape, x, Number(p));
  if (paddleReleaseBefore('3.0.0')) throw new PaddleError('AttributeError', `'${pythonTypeName(p)}' object has no attribute 'dtype'`);
  throw new PaddleTypeError(`y must be scalar, Tensor(in dygraph mode), Value(in pir mode) but received: <class '${pythonTypeName(p)}'>`);
}

/**
 * Python's `margin ** p` of floats (CPython's float_pow over the C library's pow). Rule
 * `multi-margin-p-unchecked`: 0.0 ** −1 is ZeroDivisionError, an overflow OverflowError, and a
 * negative margin to a non-integer power a complex number (a complex64 loss, not reproduced here).
 */
function pythonPow(m: number, p: unknown): number {
  const e = Number(p);
  if (m === 0 && e < 0) throw new PaddleError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
  if (m < 0 && Number.isFinite(m) && Number.isFinite(e) && !Number.isInteger(e)) throw new Error('multi_margin_loss: a negative margin to a non-integer power is complex in Paddle; not reproduced');
  const v = libmPow(m, e);
  if (!Number.isFinite(v) && Number.isFinite(m) && Number.isFinite(e)) throw new PaddleError('OverflowError', "(34, 'Numerical result out of range')");
  return v;
}

/** Rule `multi-margin-reduction-checked-first`: a reduction other than 'none', 'mean' or 'sum' raises ValueError before anything else. */
function checkReduction(reduction: unknown, api: string): void {
  if (reduction === 'none' || reduction === 'mean' || reduction === 'sum') return;
  throw new PaddleValueError(`'reduction' in '${api}' should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}.`);
}
