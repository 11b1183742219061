/**
 * A binary kernel's backward for broadcast operands: each operand's gradient
 * from the output-shaped contributions, by the path Paddle's CPU kernels take
 * (phi/kernels/funcs/elementwise_grad_base.h). Written once for subtract,
 * add and multiply and every op that calls them.
 */
import { broadcastIndex, sameShape } from '../broadcast.js';
import { dtypeOf, type DType, type Storage } from '../dtype.js';
import { PaddleSystemError } from '../errors.js';
import { paddleReleaseBefore } from '../release.js';
import { numel } from '../tensor.js';
import { addKeepingFirstNaN } from '../x86_nan.js';

/**
 * What Paddle's CPU element-wise backward gives each operand of a binary op
 * x ⊙ y with output shape `out`, from the per-output-element contributions
 * `dxValues` and `dyValues` (null: that operand needs no gradient), and
 * `dyValuesSummed`, y's contributions as the paths that sum them compute
 * them (they may round or keep a NaN's sign otherwise; y's by default).
 *
 * Rule `broadcast-grad-summed-in-order`: a broadcast operand's
 * gradient is the sum of its contributions in the output's row-major order,
 * starting from +0, in the op's dtype (bfloat16 sums in float32 on the
 * pre/n/post path). Paddle takes one of three paths
 * (phi/kernels/funcs/elementwise_grad_base.h):
 * - equal shapes: each operand gets its contributions as they are;
 * - the smaller operand's dimensions (trailing 1s trimmed) are a contiguous
 *   run of the larger one's: the larger (the output's shape) gets its
 *   contributions as they are, the smaller their sums
 *   (ElemwiseGradBroadcast1CPU/2CPU);
 * - otherwise both start from zeroed memory and accumulate with +=
 *   (CommonGradBroadcastCPU), so even an operand of the output's shape gets
 *   +0 + v.
 *
 * Rule `broadcast-grad-accumulates-from-zero`: the last path is visible in the sign of
 * zero: input's gradient -(+0) = -0 becomes +0 + -0 = +0 there. Confirmed
 * against Paddle 3.3.1: margin_ranking_loss's input [3,4] against other [3,1] (the third path,
 * because other is subtract's x and has the same rank) gives +0 where the
 * same-shape call gives -0.
 */
export function operandGradients(
  xShape: readonly number[],
  yShape: readonly number[],
  outShape: readonly number[],
  dxValues: Storage | null,
  dyValues: Storage | null,
  dtype: DType,
  dyValuesSummed: Storage | null = dyValues,
): { dx: Storage | null; dy: Storage | null } {
  refuseEmptyBackward(outShape);
  if (sameShape(xShape, yShape)) return { dx: dxValues, dy: dyValues };
  const xLarger = xShape.length >= yShape.length;
  const larger = xLarger ? xShape : yShape;
  const trimmed = trimTrailingOnes(xLarger ? yShape : xShape);
  const axis = trimmed.length === 0 ? larger.length : Math.abs(xShape.length - yShape.length);
  const contiguous = trimmed.every((d, i) => larger[i + axis] === d);
  // Paddle's MPType: float16 and bfloat16 sum in float32; integers and the other floats in their own type.
  const accumulator = contiguous && (dtype.name === 'float16' || dtype.name === 'bfloat16') ? dtypeOf('float32') : dtype;
  const reduce = (shape: readonly number[], values: Storage | null, summed: Storage | null, isLarger: boolean): Storage | null => {
    if (values === null || summed === null) return null;
    if (contiguous && isLarger) return values;
    return sumTo(shape, outShape, summed, dtype, contiguous ? accumulator : dtype);
  };
  return { dx: reduce(xShape, dxValues, dxValues, xLarger), dy: reduce(yShape, dyValues, dyValuesSummed, !xLarger) };
}

/**
 * Before Paddle 3.0.0 eager autograd could not run a binary kernel's
 * backward through an empty output: it raised SystemError (confirmed against
 * Paddle 2.6.2: the backward of subtract, multiply, and abs(subtract) of [0]
 * operands; relu's alone passes). A departure from the page on spec cases,
 * so no named rule describes it.
 */
function refuseEmptyBackward(outShape: readonly number[]): void {
  if (paddleReleaseBefore('3.0.0') && numel(outShape) === 0) {
    throw new PaddleSystemError('(Fatal) Unable to fill empty grad inputs due to empty GradSlotMeta');
  }
}

/** Sums output-shaped contributions into an operand's shape, in row-major order from +0, accumulating in `acc`. */
function sumTo(shape: readonly number[], outShape: readonly number[], values: Storage, dtype: DType, acc: DType): Storage {
  const at = broadcastIndex(shape, outShape);
  const sums = new Float64Array(numel(shape));
  // The running sum first: where two NaNs meet, x86 keeps it (a JS `+` may swap its operands).
  for (let k = 0; k < values.length; k++) sums[at[k]!] = addKeepingFirstNaN(sums[at[k]!]!, dtype.get(values, k), acc);
  const out = dtype.allocate(sums.length);
  for (let k = 0; k < sums.length; k++) dtype.set(out, k, dtype.round(sums[k]!));
  return out;
}

/** A shape without its trailing dimensions of size 1, as Paddle's TrimTrailingSingularDims. */
function trimTrailingOnes(shape: readonly number[]): number[] {
  let n = shape.length;
  while (n > 0 && shape[n - 1] === 1) n--;
  return shape.slice(0, n);
}

