/**
 * margin_ranking_loss's mutants: realistic broken ports, each the reference
 * with one deliberate fault, and each rule's alternative.
 */
import type { Variant } from '../../mutants/variant.js';

/** margin_ranking_loss's mutants and rule alternatives: each must be caught by at least one golden case. */
export const RANKING_MUTANTS: readonly Variant[] = [];
