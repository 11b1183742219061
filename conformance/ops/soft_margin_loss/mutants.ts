/**
 * soft_margin_loss's mutants: realistic broken ports, each the reference with
 * one deliberate fault, and each rule's alternative (what a reasonable port
 * does where the documentation page is silent). Values a mutant needs come
 * from the reference: its answer to a changed request, or the intermediate
 * steps it computed (softMarginSteps). Only where the fault is another
 * formula (log1p, softplus's stable form, the sigmoid-form gradient) does a
 * mutant compute, and then that other formula. Every mutant answers every
 * request; where its fault does not apply it gives the reference's answer.
 *
 *     loss = log(1 + exp(z)),  z = -label * input         (as Paddle computes it)
 *     d loss / d input = ((g · (1 / (1 + e))) · e) · (-label),  e = exp(z)
 */
import { broadcastIndex, broadcastShapes } from '../../../reference/broadcast.js';
import { softMarginSteps, type SoftMarginSteps } from '../../../reference/soft_margin_loss.js';
import type { ErrorJson, ResponseJson } from '../../case.js';
import { meanGradNotDivided, meanGradTimesReciprocal, meanOfEmptyIsZero, reductionCheckedLast, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import {
  castRoundsToNearest,
  computesIn,
  expLibmEverywhere,
  gradSkipsZeroUpstream,
  integerGradKeptFloat,
  negationKeepsZeroSign,
  scaleGradKeepsNegativeZero,
} from '../../mutants/kernel_alternatives.js';
import type { Variant } from '../../mutants/variant.js';
import {
  bindOp,
  castTo,
  isValidReduction,
  mapValues,
  rounderOf,
  tensorOf,
  isCatalogFloat,
} from '../../mutants/transform.js';
import type { PortRequest } from '../../port.js';
import { toReference } from '../../reference_bridge.js';
import { decodeTensor, encodeTensor, fromValues, shapeSize, valuesOf, type TensorJson, type WireTensor } from '../../wire.js';
import type { OpDescriptor } from '../../op.js';

// ---------------------------------------------------------------- tools

type Op = Omit<OpDescriptor, 'mutants'>;

/** A float dtype the catalog rounds in. */
type CatalogFloat = 'float32' | 'float64';


/** The reference's intermediate values for a request, with its dtype; undefined when it raises or the input is not float32/float64. */
interface Computed {
  readonly dtype: CatalogFloat;
  readonly round: (x: number) => number;
  readonly steps: SoftMarginSteps;
  /** The input, in its dtype. */
  readonly input: number[];
}

/** The reference's steps for a request (neg = -label, exp, 1 + exp, loss), never recomputed here. */
function computed(op: Op, r: PortRequest): Computed | undefined {
  const { reductionOf } = bindOp(op);
  if (!isValidReduction(reductionOf(r))) return undefined;
  const input = decodeTensor(tensorOf(r, 'input'));
  if (!isCatalogFloat(input.dtype)) return undefined;
  try {
    const steps = softMarginSteps(toReference(input), toReference(decodeTensor(tensorOf(r, 'label'))));
    return { dtype: input.dtype, round: rounderOf(input.dtype)!, steps, input: valuesOf(input) };
  } catch {
    return undefined;
  }
}

/** z = -label * input for element k, rounded as Paddle's multiply rounds it. */
function zAt(c: Computed, k: number): number {
  return c.steps.z.at(k);
}

/** Whether two numbers are the same value (NaN equal to NaN, -0 apart from +0). */
function same(a: number, b: number): boolean {
  return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * The response with the unreduced loss edited element by element and then
 * reduced again; the reference's own answer, reduction and all, when no
 * element changes (a re-summation would otherwise change its order).
 */
function editLoss(op: Op, r: PortRequest, f: (loss: number, k: number, c: Computed) => number): ResponseJson {
  const { reference, viaUnreduced } = bindOp(op);
  const c = computed(op, r);
  if (!c) return reference(r);
  let changed = false;
  const res = viaUnreduced(r, (values) =>
    values.map((v, k) => {
      const w = c.round(f(v, k, c));
      if (!same(v, w)) changed = true;
      return w;
    }),
  );
  return changed ? res : reference(r);
}

/** The upstream gradient reaching each element of the unreduced loss: the grad_output, or g / N rounded once for mean. */
function upstreamOf(op: Op, r: PortRequest, c: Computed): number[] {
  const { reductionOf } = bindOp(op);
  const n = c.input.length;
  const given = r.grad_output ? valuesOf(decodeTensor(r.grad_output)).map(c.round) : undefined;
  if (reductionOf(r) === 'none') return given ?? new Array<number>(n).fill(1);
  const g = given?.[0] ?? 1;
  return new Array<number>(n).fill(reductionOf(r) === 'sum' ? g : c.round(g / n));
}

/**
 * A response with input's gradient replaced element by element; elements `f`
 * leaves alone keep their bits (a NaN's payload included).
 */
function editGrad(res: ResponseJson, f: (g: number, k: number) => number): ResponseJson {
  const json = res.grad?.input;
  if (!json || !isCatalogFloat(json.dtype)) return res;
  const t = decodeTensor(json);
  const bytes = t.bytes.slice();
  const view = new DataView(bytes.buffer);
  valuesOf(t).forEach((g, k) => {
    const v = f(g, k);
    if (same(v, g)) return;
    if (t.dtype === 'float32') view.setFloat32(k * 4, v, true);
    else view.setFloat64(k * 8, v, true);
  });
  return { ...res, grad: { ...res.grad, input: encodeTensor({ ...t, bytes }) } };
}

/** input's gradient in the sigmoid form, -label · sigmoid(z) · g, each step rounded in the dtype: sigmoid(z) = 1 / (1 + exp(-z)). */
function sigmoidGrad(c: Computed, k: number, g: number): number {
  const s = c.round(1 / c.round(1 + c.round(Math.exp(-zAt(c, k)))));
  return c.round(c.round(g * s) * c.steps.neg.at(k));
}

/** The error of a request, with the request's id. */
function raise(r: PortRequest, error: ErrorJson): ResponseJson {
  return { id: r.id, error };
}

/** Whether an error is the shape check's ValueError (the reference's text, asked with matching shapes). */
function isShapeError(error: ErrorJson | undefined): boolean {
  return error?.type === 'ValueError' && error.message === "input's shape must equal to label's shape";
}

/** A tensor JSON of `shape` holding one repeated value, in the dtype of `like`. */
function filledLike(like: TensorJson, shape: number[], value: number): TensorJson {
  return encodeTensor(fromValues(decodeTensor(like).dtype, shape, new Array<number>(shapeSize(shape)).fill(value)));
}

/** A tensor broadcast to a larger shape, values copied. */
function expand(t: WireTensor, shape: number[]): TensorJson {
  const values = valuesOf(t);
  return encodeTensor(fromValues(t.dtype, shape, Array.from(broadcastIndex(t.shape, shape), (i) => values[i]!)));
}

// ---------------------------------------------------------------- plain bugs

/** log1p(exp(z)) for log(1 + exp(z)): where 1 + exp(z) rounds to 1, log1p gives exp(z), not 0. */
function log1pForLogOnePlus(op: Op): Variant {
  return {
    id: 'soft-margin-log1p',
    expect: 'killed',
    description: 'computes log1p(exp(z)) instead of log(1 + exp(z)): exp(z) where Paddle gives 0 (z below -16.6 float32), and 1-ulp differences elsewhere',
    handle: (r) => editLoss(op, r, (_, k, c) => Math.log1p(c.steps.exp.at(k))),
  };
}

/** softplus's stable form, max(z, 0) + log1p(exp(-|z|)), with its gradient -label · sigmoid(z) · g. */
function softplusStable(op: Op): Variant {
  return {
    id: 'soft-margin-softplus-stable',
    expect: 'killed',
    description: 'computes max(z, 0) + log1p(exp(-|z|)) and -label·sigmoid(z)·g: finite where Paddle overflows to inf (and NaN), nonzero where Paddle absorbs',
    handle: (r) => {
      const c = computed(op, r);
      const res = editLoss(op, r, (_, k, cc) => {
        const z = zAt(cc, k);
        return cc.round(Math.max(z, 0) + cc.round(Math.log1p(cc.round(Math.exp(-Math.abs(z))))));
      });
      if (!c || !res.grad) return res;
      const g = upstreamOf(op, r, c);
      return editGrad(res, (_, k) => sigmoidGrad(c, k, g[k]!));
    },
  };
}

/** exp(label * input): the minus sign before label dropped. */
function labelSignFlipped(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'soft-margin-label-sign-flipped',
    expect: 'killed',
    description: 'computes log(1 + exp(label * input)), dropping the minus sign before label',
    handle: (r) => {
      const label = tensorOf(r, 'label');
      return label.dtype === 'bool' ? reference(r) : reference({ ...r, inputs: { ...r.inputs, label: mapValues(label, (y) => -y) } });
    },
  };
}

/** The gradient without log's backward: g · e · (-label), as if d log(1 + e) were de. */
function gradWithoutReciprocal(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'soft-margin-grad-without-reciprocal',
    expect: 'killed',
    description: 'drops the chain through 1 / (1 + e) in backward: g · e · (-label)',
    handle: (r) => {
      const res = reference(r);
      const c = res.grad && computed(op, r);
      if (!c) return res;
      const g = upstreamOf(op, r, c);
      return editGrad(res, (_, k) => c.round(c.round(g[k]! * c.steps.exp.at(k)) * c.steps.neg.at(k)));
    },
  };
}

// ---------------------------------------------------------------- rule alternatives
// What a reasonable port does where the documentation page is silent and
// Paddle has a named rule. Each must pass every spec case and fail a paddle
// case citing its rule.

/**
 * Validates the operands (their kernels' dtypes) before comparing shapes, as
 * a port that converts or type-checks its arguments first does: a float16
 * input of the wrong shape raises the kernel's RuntimeError where Paddle's
 * first touch of the operands, `input.shape == label.shape`, raises the
 * shape ValueError.
 */
function operandsBeforeShapes(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'soft-margin-operands-checked-before-shapes',
    expect: 'killed',
    rule: 'soft-margin-non-tensor-attribute-error',
    description: "checks the operands' dtypes before comparing shapes, so a float16 input of the wrong shape raises RuntimeError instead of the shape ValueError",
    handle: (r) => {
      const res = reference(r);
      if (!isShapeError(res.error)) return res;
      const input = tensorOf(r, 'input');
      const matched = reference({ ...r, inputs: { input, label: filledLike(tensorOf(r, 'label'), input.shape, 1) }, grad: undefined, grad_output: undefined });
      return matched.error && !isShapeError(matched.error) ? raise(r, matched.error) : res;
    },
  };
}

/** Broadcasts input and label against each other, as most element-wise ops do, instead of requiring equal shapes. */
function labelBroadcast(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'soft-margin-operands-broadcast',
    expect: 'killed',
    rule: 'soft-margin-shapes-must-equal',
    description: "broadcasts input and label against each other (Paddle raises ValueError unless their shapes are equal)",
    handle: (r) => {
      const res = reference(r);
      if (!isShapeError(res.error)) return res;
      const input = decodeTensor(tensorOf(r, 'input'));
      const label = decodeTensor(tensorOf(r, 'label'));
      let shape: number[];
      try {
        shape = broadcastShapes(input.shape, label.shape);
      } catch {
        return res;
      }
      const expanded = reference({ ...r, inputs: { input: expand(input, shape), label: expand(label, shape) } });
      const grad = expanded.grad?.input;
      if (!grad || shapeSize(shape) === shapeSize(input.shape)) return grad ? { ...expanded, grad: { input: encodeTensor({ ...decodeTensor(grad), shape: input.shape }) } } : expanded;
      const round = rounderOf(input.dtype)!;
      const sums = new Array<number>(shapeSize(input.shape)).fill(0);
      const at = broadcastIndex(input.shape, shape);
      valuesOf(decodeTensor(grad)).forEach((g, k) => (sums[at[k]!] = round(sums[at[k]!]! + g)));
      return { ...expanded, grad: { input: encodeTensor(fromValues(input.dtype, input.shape, sums)) } };
    },
  };
}

/** A float64 label against a float32 input: everything computed in float64 (PyTorch-style promotion), then rounded back to float32. */
function labelKeptInItsDtype(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'soft-margin-label-not-cast',
    expect: 'killed',
    rule: 'soft-margin-label-cast-to-input-dtype',
    description: 'computes a float32 input against a float64 label in float64 and rounds the results to float32 (Paddle casts the label to float32 first)',
    handle: (r) => {
      const input = tensorOf(r, 'input');
      if (input.dtype !== 'float32' || tensorOf(r, 'label').dtype !== 'float64') return reference(r);
      const wide = reference({
        ...r,
        inputs: { ...r.inputs, input: castTo(input, 'float64') },
        ...(r.grad_output && { grad_output: castTo(r.grad_output, 'float64') }),
      });
      const back = (t: TensorJson): TensorJson => castTo(t, 'float32');
      return {
        ...wide,
        ...(wide.output && { output: back(wide.output) }),
        ...(wide.grad && { grad: Object.fromEntries(Object.entries(wide.grad).map(([n, t]) => [n, back(t)])) }),
      };
    },
  };
}

/** The page's dtypes enforced: input float32/float64, label int32/int64/float32/float64, else TypeError. */
function ownDtypeCheck(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'soft-margin-own-dtype-check',
    expect: 'killed',
    description: "raises its own TypeError for an input that is not float32/float64 or a label that is not int32/int64/float32/float64, after the reduction and shape checks (Paddle leaves dtypes to its kernels)",
    handle: (r) => {
      const res = reference(r);
      if (res.error?.type === 'ValueError') return res;
      const input = tensorOf(r, 'input').dtype;
      const label = tensorOf(r, 'label').dtype;
      if (!isCatalogFloat(input)) return raise(r, { type: 'TypeError', message: `input must be float32 or float64, but received ${input}` });
      if (!['int32', 'int64', 'float32', 'float64'].includes(label)) return raise(r, { type: 'TypeError', message: `label must be int32, int64, float32 or float64, but received ${label}` });
      return res;
    },
  };
}

/** softplus's stable form only where exp(z) overflows: the loss is z and the gradient -label · g, not inf and NaN. */
function overflowHandled(op: Op): Variant {
  return {
    id: 'soft-margin-overflow-stable',
    expect: 'killed',
    rule: 'soft-margin-exp-overflows-to-inf',
    description: 'where exp(z) overflows, gives z + log1p(exp(-z)) = z and the gradient -label·g, as the stable softplus does (Paddle: inf, and NaN)',
    handle: (r) => {
      const c = computed(op, r);
      const overflows = (k: number): boolean => c !== undefined && c.steps.exp.at(k) === Infinity;
      const res = editLoss(op, r, (l, k, cc) => (overflows(k) ? zAt(cc, k) + Math.log1p(Math.exp(-zAt(cc, k))) : l));
      if (!c || !res.grad) return res;
      const g = upstreamOf(op, r, c);
      return editGrad(res, (v, k) => (overflows(k) ? c.round(g[k]! * c.steps.neg.at(k)) : v));
    },
  };
}

/** log1p only where 1 + exp(z) rounds to 1: the loss is exp(z), not 0. */
function smallNotAbsorbed(op: Op): Variant {
  return {
    id: 'soft-margin-small-loss-kept',
    expect: 'killed',
    rule: 'soft-margin-one-plus-exp-absorbs-small',
    description: 'where 1 + exp(z) rounds to 1, gives log1p(exp(z)) ≈ exp(z) instead of 0',
    handle: (r) => editLoss(op, r, (l, k, c) => (c.steps.onePlus.at(k) === 1 && c.steps.exp.at(k) > 0 ? Math.log1p(c.steps.exp.at(k)) : l)),
  };
}

/** The gradient as -label · sigmoid(z) · g, the closed form of the derivative, instead of Paddle's chain of four rounded ops. */
function gradSigmoidForm(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'soft-margin-grad-sigmoid-form',
    expect: 'killed',
    rule: 'soft-margin-grad-chain-rounded',
    description: "computes the gradient as -label·sigmoid(z)·g with sigmoid(z) = 1/(1 + exp(-z)): 0 where exp(-z) overflows (Paddle: -label·g·e, e.g. -3.8e-44), finite where exp(z) does (Paddle NaN)",
    handle: (r) => {
      const res = reference(r);
      const c = res.grad && computed(op, r);
      if (!c) return res;
      const g = upstreamOf(op, r, c);
      return editGrad(res, (_, k) => sigmoidGrad(c, k, g[k]!));
    },
  };
}




/** The layer without Paddle's legacy-argument decorator: size_average, reduce and a bool name are dropped and the call computes. */
function legacyArgumentsIgnored(op: Op): Variant {
  const { reference, argsOf, withArgs } = bindOp(op);
  return {
    id: 'soft-margin-legacy-arguments-ignored',
    expect: 'killed',
    rule: 'soft-margin-layer-legacy-arguments',
    description: "SoftMarginLoss drops size_average=, reduce= and a bool name and computes with its reduction (Paddle raises the [Deprecated] ValueError for the first two)",
    handle: (r) => {
      if (r.api !== op.layer) return reference(r);
      const args = argsOf(r);
      const legacy = 'size_average' in args || 'reduce' in args || typeof args.name === 'boolean';
      return legacy ? reference(withArgs(r, { size_average: undefined, reduce: undefined, name: undefined })) : reference(r);
    },
  };
}

/** The mutants of soft_margin_loss. */
export function softMarginMutants(OP: Op): readonly Variant[] {
  return [
    log1pForLogOnePlus(OP),
    softplusStable(OP),
    labelSignFlipped(OP),
    gradWithoutReciprocal(OP),
    sumAndMeanSwapped(OP, 'soft-margin-sum-and-mean-swapped'),
    meanGradNotDivided(OP, 'soft-margin-mean-grad-not-divided-by-n'),
    reductionCheckedLast(OP, 'soft-margin-reduction-checked-last', 'soft-margin-reduction-checked-first'),
    operandsBeforeShapes(OP),
    labelBroadcast(OP),
    labelKeptInItsDtype(OP),
    ownDtypeCheck(OP),
    overflowHandled(OP),
    smallNotAbsorbed(OP),
    gradSigmoidForm(OP),
    legacyArgumentsIgnored(OP),
    // The primitives' rules, their alternatives written once (mutants/kernel_alternatives.ts, mutants/common.ts).
    castRoundsToNearest(OP, 'soft-margin-label-cast-rounds'),
    negationKeepsZeroSign(OP, 'soft-margin-neg-is-negation'),
    scaleGradKeepsNegativeZero(OP, 'soft-margin-scale-grad-keeps-negative-zero'),
    computesIn(OP, ['float16'], 'soft-margin-float16-computed', 'multiply-no-float16-kernel', 'computes float16 operands in float32, where Paddle has no multiply kernel for them'),
    computesIn(OP, ['bfloat16', 'bool'], 'soft-margin-bfloat16-and-bool-computed', 'exp-no-bfloat16-or-bool-kernel', 'computes bfloat16 and bool operands in float32, where Paddle has no exp kernel for them'),
    integerGradKeptFloat(OP, 'soft-margin-integer-grad-kept-float'),
    // multiply(-label, input)'s upstream is exp's gradient g · e: 0 where exp(z) is 0.
    gradSkipsZeroUpstream(OP, 'soft-margin-grad-skips-zero-upstream', (r) => { const e = computed(OP, r)?.steps.exp; return e && Array.from(e.data, (v) => v === 0); }, { input: 1 }),
    expLibmEverywhere(OP, 'soft-margin-exp-libm-everywhere'),
    meanGradTimesReciprocal(OP, 'soft-margin-mean-grad-times-reciprocal', 'mean-grad-divides-by-count', 'passes'),
    meanOfEmptyIsZero(OP, 'soft-margin-mean-of-empty-is-0', 'mean-of-empty-is-nan'),
    sumOfEmptyRaises(OP, 'soft-margin-sum-of-empty-raises', 'sum-of-empty-is-zero'),
  ];
}
