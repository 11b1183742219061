/**
 * Paddle's `kldiv_loss` kernel (`_C_ops.kldiv_loss(x, label, 'none', log_target)`),
 * which kl_div calls, and its backward (phi/kernels/impl/kldiv_loss_kernel_impl.h,
 * kldiv_loss_grad_kernel_impl.h). Element by element, with t the label and x the input:
 *
 *     log_target:  exp(t) · (t − x)          otherwise:  t ≤ 0 ? 0 : t · (log(t) − x)
 *
 * each operation rounded once in the dtype. Rule `kldiv-loss-libm-exp-and-log`: exp and log
 * are the C library's expf / exp and logf / log on every element (a scalar functor: no Eigen packets; Paddle 3.3.1, label nine
 * −100s with log_target: every exp(−100) is glibc's 3.78e-44, never the packet's 2.9e-39).
 *
 * Rule `kldiv-loss-label-not-positive-is-zero`: without log_target a label ≤ 0 (−0, −1,
 * −inf) gives +0, whatever the input (NaN and inf too): 0 · log 0 is taken as 0, and a
 * negative label is not refused. A NaN label fails `t ≤ 0` and gives its own NaN.
 * Rule `kldiv-loss-float-kernels-only`: registered for float32 and float64 only; the
 * kernel is chosen by x's dtype (float16, bfloat16, int32, int64 and bool raise
 * RuntimeError (NotFound)), and a label of another dtype raises ValueError when the
 * kernel reads it ((InvalidArgument) The type of data we are trying to retrieve …), which
 * since Paddle 3.1.0 it does not for empty operands.
 * Rule `kldiv-loss-shapes-must-equal`: no broadcasting: ranks, then each dimension,
 * must be equal (ValueError), after the kernel is chosen and before the label is read.
 *
 * Backward (x only: the label gets no gradient). Rule `kldiv-loss-grad-negated-factor`:
 * x's gradient is (−exp(t)) · g, or (−t) · g where t > 0 and +0 where t ≤ 0; GCC folds
 * −1 · v to a sign flip, so a NaN label's gradient is its NaN negated while a NaN upstream
 * keeps its sign. Before Paddle 3.0.0 it was −(t · g): a NaN upstream's sign flips
 * (Paddle 2.6.2, label 0.5, upstream +NaN gives −NaN).
 */
import { dtypeOf, type DType } from '../dtype.js';
import { libmExp, libmExpFloat, paddleLog } from '../elementary.js';
import { PaddleValueError } from '../errors.js';
import { paddleReleaseBefore } from '../release.js';
import { Tensor } from '../tensor.js';
import { flipSign, mulKeepingFirstNaN } from '../x86_nan.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** kldiv_loss(x, label, 'none', log_target) on the tape: the unreduced loss, and x's gradient. */
export function kldivLoss(tape: Tape, x: Var, label: Var, logTarget: boolean): Var {
  const dtype = x.value.dtype;
  requireKernel('kldiv_loss', dtype);
  checkShapes(x.value.shape, label.value.shape);
  // Since Paddle 3.1.0 an empty x returns before the label is read (Paddle 3.3.1: float32 [0] with an int32 label gives float32 [0]).
  if (label.value.dtype !== dtype && (x.value.size > 0 || paddleReleaseBefore('3.1.0'))) {
    throw new PaddleValueError(`(InvalidArgument) The type of data we are trying to retrieve (${dtype}) does not match the type of data (${label.value.dtype}) currently contained in the container.`);
  }
  const d = dtypeOf(dtype);
  const exp = dtype === 'float64' ? libmExp : libmExpFloat;
  const n = x.value.size;
  const out = d.allocate(n);
  for (let k = 0; k < n; k++) {
    const t = label.value.at(k);
    const v = x.value.at(k);
    if (logTarget) {
      const e = t !== t ? t : d.round(exp(t));
      d.set(out, k, mulKeepingFirstNaN(e, subtract(t, v, d), d));
    } else {
      // Rule kldiv-loss-label-not-positive-is-zero: `if (target <= 0) return 0;` (NaN fails the test).
      const logT = t !== t ? t : d.round(paddleLog(t, dtype === 'float64' ? 'float64' : 'float32'));
      d.set(out, k, t <= 0 ? 0 : mulKeepingFirstNaN(t, subtract(logT, v, d), d));
    }
  }
  return tape.record(new Tensor(dtype, x.value.shape, out), [x], (dout) => [gradient(label.value, dout, logTarget)]);
}

/** a − b as subss computes it: the first NaN operand itself. */
function subtract(a: number, b: number, d: DType): number {
  if (a !== a) return a;
  if (b !== b) return b;
  return d.round(a - b);
}

/** KLDivLossBackward: (−exp(t)) · g or (−t) · g (t > 0), +0 elsewhere; before 3.0.0 −(t · g). */
function gradient(label: Tensor, dout: Tensor, logTarget: boolean): Tensor {
  const d = dtypeOf(dout.dtype);
  const exp = dout.dtype === 'float64' ? libmExp : libmExpFloat;
  const legacy = paddleReleaseBefore('3.0.0');
  const g = d.allocate(dout.size);
  for (let k = 0; k < dout.size; k++) {
    const t = label.at(k);
    const up = dout.at(k);
    if (!logTarget && !(t > 0) && t === t) { d.set(g, k, 0); continue; }
    const factor = logTarget ? (t !== t ? t : d.round(exp(t))) : t;
    // A sign flip, NaN included (GCC's fold of −1 · v), not x86's mulss by −1.
    d.set(g, k, legacy ? flipSign(mulKeepingFirstNaN(factor, up, d)) : mulKeepingFirstNaN(flipSign(factor), up, d));
  }
  return new Tensor(dout.dtype, dout.shape, g);
}

/** KLDivInferMeta: equal ranks, then equal dimensions. */
function checkShapes(x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length) {
    throw new PaddleValueError(`(InvalidArgument) Input(X) rank and Input(Target) rank should be same, but received X rank(${x.length}) != Target rank(${y.length})`);
  }
  const i = x.findIndex((v, k) => v !== y[k]);
  if (i >= 0) {
    throw new PaddleValueError(`(InvalidArgument) Input(X) and Input(Target) should in same shape. but received X dimension[${i}](${x[i]}) != Target dimension[${i}](${y[i]})`);
  }
}
