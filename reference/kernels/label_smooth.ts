/**
 * Paddle's `label_smooth` (`paddle.nn.functional.label_smooth(label, epsilon=…)`, cpu/label_smooth_kernel.cc)
 * without a prior distribution; no gradient here (its input is a label).
 *
 * (1 − ε) · label + ε / C, C the last dimension, the product rounded, then the sum. Rule
 * `label-smooth-float32-epsilon`: ε is a float32 attribute and both constants are computed in float32, then
 * widened: a float64 label is smoothed by 0.6f and 0.4f / 3, not 0.6 and 0.4 / 3 (cross_entropy's float64
 * label_smoothing 0.4 is off the float64 result by about 3e-8). ε outside [0, 1]
 * raises ValueError (The value of epsilon must be between 0 and 1.), in Python, first.
 */
import { dtypeOf } from '../dtype.js';
import { PaddleValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { requireKernel } from './registration.js';

/** label_smooth(label, epsilon) without a prior distribution. */
export function labelSmooth(label: Tensor, epsilon: number): Tensor {
  if (epsilon > 1 || epsilon < 0) throw new PaddleValueError('The value of epsilon must be between 0 and 1.');
  requireKernel('label_smooth', label.dtype);
  const d = dtypeOf(label.dtype);
  const c = label.shape[label.shape.length - 1] ?? 1;
  const eps = Math.fround(epsilon);
  const keep = d.round(Math.fround(1 - eps));
  const spread = d.round(Math.fround(eps / c));
  const out = d.allocate(label.size);
  if (c !== 0) for (let k = 0; k < label.size; k++) d.set(out, k, d.round(d.round(keep * label.at(k)) + spread));
  return new Tensor(label.dtype, label.shape, out);
}
