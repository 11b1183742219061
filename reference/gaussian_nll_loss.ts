/**
 * paddle.nn.functional.gaussian_nll_loss(input, label, variance, full=False, epsilon=1e-6, reduction='mean', name=None)
 *
 * The documentation page:
 *
 *     loss = ½ (log(max(var, epsilon)) + (input − label)² / max(var, epsilon)) + const.
 *
 * the constant ½ log(2π) only when full is True; input, label and variance float32 or float64; a
 * variance of input's shape, or with a last dimension of 1, or one dimension fewer; 'none' the loss of
 * input's shape, 'mean' its average, 'sum' its sum. "The clamping of variance is ignored with respect
 * to autograd, and so the gradients are unaffected by it."
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py; the same source since 2.6.2) as
 *
 *     if variance.shape != input.shape:
 *         if input.shape[:-1] == variance.shape: variance = paddle.unsqueeze(variance, -1)
 *         elif input.shape[:-1] == variance.shape[:-1] and variance.shape[-1] == 1: pass
 *         else: raise ValueError("variance is of incorrect shape")
 *     if reduction not in ('none', 'mean', 'sum'): raise ValueError(reduction + " is not valid")
 *     input, label, variance: each float32 or float64, else ValueError
 *     if paddle.any(variance < 0): raise ValueError("variance has negative entry/entries")
 *     variance = variance.clone()
 *     with paddle.no_grad(): variance = paddle.clip(variance, min=epsilon)
 *     loss = 0.5 * (paddle.log(variance) + paddle.square(input - label) / variance)
 *     if full: loss += 0.5 * math.log(2 * math.pi)
 *     mean: paddle.mean(loss)   sum: paddle.sum(loss)   none: loss
 *
 * `0.5 * t` and `t + c` are scale(t, 0.5, 0) and scale(t, 1, c) (kernels/scale.ts); `/` is the operator
 * (kernels/divide.ts: before Paddle 3.0.0 it casts a float64 variance to a float32 square first).
 */
import { PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { add } from './kernels/add.js';
import { anyLessThan } from './kernels/any.js';
import { clip } from './kernels/clip.js';
import { divideOperator } from './kernels/divide.js';
import { log } from './kernels/log.js';
import { mean } from './kernels/mean.js';
import { scale } from './kernels/scale.js';
import { square } from './kernels/square.js';
import { subtract } from './kernels/subtract.js';
import { sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { pythonStr } from './reduction.js';
import { scalarFromString } from './scalar.js';
import { full, Tensor } from './tensor.js';

/** gaussian_nll_loss's tensors, by Paddle's parameter names. */
export interface GaussianNllLossTensors {
  input: Tensor;
  label: Tensor;
  variance: Tensor;
}

/** gaussian_nll_loss's keyword arguments; an absent one takes Paddle's default. */
export interface GaussianNllLossOptions {
  full?: unknown;
  epsilon?: unknown;
  reduction?: unknown;
  name?: unknown;
}

/** gaussian_nll_loss's forward: the loss as Paddle 3.3.1 returns it. */
export function gaussianNllLoss(tensors: GaussianNllLossTensors, options: GaussianNllLossOptions = {}): Tensor {
  return onTape(new Tape(), tensors, options, false).loss.value;
}

/**
 * gaussian_nll_loss's gradients, for upstream `gradOutput` (ones of the loss's shape by default): input's and
 * label's. Rule `gaussian-nll-variance-gets-no-gradient`: variance has none (its .grad stays None), although the
 * page says the clamp leaves the gradients unaffected: the clip runs under paddle.no_grad() and its result
 * replaces variance, so nothing after it leads back (Paddle 3.3.1 and 2.6.2: variance.grad is None).
 */
export function gaussianNllLossGrad(tensors: GaussianNllLossTensors, options: GaussianNllLossOptions = {}, gradOutput?: Tensor): { input: Tensor; label: Tensor } {
  const tape = new Tape();
  const { loss, x, y } = onTape(tape, tensors, options, true);
  const grads = tape.backward(loss, gradOutput ?? full(loss.value.shape, 1, loss.value.dtype));
  return { input: grads.get(x.id)!, label: grads.get(y.id)! };
}

/**
 * paddle.nn.GaussianNLLLoss(full=False, epsilon=1e-6, reduction='mean', name=None): the constructor checks the
 * reduction (its own message, str() of any value), forward(input, label, variance) calls the functional form.
 * Rule `gaussian-nll-layer-no-legacy-arguments`: unlike the 18 layers that refuse PyTorch's size_average and
 * reduce with a ValueError since Paddle 3.3.0, this one does not know them: a TypeError in every release.
 */
export class GaussianNLLLoss {
  private readonly options: GaussianNllLossOptions;

  /** Checks the arguments as Paddle's constructor does. */
  constructor(options: GaussianNllLossOptions & Record<string, unknown> = {}) {
    const unknown = Object.keys(options).find((k) => !['full', 'epsilon', 'reduction', 'name'].includes(k));
    if (unknown !== undefined) throw new PaddleTypeError(`GaussianNLLLoss.__init__() got an unexpected keyword argument '${unknown}'`);
    const reduction = 'reduction' in options ? options.reduction : 'mean';
    if (!['sum', 'mean', 'none'].includes(reduction as string)) {
      throw new PaddleValueError(`The value of 'reduction' in GaussianNLLLoss should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}, which is not allowed.`);
    }
    this.options = options;
  }

  /** The loss of the tensors. */
  forward(tensors: GaussianNllLossTensors): Tensor {
    return gaussianNllLoss(tensors, this.options);
  }
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, tensors: GaussianNllLossTensors, options: GaussianNllLossOptions, needsGrad: boolean): { loss: Var; x: Var; y: Var } {
  const variance = homoscedastic(tensors.input.shape, tensors.variance);
  checkReduction('reduction' in options ? options.reduction : 'mean');
  // Rule `gaussian-nll-float-operands-only`: the Python source's own checks, in this order, before any kernel.
  for (const [name, t, or] of [['input', tensors.input, ' or'], ['label', tensors.label, ','], ['variance', variance, ',']] as const) {
    if (t.dtype !== 'float32' && t.dtype !== 'float64') throw new PaddleValueError(`The data type of ${name} Variable must be 'float32'${or} 'float64'`);
  }
  // Rule `gaussian-nll-negative-variance-raises`: -0 and NaN are not below 0, so they pass.
  if (anyLessThan(variance, 0)) throw new PaddleValueError('variance has negative entry/entries');
  const x = tape.leaf(tensors.input, needsGrad);
  const y = tape.leaf(tensors.label, needsGrad);
  // Rules gaussian-nll-variance-gets-no-gradient and gaussian-nll-epsilon-is-clip-min: a leaf without a gradient.
  const v = clip(tape, tape.leaf(variance, false), epsilonOf(options));
  const half = scale(tape, add(tape, log(tape, v), divideOperator(tape, square(tape, subtract(tape, x, y)), v)), 0.5, 0);
  // Rule `gaussian-nll-full-is-truthy`: Python's `if full:`.
  const loss = truthy('full' in options ? options.full : false) ? scale(tape, half, 1, 0.5 * Math.log(2 * Math.PI)) : half;
  const reduction = 'reduction' in options ? options.reduction : 'mean';
  return { loss: reduction === 'mean' ? mean(tape, loss) : reduction === 'sum' ? sumAll(tape, loss) : loss, x, y };
}

/**
 * Variance's shape against input's. Rule `gaussian-nll-variance-shapes`: besides input's own shape, exactly
 * input's without its last dimension (unsqueezed to a last dimension of 1: a 0-D variance against a 1-D input)
 * or input's with a last dimension of 1 (a [1] variance against a 0-D input, so the loss is [1], not []);
 * nothing else (a 1 elsewhere, a variance that would broadcast, an empty [0] against [3]) is accepted.
 */
function homoscedastic(input: readonly number[], variance: Tensor): Tensor {
  const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);
  if (same(variance.shape, input)) return variance;
  if (same(input.slice(0, -1), variance.shape)) return new Tensor(variance.dtype, [...variance.shape, 1], variance.data);
  if (same(input.slice(0, -1), variance.shape.slice(0, -1)) && variance.shape[variance.shape.length - 1] === 1) return variance;
  throw new PaddleValueError('variance is of incorrect shape');
}

/**
 * Rule `gaussian-nll-reduction-checked-second`: after variance's shape and before any dtype; `reduction + " is not
 * valid"`, so a reduction that is not a str raises Python's TypeError from that `+` instead of the ValueError.
 */
function checkReduction(reduction: unknown): void {
  if (reduction === 'none' || reduction === 'mean' || reduction === 'sum') return;
  if (typeof reduction !== 'string') throw new PaddleTypeError(`unsupported operand type(s) for +: '${pythonTypeName(reduction)}' and 'str'`);
  throw new PaddleValueError(`${reduction} is not valid`);
}

/**
 * epsilon as paddle.clip's min. Rule `gaussian-nll-epsilon-is-clip-min`: it is only clip's lower bound, rounded to
 * the dtype (1e-50 is 0 in float32, so a zero variance stays 0 and gives NaN or inf); nothing checks it: 0, a
 * negative value or None (no lower bound) leave a zero variance, True is 1, a str is a phi Scalar read by C++, and
 * a bound above the dtype's largest value (1e39 in float32; inf, NaN) is clip's ValueError.
 */
function epsilonOf(options: GaussianNllLossOptions): number | null {
  const eps = 'epsilon' in options ? options.epsilon : 1e-6;
  if (eps === null || eps === undefined) return null;
  return typeof eps === 'string' ? scalarFromString(eps) : Number(eps);
}

/** Python's truth value of a keyword: None, False, 0 and '' are false. */
function truthy(v: unknown): boolean {
  return !(v === null || v === undefined || v === false || v === 0 || v === '');
}
