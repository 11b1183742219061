/**
 * Paddle's `margin_cross_entropy` kernel (`_C_ops.margin_cross_entropy`) on CPU: registered for float32, float64
 * and float16, and every call that gets through its checks raises, since its body is
 * `PADDLE_THROW(Unavailable("Do not support margin_cross_entropy for cpu kernel now."))`
 * (phi/kernels/cpu/margin_cross_entropy_kernel.cc, every release from 2.6.2 to 3.3.1). The values need a GPU.
 *
 * Rule `margin-ce-kernel-chosen-then-shapes`: the eager call chooses the kernel by the logits' dtype first
 * (int32, int64, bool, bfloat16: RuntimeError NotFound), then runs the shape inference
 * (MarginCrossEntropyInferMeta): for logits of rank 2 or more the label's leading dimensions must be the
 * logits' and its last 1 (ValueError, InvalidArgument); a 1-D logits is not checked. The label's dtype is not
 * checked at all (a float32 label reaches the kernel).
 * Rule `margin-ce-cpu-kernel-unavailable`: then the kernel raises RuntimeError (Unavailable). No backward.
 */
import { PaddleRuntimeError, PaddleValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { requireKernel } from './registration.js';

/** The CPU kernel's answer to logits and a label of equal rank: one of its errors, never a value. */
export function marginCrossEntropy(logits: Tensor, label: Tensor): never {
  requireKernel('margin_cross_entropy', logits.dtype);
  const [xs, ys] = [logits.shape, label.shape];
  if (xs.length >= 2) {
    for (let i = 0; i < xs.length - 1; i++) {
      if (xs[i] !== ys[i]) {
        throw new PaddleValueError(`(InvalidArgument) Input(Logits) and Input(Label) should in same shape in dimensions except axis.\n  [Hint: Expected logits_dims[i] == labels_dims[i], but received logits_dims[i]:${xs[i]} != labels_dims[i]:${ys[i]}.]`);
      }
    }
    const last = ys[xs.length - 1];
    if (last !== 1) {
      throw new PaddleValueError(`(InvalidArgument) the last dimension of Input(Label) should be 1.But received: the last dimension of Input(Label) is [${last}],the last dimension is [1]\n  [Hint: Expected labels_dims[logits_rank - 1] == 1UL, but received labels_dims[logits_rank - 1]:${last} != 1UL:1.]`);
    }
  }
  throw new PaddleRuntimeError('(Unavailable) Do not support margin_cross_entropy for cpu kernel now.');
}
