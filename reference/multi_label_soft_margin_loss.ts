/**
 * paddle.nn.functional.multi_label_soft_margin_loss(input, label, weight=None, reduction='mean', name=None)
 * and paddle.nn.MultiLabelSoftMarginLoss(weight=None, reduction='mean', name=None).
 *
 * The documentation page:
 *
 *     loss(x, y) = − 1/C · Σ_i y[i] · log((1 + exp(−x[i]))^−1) + (1 − y[i]) · log(exp(−x[i]) / (1 + exp(−x[i])))
 *
 * with input and label float32 or float64 of one shape [N, *], an optional
 * weight "of size C", and the reduction ('mean' by default) of the N losses.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py; the same
 * source in every release from 2.6.2) as
 *
 *     if reduction not in ['sum', 'mean', 'none']: raise ValueError(...)
 *     if not (input.shape == label.shape): raise ValueError(...)
 *     loss = -(label * F.log_sigmoid(input) + (1 - label) * F.log_sigmoid(-input))
 *     if weight is not None: loss = loss * weight
 *     loss = loss.mean(axis=-1)
 *     'none': loss    'mean': paddle.mean(loss)    'sum': paddle.sum(loss)
 *
 * that is logsigmoid, multiply, scale (1 − label, −input, the outer minus),
 * logsigmoid, multiply, add, scale, multiply, mean along the last axis, then
 * mean or sum (reference/kernels/). So log σ(x) is logsigmoid's shifted form,
 * never log(sigmoid(x)): log σ(−100) is −100, not −inf (rule
 * `logsigmoid-packet-and-tail`); the weight rescales each class's term, as
 * the page reads, before the mean over classes (each row is Σ w·l / C), and
 * being a multiply it need only broadcast against [N, C] ([C], [1], [N, 1],
 * even [1, 1, C], which makes the result [1, N]; rule `multiply-broadcasts`).
 */
import { PaddleAttributeError, PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { add } from './kernels/add.js';
import { cast } from './kernels/cast.js';
import { logSigmoid } from './kernels/log_sigmoid.js';
import { mean, meanAlongLastAxis } from './kernels/mean.js';
import { multiplyOperator } from './kernels/multiply.js';
import { scale } from './kernels/scale.js';
import { sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { pythonStr } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { full, isTensor, type Tensor } from './tensor.js';

/** multi_label_soft_margin_loss's tensors, by Paddle's parameter names. */
export interface MultiLabelSoftMarginLossTensors {
  input: Tensor;
  label: Tensor;
  /** Absent is Python's None. */
  weight?: Tensor;
}

/** multi_label_soft_margin_loss's keyword arguments; an absent one takes Paddle's default. */
export interface MultiLabelSoftMarginLossOptions {
  reduction?: unknown;
  name?: unknown;
}

/** multi_label_soft_margin_loss's forward: the loss as Paddle 3.3.1 returns it. */
export function multiLabelSoftMarginLoss(tensors: MultiLabelSoftMarginLossTensors, options: MultiLabelSoftMarginLossOptions = {}): Tensor {
  return onTape(new Tape(), tensors, options, []).loss.value;
}

/**
 * The gradients of the tensors `wrt` names (input and label, and a given weight, by default), for upstream
 * `gradOutput` (ones of the loss's shape by default); only those are Paddle's stop_gradient=False, so an integer
 * label not asked for never meets the engine's refusal to add integer gradients.
 */
export function multiLabelSoftMarginLossGrad(tensors: MultiLabelSoftMarginLossTensors, options: MultiLabelSoftMarginLossOptions = {}, gradOutput?: Tensor, wrt?: readonly string[]): Record<string, Tensor> {
  const tape = new Tape();
  const { loss, leaves } = onTape(tape, tensors, options, wrt ?? ['input', 'label', 'weight']);
  const grads = tape.backward(loss, gradOutput ?? full(loss.value.shape, 1, loss.value.dtype));
  return Object.fromEntries(Object.entries(leaves).filter(([, v]) => v.needsGrad).map(([name, v]) => [name, grads.get(v.id)!]));
}

/**
 * paddle.nn.MultiLabelSoftMarginLoss: the functional form behind a
 * constructor that keeps the weight and checks the reduction at once.
 *
 * Rule `multi-label-soft-margin-layer-legacy-arguments`: PyTorch's removed
 * size_average and reduce raise ValueError since Paddle 3.3.0 (its legacy
 * reduction decorator); before, Python's TypeError.
 */
export class MultiLabelSoftMarginLoss {
  private readonly options: MultiLabelSoftMarginLossOptions & { weight?: Tensor };

  /** Checks the arguments as Paddle's constructor does. */
  constructor(options: MultiLabelSoftMarginLossOptions & { weight?: Tensor } & Record<string, unknown> = {}) {
    const legacy = (['size_average', 'reduce'] as const).find((k) => k in options);
    if (legacy !== undefined) {
      if (paddleReleaseBefore('3.3.0')) throw new PaddleTypeError(`MultiLabelSoftMarginLoss.__init__() got an unexpected keyword argument '${legacy}'`);
      const shown = (k: string): string => (k in options ? pythonStr(options[k]) : 'None');
      const suggested = options.reduce === false ? 'none' : options.size_average === false ? 'sum' : 'mean';
      throw new PaddleValueError(
        `[Deprecated] 'MultiLabelSoftMarginLoss' no longer supports 'reduce' or 'size_average'.\nDetected: reduce=${shown('reduce')}, size_average=${shown('size_average')}\nPlease use: reduction='${suggested}' instead.`,
      );
    }
    checkReduction('reduction' in options ? options.reduction : 'mean', 'MultiLabelSoftMarginloss');
    this.options = options;
  }

  /** The loss of the tensors, with the constructor's weight. */
  forward(tensors: MultiLabelSoftMarginLossTensors): Tensor {
    const { weight, ...options } = this.options;
    return multiLabelSoftMarginLoss({ input: tensors.input, label: tensors.label, ...(weight && { weight }) }, options);
  }
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, tensors: MultiLabelSoftMarginLossTensors, options: MultiLabelSoftMarginLossOptions, wrt: readonly string[]): { loss: Var; leaves: Record<string, Var> } {
  const reduction = 'reduction' in options ? options.reduction : 'mean';
  checkReduction(reduction, 'multi_label_soft_margin_loss');
  checkShapes(tensors.input, tensors.label);
  const x = tape.leaf(tensors.input, wrt.includes('input'));
  const y = tape.leaf(tensors.label, wrt.includes('label'));
  const w = tensors.weight && tape.leaf(tensors.weight, wrt.includes('weight'));
  const positive = multiplyOperator(tape, y, logSigmoid(tape, x));
  // `1 - label` is Tensor.__rsub__ with an int: scale(label, -1, 1), a bool label cast to int64 first (1 - True is 0;
  // before Paddle 3.0.0 bool's own scale, True).
  const oneMinus = scale(tape, y.value.dtype === 'bool' && !paddleReleaseBefore('3.0.0') ? cast(tape, y, 'int64') : y, -1, 1);
  const negative = multiplyOperator(tape, oneMinus, logSigmoid(tape, scale(tape, x, -1, 0)));
  let loss = scale(tape, add(tape, positive, negative), -1, 0);
  // `loss * weight` (rule multiply-broadcasts), then the mean over the last axis.
  if (w) loss = multiplyOperator(tape, loss, w);
  loss = meanAlongLastAxis(tape, loss);
  loss = reduction === 'mean' ? mean(tape, loss) : reduction === 'sum' ? sumAll(tape, loss) : loss;
  return { loss, leaves: { input: x, label: y, ...(w && { weight: w }) } };
}

/**
 * Rule `multi-label-soft-margin-reduction-checked-first`: a reduction other
 * than 'none', 'mean' or 'sum' raises ValueError before anything else is
 * looked at (a float16 input or a label of another shape too), naming the
 * function, or at the layer's construction naming 'MultiLabelSoftMarginloss'
 * (Paddle's spelling; Paddle 3.3.1).
 */
function checkReduction(reduction: unknown, api: string): void {
  if (reduction === 'none' || reduction === 'mean' || reduction === 'sum') return;
  throw new PaddleValueError(`'reduction' in '${api}' should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}.`);
}

/**
 * Rule `multi-label-soft-margin-shapes-must-equal`: `input.shape == label.shape`
 * compares Python lists, so no broadcasting ([2, 3] against [1, 3] raises
 * ValueError), before any kernel runs; a non-tensor operand raises
 * AttributeError there ('list' object has no attribute 'shape'). The
 * message prints paddle.Size([…]) since Paddle 3.3.0.
 */
function checkShapes(input: unknown, label: unknown): void {
  const shapeOf = (v: unknown): readonly number[] => {
    if (isTensor(v)) return v.shape;
    throw new PaddleAttributeError(`'${pythonTypeName(v)}' object has no attribute 'shape'`);
  };
  const [a, b] = [shapeOf(input), shapeOf(label)];
  if (a.length === b.length && a.every((v, i) => v === b[i])) return;
  const show = (s: readonly number[]): string => (paddleReleaseBefore('3.3.0') ? `[${s.join(', ')}]` : `paddle.Size([${s.join(', ')}])`);
  throw new PaddleValueError(`The input and label should have same dimension,but received ${show(a)}!=${show(b)}`);
}
