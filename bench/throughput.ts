/**
 * Reference throughput: forward and backward, literal and fast path, every
 * reduction, for each dtype and size, beside the bandwidth baselines
 * measured on the same data in the same run.
 */
import {
  hingeEmbeddingLoss,
  hingeEmbeddingLossFast,
  hingeEmbeddingLossGrad,
  hingeEmbeddingLossGradFast,
  type Reduction,
} from '../reference/index.js';
import { baselineCall, measureBaseline, type BaselineResult, type Traffic } from './baseline.js';
import { summarise, type Summary } from './stats.js';
import { timePaired, type TimingPlan } from './timing.js';
import { bytesPer, workload, type BenchDType, type Workload } from './workload.js';

/** The reductions benchmarked. */
export const BENCH_REDUCTIONS: readonly Reduction[] = ['none', 'mean', 'sum'];

/** Forward (the loss) or backward (the gradient of input). */
export type Direction = 'forward' | 'backward';

/** The literal reading or the fused fast path. */
export type Path = 'literal' | 'fast';

/** One reference measurement. */
export interface ReferenceResult {
  /** Which implementation. */
  path: Path;
  /** Loss or gradient. */
  direction: Direction;
  /** The dtype. */
  dtype: BenchDType;
  /** The reduction. */
  reduction: Reduction;
  /** Elements per input. */
  n: number;
  /** Bytes read plus written per call (inputs, upstream gradient for none, output). */
  bytes: number;
  /** The baseline with the same traffic pattern. */
  traffic: Traffic;
  /** Seconds per call. */
  seconds: Summary;
  /** Bandwidth as a fraction of the baseline's, per pair of alternating samples (see timePaired). */
  ofBaseline: Summary;
}

/** What the throughput section measures and how. */
export interface ThroughputPlan {
  /** Sizes N. */
  sizes: readonly number[];
  /** Dtypes. */
  dtypes: readonly BenchDType[];
  /** The literal path is measured up to this N (it allocates index arrays and is slow past 1e6). */
  literalMaxN: number;
  /** How to time a call. */
  timing: (n: number, path: Path) => TimingPlan;
  /** Progress, one line per measurement. */
  log: (line: string) => void;
}

/** Everything the throughput section found. */
export interface ThroughputResults {
  /** Baselines per dtype, size and traffic pattern. */
  baselines: BaselineResult[];
  /** Reference measurements. */
  reference: ReferenceResult[];
}

/** Runs the throughput section. */
export function measureThroughput(plan: ThroughputPlan): ThroughputResults {
  const out: ThroughputResults = { baselines: [], reference: [] };
  for (const dtype of plan.dtypes) {
    for (const n of plan.sizes) {
      const w = workload(dtype, n);
      const x = w.input.data as Float32Array | Float64Array;
      const y = w.label.data as Float32Array | Float64Array;
      for (const traffic of ['read2', 'read2write1'] as const) {
        const b = measureBaseline(traffic, dtype, x, y, plan.timing(n, 'fast'));
        out.baselines.push(b);
        plan.log(`baseline ${traffic} ${dtype} n=${n}: ${(b.seconds.median * 1e3).toFixed(3)} ms`);
      }
      for (const path of ['fast', 'literal'] as const) {
        if (path === 'literal' && n > plan.literalMaxN) continue;
        for (const direction of ['forward', 'backward'] as const) {
          for (const reduction of BENCH_REDUCTIONS) {
            const r = measureOne(w, path, direction, reduction, dtype, n, plan.timing(n, path));
            // Each fraction comes from samples taken alternately with the baseline's, not from the table above.
            out.reference.push(r);
            plan.log(`${path} ${direction} ${dtype} ${reduction} n=${n}: ${(r.seconds.median * 1e3).toFixed(3)} ms`);
          }
        }
      }
    }
  }
  return out;
}

function measureOne(w: Workload, path: Path, direction: Direction, reduction: Reduction, dtype: BenchDType, n: number, timing: TimingPlan): ReferenceResult {
  const { input, label, ones } = w;
  const b = bytesPer(dtype);
  let fn: () => unknown;
  let bytes: number;
  if (direction === 'forward') {
    const loss = path === 'fast' ? hingeEmbeddingLossFast : hingeEmbeddingLoss;
    fn = () => loss(input, label, 1.0, reduction);
    bytes = reduction === 'none' ? 3 * n * b : 2 * n * b + b;
  } else {
    const grad = path === 'fast' ? hingeEmbeddingLossGradFast : hingeEmbeddingLossGrad;
    // For none the upstream gradient is an explicit tensor of ones, as the frameworks are given; it is read too.
    const upstream = reduction === 'none' ? ones : undefined;
    fn = () => grad(input, label, 1.0, reduction, upstream);
    bytes = reduction === 'none' ? 4 * n * b : 3 * n * b;
  }
  const traffic: Traffic = direction === 'forward' && reduction !== 'none' ? 'read2' : 'read2write1';
  const base = baselineCall(traffic, dtype, input.data as Float32Array | Float64Array, label.data as Float32Array | Float64Array);
  const t = timePaired(fn, base.fn, timing);
  // Bandwidth ratio (bytes/t) / (baseBytes/tBase) = (bytes / baseBytes) · (tBase / t).
  const ofBaseline = summarise(t.aOverB.map((q) => bytes / base.bytes / q));
  return { path, direction, dtype, reduction, n, bytes, traffic, seconds: t.a, ofBaseline };
}
