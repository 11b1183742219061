/**
 * The rule names hinge_embedding_loss's plan cites are the reference's own:
 * each is marked "Rule `…`" in reference/ (the op's module or a primitive's
 * under reference/kernels/), so a renamed rule fails here. (That every rule
 * is cited by some case is checked for every op in ../plan.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { rulesInSources } from '../../../reference/test_support.js';
import { RULES } from './rules.js';

describe('rules cited by the plan', () => {
  it.each([...RULES])('rule %s is marked "Rule `…`" in reference/', (rule) => {
    expect(rulesInSources()).toContain(rule);
  });
});
