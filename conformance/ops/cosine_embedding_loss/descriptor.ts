/**
 * paddle.nn.functional.cosine_embedding_loss(input1, input2, label,
 * margin=0, reduction='mean', name=None) and
 * paddle.nn.CosineEmbeddingLoss(margin=0, reduction='mean', name=None): the
 * registry's entry, with names, parameters and dtypes from the documentation
 * page, and the reference's answer (reference/cosine_embedding_loss.ts).
 */
import {
  COSINE_EMBEDDING_LOSS_RULES,
  CosineEmbeddingLoss,
  cosineEmbeddingLoss as cosineLoss,
  cosineEmbeddingLossGrad,
  PaddleAttributeError,
  type CosineEmbedding,
  type CosineMargin,
  type Tensor,
} from '../../../reference/index.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { cosineElementContext } from './explain.js';
import { cosineMutants } from './mutants.js';
import { cosineTolerance } from './tolerance.js';

const SIGNATURE: OpSignature = {
  family: 'cosine_embedding_loss',
  functional: 'paddle.nn.functional.cosine_embedding_loss',
  layer: 'paddle.nn.CosineEmbeddingLoss',
  tensors: ['input1', 'input2', 'label'],
  kwargs: [
    { name: 'margin', kind: 'float', default: 0 },
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'name', kind: 'str', default: null },
  ],
  differentiable: ['input1', 'input2'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64'],
};

/** The reference's result for one decoded call: the layer or the functional form (None for some), and the gradients asked for. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor | null; grad?: Record<string, Tensor> } {
  const { input1, input2, label } = call.tensors as { input1: Tensor; input2: Tensor; label: Tensor };
  const margin = call.args.margin as CosineMargin | undefined;
  const reduction = call.args.reduction as string | undefined;
  const name = call.args.name as string | undefined;
  const output = call.layer
    ? new CosineEmbeddingLoss(margin as number | undefined, reduction, name).forward(input1, input2, label)
    : cosineLoss(input1, input2, label, margin, reduction, name);
  if (grad.length === 0) return { output };
  // What a caller of Paddle meets when the functional form returned None and they call backward() on it.
  if (output === null) throw new PaddleAttributeError("'NoneType' object has no attribute 'backward'");
  const wrt = grad.filter((n): n is CosineEmbedding => n === 'input1' || n === 'input2');
  const all = cosineEmbeddingLossGrad(input1, input2, label, margin, reduction, call.gradOutput, wrt);
  return { output, grad: Object.fromEntries(wrt.map((n) => [n, all[n]!])) };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: COSINE_EMBEDDING_LOSS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // torch.nn.functional.cosine_embedding_loss(input1, input2, target, margin=0, ..., reduction='mean'): the same positional order.
  torch: { functional: 'torch.nn.functional.cosine_embedding_loss', layer: 'torch.nn.CosineEmbeddingLoss', drop: ['name'] },
  // Derived bounds, not exact: see tolerance.ts.
  tolerance: cosineTolerance(SIGNATURE),
  explain: cosineElementContext(SIGNATURE),
  // One label per row; a zero row makes the norm 0 (Paddle's epsilon applies); cos = ±1 on parallel rows.
  fuzz: { values: [0, 1, -1], labelShape: 'rows', labelDomain: 'sign' },
  // Recorded on an Intel Xeon (golden/machines/x86-64-intel-avx512/): 29 float32 results differ from the AMD goldens,
  // including which NaN a row of [inf, NaN] gives; no float64 case differs in a zero's or a NaN's sign.
  cpuDependent: {
    why: "Eigen's fast float32 sqrt starts from the CPU's rsqrt approximation, which Intel and AMD compute differently",
    applies: (request) => Object.values(request.inputs).some((t) => t.dtype === 'float32'),
  },
};

/** The descriptor of cosine_embedding_loss. */
export const cosineEmbeddingLoss: OpDescriptor = { ...OP, mutants: cosineMutants(OP) };
