/**
 * multi_label_soft_margin_loss's mutants: each rule's alternative (what a reasonable port does where the page is
 * silent; its primitives' are written once in mutants/kernel_alternatives.ts) and the natural bugs of the loss:
 * the weight applied after the reduction, the mean over every element instead of over classes, then rows, the
 * textbook log(sigmoid(x)) where Paddle takes logsigmoid's shifted form.
 */
import { broadcastIndex, broadcastShapes } from '../../../reference/broadcast.js';
import { meanGradNotDivided, meanOfEmptyIsZero, reductionCheckedLast, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import { withPaddleRelease } from '../../../reference/release.js';
import type { PortRequest } from '../../port.js';
import { computesIn, gradSkipsZeroUpstream, layerIgnoresLegacyArguments, promotesAllToWidestFloat, promotesIntWithFloat, scaleGradKeepsNegativeZero, operandsBroadcast } from '../../mutants/kernel_alternatives.js';
import { meanGradTimesReciprocal } from '../../mutants/common.js';
import { bindOp, leftToRight, mapValues, reshape, rounderOf, sizeOf, tensorOf, unreduced, viaUnreduced } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf } from '../../wire.js';

type Op = Omit<OpDescriptor, 'mutants'>;

/** The weight applied to the row means (times its mean), not to each element before the class mean. */
function weightAfterReduction(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'multi-label-soft-margin-weight-after-reduction', expect: 'killed',
    description: 'takes the class mean of the unweighted loss and multiplies it by the mean weight, not Σ w·l / C',
    handle: (r) => {
      if (!r.inputs.weight) return reference(r);
      const { weight, ...inputs } = r.inputs;
      const w = valuesOf(decodeTensor(weight));
      const factor = w.reduce((a, b) => a + b, 0) / w.length;
      return viaUnreduced(op, { ...r, inputs }, (values, round) => values.map((v) => round(v * factor)));
    },
  };
}

/** The mean over every element, whatever the reduction: no class mean, then no rows. */
function meanOverAllElements(op: Op): Variant {
  const { reference, withArgs } = bindOp(op);
  return {
    id: 'multi-label-soft-margin-mean-over-all-elements', expect: 'killed',
    description: "averages over all N·C elements for every reduction (one number), not over the classes of each row, then the rows' reduction",
    handle: (r) => reference(withArgs(r, { reduction: 'mean' })),
  };
}

/** The class sum: the page's 1/C dropped. */
function classSumNotMean(op: Op): Variant {
  return {
    id: 'multi-label-soft-margin-class-sum', expect: 'killed',
    description: 'sums over the classes instead of averaging (the 1/C dropped)',
    handle: (r) => {
      const c = decodeTensor(tensorOf(r, 'input')).shape.at(-1) ?? 1;
      return viaUnreduced(op, r, (values, round) => values.map((v) => round(v * c)));
    },
  };
}

/**
 * The textbook log(sigmoid(x)): 1 / (1 + exp(−x)) rounded, then its log, where Paddle's logsigmoid takes
 * −t − log(exp(−t) + exp(−x − t)): sigmoid(−100) is 0 in float32 and its log −inf, not −100.
 */
function naiveLogSigmoid(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'multi-label-soft-margin-log-of-sigmoid', expect: 'killed', rule: 'logsigmoid-packet-and-tail',
    description: 'computes log(sigmoid(x)) as written (1 / (1 + exp(−x)), then log): −inf where the sigmoid underflows, where Paddle gives −|x|',
    handle: (r) => {
      const x = decodeTensor(tensorOf(r, 'input'));
      const y = decodeTensor(tensorOf(r, 'label'));
      const round = rounderOf(x.dtype);
      if (!round || x.dtype !== y.dtype || x.shape.join() !== y.shape.join() || x.shape.length === 0) return reference(r);
      const c = x.shape.at(-1)!;
      const w = weightOf(r, x.shape);
      if (c === 0 || !w) return reference(r);
      const logSig = (v: number): number => round(Math.log(round(1 / round(1 + round(Math.exp(-v))))));
      const [xs, ys] = [valuesOf(x), valuesOf(y)];
      const l = xs.map((v, k) => round(round(-round(round(ys[k]! * logSig(v)) + round(round(1 - ys[k]!) * logSig(round(-v))))) * w[k]!));
      const rows = Array.from({ length: l.length / c }, (_, i) => round(l.slice(i * c, (i + 1) * c).reduce((a, b) => round(a + b), 0) / c));
      return x.shape.length === 1 ? reference(r) : viaUnreduced(op, r, () => rows);
    },
  };
}

/** The weight expanded to the input's shape (ones when absent); undefined when it does not broadcast. */
function weightOf(r: Parameters<Variant['handle']>[0], shape: readonly number[]): number[] | undefined {
  const n = shape.reduce((a, b) => a * b, 1);
  if (!r.inputs.weight) return new Array<number>(n).fill(1);
  const w = decodeTensor(r.inputs.weight);
  try {
    if (broadcastShapes(shape, w.shape).join() !== shape.join()) return undefined;
  } catch {
    return undefined;
  }
  const values = valuesOf(w);
  return Array.from(broadcastIndex(w.shape, shape), (k) => values[k]!);
}

/**
 * logsigmoid with the C library's exp and log and a sign flip on every element, as a scalar loop runs it, where
 * Paddle runs Eigen's polynomials and 0 − v on whole packets: rows of one class asked of the reference one at a
 * time (a one-element tensor runs only the tail), so a +0 loss of a packet becomes −0 (bitwise only).
 */
function logSigmoidScalarEverywhere(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'multi-label-soft-margin-logsigmoid-scalar-everywhere', expect: 'killed', rule: 'logsigmoid-packet-and-tail', bitwiseOnly: true,
    description: "computes logsigmoid with the C library's exp and log and a sign flip on every element, as a scalar loop does",
    handle: (r) => {
      const [x, y] = [decodeTensor(tensorOf(r, 'input')), decodeTensor(tensorOf(r, 'label'))];
      const n = x.shape[0] ?? 0;
      if (reductionOf(r) !== 'none' || r.inputs.weight || x.shape.length !== 2 || x.shape[1] !== 1 || n < 8 || !rounderOf(x.dtype)) return reference(r);
      const one = (t: typeof x, k: number) => encodeTensor(fromValues(t.dtype, [1, 1], [valuesOf(t)[k]!]));
      const up = r.grad_output ? valuesOf(decodeTensor(r.grad_output)) : undefined;
      const alone = Array.from({ length: n }, (_, k) => reference({ ...r, inputs: { input: one(x, k), label: one(y, k) }, ...(up && { grad_output: encodeTensor(fromValues(x.dtype, [1], [up[k]!])) }) }));
      if (alone.some((a) => !a.output)) return reference(r);
      const join = (parts: (string | undefined)[], shape: number[], dtype: typeof x.dtype) => encodeTensor(fromValues(dtype, shape, parts.map((p) => valuesOf(decodeTensor(JSON.parse(p!)))[0]!)));
      const res = reference(r);
      return {
        ...res,
        output: join(alone.map((a) => JSON.stringify(a.output)), [n], res.output!.dtype as typeof x.dtype),
        ...(res.grad && { grad: Object.fromEntries(Object.keys(res.grad).map((name) => [name, join(alone.map((a) => JSON.stringify(a.grad![name])), [n, 1], x.dtype)])) }),
      };
    },
  };
}

/** A label of another shape broadcast, as the element-wise losses do, where Python's shape comparison refuses it. */
function labelBroadcasts(op: Op): Variant {
  return operandsBroadcast(op, 'multi-label-soft-margin-label-broadcasts', 'multi-label-soft-margin-shapes-must-equal', 'broadcasts a label of another shape against the input, where Paddle compares the shapes and raises ValueError');
}

/** Each element's loss (no weight): the reference's on rows of one class, the same flat order, so the same packets. */
function elementLosses(op: Op, r: PortRequest): number[] | undefined {
  const [x, y] = [tensorOf(r, 'input'), tensorOf(r, 'label')];
  if (r.inputs.weight || x.dtype !== y.dtype || x.shape.join() !== y.shape.join() || !rounderOf(x.dtype)) return undefined;
  const n = sizeOf(x);
  const out = unreduced(op, { ...r, inputs: { input: reshape(x, [n, 1]), label: reshape(y, [n, 1]) } }).output;
  return out ? valuesOf(decodeTensor(out)) : undefined;
}

/** Each row's mean as its sum times round(1 / C), rounded twice, where Paddle divides once (an ulp: bitwise only). */
function classMeanTimesReciprocal(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'multi-label-soft-margin-class-mean-times-reciprocal', expect: 'killed', rule: 'mean-along-last-axis-sum-then-divide', bitwiseOnly: true,
    description: "takes each row's mean over the classes as its sum times round(1 / C), where Paddle divides the sum by C once",
    handle: (r) => {
      const [l, c] = [elementLosses(op, r), tensorOf(r, 'input').shape.at(-1)];
      if (!l || !c) return reference(r);
      return viaUnreduced(op, r, (_, round) => Array.from({ length: l.length / c }, (_, i) => round(leftToRight(l.slice(i * c, (i + 1) * c), round) * round(1 / c))));
    },
  };
}

/**
 * The outer minus as a negation: a zero loss in one of logsigmoid's packets (its +0 plus the other term's −0 is +0)
 * becomes −0, where scale(·, −1, 0) gives +0 (rows of one class, reduction 'none', so each element shows).
 */
function outerMinusNegates(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'multi-label-soft-margin-minus-is-negation', expect: 'killed', rule: 'scale-adds-zero-bias', bitwiseOnly: true,
    description: "negates the sum of the two terms, so a zero loss in a packet is −0, where Paddle's scale(·, −1, 0) gives +0",
    handle: (r) => {
      const [res, x] = [reference(r), tensorOf(r, 'input')];
      if (reductionOf(r) !== 'none' || !res.output || r.inputs.weight || x.shape.length !== 2 || x.shape[1] !== 1) return res;
      const packets = x.shape[0]! - (x.shape[0]! % (x.dtype === 'float32' ? 8 : 4));
      return { ...res, output: mapValues(res.output, (v, k) => (v === 0 && k < packets ? -0 : v)) };
    },
  };
}

/** Where the upstream reaching each element is 0 (a zero grad_output, no weight). */
function zeroUpstream(r: PortRequest): boolean[] | undefined {
  const up = r.grad_output && valuesOf(decodeTensor(r.grad_output));
  const n = sizeOf(tensorOf(r, 'input'));
  if (!up || up.length === 0 || r.inputs.weight) return undefined;
  return Array.from({ length: n }, (_, k) => up[Math.floor(k / (n / up.length))] === 0);
}

/** A weight that is not of shape [C] refused, as the page's "size C" reads, where Paddle multiplies any weight that broadcasts. */
function weightOfSizeCOnly(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'multi-label-soft-margin-weight-of-size-c-only', expect: 'killed', rule: 'multiply-broadcasts',
    description: 'refuses a weight whose shape is not [C] (the page\'s "size C"), where Paddle multiplies any weight that broadcasts',
    handle: (r) => {
      const [w, c] = [r.inputs.weight, tensorOf(r, 'input').shape.at(-1)];
      if (!w || (w.shape.length === 1 && w.shape[0] === c)) return reference(r);
      return { id: r.id, error: { type: 'ValueError', message: `weight of shape [${w.shape.join(', ')}] is not of size C = ${c}` } };
    },
  };
}

/** Paddle 2.6's `*`: an integer or bool operand meeting a float one cast to the left operand's dtype, where Paddle 3 refuses. */
function multiplyCastsOther(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'multi-label-soft-margin-multiply-casts-other', expect: 'killed', rule: 'multiply-operator-casts-other-before-3-0-0',
    description: "casts the `*` operator's right operand to the left's dtype when an integer or bool meets a float (Paddle before 3.0.0), where Paddle 3 raises TypeError",
    handle: (r) => {
      const dtypes = Object.values(r.inputs).map((t) => t.dtype);
      const mixed = dtypes.some((d) => ['int32', 'int64', 'bool'].includes(d)) && dtypes.some((d) => d.startsWith('float'));
      return mixed ? withPaddleRelease('2.6.2', () => reference(r)) : reference(r);
    },
  };
}

/** multi_label_soft_margin_loss's mutants, over its descriptor. */
export function multiLabelSoftMarginLossMutants(OP: Op): readonly Variant[] {
  return [
    weightAfterReduction(OP),
    meanOverAllElements(OP),
    classSumNotMean(OP),
    naiveLogSigmoid(OP),
    logSigmoidScalarEverywhere(OP),
    labelBroadcasts(OP),
    classMeanTimesReciprocal(OP),
    outerMinusNegates(OP),
    weightOfSizeCOnly(OP),
    multiplyCastsOther(OP),
    gradSkipsZeroUpstream(OP, 'multi-label-soft-margin-grad-skips-zero-upstream', zeroUpstream, { input: 1, label: 1 }),
    // logσ of a float32 input taken in float64 stays inside the bound, which counts logσ's roundings in the input's dtype.
    { ...promotesAllToWidestFloat(OP, 'multi-label-soft-margin-promotes-to-widest-float'), expect: 'passes' },
    meanGradTimesReciprocal(OP, 'multi-label-soft-margin-mean-grad-times-reciprocal', 'mean-grad-divides-by-count', 'passes'),
    computesIn(OP, ['float16', 'bfloat16', 'bool', 'int32', 'int64'], 'multi-label-soft-margin-other-dtypes-computed', 'logsigmoid-float-kernels-only', 'computes float16, bfloat16, bool and integer inputs in float32, where logsigmoid has only float kernels'),
    promotesIntWithFloat(OP, 'multi-label-soft-margin-promotes-int-with-float'),
    scaleGradKeepsNegativeZero(OP, 'multi-label-soft-margin-scale-grad-keeps-negative-zero'),
    layerIgnoresLegacyArguments(OP, 'multi-label-soft-margin-layer-ignores-legacy-arguments', 'multi-label-soft-margin-layer-legacy-arguments'),
    reductionCheckedLast(OP, 'multi-label-soft-margin-reduction-checked-last', 'multi-label-soft-margin-reduction-checked-first'),
    meanOfEmptyIsZero(OP, 'multi-label-soft-margin-mean-of-empty-is-0', 'mean-of-empty-is-nan'),
    sumOfEmptyRaises(OP, 'multi-label-soft-margin-sum-of-empty-raises', 'sum-of-empty-is-zero'),
    sumAndMeanSwapped(OP, 'multi-label-soft-margin-sum-and-mean-swapped'),
    meanGradNotDivided(OP, 'multi-label-soft-margin-mean-grad-not-divided-by-n'),
  ];
}
