/**
 * Paddle's `sum` kernel (`_C_ops.sum(x, axis, None, False)`): over every
 * axis, a 0-D tensor, or along the last axis (`x.sum(axis=-1)`), and its
 * backward.
 *
 * Forward. Rule `sum-full-in-eigen-order`: a sum over every element (and one
 * along the only axis of a 1-D tensor, which is the same reduction) adds in
 * Eigen's vectorised order (reduction.ts, eigenSum). Rule
 * `sum-along-last-axis-left-to-right`: a sum along the last axis of a tensor
 * of rank 2 or more adds each row left to right (sumRows below). Rule
 * `sum-of-integers-is-int64`: an int32 or bool tensor sums to int64 (Paddle
 * 3.3.1: l1_loss of int32 operands, 'sum', gives an int64 6; int32 rows
 * [[1, 2], [3, 4]] sum to int64 [3, 7]). An empty tensor sums to +0, and
 * before Paddle 3.0.0 raised, whatever the axis (rule `sum-of-empty-is-zero`,
 * reduction.ts: Paddle 2.6.2 refuses [2, 0] and [0, 3] along axis -1).
 * Every sum starts from +0, so a 0-D −0 sums to +0 (Paddle 3.3.1 and 2.6.2).
 *
 * Backward: every element gets the upstream gradient of its row (of the
 * whole, for a full sum) as it is, in the tensor's own dtype.
 */
import { dtypeOf, type DType, type DTypeName, type Storage } from '../dtype.js';
import { checkReducible, eigenSum } from '../reduction.js';
import { numel, Tensor } from '../tensor.js';
import { addKeepingFirstNaN } from '../x86_nan.js';
import { castGradient } from './promotion.js';
import type { Tape, Var } from './tape.js';

/** sum(x) over every element, on the tape. */
export function sumAll(tape: Tape, x: Var): Var {
  checkReducible(x.value.size, 'sum');
  const dtype = sumDtype(x.value.dtype);
  const d = dtypeOf(dtype);
  const out = d.allocate(1);
  d.set(out, 0, eigenSum(x.value.data, d));
  return tape.record(new Tensor(dtype, [], out), [x], (dout) => [spread(x.value, dout, x.value.size)]);
}

/**
 * `x.sum(axis)` along the last axis (axis −1, or rank − 1), on the tape: the
 * row sums, shape x.shape without its last dimension. A 0-D or 1-D tensor
 * gives the 0-D full sum. Other axes are not reproduced by this reference.
 */
export function sumAlongAxis(tape: Tape, x: Var, axis: number): Var {
  const rank = x.value.shape.length;
  if (rank <= 1) return sumAll(tape, x);
  if (axis !== -1 && axis !== rank - 1) throw new Error(`sum along axis ${axis} of a rank-${rank} tensor is not reproduced by this reference (only the last axis)`);
  checkReducible(x.value.size, 'sum');
  const dtype = sumDtype(x.value.dtype);
  const d = dtypeOf(dtype);
  const m = x.value.shape[rank - 1]!;
  const shape = x.value.shape.slice(0, -1);
  const out = sumRows(x.value, m, d);
  return tape.record(new Tensor(dtype, shape, out), [x], (dout) => [spread(x.value, dout, m)]);
}

/**
 * `paddle.sum(x, axis=0)` of a matrix, on the tape: the column sums, shape [cols]. Rule
 * `sum-along-first-axis-in-row-order`: each column adds its rows top to bottom from +0, the sum first, so the
 * earlier of two NaNs survives (Paddle 3.3.1: 4,000 random float32 columns of 1 to 129 rows matched bit for bit,
 * and +NaN and −NaN in rows 1 and 3 give the +NaN, in the other order the −NaN).
 */
export function sumAlongFirstAxis(tape: Tape, x: Var): Var {
  const [rows, cols] = x.value.shape as [number, number];
  const dtype = sumDtype(x.value.dtype);
  const d = dtypeOf(dtype);
  const out = d.allocate(cols);
  for (let j = 0; j < cols; j++) {
    let acc = 0;
    for (let i = 0; i < rows; i++) acc = addKeepingFirstNaN(acc, x.value.at(i * cols + j), d);
    d.set(out, j, acc);
  }
  return tape.record(new Tensor(dtype, [cols], out), [x], (dout) => {
    const g = dtypeOf(dout.dtype);
    const grad = g.allocate(x.value.size);
    for (let k = 0; k < x.value.size; k++) g.set(grad, k, dout.at(k % cols));
    return [castGradient(new Tensor(dout.dtype, x.value.shape, grad), x.value.dtype)];
  });
}

/**
 * `paddle.sum(x, axis=[1, …, rank − 1])`, every axis but the first, on the
 * tape: one sum per row of the first axis. Rule
 * `sum-over-trailing-axes-last-axis-outermost`: for rank 3 to 6 Eigen's
 * generic reducer walks the reduced block with the last axis outermost (the
 * block transposed), adding left to right from +0 with the sum first, so
 * where two NaNs meet the earlier one in that walk survives (Paddle 3.3.1:
 * 300 random [N, a, b(, c)] float32 tensors, and +NaN and −NaN in every
 * pair of places of [1, 2, 3], [1, 3, 4] and [1, 2, 2, 5], all matched);
 * rank 2 is the last axis (sumAlongAxis); above rank 6 Paddle reshapes to
 * [N, m] and sums the rows as sumRows does (rank 7: 50 of 50 matched).
 */
export function sumOverTrailingAxes(tape: Tape, x: Var): Var {
  const rank = x.value.shape.length;
  if (rank <= 2) return sumAlongAxis(tape, x, -1);
  checkReducible(x.value.size, 'sum');
  const dtype = sumDtype(x.value.dtype);
  const d = dtypeOf(dtype);
  const n = x.value.shape[0]!;
  const m = n === 0 ? 0 : x.value.size / n;
  const out = rank > 6 ? sumRows(new Tensor(x.value.dtype, [n, m], x.value.data), m, d) : sumTransposed(x.value, d);
  return tape.record(new Tensor(dtype, [n], out), [x], (dout) => [spread(x.value, dout, m)]);
}

/** Each row's block summed with its last axis outermost and its second axis innermost, the sum first. */
function sumTransposed(x: Tensor, d: DType): Storage {
  const [n, ...block] = x.shape as [number, ...number[]];
  const m = numel(block);
  const strides = block.map((_, i) => numel(block.slice(i + 1)));
  const out = d.allocate(n);
  for (let r = 0; r < n; r++) {
    let acc = 0;
    for (let k = 0; k < m; k++) {
      // k counts with the first reduced axis fastest: its digits, last axis first, give the row-major offset.
      let rest = k, offset = 0;
      for (let i = 0; i < block.length; i++) {
        offset += (rest % block[i]!) * strides[i]!;
        rest = Math.floor(rest / block[i]!);
      }
      acc = addKeepingFirstNaN(acc, x.at(r * m + offset), d);
    }
    d.set(out, r, acc);
  }
  return out;
}

/** The dtype a sum returns: int64 for int32 and bool, the tensor's own otherwise. */
function sumDtype(dtype: DTypeName): DTypeName {
  return dtype === 'int32' || dtype === 'bool' ? 'int64' : dtype;
}

/**
 * The sums of consecutive runs of m values (the rows of the last axis).
 *
 * Rule `sum-along-last-axis-left-to-right`: Paddle's CPU sum along the last
 * axis adds each row strictly left to right in the dtype, from +0 (Eigen's
 * inner-dimension reducer); 17,000 random rows of length 1..5000 in float32
 * and float64 matched bit for bit, while pairwise, 8-lane and
 * float64-accumulated orders matched about 30% (confirmed against Paddle
 * 3.3.1, through cosine_embedding_loss's row sums).
 */
export function sumRows(x: Tensor, m: number, d: DType, valueFirst32: ReadonlySet<number> = ROW_VALUE_FIRST_32): Storage {
  const count = numel(x.shape.slice(0, -1));
  const out = d.allocate(count);
  const [unroll, valueFirst] = d.name === 'float64' ? [4, ROW_VALUE_FIRST_64] : [8, valueFirst32];
  const unrolled = Math.floor(m / unroll) * unroll;
  for (let r = 0; r < count; r++) {
    let acc = 0;
    for (let j = 0; j < m; j++) {
      const v = x.at(r * m + j);
      acc = j < unrolled && valueFirst.has(j % unroll) ? addKeepingFirstNaN(v, acc, d) : addKeepingFirstNaN(acc, v, d);
    }
    d.set(out, r, acc);
  }
  return out;
}

/**
 * The steps of Paddle's row-sum loop that put the value before the running
 * sum. The loop adds left to right, unrolled by 8 in float32 and by 4 in
 * float64; at these steps of each unrolled block, where a NaN value meets a
 * NaN sum, the value's NaN survives, elsewhere and in the leftover tail the
 * sum's. Read off Paddle 3.3.1 by placing +NaN and −NaN in every pair of
 * places of rows of 4 to 32 values (every placement matched).
 */
const ROW_VALUE_FIRST_32: ReadonlySet<number> = new Set([0, 1, 4, 5, 6]);
const ROW_VALUE_FIRST_64: ReadonlySet<number> = new Set([0, 1]);

/** The backward: every element of x gets the upstream gradient of its run of m values, in x's dtype (an int32 x's int64 gradient cast back). */
function spread(x: Tensor, dout: Tensor, m: number): Tensor {
  const d = dtypeOf(dout.dtype);
  const out = d.allocate(x.size);
  for (let k = 0; k < x.size; k++) d.set(out, k, dout.at(Math.floor(k / m)));
  return castGradient(new Tensor(dout.dtype, x.shape, out), x.dtype);
}
