/**
 * paddle.nn.functional.binary_cross_entropy_with_logits(logit, label, weight=None, reduction='mean', pos_weight=None, name=None)
 *
 * The documentation page: Out = −Labels · log(σ(Logit)) − (1 − Labels) · log(1 − σ(Logit)), computed
 * in the stable form max(Logit, 0) − Logit · Labels + log(1 + e^(−|Logit|)); "if weight or pos_weight
 * is not None, then multiply the weight tensor on the loss Out" (weight per batch item, pos_weight
 * on the positive label of each class); then 'none', 'mean' or 'sum'. float32 or float64.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py) as
 *
 *     one = _C_ops.full([1], 1.0, logit.dtype)
 *     if pos_weight is not None:
 *         pos_weight = add(multiply(label, subtract(pos_weight, one)), one)    # 1 + y·(w − 1)
 *     out = _C_ops.sigmoid_cross_entropy_with_logits(logit, label, pos_weight, False, -100)
 *     if weight is not None: out = multiply(out, weight)
 *     sum: _C_ops.sum(out)   mean: _C_ops.mean_all(out)   none: out
 *
 * so pos_weight enters the kernel as 1 + y·(w − 1), which multiplies the −log σ(x) part only
 * (kernels/sigmoid_cross_entropy_with_logits.ts); weight multiplies the unreduced loss, which
 * broadcasts both ways (a weight of a larger shape enlarges the loss) and promotes (a float64
 * weight makes the loss float64), and 'mean' divides by the element count, not by Σ weight.
 * Rules `bce-logits-pos-weight-broadcasts` and `bce-logits-weight-mean-over-count` mark these.
 * Only logit and weight have gradients; the label and pos_weight get none (the kernel's
 * backward is x's only). Rule `bce-logits-reduction-checked-first`: a bad reduction raises
 * ValueError before any tensor is read; the layer raises it at construction.
 */
import { PaddleTypeError, PaddleValueError } from './errors.js';
import { add } from './kernels/add.js';
import { full } from './kernels/full.js';
import { meanAll } from './kernels/mean_all.js';
import { multiply } from './kernels/multiply.js';
import { sigmoidCrossEntropyWithLogits } from './kernels/sigmoid_cross_entropy_with_logits.js';
import { subtract } from './kernels/subtract.js';
import { sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { pythonStr } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { full as filled, type Tensor } from './tensor.js';

/** binary_cross_entropy_with_logits's tensors, by Paddle's parameter names. */
export interface BinaryCrossEntropyWithLogitsTensors {
  logit: Tensor;
  label: Tensor;
  /** Absent is Python's None. */
  weight?: Tensor;
  /** Absent is Python's None. */
  pos_weight?: Tensor;
}

/** binary_cross_entropy_with_logits's keyword arguments; an absent one takes Paddle's default. */
export interface BinaryCrossEntropyWithLogitsOptions {
  reduction?: unknown;
  name?: unknown;
}

/** binary_cross_entropy_with_logits's forward: the loss as Paddle 3.3.1 returns it. */
export function binaryCrossEntropyWithLogits(tensors: BinaryCrossEntropyWithLogitsTensors, options: BinaryCrossEntropyWithLogitsOptions = {}): Tensor {
  return onTape(new Tape(), tensors, options, false).loss.value;
}

/** binary_cross_entropy_with_logits's gradients of logit and of a given weight, for upstream `gradOutput` (ones of the loss's shape by default). */
export function binaryCrossEntropyWithLogitsGrad(tensors: BinaryCrossEntropyWithLogitsTensors, options: BinaryCrossEntropyWithLogitsOptions = {}, gradOutput?: Tensor): Record<string, Tensor> {
  const tape = new Tape();
  const { loss, leaves } = onTape(tape, tensors, options, true);
  const grads = tape.backward(loss, gradOutput ?? filled(loss.value.shape, 1, loss.value.dtype));
  return Object.fromEntries(Object.entries(leaves).map(([name, v]) => [name, grads.get(v.id)!]));
}

/**
 * paddle.nn.BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None, name=None): the
 * functional form with the constructor's tensors. Rule `bce-logits-layer-legacy-arguments`:
 * size_average or reduce raise ValueError since Paddle 3.3.0; before, a TypeError.
 */
export class BCEWithLogitsLoss {
  private readonly options: BinaryCrossEntropyWithLogitsOptions & Pick<BinaryCrossEntropyWithLogitsTensors, 'weight' | 'pos_weight'>;

  /** Checks the arguments as Paddle's constructor does. */
  constructor(options: BinaryCrossEntropyWithLogitsOptions & Pick<BinaryCrossEntropyWithLogitsTensors, 'weight' | 'pos_weight'> & Record<string, unknown> = {}) {
    const legacy = (['size_average', 'reduce'] as const).find((k) => k in options);
    if (legacy !== undefined) {
      if (paddleReleaseBefore('3.3.0')) throw new PaddleTypeError(`BCEWithLogitsLoss.__init__() got an unexpected keyword argument '${legacy}'`);
      throw new PaddleValueError("[Deprecated] 'BCEWithLogitsLoss' no longer supports 'reduce' or 'size_average'.");
    }
    checkReduction('reduction' in options ? options.reduction : 'mean', 'BCEWithLogitsLoss');
    this.options = options;
  }

  /** The loss of the tensors. */
  forward(tensors: Pick<BinaryCrossEntropyWithLogitsTensors, 'logit' | 'label'>): Tensor {
    const { weight, pos_weight, ...options } = this.options;
    return binaryCrossEntropyWithLogits({ ...tensors, ...(weight && { weight }), ...(pos_weight && { pos_weight }) }, options);
  }
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, tensors: BinaryCrossEntropyWithLogitsTensors, options: BinaryCrossEntropyWithLogitsOptions, needsGrad: boolean): { loss: Var; leaves: Record<string, Var> } {
  const reduction = 'reduction' in options ? options.reduction : 'mean';
  checkReduction(reduction, 'binary_cross_entropy_with_logits');
  const logit = tape.leaf(tensors.logit, needsGrad);
  const label = tape.leaf(tensors.label, false);
  const weight = tensors.weight && tape.leaf(tensors.weight, needsGrad);
  const one = full(tape, [1], 1, tensors.logit.dtype);
  const posWeight = tensors.pos_weight && add(tape, multiply(tape, label, subtract(tape, tape.leaf(tensors.pos_weight, false), one)), one);
  let out = sigmoidCrossEntropyWithLogits(tape, logit, label, posWeight);
  if (weight) out = multiply(tape, out, weight);
  const loss = reduction === 'sum' ? sumAll(tape, out) : reduction === 'mean' ? meanAll(tape, out) : out;
  return { loss, leaves: { logit, ...(weight && { weight }) } };
}

/** Rule bce-logits-reduction-checked-first: 'none', 'mean' or 'sum', checked before anything else. */
function checkReduction(reduction: unknown, owner: string): void {
  if (reduction === 'none' || reduction === 'mean' || reduction === 'sum') return;
  throw new PaddleValueError(`The value of 'reduction' in ${owner} should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}, which is not allowed.`);
}
