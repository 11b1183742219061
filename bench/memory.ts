/**
 * Peak memory of one forward call: the peak RSS of a fresh child that
 * allocates the inputs and runs the loss, minus that of a child that only
 * allocates the inputs, compared with the size of the output.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TSX } from './loader.js';
import { summarise, type Summary } from './stats.js';
import type { BenchDType } from './workload.js';

/** One memory measurement. */
export interface MemoryResult {
  /** fast or literal path. */
  path: 'fast' | 'literal';
  /** The reduction. */
  reduction: string;
  /** The dtype. */
  dtype: BenchDType;
  /** Elements per input. */
  n: number;
  /** Bytes of input plus label. */
  inputBytes: number;
  /** Bytes of the loss tensor's data. */
  outputBytes: number;
  /** Peak RSS of the child running the loss, bytes (median over runs). */
  peakRssBytes: number;
  /** Peak RSS of the baseline child that only allocates the inputs, bytes (median over runs). */
  baselineRssBytes: number;
  /** peakRss − baselineRss: what the call added at its peak. */
  extraBytes: Summary;
}

/** The child script, beside this module. */
const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'memory_child.ts');

/** Measures each (path, reduction) at size n, `runs` children each, against a baseline child per run. */
export async function measureMemory(
  cases: readonly { path: 'fast' | 'literal'; reduction: string }[],
  dtype: BenchDType,
  n: number,
  runs: number,
  log: (line: string) => void,
): Promise<MemoryResult[]> {
  const baselines: number[] = [];
  let inputBytes = 0;
  for (let r = 0; r < runs; r++) {
    const b = await child('inputs', 'none', n, dtype);
    baselines.push(b.maxRssBytes);
    inputBytes = b.inputBytes;
  }
  const baseline = summarise(baselines).median;
  log(`memory baseline (inputs only) ${dtype} n=${n}: ${(baseline / 2 ** 20).toFixed(1)} MiB peak RSS`);
  const results: MemoryResult[] = [];
  for (const c of cases) {
    const peaks: number[] = [];
    let outputBytes = 0;
    for (let r = 0; r < runs; r++) {
      const m = await child(c.path, c.reduction, n, dtype);
      peaks.push(m.maxRssBytes);
      outputBytes = m.outputBytes;
    }
    const peak = summarise(peaks).median;
    results.push({ ...c, dtype, n, inputBytes, outputBytes, peakRssBytes: peak, baselineRssBytes: baseline, extraBytes: summarise(peaks.map((p) => p - baseline)) });
    log(`memory ${c.path} ${c.reduction} ${dtype} n=${n}: +${((peak - baseline) / 2 ** 20).toFixed(1)} MiB over the inputs-only child (output ${(outputBytes / 2 ** 20).toFixed(1)} MiB)`);
  }
  return results;
}

interface ChildReport {
  maxRssBytes: number;
  outputBytes: number;
  inputBytes: number;
}

function child(mode: string, reduction: string, n: number, dtype: BenchDType): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', TSX, CHILD, mode, reduction, String(n), dtype], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => {
      if (code !== 0) return reject(new Error(`memory child ${mode} ${reduction} exited with ${code}: ${err.trim().slice(-500)}`));
      try {
        resolve(JSON.parse(out) as ChildReport);
      } catch {
        reject(new Error(`memory child ${mode} ${reduction} printed no JSON: ${out.slice(0, 200)}`));
      }
    });
  });
}
