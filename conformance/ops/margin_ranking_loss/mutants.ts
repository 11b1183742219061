/**
 * margin_ranking_loss's mutants: realistic broken ports, each the reference
 * with one deliberate fault, and each rule's alternative (what a reasonable
 * port does where the documentation page is silent): the op's own here, its
 * primitives' instantiated from mutants/kernel_alternatives.ts. None writes the loss
 * formula again: where a mutant needs other values, it asks the reference
 * with changed inputs or arguments. Every mutant answers every request; where
 * its fault does not apply it gives the reference's answer.
 *
 *     loss = max(0, -label * (input - other) + margin)
 *          = relu((other - input) * label + margin)        (as Paddle computes it)
 */
import { scalarFromString } from '../../../reference/index.js';
import type { ErrorJson, KwargJson, ResponseJson } from '../../case.js';
import { meanGradNotDivided, meanGradTimesReciprocal, meanOfEmptyIsZero, reductionCheckedLast, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import {
  broadcastGradKeepsNegativeZero,
  broadcastGradSummedPairwise,
  computesIn,
  gradSkipsZeroUpstream,
  labelGradKeepsNanSign,
  promotesAllToWidestFloat,
  promotesIntWithFloat,
  reluGradPassesAtKink,
  reluPropagatesNan,
  shapesMustEqual,
  type PreRelu,
} from '../../mutants/kernel_alternatives.js';
import type { Variant } from '../../mutants/variant.js';
import {
  bindOp,
  castTo,
  isValidReduction,
  nextUp,
  reshape,
  rounderOf,
  scalarTensor,
  sizeOf,
  tensorOf,
  unreduced,
  pythonFloat,
  mapValues,
  isCatalogFloat,
} from '../../mutants/transform.js';
import type { PortRequest } from '../../port.js';
import { decodeScalar, decodeTensor, encodeTensor, fromValues, valuesOf, type TensorJson, type WireTensor } from '../../wire.js';
import type { OpDescriptor } from '../../op.js';

// ---------------------------------------------------------------- tools

type Op = Omit<OpDescriptor, 'mutants'>;

/** The three operands, in Paddle's order. */
const OPERANDS = ['input', 'other', 'label'] as const;
type Operand = (typeof OPERANDS)[number];

/** The decoded operands of a request. */
function operandsOf(r: PortRequest): Record<Operand, WireTensor> {
  return { input: decodeTensor(tensorOf(r, 'input')), other: decodeTensor(tensorOf(r, 'other')), label: decodeTensor(tensorOf(r, 'label')) };
}


/** The request with one operand replaced. */
function withOperand(r: PortRequest, name: Operand, t: TensorJson): PortRequest {
  return { ...r, inputs: { ...r.inputs, [name]: t } };
}

/** The error of a request whose arguments already failed, with the request's id. */
function raise(r: PortRequest, error: ErrorJson): ResponseJson {
  return { id: r.id, error };
}

/** The unreduced loss the reference gives for a request (no gradient), as numbers; undefined when it raises. */
function lossValues(op: Op, r: PortRequest): number[] | undefined {
  const out = unreduced(op, r).output;
  return out ? valuesOf(decodeTensor(out)) : undefined;
}

/**
 * The margin as a number, as Python's `float(margin)` would hold it: Paddle's
 * default 0.0 when absent, a bool as 0 or 1, an int as itself; undefined for
 * None and for a str.
 */
function marginOf(op: Op, r: PortRequest): number | undefined {
  const { argsOf } = bindOp(op);
  const m = argsOf(r).margin;
  if (m === undefined) return 0;
  if (typeof m === 'boolean') return Number(m);
  if (typeof m === 'object' && m !== null) return 'int' in m ? m.int : undefined;
  if (typeof m === 'number' || m === 'NaN' || m === 'Infinity' || m === '-Infinity') return decodeScalar(m, 'margin');
  return undefined;
}

/** A str margin's text, whether given as `{"str": s}` or as a plain JSON string that is not a float keyword. */
function stringMarginOf(op: Op, r: PortRequest): string | undefined {
  const { argsOf } = bindOp(op);
  const m = argsOf(r).margin;
  if (typeof m === 'object' && m !== null && 'str' in m) return m.str;
  if (typeof m === 'string' && m !== 'NaN' && m !== 'Infinity' && m !== '-Infinity') return m;
  return undefined;
}

/** A number as the keyword value the protocol carries for a float margin. */
function marginJson(x: number): KwargJson {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return x;
}

/** The reference's answer to a probe: the request with its gradient dropped and its reduction 'none'. */
function probe(op: Op, r: PortRequest): PortRequest {
  const { withArgs } = bindOp(op);
  return { ...withArgs(r, { reduction: 'none' }), grad: undefined, grad_output: undefined };
}

/**
 * How relu sees each element, the sign of `(other - input) * label + margin`
 * or NaN: the class of every pre-relu value of a request, found by asking the
 * reference, never by computing the loss: the loss gives relu(v); the same
 * call with label and margin negated gives relu(-v) (negation is exact);
 * where both are 0, v is ±0 or NaN, and the call with the margin one ulp
 * higher (in the result dtype) makes exactly the zeros positive. Undefined
 * when the request raises or its dtypes are not float32/float64.
 */
function preReluOf(op: Op, r: PortRequest): PreRelu[] | undefined {
  const { withArgs, reductionOf } = bindOp(op);
  if (!isValidReduction(reductionOf(r))) return undefined;
  const base = unreduced(op, r).output;
  const m = marginOf(op, r);
  const label = tensorOf(r, 'label');
  if (!base || m === undefined || !isCatalogFloat(base.dtype) || !isCatalogFloat(label.dtype)) return undefined;
  const dtype = base.dtype;
  const loss = valuesOf(decodeTensor(base));
  const negated = lossValues(op, withArgs(withOperand(r, 'label', mapValues(label, (y) => -y)), { margin: marginJson(-m) }));
  const rounded = rounderOf(dtype)!(m);
  // A margin that is not added (0, -0.0, False) acts as 0; an infinite or NaN margin leaves no v == 0.
  const effective = m === 0 ? 0 : rounded;
  const raised = Number.isFinite(effective) ? lossValues(op, withArgs(r, { margin: nextUp(effective, dtype) })) : undefined;
  if (!negated || negated.length !== loss.length) return undefined;
  return loss.map((l, k) => (l > 0 ? 'positive' : negated[k]! > 0 ? 'negative' : raised !== undefined && raised[k]! > 0 ? 'zero' : 'nan'));
}

/**
 * The error a request's shapes alone raise: the same call in float32 with
 * the default margin and no gradient, which can fail only in broadcasting.
 */
function shapeErrorOf(op: Op, r: PortRequest): ErrorJson | undefined {
  const { reference, withArgs } = bindOp(op);
  const asFloat32 = Object.fromEntries(OPERANDS.map((n) => [n, castTo(tensorOf(r, n), 'float32')]));
  return reference({ ...probe(op, withArgs(r, { margin: undefined })), inputs: asFloat32 }).error;
}

/** Whether input, other and label have one shape, so loss and gradient elements pair up one to one. */
function allSameShape(r: PortRequest): boolean {
  const { input, other, label } = operandsOf(r);
  return [other, label].every((t) => t.shape.length === input.shape.length && t.shape.every((d, i) => d === input.shape[i]));
}

/**
 * Whether the reference's error for a request is the margin's own (None or
 * a str refused by to_tensor): the same call with margin 1.0 does not raise
 * it, so an operand's error raised earlier is never mistaken for it.
 */
function isMarginError(op: Op, r: PortRequest, res: ResponseJson): boolean {
  const { reference, withArgs, reductionOf } = bindOp(op);
  if (!res.error || !isValidReduction(reductionOf(r))) return false;
  return reference(withArgs(r, { margin: 1 })).error?.message !== res.error.message;
}

// ---------------------------------------------------------------- plain bugs

/** The label's sign flipped: max(0, label * (input - other) + margin). */
function labelSignFlipped(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'ranking-label-sign-flipped',
    expect: 'killed',
    description: 'computes max(0, label * (input - other) + margin), dropping the minus sign before label',
    handle: (r) => {
      const label = tensorOf(r, 'label');
      return isCatalogFloat(label.dtype) ? reference(withOperand(r, 'label', mapValues(label, (y) => -y))) : reference(r);
    },
  };
}

/** input and other passed the wrong way round (gradients returned under the right names). */
function operandsSwapped(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'ranking-input-other-swapped',
    expect: 'killed',
    description: 'computes max(0, -label * (other - input) + margin): input and other swapped',
    handle: (r) => {
      const swap = (n: string): string => (n === 'input' ? 'other' : n === 'other' ? 'input' : n);
      const res = reference({ ...r, inputs: { ...r.inputs, input: tensorOf(r, 'other'), other: tensorOf(r, 'input') }, ...(r.grad && { grad: r.grad.map(swap) }) });
      return res.grad ? { ...res, grad: Object.fromEntries(Object.entries(res.grad).map(([n, t]) => [swap(n), t])) } : res;
    },
  };
}

/** The margin argument is ignored: always 0.0. */
function marginIgnored(op: Op): Variant {
  const { reference, withArgs } = bindOp(op);
  return {
    id: 'ranking-margin-ignored',
    expect: 'killed',
    description: 'ignores the margin argument and always uses 0.0',
    handle: (r) => reference(withArgs(r, { margin: undefined })),
  };
}

/** mean divides by the number of positive losses, not by the element count. */
function meanOverNonzero(op: Op): Variant {
  const { reference, withArgs, reductionOf } = bindOp(op);
  return {
    id: 'ranking-mean-over-nonzero-losses',
    expect: 'killed',
    description: "mean divides the sum by the count of non-zero losses instead of by every element",
    handle: (r) => {
      const res = reference(r);
      const round = res.output && rounderOf(res.output.dtype);
      if (reductionOf(r) !== 'mean' || !res.output || !round) return res;
      const sum = reference({ ...withArgs(r, { reduction: 'sum' }), grad: undefined, grad_output: undefined }).output;
      const loss = lossValues(op, r);
      if (!sum || !loss) return res;
      const count = loss.filter((l) => l !== 0).length;
      return { ...res, output: scalarTensor(res.output.dtype as 'float32', round(valuesOf(decodeTensor(sum))[0]! / count)) };
    },
  };
}

/**
 * mean divides by input.numel() instead of the broadcast loss's size: right
 * whenever the three shapes agree, wrong where input is smaller than the
 * loss (input [2, 1] against other [2, 3]: the sum over 6 losses divided by
 * 2). Forward and backward both: the gradient is sum's with upstream g / numel.
 */
function meanOverInputNumel(op: Op): Variant {
  const { reference, withArgs, reductionOf } = bindOp(op);
  return {
    id: 'ranking-mean-over-input-numel',
    expect: 'killed',
    description: "mean divides the sum by input.numel() instead of by the number of losses (the broadcast shape's size)",
    handle: (r) => {
      const res = reference(r);
      const round = res.output && rounderOf(res.output.dtype);
      const n = lossValues(op, r)?.length;
      const k = sizeOf(tensorOf(r, 'input'));
      if (reductionOf(r) !== 'mean' || !res.output || !round || n === undefined || k === 0 || k === n) return res;
      const dtype = res.output.dtype as 'float32' | 'float64';
      const sum = reference({ ...withArgs(r, { reduction: 'sum' }), grad: undefined, grad_output: undefined }).output;
      if (!sum) return res;
      const output = scalarTensor(dtype, round(valuesOf(decodeTensor(sum))[0]! / k));
      if (!r.grad || !res.grad) return { ...res, output };
      const g = r.grad_output ? valuesOf(decodeTensor(r.grad_output))[0]! : 1;
      const grad = reference({ ...withArgs(r, { reduction: 'sum' }), grad_output: scalarTensor(dtype, round(g / k)) }).grad;
      return { ...res, output, ...(grad && { grad }) };
    },
  };
}

/**
 * A blocked kernel that forgets the remainder: for more than 1000 losses,
 * the last n mod 256 are never computed, so they stay 0 (and add nothing to
 * mean or sum), and so do their gradients. Only where input, other and label
 * share one shape, so loss and gradient elements pair up.
 */
function dropsTailLosses(op: Op): Variant {
  const { reference, viaUnreduced } = bindOp(op);
  return {
    id: 'ranking-drops-tail-losses',
    expect: 'killed',
    description: 'loses the last n mod 256 losses of more than 1000 (a kernel over blocks of 256 without its remainder loop): they and their gradients are 0',
    handle: (r) => {
      const n = lossValues(op, r)?.length ?? 0;
      const cut = n - (n % 256);
      if (n <= 1000 || cut === n || !allSameShape(r)) return reference(r);
      const res = viaUnreduced(r, (loss) => loss.map((l, k) => (k >= cut ? 0 : l)));
      if (!res.grad) return res;
      return { ...res, grad: Object.fromEntries(Object.entries(res.grad).map(([name, t]) => [name, mapValues(t, (v, i) => (i >= cut ? 0 : v))])) };
    },
  };
}

/** The gradient of `other` returned as input's gradient. */
function otherGradForInput(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'ranking-other-grad-for-input',
    expect: 'killed',
    description: "returns other's gradient as input's (the sign of -label forgotten in backward)",
    handle: (r) => {
      if (!r.grad?.includes('input')) return reference(r);
      const res = reference({ ...r, grad: [...new Set([...r.grad, 'other'])] });
      if (!res.grad?.other) return reference(r);
      const grad: Record<string, TensorJson> = { ...res.grad, input: res.grad.other };
      if (!r.grad.includes('other')) delete grad.other;
      return { ...res, grad };
    },
  };
}

/** The documentation's "other and label have input's shape" enforced: any shape difference is a ValueError (both kernels' broadcasting at once). */
function equalShapesRequired(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'ranking-no-broadcasting',
    expect: 'killed',
    description: "raises ValueError unless other and label have exactly input's shape, as the documentation page says (Paddle broadcasts)",
    handle: (r) => {
      const res = reference(r);
      if (!res.output || allSameShape(r)) return res;
      const { input, other, label } = operandsOf(r);
      const shapes = `input [${input.shape.join(', ')}], other [${other.shape.join(', ')}], label [${label.shape.join(', ')}]`;
      return raise(r, { type: 'ValueError', message: `input, other and label must have the same shape, but got ${shapes}` });
    },
  };
}

/** Checks the dtypes itself, as the page's "float32 or float64" suggests, instead of leaving it to the kernels. */
function ownDtypeCheck(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'ranking-own-dtype-check',
    expect: 'killed',
    description: 'raises its own TypeError for an input, other or label that is not float32/float64, before any check but the reduction (Paddle fails in type promotion or a kernel)',
    handle: (r) => {
      const bad = OPERANDS.find((n) => !isCatalogFloat(tensorOf(r, n).dtype));
      if (!bad || !isValidReduction(reductionOf(r))) return reference(r);
      return raise(r, { type: 'TypeError', message: `${bad} must be float32 or float64, but received ${tensorOf(r, bad).dtype}` });
    },
  };
}

// ---------------------------------------------------------------- rule alternatives
// What a reasonable port does where the documentation page is silent and
// Paddle has a named rule. Each must pass every spec case and fail a paddle
// case citing its rule.

/**
 * Checks that the three shapes broadcast before looking at any dtype, so a
 * float16 (or int/float mix) call of unbroadcastable shapes raises the
 * broadcast ValueError where Paddle's subtract or multiply raises its kernel
 * RuntimeError or type-promotion TypeError first.
 */
function shapesBeforeDtypes(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'ranking-shapes-checked-before-dtypes',
    expect: 'killed',
    rule: 'ranking-checks-in-op-order',
    description: 'checks that all shapes broadcast before any dtype, so unbroadcastable float16 operands raise ValueError instead of the kernel RuntimeError',
    handle: (r) => {
      const res = reference(r);
      if (!res.error || !isValidReduction(reductionOf(r))) return res;
      const shapeError = shapeErrorOf(op, r);
      return shapeError && shapeError.message !== res.error.message ? raise(r, shapeError) : res;
    },
  };
}

/**
 * Promotes the three dtypes before checking any shape, so unbroadcastable
 * input and other with an int32 label raise the label's TypeError where
 * Paddle's subtract raises the broadcast ValueError first.
 */
function dtypesBeforeShapes(op: Op): Variant {
  const { reference, withArgs, reductionOf } = bindOp(op);
  return {
    id: 'ranking-dtypes-checked-before-shapes',
    expect: 'killed',
    rule: 'ranking-checks-in-op-order',
    description: "checks every operand's dtype before any shape, so unbroadcastable float32 input/other with an int32 label raise TypeError instead of ValueError",
    handle: (r) => {
      const res = reference(r);
      if (!res.error || !isValidReduction(reductionOf(r)) || shapeErrorOf(op, r)?.message !== res.error.message) return res;
      // Paddle's error is the broadcast one. Every operand that is not 0-D made [1] (0-D kept, so promotion is unchanged): shapes can no longer fail.
      const one = (t: TensorJson): TensorJson => {
        if (t.shape.length === 0) return t;
        const w = decodeTensor(t);
        return encodeTensor(fromValues(w.dtype, [1], [1]));
      };
      const inputs = Object.fromEntries(OPERANDS.map((n) => [n, one(tensorOf(r, n))]));
      const dtypeError = reference({ ...probe(op, withArgs(r, { margin: undefined })), inputs }).error;
      return dtypeError && dtypeError.type !== 'ValueError' ? raise(r, dtypeError) : res;
    },
  };
}

/**
 * Adds the margin whatever its value, as the formula reads. The only
 * difference: 0-D operands with reduction 'none' and a zero margin give shape
 * [1] (relu already erases the -0 that adding +0 would fix; the bfloat16
 * error then names add instead of relu, the same RuntimeError).
 */
function marginAlwaysAdded(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'ranking-margin-always-added',
    expect: 'killed',
    rule: 'ranking-margin-added-only-when-nonzero',
    description: "always adds the margin, even 0.0, so 0-D operands with reduction 'none' and a zero margin give shape [1] (Paddle skips a zero margin: shape [])",
    handle: (r) => {
      const res = reference(r);
      return reductionOf(r) === 'none' && res.output && res.output.shape.length === 0 && marginOf(op, r) === 0 ? { ...res, output: reshape(res.output, [1]) } : res;
    },
  };
}

/** PyTorch's shape: 0-D operands with reduction 'none' give a 0-D loss whatever the margin. */
function zeroDNoneAlwaysZeroD(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'ranking-zero-d-none-returns-0-d',
    expect: 'killed',
    rule: 'ranking-zero-d-none-shape-follows-margin',
    description: "returns shape [] for 0-D operands with reduction 'none' whatever the margin (PyTorch; Paddle gives [1] for a non-zero margin)",
    handle: (r) => {
      const res = reference(r);
      const zeroD = OPERANDS.every((n) => tensorOf(r, n).shape.length === 0);
      return reductionOf(r) === 'none' && res.output && zeroD && sizeOf(res.output) === 1 ? { ...res, output: reshape(res.output, []) } : res;
    },
  };
}

/** The margin rounded to input's dtype rather than the result's: float32 input with a float64 label gets a float32 margin. */
function marginInInputDtype(op: Op): Variant {
  const { reference, withArgs } = bindOp(op);
  return {
    id: 'ranking-margin-in-input-dtype',
    expect: 'killed',
    rule: 'ranking-margin-in-result-dtype',
    description: "rounds the margin to input's dtype (float32 input, float64 label: 0.1 becomes 0x3dcccccd, 1e39 inf) instead of the result dtype",
    handle: (r) => {
      const res = reference(r);
      const m = marginOf(op, r);
      const input = tensorOf(r, 'input').dtype;
      if (!res.output || m === undefined || !isCatalogFloat(input) || res.output.dtype === input) return res;
      const narrowed = rounderOf(input)!(m);
      // A margin that rounds to 0 is still added in Paddle; leave that corner to the reference.
      if (narrowed === 0 && m !== 0) return res;
      return reference(withArgs(r, { margin: marginJson(narrowed) }));
    },
  };
}

/** A margin read with Python's float(), as a port written in Python would: str margins parse (or ValueError), None is TypeError. */
function marginReadByPythonFloat(op: Op): Variant {
  const { reference, argsOf, withArgs } = bindOp(op);
  return {
    id: 'ranking-margin-read-by-python-float',
    expect: 'killed',
    rule: 'ranking-margin-none-or-str-refused',
    description: "reads the margin with Python's float(): '1.5' is 1.5, 'abc' raises ValueError, None raises TypeError (Paddle: str TypeError, None ValueError)",
    handle: (r) => {
      const res = reference(r);
      if (!isMarginError(op, r, res)) return res;
      const m = argsOf(r).margin;
      if (m === null) return raise(r, { type: 'TypeError', message: "float() argument must be a string or a real number, not 'NoneType'" });
      const text = stringMarginOf(op, r);
      if (text === undefined) return res;
      const value = pythonFloat(text);
      if (value === undefined) return raise(r, { type: 'ValueError', message: `could not convert string to float: '${text}'` });
      return reference(withArgs(r, { margin: marginJson(value) }));
    },
  };
}

/** A str margin read as hinge_embedding_loss reads one: a C++ Scalar from the string (reference/scalar.ts). */
function stringMarginReadByCppStream(op: Op): Variant {
  const { reference, withArgs } = bindOp(op);
  return {
    id: 'ranking-string-margin-read-by-cpp-stream',
    expect: 'killed',
    rule: 'ranking-margin-none-or-str-refused',
    description: "reads a str margin as hinge_embedding_loss does (C++ stream: '1.5abc' is 1.5, 'abc' 0) instead of raising TypeError",
    handle: (r) => {
      const res = reference(r);
      const text = stringMarginOf(op, r);
      if (text === undefined || !isMarginError(op, r, res)) return res;
      return reference(withArgs(r, { margin: marginJson(scalarFromString(text)) }));
    },
  };
}

/**
 * The gradients of a request with its kink elements moved just inside the
 * relu: the same call with the margin one ulp higher in the result dtype,
 * which makes exactly the zeros positive.
 */
function gradsInsideKink(op: Op, r: PortRequest): ResponseJson['grad'] | undefined {
  const { reference, withArgs, reductionOf } = bindOp(op);
  const m = marginOf(op, r);
  const dtype = reference(probe(op, r)).output?.dtype;
  if (m === undefined || !dtype || !isCatalogFloat(dtype)) return undefined;
  const up = nextUp(m === 0 ? 0 : rounderOf(dtype)!(m), dtype);
  // A zero margin was not added, so 0-D operands' 'none' loss was [] and the raised call's is [1].
  const gradOutput = r.grad_output && reductionOf(r) === 'none' && r.grad_output.shape.length === 0 ? reshape(r.grad_output, [1]) : r.grad_output;
  return reference({ ...withArgs(r, { margin: up }), ...(gradOutput && { grad_output: gradOutput }) }).grad;
}

/** Where multiply's upstream is 0: where relu is off, i.e. the loss is 0. */
function zeroLossAt(op: Op, r: PortRequest): boolean[] | undefined {
  return lossValues(op, r)?.map((l) => l === 0);
}

/** margin_ranking_loss's mutants and rule alternatives: each must be caught by at least one golden case. */
export function rankingMutants(OP: Op): readonly Variant[] {
  return [
    labelSignFlipped(OP),
    operandsSwapped(OP),
    marginIgnored(OP),
    meanOverNonzero(OP),
    otherGradForInput(OP),
    sumAndMeanSwapped(OP, 'ranking-sum-and-mean-swapped'),
    meanGradNotDivided(OP, 'ranking-mean-grad-not-divided-by-n'),
    meanOverInputNumel(OP),
    dropsTailLosses(OP),
    equalShapesRequired(OP),
    ownDtypeCheck(OP),
    reductionCheckedLast(OP, 'ranking-reduction-checked-last', 'ranking-reduction-checked-first'),
    shapesBeforeDtypes(OP),
    dtypesBeforeShapes(OP),
    marginAlwaysAdded(OP),
    zeroDNoneAlwaysZeroD(OP),
    marginInInputDtype(OP),
    marginReadByPythonFloat(OP),
    stringMarginReadByCppStream(OP),
    promotesAllToWidestFloat(OP, 'ranking-promote-all-to-widest-float'),
    promotesIntWithFloat(OP, 'ranking-int-promoted-with-float'),
    shapesMustEqual(OP, 'ranking-subtract-shapes-must-equal', 'subtract-broadcasts', ['other'], 'input'),
    computesIn(OP, ['float16', 'bool'], 'ranking-float16-and-bool-computed', 'subtract-no-float16-or-bool-kernel', 'computes float16 and bool operands in float32, where Paddle has no subtract kernel for them'),
    labelGradKeepsNanSign(OP, 'ranking-input-grad-keeps-nan-sign', 'other', 'input'),
    shapesMustEqual(OP, 'ranking-multiply-shapes-must-equal', 'multiply-broadcasts', ['other', 'input'], 'label'),
    gradSkipsZeroUpstream(OP, 'ranking-grad-masked-by-where', (r) => zeroLossAt(OP, r), { input: -1, other: 1 }),
    computesIn(OP, ['bfloat16'], 'ranking-bfloat16-computed', 'add-no-float16-or-bfloat16-kernel', 'computes bfloat16 operands in float32, where Paddle has no add kernel for them'),
    reluPropagatesNan(OP, 'ranking-relu-propagates-nan', (r) => preReluOf(OP, r)),
    computesIn(OP, ['int32', 'int64'], 'ranking-integers-computed', 'relu-float-kernels-only', 'computes int32 and int64 operands in float32, where Paddle has no relu kernel for them'),
    reluGradPassesAtKink(OP, 'ranking-grad-active-at-kink', (r) => preReluOf(OP, r), (r) => gradsInsideKink(OP, r)),
    broadcastGradSummedPairwise(OP, 'ranking-broadcast-grad-summed-pairwise'),
    broadcastGradKeepsNegativeZero(OP, 'ranking-grad-negative-zero-kept'),
    meanGradTimesReciprocal(OP, 'ranking-mean-grad-times-reciprocal', 'mean-all-grad-divides-by-count', 'killed'),
    meanOfEmptyIsZero(OP, 'ranking-mean-of-empty-is-0', 'mean-all-of-empty-is-nan'),
    sumOfEmptyRaises(OP, 'ranking-sum-of-empty-raises', 'sum-of-empty-is-zero'),
  ];
}
