/**
 * binary_cross_entropy's groups: write each group's builder (scripts/case_plan/cosine_embedding_loss/ shows an op with
 * three tensors); the standard plan fits only (input, label, reduction) losses.
 */
import type { Groups } from '../plan.js';

/** Each group's case builder, by group name. */
export const GROUPS: Groups = {};
