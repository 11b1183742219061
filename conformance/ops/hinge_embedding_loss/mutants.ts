/**
 * hinge_embedding_loss's mutants: realistic broken ports, each the reference
 * with one deliberate fault, and each rule's alternative (what a reasonable
 * port does where the documentation page is silent). None writes the loss
 * formula again: where a mutant needs other loss values, it asks the
 * reference for them.
 */
import { broadcastIndex, broadcastShapes, sameShape as sameDims } from '../../../reference/broadcast.js';
import { reductionCheckedLast, sumAndMeanSwapped } from '../../mutants/common.js';
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
  pythonFloat,
} from '../../mutants/transform.js';
import type { PortRequest } from '../../port.js';
import { decodeScalar, decodeTensor, encodeTensor, fromValues, shapeSize, valuesOf, type TensorJson, type WireTensor } from '../../wire.js';
import { HINGE_DESCRIPTOR as OP } from './descriptor.js';

const { reference, argsOf, withArgs, reductionOf, viaUnreduced } = bindOp(OP);
const inputOf = (r: PortRequest): TensorJson => tensorOf(r, 'input');
const labelOf = (r: PortRequest): TensorJson => tensorOf(r, 'label');

/** The decoded input and label of a request. */
function operandsOf(r: PortRequest): { input: WireTensor; label: WireTensor } {
  return { input: decodeTensor(inputOf(r)), label: decodeTensor(labelOf(r)) };
}

/** The margin as a number (Paddle's default 1.0 when absent), or undefined when it is not a number. */
function marginOf(r: PortRequest): number | undefined {
  const m = argsOf(r).margin;
  if (m === undefined) return 1.0;
  if (typeof m === 'object' && m !== null) return 'int' in m ? m.int : undefined;
  if (typeof m === 'number' || m === 'NaN' || m === 'Infinity' || m === '-Infinity') return decodeScalar(m, 'margin');
  return undefined;
}


/** Labels read as `y > 0 ? 1 : -1`, so 0, 2, 0.5 and NaN labels stop contributing 0. */
const labelsTestedWithGreaterThanZero: Variant = {
  id: 'labels-tested-with-gt-0',
  rule: 'other-labels-contribute-zero',
  expect: 'killed',
  description: 'treats every label > 0 as 1 and every other label as -1',
  handle: (r) => reference({ ...r, inputs: { ...r.inputs, label: mapValues(labelOf(r), (y) => (y > 0 ? 1 : -1)) } }),
};

/**
 * Labels compared with `===`: a float64 label a few ulps off ±1, which
 * Paddle's float `equal` (|y ∓ 1| < 1e-15) still takes for ±1, is sent to the
 * reference as 0 so that it contributes nothing, as exact equality would.
 */
const labelsComparedExactly: Variant = {
  id: 'labels-compared-exactly',
  rule: 'label-equality-tolerance',
  expect: 'killed',
  description: 'tests label == 1 and label == -1 exactly, without the 1e-15 tolerance of Paddle\'s equal',
  handle: (r) => {
    const nearOne = (y: number): boolean => y !== 1 && y !== -1 && Math.abs(Math.abs(y) - 1) < 1e-15;
    return reference({ ...r, inputs: { ...r.inputs, label: mapValues(labelOf(r), (y) => (nearOne(y) ? 0 : y)) } });
  },
};

/** PyTorch's rule: a label that is neither 1 nor -1 adds both terms, x + max(0, m - x). */
const pytorchOtherLabels: Variant = {
  id: 'pytorch-rule-for-other-labels',
  rule: 'other-labels-contribute-zero',
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

/** float32 input computed in float64 and rounded back once at the end. */
const float64OnFloat32: Variant = {
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

/** float32 input whose margin is kept in float64: each `margin - x` is rounded once, from the exact margin. */
const marginNotRounded: Variant = {
  id: 'margin-not-rounded-to-float32',
  rule: 'margin-rounded-to-input-dtype',
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

/** Paddle 2.6's margin handling: float64 input still gets a float32 margin. */
const float32MarginForFloat64: Variant = {
  id: 'float32-margin-for-float64',
  rule: 'margin-rounded-to-input-dtype',
  expect: 'killed',
  description: 'rounds the margin to float32 even for float64 input (as Paddle 2.6 did)',
  handle: (r) => {
    const m = marginOf(r);
    if (inputOf(r).dtype !== 'float64' || m === undefined || !Number.isFinite(m)) return reference(r);
    return reference(withArgs(r, { margin: Math.fround(m) }));
  },
};

/** mean divides by the number of ±1 labels rather than by every element. */
const meanOverLabelledOnly: Variant = {
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

/** The default reduction is 'sum' instead of 'mean'. */
const defaultReductionSum: Variant = {
  id: 'default-reduction-sum',
  expect: 'killed',
  description: "uses reduction='sum' when none is given (Paddle's default is 'mean')",
  handle: (r) => reference('reduction' in argsOf(r) ? r : withArgs(r, { reduction: 'sum' })),
};

/** mean of an empty tensor returns 0 instead of NaN. */
const meanOfEmptyIsZero: Variant = {
  id: 'mean-of-empty-is-0',
  rule: 'mean-of-empty-is-nan',
  expect: 'killed',
  description: 'returns 0 for the mean of an empty tensor (Paddle gives NaN)',
  handle: (r) => {
    const res = reference(r);
    const dtype = res.output?.dtype;
    if (reductionOf(r) !== 'mean' || !res.output || sizeOf(inputOf(r)) !== 0 || (dtype !== 'float32' && dtype !== 'float64')) return res;
    return { ...res, output: scalarTensor(dtype, 0) };
  },
};

/** mean comes back with shape [1] instead of 0-D []. */
const meanShapeOne: Variant = {
  id: 'mean-output-shape-1',
  expect: 'killed',
  description: 'returns the mean with shape [1] instead of a 0-D tensor',
  handle: (r) => {
    const res = reference(r);
    return reductionOf(r) === 'mean' && res.output ? { ...res, output: reshape(res.output, [1]) } : res;
  },
};

/** relu lets NaN through: label -1 with `margin - x` NaN gives NaN, not 0. */
const reluPropagatesNaN: Variant = {
  id: 'relu-propagates-nan',
  rule: 'relu-nan-is-zero',
  expect: 'killed',
  description: 'max(0, margin - x) returns NaN for a NaN difference (Paddle\'s CPU relu returns 0)',
  handle: (r) => {
    const { input, label } = operandsOf(r);
    const m = marginOf(r);
    if (!sameShape(input, label) || m === undefined) return reference(r);
    const xs = valuesOf(input);
    const ys = valuesOf(label);
    return viaUnreduced(r, (loss) => loss.map((l, k) => (ys[k] === -1 && Number.isNaN(m - xs[k]!) ? NaN : l)));
  },
};

/** A bad reduction is not rejected: it quietly means 'mean'. */
const noErrorForBadReduction: Variant = {
  id: 'no-error-for-bad-reduction',
  expect: 'killed',
  description: "accepts any reduction and treats an unknown one as 'mean' instead of raising ValueError",
  handle: (r) => reference(isValidReduction(reductionOf(r)) ? r : withArgs(r, { reduction: 'mean' })),
};

/** Reductions compared case-insensitively: 'MEAN' is accepted. */
const reductionCaseInsensitive: Variant = {
  id: 'reduction-case-insensitive',
  expect: 'killed',
  description: "lower-cases the reduction, so 'MEAN' is accepted instead of raising ValueError",
  handle: (r) => {
    const red = reductionOf(r);
    return reference(typeof red === 'string' ? withArgs(r, { reduction: red.toLowerCase() }) : r);
  },
};

/** The errors carry the wrong exception type. */
const wrongErrorType: Variant = {
  id: 'error-type-wrong',
  expect: 'killed',
  description: 'raises TypeError where Paddle raises ValueError (message unchanged)',
  handle: (r) => {
    const res = reference(r);
    return res.error?.type === 'ValueError' ? { ...res, error: { ...res.error, type: 'TypeError' } } : res;
  },
};

/** The gradient at the relu boundary (margin - x == 0, label -1) is -g instead of 0. */
const gradMinusOneAtBoundary: Variant = {
  id: 'grad-minus-1-at-boundary',
  rule: 'relu-grad-zero-at-boundary',
  expect: 'killed',
  description: 'gives gradient -g where margin - x == 0 for label -1 (PyTorch\'s choice; Paddle gives 0)',
  handle: (r) => {
    const res = reference(r);
    const { input, label } = operandsOf(r);
    const m = marginOf(r);
    const round = rounderOf(input.dtype);
    if (!r.grad || !res.grad?.input || !sameShape(input, label) || m === undefined || !round || !Number.isFinite(round(m))) return res;
    // The same call with the margin one ulp higher puts every boundary element just inside the relu.
    const inside = reference(withArgs(r, { margin: nextUp(round(m), input.dtype as 'float32') })).grad?.input;
    if (!inside) return res;
    const [xs, ys, moved] = [valuesOf(input), valuesOf(label), valuesOf(decodeTensor(inside))];
    return { ...res, grad: { input: mapValues(res.grad.input, (g, k) => (ys[k] === -1 && xs[k] === round(m) ? moved[k]! : g)) } };
  },
};

/** mean's backward forgets to divide the upstream gradient by N. */
const meanGradNotDivided: Variant = {
  id: 'mean-grad-not-divided-by-n',
  expect: 'killed',
  description: "mean's gradient is sum's: the upstream gradient is not divided by the element count",
  handle: (r) => {
    const res = reference(r);
    if (!r.grad || reductionOf(r) !== 'mean' || !res.grad) return res;
    return { ...res, grad: reference(withArgs(r, { reduction: 'sum' })).grad };
  },
};

/** The upstream gradient is ignored: backward always starts from ones. */
const ignoresGradOutput: Variant = {
  id: 'grad-ignores-grad-output',
  expect: 'killed',
  description: 'ignores the upstream gradient and always back-propagates ones',
  handle: (r) => {
    const res = reference(r);
    if (!r.grad || !r.grad_output) return res;
    return { ...res, grad: reference({ ...r, grad_output: undefined }).grad };
  },
};

/** A 0-D input with reduction 'none' keeps shape [] (Paddle's `where` against `zero_` makes it [1]). */
const zeroDNoneKeepsShape: Variant = {
  id: 'zero-d-none-returns-0-d',
  rule: 'zero-d-none-is-shape-1',
  expect: 'killed',
  description: "returns shape [] for a 0-D input with reduction='none' (Paddle returns [1])",
  handle: (r) => {
    const res = reference(r);
    return reductionOf(r) === 'none' && res.output && inputOf(r).shape.length === 0 && labelOf(r).shape.length === 0
      ? { ...res, output: reshape(res.output, []) }
      : res;
  },
};

/** The margin argument is ignored: always 1.0. */
const ignoresMargin: Variant = {
  id: 'margin-ignored',
  expect: 'killed',
  description: 'ignores the margin argument and always uses 1.0',
  handle: (r) => reference(withArgs(r, { margin: undefined })),
};

/** Label must have exactly the input's shape: no broadcasting. */
const noLabelBroadcast: Variant = {
  id: 'no-label-broadcasting',
  rule: 'label-broadcasts',
  expect: 'killed',
  description: 'raises ValueError unless label has exactly the shape of input (Paddle broadcasts)',
  handle: (r) => {
    const same = inputOf(r).shape.join() === labelOf(r).shape.join();
    if (same || !isValidReduction(reductionOf(r))) return reference(r);
    return { id: r.id, error: { type: 'ValueError', message: 'input and label must have the same shape' } };
  },
};

// ---------------------------------------------------------------- rule alternatives
// What a reasonable port does where the documentation page is silent and
// Paddle has a named rule. Each must pass every spec case.

/** Input -0.0 under label 1 comes back as -0.0: the loss is x itself, with no `+ 0` from the other branch. */
const negativeZeroKept: Variant = {
  id: 'negative-zero-kept',
  expect: 'killed',
  rule: 'negative-zero-is-added-to-zero',
  bitwiseOnly: true,
  description: 'returns x itself for label 1, so input -0.0 gives -0.0 (Paddle adds the two where-results, giving +0); visible with --bitwise',
  handle: (r) => {
    const { input, label } = operandsOf(r);
    if (!sameShape(input, label)) return reference(r);
    const [xs, ys] = [valuesOf(input), valuesOf(label)];
    return viaUnreduced(r, (loss) => loss.map((l, k) => (Object.is(xs[k], -0) && ys[k] === 1 ? -0 : l)));
  },
};

/** Checks dtypes up front, as the page's "float32 or float64" suggests, instead of failing in a kernel. */
const ownDtypeCheck: Variant = {
  id: 'own-dtype-check',
  expect: 'killed',
  rule: 'no-eager-dtype-check',
  description: 'rejects float16/bfloat16 input with its own TypeError before any other check but the reduction (Paddle fails later, in the where kernel, with RuntimeError)',
  handle: (r) => {
    const dtype = inputOf(r).dtype;
    if (!isValidReduction(reductionOf(r)) || (dtype !== 'float16' && dtype !== 'bfloat16')) return reference(r);
    return { id: r.id, error: { type: 'TypeError', message: `input must be float32 or float64, but received ${dtype}` } };
  },
};

/** Paddle 2.6's handling of empty tensors: a zero-size input raises instead of summing to 0. */
const sumOfEmptyRaises: Variant = {
  id: 'sum-of-empty-raises',
  expect: 'killed',
  rule: 'sum-of-empty-is-zero',
  description: "raises RuntimeError for reduction='sum' of a zero-size input (as Paddle 2.6 did) instead of returning 0",
  handle: (r) => {
    const res = reference(r);
    if (reductionOf(r) !== 'sum' || !res.output || sizeOf(inputOf(r)) !== 0) return res;
    return { id: r.id, error: { type: 'RuntimeError', message: '(PreconditionNotMet) The tensor holds no memory.' } };
  },
};

/** mean's backward multiplies by the rounded reciprocal 1/N instead of dividing by N. */
const meanGradTimesReciprocal: Variant = {
  id: 'mean-grad-times-reciprocal',
  expect: 'killed',
  rule: 'mean-grad-divides-by-count',
  description: "mean's gradient is g * round(1/N), rounded twice, instead of g / N rounded once",
  handle: (r) => {
    const res = reference(r);
    const round = rounderOf(inputOf(r).dtype);
    if (!r.grad || reductionOf(r) !== 'mean' || !res.grad || !round) return res;
    const n = shapeSize(decodeTensor(reference({ ...withArgs(r, { reduction: 'none' }), grad: undefined, grad_output: undefined }).output!).shape);
    const g = r.grad_output ? valuesOf(decodeTensor(r.grad_output))[0]! : 1;
    const upstream = scalarTensor(inputOf(r).dtype as 'float32', round(g * round(1 / n)));
    return { ...res, grad: reference({ ...withArgs(r, { reduction: 'sum' }), grad_output: upstream }).grad };
  },
};

/**
 * With the input broadcast against the label, adds the two where-branches'
 * gradients per element and then sums once back to the input's shape (Paddle
 * sums each branch back on its own and adds the two sums).
 */
const broadcastGradPerElement: Variant = {
  id: 'broadcast-grad-per-element',
  expect: 'killed',
  rule: 'broadcast-grad-summed-per-branch',
  description: "sums the combined per-element gradient back to a broadcast input's shape once, instead of each where-branch separately",
  handle: (r) => {
    const res = reference(r);
    const round = rounderOf(inputOf(r).dtype);
    if (!r.grad || !res.grad?.input || !res.output || !round) return res;
    const input = decodeTensor(inputOf(r));
    const lossShape = broadcastShapes(broadcastShapes(input.shape, decodeTensor(labelOf(r)).shape), [1]);
    if (sameDims(input.shape, lossShape)) return res;
    const xAt = broadcastIndex(input.shape, lossShape);
    const expanded = encodeTensor(fromValues(input.dtype, lossShape, [...xAt].map((i) => valuesOf(input)[i]!)));
    const perElement = reference({ ...r, inputs: { ...r.inputs, input: expanded } }).grad?.input;
    if (!perElement) return res;
    const sums = new Array<number | undefined>(input.shape.reduce((a, b) => a * b, 1)).fill(undefined);
    valuesOf(decodeTensor(perElement)).forEach((g, k) => (sums[xAt[k]!] = sums[xAt[k]!] === undefined ? g : round(sums[xAt[k]!]! + g)));
    return { ...res, grad: { input: encodeTensor(fromValues(input.dtype, input.shape, sums.map((v) => v ?? 0))) } };
  },
};

/** A str margin read with Python's float(), as a port written in Python would: '1.5abc' and 'abc' raise, ' inf' and 'NaN' parse. */
const stringMarginAsPythonFloat: Variant = {
  id: 'string-margin-as-python-float',
  expect: 'killed',
  rule: 'string-margin-read-by-cpp-stream',
  description: "reads a str margin with Python's float() (ValueError for '1.5abc' or 'abc'; 'NaN', ' inf' and '1_000' parse) instead of Paddle's C++ stream",
  handle: (r) => {
    const m = argsOf(r).margin;
    if (typeof m !== 'object' || m === null || !('str' in m)) return reference(r);
    const value = pythonFloat(m.str);
    if (value === undefined) return { id: r.id, error: { type: 'ValueError', message: `could not convert string to float: '${m.str}'` } };
    return reference(withArgs(r, { margin: Number.isFinite(value) ? value : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' }));
  },
};

/** A str margin refused, as `__rsub__`'s own message ("must be int, float, bool or Tensor") says it should be. */
const stringMarginRefused: Variant = {
  id: 'string-margin-refused',
  expect: 'killed',
  rule: 'string-margin-read-by-cpp-stream',
  description: 'raises TypeError for a str margin, as for bytes or a list',
  handle: (r) => {
    const m = argsOf(r).margin;
    if (typeof m !== 'object' || m === null || !('str' in m) || !isValidReduction(reductionOf(r))) return reference(r);
    return { id: r.id, error: { type: 'TypeError', message: '(InvalidType) __rsub__(): argument (position 1) must be int, float, bool or Tensor, but got str' } };
  },
};


/** hinge_embedding_loss's mutants and rule alternatives: each must be caught by at least one golden case. */
export const HINGE_MUTANTS: readonly Variant[] = [
  labelsTestedWithGreaterThanZero,
  labelsComparedExactly,
  pytorchOtherLabels,
  float64OnFloat32,
  marginNotRounded,
  float32MarginForFloat64,
  meanOverLabelledOnly,
  defaultReductionSum,
  meanOfEmptyIsZero,
  meanShapeOne,
  reluPropagatesNaN,
  noErrorForBadReduction,
  reductionCaseInsensitive,
  wrongErrorType,
  gradMinusOneAtBoundary,
  meanGradNotDivided,
  ignoresGradOutput,
  zeroDNoneKeepsShape,
  ignoresMargin,
  sumAndMeanSwapped(OP, 'sum-and-mean-swapped'),
  noLabelBroadcast,
  negativeZeroKept,
  ownDtypeCheck,
  reductionCheckedLast(OP, 'reduction-checked-last', 'reduction-checked-first'),
  sumOfEmptyRaises,
  meanGradTimesReciprocal,
  broadcastGradPerElement,
  stringMarginAsPythonFloat,
  stringMarginRefused,
];
