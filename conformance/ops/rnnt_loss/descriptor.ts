/**
 * paddle.nn.functional.rnnt_loss(input, label, input_lengths, label_lengths, blank=0, fastemit_lambda=0.001, reduction='mean', name=None)
 * and paddle.nn.RNNTLoss(blank=0, fastemit_lambda=0.001, reduction='mean', name=None): the registry's entry.
 * Only input has a gradient; label and the lengths are int32 tensors.
 */
import { RNNTLoss, RNNT_LOSS_RULES, rnntLoss, rnntLossGrad, type RnntKernel, type RnntLossTensors, type Tensor } from '../../../reference/index.js';
import type { OpDescriptor, OpSignature, ReferenceAnswer } from '../../op.js';
import { referenceResponse } from '../../reference_bridge.js';
import { rnntRequests } from './fuzz.js';
import { rnntLossMutants } from './mutants.js';
import { rnntLossTolerance } from './tolerance.js';

const SIGNATURE: OpSignature = {
  family: 'rnnt_loss',
  functional: 'paddle.nn.functional.rnnt_loss',
  layer: 'paddle.nn.RNNTLoss',
  tensors: ['input', 'label', 'input_lengths', 'label_lengths'],
  kwargs: [
    { name: 'blank', kind: 'int', default: 0 },
    { name: 'fastemit_lambda', kind: 'float', default: 0.001 },
    { name: 'reduction', kind: 'str', default: 'mean' },
    { name: 'name', kind: 'str', default: null },
  ],
  differentiable: ['input'],
  reduction: 'reduction',
  dtypes: ['float32', 'float64'],
};

/** The reference's answer with the given kernel hooks (Paddle's by default; the mutants pass others). */
function rnntAnswer(kernel?: RnntKernel): ReferenceAnswer {
  return (request) => referenceResponse(SIGNATURE, request, (call, grad) => {
    const tensors = call.tensors as unknown as RnntLossTensors;
    const output = call.layer ? new RNNTLoss({ ...call.args }).forward(tensors, kernel) : rnntLoss(tensors, call.args, kernel);
    if (grad.length === 0) return { output };
    return { output, grad: rnntLossGrad(tensors, call.args, call.gradOutput, kernel) as Record<string, Tensor> };
  });
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: RNNT_LOSS_RULES,
  reference: rnntAnswer(),
  // torchaudio.functional.rnnt_loss(logits, targets, logit_lengths, target_lengths, blank=-1, clamp=-1, reduction='mean', fused_log_softmax=True),
  // in the torch venvs whose torch has a torchaudio release (python_env.ts torchaudioFor; the port skips elsewhere).
  // Paddle reads input as log-probabilities with no log_softmax (rule rnnt-input-is-log-probabilities), hence
  // fused_log_softmax=False; both take int32 targets and lengths. Paddle's blank defaults to 0, torchaudio's to −1 (the last).
  // fastemit_lambda has no counterpart and scales only the emission gradients: dropped, its gradient cases with λ ≠ 0 named in the expectations.
  torch: {
    functional: 'torchaudio.functional.rnnt_loss',
    layer: 'torchaudio.transforms.RNNTLoss',
    drop: ['fastemit_lambda', 'name'],
    fixed: { fused_log_softmax: false },
    defaults: { blank: 0 },
  },
  tolerance: rnntLossTolerance(),
  // Shapes, lengths and labels must agree (elsewhere the kernel reads outside its buffers): the op draws its own requests.
  // The page's label is int32, its lengths int64 (its example passes int32, which alone Paddle takes).
  fuzz: { requests: rnntRequests(SIGNATURE.functional, SIGNATURE.layer!), tensorDtypes: { label: ['int32'], input_lengths: ['int32', 'int64'], label_lengths: ['int32', 'int64'] } },
};

/** The descriptor of rnnt_loss. */
export const rnntLossOp: OpDescriptor = { ...OP, mutants: rnntLossMutants(OP, rnntAnswer) };
