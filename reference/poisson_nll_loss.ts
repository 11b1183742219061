/**
 * paddle.nn.functional.poisson_nll_loss(input, label, log_input=True, full=False, epsilon=1e-8, reduction='mean', name=None)
 * and paddle.nn.PoissonNLLLoss(log_input=True, full=False, epsilon=1e-8, reduction='mean', name=None).
 *
 * The documentation page:
 *
 *     Out = exp(input) − label · input                    log_input True
 *     Out = input − label · log(input + epsilon)          log_input False
 *     full: Out += label · log(label) − label + 0.5 · log(2π · label), where label > 1
 *     Out = MEAN(Out) | SUM(Out) | Out     for reduction 'mean' | 'sum' | 'none'
 *
 * with input float16, bfloat16, float32 or float64, label of input's dtype and shape, and epsilon > 0.
 *
 * Paddle 3.3.1 computes it (python/paddle/nn/functional/loss.py) as
 *
 *     if epsilon <= 0: raise ValueError(...)
 *     if reduction not in ['sum', 'mean', 'none']: raise ValueError(...)
 *     check_variable_and_dtype(input, ...); check_variable_and_dtype(label, ...)   (no check in eager mode)
 *     if not (input.shape == label.shape): raise ValueError("input's shape must equal to label's shape")
 *     if log_input: loss_out = paddle.exp(input) - label * input
 *     else:         loss_out = input - label * paddle.log(input + epsilon)
 *     if full:
 *         stirling_approx = label * paddle.log(label) - label + 0.5 * paddle.log(2 * math.pi * label)
 *         loss_out += paddle.where(label > 1, stirling_approx, paddle.zeros_like(stirling_approx))
 *     'mean': paddle.mean(loss_out)    'sum': paddle.sum(loss_out)
 *
 * where `t + epsilon` is scale(t, 1, epsilon), `c * t` scale(t, c, 0) and `label > 1` greater_than
 * (reference/kernels/), so everything beyond the page is those primitives' rules and the op's own below.
 */
import { PaddleAttributeError, PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { add } from './kernels/add.js';
import { cast } from './kernels/cast.js';
import { exp } from './kernels/exp.js';
import { zeros } from './kernels/full.js';
import { greaterThanScalar } from './kernels/greater_than.js';
import { log } from './kernels/log.js';
import { mean } from './kernels/mean.js';
import { multiplyOperator } from './kernels/multiply.js';
import { scaleByFloat } from './kernels/scale.js';
import { subtractOperator } from './kernels/subtract.js';
import { sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { where } from './kernels/where.js';
import { pythonStr } from './reduction.js';
import { paddleReleaseBefore } from './release.js';
import { full, isTensor, type Tensor } from './tensor.js';

/** poisson_nll_loss's tensors, by Paddle's parameter names. */
export interface PoissonNllLossTensors {
  input: Tensor;
  label: Tensor;
}

/** poisson_nll_loss's keyword arguments; an absent one takes Paddle's default. */
export interface PoissonNllLossOptions {
  log_input?: unknown;
  full?: unknown;
  epsilon?: unknown;
  reduction?: unknown;
  name?: unknown;
}

/** poisson_nll_loss's forward: the loss as Paddle 3.3.1 returns it. */
export function poissonNllLoss(tensors: PoissonNllLossTensors, options: PoissonNllLossOptions = {}): Tensor {
  return onTape(new Tape(), tensors, options, []).loss.value;
}

/**
 * poisson_nll_loss's gradient with respect to each tensor in `wrt`, for upstream `gradOutput` (ones of the loss's
 * shape by default). Only the tensors in `wrt` take a gradient (stop_gradient=False), as in Paddle, so a backward
 * that only the other tensor reaches never runs: a float16 input against a float64 label has label's gradient,
 * where asking for input's too raises in exp_grad (Paddle 3.3.1).
 */
export function poissonNllLossGrad(
  tensors: PoissonNllLossTensors,
  options: PoissonNllLossOptions = {},
  gradOutput?: Tensor,
  wrt: readonly (keyof PoissonNllLossTensors)[] = ['input', 'label'],
): Partial<Record<keyof PoissonNllLossTensors, Tensor>> {
  const tape = new Tape();
  const { loss, leaves } = onTape(tape, tensors, options, wrt);
  const grads = tape.backward(loss, gradOutput ?? full(loss.value.shape, 1, loss.value.dtype));
  return Object.fromEntries(wrt.map((name) => [name, grads.get(leaves[name].id)!]));
}

/**
 * paddle.nn.PoissonNLLLoss: the functional form behind a constructor that checks epsilon, then the reduction.
 *
 * Rule `poisson-nll-layer-legacy-arguments`: PyTorch's removed size_average and reduce raise ValueError
 * ([Deprecated] 'PoissonNLLLoss' no longer supports 'reduce' or 'size_average'., the values detected and the
 * reduction to use: reduce=False suggests 'none', size_average=False 'sum', else 'mean') since Paddle 3.3.0 (its
 * legacy_reduction_decorator); before, Python's TypeError (unexpected keyword argument; Paddle 2.6.2).
 */
export class PoissonNLLLoss {
  private readonly options: PoissonNllLossOptions;

  /** Checks the arguments as Paddle's constructor does. */
  constructor(options: PoissonNllLossOptions & Record<string, unknown> = {}) {
    const legacy = (['size_average', 'reduce'] as const).find((k) => k in options);
    if (legacy !== undefined) {
      if (paddleReleaseBefore('3.3.0')) throw new PaddleTypeError(`PoissonNLLLoss.__init__() got an unexpected keyword argument '${legacy}'`);
      const shown = (k: 'reduce' | 'size_average'): string => (k in options ? pythonStr(options[k]) : 'None');
      const suggested = options.reduce === false ? 'none' : options.size_average === false ? 'sum' : 'mean';
      throw new PaddleValueError(
        `[Deprecated] 'PoissonNLLLoss' no longer supports 'reduce' or 'size_average'.` +
          `\nDetected: reduce=${shown('reduce')}, size_average=${shown('size_average')}` +
          `\nPlease use: reduction='${suggested}' instead.`,
      );
    }
    checkArguments(options, 'PoissonNLLLoss');
    this.options = options;
  }

  /** The loss of the tensors. */
  forward(tensors: PoissonNllLossTensors): Tensor {
    return poissonNllLoss(tensors, this.options);
  }
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, tensors: PoissonNllLossTensors, options: PoissonNllLossOptions, wrt: readonly string[]): { loss: Var; leaves: Record<keyof PoissonNllLossTensors, Var> } {
  const { epsilon, reduction } = checkArguments(options, 'poisson_nll_loss');
  // check_variable_and_dtype does nothing in eager mode but read `.dtype`: a non-tensor raises AttributeError
  // ('list' object has no attribute 'dtype'), input before label (Paddle 3.3.1). Rule
  // `poisson-nll-dtypes-unchecked`: the page's dtype list is not enforced, integer operands reach the kernels.
  for (const t of [tensors.input, tensors.label] as unknown[]) {
    if (!isTensor(t)) throw new PaddleAttributeError(`'${pythonTypeName(t)}' object has no attribute 'dtype'`);
  }
  // Rule `poisson-nll-shapes-must-equal`: a comparison of shape lists, no broadcasting.
  const [xs, ys] = [tensors.input.shape, tensors.label.shape];
  if (xs.length !== ys.length || xs.some((n, i) => n !== ys[i])) throw new PaddleValueError("input's shape must equal to label's shape");
  const x = tape.leaf(tensors.input, wrt.includes('input'));
  const labelLeaf = tape.leaf(tensors.label, wrt.includes('label'));
  // Rule `poisson-nll-legacy-label-cast`: Paddle 2.6.2 casts label to input's dtype first (a float64 label meets a
  // float32 input as float32); from 3.0.0 there is no cast and the products promote.
  const y = paddleReleaseBefore('3.0.0') ? cast(tape, labelLeaf, x.value.dtype) : labelLeaf;
  // Rule `poisson-nll-flags-truthy`: `if log_input:` and `if full:` are Python truth tests, so 0, '', None and []
  // are False and any other value True (Paddle 3.3.1: log_input=0 and log_input='' take the log branch).
  let out = truthy('log_input' in options ? options.log_input : true)
    ? subtractOperator(tape, exp(tape, x), multiplyOperator(tape, y, x))
    // Rule `poisson-nll-epsilon-added-in-dtype`: input + epsilon is scale(input, 1, epsilon), epsilon rounded to
    // the dtype first (1e-8 added to a float32 1 is lost).
    : subtractOperator(tape, x, multiplyOperator(tape, y, log(tape, scaleByFloat(tape, x, 1, epsilon))));
  if (truthy('full' in options ? options.full : false)) {
    // Rule `poisson-nll-stirling-masked-not-skipped`: the Stirling term is computed everywhere and where() keeps it
    // only where label > 1, so its gradient still runs where label <= 1: where's +0 times log(label) of a label 0
    // (-inf) or below (NaN) gives label's gradient NaN there (Paddle 3.3.1: label [0, -1] with full=True gives
    // label's gradient [NaN, NaN]; a NaN label is not > 1, an infinite one gives a NaN loss).
    const stirling = add(
      tape,
      subtractOperator(tape, multiplyOperator(tape, y, log(tape, y)), y),
      scaleByFloat(tape, log(tape, scaleByFloat(tape, y, 2 * Math.PI, 0)), 0.5, 0),
    );
    out = add(tape, out, where(tape, greaterThanScalar(tape, y, 1), stirling, zeros(tape, stirling.value.shape, stirling.value.dtype)));
  }
  const loss = reduction === 'mean' ? mean(tape, out) : reduction === 'sum' ? sumAll(tape, out) : out;
  return { loss, leaves: { input: x, label: labelLeaf } };
}

/**
 * The checks of the arguments, epsilon first. Rule `poisson-nll-epsilon-checked-first`: `epsilon <= 0` raises
 * ValueError (its value formatted as Python's `{epsilon:f}`, 'positve' before Paddle 3.0.0) before the reduction is
 * looked at; a NaN epsilon passes and makes the log_input=False loss NaN. Rule `poisson-nll-reduction-checked-first`:
 * then a reduction other than 'none', 'mean' or 'sum' raises ValueError before any operand is touched; the layer
 * makes both checks at construction, naming PoissonNLLLoss (Paddle 3.3.1 and 2.6.2).
 */
function checkArguments(options: PoissonNllLossOptions, api: string): { epsilon: number; reduction: 'none' | 'mean' | 'sum' } {
  const epsilon = 'epsilon' in options ? options.epsilon : 1e-8;
  const value = typeof epsilon === 'boolean' ? Number(epsilon) : epsilon;
  if (typeof value !== 'number') throw new PaddleTypeError(`'<=' not supported between instances of '${pythonTypeName(epsilon)}' and 'int'`);
  if (value <= 0) {
    const word = paddleReleaseBefore('3.0.0') ? 'positve' : 'positive';
    throw new PaddleValueError(`The value of \`epsilon\` in ${api} should be ${word}, but received ${pythonFixed(value)}, which is not allowed`);
  }
  const reduction = 'reduction' in options ? options.reduction : 'mean';
  if (reduction !== 'none' && reduction !== 'mean' && reduction !== 'sum') {
    throw new PaddleValueError(`The value of 'reduction' in ${api} should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}, which is not allowed.`);
  }
  return { epsilon: value, reduction };
}

/** Python's truth value of a JSON value: None, False, 0, '', [] and {} are false. */
function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** Python's `format(v, 'f')` of a float at most 0: six decimals, the exact integer part of a large one. */
function pythonFixed(v: number): string {
  if (v === -Infinity) return '-inf';
  if (Math.abs(v) < 1e21) return v.toFixed(6);
  return `${BigInt(v).toString()}.000000`;
}
