/**
 * Paddle's `cross_entropy_with_softmax` kernel (`_C_ops.cross_entropy_with_softmax(logits, label, soft_label,
 * use_softmax, numeric_stable_mode, ignore_index, axis)`, paddle/phi/kernels/cpu/cross_entropy_kernel.cc,
 * funcs/cross_entropy.cc, cpu/cross_entropy_grad_kernel.cc) and its backward: the softmax (softmax.ts) when
 * use_softmax, then the cross entropy of the probabilities along the axis, the loss keeping the axis as 1.
 *
 * Hard labels (an index per column): −TolerableValue(log p[label]), log the C library's, where
 * TolerableValue turns ±inf into ±1e20; an index equal to ignore_index gives +0. Rule
 * `cross-entropy-hard-label-log-clamped`: so −log 1 is −0 and −log 0 is 1e20, not inf (use_softmax=False
 * with a probability 0). Rule `cross-entropy-label-out-of-range`: an index outside [0, C) that is not
 * ignore_index raises IndexError ((OutOfRange) label value should >= 0 … / should less than the shape of
 * axis dimension …), at the first such column, whatever the label's integer dtype (a float label is cast to int).
 *
 * Soft labels (a distribution per column, the logits' dtype): −Σ label · TolerableValue(log p), Eigen's
 * expression reduced over the middle axis of [n, C, remain]: it keeps the innermost axis, so every output is
 * a scalar coefficient, the C library's log and the column's products added in order from +0. Rule `cross-entropy-soft-label-dtype`: a label of another dtype is refused, ValueError.
 *
 * Backward (the logits' gradient; the label gets none), with g the upstream of the column: use_softmax and
 * hard labels: p · g, then g subtracted at the label's class (p·g − g, not (p − 1)·g), a column whose label
 * is ignore_index all +0; soft labels: g · (p − label); without softmax: hard labels (−1 / p) · g at the
 * label's class and +0 elsewhere, soft labels g · (−label / p). Rule `cross-entropy-hard-label-grad-integer-only`:
 * the backward visits integer hard labels only, so a float or bool hard label, which the forward takes,
 * raises OSError there (not implemented for data type). Rule `cross-entropy-float-kernels-only`: registered for
 * float32 and float64 only (float16, bfloat16 and integer logits raise RuntimeError (NotFound)).
 */
import { dtypeOf, type DType, type DTypeName } from '../dtype.js';
import { libmLog, libmLogFloat } from '../elementary.js';
import { PaddleIndexError, PaddleOSError, PaddleValueError } from '../errors.js';
import { paddleReleaseBefore } from '../release.js';
import { Tensor } from '../tensor.js';
import { addKeepingFirstNaN, mulKeepingFirstNaN } from '../x86_nan.js';
import { requireKernel } from './registration.js';
import { axisView, softmaxValues } from './softmax.js';
import type { Tape, Var } from './tape.js';

/** The kernel's attributes, in Paddle's order. */
export interface CrossEntropyAttributes {
  readonly softLabel: boolean;
  readonly useSoftmax: boolean;
  readonly ignoreIndex: number;
  readonly axis: number;
}

/** cross_entropy_with_softmax on the tape: the softmax and the loss (the axis kept as 1); only the loss is recorded. */
export function crossEntropyWithSoftmax(tape: Tape, logits: Var, label: Var, attrs: CrossEntropyAttributes): { softmax: Tensor; loss: Var } {
  requireKernel('cross_entropy_with_softmax', logits.value.dtype);
  checkShapes(logits.value, label.value, attrs);
  const d = dtypeOf(logits.value.dtype);
  const softmax = attrs.useSoftmax ? softmaxValues(logits.value, attrs.axis) : logits.value;
  const v = axisView(logits.value.shape, attrs.axis);
  const shape = logits.value.shape.map((s, i) => (i === v.axis ? 1 : s));
  const out = d.allocate(v.n * v.remain);
  // Zero classes and an empty batch reached the kernel's checks before Paddle 3.1.1.
  if (v.axisDim === 0 && paddleReleaseBefore('3.1.1')) {
    throw new PaddleValueError(`(InvalidArgument) The axis dimension should be larger than 0, but received axis dimension is 0.`);
  }
  if (v.n === 0 && paddleReleaseBefore('3.1.1')) throw new PaddleValueError(`(InvalidArgument) The size of axis should be larger than 0, but received SizeToAxis of softmax is 0.`);
  if (logits.value.size > 0) {
    if (attrs.softLabel) softLoss(softmax, label.value, v, d, out);
    else hardLoss(softmax, label.value, v, attrs.ignoreIndex, d, out);
  }
  const loss = tape.record(new Tensor(logits.value.dtype, shape, out), [logits], (dout) => [gradient(softmax, label.value, dout, attrs)]);
  return { softmax, loss };
}

/** CrossEntropyWithSoftmaxInferMeta's checks, as far as cross_entropy reaches them. */
function checkShapes(logits: Tensor, label: Tensor, attrs: CrossEntropyAttributes): void {
  const rank = logits.shape.length;
  if (attrs.axis >= rank || attrs.axis < -rank) throw new PaddleValueError('(InvalidArgument) Attr(axis) value should be in range [-R, R-1], R is the rank of Input(Logits).');
  const v = axisView(logits.shape, attrs.axis);
  if (logits.shape.some((dim, i) => i !== v.axis && dim !== label.shape[i])) {
    throw new PaddleValueError('(InvalidArgument) Input(Logits) and Input(Label) should in same shape in dimensions except axis.');
  }
  if (attrs.softLabel) {
    if (label.dtype !== logits.dtype) {
      throw new PaddleValueError(`(InvalidArgument) The type of data we are trying to retrieve (${logits.dtype}) does not match the type of data (${label.dtype}) currently contained in the container.`);
    }
    if (label.shape[v.axis] !== logits.shape[v.axis]) {
      throw new PaddleValueError(`(InvalidArgument) If Attr(soft_label) == true,  the axis dimension of Input(X) and Input(Label) should be equal.`);
    }
  } else if (label.shape[v.axis] !== 1) {
    throw new PaddleValueError('(InvalidArgument) If Attr(softLabel) == false, the axis dimension of Input(Label) should be 1.');
  }
}

/** TolerableValue: ±inf become ±1e20 in the dtype. */
function tolerable(x: number, d: DType): number {
  return x === Infinity ? d.round(1e20) : x === -Infinity ? d.round(-1e20) : x;
}

/** The C library's log in the dtype. */
function libm(x: number, d: DType): number {
  // Before Paddle 3.0.0 logf of a negative number was +NaN (rule log-of-negative-nan-sign, kernels/log.ts).
  if (x < 0 && d.name === 'float32' && paddleReleaseBefore('3.0.0')) return NaN;
  return d.name === 'float64' ? libmLog(x) : libmLogFloat(x);
}

function hardLoss(p: Tensor, label: Tensor, v: ReturnType<typeof axisView>, ignore: number, d: DType, out: ReturnType<DType['allocate']>): void {
  for (let i = 0; i < v.n; i++) {
    for (let r = 0; r < v.remain; r++) {
      const lbl = classIndex(label.at(i * v.remain + r), label.dtype);
      if (lbl !== ignore) checkIndex(lbl, ignore, v.axisDim);
      const value = lbl === ignore ? 0 : -tolerable(libm(p.at((i * v.axisDim + lbl) * v.remain + r), d), d);
      d.set(out, i * v.remain + r, value);
    }
  }
}

/** static_cast<int> of a label element: a float truncates, an int64 keeps its low 32 bits. */
function classIndex(value: number, dtype: DTypeName): number {
  return dtypeOf(dtype).floating ? Math.trunc(value) : Number(BigInt.asIntN(32, BigInt(value)));
}

function checkIndex(lbl: number, ignore: number, axisDim: number): void {
  if (lbl < 0) throw new PaddleIndexError(`(OutOfRange) label value should >= 0 when label value(${lbl}) not equal to ignore_index(${ignore})`);
  if (lbl >= axisDim) {
    throw new PaddleIndexError(`(OutOfRange) label value should less than the shape of axis dimension when label value(${lbl}) not equal to ignore_index(${ignore}), But received label value as ${lbl} and shape of axis dimension is ${axisDim}`);
  }
}

function softLoss(p: Tensor, label: Tensor, v: ReturnType<typeof axisView>, d: DType, out: ReturnType<DType['allocate']>): void {
  for (let i = 0; i < v.n; i++) {
    for (let r = 0; r < v.remain; r++) {
      let sum = 0;
      for (let j = 0; j < v.axisDim; j++) {
        const k = (i * v.axisDim + j) * v.remain + r;
        sum = addKeepingFirstNaN(sum, mulKeepingFirstNaN(label.at(k), tolerable(libm(p.at(k), d), d), d), d);
      }
      d.set(out, i * v.remain + r, -sum);
    }
  }
}

/** CrossEntropyWithSoftmaxGradCPUKernel: the logits' gradient. */
function gradient(p: Tensor, label: Tensor, dout: Tensor, attrs: CrossEntropyAttributes): Tensor {
  requireKernel('cross_entropy_with_softmax_grad', p.dtype);
  if (!attrs.softLabel && label.dtype !== 'int32' && label.dtype !== 'int64') {
    throw new PaddleOSError(`function "CrossEntropyWithSoftmaxGradCPUKernel" is not implemented for data type \`${label.dtype}\``);
  }
  const d = dtypeOf(p.dtype);
  const v = axisView(p.shape, attrs.axis);
  const g = d.allocate(p.size);
  const at = (i: number, j: number, r: number): number => (i * v.axisDim + j) * v.remain + r;
  for (let i = 0; i < v.n; i++) {
    for (let r = 0; r < v.remain; r++) {
      const up = d.round(dout.at(i * v.remain + r));
      if (attrs.softLabel) {
        for (let j = 0; j < v.axisDim; j++) {
          const k = at(i, j, r);
          const factor = attrs.useSoftmax ? subtract(p.at(k), label.at(k), d) : divide(-label.at(k), p.at(k), d);
          d.set(g, k, mulKeepingFirstNaN(up, factor, d));
        }
        continue;
      }
      const lbl = classIndex(label.at(i * v.remain + r), label.dtype);
      for (let j = 0; j < v.axisDim; j++) {
        const k = at(i, j, r);
        if (lbl === attrs.ignoreIndex) d.set(g, k, 0);
        else if (attrs.useSoftmax) d.set(g, k, j === lbl ? subtract(mulKeepingFirstNaN(p.at(k), up, d), up, d) : mulKeepingFirstNaN(p.at(k), up, d));
        else d.set(g, k, j === lbl ? mulKeepingFirstNaN(divide(-1, p.at(k), d), up, d) : 0);
      }
    }
  }
  return new Tensor(p.dtype, p.shape, g);
}

/** a − b in the dtype, the first NaN operand kept. */
function subtract(a: number, b: number, d: DType): number {
  return a !== a ? a : b !== b ? b : d.round(a - b);
}

/** a / b in the dtype, the first NaN operand kept. */
function divide(a: number, b: number, d: DType): number {
  return a !== a ? a : b !== b ? b : d.round(a / b);
}
