/**
 * The bugs a spec verdict alone must catch: a port that the page's own words
 * prove wrong may not come out "spec-conformant: yes". Each op's mutant that
 * never divides mean's gradient by N (`<op prefix>mean-grad-not-divided-by-n`)
 * must fail a `spec` case of its op, which the page's 'mean' fixes wherever
 * g / N is exact (the plan's cases of N = 2 and 4, scripts/case_plan/plan.test.ts).
 *
 * MUTANTS_GOLDEN=<dir> runs against another golden set, as mutants.test.ts does.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledGoldenDir, loadGoldens, type SuiteCase } from '../golden.js';
import { OPS } from '../ops/index.js';
import { familyOf, runSuite } from '../runner.js';
import { MUTANTS, variantPort } from './catalog.js';

/** The id every op's "mean's gradient not divided by N" mutant ends with. */
const NOT_DIVIDED = 'mean-grad-not-divided-by-n';

let cases: SuiteCase[] = [];

beforeAll(() => {
  cases = loadGoldens([process.env.MUTANTS_GOLDEN || bundledGoldenDir()]);
});

// An op that never reduces (square_error_cost) has no mean to divide by.
describe("mean's gradient not divided by N fails a spec case of every op that reduces", () => {
  it.each(OPS.filter((op) => op.reduction !== undefined).map((op) => [op.family] as const))('%s', async (family) => {
    const mutant = MUTANTS.find((m) => m.family === family && m.id.endsWith(NOT_DIVIDED));
    expect(mutant?.id, `${family} has no mutant *${NOT_DIVIDED} in its mutants.ts (common.ts: meanGradNotDivided)`).toBeDefined();
    const spec = cases.filter((c) => familyOf(c.golden.id) === family && c.golden.level === 'spec');
    const port = variantPort(mutant!);
    try {
      const { results } = await runSuite({ cases: spec, port });
      const kills = results.filter((r) => r.status === 'fail').map((r) => r.id);
      expect(kills, `${mutant!.id} passes every spec case of ${family}: a port that never divides by N would be spec-conformant`).not.toEqual([]);
    } finally {
      await port.close();
    }
  });
});
