/**
 * paddle.nn.functional.multi_label_margin_loss(input, label, reduction='mean', name=None) and
 * paddle.nn.MultiLabelMarginLoss(reduction='mean', name=None), since Paddle 3.1.1.
 *
 * The documentation page:
 *
 *     loss(input_i, label_i) = Σ_{j ∈ valid_labels} Σ_{k ∉ valid_labels} max(0, 1 − (input_i[valid_labels[j]] − input_i[k])) / C
 *
 * with input [N, C] float32 or float64, label [N, C] int32 or int64 of class indices, valid_labels
 * the non-negative ones "stopping at the first -1 encountered", and the reduction ('mean' by
 * default) of the N losses.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py; the same source in 3.1.1 to 3.3.1) as
 *
 *     if reduction not in ['sum', 'mean', 'none']: raise ValueError(...)
 *     if input.dim() != 2: raise ValueError(...)       if label.dim() != 2: raise ValueError(...)
 *     N, C = input.shape
 *     if label.numel() > 0: paddle.min(label) < -1 or paddle.max(label) >= C: raise ValueError(...)
 *     valid_mask = (label != -1).cast('int32'); valid_mask = valid_mask * valid_mask.cumprod(dim=1)
 *     row_ids, col_ids = paddle.where(valid_mask); targets_flat = label[row_ids, col_ids]
 *     invalid_mask = paddle.ones([N, C], dtype='bool'); invalid_mask[row_ids, targets_flat] = False
 *     input_target = input[row_ids, targets_flat].unsqueeze(-1)
 *     margin = 1 - input_target + input[row_ids]
 *     margin = paddle.where(invalid_mask[row_ids], margin, paddle.zeros_like(margin))
 *     relu_margin = paddle.maximum(margin, paddle.zeros_like(margin))
 *     losses = paddle.scatter_nd_add(paddle.zeros([N], dtype=input.dtype), row_ids.unsqueeze(-1), relu_margin.sum(axis=1))
 *     losses /= C
 *     'mean': paddle.mean(losses)    'sum': paddle.sum(losses)    'none': losses
 *
 * The label side (masks, cumprod, nonzero, the setitem) is integer bookkeeping with no gradient and
 * no rounding, computed here directly; the input side is the kernel layer's (reference/kernels/):
 * index_get, scale, add, where, maximum, sum along the last axis, scatter_nd_add, divide, mean or sum.
 * Rule `multi-label-margin-sum-order`: the margin is (1 − x[y]) + x[k], two roundings (not
 * 1 − (x[y] − x[k])); each target's terms are summed left to right over all C columns (its own and
 * the other targets' are +0), the targets of a row added to +0 in order, then divided by C once
 * (Paddle 3.3.1; a NaN anywhere in a row with a target makes the loss NaN, maximum's rule).
 */
import { PaddleAttributeError, PaddleIndexError, PaddleTypeError, PaddleValueError, kernelNotRegistered, pythonTypeName } from './errors.js';
import { add } from './kernels/add.js';
import { cast } from './kernels/cast.js';
import { indexGet } from './kernels/index_get.js';
import { maximum } from './kernels/maximum.js';
import { mean } from './kernels/mean.js';
import { scale } from './kernels/scale.js';
import { divideByInt } from './kernels/scale_divide.js';
import { scatterNdAdd } from './kernels/scatter_nd_add.js';
import { sumAlongAxis, sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { where } from './kernels/where.js';
import { dtypeOf } from './dtype.js';
import { pythonStr } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { full, isTensor, Tensor } from './tensor.js';

/** multi_label_margin_loss's tensors, by Paddle's parameter names. */
export interface MultiLabelMarginLossTensors {
  input: Tensor;
  label: Tensor;
}

/** multi_label_margin_loss's keyword arguments; an absent one takes Paddle's default. */
export interface MultiLabelMarginLossOptions {
  reduction?: unknown;
  name?: unknown;
}

/** multi_label_margin_loss's forward: the loss as Paddle 3.3.1 returns it. */
export function multiLabelMarginLoss(tensors: MultiLabelMarginLossTensors, options: MultiLabelMarginLossOptions = {}): Tensor {
  return onTape(new Tape(), tensors, options, false).loss.value;
}

/** The gradient of input (the label's are class indices), for upstream `gradOutput` (ones of the loss's shape by default). */
export function multiLabelMarginLossGrad(tensors: MultiLabelMarginLossTensors, options: MultiLabelMarginLossOptions = {}, gradOutput?: Tensor): Record<string, Tensor> {
  const tape = new Tape();
  const { loss, input } = onTape(tape, tensors, options, true);
  const grads = tape.backward(loss, gradOutput ?? full(loss.value.shape, 1, loss.value.dtype));
  return { input: grads.get(input.id) ?? full(tensors.input.shape, 0, tensors.input.dtype) };
}

/**
 * paddle.nn.MultiLabelMarginLoss: the functional form behind a constructor that checks the reduction at once.
 *
 * Rule `multi-label-margin-layer-legacy-arguments`: PyTorch's removed size_average and reduce raise
 * ValueError since Paddle 3.3.0 (its legacy reduction decorator); before, Python's TypeError.
 */
export class MultiLabelMarginLoss {
  private readonly options: MultiLabelMarginLossOptions;

  /** Checks the arguments as Paddle's constructor does. */
  constructor(options: MultiLabelMarginLossOptions & Record<string, unknown> = {}) {
    const legacy = (['size_average', 'reduce'] as const).find((k) => k in options);
    if (legacy !== undefined) {
      if (paddleReleaseBefore('3.3.0')) throw new PaddleTypeError(`MultiLabelMarginLoss.__init__() got an unexpected keyword argument '${legacy}'`);
      const shown = (k: string): string => (k in options ? pythonStr(options[k]) : 'None');
      const suggested = options.reduce === false ? 'none' : options.size_average === false ? 'sum' : 'mean';
      throw new PaddleValueError(
        `[Deprecated] 'MultiLabelMarginLoss' no longer supports 'reduce' or 'size_average'.\nDetected: reduce=${shown('reduce')}, size_average=${shown('size_average')}\nPlease use: reduction='${suggested}' instead.`,
      );
    }
    checkReduction('reduction' in options ? options.reduction : 'mean', 'MultiLabelMarginLoss');
    this.options = options;
  }

  /** The loss of the tensors. */
  forward(tensors: MultiLabelMarginLossTensors): Tensor {
    return multiLabelMarginLoss(tensors, this.options);
  }
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, tensors: MultiLabelMarginLossTensors, options: MultiLabelMarginLossOptions, needsGrad: boolean): { loss: Var; input: Var } {
  const reduction = 'reduction' in options ? options.reduction : 'mean';
  checkReduction(reduction, 'multi_label_margin_loss');
  const [input, label] = [twoD(tensors.input, 'input'), twoD(tensors.label, 'label')];
  const [n, c] = input.shape as [number, number];
  checkLabelRange(label, c);
  const { rows, targets } = validTargets(label);
  if (rows.length === 0 && input.size > 0) throw noTarget();
  const x = tape.leaf(input, needsGrad);
  // margin = 1 - input[row_ids, targets].unsqueeze(-1) + input[row_ids]: [T, 1] + [T, C].
  const target = indexGet(tape, x, rows, targets);
  // `1 - t` is Tensor.__rsub__ with an int: scale(t, -1, 1), a bool t cast to int64 first.
  const column = reshaped(tape, target, [rows.length, 1]);
  const oneMinus = scale(tape, column.value.dtype === 'bool' ? cast(tape, column, 'int64') : column, -1, 1);
  let margin = add(tape, oneMinus, indexGet(tape, x, rows));
  // Every target column of the row is +0 (k ∉ valid_labels), through where, whose gradient there is +0.
  const isTarget = new Set(rows.map((r, j) => r * c + targets[j]!));
  const notTarget = new Tensor('bool', [rows.length, c], Uint8Array.from({ length: rows.length * c }, (_, k) => (isTarget.has(rows[Math.floor(k / c)]! * c + (k % c)) ? 0 : 1)));
  const zeros = tape.leaf(full(margin.value.shape, 0, margin.value.dtype));
  margin = where(tape, tape.leaf(notTarget), margin, zeros);
  const sums = sumAlongAxis(tape, maximum(tape, margin, zeros), -1);
  let losses = scatterNdAdd(tape, tape.leaf(full([n], 0, input.dtype)), rows, sums);
  // `losses /= C`: Tensor.__truediv__ with an int, an integer tensor cast to float32 first.
  // Rule `multi-label-margin-integer-input`: an int64 input computes in int64 and gives a float32 loss; int32 stops
  // at scatter_nd_add (its rows' sum is int64) with TypeError, bool at `1 - input_target + …` (TypeError).
  if (!dtypeOf(losses.value.dtype).floating) losses = cast(tape, losses, 'float32');
  losses = divideByInt(tape, losses, c);
  const loss = reduction === 'mean' ? mean(tape, losses) : reduction === 'sum' ? sumAll(tape, losses) : losses;
  return { loss, input: x };
}

/**
 * Rule `multi-label-margin-reduction-checked-first`: a reduction other than 'none', 'mean' or 'sum'
 * raises ValueError before anything else is looked at, naming the function, or at the layer's
 * construction naming 'MultiLabelMarginLoss' (Paddle 3.1.1 and 3.3.1).
 */
function checkReduction(reduction: unknown, api: string): void {
  if (reduction === 'none' || reduction === 'mean' || reduction === 'sum') return;
  throw new PaddleValueError(`'reduction' in '${api}' should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}.`);
}

/**
 * Rule `multi-label-margin-2-d-only`: input, then label, must be 2-D (ValueError, "Expected 2D input
 * tensor, but got 1D"): a single sample [C] is refused, although the page's formula is per sample; a
 * non-tensor raises AttributeError (`.dim()`).
 *
 * Rule `multi-label-margin-label-shape-unchecked`: the label need not have input's shape: fewer columns,
 * or fewer rows (their losses 0); a target in a row past N is written out of bounds by Paddle (IndexError,
 * or a crash: SIGSEGV for an empty batch, free(): invalid pointer for a [12, 4] label against [6, 5]).
 */
function twoD(t: unknown, name: string): Tensor {
  if (!isTensor(t)) throw new PaddleAttributeError(`'${pythonTypeName(t)}' object has no attribute 'dim'`);
  if (t.shape.length !== 2) throw new PaddleValueError(`Expected 2D ${name} tensor, but got ${t.shape.length}D`);
  return t;
}

/**
 * Rule `multi-label-margin-label-range-checked`: paddle.min and paddle.max of the whole label, after
 * the first −1 too: a value below −1 raises ValueError ("label values should be >= -1"), then one of C
 * or more ("label values should be < C"). min has int32, int64, float32 and float64 kernels only: a
 * bool, float16 or bfloat16 label raises RuntimeError; a float label passes and fails at indexing
 * (ValueError). An empty label is not checked: a float16 or bfloat16 one raises RuntimeError in
 * gather_nd, a bool [0, C] one IndexError (Paddle 3.1.1 and 3.3.1).
 */
function checkLabelRange(label: Tensor, c: number): void {
  if (label.size === 0) {
    // Unchecked, the empty label meets gather_nd (label[row_ids, col_ids]), which has no 16-bit float kernel, and a bool one is read as a mask.
    if (label.dtype === 'float16' || label.dtype === 'bfloat16') throw kernelNotRegistered('gather_nd', label.dtype, GATHER_ND_DTYPES);
    if (label.dtype === 'bool' && label.shape[1]! > 0) throw new PaddleIndexError(`(OutOfRange) The shape of boolean index 0 did not match indexed tensor ${label.shape[1]} along axis 1.`);
    return;
  }
  if (!LABEL_MIN_DTYPES.split(', ').includes(label.dtype)) throw kernelNotRegistered('min', label.dtype, LABEL_MIN_DTYPES);
  const values = Array.from({ length: label.size }, (_, k) => label.at(k));
  if (values.some((v) => v < -1)) throw new PaddleValueError('label values should be >= -1');
  if (values.some((v) => v >= c)) throw new PaddleValueError(`label values should be < ${c}`);
  if (dtypeOf(label.dtype).floating) {
    throw new PaddleValueError('(InvalidArgument) The type of data we are trying to retrieve (int64) does not match the type of data (float32) currently contained in the container.');
  }
}

/** The dtypes of the CPU gather_nd kernel, in its message's order. */
const GATHER_ND_DTYPES = 'int16, float64, complex128, int32, uint8, float32, complex64, bool, int64, int8';

/** The dtypes of the CPU min kernel, in its message's order. */
const LABEL_MIN_DTYPES = 'int32, int64, float64, float32';

/**
 * Each row's targets, the label's values up to (not including) its first −1, as paddle.where lists
 * them: row by row, left to right. Rule `multi-label-margin-duplicate-targets`: a target repeated
 * before the −1 is listed again, so its terms count twice (PyTorch's convention too).
 */
function validTargets(label: Tensor): { rows: number[]; targets: number[] } {
  const [m, k] = label.shape as [number, number];
  const rows: number[] = [];
  const targets: number[] = [];
  for (let r = 0; r < m; r++) {
    for (let j = 0; j < k && label.at(r * k + j) !== -1; j++) {
      rows.push(r);
      targets.push(label.at(r * k + j));
    }
  }
  return { rows, targets };
}

/**
 * Rule `multi-label-margin-no-target-raises`: a non-empty batch without a single target (every row's
 * label starting with −1) raises ValueError: indexing by the empty index (p_index is nullptr), or,
 * for C = 0, scatter_nd_add's shapes. An empty batch gives an empty loss.
 */
function noTarget(): PaddleValueError {
  return new PaddleValueError('(InvalidArgument) The pointer p_index is nullptr, please check whether the index tensor is valid and its data is correctly initialized.');
}

/** unsqueeze(-1): the same values under another shape, the gradient reshaped back. */
function reshaped(tape: Tape, x: Var, shape: readonly number[]): Var {
  return tape.record(new Tensor(x.value.dtype, shape, x.value.data), [x], (dout) => [new Tensor(dout.dtype, x.value.shape, dout.data)]);
}
