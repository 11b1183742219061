/**
 * Teeth: every broken port in the catalog must be caught by at least one
 * golden case from real Paddle, and every correct variant must pass them all.
 *
 * A mutant counts as killed only by a case the bundled reference passes, so
 * a reference bug can never pass for a kill. A mutant must answer every case
 * (a crash or garbage would be a bug in the catalog, not a kill).
 *
 * A mutant whose fault only --bitwise can see (the sign of a zero) is run in
 * that mode; every other variant in value mode, the default a port meets.
 *
 * MUTANTS_GOLDEN=<dir> runs the catalog against another golden set (e.g.
 * freshly regenerated goldens); the bundled golden/ is the default.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledGoldenDir, loadGoldens, type SuiteCase } from '../golden.js';
import { referencePort } from '../ports/reference.js';
import { runSuite, type CaseResult } from '../runner.js';
import { CORRECT_VARIANTS, FUZZ_ONLY, MUTANTS, variantPort, type Variant } from './catalog.js';

let cases: SuiteCase[] = [];
let referencePasses = new Set<string>();
const killedBy = new Map<string, string[]>();

beforeAll(async () => {
  cases = loadGoldens([process.env.MUTANTS_GOLDEN || bundledGoldenDir()]);
  const reference = await runSuite({ cases, port: referencePort() });
  referencePasses = new Set(reference.results.filter((r) => r.status === 'pass').map((r) => r.id));
});

/**
 * The cases a variant can depart on: its own op's when it has one (every
 * other op's request gets the reference's answer from it, so those cases
 * prove nothing and would only cost time as the registry grows), every case
 * for the variants all ops share.
 */
function ownCases(variant: Variant): SuiteCase[] {
  return variant.family === undefined ? cases : cases.filter((c) => c.golden.id.startsWith(`${variant.family}/`));
}

/** Runs a variant over some cases, in --bitwise mode when only that mode can see its fault. */
async function run(variant: Variant, selected: SuiteCase[] = ownCases(variant)): Promise<CaseResult[]> {
  const port = variantPort(variant);
  try {
    return (await runSuite({ cases: selected, port, bitwise: variant.bitwiseOnly ?? false })).results;
  } finally {
    await port.close();
  }
}

/**
 * The results that decide whether a mutant is caught. A rule's alternative
 * is run over every case of its op by rule_alternatives.test.ts, which also
 * requires it to answer each; here it is run first over the cases citing its
 * rule, and over the rest only when none of those catches it. That keeps the
 * cost of this file from growing with every op's whole plan.
 */
async function killRun(mutant: Variant): Promise<CaseResult[]> {
  if (mutant.rule === undefined) return run(mutant);
  const own = ownCases(mutant);
  const citing = own.filter((c) => c.golden.rules?.includes(mutant.rule!));
  const first = await run(mutant, citing);
  if (first.some((r) => r.status === 'fail' && referencePasses.has(r.id))) return first;
  return [...first, ...(await run(mutant, own.filter((c) => !citing.includes(c))))];
}

function describeResult(r: CaseResult): string {
  return `${r.id}: ${r.status} ${r.failure?.message ?? r.portFailure?.message ?? r.skipReason ?? ''}`;
}

describe('every mutant is caught by at least one golden case', () => {
  it.each(MUTANTS.map((m) => [m.id, m] as const))('%s', async (_id, mutant) => {
    const results = await killRun(mutant);
    expect(results.filter((r) => r.status !== 'pass' && r.status !== 'fail').map(describeResult), 'a mutant must answer every case').toEqual([]);
    const kills = results.filter((r) => r.status === 'fail' && referencePasses.has(r.id)).map((r) => r.id);
    killedBy.set(mutant.id, kills);
    expect(kills.length, `mutant ${mutant.id} (${mutant.description}) passed every case the reference passes`).toBeGreaterThan(0);
  });
});

describe('every correct variant passes every golden case', () => {
  it.each(CORRECT_VARIANTS.map((v) => [v.id, v] as const))('%s', async (_id, variant) => {
    const results = await run(variant);
    const departures = results.filter((r) => r.status !== 'pass' && referencePasses.has(r.id)).map(describeResult);
    expect(departures, `correct variant ${variant.id} (${variant.description}) failed cases the reference passes`).toEqual([]);
  });
});

describe('every fuzz-only mutant passes every golden case (the goldens miss it; fuzz/fuzz_only.test.ts finds it)', () => {
  it.each(FUZZ_ONLY.map((m) => [m.id, m] as const))('%s', async (_id, mutant) => {
    const results = await run(mutant);
    const kills = results.filter((r) => r.status !== 'pass' && referencePasses.has(r.id)).map(describeResult);
    expect(kills, `fuzz-only mutant ${mutant.id} (${mutant.description}) is caught by golden cases: it is not fuzz-only`).toEqual([]);
  });
});

afterAll(() => {
  if (killedBy.size === 0) return;
  const killed = [...killedBy.values()].filter((k) => k.length > 0).length;
  const lines = MUTANTS.filter((m) => killedBy.has(m.id)).map((m) => {
    const kills = killedBy.get(m.id)!;
    return `  ${m.id.padEnd(34)} ${String(kills.length).padStart(4)} case(s)${m.rule ? ' citing its rule' : ''}  e.g. ${kills[0] ?? '(survived)'}`;
  });
  console.log(
    `mutant kill rate: ${killed}/${killedBy.size} over ${cases.length} golden cases; ` +
      `${CORRECT_VARIANTS.length} correct variants checked\n${lines.join('\n')}`,
  );
});
