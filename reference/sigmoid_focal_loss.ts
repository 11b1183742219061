/**
 * paddle.nn.functional.sigmoid_focal_loss(logit, label, normalizer=None, alpha=0.25, gamma=2.0, reduction='sum', name=None)
 *
 * The documentation page:
 *
 *     Out = −Labels · alpha · (1 − σ(Logit))^gamma · log(σ(Logit)) − (1 − Labels) · (1 − alpha) · σ(Logit)^gamma · log(1 − σ(Logit))
 *
 * divided by normalizer when it is not None (a [1] or 0-D float32/float64 tensor), then 'none', 'mean' or
 * 'sum' (the default); logit [N, *] and label of its shape, float32 or float64, labels between 0 and 1.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py, dynamic mode) as
 *
 *     if reduction not in ['sum', 'mean', 'none']: raise ValueError
 *     if normalizer is not None and len(normalizer.shape) > 1: raise ValueError
 *     one = _C_ops.full(paddle.shape(logit), 1.0, logit.dtype)
 *     loss = _C_ops.sigmoid_cross_entropy_with_logits(logit, label, None, False, -100)
 *     pred = _C_ops.sigmoid(logit)
 *     p_t = add(multiply(pred, label), multiply(subtract(one, pred), subtract(one, label)))
 *     alpha = paddle.to_tensor(alpha, dtype=loss.dtype)
 *     alpha_t = add(multiply(alpha, label), multiply(subtract(one, alpha), subtract(one, label)))
 *     loss = multiply(alpha_t, loss)
 *     gamma = paddle.to_tensor(gamma, dtype=loss.dtype)
 *     loss = multiply(pow(subtract(one, p_t), gamma), loss)
 *     if normalizer is not None: loss = divide(loss, normalizer)
 *     sum: _C_ops.sum(loss)   mean: _C_ops.mean_all(loss)   none: loss
 *
 * so the log terms are the stable cross entropy of kernels/sigmoid_cross_entropy_with_logits.ts (its ignore_index
 * −100 included), not log(σ); the focal factor (1 − p_t)^gamma is glibc's pow (kernels/pow.ts); the label gets a
 * gradient through p_t and alpha_t (not through the kernel); the normalizer divides before the reduction and
 * broadcasts (a [C] normalizer against [N, C] works, although the page says [1]).
 */
import { kernelNotRegistered, PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { add } from './kernels/add.js';
import { divide } from './kernels/divide.js';
import { full } from './kernels/full.js';
import { meanAll } from './kernels/mean_all.js';
import { multiply } from './kernels/multiply.js';
import { pow } from './kernels/pow.js';
import { sigmoid } from './kernels/sigmoid.js';
import { sigmoidCrossEntropyWithLogits } from './kernels/sigmoid_cross_entropy_with_logits.js';
import { subtract } from './kernels/subtract.js';
import { sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { pythonStr } from './reduction.js';
import { full as filled, Tensor } from './tensor.js';
import { castValue } from './cast.js';
import { paddleReleaseBefore } from './release.js';

/** sigmoid_focal_loss's tensors, by Paddle's parameter names. */
export interface SigmoidFocalLossTensors {
  logit: Tensor;
  label: Tensor;
  /** Absent is Python's None. */
  normalizer?: Tensor;
}

/** sigmoid_focal_loss's keyword arguments; an absent one takes Paddle's default. */
export interface SigmoidFocalLossOptions {
  alpha?: unknown;
  gamma?: unknown;
  reduction?: unknown;
  name?: unknown;
}

/** sigmoid_focal_loss's forward: the loss as Paddle 3.3.1 returns it. */
export function sigmoidFocalLoss(tensors: SigmoidFocalLossTensors, options: SigmoidFocalLossOptions = {}): Tensor {
  return onTape(new Tape(), tensors, options, false).loss.value;
}

/**
 * sigmoid_focal_loss's gradients of logit and label, for upstream `gradOutput` (ones of the loss's shape by default).
 * Rule `sigmoid-focal-label-gets-gradient`: the label's flows through p_t and alpha_t (multiply, subtract), not through
 * the cross entropy kernel, whose backward is the logit's only.
 */
export function sigmoidFocalLossGrad(tensors: SigmoidFocalLossTensors, options: SigmoidFocalLossOptions = {}, gradOutput?: Tensor): Record<string, Tensor> {
  const tape = new Tape();
  const { loss, leaves } = onTape(tape, tensors, options, true);
  const grads = tape.backward(loss, gradOutput ?? filled(loss.value.shape, 1, loss.value.dtype));
  return Object.fromEntries(Object.entries(leaves).map(([name, v]) => [name, grads.get(v.id)!]));
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, tensors: SigmoidFocalLossTensors, options: SigmoidFocalLossOptions, needsGrad: boolean): { loss: Var; leaves: Record<string, Var> } {
  const reduction = 'reduction' in options ? options.reduction : 'sum';
  checkReduction(reduction);
  // Rule `sigmoid-focal-normalizer-any-dtype-and-shape`: in dynamic mode only the rank is checked.
  if (tensors.normalizer && tensors.normalizer.shape.length > 1) {
    throw new PaddleValueError(`Expected zero or one dimension of normalizer in sigmoid_focal_loss but got ${tensors.normalizer.shape.length}.`);
  }
  const logit = tape.leaf(tensors.logit, needsGrad);
  const label = tape.leaf(tensors.label, needsGrad);
  // Rule `sigmoid-focal-1-d-logit-refused`: full(paddle.shape(logit)) reads a one-element shape tensor as [-1], since
  // Paddle 3.3.0 (3.0.0 to 3.2.2 compute it; 2.6.2 passed logit.shape, a list). In 3.0.0 paddle.shape itself has no
  // float16 or bfloat16 kernel (shape64).
  const dtype = tensors.logit.dtype;
  if (!paddleReleaseBefore('3.0.0') && paddleReleaseBefore('3.1.0') && (dtype === 'float16' || dtype === 'bfloat16')) {
    throw kernelNotRegistered('shape64', dtype, 'float64, complex128, int32, uint8, float32, complex64, bool, int64, int8');
  }
  if (tensors.logit.shape.length === 1 && !paddleReleaseBefore('3.3.0')) {
    throw new PaddleValueError("(InvalidArgument) Each value of attribute 'shape' is expected to be no less than 0. But received: shape[0] = -1; shape = [-1].");
  }
  const one = full(tape, tensors.logit.shape, 1, dtype);
  const ce = sigmoidCrossEntropyWithLogits(tape, logit, label);
  const pred = sigmoid(tape, logit);
  const pT = add(tape, multiply(tape, pred, label), multiply(tape, subtract(tape, one, pred), subtract(tape, one, label)));
  const alpha = tape.leaf(filled(paddleReleaseBefore('3.0.0') ? [1] : [], toTensorValue(options, 'alpha', 0.25, ce.value.dtype), ce.value.dtype));
  const alphaT = add(tape, multiply(tape, alpha, label), multiply(tape, subtract(tape, one, alpha), subtract(tape, one, label)));
  const weighted = multiply(tape, alphaT, ce);
  const gamma = toTensorValue(options, 'gamma', 2.0, ce.value.dtype);
  let loss = multiply(tape, pow(tape, subtract(tape, one, pT), gamma), weighted);
  if (tensors.normalizer) loss = divide(tape, checkedForLegacyDivide(loss, tensors.normalizer), tape.leaf(tensors.normalizer, false));
  return { loss: reduction === 'sum' ? sumAll(tape, loss) : reduction === 'mean' ? meanAll(tape, loss) : loss, leaves: { logit, label } };
}

/**
 * Before Paddle 3.0.0 _C_ops.divide did not promote: its kernel is the normalizer's dtype (float16: RuntimeError
 * NotFound), which then reads the loss as that dtype (ValueError). Rule `sigmoid-focal-normalizer-any-dtype-and-shape`.
 */
function checkedForLegacyDivide(loss: Var, normalizer: Tensor): Var {
  const [x, y] = [loss.value.dtype, normalizer.dtype];
  if (!paddleReleaseBefore('3.0.0') || x === y) return loss;
  if (y === 'float16' || y === 'bfloat16') throw kernelNotRegistered('divide', y, 'int16, float64, complex128, int32, uint8, float32, complex64, bool, int64, int8');
  throw new PaddleValueError(`(InvalidArgument) The type of data we are trying to retrieve (${y}) does not match the type of data (${x}) currently contained in the container.`);
}

/** Rule `sigmoid-focal-reduction-checked-first`: 'none', 'mean' or 'sum', before anything else. */
function checkReduction(reduction: unknown): void {
  if (reduction === 'none' || reduction === 'mean' || reduction === 'sum') return;
  throw new PaddleValueError(`The value of 'reduction' in sigmoid_focal_loss should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}, which is not allowed.`);
}

/**
 * paddle.to_tensor(value, dtype=loss.dtype) of alpha or gamma. Rule `sigmoid-focal-alpha-gamma-to-tensor`: nothing
 * checks them (alpha −1 or 2, gamma 0 or −1 compute); the value is rounded to the loss's dtype (float32: 1e39 is
 * inf), True is 1, and None or a str raise TypeError (Can't constructs a 'paddle.Tensor' …). Before Paddle 3.0.0 they
 * were to_variable([v], dtype), [1] tensors (a 0-D logit's 'none' loss is [1]; an empty one is multiply's
 * RuntimeError, legacy_broadcast.ts) made by numpy: None is NaN and a str is read as a float.
 */
function toTensorValue(options: SigmoidFocalLossOptions, key: 'alpha' | 'gamma', fallback: number, dtype: Tensor['dtype']): number {
  const v = key in options ? options[key] : fallback;
  if (paddleReleaseBefore('3.0.0') && (v === null || v === undefined)) return NaN;
  if (paddleReleaseBefore('3.0.0') && typeof v === 'string') {
    const f = Number(v.trim());
    if (v.trim() === '' || Number.isNaN(f)) throw new PaddleValueError(`could not convert string to float: '${v}'`);
    return castValue(f, 'float64', dtype);
  }
  if (typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'boolean') {
    throw new PaddleTypeError(`Can't constructs a 'paddle.Tensor' with data type <class '${pythonTypeName(v)}'>, data type must be scalar|list|tuple|np.ndarray|paddle.Tensor`);
  }
  return castValue(Number(v), 'float64', dtype);
}
