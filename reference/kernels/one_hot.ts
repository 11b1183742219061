/**
 * Paddle's `one_hot` kernel (`paddle.nn.functional.one_hot(x, num_classes)`,
 * `_C_ops.one_hot`): an int32 or int64 tensor of class indices becomes a
 * float32 tensor of shape x.shape + [num_classes], 1 at each index, +0
 * elsewhere, whatever the dtype of the tensor it meets next.
 *
 * Rule `one-hot-index-checked-in-order`: the CPU kernel walks the indices in
 * row-major order and raises ValueError at the first one that is negative
 * ("should be at least 0") or not below num_classes ("should be less than
 * Input(depth)"), each index's own check, so [2, -1] with 2 classes names
 * the 2 (phi/kernels/cpu/one_hot_kernel.cc; Paddle 3.3.1: index 2 of 2
 * classes, index -1, and any index of 0 classes). An empty x gives an empty
 * result with nothing checked.
 *
 * Backward: none. The output is created with stop_gradient=True and the
 * indices are integers, so on the tape it is a leaf.
 */
import { PaddleValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { requireKernel } from './registration.js';
import type { Tape, Var } from './tape.js';

/** one_hot(x, numClasses) on the tape, as a leaf (no gradient flows through it). */
export function oneHot(tape: Tape, x: Var, numClasses: number): Var {
  return tape.leaf(oneHotValues(x.value, numClasses));
}

/** one_hot(x, numClasses)'s float32 values, for a label that is not on the tape. */
export function oneHotValues(x: Tensor, numClasses: number): Tensor {
  requireKernel('one_hot', x.dtype);
  const out = new Float32Array(x.size * numClasses);
  for (let i = 0; i < x.size; i++) {
    const index = x.at(i);
    if (index < 0) throw illegalIndex(`value should be at least 0, but received input (${index}) less than 0`, `p_in_data[i] >= 0, but received p_in_data[i]:${index} < 0:0.`);
    if (index >= numClasses) {
      throw illegalIndex(`value should be less than Input(depth), but received input (${index}) not less than depth (${numClasses})`,
        `p_in_data[i] < depth_v, but received p_in_data[i]:${index} >= depth_v:${numClasses}.`);
    }
    out[i * numClasses + index] = 1;
  }
  return new Tensor('float32', [...x.shape, numClasses], out);
}

/** The kernel's ValueError (InvalidArgument) with its hint, as Paddle words it. */
function illegalIndex(text: string, hint: string): PaddleValueError {
  return new PaddleValueError(`(InvalidArgument) Illegal index value, Input(input) ${text}\n  [Hint: Expected ${hint}]`);
}
