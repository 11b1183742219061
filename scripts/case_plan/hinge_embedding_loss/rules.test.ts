/**
 * The rule names hinge_embedding_loss's plan cites are the reference's own:
 * each is marked "Rule `…`" in reference/, so a renamed rule
 * fails here. (That every rule is cited by some case is checked
 * for every op in ../plan.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from './rules.js';

const referenceDir = join(import.meta.dirname, '..', '..', '..', 'reference');
const referenceText = readdirSync(referenceDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => readFileSync(join(referenceDir, f), 'utf8'))
  .join('\n');

/** Rule names as the reference marks them: "Rule `name`" or "and `name`" in the same sentence. */
const referenceRules = new Set([...referenceText.matchAll(/Rules? `([a-z0-9-]+)`(?: and `([a-z0-9-]+)`)?/g)].flatMap((m) => m.slice(1).filter(Boolean)));

describe('rules cited by the plan', () => {
  it.each([...RULES])('rule %s is marked "Rule `…`" in reference/', (rule) => {
    expect(referenceRules.has(rule)).toBe(true);
  });
});
