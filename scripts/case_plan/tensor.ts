/**
 * Wire tensors for the plan's requests, built from exact values: the plan
 * states precisely what it sends, whatever the op.
 */
import { expandSpec, generatorProblem, type GeneratorSpec } from '../../conformance/generated.js';
import { encodeTensor, fromValues, shapeSize, valuesOf, type TensorJson, type WireDType } from '../../conformance/wire.js';

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

/**
 * A generated tensor (conformance/generated.ts): the generator, the shape and
 * the SHA-256 of the bytes it expands to, computed here, so the golden file
 * stores a few hundred bytes in place of the values and both the suite and
 * the oracle check the hash before use.
 */
export function generated(dtype: WireDType, shape: readonly number[], spec: Omit<GeneratorSpec, 'bits'>): TensorJson {
  const full: GeneratorSpec = { bits: 'fmix32', seed: spec.seed, distribution: spec.distribution, low: spec.low, high: spec.high };
  const problem = generatorProblem(full, dtype, shapeSize(shape));
  if (problem !== undefined) throw new RangeError(`generated ${dtype}[${shape.join(', ')}]: ${problem}`);
  return { dtype, shape: [...shape], generated: full, sha256: expandSpec(full, dtype, shape).sha256 };
}
