/** paddle.nn.functional.cosine_embedding_loss and paddle.nn.CosineEmbeddingLoss: the registry's entry. */
import type { OpDescriptor } from '../../op.js';
import { COSINE_DESCRIPTOR } from './descriptor.js';
import { COSINE_MUTANTS } from './mutants.js';

/** The descriptor of cosine_embedding_loss. */
export const cosineEmbeddingLoss: OpDescriptor = { ...COSINE_DESCRIPTOR, mutants: COSINE_MUTANTS };
