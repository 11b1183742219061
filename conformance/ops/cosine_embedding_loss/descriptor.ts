/**
 * cosine_embedding_loss's descriptor, all but its mutants: the signature, the
 * reference's rules and adapter, PyTorch's counterpart, the tolerance and the
 * explainer of differing elements.
 */
import { COSINE_EMBEDDING_LOSS_RULES } from '../../../reference/index.js';
import type { OpDescriptor } from '../../op.js';
import { cosineElementContext } from './explain.js';
import { COSINE_TOLERANCE } from './tolerance.js';
import { answer } from './reference.js';
import { COSINE } from './signature.js';

/** The descriptor of cosine_embedding_loss, without the mutant catalog (mutants.ts builds on this). */
export const COSINE_DESCRIPTOR: Omit<OpDescriptor, 'mutants'> = {
  ...COSINE,
  rules: COSINE_EMBEDDING_LOSS_RULES,
  reference: answer,
  // torch.nn.functional.cosine_embedding_loss(input1, input2, target, margin=0, ..., reduction='mean'): the same positional order.
  torch: { functional: 'torch.nn.functional.cosine_embedding_loss', layer: 'torch.nn.CosineEmbeddingLoss', drop: ['name'] },
  // Derived bounds, not exact: see tolerance.ts.
  tolerance: COSINE_TOLERANCE,
  explain: cosineElementContext,
  // One label per row; a zero row makes the norm 0 (Paddle's epsilon applies); cos = ±1 on parallel rows.
  fuzz: { values: [0, 1, -1], labelShape: 'rows', labelDomain: 'sign' },
  // Recorded on an Intel Xeon (golden/machines/x86-64-intel-avx512/): 29 float32 results differ from the AMD goldens,
  // including which NaN a row of [inf, NaN] gives; no float64 case differs in a zero's or a NaN's sign.
  cpuDependent: {
    why: "Eigen's fast float32 sqrt starts from the CPU's rsqrt approximation, which Intel and AMD compute differently",
    applies: (request) => Object.values(request.inputs).some((t) => t.dtype === 'float32'),
  },
};
