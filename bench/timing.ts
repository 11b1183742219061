/**
 * Timing a function in this process: warm-up calls first (so V8 has compiled
 * the hot loops), then samples, each of enough calls to last a measurable
 * time, until the sample count or the time budget is reached.
 */
import { summarise, type Summary } from './stats.js';

/** How long and how often to measure. */
export interface TimingPlan {
  /** Calls made before measuring. */
  warmup: number;
  /** Samples wanted. */
  samples: number;
  /** Fewest samples taken, whatever the budget. */
  minSamples: number;
  /** A sample repeats the call until it lasts at least this long, so timer resolution does not matter. */
  minSampleMs: number;
  /** Stop taking samples (past minSamples) once this much time has been spent. */
  budgetMs: number;
}

/** Seconds per call, summarised over samples. */
export function timeCall(fn: () => unknown, plan: TimingPlan): Summary {
  for (let i = 0; i < plan.warmup; i++) sink(fn());
  const calls = callsPerSample(fn, plan.minSampleMs);
  const perCall: number[] = [];
  const start = performance.now();
  while (perCall.length < plan.samples) {
    perCall.push(sample(fn, calls));
    if (perCall.length >= plan.minSamples && performance.now() - start > plan.budgetMs) break;
  }
  return summarise(perCall);
}

/** Two functions timed in alternating samples, and the ratio of each pair. */
export interface PairedTiming {
  /** Seconds per call of the first function. */
  a: Summary;
  /** Seconds per call of the second function. */
  b: Summary;
  /** Per pair of adjacent samples, a's time over b's, in sampling order. */
  aOverB: number[];
}

/**
 * Times two functions in alternating samples, so that a burst of load from
 * elsewhere on the machine slows both members of a pair alike and their
 * ratio stays meaningful on a shared machine.
 */
export function timePaired(a: () => unknown, b: () => unknown, plan: TimingPlan): PairedTiming {
  for (let i = 0; i < plan.warmup; i++) (sink(a()), sink(b()));
  const callsA = callsPerSample(a, plan.minSampleMs);
  const callsB = callsPerSample(b, plan.minSampleMs);
  const ta: number[] = [];
  const tb: number[] = [];
  const start = performance.now();
  while (ta.length < plan.samples) {
    ta.push(sample(a, callsA));
    tb.push(sample(b, callsB));
    if (ta.length >= plan.minSamples && performance.now() - start > plan.budgetMs) break;
  }
  return { a: summarise(ta), b: summarise(tb), aOverB: ta.map((t, i) => t / tb[i]!) };
}

/** Seconds per call over one sample of `calls` calls. */
function sample(fn: () => unknown, calls: number): number {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) sink(fn());
  return (performance.now() - t0) / 1000 / calls;
}

/** How many calls make one sample last at least minSampleMs (1 for slow calls). */
function callsPerSample(fn: () => unknown, minSampleMs: number): number {
  let calls = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) sink(fn());
    const ms = performance.now() - t0;
    if (ms >= minSampleMs || calls >= 1 << 20) return calls;
    calls *= ms > 0 ? Math.min(16, Math.max(2, Math.ceil(minSampleMs / ms))) : 16;
  }
}

let kept: unknown;
/** Keeps a result reachable so the engine cannot drop the call that made it. */
function sink(value: unknown): void {
  kept = value;
}

/** The last value kept by sink (exported so the store is observable and cannot be elided). */
export function lastResult(): unknown {
  return kept;
}
