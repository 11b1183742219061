/**
 * paddle.nn.functional.softmax_with_cross_entropy(logits, label, soft_label=False, ignore_index=-100,
 * numeric_stable_mode=True, return_softmax=False, axis=-1): the registry's entry. Functional only; with a
 * truthy return_softmax it returns (loss, softmax), else the loss alone. Only logits has a gradient, through
 * the loss (the softmax output's upstream adds nothing: rule softmax-with-cross-entropy-softmax-grad-ignored).
 */
import { SOFTMAX_WITH_CROSS_ENTROPY_RULES, softmaxWithCrossEntropy, softmaxWithCrossEntropyGrad, type SoftmaxWithCrossEntropyTensors, type Tensor } from '../../../reference/index.js';
import { truthy } from '../../../reference/cross_entropy_arguments.js';
import type { RequestJson } from '../../case.js';
import { argsOf, type OpSignature } from '../../op.js';
import type { OpDescriptor } from '../../op.js';
import { referenceResponse, type DecodedCall } from '../../reference_bridge.js';
import { logSoftmaxBound, softmaxBound, softmaxGradBound } from '../../softmax_bounds.js';
import { FIRST_ORDER_SLACK, type Allowance } from '../../tolerance.js';
import { decodeTensor, valuesOf } from '../../wire.js';
import { softmaxWithCrossEntropyMutants } from './mutants.js';

const SIGNATURE: OpSignature = {
  family: 'softmax_with_cross_entropy',
  functional: 'paddle.nn.functional.softmax_with_cross_entropy',
  tensors: ['logits', 'label'],
  kwargs: [
    { name: 'soft_label', kind: 'bool', default: false },
    { name: 'ignore_index', kind: 'int', default: { int: -100 } },
    { name: 'numeric_stable_mode', kind: 'bool', default: true },
    { name: 'return_softmax', kind: 'bool', default: false },
    { name: 'axis', kind: 'int', default: { int: -1 } },
  ],
  differentiable: ['logits'],
  outputs: ['loss', 'softmax'],
  singleOutput: (r) => { const v = r.kwargs?.return_softmax; return !truthy(typeof v === 'object' && v !== null ? ('int' in v ? v.int : v.str) : v); },
  dtypes: ['float32', 'float64'],
};

/** The reference's result: the loss or [loss, softmax], and the logits' gradient through the loss. */
function compute(call: DecodedCall, grad: readonly string[]): { output: Tensor | readonly Tensor[]; grad?: Record<string, Tensor> } {
  const tensors = call.tensors as unknown as SoftmaxWithCrossEntropyTensors;
  const output = softmaxWithCrossEntropy(tensors, call.args);
  if (grad.length === 0) return { output };
  // A null entry for the loss (the softmax alone) is undefined in Paddle: fuzz.undefinedBehaviour keeps it out.
  const gradLoss = call.gradOutputs ? (call.gradOutputs[0] ?? undefined) : call.gradOutput;
  return { output, grad: { logits: softmaxWithCrossEntropyGrad(tensors, call.args, gradLoss).logits } };
}

/** The bound of one field: the loss a log-softmax over C classes, the softmax δ_p relative, the gradient g(p − y). */
function allowance(r: RequestJson, field: string, u: number): Allowance | undefined {
  try {
    const args = argsOf(SIGNATURE, r);
    const logits = decodeTensor(r.inputs.logits);
    const axis = typeof args.axis === 'object' && args.axis !== null && 'int' in args.axis ? args.axis.int : -1;
    const classes = logits.shape.at(axis) ?? 1;
    const maxAbs = (t: Parameters<typeof decodeTensor>[0] | null | undefined, fallback: number) => (t ? valuesOf(decodeTensor(t)).reduce((m, v) => Math.max(m, Math.abs(v)), 0) : fallback);
    const mass = args.soft_label === true ? Math.max(1, maxAbs(r.inputs.label, 1) * classes) : 1;
    const inputs = `C = ${classes}, M = ${mass}`;
    if (field === 'output' || field === 'output.loss') return { ...logSoftmaxBound(classes, u, mass), inputs };
    if (field === 'output.softmax') return { ...softmaxBound(classes, u), inputs };
    if (field !== 'grad.logits') return undefined;
    const up = Array.isArray(r.grad_output) ? r.grad_output[0] : r.grad_output;
    const scale = mass * maxAbs(up, 1);
    return { ...softmaxGradBound(classes, u, scale), inputs: `${inputs}, |g| ≤ ${scale}` };
  } catch {
    return undefined;
  }
}

/** Zero classes with rows left: the kernel returns a loss of one element per row it never writes (garbage). */
function zeroClassesUndefined(r: RequestJson): boolean {
  const shape = r.inputs.logits?.shape ?? [];
  const a = r.kwargs?.axis;
  const axis = typeof a === 'object' && a !== null && 'int' in a ? a.int : -1;
  const at = axis < 0 ? axis + shape.length : axis;
  return shape[at] === 0 && shape.filter((_, i) => i !== at).every((d) => d > 0);
}

const OP: Omit<OpDescriptor, 'mutants'> = {
  ...SIGNATURE,
  rules: SOFTMAX_WITH_CROSS_ENTROPY_RULES,
  reference: (request) => referenceResponse(SIGNATURE, request, compute),
  // No torch mapping: PyTorch has no softmax_with_cross_entropy; its cross_entropy drops the class axis, refuses an
  // [N, 1] label and never returns the softmax, so the port skips every case.
  tolerance: {
    output: { kind: 'derived', derivation: `log-softmax over C classes, 2(ε_e + (C + 1)u + 64u)·M + 2(ε_l + 3u)|L|; softmax 2(ε_e + (C + 1)u)·p (×${FIRST_ORDER_SLACK})`, allowance: (r, f, u) => allowance(r, f, u) },
    reduced: { kind: 'summation' },
    grad: { kind: 'derived', derivation: 'gradient g(p − y), 2(ε_e + (C + 1)u)|g||y| + 2(ε_e + (C + 2)u)|G|', allowance: (r, f, u) => allowance(r, f, u) },
  },
  // cross_entropy's points: the softmax's clip (−64), exp's overflow without the shift (88.7, 100), ties. The
  // backward through the softmax alone (grad_output [null, T]) crashes Paddle 3.3.1 (SIGSEGV); a hard label
  // beyond int32 with a gradient writes outside the gradient (cross_entropy_grad_kernel.cc).
  fuzz: {
    values: [0, 1, -1, 64, -64, 88.72283905206835, 100, -100, 1000],
    labelDomain: 'class', classLabelTrailingOne: 'always', ignoreIndex: 'ignore_index', labelDtypes: ['int64', 'int32', 'float32', 'float64'],
    classAxisKeyword: 'axis', softLabelKeyword: 'soft_label',
    undefinedBehaviour: (r) => zeroClassesUndefined(r) || (r.grad !== undefined && ((Array.isArray(r.grad_output) && r.grad_output[0] === null)
      || (r.inputs.label !== undefined && valuesOf(decodeTensor(r.inputs.label)).some((v) => Math.abs(v) >= 2 ** 31)))),
  },
};

/** The descriptor of softmax_with_cross_entropy. */
export const softmaxWithCrossEntropyOp: OpDescriptor = { ...OP, mutants: softmaxWithCrossEntropyMutants(OP) };
