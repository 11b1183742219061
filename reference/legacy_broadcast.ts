/**
 * The output shape of a binary element-wise op (add, subtract, multiply) in
 * Paddle releases before 3.0.0, whose shape inference treated a dimension of
 * 0 differently from later releases (reference/broadcast.ts).
 */
import { broadcastShapes, sameShape } from './broadcast.js';
import { PaddleRuntimeError } from './errors.js';
import { paddleReleaseBefore } from './release.js';
import { numel } from './tensor.js';

/**
 * The shape Paddle 2.6 gives the result of a binary element-wise op, or the
 * error it raises.
 *
 * Equal shapes are kept as they are. Otherwise the dimensions, aligned from
 * the right, must match as they must in later releases (the same
 * ValueError), but a pair of dimensions neither of which is above 1 and
 * which are not both 1 (0 against 0 or 1) gives -1, not 0. A result with an
 * odd number of -1s has a negative element count, and allocating it raises
 * RuntimeError (PreconditionNotMet); one with an even number is a bogus shape
 * such as [-1, -1] that the next op refuses with the broadcast ValueError.
 * Confirmed against Paddle 2.6.2: add of [0] and [1], [2, 0] and [1], [] and
 * [0], [0, 3] and [0, 1] raise RuntimeError; [0, 0] and [1] give [-1, -1],
 * and adding [0, 0] to that raises the ValueError (X = [-1, -1], Y = [0, 0]).
 */
export function legacyBroadcastShape(x: readonly number[], y: readonly number[]): number[] {
  if (sameShape(x, y)) return [...x];
  broadcastShapes(x, y);
  const rank = Math.max(x.length, y.length);
  const [xs, ys] = [padLeft(x, rank), padLeft(y, rank)];
  const out = xs.map((a, i) => legacyDimension(a, ys[i]!));
  if (numel(out) < 0) {
    throw new PaddleRuntimeError('(PreconditionNotMet) The meta data must be valid when call the mutable data function.');
  }
  return out;
}

/**
 * The output shape of a binary element-wise kernel (add, subtract, multiply)
 * in the release being reproduced: Paddle 2.6's rule before 3.0.0, plain
 * broadcasting since.
 */
export function elementwiseShape(x: readonly number[], y: readonly number[]): number[] {
  return paddleReleaseBefore('3.0.0') ? legacyBroadcastShape(x, y) : broadcastShapes(x, y);
}

/** One output dimension of two that broadcast: the larger when either is above 1, 1 for two 1s, else -1. */
function legacyDimension(a: number, b: number): number {
  if (a > 1 || b > 1) return Math.max(a, b);
  return a === 1 && b === 1 ? 1 : -1;
}

function padLeft(shape: readonly number[], rank: number): number[] {
  return [...new Array<number>(rank - shape.length).fill(1), ...shape];
}
