/**
 * hinge_embedding_loss's mutants: realistic broken ports, each the reference
 * with one deliberate fault, and each rule's alternative (what a reasonable
 * port does where the documentation page is silent). None writes the loss
 * formula again: where a mutant needs other loss values, it asks the
 * reference for them.
 */
import type { ResponseJson } from '../../case.js';
import { meanGradNotDivided, meanGradTimesReciprocal, meanOfEmptyIsZero, reductionCheckedLast, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import {
  broadcastGradSummedRowMajor,
  computesIn,
  equalExact,
  promotesIntWithFloat,
  reluGradPassesAtKink,
  reluPropagatesNan,
  scaleAttributeInFloat32,
  scaleGradKeepsNegativeZeroAt,
  shapesMustEqual,
  stringScalarByPythonFloat,
  subtractGradZeroSignAt,
  whereGradTimesMask,
  type PreRelu,
} from '../../mutants/kernel_alternatives.js';
import type { Variant } from '../../mutants/variant.js';
import {
  bindOp,
  castTo,
  isValidReduction,
  mapTensors,
  mapValues,
  nextUp,
  reshape,
  rounderOf,
  sameShape,
  scalarTensor,
  sizeOf,
  tensorOf,
} from '../../mutants/transform.js';
import type { PortRequest } from '../../port.js';
import { bitsAt, decodeScalar, decodeTensor, elementAt, valuesOf, type TensorJson, type WireTensor } from '../../wire.js';
import type { OpDescriptor } from '../../op.js';

type Op = Omit<OpDescriptor, 'mutants'>;
const inputOf = (r: PortRequest): TensorJson => tensorOf(r, 'input');
const labelOf = (r: PortRequest): TensorJson => tensorOf(r, 'label');

/** The decoded input and label of a request. */
function operandsOf(r: PortRequest): { input: WireTensor; label: WireTensor } {
  return { input: decodeTensor(inputOf(r)), label: decodeTensor(labelOf(r)) };
}

/** The margin as a number (Paddle's default 1.0 when absent), or undefined when it is not a number. */
function marginOf(op: Op, r: PortRequest): number | undefined {
  const { argsOf } = bindOp(op);
  const m = argsOf(r).margin;
  if (m === undefined) return 1.0;
  if (typeof m === 'object' && m !== null) return 'int' in m ? m.int : undefined;
  if (typeof m === 'number' || m === 'NaN' || m === 'Infinity' || m === '-Infinity') return decodeScalar(m, 'margin');
  return undefined;
}


/** Labels read as `y > 0 ? 1 : -1`, so 0, 2, 0.5 and NaN labels stop contributing 0. */
function labelsTestedWithGreaterThanZero(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'labels-tested-with-gt-0',
    rule: 'hinge-other-labels-contribute-zero',
    expect: 'killed',
    description: 'treats every label > 0 as 1 and every other label as -1',
    handle: (r) => reference({ ...r, inputs: { ...r.inputs, label: mapValues(labelOf(r), (y) => (y > 0 ? 1 : -1)) } }),
  };
}

/** PyTorch's rule: a label that is neither 1 nor -1 adds both terms, x + max(0, m - x). */
function pytorchOtherLabels(op: Op): Variant {
  const { reference, withArgs, viaUnreduced } = bindOp(op);
  return {
    id: 'pytorch-rule-for-other-labels',
    rule: 'hinge-other-labels-contribute-zero',
    expect: 'killed',
    description: "gives a label that is neither 1 nor -1 both terms (PyTorch's x + max(0, m - x))",
    handle: (r) => {
      const { input, label } = operandsOf(r);
      if (!sameShape(input, label) || !rounderOf(label.dtype)) return reference(r);
      const withLabel = (y: number): number[] | undefined => {
        const out = reference({ ...withArgs(r, { reduction: 'none' }), grad: undefined, inputs: { ...r.inputs, label: mapValues(labelOf(r), () => y) } }).output;
        return out ? valuesOf(decodeTensor(out)) : undefined;
      };
      const [positive, negative] = [withLabel(1), withLabel(-1)];
      const labels = valuesOf(label);
      if (!positive || !negative) return reference(r);
      return viaUnreduced(r, (loss, round) => loss.map((l, k) => (labels[k] === 1 || labels[k] === -1 ? l : round(positive[k]! + negative[k]!))));
    },
  };
}

/** float32 input computed in float64 and rounded back once at the end. */
function float64OnFloat32(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'float64-arithmetic-on-float32',
    expect: 'killed',
    description: 'computes float32 input in float64 (margin, subtraction, sum) and rounds the result to float32',
    handle: (r) => {
      if (inputOf(r).dtype !== 'float32') return reference(r);
      const wide: PortRequest = {
        ...r,
        inputs: { input: castTo(inputOf(r), 'float64'), label: labelOf(r).dtype === 'float32' ? castTo(labelOf(r), 'float64') : labelOf(r) },
        ...(r.grad_output && { grad_output: castTo(r.grad_output, 'float64') }),
      };
      return mapTensors(reference(wide), (t) => castTo(t, 'float32'));
    },
  };
}

/** float32 input whose margin is kept in float64: each `margin - x` is rounded once, from the exact margin. */
function marginNotRounded(op: Op): Variant {
  const { reference, withArgs, viaUnreduced } = bindOp(op);
  return {
    id: 'margin-not-rounded-to-float32',
    expect: 'killed',
    description: 'subtracts float32 input from the float64 margin, rounding only the difference',
    handle: (r) => {
      if (inputOf(r).dtype !== 'float32' || labelOf(r).dtype !== 'float32') return reference(r);
      const wide = reference({ ...withArgs(r, { reduction: 'none' }), grad: undefined, inputs: { input: castTo(inputOf(r), 'float64'), label: castTo(labelOf(r), 'float64') } });
      if (!wide.output) return reference(r);
      const narrowed = valuesOf(decodeTensor(castTo(wide.output, 'float32')));
      return viaUnreduced(r, () => narrowed);
    },
  };
}

/** mean divides by the number of ±1 labels rather than by every element. */
function meanOverLabelledOnly(op: Op): Variant {
  const { reference, withArgs, reductionOf } = bindOp(op);
  return {
    id: 'mean-over-pm1-labels-only',
    expect: 'killed',
    description: 'mean divides the sum by the count of labels equal to 1 or -1, not by the element count',
    handle: (r) => {
      const { input, label } = operandsOf(r);
      const round = rounderOf(input.dtype);
      if (reductionOf(r) !== 'mean' || !sameShape(input, label) || !round) return reference(r);
      const res = reference(r);
      const sum = reference(withArgs({ ...r, grad: undefined, grad_output: undefined }, { reduction: 'sum' })).output;
      if (!res.output || !sum) return res;
      const count = valuesOf(label).filter((y) => y === 1 || y === -1).length;
      return { ...res, output: scalarTensor(input.dtype as 'float32', round(valuesOf(decodeTensor(sum))[0]! / count)) };
    },
  };
}

/** The default reduction is 'sum' instead of 'mean'. */
function defaultReductionSum(op: Op): Variant {
  const { reference, argsOf, withArgs } = bindOp(op);
  return {
    id: 'default-reduction-sum',
    expect: 'killed',
    description: "uses reduction='sum' when none is given (Paddle's default is 'mean')",
    handle: (r) => reference('reduction' in argsOf(r) ? r : withArgs(r, { reduction: 'sum' })),
  };
}

/** mean comes back with shape [1] instead of 0-D []. */
function meanShapeOne(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'mean-output-shape-1',
    expect: 'killed',
    description: 'returns the mean with shape [1] instead of a 0-D tensor',
    handle: (r) => {
      const res = reference(r);
      return reductionOf(r) === 'mean' && res.output ? { ...res, output: reshape(res.output, [1]) } : res;
    },
  };
}

/** A bad reduction is not rejected: it quietly means 'mean'. */
function noErrorForBadReduction(op: Op): Variant {
  const { reference, withArgs, reductionOf } = bindOp(op);
  return {
    id: 'no-error-for-bad-reduction',
    expect: 'killed',
    description: "accepts any reduction and treats an unknown one as 'mean' instead of raising ValueError",
    handle: (r) => reference(isValidReduction(reductionOf(r)) ? r : withArgs(r, { reduction: 'mean' })),
  };
}

/** Reductions compared case-insensitively: 'MEAN' is accepted. */
function reductionCaseInsensitive(op: Op): Variant {
  const { reference, withArgs, reductionOf } = bindOp(op);
  return {
    id: 'reduction-case-insensitive',
    expect: 'killed',
    description: "lower-cases the reduction, so 'MEAN' is accepted instead of raising ValueError",
    handle: (r) => {
      const red = reductionOf(r);
      return reference(typeof red === 'string' ? withArgs(r, { reduction: red.toLowerCase() }) : r);
    },
  };
}

/** The errors carry the wrong exception type. */
function wrongErrorType(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'error-type-wrong',
    expect: 'killed',
    description: 'raises TypeError where Paddle raises ValueError (message unchanged)',
    handle: (r) => {
      const res = reference(r);
      return res.error?.type === 'ValueError' ? { ...res, error: { ...res.error, type: 'TypeError' } } : res;
    },
  };
}

/** The upstream gradient is ignored: backward always starts from ones. */
function ignoresGradOutput(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'grad-ignores-grad-output',
    expect: 'killed',
    description: 'ignores the upstream gradient and always back-propagates ones',
    handle: (r) => {
      const res = reference(r);
      if (!r.grad || !r.grad_output) return res;
      return { ...res, grad: reference({ ...r, grad_output: undefined }).grad };
    },
  };
}

/** A 0-D input with reduction 'none' keeps shape [] (Paddle's `where` against `zero_` makes it [1]). */
function zeroDNoneKeepsShape(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'zero-d-none-returns-0-d',
    rule: 'hinge-zero-d-none-is-shape-1',
    expect: 'killed',
    description: "returns shape [] for a 0-D input with reduction='none' (Paddle returns [1])",
    handle: (r) => {
      const res = reference(r);
      return reductionOf(r) === 'none' && res.output && inputOf(r).shape.length === 0 && labelOf(r).shape.length === 0
        ? { ...res, output: reshape(res.output, []) }
        : res;
    },
  };
}

/** The margin argument is ignored: always 1.0. */
function ignoresMargin(op: Op): Variant {
  const { reference, withArgs } = bindOp(op);
  return {
    id: 'margin-ignored',
    expect: 'killed',
    description: 'ignores the margin argument and always uses 1.0',
    handle: (r) => reference(withArgs(r, { margin: undefined })),
  };
}

// ---------------------------------------------------------------- rule alternatives
// What a reasonable port does where the documentation page is silent and
// Paddle has a named rule. Each must pass every spec case.

/** Input -0.0 under label 1 comes back as -0.0: the loss is x itself, with no `+ 0` from the other branch. */
function negativeZeroKept(op: Op): Variant {
  const { reference, viaUnreduced } = bindOp(op);
  return {
    id: 'negative-zero-kept',
    expect: 'killed',
    rule: 'hinge-negative-zero-is-added-to-zero',
    bitwiseOnly: true,
    description: 'returns x itself for label 1, so input -0.0 gives -0.0 (Paddle adds the two where-results, giving +0); visible with --bitwise',
    handle: (r) => {
      const { input, label } = operandsOf(r);
      if (!sameShape(input, label)) return reference(r);
      const [xs, ys] = [valuesOf(input), valuesOf(label)];
      return viaUnreduced(r, (loss) => loss.map((l, k) => (Object.is(xs[k], -0) && ys[k] === 1 ? -0 : l)));
    },
  };
}

/** A str margin refused, as `__rsub__`'s own message ("must be int, float, bool or Tensor") says it should be. */
function stringMarginRefused(op: Op): Variant {
  const { reference, argsOf, reductionOf } = bindOp(op);
  return {
    id: 'string-margin-refused',
    expect: 'killed',
    description: 'raises TypeError for a str margin, as for bytes or a list',
    handle: (r) => {
      const m = argsOf(r).margin;
      if (typeof m !== 'object' || m === null || !('str' in m) || !isValidReduction(reductionOf(r))) return reference(r);
      return { id: r.id, error: { type: 'TypeError', message: '(InvalidType) __rsub__(): argument (position 1) must be int, float, bool or Tensor, but got str' } };
    },
  };
}


/** margin=None taken as the default 1.0, as a port with `margin = margin or 1.0` does (Paddle's __rsub__ refuses it). */
function marginNoneIsDefault(op: Op): Variant {
  const { reference, argsOf, withArgs } = bindOp(op);
  return {
    id: 'margin-none-is-default',
    expect: 'killed',
    rule: 'hinge-margin-by-python-type',
    description: "takes margin=None as the default 1.0, where Paddle's `margin - input` raises TypeError",
    handle: (r) => reference(argsOf(r).margin === null ? withArgs(r, { margin: undefined }) : r),
  };
}

/** A label of another dtype than the input's refused with type promotion's TypeError, as `label * input` would. */
function labelDtypeMustMatch(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'label-dtype-must-match',
    expect: 'killed',
    rule: 'hinge-label-any-dtype',
    description: "raises type promotion's TypeError for a label whose dtype differs from the input's (Paddle only compares the label with ±1.0)",
    handle: (r) => {
      const [x, y] = [inputOf(r).dtype, labelOf(r).dtype];
      if (x === y || !isValidReduction(reductionOf(r))) return reference(r);
      return { id: r.id, error: { type: 'TypeError', message: `(InvalidType) Type promotion only support calculations between floating-point numbers and between complex and real numbers. But got different data type x: ${x}, y: ${y}.` } };
    },
  };
}

/** Whether each loss element's label is -1 (so relu's input counts) and how relu's input m - x stands there; same-shape operands only. */
function preRelu(op: Op, r: PortRequest): PreRelu[] | undefined {
  const { input, label } = operandsOf(r);
  const round = rounderOf(input.dtype);
  const m = marginOf(op, r);
  if (!sameShape(input, label) || !round || m === undefined) return undefined;
  const ys = valuesOf(label);
  return valuesOf(input).map((x, k) => {
    if (ys[k] !== -1) return 'positive';
    const d = round(round(m) - x);
    return Number.isNaN(d) ? 'nan' : d > 0 ? 'positive' : d === 0 ? 'zero' : 'negative';
  });
}

/** The gradients of the same call with the margin one ulp higher: every kink element just inside relu. */
function insideKink(op: Op, r: PortRequest): ResponseJson['grad'] {
  const { reference, withArgs } = bindOp(op);
  const m = marginOf(op, r);
  const round = rounderOf(inputOf(r).dtype);
  if (m === undefined || !round || !Number.isFinite(round(m))) return undefined;
  return reference(withArgs(r, { margin: nextUp(round(m), inputOf(r).dtype as 'float32') })).grad;
}

/** Whether an upstream element (a 0-D one reaching every element) is -0. */
function negativeZeroUpstream(r: PortRequest): ((k: number) => boolean) | undefined {
  if (!r.grad_output) return undefined;
  const up = decodeTensor(r.grad_output);
  return (k) => {
    const at = up.shape.length === 0 ? 0 : k;
    return elementAt(up, at) === 0 && bitsAt(up, at) !== 0n;
  };
}

/** Label-1 elements under a -0 upstream, where the relu branch's +0 meets the where branch's -0: `tensorMargin` picks str and bool margins (subtract) or the others (scale). */
function labelOneUnderNegativeZero(op: Op, r: PortRequest, tensorMargin: boolean): ((k: number) => boolean) | undefined {
  const { argsOf } = bindOp(op);
  const m = argsOf(r).margin;
  const isTensorMargin = typeof m === 'boolean' || (typeof m === 'object' && m !== null && 'str' in m);
  const up = negativeZeroUpstream(r);
  const { input, label } = operandsOf(r);
  if (isTensorMargin !== tensorMargin || !up || !sameShape(input, label)) return undefined;
  const ys = valuesOf(label);
  return (k) => ys[k] === 1 && up(k);
}

/** hinge_embedding_loss's mutants and rule alternatives: each must be caught by at least one golden case. */
export function hingeMutants(OP: Op): readonly Variant[] {
  const { reductionOf } = bindOp(OP);
  return [
    labelsTestedWithGreaterThanZero(OP),
    pytorchOtherLabels(OP),
    float64OnFloat32(OP),
    marginNotRounded(OP),
    meanOverLabelledOnly(OP),
    defaultReductionSum(OP),
    meanShapeOne(OP),
    noErrorForBadReduction(OP),
    reductionCaseInsensitive(OP),
    wrongErrorType(OP),
    meanGradNotDivided(OP, 'mean-grad-not-divided-by-n'),
    ignoresGradOutput(OP),
    zeroDNoneKeepsShape(OP),
    ignoresMargin(OP),
    sumAndMeanSwapped(OP, 'sum-and-mean-swapped'),
    negativeZeroKept(OP),
    reductionCheckedLast(OP, 'reduction-checked-last', 'hinge-reduction-checked-first'),
    stringMarginRefused(OP),
    marginNoneIsDefault(OP),
    labelDtypeMustMatch(OP),
    // The primitives' rules, each through the kernel layer's alternative.
    equalExact(OP, 'labels-compared-exactly', 'label', [1, -1], 0),
    shapesMustEqual(OP, 'no-label-broadcasting', 'where-broadcasts'),
    computesIn(OP, ['float16', 'bfloat16'], 'float16-input-computed', 'where-no-float16-kernel', 'computes float16 and bfloat16 input in float32, where Paddle has no where kernel for them'),
    // Every element leaves one where unselected at least: label 1 the relu branch's, label -1 the input's, any other both.
    whereGradTimesMask(OP, 'where-grad-times-mask', (r) => (reductionOf(r) === 'none' && r.grad_output && sizeOf(r.grad_output) === sizeOf(inputOf(r)) ? new Array<boolean>(sizeOf(inputOf(r))).fill(true) : undefined)),
    broadcastGradSummedRowMajor(OP, 'broadcast-grad-per-element'),
    stringScalarByPythonFloat(OP, 'string-margin-as-python-float', 'margin'),
    scaleAttributeInFloat32(OP, 'float32-margin-for-float64', 'margin'),
    scaleGradKeepsNegativeZeroAt(OP, 'margin-grad-keeps-negative-zero', "scale's backward in margin - input has no + 0, so label 1 under an upstream -0 gives -0, not +0", (r) => {
      const at = labelOneUnderNegativeZero(OP, r, false);
      return at && { input: at };
    }),
    subtractGradZeroSignAt(OP, 'tensor-margin-grad-clears-negative-zero', (r) => labelOneUnderNegativeZero(OP, r, true)),
    computesIn(OP, ['bool'], 'bool-input-computed', 'subtract-no-float16-or-bool-kernel', 'computes bool input in float32, where Paddle has no subtract kernel for a str or bool margin filled into bool'),
    promotesIntWithFloat(OP, 'integer-input-promoted'),
    reluPropagatesNan(OP, 'relu-propagates-nan', (r) => preRelu(OP, r)),
    reluGradPassesAtKink(OP, 'grad-minus-1-at-boundary', (r) => preRelu(OP, r), (r) => insideKink(OP, r)),
    computesIn(OP, ['int32', 'int64'], 'integer-input-computed', 'relu-float-kernels-only', 'computes int32 and int64 input in float32, where Paddle has no relu kernel for them'),
    meanGradTimesReciprocal(OP, 'mean-grad-times-reciprocal', 'mean-grad-divides-by-count', 'killed'),
    meanOfEmptyIsZero(OP, 'mean-of-empty-is-0', 'mean-of-empty-is-nan'),
    sumOfEmptyRaises(OP, 'sum-of-empty-raises', 'sum-of-empty-is-zero'),
  ];
}
