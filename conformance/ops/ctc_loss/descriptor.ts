/**
 * paddle.nn.functional.ctc_loss(log_probs, labels, input_lengths, label_lengths, blank=0, reduction='mean',
 * norm_by_times=False, zero_infinity=False) and paddle.nn.CTCLoss(blank=0, reduction='mean', zero_infinity=False):
 * the registry's entry. The layer's forward takes norm_by_times, which the protocol never passes (False); given to
 * the constructor it is Paddle's TypeError. Only log_probs is differentiable.
 */
import { CTCLoss, CTC_LOSS_RULES, ctcLoss, ctcLossGrad, type CtcLossTensors, type Tensor } from '../../../reference/index.js';
import type { OpDescriptor, OpSignature } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { decodeTensor, valuesOf } from '../../wire.js';
import { ctcRequests } from './fuzz.js';
import { ctcLossMutants } from './mutants.js';
import { ctcLossTolerance } from './tolerance.js';

const SIGNATURE: OpSignature = {
  family: 'ctc_loss',
  functional: 'paddle.nn.functional.ctc_loss',
  layer: 'paddle.nn.CTCLoss',
  tensors: ['log_probs', 'labels', 'input_lengths', 'label_lengths'],
  kwargs: [
    { name: 'blank', kind: 'int', default: { int: 0 } },
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'norm_by_times', kind: 'bool', default: false },
    { name: 'zero_infinity', kind: 'bool', default: false },
  ],
  differentiable: ['log_probs'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64'],
};

/** The reference's result: the layer or the functional form, and log_probs' gradient when asked. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as CtcLossTensors;
  const output = call.layer ? new CTCLoss({ ...call.args }).forward(tensors) : ctcLoss(tensors, call.args);
  if (grad.length === 0) return { output };
  const args = call.layer ? { ...call.args, norm_by_times: false } : call.args;
  return { output, grad: ctcLossGrad(tensors, args, call.gradOutput) };
}

/** Inputs on which warp-ctc reads or writes outside its buffers or divides by zero (Paddle 3.3.1 crashes or answers garbage). */
function undefinedInput(r: { inputs: Record<string, unknown> }): boolean {
  try {
    const [x, labels, il, ll] = ['log_probs', 'labels', 'input_lengths', 'label_lengths'].map((k) => decodeTensor(r.inputs[k] as never));
    const [t, n, c] = x!.shape;
    if (x!.shape.length !== 3 || t === 0 || n === 0 || c === 0 || labels!.dtype !== 'int32' || labels!.shape.length < 2) return false;
    const [inputs, lengths] = [valuesOf(il!), valuesOf(ll!)];
    if (inputs.length < n! || lengths.length < n! || labels!.shape[0]! < n! || lengths.slice(0, n).every((v) => v === 0)) return true;
    if (inputs.slice(0, n).some((v) => v < 1 || v > t!) || lengths.slice(0, n).some((v) => v < 0)) return true;
    const width = labels!.shape[1]!;
    const values = valuesOf(labels!);
    return lengths.slice(0, n).some((l, b) => values.slice(b * width, b * width + l).some((v) => v < 0 || v >= c!));
  } catch {
    return false;
  }
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: CTC_LOSS_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // torch.nn.functional.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction='mean',
  // zero_infinity=False): the same order and the same 'mean' (each loss over its target length). PyTorch reads
  // log_probs as log-probabilities where Paddle's warp-ctc takes a softmax of the logits itself, so the port passes
  // log_softmax(log_probs) over the classes (its gradient through autograd is the same p − γ).
  torch: { functional: 'torch.nn.functional.ctc_loss', layer: 'torch.nn.CTCLoss', drop: ['norm_by_times'], logSoftmax: ['log_probs'] },
  // The reference repeats warp-ctc's operations in their order, in the dtype (log_plus in double, rounded once):
  // bitwise on every golden and on live Paddle. Another order or C library (expf, log1p, a float32 softmax sum) is
  // as correct: the loss and the gradient are judged within a bound derived per sequence (tolerance.ts).
  tolerance: ctcLossTolerance(SIGNATURE),
  fuzz: { requests: ctcRequests(SIGNATURE.functional, SIGNATURE.layer!), undefinedBehaviour: undefinedInput, finite: true, tensorDtypes: { labels: ['int32'], input_lengths: ['int64'], label_lengths: ['int64'] } },
};

/** The descriptor of ctc_loss. */
export const ctcLossOp: OpDescriptor = { ...OP, mutants: ctcLossMutants(OP) };
