/**
 * Generated inputs (conformance/generated.ts): the time to expand a
 * language-model-sized input and hash it, as the loader and the runner do on
 * a cache miss. The target is well under a second for 8 × 151,936 values.
 */
import { generateBytes, sha256Hex, type GeneratorSpec } from '../conformance/generated.js';
import { summarise, type Summary } from './stats.js';
import { markdownTable, ms } from './table.js';

/** One measured expansion. */
export interface GeneratedResult {
  /** The dtype filled. */
  dtype: string;
  /** The shape. */
  shape: number[];
  /** Seconds per expansion plus SHA-256. */
  seconds: Summary;
}

const SHAPE = [8, 151936];
const SPECS: Array<[string, GeneratorSpec]> = [
  ['float32', { bits: 'fmix32', seed: 1, distribution: 'uniform', low: -8, high: 8 }],
  ['bfloat16', { bits: 'fmix32', seed: 1, distribution: 'uniform', low: -8, high: 8 }],
  ['float64', { bits: 'fmix32', seed: 1, distribution: 'uniform', low: -8, high: 8 }],
  ['int64', { bits: 'fmix32', seed: 1, distribution: 'integers', low: 0, high: 151936 }],
];

/** Times generateBytes + sha256Hex (no cache) for each dtype at 8 × 151,936, `samples` times after one warm-up. */
export function measureGenerated(samples: number): GeneratedResult[] {
  const n = SHAPE[0]! * SHAPE[1]!;
  return SPECS.map(([dtype, spec]) => {
    sha256Hex(generateBytes(spec, dtype, n));
    const times: number[] = [];
    for (let k = 0; k < samples; k++) {
      const t0 = performance.now();
      sha256Hex(generateBytes(spec, dtype, n));
      times.push((performance.now() - t0) / 1e3);
    }
    return { dtype, shape: SHAPE, seconds: summarise(times) };
  });
}

/** The results as a table. */
export function generatedTable(results: readonly GeneratedResult[]): string {
  return markdownTable(['dtype', 'shape', 'expand + SHA-256 (ms, median)', 'min', 'max'],
    results.map((r) => [r.dtype, `[${r.shape.join(', ')}]`, ms(r.seconds.median), ms(r.seconds.min), ms(r.seconds.max)]));
}

/** One language-model case through the in-process reference. */
export interface LanguageModelTiming {
  /** The case id. */
  id: string;
  /** Seconds per call: expanding the request's generated inputs (cached after the first) and the reference's answer. */
  seconds: Summary;
}

/** Times the reference on every case of golden/cross_entropy/language_model.json (none when the file is absent). */
export async function measureLanguageModel(samples: number): Promise<LanguageModelTiming[]> {
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { bundledGoldenDir, loadGoldenFile } = await import('../conformance/golden.js');
  const { opForFamily } = await import('../conformance/ops/index.js');
  const { expandedRequest } = await import('../conformance/runner.js');
  const file = join(bundledGoldenDir(), 'cross_entropy', 'language_model.json');
  const op = opForFamily('cross_entropy');
  if (!existsSync(file) || !op) return [];
  return loadGoldenFile(file).cases.map((c) => {
    const times: number[] = [];
    for (let k = 0; k < samples; k++) {
      const t0 = performance.now();
      op.reference({ id: c.id, ...expandedRequest(c.request) });
      times.push((performance.now() - t0) / 1e3);
    }
    return { id: c.id, seconds: summarise(times) };
  });
}

/** The slowest language-model cases as a table. */
export function languageModelTable(results: readonly LanguageModelTiming[]): string {
  const slowest = [...results].sort((a, b) => b.seconds.median - a.seconds.median).slice(0, 6);
  return markdownTable(['case (the 6 slowest)', 'reference (ms, median)', 'max'], slowest.map((r) => [r.id, ms(r.seconds.median), ms(r.seconds.max)]));
}
