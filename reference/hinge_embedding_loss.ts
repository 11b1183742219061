/**
 * paddle.nn.functional.hinge_embedding_loss, read literally from its
 * documentation page:
 *
 *     l_n = x_n                      if y_n = 1
 *     l_n = max(0, margin - x_n)     if y_n = -1
 *     loss = mean(L) | sum(L) | L    for reduction 'mean' | 'sum' | 'none'
 *
 * computed the way Paddle computes it,
 * `where(label == 1, input, 0) + where(label == -1, relu(margin - input), 0)`,
 * with every step rounded to the input's dtype.
 */
import { broadcastIndex } from './broadcast.js';
import { dtypeOf } from './dtype.js';
import { labelIs } from './label.js';
import { checkOperands, type Operands } from './hinge_embedding_loss_operands.js';
import { checkReduction, reduceLoss, type Reduction } from './reduction.js';
import { Tensor } from './tensor.js';

/**
 * A margin as Paddle takes one: a Python float (a number), a Python int (a
 * bigint, `2n`), a bool (True is 1), or a str, which Paddle reads its own way
 * (rule `string-margin-read-by-cpp-stream`). Float input treats an int like
 * the float of the same value; integer and bool input tell the two apart
 * (rule `no-eager-dtype-check`).
 */
export type Margin = number | bigint | boolean | string;

/** Keyword arguments of the loss, for the options-object form of the call. */
export interface HingeEmbeddingLossOptions {
  /** For label -1, only inputs below the margin contribute. Default 1.0. */
  margin?: Margin;
  /** 'none' | 'mean' | 'sum'. Default 'mean'. */
  reduction?: Reduction | string;
  /** Output name; accepted and ignored, as in eager Paddle. */
  name?: string;
}

/** Margin, reduction and name after defaults have been applied. */
export interface LossArguments {
  /** The margin as given (rounded later, to the input's dtype). */
  margin: unknown;
  /** The reduction as given (validated at the call). */
  reduction: unknown;
  /** The output name. */
  name: string | undefined;
}

/**
 * Computes the hinge embedding loss: Paddle's parameters, order and defaults,
 * `hingeEmbeddingLoss(input, label, margin = 1.0, reduction = 'mean', name)`,
 * or `hingeEmbeddingLoss(input, label, { margin, reduction, name })`.
 */
export function hingeEmbeddingLoss(
  input: Tensor,
  label: Tensor,
  margin: Margin | HingeEmbeddingLossOptions = 1.0,
  reduction: Reduction | string = 'mean',
  name?: string,
): Tensor {
  const call = checkCall(input, label, margin, reduction, name);
  return reduceLoss(elementwiseLoss(call.op), call.reduction);
}

/** A call whose arguments passed Paddle's checks: the reduction and the operands. */
export interface CheckedCall {
  /** The validated reduction. */
  reduction: Reduction;
  /** The validated operands. */
  op: Operands;
}

/**
 * The checks every entry point (forward, gradient, fast path) runs first, in
 * Paddle's order: the reduction before anything else, then the operands.
 */
export function checkCall(input: unknown, label: unknown, margin: unknown, reduction: unknown, name: string | undefined): CheckedCall {
  const args = lossArguments(margin, reduction, name);
  checkReduction(args.reduction);
  return { reduction: args.reduction, op: checkOperands(input, label, args.margin) };
}

/** Resolves the positional and options-object forms of the call into one set of arguments. */
export function lossArguments(margin: unknown, reduction: unknown, name: string | undefined): LossArguments {
  if (typeof margin === 'object' && margin !== null && !Array.isArray(margin)) {
    const o = margin as HingeEmbeddingLossOptions;
    return { margin: 'margin' in o ? o.margin : 1.0, reduction: 'reduction' in o ? o.reduction : 'mean', name: o.name };
  }
  return { margin, reduction, name };
}

/**
 * The unreduced loss L, one element per broadcast position.
 *
 * Rule `other-labels-contribute-zero`: a label that is neither 1 nor -1, as
 * Paddle's `equal` decides (see label.ts), such as 0, 2, 0.5, -0.0, NaN or
 * ±inf, selects `zero_` in both `where`s, so it adds 0
 * (python/paddle/nn/functional/loss.py; confirmed against Paddle 3.3.1).
 * PyTorch instead adds both terms. The label is compared as a number in any
 * dtype, so a bool label True counts as 1 (confirmed).
 *
 * Rule `negative-zero-is-added-to-zero`: the two `where` results are added,
 * so label 1 with input -0.0 gives -0 + 0 = +0, not -0 (confirmed against
 * Paddle 3.3.1, float32 and float64).
 */
export function elementwiseLoss(op: Operands): Tensor {
  const { input, label, dtype, margin, shape } = op;
  const labelDtype = dtypeOf(label.dtype);
  const xAt = broadcastIndex(input.shape, shape);
  const yAt = broadcastIndex(label.shape, shape);
  const out = dtype.allocate(xAt.length);
  for (let k = 0; k < out.length; k++) {
    const x = input.at(xAt[k]!);
    const y = label.at(yAt[k]!);
    const positive = labelIs(y, 1, labelDtype) ? x : 0;
    const negative = labelIs(y, -1, labelDtype) ? relu(dtype.round(margin - x)) : 0;
    dtype.set(out, k, dtype.round(positive + negative));
  }
  return new Tensor(input.dtype, shape, out);
}

/**
 * max(0, v) as Paddle's CPU relu kernel computes it, `v > 0 ? v : 0`.
 *
 * Rule `relu-nan-is-zero`: NaN > 0 is false, so relu(NaN) = 0 and a NaN input
 * with label -1 contributes 0 (phi CPU relu functor; confirmed against
 * Paddle 3.3.1). PyTorch's relu propagates NaN instead.
 */
export function relu(v: number): number {
  return v > 0 ? v : 0;
}

