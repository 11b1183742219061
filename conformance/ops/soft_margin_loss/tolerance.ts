/**
 * How far from Paddle's value a correct soft_margin_loss result may lie, with the
 * derivation of each bound (the building blocks are in ../../tolerance.ts).
 */
import { EXACT_WITH_SUMMATION, type TolerancePolicies } from '../../tolerance.js';

/** The tolerance policies of soft_margin_loss. */
export const SOFT_MARGIN_TOLERANCE: TolerancePolicies = EXACT_WITH_SUMMATION;
