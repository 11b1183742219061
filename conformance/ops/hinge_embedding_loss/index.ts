/** paddle.nn.functional.hinge_embedding_loss and paddle.nn.HingeEmbeddingLoss: the registry's entry. */
import type { OpDescriptor } from '../../op.js';
import { HINGE_DESCRIPTOR } from './descriptor.js';
import { HINGE_MUTANTS } from './mutants.js';
import { HINGE_FUZZ_ONLY } from './fuzz_only.js';

/** The descriptor of hinge_embedding_loss. */
export const hingeEmbeddingLoss: OpDescriptor = { ...HINGE_DESCRIPTOR, mutants: [...HINGE_MUTANTS, ...HINGE_FUZZ_ONLY] };
