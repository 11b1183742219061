/**
 * binary_cross_entropy_with_logits's mutants: each rule's alternative and the natural bugs of the loss (issue 21):
 * pos_weight on the wrong term, weight after the reduction, the naive formula where Paddle is stable; and one
 * correct variant, a differently arranged stable form (log1p), within the derived bound.
 */
import { meanGradTimesReciprocal, meanOfEmptyIsZero, reductionCheckedLast, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import { editGrad, layerIgnoresLegacyArguments } from '../../mutants/kernel_alternatives.js';
import { bindOp, mapValues, rounderOf, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
import type { PortRequest } from '../../port.js';
import type { ResponseJson } from '../../case.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf, type WireDType } from '../../wire.js';

type Op = Omit<OpDescriptor, 'mutants'>;
type Element = (x: number, y: number, round: (v: number) => number) => number;

/** The unreduced loss of a request without weight or pos_weight, recomputed element by element by `f` where `where` holds. */
function elementwise(op: Op, id: string, expect: Variant['expect'], description: string, f: Element, where: (x: number, y: number) => boolean, rule?: string): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id, expect, description, ...(rule && { rule }),
    handle: (r) => {
      const res = reference(r);
      if (!res.output || reductionOf(r) !== 'none' || r.inputs.weight || r.inputs.pos_weight) return res;
      const round = rounderOf(res.output.dtype);
      const [x, y] = [valuesOf(decodeTensor(tensorOf(r, 'logit'))), valuesOf(decodeTensor(tensorOf(r, 'label')))];
      if (!round || x.length !== y.length) return res;
      return { ...res, output: mapValues(res.output, (v, k) => (where(x[k]!, y[k]!) ? round(f(x[k]!, y[k]!, round)) : v)) };
    },
  };
}

/** pos_weight on the negative term, 1 + (1 − y)(w − 1): the loss of (−x, 1 − y) with pos_weight where it belongs. */
function posWeightOnNegativeTerm(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'bce-logits-pos-weight-on-negative-term', expect: 'killed', rule: 'bce-logits-pos-weight-on-positive-term',
    description: 'weights the −log(1 − σ(x)) term by pos_weight instead of the −log σ(x) term',
    handle: (r) => {
      if (!r.inputs.pos_weight) return reference(r);
      const flip = (name: string, f: (v: number) => number): ReturnType<typeof encodeTensor> => {
        const t = decodeTensor(tensorOf(r, name));
        return encodeTensor(fromValues(t.dtype, t.shape, valuesOf(t).map((v) => rounderOf(t.dtype)?.(f(v)) ?? f(v))));
      };
      return reference({ ...r, inputs: { ...r.inputs, logit: flip('logit', (v) => -v), label: flip('label', (v) => 1 - v) } });
    },
  };
}

/** weight applied after the reduction: the reduced loss times each weight element (the weight's shape). */
function weightAfterReduction(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'bce-logits-weight-after-reduction', expect: 'killed', rule: 'bce-logits-weight-before-reduction',
    description: "multiplies the 'mean' or 'sum' of the unweighted loss by weight, instead of weighting each element first",
    handle: (r) => {
      const red = reductionOf(r);
      if (!r.inputs.weight || (red !== 'mean' && red !== 'sum' && red !== undefined && red !== null)) return reference(r);
      const { weight, ...inputs } = r.inputs;
      const res = reference({ ...r, inputs, grad: undefined, grad_output: undefined });
      if (!res.output || res.output.shape.length !== 0) return reference(r);
      const w = decodeTensor(weight);
      const s = valuesOf(decodeTensor(res.output))[0]!;
      const round = rounderOf(res.output.dtype) ?? ((v: number) => v);
      return { id: r.id, output: encodeTensor(fromValues(res.output.dtype as WireDType, w.shape, valuesOf(w).map((v) => round(s * v)))) };
    },
  };
}

/** Rule sigmoid-ce-grad-at-zero's alternative: the gradient at logit ±0 is σ(0) − y = 0.5 − y, one more than Paddle's. */
function gradRightAtZero(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'bce-logits-grad-right-at-zero', expect: 'killed', rule: 'sigmoid-ce-grad-at-zero',
    description: 'gives σ(0) − y at logit ±0 without pos_weight, where Paddle 3.x gives −y − 0.5',
    handle: (r: PortRequest): ResponseJson => {
      const res = reference(r);
      if (!res.grad?.logit || r.grad_output || r.inputs.pos_weight || r.inputs.weight || reductionOf(r) !== 'none') return res;
      const x = valuesOf(decodeTensor(tensorOf(r, 'logit')));
      return editGrad(res, 'logit', (g, k) => (x[k] === 0 ? g + 1 : g));
    },
  };
}

/** Rule sigmoid-ce-kernel-dtype-of-last-input's alternative: the kernel chosen by logit's dtype (a float16 logit raises NotFound). */
function kernelOfLogitDtype(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'bce-logits-kernel-of-logit-dtype', expect: 'killed', rule: 'sigmoid-ce-kernel-dtype-of-last-input',
    description: "chooses the kernel by logit's dtype: a float16 or integer logit with a float32 label raises RuntimeError (NotFound), not ValueError",
    handle: (r) => {
      const res = reference(r);
      const dtype = r.inputs.logit?.dtype;
      if (!res.error || res.error.type !== 'ValueError' || dtype === 'float32' || dtype === 'float64') return res;
      return { id: r.id, error: { type: 'RuntimeError', message: `(NotFound) The kernel with key (CPU, Undefined(AnyLayout), ${dtype}) of kernel \`sigmoid_cross_entropy_with_logits\` is not registered.` } };
    },
  };
}

const stable: Element = (x, y, round) => round(round(Math.max(x, 0) - round(x * y)) + round(Math.log1p(Math.exp(-Math.abs(x)))));
const naive: Element = (x, y, round) => {
  const s = round(1 / round(1 + round(Math.exp(-x))));
  return round(round(-y * round(Math.log(s))) - round(round(1 - y) * round(Math.log(round(1 - s)))));
};

/** binary_cross_entropy_with_logits's mutants, over its descriptor. */
export function binaryCrossEntropyWithLogitsMutants(OP: Op): readonly Variant[] {
  return [
    reductionCheckedLast(OP, 'bce-logits-reduction-checked-last', 'bce-logits-reduction-checked-first'),
    sumAndMeanSwapped(OP, 'bce-logits-sum-and-mean-swapped'),
    layerIgnoresLegacyArguments(OP, 'bce-logits-layer-ignores-legacy-arguments', 'bce-logits-layer-legacy-arguments'),
    meanOfEmptyIsZero(OP, 'bce-logits-mean-of-empty-is-0', 'mean-all-of-empty-is-nan'),
    sumOfEmptyRaises(OP, 'bce-logits-sum-of-empty-raises', 'sum-of-empty-is-zero'),
    meanGradTimesReciprocal(OP, 'bce-logits-mean-grad-times-reciprocal', 'mean-all-grad-divides-by-count', 'passes'),
    posWeightOnNegativeTerm(OP),
    weightAfterReduction(OP),
    gradRightAtZero(OP),
    kernelOfLogitDtype(OP),
    elementwise(OP, 'bce-logits-naive-formula', 'killed', '−y·log σ(x) − (1 − y)·log(1 − σ(x)) as written: log 0 past |x| ≈ 17 (float32), where Paddle is stable',
      naive, (x) => Number.isFinite(x), 'sigmoid-ce-two-stable-forms'),
    elementwise(OP, 'bce-logits-ignore-index-computed', 'killed', 'computes a label of −100 like any other, where Paddle gives 0',
      stable, (x, y) => Number.isFinite(x) && Math.trunc(y) === -100, 'sigmoid-ce-ignore-index'),
    elementwise(OP, 'bce-logits-stable-log1p', 'passes', 'max(x, 0) − x·y + log1p(exp(−|x|)): another stable arrangement, within the derived bound',
      stable, (x, y) => Number.isFinite(x) && Number.isFinite(y) && Math.trunc(y) !== -100),
  ];
}
