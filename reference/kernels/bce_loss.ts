/**
 * Paddle's `bce_loss` kernel (`_C_ops.bce_loss(input, label)`), which binary_cross_entropy
 * calls, and its backward (phi/kernels/cpu/bce_loss_kernel.cc, bce_loss_grad_kernel.cc).
 * Element by element, with x the input and y the label, in the dtype:
 *
 *     out = (y − 1) · max(log(1 − x), −100) − y · max(log(x), −100)
 *
 * each operation rounded once (no FMA: Paddle 3.3.1 matches it bit for bit on 2e5 float32
 * elements), log the C library's logf / log. Rule `bce-loss-log-clamped-at-minus-100`: each
 * log is clamped at −100 (std::max), so input 0 or 1, −0 and the subnormals (logf(1e-45) =
 * −103.3) give a finite loss (Paddle 3.3.1: input 0, label 1 gives 100; input 1, label 1 −0).
 * Rule `bce-loss-input-in-unit-interval`: an element outside [0, 1], NaN included (`x >= 0`
 * fails), raises ValueError from the element loop ((InvalidArgument) Illegal input, …), after
 * the label's dtype is read; the label is not checked (label 2 or −1 computes, inf gives NaN).
 * Rule `bce-loss-float-kernels-only`: registered for float32 and float64, chosen by input's
 * dtype (others RuntimeError NotFound); a label of another dtype raises ValueError when read,
 * empty operands too. Rule `bce-loss-shapes-must-equal`: ranks, then shapes, must be equal
 * (ValueError), no broadcasting.
 *
 * Backward (input only: the label gets no gradient). Rule `bce-loss-grad-denominator-floor`:
 *
 *     dx = dout · ((x − y) / max((1 − x) · x, 1e-12))
 *
 * with 1e-12 rounded to the dtype: at input 0 or 1 the gradient is ±1e12·(x − y), 0 where x = y.
 */
import { dtypeOf, type DType } from '../dtype.js';
import { paddleLog } from '../elementary.js';
import { PaddleValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { addKeepingFirstNaN, divKeepingFirstNaN, mulKeepingFirstNaN } from '../x86_nan.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** bce_loss(input, label) on the tape: the unreduced loss, and input's gradient. */
export function bceLoss(tape: Tape, x: Var, label: Var): Var {
  const dtype = x.value.dtype;
  requireKernel('bce_loss', dtype);
  checkShapes(x.value.shape, label.value.shape);
  if (label.value.dtype !== dtype) {
    throw new PaddleValueError(`(InvalidArgument) The type of data we are trying to retrieve (${dtype}) does not match the type of data (${label.value.dtype}) currently contained in the container.`);
  }
  const d = dtypeOf(dtype);
  const log = (v: number): number => Math.max(d.round(paddleLog(v, dtype === 'float64' ? 'float64' : 'float32')), -100);
  const out = d.allocate(x.value.size);
  for (let k = 0; k < x.value.size; k++) {
    const v = x.value.at(k);
    const y = label.value.at(k);
    // Rule bce-loss-input-in-unit-interval: PADDLE_ENFORCE_GE(x, 0), then PADDLE_ENFORCE_LE(x, 1).
    if (!(v >= 0)) throw new PaddleValueError('(InvalidArgument) Illegal input, input must be greater than  or equal to 0');
    if (!(v <= 1)) throw new PaddleValueError('(InvalidArgument) Illegal input, input must be less than or equal to 1');
    // Rule bce-loss-log-clamped-at-minus-100.
    const a = mulKeepingFirstNaN(subtract(y, 1, d), log(d.round(1 - v)), d);
    d.set(out, k, subtract(a, mulKeepingFirstNaN(y, log(v), d), d));
  }
  return tape.record(new Tensor(dtype, x.value.shape, out), [x], (dout) => [gradient(x.value, label.value, dout)]);
}

/** a − b as subss computes it: the first NaN operand itself. */
function subtract(a: number, b: number, d: DType): number {
  return addKeepingFirstNaN(a, b !== b ? b : -b, d);
}

/** BCELossGradKernel: dout · ((x − y) / max((1 − x) · x, 1e-12)) (rule `bce-loss-grad-denominator-floor`). */
function gradient(x: Tensor, label: Tensor, dout: Tensor): Tensor {
  const d = dtypeOf(x.dtype);
  const floor = d.round(1e-12);
  const g = d.allocate(x.size);
  for (let k = 0; k < x.size; k++) {
    const v = x.at(k);
    const product = d.round(d.round(1 - v) * v);
    // std::max(a, b) is (a < b) ? b : a.
    const q = divKeepingFirstNaN(subtract(v, label.at(k), d), product < floor ? floor : product, d);
    d.set(g, k, mulKeepingFirstNaN(dout.at(k), q, d));
  }
  return new Tensor(x.dtype, x.shape, g);
}

/** BCELossInferMeta: equal ranks, then equal shapes. */
function checkShapes(x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length) {
    throw new PaddleValueError(`(InvalidArgument) Input(X) and Input(Label) shall have the same rank.But received: the rank of Input(X) is [${x.length}], the rank of Input(Label) is [${y.length}].`);
  }
  if (x.some((v, k) => v !== y[k])) {
    throw new PaddleValueError(`(InvalidArgument) Input(X) and Input(Label) shall have the same shape. But received: the shape of Input(X) is [${x.join(', ')}], the shape of Input(Label) is [${y.join(', ')}].`);
  }
}
