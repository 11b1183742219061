/**
 * Teeth: every broken port in the catalog must be caught by at least one
 * golden case from real Paddle, and every correct variant must pass them all.
 *
 * A mutant counts as killed only by a case the bundled reference passes, so
 * a reference bug can never pass for a kill. A mutant must answer every case
 * it is run on (a crash or garbage would be a bug in the catalog, not a kill).
 *
 * A mutant whose fault only --bitwise can see (the sign of a zero) is run in
 * that mode; every other variant in value mode, the default a port meets.
 *
 * MUTANTS_GOLDEN=<dir> runs the catalog against another golden set (e.g.
 * freshly regenerated goldens); the bundled golden/ is the default.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGeneratedInput } from '../generated.js';
import { bundledGoldenDir, loadGoldens, type SuiteCase } from '../golden.js';
import { referencePort } from '../ports/reference.js';
import { expandedRequest, runSuite, type CaseResult } from '../runner.js';
import { CORRECT_VARIANTS, FUZZ_ONLY, MUTANTS, variantPort, type Variant } from './catalog.js';

let cases: SuiteCase[] = [];
const caseById = new Map<string, SuiteCase>();
/** Whether the bundled reference passes a case, asked only of the cases a variant does not pass. */
const referenceVerdicts = new Map<string, boolean>();
const killedBy = new Map<string, { kill: string; ran: number }>();

beforeAll(() => {
  // Not the language-model-size cases: they scale the class count, not the rules (hasGeneratedInput).
  cases = loadGoldens([process.env.MUTANTS_GOLDEN || bundledGoldenDir()]).filter((c) => !hasGeneratedInput(c.golden.request));
  for (const c of cases) caseById.set(c.golden.id, c);
});

/**
 * The ids, among results a variant did not pass, of the cases the reference
 * passes: only those can catch a mutant or fail a correct variant. The
 * reference is run on each such case once per file, instead of on every
 * golden up front.
 */
async function passedByReference(results: readonly CaseResult[]): Promise<Set<string>> {
  const unknown = [...new Set(results.filter((r) => r.status !== 'pass' && !referenceVerdicts.has(r.id)).map((r) => r.id))];
  if (unknown.length > 0) {
    const reference = await runSuite({ cases: unknown.map((id) => caseById.get(id)!), port: referencePort() });
    for (const r of reference.results) referenceVerdicts.set(r.id, r.status === 'pass');
  }
  return new Set(results.filter((r) => r.status !== 'pass' && referenceVerdicts.get(r.id)).map((r) => r.id));
}

/**
 * The cases a variant can depart on: its own op's when it has one (every
 * other op's request gets the reference's answer from it, so those cases
 * prove nothing and would only cost time as the registry grows), every case
 * for the variants all ops share; of those, only the requests it says it can
 * answer otherwise (Variant.departsOn: the summation orders re-sum only a
 * mean or a sum, and answer every other request as the reference does).
 */
function ownCases(variant: Variant): SuiteCase[] {
  const mine = variant.family === undefined ? cases : cases.filter((c) => c.golden.id.startsWith(`${variant.family}/`));
  const departsOn = variant.departsOn;
  return departsOn === undefined ? mine : mine.filter((c) => departsOn({ id: c.golden.id, ...expandedRequest(c.golden.request) }));
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
 * Runs a mutant until a case catches it: the cases citing its rule first (a
 * rule's alternative is run over its op's spec cases and the cases citing
 * its rule by rule_alternatives.test.ts), then the rest of its cases in
 * batches that double in size, stopping after the first batch with a catch.
 * A mutant that survives has been run over every one of its cases, so the
 * kill rate can still fail; one that is caught costs the cases up to its
 * first catch rather than its op's whole plan.
 */
async function killRun(mutant: Variant): Promise<{ results: CaseResult[]; kills: string[] }> {
  const own = ownCases(mutant);
  const citing = mutant.rule === undefined ? [] : own.filter((c) => c.golden.rules?.includes(mutant.rule!));
  const ordered = [...citing, ...own.filter((c) => !citing.includes(c))];
  const results: CaseResult[] = [];
  let batch = Math.max(citing.length, 16);
  for (let start = 0; start < ordered.length; start += batch, batch *= 2) {
    const ran = await run(mutant, ordered.slice(start, start + batch));
    results.push(...ran);
    const passing = await passedByReference(ran);
    const kills = ran.filter((r) => r.status === 'fail' && passing.has(r.id)).map((r) => r.id);
    if (kills.length > 0) return { results, kills };
  }
  return { results, kills: [] };
}

function describeResult(r: CaseResult): string {
  return `${r.id}: ${r.status} ${r.failure?.message ?? r.portFailure?.message ?? r.skipReason ?? ''}`;
}

describe('every mutant is caught by at least one golden case', () => {
  it.each(MUTANTS.map((m) => [m.id, m] as const))('%s', async (_id, mutant) => {
    const { results, kills } = await killRun(mutant);
    expect(results.filter((r) => r.status !== 'pass' && r.status !== 'fail').map(describeResult), 'a mutant must answer every case').toEqual([]);
    killedBy.set(mutant.id, { kill: kills[0] ?? '', ran: results.length });
    expect(kills.length, `mutant ${mutant.id} (${mutant.description}) passed every case the reference passes`).toBeGreaterThan(0);
  });
});

// A correct variant with a rule is run in --bitwise mode over every case of its op by rule_alternatives.test.ts,
// which a pass in value mode here would only repeat (a bitwise pass is a value pass).
describe('every correct variant passes every golden case', () => {
  it.each(CORRECT_VARIANTS.filter((v) => v.rule === undefined).map((v) => [v.id, v] as const))('%s', async (_id, variant) => {
    const results = await run(variant);
    const passing = await passedByReference(results);
    const departures = results.filter((r) => passing.has(r.id)).map(describeResult);
    expect(departures, `correct variant ${variant.id} (${variant.description}) failed cases the reference passes`).toEqual([]);
  });
});

describe('every fuzz-only mutant passes every golden case (the goldens miss it; fuzz/fuzz_only.test.ts finds it)', () => {
  it.each(FUZZ_ONLY.map((m) => [m.id, m] as const))('%s', async (_id, mutant) => {
    const results = await run(mutant);
    const passing = await passedByReference(results);
    const kills = results.filter((r) => passing.has(r.id)).map(describeResult);
    expect(kills, `fuzz-only mutant ${mutant.id} (${mutant.description}) is caught by golden cases: it is not fuzz-only`).toEqual([]);
  });
});

afterAll(() => {
  if (killedBy.size === 0) return;
  const killed = [...killedBy.values()].filter((k) => k.kill !== '').length;
  const lines = MUTANTS.filter((m) => killedBy.has(m.id)).map((m) => {
    const { kill, ran } = killedBy.get(m.id)!;
    return `  ${m.id.padEnd(34)} caught after ${String(ran).padStart(4)} case(s)${m.rule ? ' (citing its rule first)' : ''}  e.g. ${kill || '(survived)'}`;
  });
  console.log(
    `mutant kill rate: ${killed}/${killedBy.size} over ${cases.length} golden cases; ` +
      `${CORRECT_VARIANTS.length} correct variants checked (those with a rule in rule_alternatives.test.ts)\n${lines.join('\n')}`,
  );
});
