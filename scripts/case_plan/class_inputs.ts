/**
 * Inputs of the losses over class scores, for their hand-written plans: uniform logits, class indices,
 * rows of probabilities (soft labels) and an upstream gradient, each drawn from a named seed.
 */
import type { TensorJson, WireDType } from '../../conformance/wire.js';
import { Prng } from '../prng.js';
import { tensor } from './tensor.js';
import { upstreamValues } from './values.js';

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Uniform logits in [lo, hi), rounded to the dtype. */
export function logits(seed: string, shape: number[], dtype: WireDType = 'float32', lo = -3, hi = 3): TensorJson {
  const rng = new Prng(seed);
  const round = dtype === 'float32' ? Math.fround : (v: number) => v;
  return tensor(dtype, shape, Array.from({ length: size(shape) }, () => round(rng.uniform(lo, hi))));
}

/** Class indices in [0, C). */
export function classes(seed: string, shape: number[], c: number, dtype: WireDType = 'int64'): TensorJson {
  const rng = new Prng(seed);
  return tensor(dtype, shape, Array.from({ length: size(shape) }, () => rng.int(0, c - 1)));
}

/** Rows of probabilities along the last axis (each row sums to about 1). */
export function distributions(seed: string, shape: number[], dtype: WireDType = 'float32'): TensorJson {
  const rng = new Prng(seed);
  const c = shape[shape.length - 1]!;
  const round = dtype === 'float32' ? Math.fround : (v: number) => v;
  const out: number[] = [];
  for (let r = 0; r < size(shape) / c; r++) {
    const w = Array.from({ length: c }, () => rng.uniform(0.1, 1));
    const s = w.reduce((a, b) => a + b, 0);
    out.push(...w.map((v) => round(v / s)));
  }
  return tensor(dtype, shape, out);
}

/** An upstream gradient of `shape`. */
export function upstream(seed: string, shape: number[], dtype: WireDType = 'float32'): TensorJson {
  return tensor(dtype, shape, upstreamValues(new Prng(seed), size(shape)));
}
