/**
 * soft_margin_loss's mutants: realistic broken ports, each the reference with
 * one deliberate fault, and each rule's alternative.
 */
import type { Variant } from '../../mutants/variant.js';

/** The mutants of soft_margin_loss. */
export const SOFT_MARGIN_MUTANTS: readonly Variant[] = [];
