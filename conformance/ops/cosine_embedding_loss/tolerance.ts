/**
 * How far from Paddle's value a correct cosine_embedding_loss result may lie, with the
 * derivation of each bound (the building blocks are in ../../tolerance.ts).
 */
import { EXACT_WITH_SUMMATION, type TolerancePolicies } from '../../tolerance.js';

/** The tolerance policies of cosine_embedding_loss. */
export const COSINE_TOLERANCE: TolerancePolicies = EXACT_WITH_SUMMATION;
