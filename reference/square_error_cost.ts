/**
 * paddle.nn.functional.square_error_cost(input, label)
 *
 * The documentation page:
 *
 *     Out = (input − label)²
 *
 * with input and label "of float32", no reduction and no other parameter
 * (not even name).
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py; the same
 * source since 2.6.2) as
 *
 *     _C_ops.square(_C_ops.subtract(input, label))
 *
 * Rule `square-error-cost-other-dtypes-computed`: the page names float32, but
 * subtract and square have float64, int32 and int64 kernels, and those
 * operands compute and keep their dtype (Paddle 3.3.1: int32 [1, 2, 3]
 * against [0, 5, 1] gives int32 [1, 9, 4]).
 *
 * Everything else is its primitives' (reference/kernels/): subtract's
 * broadcasting, refused float16 and bool, dtype promotion and negated
 * gradient; square's kept NaN sign and missing bfloat16 kernel. This is
 * mse_loss with reduction 'none', and nothing is ever reduced.
 */
import { square } from './kernels/square.js';
import { subtract } from './kernels/subtract.js';
import { Tape, type Var } from './kernels/tape.js';
import { full, type Tensor } from './tensor.js';

/** square_error_cost's tensors, by Paddle's parameter names. */
export interface SquareErrorCostTensors {
  input: Tensor;
  label: Tensor;
}

/** square_error_cost's forward: the element-wise loss as Paddle 3.3.1 returns it. */
export function squareErrorCost(tensors: SquareErrorCostTensors): Tensor {
  return onTape(new Tape(), tensors, false).loss.value;
}

/** square_error_cost's gradient with respect to input and label, for upstream `gradOutput` (ones of the loss's shape by default). */
export function squareErrorCostGrad(tensors: SquareErrorCostTensors, gradOutput?: Tensor): { input: Tensor; label: Tensor } {
  const tape = new Tape();
  const { loss, x, y } = onTape(tape, tensors, true);
  const grads = tape.backward(loss, gradOutput ?? full(loss.value.shape, 1, loss.value.dtype));
  return { input: grads.get(x.id)!, label: grads.get(y.id)! };
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, tensors: SquareErrorCostTensors, needsGrad: boolean): { loss: Var; x: Var; y: Var } {
  const x = tape.leaf(tensors.input, needsGrad);
  const y = tape.leaf(tensors.label, needsGrad);
  return { loss: square(tape, subtract(tape, x, y)), x, y };
}
