/**
 * Paddle's `gather` kernel along axis 0 (`paddle.gather(x, index, axis=0)`): out[i, …] = x[index[i], …], shape
 * [index.size, *x.shape[1:]] (an index [N, 1] reads as [N]), and its backward. Registered for the dtypes of
 * registration.ts (not float16; before Paddle 3.0.0 neither bool, int8 nor int16: RuntimeError NotFound).
 * multi_margin_loss gathers its weight with labels index_sample has already range-checked.
 *
 * Backward (gather_grad, ScatterAssignAdd): a zero tensor of x's shape, then x_grad[index[i], …] += dout[i, …]
 * in index order (Rule `index-sample-grad-from-zero` too): a class two labels name gets the upstream
 * of the first row plus that of the second, from +0 (a −0 upstream gives +0; Paddle 3.3.1).
 */
import { dtypeOf } from '../dtype.js';
import { kernelNotRegistered } from '../errors.js';
import { paddleReleaseBefore } from '../release.js';
import { addKeepingFirstNaN } from '../x86_nan.js';
import { Tensor } from '../tensor.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** paddle.gather(x, index, axis=0) on the tape; index is not differentiable. */
export function gather(tape: Tape, x: Var, index: Tensor): Var {
  if (paddleReleaseBefore('3.0.0') && !['int64', 'float64', 'float32', 'int32', 'uint8', 'bfloat16'].includes(x.value.dtype)) {
    throw kernelNotRegistered('gather', x.value.dtype, 'int64, float64, float32, int32, uint8, bfloat16');
  }
  requireKernel('gather', x.value.dtype);
  const slice = x.value.shape.slice(1).reduce((a, b) => a * b, 1);
  const d = dtypeOf(x.value.dtype);
  const out = d.allocate(index.size * slice);
  for (let i = 0; i < index.size; i++) for (let j = 0; j < slice; j++) d.set(out, i * slice + j, x.value.at(index.at(i) * slice + j));
  return tape.record(new Tensor(x.value.dtype, [index.size, ...x.value.shape.slice(1)], out), [x], (dout) => {
    const g = dtypeOf(dout.dtype);
    const grad = g.allocate(x.value.size);
    for (let i = 0; i < index.size; i++) {
      for (let j = 0; j < slice; j++) {
        const k = index.at(i) * slice + j;
        g.set(grad, k, addKeepingFirstNaN(g.get(grad, k), dout.at(i * slice + j), g));
      }
    }
    return [new Tensor(dout.dtype, x.value.shape, grad)];
  });
}
