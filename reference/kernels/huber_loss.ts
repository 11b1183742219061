/**
 * Paddle's `huber_loss` kernel (`_C_ops.huber_loss(input, label, delta)`),
 * which smooth_l1_loss calls, and its backward. With the residual r = label − input:
 *
 *     |r| <= δ:  0.5 · r · r          otherwise:  δ · (|r| − 0.5 · δ)
 *
 * Rule `huber-loss-float-kernels-only`: registered for float32 and float64
 * only: float16, bfloat16, int32, int64 and bool raise RuntimeError (NotFound).
 * Rule `huber-loss-shapes-must-equal`: input and label must have the same
 * shape, no broadcasting: ValueError ((InvalidArgument) The Input(input) and
 * Input(label) should have the same shape, …). Rule `huber-loss-delta-unchecked`:
 * δ (a C++ float attribute: rounded to float32, also for float64 operands;
 * a str or None is a TypeError) is taken as given, although the page says a negative or zero δ is
 * ignored: δ = 0 gives 0 everywhere and a negative δ a negative loss
 * (Paddle 3.3.1: δ = −1 on 0.5 gives −1). Rule `huber-loss-nan-residual`:
 * a NaN residual takes the second branch, whose |r| gives +NaN.
 *
 * Backward: label's gradient is r · dout where |r| <= δ, else ±δ · dout by
 * r's sign, and −δ · dout where r is NaN (no comparison holds; rule
 * `huber-loss-nan-residual`: Paddle 3.3.1, input [NaN], label [1] gives
 * input's gradient 1 and label's −1). Rule `huber-loss-input-grad-negated-factor`:
 * input's is the same with each factor negated (−r, ∓δ), so a zero residual
 * gives input −0 and label +0.
 */
import { sameShape } from '../broadcast.js';
import { dtypeOf } from '../dtype.js';
import { PaddleTypeError, PaddleValueError, pythonTypeName } from '../errors.js';
import { Tensor } from '../tensor.js';
import { paddleReleaseBefore } from '../release.js';
import { mulKeepingFirstNaN } from '../x86_nan.js';
import { castGradient, promote } from './promotion.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** huber_loss(input, label, δ) on the tape. */
export function huberLoss(tape: Tape, x: Var, y: Var, delta: unknown): Var {
  if (typeof delta !== 'number' && typeof delta !== 'boolean') {
    // Before Paddle 3.0.0 the argument parser raised ValueError (InvalidArgument) for it.
    const message = `huber_loss(): argument (position 3) must be double, but got ${pythonTypeName(delta)}`;
    throw paddleReleaseBefore('3.0.0') ? new PaddleValueError(`(InvalidArgument) ${message}`) : new PaddleTypeError(`(InvalidType) ${message}`);
  }
  // Before Paddle 3.0.0 there was no promotion here at all: the kernel of input's dtype refused label's data (Paddle 2.6.2).
  if (paddleReleaseBefore('3.0.0') && x.value.dtype !== y.value.dtype) {
    throw new PaddleValueError(`(InvalidArgument) The type of data we are trying to retrieve (${y.value.dtype}) does not match the type of data (${x.value.dtype}) currently contained in the container.`);
  }
  // Promotion as for operands that are not 0-D: huber_loss makes no exception for a 0-D one.
  const dtype = promote({ dtype: x.value.dtype, shape: [1] }, { dtype: y.value.dtype, shape: [1] });
  requireKernel('huber_loss', dtype);
  if (!sameShape(x.value.shape, y.value.shape)) {
    throw new PaddleValueError(`(InvalidArgument) The Input(input) and Input(label) should have the same shape, but received input shape [${x.value.shape.join(', ')}] != label shape [${y.value.shape.join(', ')}]`);
  }
  const d = dtypeOf(dtype);
  // The kernel's delta attribute is a C++ float: rounded to float32 first, then to the dtype.
  const δ = d.round(Math.fround(Number(delta)));
  const n = x.value.size;
  const residual = new Float64Array(n);
  const out = d.allocate(n);
  for (let k = 0; k < n; k++) {
    const r = d.round(d.round(y.value.at(k)) - d.round(x.value.at(k)));
    residual[k] = r;
    const a = Math.abs(r);
    d.set(out, k, a <= δ ? d.round(d.round(0.5 * r) * r) : d.round(δ * d.round(a - d.round(0.5 * δ))));
  }
  return tape.record(new Tensor(dtype, x.value.shape, out), [x, y], (dout) => {
    const [dx, dy] = gradients(residual, δ, dout);
    return [castGradient(dx, x.value.dtype), castGradient(dy, y.value.dtype)];
  });
}

function gradients(residual: Float64Array, δ: number, dout: Tensor): [Tensor, Tensor] {
  const d = dtypeOf(dout.dtype);
  const [dx, dy] = [d.allocate(residual.length), d.allocate(residual.length)];
  for (let k = 0; k < residual.length; k++) {
    const r = residual[k]!;
    const within = Math.abs(r) <= δ;
    const factor = within ? r : r > 0 ? δ : -δ;
    const inputFactor = within ? -r : r > 0 ? -δ : δ;
    d.set(dy, k, mulKeepingFirstNaN(factor, dout.at(k), d));
    d.set(dx, k, mulKeepingFirstNaN(inputFactor, dout.at(k), d));
  }
  return [new Tensor(dout.dtype, dout.shape, dx), new Tensor(dout.dtype, dout.shape, dy)];
}
