/**
 * Level discipline: a `spec` verdict never depends on a named rule.
 *
 * Every rule of the reference has at least one alternative in the catalog:
 * the behaviour a reasonable port has where the documentation page is silent.
 * Each alternative is run against its op's golden cases in --bitwise mode
 * (the strictest comparison, so a pass here is a pass in value mode too). It
 * must pass every `spec` case, which proves no spec case relies on the rule,
 * and fail at least one `paddle` case that cites the rule, which proves the
 * rule is tested at all. Those are the only cases that can decide either, so
 * it is run over them alone: the op's other paddle cases cite other rules.
 *
 * A rule about rounding that the op's derived bound covers (Eigen's exp
 * against the C library's, a summation order) has an alternative marked
 * `expect: 'passes'`: the suite deliberately accepts it, so it must pass
 * every case of its op, spec and paddle alike.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hasGeneratedInput } from '../generated.js';
import { bundledGoldenDir, loadGoldens, type SuiteCase } from '../golden.js';
import { OPS } from '../ops/index.js';
import { familyOf, runSuite, type CaseResult } from '../runner.js';
import { CORRECT_VARIANTS, MUTANTS, variantPort, type Variant } from './catalog.js';

const ALTERNATIVES = [...MUTANTS, ...CORRECT_VARIANTS].filter((m) => m.rule !== undefined);

let cases: SuiteCase[] = [];
const rulesOf = new Map<string, readonly string[]>();

beforeAll(() => {
  // Not the language-model-size cases: they scale the class count, not the rules (hasGeneratedInput).
  cases = loadGoldens([process.env.MUTANTS_GOLDEN || bundledGoldenDir()]).filter((c) => !hasGeneratedInput(c.golden.request));
  for (const c of cases) rulesOf.set(c.golden.id, c.golden.rules ?? []);
});

/**
 * Runs an op's alternative over that op's cases only (it answers every other op's request as the reference does),
 * or, given `citing`, over that op's spec cases and the cases citing that rule.
 */
async function runBitwise(variant: Variant, family: string, citing?: string): Promise<CaseResult[]> {
  const port = variantPort(variant);
  const selected = cases.filter((c) => familyOf(c.golden.id) === family && (citing === undefined || c.golden.level === 'spec' || (c.golden.rules ?? []).includes(citing)));
  try {
    return (await runSuite({ cases: selected, port, bitwise: true })).results;
  } finally {
    await port.close();
  }
}

const ruleRows = OPS.flatMap((op) => Object.keys(op.rules).map((rule) => [op.family, rule, ALTERNATIVES.filter((m) => m.family === op.family && m.rule === rule)] as const));

describe('every rule names its alternative', () => {
  it.each(ruleRows)('%s: %s has an alternative in the op\'s mutants', (family, rule, alternatives) => {
    expect(alternatives.map((m) => m.id), `rule ${rule} of ${family} has no alternative: add a mutant tagged rule: '${rule}'`).not.toEqual([]);
  });

  it.each(OPS.map((op) => [op.family, op] as const))('%s: every alternative names a rule of its op', (_family, op) => {
    expect(op.mutants.filter((m) => m.rule !== undefined && !(m.rule in op.rules)).map((m) => m.id)).toEqual([]);
  });
});

describe("a rule's alternative passes every spec case and fails a paddle case citing the rule", () => {
  const rows = ALTERNATIVES.filter((m) => m.expect === 'killed').map((m) => [m.family!, m.rule!, m.id, m] as const);
  it.each(rows)('%s: %s: %s', async (family, rule, _id, alternative) => {
    const failed = (await runBitwise(alternative, family, rule)).filter((r) => r.status !== 'pass');
    // A port error or a skip would be a bug in the catalog, not a catch (mutants.test.ts runs it only until caught).
    expect(failed.filter((r) => r.status !== 'fail').map((r) => `${r.id}: ${r.status} ${r.portFailure?.message ?? r.skipReason ?? ''}`), 'an alternative must answer every case').toEqual([]);
    const spec = failed.filter((r) => r.level === 'spec').map((r) => `${r.id}: ${r.failure?.message ?? r.portFailure?.message ?? r.status}`);
    expect(spec, `spec cases that depend on rule ${rule} (move them to the paddle level, or take the rule's element out of them)`).toEqual([]);
    const citing = failed.filter((r) => r.level === 'paddle' && rulesOf.get(r.id)?.includes(rule));
    expect(citing.length, `no paddle case citing ${rule} catches ${alternative.id}: the rule is untested`).toBeGreaterThan(0);
  });
});

describe("an alternative inside the op's bound passes every case of its op", () => {
  const rows = ALTERNATIVES.filter((m) => m.expect === 'passes').map((m) => [m.family!, m.rule!, m.id, m] as const);
  it.each(rows)('%s: %s: %s', async (family, rule, _id, alternative) => {
    const failed = (await runBitwise(alternative, family)).filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.failure?.message ?? r.portFailure?.message ?? r.status}`);
    expect(failed, `${alternative.id} is declared inside the bound for rule ${rule}, but fails`).toEqual([]);
  });
});
