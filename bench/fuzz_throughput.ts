/**
 * Fuzzing throughput: requests per second that `paddle-conformance fuzz`
 * draws, sends and judges, for hinge_embedding_loss with a fixed seed, in
 * three set-ups: the in-process reference against the reference oracle;
 * real Paddle as a Python process port against the reference oracle; and the
 * reference against the live Paddle oracle. A run that finds a disagreement
 * stops there, so the rate is taken up to the first disagreement and leaves
 * shrinking out.
 */
import { fuzzOp, type FuzzResult } from '../conformance/fuzz/fuzz.js';
import { opForFamily } from '../conformance/ops/index.js';
import { openPort, referencePort } from '../conformance/ports/index.js';
import type { Port } from '../conformance/port.js';
import { frameworkPython } from './frameworks.js';

/** The op the section fuzzes: the first registered one, whose kernels are cheapest, so the rate shows the harness. */
const OP = 'hinge_embedding_loss';

/** The seed of every run, so all set-ups draw the same requests. */
export const FUZZ_BENCH_SEED = 20261130;

/** One set-up's figures. */
export interface FuzzRate {
  /** The implementation under test. */
  port: string;
  /** What it was compared with. */
  oracle: string;
  /** Requests drawn and judged (up to the first disagreement). */
  cases: number;
  /** Seconds those took. */
  seconds: number;
  /** cases / seconds. */
  perSecond: number;
  /** Whether the run stopped at a disagreement. */
  disagreement: boolean;
}

/** What the fuzz section found. */
export interface FuzzThroughput {
  /** The op fuzzed. */
  op: string;
  /** The set-ups that could be measured. */
  rates: FuzzRate[];
  /** Why a set-up is missing. */
  notes: string[];
}

/** Measures the three set-ups with `runs` requests each; `withPaddle` false skips the two that need Paddle. */
export async function measureFuzz(runs: number, withPaddle: boolean, log: (line: string) => void): Promise<FuzzThroughput> {
  const out: FuzzThroughput = { op: OP, rates: [], notes: [] };
  out.rates.push(await timed(referencePort(), 'reference', runs, log));
  if (!withPaddle) {
    out.notes.push('Paddle set-ups skipped (--no-frameworks)');
    return out;
  }
  const { python, note } = frameworkPython('paddle');
  if (!python) {
    out.notes.push(note!);
    return out;
  }
  out.rates.push(await timed(await openPort({ builtin: 'paddle', timeoutMs: 60_000 }), 'reference', runs, log));
  out.rates.push(await timed(referencePort(), 'paddle', runs, log));
  return out;
}

async function timed(port: Port, oracle: 'reference' | 'paddle', runs: number, log: (line: string) => void): Promise<FuzzRate> {
  let result: FuzzResult;
  try {
    // A warm-up of a few requests opens the Python processes before the clock starts.
    await fuzzOp({ op: opForFamily(OP)!, port, oracle, seed: FUZZ_BENCH_SEED + 1, runs: 5, maxNumel: 64 });
    result = await fuzzOp({ op: opForFamily(OP)!, port, oracle, seed: FUZZ_BENCH_SEED, runs, maxNumel: 64 });
  } finally {
    await port.close();
  }
  const cases = result.found ? result.found.casesToFirst : result.cases;
  const seconds = (result.found ? result.found.msToFirst : result.elapsedMs) / 1000;
  const rate = { port: port.name, oracle: result.oracle, cases, seconds, perSecond: cases / seconds, disagreement: result.found !== undefined };
  log(`fuzz ${rate.port} vs ${rate.oracle}: ${cases} cases in ${seconds.toFixed(2)} s`);
  return rate;
}
