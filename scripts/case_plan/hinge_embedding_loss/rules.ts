/**
 * The rule names the plan may cite: the reference's own list
 * (reference/hinge_embedding_loss_rules.ts, the op's rules and its
 * primitives'). A `paddle` case lists the rules its expectation depends on;
 * rules.test.ts checks the list against the "Rule `…`" markers in
 * reference/, so a renamed rule fails a test.
 */
import { HINGE_EMBEDDING_LOSS_RULES, type HingeEmbeddingLossRule } from '../../../reference/hinge_embedding_loss_rules.js';

/** A rule the plan may cite. */
export type Rule = HingeEmbeddingLossRule;

/** Every rule name, sorted. */
export const RULES = Object.keys(HINGE_EMBEDDING_LOSS_RULES).sort() as readonly Rule[];
