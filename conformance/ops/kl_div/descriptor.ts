/**
 * paddle.nn.functional.kl_div(input, label, reduction='mean', log_target=False, name=None)
 * and paddle.nn.KLDivLoss(reduction='mean', log_target=False): the registry's entry, with
 * names, parameters and dtypes from the documentation page. Only input has a gradient:
 * kldiv_loss's backward computes none for the label.
 */
import { KLDivLoss, KL_DIV_RULES, klDiv, klDivGrad, type KlDivTensors, type Tensor } from '../../../reference/index.js';
import { lossSignature } from '../../loss_signature.js';
import type { OpDescriptor } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { klDivMutants } from './mutants.js';
import { klDivTolerance } from './tolerance.js';

const SIGNATURE = lossSignature({
  family: 'kl_div',
  layerClass: 'KLDivLoss',
  ownKwargs: [{ name: 'log_target', kind: 'bool', default: false }],
  differentiable: ['input'],
  dtypes: ['float32', 'float64'],
});

/** The reference's result for one decoded call: the layer or the functional form, and the gradients asked for. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as KlDivTensors;
  const output = call.layer ? new KLDivLoss({ ...call.args }).forward(tensors) : klDiv(tensors, call.args);
  if (grad.length === 0) return { output };
  const g = klDivGrad(tensors, call.args, call.gradOutput);
  return { output, grad: Object.fromEntries(grad.map((name) => [name, g[name]!])) };
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  reductions: ['none', 'batchmean', 'mean', 'sum'],
  rules: KL_DIV_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // torch.nn.functional.kl_div(input, target, size_average, reduce, reduction='mean', log_target=False): the same keywords.
  torch: { functional: 'torch.nn.functional.kl_div', layer: 'torch.nn.KLDivLoss', drop: ['name'] },
  // log and exp (the C library's in Paddle) and PyTorch's xlogy(t, t) − t·x grouping: derived bounds, see tolerance.ts.
  tolerance: klDivTolerance(SIGNATURE),
  // The label's domain edge 0 (0 · log 0), 1 (log 1 = 0), and exp's overflow and underflow points under log_target.
  fuzz: { values: [0, 1, -1, 88.72283905206835, -103.27892990343184, 709.782712893384, -745.1332191019411] },
};

/** The descriptor of kl_div. */
export const klDivOp: OpDescriptor = { ...OP, mutants: klDivMutants(OP) };
