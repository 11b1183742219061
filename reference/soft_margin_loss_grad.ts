/**
 * The gradient of the soft margin loss with respect to `input`, following
 * the backward pass of Paddle's graph
 * `log(scale(exp(multiply(scale(label, -1), input)), 1, bias 1))` op by op,
 * on CPU, with every step rounded to its dtype:
 *
 *     d loss / d input = ((g · (1 / (1 + e))) · e) · (-label),   e = exp(-label · input)
 *
 * where g is the upstream gradient: log's backward is `dout * (1 / x)`,
 * scale's `scale(dout, 1, bias 0)`, exp's `dout * out` and multiply's
 * `dout * y` (phi/kernels/funcs/activation_functor.h, LogGradFunctor and
 * ExpGradFunctor). Paddle also gives the label a gradient when it requires
 * one; this reference returns the input's.
 */
import { dtypeOf, type DType, type Storage } from './dtype.js';
import { PaddleValueError } from './errors.js';
import type { Reduction } from './reduction.js';
import { castValue } from './cast.js';
import { paddleReleaseBefore } from './release.js';
import {
  checkEmptyReduction,
  checkSoftMarginCall,
  multiply,
  softMarginSteps,
  type SoftMarginCall,
  type SoftMarginLossOptions,
} from './soft_margin_loss.js';
import { numel, Tensor } from './tensor.js';

/** The gradient of the loss with respect to its scored operand. */
export interface SoftMarginGradients {
  /** d loss / d input, with the input's shape and dtype. */
  readonly input: Tensor;
}

/**
 * d loss / d input for `softMarginLoss(input, label, reduction)`, given the
 * upstream gradient (ones of the loss's shape by default), with Paddle's
 * parameter order: `softMarginLossGrad(input, label, reduction = 'mean', gradOutput)`.
 *
 * Rule `soft-margin-grad-chain-rounded`: the gradient is the chain of the
 * four backward ops, each rounded: 1 / (1 + e), times g, times e, times
 * -label; not -label · sigmoid(z) in one expression. Where exp(z) overflows
 * the gradient is NaN (0 × inf, rule `soft-margin-exp-overflows-to-inf`);
 * where 1 + e rounds to 1 it is g · e · (-label), not 0; a label of 0 gives
 * +0 (rule `soft-margin-neg-is-scale`); scale's backward adds +0, so a -0
 * upstream comes out as +0 · e · (-label). Confirmed against Paddle 3.3.1:
 * input [-88, -16] with label 1 gives [0xbf7fffff, 0xbf7ffffe]; upstream
 * [-0, -0] at input [0.5, -0.5], label 1 gives [-0, -0].
 */
export function softMarginLossGrad(
  input: Tensor,
  label: Tensor,
  reduction: Reduction | string | SoftMarginLossOptions = 'mean',
  gradOutput?: Tensor,
): SoftMarginGradients {
  const call = checkSoftMarginCall(input, label, reduction, undefined);
  const steps = softMarginSteps(call);
  checkEmptyReduction(call);
  checkIntegerBackward(call);
  const d = dtypeOf(call.lossDtype);
  const up = upstream(call, d, gradOutput);
  const out = dtypeOf(call.dtype).allocate(input.size);
  for (let k = 0; k < input.size; k++) {
    const atLog = d.round(up[k]! * d.round(1 / steps.onePlus.at(k)));
    const atScale = d.round(d.round(atLog * 1) + 0);
    const atExp = d.round(atScale * steps.exp.at(k));
    // Rule `soft-margin-no-dtype-check`: for an integer input, exp's implicit
    // cast of z to float32 has a backward too: the float32 gradient is cast
    // back to the input's dtype (truncated toward zero; NaN, ±inf and values
    // out of range give the integer minimum, reference/cast.ts), and
    // multiply's backward then runs in integers (int32 and int64 wrap).
    // Confirmed against Paddle 3.3.1: int32 input [-1, 0] with label [3, 2]
    // and upstream 5 gives [-12, -4] (5·0.9526 → 4, × -3; 5·0.5 → 2, × -2),
    // not the float chain truncated once (-14, -5); input 709 with label -1
    // gives -2147483648 (exp overflows, the gradient is NaN); int64 gives
    // -9223372036854775808 there; label -2 gives 0 (-2^31 × 2 wraps). A
    // float gradient below 1 in magnitude truncates to 0.
    out[k] = call.dtype === call.lossDtype ? d.round(atExp * steps.neg.at(k)) : multiply(castValue(atExp, call.lossDtype, call.dtype), steps.neg.at(k), call.dtype);
  }
  return { input: new Tensor(call.dtype, input.shape, out) };
}

/**
 * The ValueError older releases raise in the backward of an integer input.
 *
 * Rule `soft-margin-no-dtype-check`: before Paddle 3.3.0 (2.6.2 to 3.2.2) an
 * int32 or int64 input computes its loss but not its gradient: multiply's
 * backward reads exp's float32 gradient as the input's integer dtype and
 * raises ValueError (The type of data we are trying to retrieve (float32)
 * does not match the type of data (int32) currently contained in the
 * container.). Confirmed against Paddle 2.6.2, 3.0.0, 3.1.0, 3.2.2 (int32
 * [1, 2] with label [1., -1.]: loss 1.2200949, backward raises) and 3.3.0
 * (the gradient [0, 0]).
 */
function checkIntegerBackward(call: SoftMarginCall): void {
  if (call.dtype === call.lossDtype || !paddleReleaseBefore('3.3.0')) return;
  const codes: Record<string, number> = { int32: 7, int64: 9 };
  throw new PaddleValueError(
    `(InvalidArgument) The type of data we are trying to retrieve (float32) does not match the type of data (${call.dtype}) currently contained in the container.` +
      `\n  [Hint: Expected dtype() == phi::CppTypeToDataType<T>::Type(), but received dtype():${codes[call.dtype]} != phi::CppTypeToDataType<T>::Type():10.]`,
  );
}

/**
 * The gradient arriving at each element of the unreduced loss.
 *
 * Rule `soft-margin-mean-grad-divides-by-count`: paddle.mean's backward gives
 * every element g / N, one division rounded in the dtype; sum's gives g.
 * Confirmed against Paddle 3.3.1: input [0.5, -0.5], label [1, -1], 'mean',
 * upstream 3 gives [-0.566311, 0.566311]. A grad_output of the wrong shape
 * gets this reference's own ValueError.
 */
function upstream(call: SoftMarginCall, dtype: DType, gradOutput: Tensor | undefined): Storage {
  const shape = call.reduction === 'none' ? call.input.shape : [];
  const n = call.input.size;
  const g = gradOutput ?? new Tensor(call.lossDtype, shape, fill(dtype, numel(shape), 1));
  if (g.shape.length !== shape.length || g.shape.some((v, i) => v !== shape[i])) {
    throw new PaddleValueError(`grad_output has shape [${g.shape.join(', ')}] but the loss has shape [${shape.join(', ')}].`);
  }
  if (call.reduction === 'none') {
    const out = dtype.allocate(n);
    for (let k = 0; k < n; k++) out[k] = dtype.round(g.at(k));
    return out;
  }
  const g0 = dtype.round(g.at(0));
  return fill(dtype, n, call.reduction === 'sum' ? g0 : dtype.round(g0 / dtype.round(n)));
}

/** Storage of n copies of a value. */
function fill(dtype: DType, n: number, v: number): Storage {
  const out = dtype.allocate(n);
  for (let k = 0; k < n; k++) out[k] = v;
  return out;
}
