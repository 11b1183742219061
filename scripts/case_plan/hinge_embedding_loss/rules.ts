/**
 * The rule names the plan may cite: the reference's own list
 * (reference/hinge_embedding_loss_rules.ts). A `paddle` case lists the rules its expectation
 * depends on; rules.test.ts checks the list against the "Rule `…`" markers
 * in reference/, so a renamed rule fails a test.
 */
export { RULES, type Rule } from '../../../reference/hinge_embedding_loss_rules.js';
