/**
 * The forward loop an element-wise binary kernel shares (subtract, add):
 * both operands broadcast to the result's shape, each element rounded to the
 * promoted dtype, then the kernel's own operation on the pair.
 */
import { broadcastIndex } from '../broadcast.js';
import { dtypeOf, type DTypeName, type Storage } from '../dtype.js';
import type { Tensor } from '../tensor.js';

/** `f` of each broadcast pair of elements of x and y, in the result's dtype and shape. */
export function elementPairs(x: Tensor, y: Tensor, dtype: DTypeName, shape: readonly number[], f: (a: number, b: number) => number): Storage {
  const d = dtypeOf(dtype);
  const xAt = broadcastIndex(x.shape, shape);
  const yAt = broadcastIndex(y.shape, shape);
  const out = d.allocate(xAt.length);
  for (let k = 0; k < xAt.length; k++) {
    // Two consts, not an array literal: a JS array may hold its numbers as doubles, where V8 turns NaN into +NaN.
    const a = d.round(x.at(xAt[k]!));
    const b = d.round(y.at(yAt[k]!));
    d.set(out, k, f(a, b));
  }
  return out;
}
