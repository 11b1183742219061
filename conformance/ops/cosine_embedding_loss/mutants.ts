/**
 * cosine_embedding_loss's mutants: realistic broken ports, each the reference with
 * one deliberate fault, and each rule's alternative.
 */
import type { Variant } from '../../mutants/variant.js';

/** The mutants of cosine_embedding_loss. */
export const COSINE_MUTANTS: readonly Variant[] = [];
