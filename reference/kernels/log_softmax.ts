/**
 * Paddle's CPU `log_softmax` along the last axis of a 2-D tensor (phi's LogSoftmaxKernel, an Eigen
 * expression over [n, C]): y = x − max, then y − log Σ exp(y).
 *
 * Rule `log-softmax-shift-clipped-at-64`: the shifted logit is clipped from below at −64 (ValueClip), as
 * softmax's is, so no class's log-probability falls below about −64 − log C (Paddle 3.3.1: a head row whose
 * second logit lies 150 below the first gives −64.00104, not −150).
 *
 * Rule `log-softmax-eigen-expression`: the row's maximum (from −inf, a larger value replaces it, so a NaN is
 * passed over); the shift x − max rounded, then clipped; exp over the flattened [n, C] as paddle.exp splits it (Eigen's
 * packet exp on whole packets, the C library's on the tail: elementary.ts, paddleExp); each row's sum left
 * to right from +0 (kernels/sum.ts, sumRows); the C library's log of each sum (the broadcast evaluates it one
 * coefficient at a time); the difference rounded.
 *
 * Backward (LogSoftmaxGradFunctor): dx = dy − exp(y)·Σ dy, the row's Σ dy left to right from +0, exp(y) as
 * the forward's split (whole packets Eigen's, the tail the C library's), the product and the difference
 * each rounded.
 */
import { dtypeOf } from '../dtype.js';
import { paddleExp, paddleLog } from '../elementary.js';
import { Tensor } from '../tensor.js';
import { sumRows } from './sum.js';
import type { Tape, Var } from './tape.js';

/** The shift's floor (ValueClip): shifted logits below −64 become −64. */
const CLIP = -64;

/** log_softmax(x, axis=1) of a float32 or float64 [n, C] tensor. */
export function logSoftmaxRows(x: Tensor): Tensor {
  const d = dtypeOf(x.dtype);
  const [n, c] = [x.shape[0]!, x.shape[1]!];
  const kind = x.dtype === 'float64' ? 'float64' : 'float32';
  const shifted = d.allocate(x.size);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < c; j++) if (x.at(i * c + j) > max) max = x.at(i * c + j);
    for (let j = 0; j < c; j++) {
      const v = d.round(x.at(i * c + j) - max);
      d.set(shifted, i * c + j, v < CLIP ? CLIP : v);
    }
  }
  const exps = d.allocate(x.size);
  for (let k = 0; k < x.size; k++) d.set(exps, k, d.round(paddleExp(shifted[k]!, kind, k, x.size)));
  const sums = sumRows(new Tensor(x.dtype, [n, c], exps), c, d);
  const out = d.allocate(x.size);
  for (let i = 0; i < n; i++) {
    const log = d.round(paddleLog(sums[i]!, kind));
    for (let j = 0; j < c; j++) d.set(out, i * c + j, d.round(shifted[i * c + j]! - log));
  }
  return new Tensor(x.dtype, x.shape, out);
}

/** log_softmax(x, axis=1) of an [n, C] tensor on the tape; `rows` another port's forward. */
export function logSoftmax(tape: Tape, x: Var, rows = logSoftmaxRows): Var {
  const y = rows(x.value);
  return tape.record(y, [x], (dy) => [logSoftmaxGrad(y, dy)]);
}

function logSoftmaxGrad(y: Tensor, dy: Tensor): Tensor {
  const d = dtypeOf(y.dtype);
  const [n, c] = [y.shape[0]!, y.shape[1]!];
  const kind = y.dtype === 'float64' ? 'float64' : 'float32';
  const sums = sumRows(dy, c, d);
  const out = d.allocate(y.size);
  for (let k = 0; k < y.size; k++) {
    const e = d.round(paddleExp(y.at(k), kind, k, y.size));
    d.set(out, k, d.round(dy.at(k) - d.round(e * sums[Math.floor(k / c)]!)));
  }
  return new Tensor(y.dtype, [n, c], out);
}
