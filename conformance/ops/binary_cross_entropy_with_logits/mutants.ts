/**
 * binary_cross_entropy_with_logits's mutants: each rule's alternative and the natural bugs of the loss (issue 21):
 * pos_weight on the wrong term, weight after the reduction, the naive formula where Paddle is stable; and one
 * correct variant, a differently arranged stable form (log1p), within the derived bound.
 */
import { meanGradNotDivided, meanGradTimesReciprocal, meanOfEmptyIsZero, reductionCheckedLast, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import { editGrad, layerIgnoresLegacyArguments, promotesAllToWidestFloat, promotesIntWithFloat } from '../../mutants/kernel_alternatives.js';
import { bindOp, mapValues, rounderOf, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
import { broadcastIndex, broadcastShapes } from '../../../reference/broadcast.js';
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
    id: 'bce-logits-pos-weight-on-negative-term', expect: 'killed',
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
    id: 'bce-logits-weight-after-reduction', expect: 'killed',
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

/** The shape of a request's tensor, or undefined when it is not given. */
function shapeOf(r: PortRequest, name: string): readonly number[] | undefined {
  return r.inputs[name] && decodeTensor(r.inputs[name]!).shape;
}

/** A tensor of the request expanded to a shape it broadcasts to. */
function expandedTo(r: PortRequest, name: string, shape: readonly number[]): ReturnType<typeof encodeTensor> {
  const t = decodeTensor(tensorOf(r, name));
  const v = valuesOf(t);
  const index = broadcastIndex(t.shape, shape);
  return encodeTensor(fromValues(t.dtype, shape, Array.from(index, (i) => v[i]!)));
}

/** Rule bce-logits-pos-weight-broadcasts' alternative: pos_weight must be the page's vector of C classes (label's last dimension). */
function posWeightMustBeClassVector(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'bce-logits-pos-weight-must-be-class-vector', expect: 'killed', rule: 'bce-logits-pos-weight-broadcasts',
    description: "refuses a pos_weight that is not a vector of the label's last dimension, as the page describes it",
    handle: (r) => {
      const [w, y] = [shapeOf(r, 'pos_weight'), shapeOf(r, 'label')];
      if (!w || !y || (w.length === 1 && w[0] === y[y.length - 1])) return reference(r);
      return { id: r.id, error: { type: 'ValueError', message: `pos_weight [${w.join(', ')}] must be a vector of ${y[y.length - 1]} classes` } };
    },
  };
}

/** Rule bce-logits-weight-mean-over-count's alternative: the weighted mean divides by Σ weight (over the broadcast), as PyTorch's nll_loss does. */
function weightedMeanOverWeights(op: Op): Variant {
  const { reference, reductionOf, withArgs } = bindOp(op);
  return {
    id: 'bce-logits-weighted-mean-over-weights', expect: 'killed', rule: 'bce-logits-weight-mean-over-count',
    description: "divides 'mean' by the sum of the broadcast weights instead of the element count",
    handle: (r) => {
      const res = reference(r);
      const red = reductionOf(r);
      if (!r.inputs.weight || !res.output || (red !== 'mean' && red !== undefined)) return res;
      const sum = reference(withArgs(r, { reduction: 'sum' }));
      const none = reference(withArgs(r, { reduction: 'none' }));
      const round = rounderOf(res.output.dtype);
      if (!sum.output || !none.output || !round) return res;
      const w = valuesOf(decodeTensor(r.inputs.weight));
      const total = (w.reduce((a, b) => a + b, 0) * none.output.shape.reduce((a, b) => a * b, 1)) / w.length;
      return { ...res, output: mapValues(sum.output, (v) => round(v / total)) };
    },
  };
}

/** Rule sigmoid-ce-shapes-must-equal's alternative: a label that broadcasts to logit's shape is expanded. */
function labelBroadcasts(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'bce-logits-label-broadcasts', expect: 'killed', rule: 'sigmoid-ce-shapes-must-equal',
    description: "broadcasts a label to logit's shape instead of refusing it",
    handle: (r) => {
      const [x, y] = [shapeOf(r, 'logit'), shapeOf(r, 'label')];
      if (!x || !y || x.join() === y.join()) return reference(r);
      let shape: readonly number[];
      try { shape = broadcastShapes(x, y); } catch { return reference(r); }
      if (shape.join() !== x.join()) return reference(r);
      return reference({ ...r, inputs: { ...r.inputs, label: expandedTo(r, 'label', shape) } });
    },
  };
}

/** Rule multiply-broadcasts' alternative: a weight of another shape than logit's or the page's per-batch-item [N, 1, …] is refused. */
function weightMustMatch(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'bce-logits-weight-must-match', expect: 'killed', rule: 'multiply-broadcasts',
    description: "refuses a weight whose shape is neither logit's nor one per batch item ([N, 1, …]) instead of broadcasting it",
    handle: (r) => {
      const [x, w] = [shapeOf(r, 'logit'), shapeOf(r, 'weight')];
      const perItem = (s: readonly number[]): readonly number[] => s.map((d, i) => (i === 0 ? d : 1));
      if (!x || !w || x.join() === w.join() || (x.length > 0 && perItem(x).join() === w.join())) return reference(r);
      return { id: r.id, error: { type: 'ValueError', message: `weight [${w.join(', ')}] must have logit's shape [${x.join(', ')}]` } };
    },
  };
}

const stable: Element = (x, y, round) => round(round(Math.max(x, 0) - round(x * y)) + round(Math.log1p(Math.exp(-Math.abs(x)))));
/** Paddle's pos_weight form with p = 1, (log(exp(−m) + exp(−x − m)) + m) + (1 − y)·x, m = max(−x, 0): stable, but inf − inf elsewhere. */
const posWeightForm: Element = (x, y, round) => {
  const m = Math.max(-x, 0);
  return round(round(round(Math.log(round(round(Math.exp(-m)) + round(Math.exp(round(-x - m)))))) + m) + round(round(1 - y) * x));
};
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
    meanGradNotDivided(OP, 'bce-logits-mean-grad-not-divided-by-n'),
    promotesAllToWidestFloat(OP, 'bce-logits-promotes-all-to-float64'),
    promotesIntWithFloat(OP, 'bce-logits-promotes-int-with-float'),
    posWeightMustBeClassVector(OP),
    weightedMeanOverWeights(OP),
    labelBroadcasts(OP),
    weightMustMatch(OP),
    posWeightOnNegativeTerm(OP),
    weightAfterReduction(OP),
    gradRightAtZero(OP),
    kernelOfLogitDtype(OP),
    elementwise(OP, 'bce-logits-naive-formula', 'killed', '−y·log σ(x) − (1 − y)·log(1 − σ(x)) as written: log 0 past |x| ≈ 17 (float32), where Paddle is stable',
      naive, (x) => Number.isFinite(x), 'sigmoid-ce-two-stable-forms'),
    elementwise(OP, 'bce-logits-pos-weight-form-throughout', 'killed', "the pos_weight form (p = 1) without pos_weight too: the other stable form, ±inf's NaN and inf swapped",
      posWeightForm, (_x, y) => Math.trunc(y) !== -100, 'sigmoid-ce-two-stable-forms'),
    elementwise(OP, 'bce-logits-ignore-index-computed', 'killed', 'computes a label of −100 like any other, where Paddle gives 0',
      stable, (x, y) => Number.isFinite(x) && Math.trunc(y) === -100, 'sigmoid-ce-ignore-index'),
    elementwise(OP, 'bce-logits-stable-log1p', 'passes', 'max(x, 0) − x·y + log1p(exp(−|x|)): another stable arrangement, within the derived bound',
      stable, (x, y) => Number.isFinite(x) && Number.isFinite(y) && Math.trunc(y) !== -100),
  ];
}
