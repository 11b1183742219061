/**
 * paddle.nn.functional.soft_margin_loss and paddle.nn.SoftMarginLoss, read
 * literally from the documentation page:
 *
 *     Out = log(1 + exp((-label * input)))
 *     Out = MEAN(Out) | SUM(Out) | Out     for reduction 'mean' | 'sum' | 'none'
 *
 * with `label` of the same shape as `input`, input float32 or float64, label
 * int32, int64, float32 or float64, and output shape [] for 'mean' and 'sum'.
 *
 * Computed the way Paddle 3.3.1 computes it in eager mode
 * (python/paddle/nn/functional/loss.py):
 *
 *     label = paddle.cast(label, input.dtype)
 *     out = paddle.log(1 + paddle.exp(-label * input))
 *     paddle.sum(out) | paddle.mean(out) | out
 *
 * which runs, element by element, with every step rounded to its dtype:
 *
 *     neg   = scale(label, -1.0, bias 0.0)     (Tensor.__neg__)
 *     z     = multiply(neg, input)
 *     e     = exp(z)
 *     s     = scale(e, 1.0, bias 1.0)         (1 + tensor, Tensor.__radd__)
 *     out   = log(s)
 *
 * No log1p and no softplus: the literal formula, with its overflow
 * (rule `soft-margin-exp-overflows-to-inf`) and its absorption of small
 * terms (rule `soft-margin-one-plus-exp-absorbs-small`).
 */
import { castValue } from './cast.js';
import { dtypeOf, type DTypeName } from './dtype.js';
import { paddleExp, paddleLog } from './elementary.js';
import { kernelNotRegistered, PaddleAttributeError, PaddleTypeError, PaddleValueError, pythonTypeName } from './errors.js';
import { checkReducible, pythonStr, reduceLoss, type Reduction } from './reduction.js';
import { paddleRelease, paddleReleaseBefore } from './release.js';
import { isTensor, Tensor } from './tensor.js';

/** Keyword arguments of the loss, for the options-object form of the call. */
export interface SoftMarginLossOptions {
  /** 'none' | 'mean' | 'sum'. Default 'mean'. */
  reduction?: Reduction | string;
  /** Output name; accepted and ignored, as in eager Paddle. */
  name?: string;
}

/**
 * Computes the soft margin loss with Paddle's parameters, order and defaults,
 * `softMarginLoss(input, label, reduction = 'mean', name)`, or
 * `softMarginLoss(input, label, { reduction, name })`.
 */
export function softMarginLoss(
  input: Tensor,
  label: Tensor,
  reduction: Reduction | string | SoftMarginLossOptions = 'mean',
  name?: string,
): Tensor {
  const call = checkSoftMarginCall(input, label, reduction, name);
  // paddle.sum or paddle.mean to a 0-D tensor of the loss's dtype.
  // Rule `soft-margin-sum-of-empty-is-zero`: an empty loss sums to +0, shape [].
  // Rule `soft-margin-mean-of-empty-is-nan`: its mean is the positive quiet NaN
  // (0x7fc00000), shape []. Both confirmed against Paddle 3.3.1 (paddle.zeros([0])).
  // reduceLoss refuses the empty loss where an older release did (checkEmptyReduction).
  return reduceLoss(softMarginSteps(call).loss, call.reduction);
}

/**
 * The ValueError older releases raise when they reduce a zero-size loss.
 *
 * Rule `soft-margin-mean-of-empty-is-nan`: before Paddle 3.1.0 (2.6.2 and
 * 3.0.0) paddle.mean of a zero-size tensor raises ValueError (Tensor need be
 * reduced must not empty.). Rule `soft-margin-sum-of-empty-is-zero`: before
 * 3.0.0 (2.6.2) paddle.sum raises it too. 'none' returns the empty loss in
 * every release. Confirmed against Paddle 2.6.2, 3.0.0 and 3.1.0 with
 * paddle.zeros([0]).
 */
export function checkEmptyReduction(call: SoftMarginCall): void {
  checkReducible(call.input.size, call.reduction);
}

/** Resolves the positional and options-object forms of `reduction` and `name`. */
function softMarginArguments(reduction: unknown, name: string | undefined): { reduction: unknown; name: string | undefined } {
  if (typeof reduction === 'object' && reduction !== null && !Array.isArray(reduction)) {
    const o = reduction as SoftMarginLossOptions;
    return { reduction: 'reduction' in o ? o.reduction : 'mean', name: o.name };
  }
  return { reduction, name };
}

/**
 * Throws Paddle's ValueError unless `reduction` is 'sum', 'mean' or 'none'.
 *
 * Rule `soft-margin-reduction-checked-first`: the functional form checks the
 * reduction before it looks at input or label (list operands with a bad
 * reduction raise this error), with its own text naming soft_margin_loss;
 * the layer checks it in its constructor, naming SoftMarginLoss. Confirmed
 * against Paddle 3.3.1 with 'MEAN', None, ['mean'] and False.
 */
export function checkSoftMarginReduction(reduction: unknown, api = 'soft_margin_loss'): asserts reduction is Reduction {
  if (reduction === 'sum' || reduction === 'mean' || reduction === 'none') return;
  throw new PaddleValueError(
    `The value of 'reduction' in ${api} should be 'sum', 'mean' or 'none', but received ${pythonStr(reduction)}, which is not allowed.`,
  );
}

/** A call that passed every check: the operands, the reduction and the dtypes of the steps. */
export interface SoftMarginCall {
  readonly input: Tensor;
  readonly label: Tensor;
  readonly reduction: Reduction;
  /** The input's dtype: the label is cast to it, and neg and multiply run in it. */
  readonly dtype: DTypeName;
  /** The dtype exp returns, and that of the loss: float32 for integer inputs. */
  readonly lossDtype: 'float32' | 'float64';
}

/** The CPU kernels of Paddle 3.3.1 that can refuse a dtype here, with their registered dtypes in Paddle's message order. */
const KERNELS: Record<string, string> = {
  multiply: 'int64, float64, complex128, float32, complex64, int32, bfloat16, bool',
  exp: 'int32, int64, float64, complex128, float16, float32, complex64',
};

/**
 * Runs Paddle's checks in Paddle's order and returns what the computation needs.
 *
 * Rule `soft-margin-no-dtype-check`: eager Paddle checks no dtype itself
 * (the doc's dtypes are checked only in static mode); the kernels decide.
 * float16 passes cast and scale and fails in multiply; bfloat16 and bool fail
 * in exp; each raises RuntimeError (NotFound) listing the kernel's dtypes.
 * int32 and int64 inputs compute: the label is truncated to the integer
 * dtype, neg and multiply run in integers (int32 wraps), and exp returns
 * float32, so the loss is float32. Confirmed against Paddle 3.3.1: input
 * int32 [1, 2] with label float32 [0.7, -1.5] gives [log 2, log(1 + e^2)].
 */
export function checkSoftMarginCall(input: unknown, label: unknown, reduction: unknown, name: string | undefined): SoftMarginCall {
  const args = softMarginArguments(reduction, name);
  checkSoftMarginReduction(args.reduction);
  const inputTensor = shapeOf(input);
  const labelTensor = shapeOf(label);
  // Rule `soft-margin-shapes-must-equal`: `input.shape == label.shape` in
  // Python, so no broadcasting: [3] against [1], [1] against [] and [1, 2]
  // against [2] all raise this ValueError (confirmed against Paddle 3.3.1).
  if (!sameShape(inputTensor.shape, labelTensor.shape)) {
    throw new PaddleValueError("input's shape must equal to label's shape");
  }
  const dtype = inputTensor.dtype;
  checkKernel('multiply', dtype);
  checkKernel('exp', dtype);
  const lossDtype = dtype === 'float64' ? 'float64' : 'float32';
  return { input: inputTensor, label: labelTensor, reduction: args.reduction, dtype, lossDtype };
}

/**
 * `input.shape` as Python evaluates it, input first.
 *
 * Rule `soft-margin-non-tensor-attribute-error`: the shape comparison is the
 * first thing that touches the operands, so a non-tensor input or label
 * raises AttributeError naming its Python type ('list' object has no
 * attribute 'shape'; also NoneType, float, int, str), input before label.
 * Confirmed against Paddle 3.3.1. (Paddle accepts a numpy array as input,
 * which has a shape; this reference has no numpy arrays.)
 */
function shapeOf(value: unknown): Tensor {
  if (isTensor(value)) return value;
  throw new PaddleAttributeError(`'${pythonTypeName(value)}' object has no attribute 'shape'`);
}

/** Whether two shapes are equal as Python lists. */
function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Paddle's NotFound RuntimeError when a kernel has no CPU registration for the dtype.
 *
 * Rule `soft-margin-no-dtype-check`: in Paddle 3.1.0 alone, the `*` of
 * `-label * input` turns multiply's failure into Python's TypeError
 * (unsupported operand type(s) for *: 'Tensor' and 'Tensor'), so float16
 * raises TypeError there; 2.6.2, 3.0.0 and 3.1.1 onward raise the kernel's
 * RuntimeError. Confirmed against Paddle 3.1.0 and 3.2.2.
 */
function checkKernel(kernel: string, dtype: DTypeName): void {
  const supported = KERNELS[kernel]!;
  if (supported.split(', ').includes(dtype)) return;
  if (kernel === 'multiply' && paddleRelease() === '3.1.0') {
    throw new PaddleTypeError("unsupported operand type(s) for *: 'Tensor' and 'Tensor'");
  }
  throw kernelNotRegistered(kernel, dtype, supported);
}

/** The values of each step of the forward computation, kept for the gradient. */
export interface SoftMarginSteps {
  /** -label, in the input's dtype. */
  readonly neg: Tensor;
  /** exp(-label * input), in the loss dtype. */
  readonly exp: Tensor;
  /** 1 + exp(...), in the loss dtype. */
  readonly onePlus: Tensor;
  /** log(1 + exp(...)): the unreduced loss. */
  readonly loss: Tensor;
}

/** Computes the unreduced loss step by step, each step rounded to its dtype. */
export function softMarginSteps(call: SoftMarginCall): SoftMarginSteps {
  const { input, label, dtype, lossDtype } = call;
  const d = dtypeOf(dtype);
  const out = dtypeOf(lossDtype);
  const n = input.size;
  const neg = d.allocate(n);
  const exp = out.allocate(n);
  const onePlus = out.allocate(n);
  const loss = out.allocate(n);
  for (let k = 0; k < n; k++) {
    // Rule `soft-margin-label-cast-to-input-dtype`: paddle.cast(label,
    // input.dtype) first: a float64 label meets a float32 input as float32,
    // a bool label as 0 or 1, and a float label meets an integer input
    // truncated (0.7 -> 0, -1.5 -> -1). Any value scales: label 0 gives
    // log 2, label 2 with input 0.5 gives log(1 + e^-1). Confirmed against
    // Paddle 3.3.1.
    // The cast is Paddle's (reference/cast.ts): a float label that an integer
    // input cannot hold (NaN, ±inf, beyond the range) becomes the integer
    // minimum: int64 input 0 with label inf gives log 2, as -label × 0 is 0.
    const y = castValue(label.at(k), label.dtype, dtype);
    // Rule `soft-margin-neg-is-scale`: -label is scale(label, -1, bias 0),
    // -y + 0, so a zero label gives +0, never -0 (paddle: -T([0.0, -0.0])
    // gives [0x0, 0x0]); the sign shows in the gradient.
    // A NaN label passes through as it is (x86's mulss returns its NaN
    // operand: label 0x7fc00000 gives the loss 0x7fc00000 in Paddle 3.3.1),
    // where V8 may compute -1 * y as a sign flip. An integer label wraps:
    // -(-2^63) is -2^63 in int64, as -(-2^31) is -2^31 in int32 (Paddle 3.3.1:
    // int64 input [1, 2] with label inf gives the loss [0, log 2]).
    neg[k] = Number.isNaN(y) ? y : d.round(multiply(-1, y, dtype) + 0);
    const z = multiply(neg[k]!, d.round(input.at(k)), dtype);
    // Rule `soft-margin-exp-overflows-to-inf`: log(1 + exp(z)) is computed as
    // written, so where exp(z) overflows (z > 88.7228 in float32, z > 709.78 in
    // float64) the loss is inf and, in the gradient, NaN (0 × inf). Confirmed
    // against Paddle 3.3.1: input [100, -100, 0.5] with label [-1, 1, 1] gives
    // [inf, inf, 0.474077] and the gradient [NaN, NaN, -0.377541] (float64:
    // input [1000, -1000, 0.5]); input -88 with label 1 gives exactly 88.
    //
    // Rule `soft-margin-one-plus-exp-absorbs-small`: 1 + exp(z) rounds to 1
    // once exp(z) is at most half an ulp of 1 (z below about -16.6 in float32,
    // -36.7 in float64), so the loss is exactly 0 there, not exp(z); input 20
    // with label 1 gives 0 (Paddle 3.3.1).
    //
    // Rule `soft-margin-exp-packet-and-tail`: Paddle's CPU exp gives two results
    // for one value depending on its position in the tensor: Eigen's
    // polynomial (AVX, no FMA) on every whole packet of 8 float32 or 4 float64
    // elements, the C library's expf / exp on the last n mod 8 (n mod 4); log is
    // the C library's for every element (elementary.ts). The polynomial clamps
    // its argument: exp(-100) is 2.938e-39 (0x1ffeb0) in a packet and 3.78e-44
    // (0x1b) in the tail (paddle.exp of nine -100s), which the loss hides
    // (1 + e = 1) but the gradient shows; the two differ by an ulp elsewhere.
    // Rounding z to the loss dtype is exp's cast of an integer tensor to float32.
    // Both paths return a NaN argument as it is, sign and payload kept (paddle.exp
    // of eight 0xffc00000 gives 0xffc00000 in the packet and the tail), where the
    // packet function here returns the positive NaN: z = -(-inf) × 0 is x86's
    // negative default NaN, so input zeros [8] with label -inf give the loss
    // 0xffc00000 everywhere and its mean 0xffc00000 (Paddle 3.3.1, found by
    // fuzzing in --bitwise mode).
    const zr = out.round(z);
    exp[k] = Number.isNaN(zr) ? zr : paddleExp(zr, lossDtype, k, n);
    onePlus[k] = out.round(out.round(exp[k]! * 1) + 1);
    loss[k] = paddleLog(onePlus[k]!, lossDtype);
  }
  return {
    neg: new Tensor(dtype, input.shape, neg),
    exp: new Tensor(lossDtype, input.shape, exp),
    onePlus: new Tensor(lossDtype, input.shape, onePlus),
    loss: new Tensor(lossDtype, input.shape, loss),
  };
}

/** One multiply in the dtype: int32 and int64 wrap as in C++, the rest round. */
export function multiply(a: number, b: number, dtype: DTypeName): number {
  if (dtype === 'int32') return Math.imul(a, b);
  if (dtype === 'int64') return Number(BigInt.asIntN(64, BigInt(a) * BigInt(b)));
  return dtypeOf(dtype).round(a * b);
}



/** The arguments the layer's constructor accepts in its options-object form, with Paddle's removed ones. */
export interface SoftMarginLossLayerOptions extends SoftMarginLossOptions {
  /** Removed in Paddle; passing it raises the deprecation ValueError. */
  size_average?: unknown;
  /** Removed in Paddle; passing it raises the deprecation ValueError. */
  reduce?: unknown;
}

/**
 * Paddle's legacy_reduction_decorator on SoftMarginLoss.__init__.
 *
 * Rule `soft-margin-layer-legacy-arguments`: a bool in the first or second
 * position (PyTorch's size_average and reduce), or the keywords size_average
 * or reduce, raise ValueError suggesting a reduction; reduction=False as a
 * keyword gets the ordinary reduction error instead
 * (python/paddle/utils/decorator_utils.py; confirmed against Paddle 3.3.1:
 * SoftMarginLoss(True) suggests 'mean', reduce=False 'none').
 *
 * Before Paddle 3.3.0 (2.6.2 to 3.2.2) there is no decorator: the keywords
 * size_average and reduce are Python's TypeError (SoftMarginLoss.__init__()
 * got an unexpected keyword argument 'size_average'), a positional bool is
 * the reduction (True: the reduction ValueError) or the name (accepted).
 * Confirmed against Paddle 2.6.2, 3.0.0, 3.1.0, 3.2.2 and 3.3.0.
 */
function checkLegacyArguments(reduction: unknown, name: unknown): void {
  if (paddleReleaseBefore('3.3.0')) {
    checkUnexpectedKeywords(reduction);
    return;
  }
  let sizeAverage: unknown = '';
  let reduce: unknown = '';
  if (typeof reduction === 'object' && reduction !== null && !Array.isArray(reduction)) {
    const o = reduction as SoftMarginLossLayerOptions;
    if ('size_average' in o) sizeAverage = o.size_average;
    if ('reduce' in o) reduce = o.reduce;
  } else {
    if (typeof reduction === 'boolean') sizeAverage = reduction;
    if (typeof name === 'boolean') reduce = name;
  }
  if (sizeAverage === '' && reduce === '') return;
  const suggested = reduce === false ? 'none' : sizeAverage === false ? 'sum' : 'mean';
  const shown = (v: unknown): string => (v === '' ? 'None' : pythonStr(v));
  throw new PaddleValueError(
    `[Deprecated] 'SoftMarginLoss' no longer supports 'reduce' or 'size_average'.` +
      `\nDetected: reduce=${shown(reduce)}, size_average=${shown(sizeAverage)}` +
      `\nPlease use: reduction='${suggested}' instead.`,
  );
}

/** Python's TypeError for the first keyword that an __init__ without size_average and reduce does not take. */
function checkUnexpectedKeywords(options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return;
  const unexpected = Object.keys(options).find((k) => k === 'size_average' || k === 'reduce');
  if (unexpected !== undefined) {
    throw new PaddleTypeError(`SoftMarginLoss.__init__() got an unexpected keyword argument '${unexpected}'`);
  }
}

/**
 * paddle.nn.SoftMarginLoss: the layer form. It checks the legacy arguments
 * and the reduction in its constructor (rules
 * `soft-margin-layer-legacy-arguments` and `soft-margin-reduction-checked-first`),
 * then stores reduction and name.
 */
export class SoftMarginLoss {
  /** The reduction given at construction, already checked. */
  readonly reduction: Reduction;
  /** The output name. */
  readonly name: string | undefined;

  /** `new SoftMarginLoss(reduction = 'mean', name)` or `new SoftMarginLoss({ reduction, name })`. */
  constructor(reduction: Reduction | string | boolean | SoftMarginLossLayerOptions = 'mean', name?: string | boolean) {
    checkLegacyArguments(reduction, name);
    const args = softMarginArguments(reduction, typeof name === 'string' ? name : undefined);
    checkSoftMarginReduction(args.reduction, 'SoftMarginLoss');
    this.reduction = args.reduction;
    this.name = args.name;
  }

  /** Computes the loss of `input` against `label` with the stored reduction. */
  forward(input: Tensor, label: Tensor): Tensor {
    return softMarginLoss(input, label, this.reduction, this.name);
  }
}
