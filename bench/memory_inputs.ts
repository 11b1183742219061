/**
 * Inputs for the memory child: filled in place, so that every page is
 * resident before the loss runs and nothing else is allocated on the way.
 */
import { Tensor } from '../reference/index.js';
import type { BenchDType } from './workload.js';

/** Input and label of n elements, every page touched, without a ones tensor or any temporary. */
export function workloadInputs(dtype: BenchDType, n: number): { input: Tensor; label: Tensor } {
  const Ctor = dtype === 'float32' ? Float32Array : Float64Array;
  const x = new Ctor(n);
  const y = new Ctor(n);
  // A cheap deterministic pattern: the memory figure does not depend on the values.
  for (let i = 0; i < n; i++) {
    x[i] = ((i * 7919) % 5000) / 1000 - 2;
    y[i] = (i * 2654435761) & 0x10000 ? 1 : -1;
  }
  return { input: new Tensor(dtype, [n], x), label: new Tensor(dtype, [n], y) };
}
