/**
 * The fuzzer's teeth: each fuzz-only mutant (ops/<op>/fuzz_only.ts), which
 * every bundled golden passes (mutants.test.ts), is found by fuzzOp against
 * the reference with the stated seed within 2000 requests, and shrunk to a
 * request whose every tensor is small and plain. The cases and time to the
 * first disagreement and the shrunk request are printed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { FUZZ_ONLY, variantPort } from '../mutants/catalog.js';
import { opForFamily } from '../ops/index.js';
import { shapeSize } from '../wire.js';
import { fuzzOp, type FuzzResult } from './fuzz.js';

/** Per mutant: the seed, and the largest tensor its shrunk request may keep (the partial-block fault needs 17 elements). */
const PLAN: Record<string, { seed: number; maxShrunkNumel: number }> = {
  'hinge-drops-last-of-partial-second-block': { seed: 2, maxShrunkNumel: 31 },
  'ranking-margin-band-rounded-to-float32': { seed: 3, maxShrunkNumel: 1 },
  'hinge-one-sided-label-tolerance': { seed: 2, maxShrunkNumel: 1 },
};

const RUNS = 2000;
const found: FuzzResult[] = [];

describe('fuzzing finds every fuzz-only mutant', () => {
  it('the plan names every fuzz-only mutant', () => {
    expect(Object.keys(PLAN).sort()).toEqual(FUZZ_ONLY.map((m) => m.id).sort());
  });

  it.each(FUZZ_ONLY.map((m) => [m.id, m] as const))('%s', async (id, mutant) => {
    const { seed, maxShrunkNumel } = PLAN[id]!;
    const result = await fuzzOp({ op: opForFamily(mutant.family!)!, port: variantPort(mutant), oracle: 'reference', seed, runs: RUNS, maxNumel: 64 });
    expect(result.found, `${id} survived ${RUNS} requests with seed ${seed}`).toBeDefined();
    found.push({ ...result, port: id });
    for (const t of Object.values(result.found!.request.inputs)) expect(shapeSize(t.shape)).toBeLessThanOrEqual(maxShrunkNumel);
  });
});

afterAll(() => {
  const lines = found.map((r) => `  ${r.port} (seed ${r.seed}): first disagreement after ${r.found!.casesToFirst} cases, ${Math.round(r.found!.msToFirst)} ms; ` +
    `shrunk in ${r.found!.shrinks} steps to ${JSON.stringify(r.found!.request)}\n    ${r.found!.failure}`);
  if (lines.length) console.log(`fuzz-only mutants found:\n${lines.join('\n')}`);
});
