/**
 * Paddle's `reshape` (`_C_ops.reshape(x, shape)`) and its backward: the same row-major data under
 * the shape ReshapeInferMeta (phi/infermeta/unary.cc, ValidateShape) gives; squeeze and unsqueeze are
 * reshapes too. A 0 in `shape` copies
 * x's dimension at that index, one -1 is inferred from the size.
 *
 * Rule `reshape-zero-size-by-release`: for a zero-size x, a copied 0 is 0, so a -1 beside it is
 * ambiguous (ValueError); since Paddle 3.1.1 the -1 is then x's dimensions outside the copied
 * ones, divided by the known ones ([0, 3, 4] to [0, 3, 1, -1] is [0, 3, 1, 4]; still ambiguous
 * when those hold a 0). Before Paddle 3.0.0 a 0 copied x's dimension even for a zero-size x
 * ([2, 1, 0] to [2, 0] asks for capacity 2: ValueError).
 */
import { PaddleValueError } from '../errors.js';
import { paddleReleaseBefore } from '../release.js';
import { numel, Tensor } from '../tensor.js';
import type { Tape, Var } from './tape.js';

/** reshape(x, shape) on the tape; the gradient is the upstream under x's shape. */
export function reshape(tape: Tape, x: Var, shape: readonly number[]): Var {
  const out = new Tensor(x.value.dtype, reshapedDims(x.value.shape, shape), x.value.data);
  return tape.record(out, [x], (dout) => [new Tensor(dout.dtype, x.value.shape, dout.data)]);
}

/** ValidateShape: the output dimensions, or Paddle's ValueError. */
function reshapedDims(inDims: readonly number[], shape: readonly number[]): number[] {
  const inSize = numel(inDims);
  const copied = (i: number): boolean => shape[i] === 0 && i < inDims.length;
  const out = shape.map((s, i) => (s !== 0 ? s : inSize === 0 && !paddleReleaseBefore('3.0.0') ? 0 : inDims[i]!));
  const unk = shape.indexOf(-1);
  const capacity = out.reduce((a, b, i) => (i === unk ? a : a * b), 1);
  const str = (dims: readonly number[]): string => dims.join(', ');
  if (unk >= 0 && capacity === 0) {
    const rest = numel(inDims.filter((_, i) => !copied(i)));
    const known = numel(out.filter((_, i) => i !== unk && !copied(i)));
    if (paddleReleaseBefore('3.1.1') || rest === 0) {
      throw new PaddleValueError(`(InvalidArgument) can not ${paddleReleaseBefore('3.0.0') ? 'rehsape' : 'reshape'} ${str(inDims)} to ${str(shape)}, because the unspecified dimension ${unk} can be any number and is ambiguous`);
    }
    out[unk] = rest / known;
    return out;
  }
  if (unk >= 0) {
    out[unk] = Math.floor(inSize / capacity);
    if (out[unk]! * capacity === inSize) return out;
    throw new PaddleValueError(`(InvalidArgument) The 'shape' attribute in ReshapeOp is invalid. The input tensor X'size must be divisible by known capacity of 'shape'. But received X's shape = [${str(inDims)}], X's size = ${inSize}, 'shape' is [${str(shape)}], known capacity of 'shape' is ${capacity}.`);
  }
  if (capacity === inSize) return out;
  throw new PaddleValueError(`(InvalidArgument) The 'shape' in ReshapeOp is invalid. The input tensor X'size must be equal to the capacity of 'shape'. But received X's shape = [${str(inDims)}], X's size = ${inSize}, 'shape' is [${str(shape)}], the capacity of 'shape' is ${capacity}.`);
}

/** paddle.unsqueeze(x, axis): a dimension of 1 inserted at axis (a negative axis counts from rank + 1). */
export function unsqueeze(tape: Tape, x: Var, axis: number): Var {
  const shape = [...x.value.shape];
  shape.splice(axis < 0 ? axis + shape.length + 1 : axis, 0, 1);
  return reshape(tape, x, shape);
}

/**
 * paddle.squeeze(x, axis): the dimension at axis removed when it is 1, kept otherwise; without an axis
 * (x.squeeze()) every dimension of size 1 is dropped. A view, as reshape.
 */
export function squeeze(tape: Tape, x: Var, axis?: number): Var {
  if (axis === undefined) return reshape(tape, x, x.value.shape.filter((v) => v !== 1));
  const a = axis < 0 ? axis + x.value.shape.length : axis;
  if (x.value.shape[a] !== 1) return x;
  return reshape(tape, x, x.value.shape.filter((_, i) => i !== a));
}
