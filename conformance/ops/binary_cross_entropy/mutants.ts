/**
 * binary_cross_entropy's mutants: each rule's alternative (what a reasonable port does where the page is silent; its
 * primitives' are written once in mutants/kernel_alternatives.ts) and the natural bugs of the loss: the textbook
 * formula where Paddle clamps, the gradient without its floor, the weight applied after the reduction or divided out.
 */
import { meanGradNotDivided, meanOfEmptyIsZero, reductionCheckedLast, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import { meanGradTimesReciprocal } from '../../mutants/common.js';
import {
  broadcastGradSummedPairwise, computesIn, editGrad, gradSkipsZeroUpstream, layerIgnoresLegacyArguments, operandsBroadcast, promotesAllToWidestFloat, promotesIntWithFloat, sameShapeOperands, shapesMustEqual,
} from '../../mutants/kernel_alternatives.js';
import { bindOp, castTo, mapValues, rounderOf, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
import { decodeTensor, valuesOf } from '../../wire.js';

type Op = Omit<OpDescriptor, 'mutants'>;

/** The unweighted, unreduced request's operands and rounding, or undefined where the mutant does not act. */
function plain(r: Parameters<Variant['handle']>[0], none: boolean, reductionOf: (r: Parameters<Variant['handle']>[0]) => unknown) {
  const ops = sameShapeOperands(r);
  const round = rounderOf(decodeTensor(tensorOf(r, 'input')).dtype);
  return ops && round && !r.inputs.weight && (!none || reductionOf(r) === 'none') ? { ...ops, round } : undefined;
}

/** The textbook formula: −(y·log x + (1 − y)·log(1 − x)) without the clamp (inf at 0 and 1, NaN for 0 · log 0). */
function textbookFormula(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'bce-textbook-formula', expect: 'killed', rule: 'bce-loss-log-clamped-at-minus-100',
    description: 'computes −(y·log x + (1 − y)·log(1 − x)) with no clamp of log at −100: inf or NaN at input 0 and 1, and below exp(−100)',
    handle: (r) => {
      const res = reference(r);
      const p = plain(r, true, reductionOf);
      if (!p || !res.output) return res;
      return { ...res, output: mapValues(res.output, (v, k) => {
        const [x, y] = [p.x[k]!, p.y[k]!];
        const [a, b] = [p.round(Math.log(p.round(1 - x))), p.round(Math.log(x))];
        return a < -100 || b < -100 ? p.round(-(y * b + (1 - y) * a)) : v;
      }) };
    },
  };
}

/** The gradient without its floor: (x − y) / ((1 − x)·x), ±inf or NaN at input 0 and 1. */
function gradFloorDropped(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'bce-grad-floor-dropped', expect: 'killed', rule: 'bce-loss-grad-denominator-floor',
    description: "divides input's gradient by (1 − x)·x with no floor at 1e-12: ±inf or NaN at input 0 and 1",
    handle: (r) => {
      const res = reference(r);
      const p = plain(r, true, reductionOf);
      if (!p || r.grad_output) return res;
      return editGrad(res, 'input', (g, k) => {
        const [x, y] = [p.x[k]!, p.y[k]!];
        const den = p.round(p.round(1 - x) * x);
        return den < p.round(1e-12) ? p.round(p.round(x - y) / den) : g;
      });
    },
  };
}

/** A domain check that lets inputs outside [0, 1] through: log of a negative is NaN, so the loss is NaN. */
function domainUnchecked(op: Op, id: string, nanOnly: boolean): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id, expect: 'killed', rule: 'bce-loss-input-in-unit-interval',
    description: nanOnly ? 'checks x < 0 || x > 1, which a NaN input passes: its loss is NaN, not ValueError' : 'checks no input at all: outside [0, 1] the loss is NaN, not ValueError',
    handle: (r) => {
      const res = reference(r);
      if (!res.error?.message.includes('Illegal input')) return res;
      const x = valuesOf(decodeTensor(tensorOf(r, 'input')));
      if (nanOnly && x.some((v) => v === v && !(v >= 0 && v <= 1))) return res;
      const inRange = { ...r, inputs: { ...r.inputs, input: mapValues(tensorOf(r, 'input'), (v) => (v >= 0 && v <= 1 ? v : 0.5)) }, grad: undefined, grad_output: undefined };
      const ok = reference(inRange);
      if (!ok.output) return res;
      return { id: r.id, output: reductionOf(r) === 'none' ? mapValues(ok.output, (v, k) => (x[k]! >= 0 && x[k]! <= 1 ? v : NaN)) : mapValues(ok.output, () => NaN) };
    },
  };
}

/** The label checked as the input is: one outside [0, 1] raises ValueError. */
function labelChecked(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'bce-label-checked', expect: 'killed', rule: 'bce-loss-input-in-unit-interval',
    description: 'refuses a label outside [0, 1] (NaN too) with ValueError, as it refuses such an input',
    handle: (r) => {
      const y = valuesOf(decodeTensor(tensorOf(r, 'label')));
      if (y.every((v) => v >= 0 && v <= 1)) return reference(r);
      return { id: r.id, error: { type: 'ValueError', message: '(InvalidArgument) Illegal label, label must be between 0 and 1' } };
    },
  };
}

/** A label of another float dtype cast to input's, where Paddle's kernel refuses it. */
function labelCast(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'bce-label-cast-to-input-dtype', expect: 'killed', rule: 'bce-loss-float-kernels-only',
    description: "casts a float label of another dtype to input's, where Paddle raises ValueError when the kernel reads it",
    handle: (r) => {
      const [x, y] = [tensorOf(r, 'input'), tensorOf(r, 'label')];
      if (x.dtype === y.dtype || !['float32', 'float64'].includes(x.dtype) || !['float32', 'float64'].includes(y.dtype)) return reference(r);
      return reference({ ...r, inputs: { ...r.inputs, label: castTo(y, x.dtype as 'float32' | 'float64') } });
    },
  };
}

/** weight applied to the reduced loss: mean(L)·w or sum(L)·w, of weight's shape. */
function weightAfterReduction(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'bce-weight-after-reduction', expect: 'killed',
    description: "reduces the unweighted loss first, then multiplies by weight (a result of weight's shape, not 0-D)",
    handle: (r) => {
      const w = r.inputs.weight;
      if (!w || reductionOf(r) === 'none') return reference(r);
      const { weight: _w, ...inputs } = r.inputs;
      const res = reference({ ...r, inputs, grad: undefined, grad_output: undefined });
      if (!res.output) return reference(r);
      const v = valuesOf(decodeTensor(res.output))[0]!;
      return { id: r.id, output: mapValues(w, (wk) => rounderOf(res.output!.dtype)!(v * wk)) };
    },
  };
}

/** The weighted mean divided by the sum of the weights (as a weighted average), not by the element count. */
function meanOverWeights(op: Op): Variant {
  const { reference, reductionOf, withArgs } = bindOp(op);
  return {
    id: 'bce-mean-over-weights', expect: 'killed', rule: 'binary-cross-entropy-weight-before-reduction',
    description: "divides the weighted sum by Σw (a weighted average) under 'mean', where Paddle divides by the element count",
    handle: (r) => {
      const w = r.inputs.weight;
      if (!w || reductionOf(r) !== 'mean') return reference(r);
      const none = reference(withArgs(r, { reduction: 'none' }));
      const sum = reference(withArgs({ ...r, grad: undefined, grad_output: undefined }, { reduction: 'sum' }));
      if (!none.output || !sum.output) return reference(r);
      const n = valuesOf(decodeTensor(none.output)).length;
      const ws = valuesOf(decodeTensor(w));
      const total = (ws.reduce((a, b) => a + b, 0) * n) / ws.length;
      return { id: r.id, output: mapValues(sum.output, (s) => rounderOf(sum.output!.dtype)!(s / total)) };
    },
  };
}

/** weight ignored: the unweighted loss. */
function weightIgnored(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'bce-weight-ignored', expect: 'killed', description: 'ignores weight and returns the unweighted loss',
    handle: (r) => {
      if (!r.inputs.weight) return reference(r);
      const { weight: _w, ...inputs } = r.inputs;
      return reference({ ...r, inputs, grad: r.grad?.filter((g) => g !== 'weight') });
    },
  };
}

/** A label of another shape broadcast against input, as the other element-wise losses do. */
function labelBroadcasts(op: Op): Variant {
  return operandsBroadcast(op, 'bce-label-broadcasts', 'bce-loss-shapes-must-equal', 'broadcasts a label of another shape against input, as the other element-wise losses do, where bce_loss refuses it');
}

/** A variant that acts only on requests giving weight. */
function weighted(op: Op, variant: Variant): Variant {
  return { ...variant, handle: (r) => (r.inputs.weight ? variant.handle(r) : op.reference(r)) };
}

/** Where multiply's upstream is 0: the upstream gradient of an unreduced, unbroadcast weighted loss. */
function zeroUpstream(r: Parameters<Variant['handle']>[0]): boolean[] | undefined {
  return r.grad_output && r.inputs.weight ? valuesOf(decodeTensor(r.grad_output)).map((g) => g === 0) : undefined;
}

/** binary_cross_entropy's mutants, over its descriptor. */
export function binaryCrossEntropyMutants(OP: Op): readonly Variant[] {
  return [
    textbookFormula(OP),
    gradFloorDropped(OP),
    domainUnchecked(OP, 'bce-domain-unchecked', false),
    domainUnchecked(OP, 'bce-nan-input-passes', true),
    labelChecked(OP),
    labelCast(OP),
    weightAfterReduction(OP),
    meanOverWeights(OP),
    weightIgnored(OP),
    labelBroadcasts(OP),
    weighted(OP, shapesMustEqual(OP, 'bce-weight-shape-must-equal', 'multiply-broadcasts', ['input'], 'weight')),
    weighted(OP, gradSkipsZeroUpstream(OP, 'bce-weight-grad-skips-zero-upstream', zeroUpstream, { input: 1 })),
    promotesAllToWidestFloat(OP, 'bce-promotes-all-to-float64'),
    promotesIntWithFloat(OP, 'bce-promotes-int-weight'),
    weighted(OP, broadcastGradSummedPairwise(OP, 'bce-broadcast-grad-pairwise')),
    meanGradTimesReciprocal(OP, 'bce-mean-grad-times-reciprocal', 'mean-all-grad-divides-by-count', 'passes'),
    computesIn(OP, ['float16', 'bfloat16', 'bool', 'int32', 'int64'], 'bce-other-dtypes-computed', 'bce-loss-float-kernels-only', 'computes float16, bfloat16, bool and integer operands in float32, where Paddle has only float kernels'),
    layerIgnoresLegacyArguments(OP, 'bce-layer-ignores-legacy-arguments', 'binary-cross-entropy-layer-legacy-arguments'),
    reductionCheckedLast(OP, 'binary-cross-entropy-reduction-checked-last', 'binary-cross-entropy-reduction-checked-first'),
    meanOfEmptyIsZero(OP, 'bce-mean-of-empty-is-0', 'mean-all-of-empty-is-nan'),
    sumOfEmptyRaises(OP, 'bce-sum-of-empty-raises', 'sum-of-empty-is-zero'),
    sumAndMeanSwapped(OP, 'binary-cross-entropy-sum-and-mean-swapped'),
    meanGradNotDivided(OP, 'bce-mean-grad-not-divided-by-n'),
  ];
}
