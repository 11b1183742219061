/**
 * Paddle's `index_sample` kernel (`paddle.index_sample(x, index)`): out[i, j] = x[i, index[i, j]], and its
 * backward. Checked in Paddle's order (Paddle 3.3.1, the same from 2.6.2): the kernel is chosen by x's dtype
 * (RuntimeError NotFound for float16, bfloat16 and bool); the shapes (x and index 2-D, one first dimension:
 * ValueError); index's dtype (int32 or int64, else ValueError), unless index is empty; then, Rule `index-sample-range-checked`, every
 * index in row-major order, the first below 0 or at or above x's row length raising ValueError: no wrap of
 * negative indices, so a class label −1 or C is an error, not the last class.
 *
 * Backward (index_sample_grad): a zero tensor of x's shape, then x_grad[i, index[i, j]] += dout[i, j] in
 * row-major order. Rule `index-sample-grad-from-zero`: a −0 upstream gives +0 (Paddle 3.3.1).
 */
import { dtypeOf } from '../dtype.js';
import { PaddleValueError } from '../errors.js';
import { addKeepingFirstNaN } from '../x86_nan.js';
import { Tensor } from '../tensor.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** paddle.index_sample(x, index) on the tape; index is not differentiable. */
export function indexSample(tape: Tape, x: Var, index: Tensor): Var {
  requireKernel('index_sample', x.value.dtype);
  const [xs, is] = [x.value.shape, index.shape];
  if (xs.length !== 2) throw new PaddleValueError(`(InvalidArgument) Inputs(X) shape of IndexSample op should be 2-D, but got X's shape = [${xs.join(', ')}], please check X shape.`);
  if (is.length !== 2) throw new PaddleValueError(`(InvalidArgument) Inputs(Index) shape of IndexSample op should be 2-D, but got Index's shape [${is.join(', ')}] , please check index shape.`);
  if (xs[0] !== is[0]) {
    throw new PaddleValueError(`(InvalidArgument) Inputs(X)'s value of dimension 0 must same with Inputs(Index)'s value of dimension 0, but got ${xs[0]} of Inputs(X), and got ${is[0]} of Inputs(Index), please check Inputs shape.`);
  }
  // An empty index returns before the kernel reads it (Paddle 3.3.1: a float32 label [0] computes).
  const wrongType = (): PaddleValueError => new PaddleValueError(`(InvalidArgument) Input(Index) holds the wrong type, it holds ${index.dtype}, but desires to be int32 or int64`);
  const typed = index.dtype === 'int32' || index.dtype === 'int64';
  if (index.size > 0 && !typed) throw wrongType();
  const [c, m] = [xs[1]!, is[1]!];
  for (let k = 0; k < index.size; k++) {
    const v = index.at(k);
    if (v < 0 || v >= c) throw new PaddleValueError(`(InvalidArgument) Variable value (index) of OP(index_sample) expected >= 0 and < ${c}, but got ${v}. Please check input value.`);
  }
  const d = dtypeOf(x.value.dtype);
  const at = (k: number): number => Math.floor(k / m) * c + index.at(k);
  const out = d.allocate(index.size);
  for (let k = 0; k < index.size; k++) d.set(out, k, x.value.at(at(k)));
  return tape.record(new Tensor(x.value.dtype, is, out), [x], (dout) => {
    // The backward reads the dtype of an empty index too (Paddle 3.3.1: a float32 label [0] with input's gradient).
    if (!typed) throw wrongType();
    const g = dtypeOf(dout.dtype);
    const grad = g.allocate(x.value.size);
    for (let k = 0; k < dout.size; k++) g.set(grad, at(k), addKeepingFirstNaN(g.get(grad, at(k)), dout.at(k), g));
    return [new Tensor(dout.dtype, xs, grad)];
  });
}
