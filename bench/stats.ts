/**
 * Summary statistics of repeated timings: the median as the figure, the
 * spread as min, max and the interquartile range.
 */

/** The summary of one set of samples, in the samples' unit. */
export interface Summary {
  /** The median sample. */
  median: number;
  /** The fastest sample. */
  min: number;
  /** The slowest sample. */
  max: number;
  /** The first quartile. */
  q1: number;
  /** The third quartile. */
  q3: number;
  /** How many samples were taken. */
  samples: number;
}

/** Summarises samples (at least one). */
export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('summarise needs at least one sample');
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    samples: sorted.length,
  };
}

/** Linear-interpolated quantile of sorted values (the "R-7" rule numpy uses by default). */
function quantile(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}
