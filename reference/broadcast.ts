/**
 * Paddle's broadcasting of two shapes, used by `paddle.where` inside the loss.
 */
import { PaddleValueError } from './errors.js';
import { numel } from './tensor.js';

/**
 * The broadcast shape of x and y, or Paddle's InvalidArgument error.
 *
 * Dimensions are aligned from the right. A dimension of 1 stretches; a 0 only
 * meets 0 or 1 (phi/kernels/funcs/common_shape.h, GetBroadcastDimsArrays).
 */
export function broadcastShapes(x: readonly number[], y: readonly number[]): number[] {
  const rank = Math.max(x.length, y.length);
  const xs = padLeft(x, rank);
  const ys = padLeft(y, rank);
  return xs.map((a, i) => {
    const b = ys[i]!;
    if (a === b) return a;
    if (a === 1) return b;
    if (b === 1) return a;
    throw new PaddleValueError(mismatchMessage(x, y, a, b, i));
  });
}

/** For each flat index of `outShape`, the flat index it reads in a tensor of shape `inShape` broadcast to it. */
export function broadcastIndex(inShape: readonly number[], outShape: readonly number[]): Int32Array {
  const n = numel(outShape);
  const index = new Int32Array(n);
  const rank = outShape.length;
  const padded = padLeft(inShape, rank);
  const strides = contiguousStrides(padded).map((s, i) => (padded[i] === 1 ? 0 : s));
  const counter = new Array<number>(rank).fill(0);
  for (let flat = 0; flat < n; flat++) {
    let src = 0;
    for (let d = 0; d < rank; d++) src += counter[d]! * strides[d]!;
    index[flat] = src;
    for (let d = rank - 1; d >= 0; d--) {
      counter[d]! += 1;
      if (counter[d]! < outShape[d]!) break;
      counter[d] = 0;
    }
  }
  return index;
}

/** Whether two shapes are the same list of dimensions. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function padLeft(shape: readonly number[], rank: number): number[] {
  return [...new Array<number>(rank - shape.length).fill(1), ...shape];
}

function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) strides[d] = strides[d + 1]! * shape[d + 1]!;
  return strides;
}

function mismatchMessage(x: readonly number[], y: readonly number[], a: number, b: number, i: number): string {
  return (
    `(InvalidArgument) Broadcast dimension mismatch. Operands could not be broadcast together with the shape of ` +
    `X = [${x.join(', ')}] and the shape of Y = [${y.join(', ')}]. Received [${a}] in X is not equal to [${b}] in Y at i:${i}.`
  );
}
