/**
 * The bandwidth baselines: the least work any implementation of the loss
 * must do with typed arrays in this process, namely read both inputs and,
 * for an unreduced result or a gradient, write an output of the same size.
 * They set the machine's practical limit for a single JavaScript thread.
 */
import type { Summary } from './stats.js';
import { timeCall, type TimingPlan } from './timing.js';
import { bytesPer, type BenchDType } from './workload.js';

/** The two traffic patterns of the loss. */
export type Traffic = 'read2' | 'read2write1';

/** One baseline measurement. */
export interface BaselineResult {
  /** Which pattern. */
  traffic: Traffic;
  /** The dtype. */
  dtype: BenchDType;
  /** Elements per input. */
  n: number;
  /** Bytes read plus written per call. */
  bytes: number;
  /** Seconds per call. */
  seconds: Summary;
}

/**
 * `read2`: the sum of both inputs (what mean and sum must at least do);
 * `read2write1`: a copy of one input to the output plus the sum of the other
 * (what `none` and the gradient must at least do). Sums use four lanes so
 * they are not limited by the latency of one addition chain.
 */
export function measureBaseline(traffic: Traffic, dtype: BenchDType, x: Float32Array | Float64Array, y: Float32Array | Float64Array, plan: TimingPlan): BaselineResult {
  const { fn, bytes } = baselineCall(traffic, dtype, x, y);
  return { traffic, dtype, n: x.length, bytes, seconds: timeCall(fn, plan) };
}

/** The baseline's call and the bytes it moves, for timing it alone or paired with the reference. */
export function baselineCall(traffic: Traffic, dtype: BenchDType, x: Float32Array | Float64Array, y: Float32Array | Float64Array): { fn: () => number; bytes: number } {
  const out = dtype === 'float32' ? new Float32Array(x.length) : new Float64Array(x.length);
  const b = bytesPer(dtype);
  if (traffic === 'read2') return { fn: () => sum4(x) + sum4(y), bytes: 2 * x.length * b };
  return { fn: () => (out.set(x), sum4(y)), bytes: 3 * x.length * b };
}

/** The sum of an array in four interleaved float64 lanes. */
function sum4(a: Float32Array | Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = a.length;
  let k = 0;
  for (; k + 3 < n; k += 4) {
    s0 += a[k]!;
    s1 += a[k + 1]!;
    s2 += a[k + 2]!;
    s3 += a[k + 3]!;
  }
  for (; k < n; k++) s0 += a[k]!;
  return s0 + s1 + (s2 + s3);
}
