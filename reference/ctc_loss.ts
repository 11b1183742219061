/**
 * paddle.nn.functional.ctc_loss(log_probs, labels, input_lengths, label_lengths, blank=0, reduction='mean',
 * norm_by_times=False, zero_infinity=False) and paddle.nn.CTCLoss(blank=0, reduction='mean', zero_infinity=False),
 * whose forward takes norm_by_times (False through the suite's protocol, which gives the layer no forward keyword).
 *
 * The page: log_probs [T, N, C + 1] ("unscaled probability sequence"), labels [N, Lmax] int32, the lengths [N]
 * int64; 'mean' divides each loss by its label length, then averages. Paddle 3.3.1 computes (nn/functional/loss.py):
 *
 *     loss = _C_ops.warpctc(log_probs, labels, input_lengths, label_lengths, blank, norm_by_times)   # [N, 1]
 *     loss = paddle.squeeze(loss, [-1])
 *     if zero_infinity: loss = paddle.where(paddle.isinf(loss), paddle.zeros_like(loss), loss)
 *     assert reduction in ['mean', 'sum', 'none']
 *     'mean': paddle.mean(loss / label_lengths.astype(loss.dtype)); 'sum': paddle.sum(loss)
 *
 * As the page says, warp-ctc applies a softmax to log_probs itself (kernels/warpctc.ts): log-probabilities pass
 * through it unchanged in value only because a log-softmax is shift-invariant.
 * Rule `ctc-norm-by-times-scales-gradient`: norm_by_times leaves the loss alone and multiplies sequence b's
 * gradient by fround(1 / T_b) after the upstream gradient (warpctc_grad_kernel_impl.h), not divides by T_b.
 * Rule `ctc-zero-infinity-before-mean`: zero_infinity (Paddle ≥ 3.3.0; before, TypeError) zeroes only the kernel's
 * inf, which finite logits never give (rule ctc-probs-clipped-at-min-normal), before the division, so a label
 * length of 0 under 'mean' still gives inf.
 * Rule `ctc-argument-checks`: the order Paddle checks in: blank's and norm_by_times's types (TypeError; ValueError before 3.0.0), the
 * kernel's dtype (float32/float64, RuntimeError), an empty log_probs and blank outside [0, C) (ValueError), then
 * in the kernel input_lengths, label_lengths (int64) and labels (int32) read as those types (ValueError), labels
 * of rank 1 and a label length above labels.shape[1] (ValueError); a bad reduction is AssertionError after all.
 */
import { PaddleAssertionError, PaddleTypeError, PaddleValueError, kernelNotRegistered, pythonTypeName } from './errors.js';
import { cast } from './kernels/cast.js';
import { divideOperator } from './kernels/divide.js';
import { mean } from './kernels/mean.js';
import { squeeze } from './kernels/reshape.js';
import { sumAll } from './kernels/sum.js';
import { Tape, type Var } from './kernels/tape.js';
import { CTC_ALTERNATIVE, warpCtc } from './kernels/warpctc.js';
import { where } from './kernels/where.js';
import { paddleReleaseBefore } from './release.js';
import { full, Tensor } from './tensor.js';

/** ctc_loss's tensors, by Paddle's parameter names. */
export interface CtcLossTensors {
  log_probs: Tensor;
  labels: Tensor;
  input_lengths: Tensor;
  label_lengths: Tensor;
}

/** ctc_loss's keyword arguments; an absent one takes Paddle's default. */
export interface CtcLossOptions {
  blank?: unknown;
  reduction?: unknown;
  norm_by_times?: unknown;
  zero_infinity?: unknown;
}

/** The forward: the loss as Paddle returns it. */
export function ctcLoss(tensors: CtcLossTensors, options: CtcLossOptions = {}): Tensor {
  return onTape(new Tape(), tensors, options, false).loss.value;
}

/** log_probs' gradient for the upstream `gradOutput` (ones by default). */
export function ctcLossGrad(tensors: CtcLossTensors, options: CtcLossOptions = {}, gradOutput?: Tensor): { log_probs: Tensor } {
  const tape = new Tape();
  const { loss, x } = onTape(tape, tensors, options, true);
  return { log_probs: tape.backward(loss, gradOutput ?? full(loss.value.shape, 1, loss.value.dtype)).get(x.id)! };
}

/** paddle.nn.CTCLoss: the constructor's keywords, its forward with norm_by_times left False. */
export class CTCLoss {
  private readonly options: CtcLossOptions;

  constructor(options: CtcLossOptions & Record<string, unknown> = {}) {
    const known = paddleReleaseBefore('3.3.0') ? ['blank', 'reduction'] : ['blank', 'reduction', 'zero_infinity'];
    const unknown = Object.keys(options).find((k) => !known.includes(k));
    if (unknown !== undefined) throw new PaddleTypeError(`CTCLoss.__init__() got an unexpected keyword argument '${unknown}'`);
    this.options = options;
  }

  forward(tensors: CtcLossTensors): Tensor {
    return ctcLoss(tensors, { ...this.options, norm_by_times: false });
  }
}

/** The transcription of Paddle's source on a tape. */
function onTape(tape: Tape, tensors: CtcLossTensors, options: CtcLossOptions, needsGrad: boolean): { loss: Var; x: Var } {
  if ('zero_infinity' in options && paddleReleaseBefore('3.3.0')) throw new PaddleTypeError("ctc_loss() got an unexpected keyword argument 'zero_infinity'");
  const o = { blank: 0, reduction: 'mean', norm_by_times: false, zero_infinity: false, ...options };
  const x = tape.leaf(tensors.log_probs, needsGrad);
  const loss = squeeze(tape, warpctc(tape, x, tensors, o.blank, o.norm_by_times), -1);
  const alt = CTC_ALTERNATIVE.current;
  const zeroed = truthy(o.zero_infinity) && alt !== 'zero-after-mean' ? where(tape, tape.leaf(infMask(loss.value)), tape.leaf(full(loss.value.shape, 0, loss.value.dtype)), loss) : loss;
  if (!['mean', 'sum', 'none'].includes(o.reduction as string)) throw new PaddleAssertionError('');
  const divided = alt === 'mean-by-batch' ? zeroed : divideOperator(tape, zeroed, cast(tape, tape.leaf(tensors.label_lengths), zeroed.value.dtype));
  const reduced = o.reduction === 'mean' ? mean(tape, divided) : o.reduction === 'sum' ? sumAll(tape, zeroed) : zeroed;
  if (alt !== 'zero-after-mean' || !truthy(o.zero_infinity)) return { loss: reduced, x };
  return { loss: where(tape, tape.leaf(infMask(reduced.value)), tape.leaf(full(reduced.value.shape, 0, reduced.value.dtype)), reduced), x };
}

/** _C_ops.warpctc on the tape: the argument parser, the kernel's checks, the kernel and its backward. */
function warpctc(tape: Tape, x: Var, t: CtcLossTensors, blankArg: unknown, normArg: unknown): Var {
  // The argument parser's TypeError was ValueError before Paddle 3.0.0.
  const invalid = (m: string) => (paddleReleaseBefore('3.0.0') ? new PaddleValueError(`(InvalidArgument) ${m}`) : new PaddleTypeError(`(InvalidType) ${m}`));
  if (typeof blankArg !== 'number' || !Number.isInteger(blankArg)) throw invalid(`warpctc(): argument (position 5) must be int, but got ${pythonTypeName(blankArg)}`);
  if (normArg !== null && typeof normArg !== 'boolean') throw invalid(`warpctc(): argument (position 6) must be bool, but got ${pythonTypeName(normArg)}`);
  const logits = x.value;
  const alt = CTC_ALTERNATIVE.current;
  if (logits.dtype !== 'float32' && logits.dtype !== 'float64') throw kernelNotRegistered('warpctc', logits.dtype, 'float64, float32');
  if (logits.size === 0) throw new PaddleValueError('(InvalidArgument) The input size can not be zero.');
  const classes = logits.shape[2] ?? 0;
  if (logits.shape.length !== 3 || blankArg < 0 || blankArg >= classes) throw new PaddleValueError(`(InvalidArgument) The value of Attr(blank) should be in interval [0, ${classes}), but received ${blankArg}`);
  const n = logits.shape[1]!;
  for (const [name, v] of [['input_lengths', t.input_lengths], ['label_lengths', t.label_lengths]] as const) {
    if (v.dtype !== 'int64' && alt !== 'lengths-any-int') throw new PaddleValueError(`(InvalidArgument) The type of data we are trying to retrieve (int64) does not match the type of data (${v.dtype}) currently contained in the container. (${name})`);
  }
  if (t.labels.dtype !== 'int32' && alt !== 'lengths-any-int') throw new PaddleValueError(`(InvalidArgument) The type of data we are trying to retrieve (int32) does not match the type of data (${t.labels.dtype}) currently contained in the container.`);
  if (t.labels.shape.length < 2) throw new PaddleValueError("(InvalidArgument) pad_tensor's rank should be 1 greater than seq_tensor's rank, or be equal with it.");
  const width = t.labels.shape[1]!;
  const lengths = Array.from({ length: n }, (_, b) => [t.input_lengths.at(b), t.label_lengths.at(b)] as const);
  const longest = Math.max(...lengths.map(([, l]) => l));
  if (longest > width) throw new PaddleValueError(`(InvalidArgument) The padded sequence length can not be less than its original length. Expected ${width} >= ${longest}, but got ${width} < ${longest}.`);
  const rowStride = t.labels.size / t.labels.shape[0]!;
  const labels = lengths.map(([, l], b) => Array.from({ length: l }, (_, i) => t.labels.at(b * rowStride + i)));
  const { loss, grad } = warpCtc(logits, labels, lengths.map(([T]) => T), blankArg);
  const norm = normArg === true;
  return tape.record(loss, [x], (dout) => [scaledGradient(grad, dout, norm ? lengths.map(([T]) => T) : null)]);
}

/** WarpctcGradKernel: warpctcgrad · dout[b], then · fround(1 / T_b) under norm_by_times. */
function scaledGradient(grad: Tensor, dout: Tensor, frames: readonly number[] | null): Tensor {
  const [maxT, n, c] = grad.shape as [number, number, number];
  const r = grad.dtype === 'float32' ? Math.fround : (v: number) => v;
  const out = grad.dtype === 'float32' ? new Float32Array(grad.size) : new Float64Array(grad.size);
  for (let k = 0; k < maxT * n * c; k++) {
    const b = Math.floor(k / c) % n;
    const g = r(grad.at(k) * dout.at(b));
    out[k] = frames === null ? g : CTC_ALTERNATIVE.current === 'norm-divides' ? r(g / frames[b]!) : r(g * r(1 / frames[b]!));
  }
  return new Tensor(grad.dtype, grad.shape, out);
}

/** paddle.isinf(loss) as a bool tensor. */
function infMask(loss: Tensor): Tensor {
  return new Tensor('bool', loss.shape, Uint8Array.from({ length: loss.size }, (_, k) => (Math.abs(loss.at(k)) === Infinity ? 1 : 0)));
}

function truthy(v: unknown): boolean {
  return !(v === null || v === undefined || v === false || v === 0 || v === '');
}
