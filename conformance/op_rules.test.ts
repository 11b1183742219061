/**
 * The registry's rule tables against the reference's sources: every rule a
 * source marks is in exactly one registered op's table, with a one-line
 * summary. Iterates the registry, so a new op's rules are held without an edit here.
 */
import { describe, expect, it } from 'vitest';
import { rulesInSources } from '../reference/test_support.js';
import { OPS } from './ops/index.js';

describe("every rule marked in the reference is in an op's table, with one one-line summary", () => {
  const named = [...new Set(OPS.flatMap((op) => Object.keys(op.rules)))];

  it('the tables together are exactly the rules marked in the sources', () => {
    expect([...named].sort()).toEqual(rulesInSources());
  });

  // A primitive's rule is cited by every op that calls the primitive, with the same summary.
  it('a rule in several tables has the same summary in each', () => {
    const summaries = new Map<string, Set<string>>();
    for (const op of OPS) for (const [rule, summary] of Object.entries(op.rules)) summaries.set(rule, new Set([...(summaries.get(rule) ?? []), summary]));
    expect([...summaries].filter(([, s]) => s.size > 1).map(([rule]) => rule)).toEqual([]);
  });

  it.each(OPS.flatMap((op) => Object.entries(op.rules).map(([rule, summary]) => [op.family, rule, summary] as const)))('%s: %s has a one-line summary', (_op, _rule, summary) => {
    expect(summary.length).toBeGreaterThan(0);
    expect(summary).not.toMatch(/\n/);
  });
});
