/**
 * The command line of `npm run bench`, and the measurement plan each mode implies.
 */
import type { TimingPlan } from './timing.js';

/** What the user asked for. */
export interface BenchOptions {
  /** Small sizes and few repeats: a smoke run. */
  quick: boolean;
  /** Sizes N. */
  sizes: number[];
  /** Run Paddle and PyTorch (and the Paddle port). */
  frameworks: boolean;
  /** Where to write the JSON report, if anywhere. */
  json?: string;
  /** The literal path is measured up to this N. */
  literalMaxN: number;
  /** Print the help and exit. */
  help: boolean;
}

/** Thrown for a command line that cannot be used; main prints it with the help hint and exits 2. */
export class UsageError extends Error {}

/** The help text. */
export const HELP = `Usage: npm run bench -- [options]

Measures the reference (literal and fast path) forward and backward against
a typed-array bandwidth baseline, real Paddle CPU and PyTorch CPU, the
runner's throughput on the golden suite, and the peak memory of a forward
call. Prints tables (markdown) and, with --json, writes every figure.

Options:
  --quick            small sizes (1e3,1e4,1e5) and few repeats: a smoke run of a minute or so
  --sizes <list>     comma-separated sizes, e.g. 1e3,1e5 (default 1e3,1e4,1e5,1e6,1e7)
  --literal-max <n>  measure the literal path only up to n elements (default 1e7)
  --no-frameworks    skip Paddle and PyTorch (and the Paddle port in the runner section)
  --json <file>      also write all figures and machine facts as JSON
  --help             this text

Examples:
  npm run bench
  npm run bench -- --quick --no-frameworks
  npm run bench -- --sizes 1e6,1e7 --json bench.json
`;

const FULL_SIZES = [1e3, 1e4, 1e5, 1e6, 1e7];
const QUICK_SIZES = [1e3, 1e4, 1e5];

/** Parses argv (without node and the script). */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const o: BenchOptions = { quick: false, sizes: [], frameworks: true, literalMaxN: 1e7, help: false };
  let sizes: number[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') o.quick = true;
    else if (a === '--no-frameworks') o.frameworks = false;
    else if (a === '--help' || a === '-h') o.help = true;
    else if (a === '--json') o.json = value();
    else if (a === '--sizes') sizes = value().split(',').map((s) => count(s, '--sizes'));
    else if (a === '--literal-max') o.literalMaxN = count(value(), '--literal-max');
    else throw new UsageError(`unknown option ${a}`);
  }
  o.sizes = sizes ?? (o.quick ? QUICK_SIZES : FULL_SIZES);
  return o;
}

function count(text: string, flag: string): number {
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 27) throw new UsageError(`${flag}: ${JSON.stringify(text)} is not a whole number of elements between 1 and 2^27 (1e3 notation is fine)`);
  return n;
}

/** How to time one reference call of size n: slow literal calls get fewer samples and a larger budget. */
export function timingPlan(o: BenchOptions, n: number, path: 'literal' | 'fast'): TimingPlan {
  if (o.quick) return { warmup: 2, samples: 5, minSamples: 3, minSampleMs: 5, budgetMs: 300 };
  // At 1e7 a literal call takes seconds: the calibration call is its warm-up, and three samples must do.
  if (path === 'literal') return n >= 1e7 ? { warmup: 0, samples: 3, minSamples: 3, minSampleMs: 20, budgetMs: 0 } : { warmup: 1, samples: 7, minSamples: 3, minSampleMs: 20, budgetMs: 2500 };
  return { warmup: 3, samples: 15, minSamples: 5, minSampleMs: 20, budgetMs: 1500 };
}

/** Timing settings for framework_bench.py. */
export function frameworkTiming(o: BenchOptions): { warmup: number; samples: number; min_samples: number; budget_s: number; min_sample_s: number; slow_call_s: number } {
  return o.quick
    ? { warmup: 2, samples: 5, min_samples: 3, budget_s: 0.3, min_sample_s: 0.005, slow_call_s: 0.2 }
    : { warmup: 3, samples: 15, min_samples: 5, budget_s: 1.5, min_sample_s: 0.02, slow_call_s: 0.2 };
}
