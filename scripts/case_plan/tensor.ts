/**
 * Wire tensors for the plan's requests, built from exact values: the plan
 * states precisely what it sends, whatever the op.
 */
import { encodeTensor, fromValues, valuesOf, type TensorJson, type WireDType } from '../../conformance/wire.js';

/**
 * A wire tensor of the given values. Every value must already be exact in the
 * dtype: a silent rounding here would make a case test something other than
 * its id says.
 */
export function tensor(dtype: WireDType, shape: readonly number[], values: ArrayLike<number>): TensorJson {
  const t = fromValues(dtype, shape, values);
  const stored = valuesOf(t);
  for (let i = 0; i < stored.length; i++) {
    const want = values[i]!;
    if (!Object.is(stored[i], want) && !(Number.isNaN(want) && Number.isNaN(stored[i]))) {
      throw new RangeError(`value ${want} at index ${i} is not exactly representable in ${dtype} (it would become ${stored[i]})`);
    }
  }
  return encodeTensor(t);
}

/** A tensor of one repeated value. */
export function filled(dtype: WireDType, shape: readonly number[], value: number): TensorJson {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(dtype, shape, new Array<number>(n).fill(value));
}
