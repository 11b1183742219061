/**
 * The case plan of cosine_embedding_loss (paddle.nn.functional.cosine_embedding_loss
 * and paddle.nn.CosineEmbeddingLoss), found by scripts/case_plan/plan.ts by this
 * folder's name.
 */
export { GROUPS } from './groups.js';
