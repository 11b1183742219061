/**
 * The benchmark's inputs: the same distribution for the reference and for
 * the frameworks. Inputs are uniform in [-2, 3) and labels are ±1 at random,
 * so with margin 1 about half the label -1 elements sit past the margin and
 * neither branch of the loss is predictable.
 */
import { Prng } from '../scripts/prng.js';
import { Tensor } from '../reference/index.js';

/** The dtypes benchmarked. */
export const BENCH_DTYPES = ['float32', 'float64'] as const;

/** A benchmarked dtype. */
export type BenchDType = (typeof BENCH_DTYPES)[number];

/** Bytes per element of a benchmarked dtype. */
export function bytesPer(dtype: BenchDType): number {
  return dtype === 'float32' ? 4 : 8;
}

/** One workload: input, label and a ones upstream gradient of shape [n]. */
export interface Workload {
  /** The input tensor. */
  input: Tensor;
  /** The label tensor. */
  label: Tensor;
  /** Ones of the input's shape, the upstream gradient for reduction none. */
  ones: Tensor;
}

/** Builds the workload of n elements of a dtype, seeded so every run reads the same data. */
export function workload(dtype: BenchDType, n: number, seed = 20240501): Workload {
  const rand = new Prng(seed);
  const Ctor = dtype === 'float32' ? Float32Array : Float64Array;
  const x = new Ctor(n);
  const y = new Ctor(n);
  for (let i = 0; i < n; i++) {
    x[i] = rand.next() * 5 - 2;
    y[i] = rand.nextUint32() & 1 ? 1 : -1;
  }
  return {
    input: new Tensor(dtype, [n], x),
    label: new Tensor(dtype, [n], y),
    ones: new Tensor(dtype, [n], new Ctor(n).fill(1)),
  };
}
