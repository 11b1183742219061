/**
 * paddle.nn.functional.cross_entropy(input, label, weight=None, ignore_index=-100, reduction='mean',
 * soft_label=False, axis=-1, use_softmax=True, label_smoothing=0.0, name=None)
 *
 * The documentation page: with p = softmax(input) along axis (input itself when use_softmax is False),
 * a hard label's loss is −log p[label] (× weight[label]), a soft label's −Σ label · log p (× Σ label · weight);
 * 'mean' divides the sum by the count of labels not equal to ignore_index, or by the sum of their weights.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py) as
 *
 *     checks: reduction, ignore_index > 0 with soft_label, a 0-D input
 *     if input.ndim − 1 == label.ndim: label = unsqueeze(label, axis)    (else ndim must be equal)
 *     if label_smoothing > 0: soft_label = True; label = one_hot(squeeze(label, axis), input.shape[−1])
 *                             (when it was unsqueezed); label_smooth(label, ε).astype(input.dtype)
 *     out = cross_entropy_with_softmax(input, label, soft_label, use_softmax, True, ignore_index, axis)
 *     weight, soft: out = cast(out) · reshape(matmul(label, weight))
 *     weight, hard: out = cast(out) · reshape(gather_nd(weight, label · (label != ignore)) · (label != ignore))
 *     sum: sum(out)   none: squeeze(out, axis) when the label was unsqueezed
 *     mean: empty input: mean_all(out + nan); ignore_index ≥ 0: sum(out) / (count or Σw of label != ignore, 0 → 1);
 *           weight: sum(out) / Σw (0 → 1); otherwise mean_all(out)
 *
 * Rule `cross-entropy-mean-counts-ignored-below-zero`: 'mean' leaves out the ignored labels only when
 * ignore_index ≥ 0: with the default −100 a label −100 gives loss 0 and still counts in mean_all's N (labels
 * [−100, 0] average one loss over 2). Before Paddle 3.0.0 it left them out whenever a label equalled ignore_index.
 * Rule `cross-entropy-label-smoothing-smooths-every-label`: label_smoothing one-hots hard labels over
 * input.shape[−1], appended as the last axis whatever axis says, and smooths every label: one equal to a
 * non-negative ignore_index is smoothed and counted like any other, and −100 is refused by one_hot (ValueError).
 * Rule `cross-entropy-soft-mean-counts-entries`: with soft (or smoothed) labels and ignore_index ≥ 0, 'mean'
 * divides by the count of label entries != ignore_index (N·C of them when none equals it), not by N.
 * Rule `cross-entropy-weight-dtype-wins`: with a weight the loss is cast to the dtype of weight[label] times the
 * mask (in input's dtype), so a float64 weight makes a float32 input's loss float64.
 * Since Paddle 3.3.0 `target` names the label too (ParamAliasDecorator({"label": ["target"]}), the functional
 * form and the layer's forward); before, `target=` is a TypeError (unexpected keyword argument). Requests pass
 * tensors positionally, so only the reference's own tests reach it.
 */
import { kernelBool, kernelInt, pythonGreater, truthy, unsqueezeAxis } from './cross_entropy_arguments.js';
import { PaddleIndexError, PaddleTypeError, PaddleValueError } from './errors.js';
import { add } from './kernels/add.js';
import { cast } from './kernels/cast.js';
import { crossEntropyWithSoftmax } from './kernels/cross_entropy_with_softmax.js';
import { divideOperator } from './kernels/divide.js';
import { elementEquals } from './kernels/equal.js';
import { gatherNd } from './kernels/gather_nd.js';
import { meanAll } from './kernels/mean_all.js';
import { multiply, multiplyOperator } from './kernels/multiply.js';
import { labelSmooth } from './kernels/label_smooth.js';
import { oneHotValues } from './kernels/one_hot.js';
import { reshape, squeeze, unsqueeze } from './kernels/reshape.js';
import { sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { dtypeOf } from './dtype.js';
import { pythonStr } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { full, Tensor } from './tensor.js';

/** cross_entropy's tensors, by Paddle's parameter names (`target` for label since Paddle 3.3.0). */
export interface CrossEntropyTensors {
  input: Tensor;
  label?: Tensor;
  target?: Tensor;
  weight?: Tensor;
}

/** cross_entropy's keyword arguments; an absent one takes Paddle's default. */
export interface CrossEntropyOptions {
  ignore_index?: unknown;
  reduction?: unknown;
  soft_label?: unknown;
  axis?: unknown;
  use_softmax?: unknown;
  label_smoothing?: unknown;
  name?: unknown;
}

/** cross_entropy's forward: the loss as Paddle 3.3.1 returns it. */
export function crossEntropy(tensors: CrossEntropyTensors, options: CrossEntropyOptions = {}): Tensor {
  return onTape(new Tape(), tensors, options, false).loss.value;
}

/** cross_entropy's gradient with respect to input, for upstream `gradOutput` (ones of the loss's shape by default). */
export function crossEntropyGrad(tensors: CrossEntropyTensors, options: CrossEntropyOptions = {}, gradOutput?: Tensor): Record<string, Tensor> {
  const tape = new Tape();
  const { loss, input } = onTape(tape, tensors, options, true);
  return { input: tape.backward(loss, gradOutput ?? full(loss.value.shape, 1, loss.value.dtype)).get(input.id)! };
}

/** What 'mean' divides the summed loss by when it is not the element count: the total (Σ of the kept labels' weights, or their count; 0 is then divided as 1), Σ|w| over them and the number of summands. */
export interface CrossEntropyDivisor {
  total: number;
  absolute: number;
  count: number;
}

/** The divisor of the reduced loss under 'mean', or undefined when it is the mean over the elements. */
export function crossEntropyMeanDivisor(tensors: CrossEntropyTensors, options: CrossEntropyOptions = {}): CrossEntropyDivisor | undefined {
  const divisor = onTape(new Tape(), tensors, { ...options, reduction: 'mean' }, false).divisor;
  if (divisor === undefined) return undefined;
  const weights = Array.from({ length: divisor.kept.size }, (_, k) => divisor.kept.at(k));
  return { total: divisor.total.at(0), absolute: weights.reduce((a, w) => a + Math.abs(w), 0), count: weights.length };
}

/** paddle.nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean', soft_label=False, axis=-1, use_softmax=True, label_smoothing=0.0, name=None). */
export class CrossEntropyLoss {
  private readonly options: CrossEntropyOptions & { weight?: Tensor };

  /** Rule `cross-entropy-layer-legacy-arguments`: size_average or reduce raise ValueError since Paddle 3.3.0 (legacy_reduction_special_decorator), TypeError before. */
  constructor(options: CrossEntropyOptions & { weight?: Tensor } & Record<string, unknown> = {}) {
    const legacy = (['size_average', 'reduce'] as const).find((k) => k in options);
    if (legacy !== undefined) {
      if (paddleReleaseBefore('3.3.0')) throw new PaddleTypeError(`CrossEntropyLoss.__init__() got an unexpected keyword argument '${legacy}'`);
      throw new PaddleValueError("[Deprecated] 'CrossEntropyLoss' no longer supports 'reduce' or 'size_average'.");
    }
    this.options = options;
  }

  /** The loss of the tensors. */
  forward(tensors: CrossEntropyTensors): Tensor {
    return crossEntropy({ ...tensors, ...(this.options.weight && { weight: this.options.weight }) }, this.options);
  }
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, tensors: CrossEntropyTensors, options: CrossEntropyOptions, needsGrad: boolean): { loss: Var; input: Var; divisor?: { total: Tensor; kept: Tensor } } {
  const o = { ignore_index: -100, reduction: 'mean', soft_label: false, axis: -1, use_softmax: true, label_smoothing: 0, ...options } as Required<CrossEntropyOptions>;
  if (o.reduction !== 'sum' && o.reduction !== 'mean' && o.reduction !== 'none') {
    throw new PaddleValueError(`The value of 'reduction' in softmax_cross_entropyshould be 'sum', 'mean' or 'none', but received ${pythonStr(o.reduction)}, which is not allowed.`);
  }
  // Rule cross-entropy-argument-types (cross_entropy_arguments.ts), in Paddle's order.
  if (pythonGreater(o.ignore_index, 0, 'int') && truthy(o.soft_label)) {
    throw new PaddleValueError(`When soft_label == True, the value of 'ignore_index' in softmax_cross_entropyshould be '-100', but received ${pythonStr(o.ignore_index)}, which is not allowed.`);
  }
  let softLabel: unknown = o.soft_label;
  const input = tape.leaf(tensors.input, needsGrad);
  const rank = input.value.shape.length;
  if (rank === 0) throw new PaddleValueError('The dimension of input should be larger than zero!');
  let label = tape.leaf(labelOf(tensors));
  const labelRank = label.value.shape.length;
  let unsqueezed = rank - 1 === labelRank;
  if (unsqueezed) {
    const at = unsqueezeAxis(o.axis, labelRank);
    if (at !== null) label = unsqueeze(tape, label, at);
  } else if (rank !== labelRank) throw new PaddleValueError(`Expected input_dims - 1 = label_dims or input_dims == label_dims             (got input_dims${rank}, label_dims${labelRank})`);
  if (pythonGreater(o.label_smoothing, 0, 'float')) {
    // cross-entropy-label-smoothing-smooths-every-label: classes from input.shape[-1], appended last.
    softLabel = true;
    let l = label.value;
    if (unsqueezed) l = oneHotValues(squeeze(tape, label, o.axis as number).value, input.value.shape[rank - 1]!);
    label = cast(tape, tape.leaf(labelSmooth(l, Number(o.label_smoothing))), input.value.dtype);
    unsqueezed = false;
  }
  // valid_label = cast(label != ignore_index, label.dtype) * label: computed for hard labels before the kernel.
  const valid = truthy(softLabel) ? undefined : multiplyOperator(tape, cast(tape, notEqual(tape, label, Number(o.ignore_index)), label.value.dtype), label);
  const soft = kernelBool(softLabel, 3);
  const useSoftmax = kernelBool(o.use_softmax, 4);
  const ignore = kernelInt(o.ignore_index, 6);
  const axis = kernelInt(o.axis, 7);
  let { loss: out } = crossEntropyWithSoftmax(tape, input, label, { softLabel: soft, useSoftmax, ignoreIndex: ignore, axis });
  const weight = tensors.weight === undefined ? undefined : tape.leaf(tensors.weight);
  let gathered: Var | undefined;
  if (weight !== undefined) {
    gathered = soft ? softWeights(tape, label, weight, out) : hardWeights(tape, input.value, label, valid!.value, weight, out, ignore, axis);
    out = multiply(tape, cast(tape, out, gathered.value.dtype), gathered);
  }
  if (o.reduction === 'sum') return { loss: sumAll(tape, out), input };
  if (o.reduction === 'none') return { loss: unsqueezed ? squeeze(tape, out, axis) : out, input };
  // An empty input: mean_all(out + nan), out being empty or the [1] loss of zero classes.
  if (input.value.size === 0 && !paddleReleaseBefore('3.1.0')) return { loss: meanAll(tape, add(tape, out, tape.leaf(full([], NaN, out.value.dtype)))), input };
  // Rule cross-entropy-mean-counts-ignored-below-zero.
  const leaveOut = paddleReleaseBefore('3.0.0') ? Array.from(notEqual(tape, label, ignore).value.data).includes(0) : Number(o.ignore_index) >= 0;
  if (leaveOut) {
    const outSum = sumAll(tape, out);
    const mask = notEqual(tape, label, ignore);
    const kept = gathered === undefined ? cast(tape, mask, outSum.value.dtype) : multiply(tape, cast(tape, mask, gathered.value.dtype), gathered);
    const total = sumAll(tape, kept);
    return { loss: trueDivide(tape, outSum, nonZero(tape, total)), input, divisor: { total: total.value, kept: kept.value } };
  }
  if (gathered !== undefined) {
    const total = sumAll(tape, gathered);
    return { loss: trueDivide(tape, sumAll(tape, out), nonZero(tape, total)), input, divisor: { total: total.value, kept: gathered.value } };
  }
  return { loss: meanAll(tape, out), input };
}

/** The label, by either name; both given is Paddle's ValueError, `target` before Paddle 3.3.0 a TypeError. */
function labelOf(tensors: CrossEntropyTensors): Tensor {
  if (tensors.target !== undefined) {
    if (paddleReleaseBefore('3.3.0')) throw new PaddleTypeError("cross_entropy() got an unexpected keyword argument 'target'");
    if (tensors.label !== undefined) throw new PaddleValueError("Cannot specify both 'label' and its alias 'target'");
    return tensors.target;
  }
  if (tensors.label === undefined) throw new PaddleTypeError("cross_entropy() missing 1 required positional argument: 'label'");
  return tensors.label;
}

/** `x != value` (Tensor.__ne__ with a Python int) as a bool leaf; a bool tensor meets the int as an int (True != 2) since Paddle 3.0.0. */
function notEqual(tape: Tape, x: Var, value: number): Var {
  const out = new Uint8Array(x.value.size);
  for (let k = 0; k < out.length; k++) {
    // Before Paddle 3.0.0 the int was cast to bool (True == 2).
    const equal = x.value.dtype === 'bool' && !paddleReleaseBefore('3.0.0') ? x.value.at(k) === value : elementEquals(x.value.at(k), x.value.dtype, Number.isInteger(value) ? BigInt(value) : value);
    out[k] = equal ? 0 : 1;
  }
  return tape.leaf(new Tensor('bool', x.value.shape, out));
}

/** x / y as Tensor.__truediv__ gives it: two integer sums (an integer weight's) divide in float32. */
function trueDivide(tape: Tape, x: Var, y: Var): Var {
  if (dtypeOf(x.value.dtype).floating || dtypeOf(y.value.dtype).floating) return divideOperator(tape, x, y);
  return divideOperator(tape, cast(tape, x, 'float32'), cast(tape, y, 'float32'));
}

/** t + (t == 0.0).astype(t.dtype): a zero denominator becomes 1. */
function nonZero(tape: Tape, t: Var): Var {
  const isZero = tape.leaf(new Tensor('bool', t.value.shape, Uint8Array.of(elementEquals(t.value.at(0), t.value.dtype, 0) ? 1 : 0)));
  // Before Paddle 3.0.0 the bool was added without astype; the sum is the same.
  return add(tape, t, cast(tape, isZero, t.value.dtype));
}

/** The soft labels' per-column weight: matmul(cast(label, weight.dtype), weight, transpose_y=True) reshaped to the loss's shape. */
function softWeights(tape: Tape, label: Var, weight: Var, out: Var): Var {
  const l = cast(tape, label, weight.value.dtype).value;
  const w = weight.value;
  const d = dtypeOf(w.dtype);
  const c = l.shape[l.shape.length - 1]!;
  const k = w.shape.length === 2 ? w.shape[0]! : 1;
  const wc = w.shape[w.shape.length - 1]!;
  if (wc !== c) throw new PaddleValueError(`(InvalidArgument) In operator matmul, the [${l.shape.length - 1}] dimension of Input(X) must be equal to the [${w.shape.length === 1 ? 0 : -1}] dimension of Input(Y). But receiving the [${l.shape.length - 1}]dimension of Input(X) is [${c}], and the [${w.shape.length === 1 ? 0 : -1}] dimension of Input(Y) is [${wc}].`);
  const rows = l.size / Math.max(c, 1);
  const values = d.allocate(rows * k);
  for (let i = 0; i < rows; i++) {
    for (let m = 0; m < k; m++) {
      let s = 0;
      for (let j = 0; j < c; j++) s = d.round(s + d.round(l.at(i * c + j) * w.at(m * c + j)));
      d.set(values, i * k + m, s);
    }
  }
  const shape = w.shape.length === 2 ? [...l.shape.slice(0, -1), k] : l.shape.slice(0, -1);
  return reshape(tape, tape.leaf(new Tensor(w.dtype, shape, values)), out.value.shape);
}

/** The hard labels' per-column weight: weight[label] where label != ignore_index, 0 elsewhere, in the label's shape. */
function hardWeights(tape: Tape, input: Tensor, label: Var, valid: Tensor, weight: Var, out: Var, ignore: number, axis: number): Var {
  const a = axis < 0 ? axis + input.shape.length : axis;
  if (weight.value.shape.length === 0) throw new PaddleIndexError('list index out of range');
  if (input.shape[a] !== weight.value.shape[weight.value.shape.length - 1]) {
    throw new PaddleValueError(`input's class_dimension(${input.shape[a]}) must equal to weight's class_dimension(${weight.value.shape[weight.value.shape.length - 1]}) when weight is provided`);
  }
  // gather_nd reads the index's last axis: the label's class axis moved last (the transpose the source makes).
  const moved = a === label.value.shape.length - 1 ? valid : new Tensor(valid.dtype, [...valid.shape.filter((_, i) => i !== a), 1], valid.data);
  const mask = squeezeMask(tape, cast(tape, notEqual(tape, label, ignore), out.value.dtype), a);
  const gathered = multiply(tape, gatherNd(tape, weight, moved), mask);
  return reshape(tape, gathered, label.value.shape);
}

/** The ignore mask without its class axis when that axis is 1. */
function squeezeMask(tape: Tape, mask: Var, axis: number): Var {
  return mask.value.shape.length > 1 && mask.value.shape[axis] === 1 ? squeeze(tape, mask, axis) : mask;
}
