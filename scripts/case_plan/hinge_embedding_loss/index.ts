/**
 * The case plan of hinge_embedding_loss (paddle.nn.functional.hinge_embedding_loss
 * and paddle.nn.HingeEmbeddingLoss), found by scripts/case_plan/plan.ts by this
 * folder's name.
 */
export { GROUPS } from './groups.js';
