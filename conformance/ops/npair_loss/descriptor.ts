/**
 * paddle.nn.functional.npair_loss(anchor, positive, labels, l2_reg=0.002) (functional only, a 0-D loss): the
 * registry's entry, with names, parameters and dtypes from the documentation page. anchor and positive have gradients;
 * labels are compared into classes.
 */
import { NPAIR_LOSS_RULES, npairLoss, npairLossGrad, type NpairLossTensors, type Tensor } from '../../../reference/index.js';
import type { RequestJson } from '../../case.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { decodeTensor, valuesOf } from '../../wire.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { npairLossMutants } from './mutants.js';
import { npairLossTolerance } from './tolerance.js';

const SIGNATURE: OpSignature = {
  family: 'npair_loss',
  functional: 'paddle.nn.functional.npair_loss',
  tensors: ['anchor', 'positive', 'labels'],
  kwargs: [{ name: 'l2_reg', kind: 'float', default: 0.002 }],
  differentiable: ['anchor', 'positive'],
  dtypes: ['float32', 'float64'],
};

/** The reference's result for one decoded call and the gradients asked for. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as NpairLossTensors;
  const output = npairLoss(tensors, call.args);
  if (grad.length === 0) return { output };
  const { anchor, positive } = npairLossGrad(tensors, call.args, call.gradOutput, grad);
  return { output, grad: { ...(anchor && grad.includes('anchor') && { anchor }), ...(positive && grad.includes('positive') && { positive }) } };
}

/** Whether a str l2_reg would be repeated more than a million times (0.25 · Σ of the squares' row means above 1e6). */
function hugeStringRepeat(request: RequestJson): boolean {
  const l2 = request.kwargs?.l2_reg;
  if (typeof l2 !== 'object' || l2 === null || !('str' in l2)) return false;
  const meanRowSquares = (name: string): number => {
    const t = decodeTensor(request.inputs[name]!);
    return valuesOf(t).reduce((a, v) => a + v * v, 0) / Math.max(t.shape[0] ?? 1, 1);
  };
  try {
    return !(0.25 * (meanRowSquares('anchor') + meanRowSquares('positive')) <= 1e6);
  } catch {
    return false;
  }
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: NPAIR_LOSS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // No torch mapping: PyTorch has no N-pair loss (torch.nn.functional has none), so its port skips every case.
  // Derived, not exact: Paddle's logits are MKL's sgemm, whose order the reference does not follow everywhere.
  tolerance: npairLossTolerance(SIGNATURE),
  // Embeddings of either sign and modest size; labels are class ids compared as floats.
  // A str l2_reg in Paddle 3.3.1 is repeated int(l2loss · 0.25) times by Python: past a million copies that string
  // exhausts the oracle's memory and time, so the fuzzer never draws it.
  // Finite values: which NaN survives in matmul's gradient follows MKL's edge-tile order (rule matmul-k-left-to-right),
  // not read; the goldens hold NaN and infinite anchors.
  fuzz: { values: [0, 1, -1, 0.5], finite: true, shape: 'matrix', labelShape: 'rows', labelName: 'labels', labelDtypes: ['int64', 'float32', 'float64'], undefinedBehaviour: hugeStringRepeat },
};

/** The descriptor of npair_loss. */
export const npairLossOp: OpDescriptor = { ...OP, mutants: npairLossMutants(OP) };
