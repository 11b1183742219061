/**
 * multi_label_margin_loss's mutants: each rule's alternative (what a reasonable port does where the page is
 * silent) and the natural bugs of the loss: not stopping at the first −1, the other targets counted among the
 * non-targets, the division by the number of targets instead of C. The forward-formula variants compute each
 * row's loss from the page's formula in the input's dtype (rowLosses) and keep the reference's gradients.
 */
import { withPaddleRelease } from '../../../reference/release.js';
import { meanGradNotDivided, meanGradTimesReciprocal, meanOfEmptyIsZero, reductionCheckedLast, sumAndMeanSwapped, sumOfEmptyRaises } from '../../mutants/common.js';
import { editGrad, layerIgnoresLegacyArguments } from '../../mutants/kernel_alternatives.js';
import { bindOp, reshape, rounderOf, scalarTensor, tensorOf, viaUnreduced } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
import type { PortRequest } from '../../port.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf, type TensorJson, type WireDType } from '../../wire.js';

type Op = Omit<OpDescriptor, 'mutants'>;

/** How a forward-formula variant departs from Paddle's computation. */
interface Formula {
  /** `textbook`: 1 − (x[y] − x[k]); Paddle's is (1 − x[y]) + x[k]. */
  margin?: 'textbook';
  /** `running`: one running sum over every target and column (PyTorch's); Paddle's sums each target's row, then the targets. */
  order?: 'running';
  /** `relu`: max(m, 0) as m > 0 ? m : 0, so NaN gives 0; Paddle's maximum keeps NaN. */
  hinge?: 'relu';
  /** Only the target itself is left out of its sum, the other targets' columns counted as non-targets. */
  otherTargetsCounted?: true;
}

/** [N, C] float input and 2-D integer label of the request; undefined for anything else. */
function operands(r: PortRequest) {
  const [x, y] = [decodeTensor(tensorOf(r, 'input')), decodeTensor(tensorOf(r, 'label'))];
  const round = rounderOf(x.dtype);
  if (!round || x.shape.length !== 2 || y.shape.length !== 2 || !['int32', 'int64'].includes(y.dtype) || y.shape[0]! > x.shape[0]!) return undefined;
  const [n, c] = x.shape as [number, number];
  const labels = valuesOf(y);
  const k = y.shape[1]!;
  const targets = Array.from({ length: n }, (_, i) => {
    const row = i < y.shape[0]! ? labels.slice(i * k, (i + 1) * k) : [];
    const end = row.indexOf(-1);
    return end < 0 ? row : row.slice(0, end);
  });
  return { x: valuesOf(x), targets, n, c, round, dtype: x.dtype };
}

/** Each row's loss by the page's formula, rounded in the input's dtype, as `f` departs from Paddle. */
function rowLosses(r: PortRequest, f: Formula): number[] | undefined {
  const o = operands(r);
  if (!o || o.targets.every((t) => t.length === 0)) return undefined;
  const { x, targets, c, round } = o;
  const hinge = (m: number): number => (f.hinge !== 'relu' && m !== m ? m : m > 0 ? m : 0);
  return targets.map((t, i) => {
    const at = (k: number): number => x[i * c + k]!;
    let total = 0;
    for (const y of t) {
      let row = 0;
      for (let k = 0; k < c; k++) {
        const skip = f.otherTargetsCounted ? k === y : t.includes(k);
        const m = f.margin === 'textbook' ? round(1 - round(at(y) - at(k))) : round(round(1 - at(y)) + at(k));
        const term = skip ? 0 : hinge(m);
        if (f.order === 'running') total = round(total + term);
        else row = round(row + term);
      }
      if (f.order !== 'running') total = round(total + row);
    }
    return round(total / c);
  });
}

/** A port whose row losses follow `f`, with the reference's gradients. */
function byFormula(op: Op, id: string, f: Formula, rest: Omit<Variant, 'id' | 'handle'>): Variant {
  const { reference } = bindOp(op);
  return { id, ...rest, handle: (r) => { const rows = rowLosses(r, f); return rows ? viaUnreduced(op, r, () => rows) : reference(r); } };
}

/** The label with each row rewritten by `f` (its values in, new values out, padded with −1), the rest of the request kept. */
function withRows(r: PortRequest, f: (row: number[]) => number[]): PortRequest {
  const y = decodeTensor(tensorOf(r, 'label'));
  if (y.shape.length !== 2 || !['int32', 'int64'].includes(y.dtype)) return r;
  const k = y.shape[1]!;
  const values = valuesOf(y);
  const rows = Array.from({ length: y.shape[0]! }, (_, i) => { const out = f(values.slice(i * k, (i + 1) * k)); return [...out, ...Array<number>(k - out.length).fill(-1)]; });
  return { ...r, inputs: { ...r.inputs, label: encodeTensor(fromValues(y.dtype, y.shape, rows.flat())) } };
}

/** Each row's list up to its first −1. */
const listed = (row: number[]): number[] => (row.indexOf(-1) < 0 ? row : row.slice(0, row.indexOf(-1)));

/** A port that rewrites the label before asking the reference. */
function relabelled(op: Op, id: string, f: (row: number[]) => number[], rest: Omit<Variant, 'id' | 'handle'>): Variant {
  const { reference } = bindOp(op);
  return { id, ...rest, handle: (r) => reference(withRows(r, f)) };
}

/** 1-D input and label taken as one sample (PyTorch's), where Paddle requires 2-D. */
function oneDAccepted(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'multi-label-margin-1-d-accepted', expect: 'killed', rule: 'multi-label-margin-2-d-only',
    description: 'takes a 1-D input and label as one sample (PyTorch does), where Paddle raises ValueError',
    handle: (r) => {
      const [x, y] = [tensorOf(r, 'input'), tensorOf(r, 'label')];
      if (x.shape.length !== 1 || y.shape.length !== 1) return reference(r);
      const res = reference({ ...r, inputs: { input: reshape(x, [1, x.shape[0]!]), label: reshape(y, [1, y.shape[0]!]) }, grad: undefined, grad_output: undefined });
      return res.output && reductionOf(r) === 'none' ? { ...res, output: reshape(res.output, []) } : res;
    },
  };
}

/** A label of another shape than the input refused, as the page's "same shape as input" reads. */
function labelShapeMustEqual(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'multi-label-margin-label-shape-must-equal', expect: 'killed', rule: 'multi-label-margin-label-shape-unchecked',
    description: "refuses a label whose shape is not input's (the page's \"same shape as input\"), where Paddle computes any 2-D label",
    handle: (r) => {
      const [x, y] = [tensorOf(r, 'input'), tensorOf(r, 'label')];
      if (x.shape.length !== 2 || y.shape.length !== 2 || x.shape.join() === y.shape.join()) return reference(r);
      return { id: r.id, error: { type: 'ValueError', message: `label shape [${y.shape.join(', ')}] is not input's [${x.shape.join(', ')}]` } };
    },
  };
}

/** No target in the whole batch: zero losses (and gradients), where Paddle's indexing by the empty index raises ValueError. */
function noTargetIsZero(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'multi-label-margin-no-target-is-zero', expect: 'killed', rule: 'multi-label-margin-no-target-raises',
    description: 'gives a batch in which no row has a target zero losses, where Paddle raises ValueError',
    handle: (r) => {
      const res = reference(r);
      const o = operands(r);
      if (res.error?.type !== 'ValueError' || !o || o.n === 0 || o.c === 0 || o.targets.some((t) => t.length > 0)) return res;
      const dtype = o.dtype as 'float32' | 'float64';
      const output = reductionOf(r) === 'none' ? encodeTensor(fromValues(dtype, [o.n], new Array<number>(o.n).fill(0))) : scalarTensor(dtype, 0);
      return { id: r.id, output, ...(r.grad && { grad: { input: encodeTensor(fromValues(dtype, [o.n, o.c], new Array<number>(o.n * o.c).fill(0))) } }) };
    },
  };
}

/** The input of one of `dtypes` computed in float32 and the result rounded back, where Paddle has no such kernel. */
function inputComputedIn(op: Op, dtypes: readonly WireDType[], id: string, rule: string, description: string): Variant {
  const { reference } = bindOp(op);
  const recast = (t: TensorJson, dtype: WireDType): TensorJson => { const d = decodeTensor(t); return encodeTensor(fromValues(dtype, d.shape, valuesOf(d))); };
  return {
    id, expect: 'killed', rule, description,
    handle: (r) => {
      const x = tensorOf(r, 'input');
      if (!dtypes.includes(x.dtype as WireDType)) return reference(r);
      const res = reference({ ...r, inputs: { ...r.inputs, input: recast(x, 'float32') } });
      return res.output && x.dtype !== 'int32' ? { ...res, output: recast(res.output, x.dtype as WireDType) } : res;
    },
  };
}

/** At a margin of exactly 0 the whole upstream passes (PyTorch's clamp_min), where Paddle's maximum gives each side half. */
function wholeGradAtKink(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'multi-label-margin-whole-grad-at-kink', expect: 'killed', rule: 'maximum-nan-and-ties',
    description: "passes the whole upstream where a margin is exactly 0 (clamp_min's subgradient), where Paddle's maximum passes half",
    handle: (r) => {
      const res = reference(r);
      const o = operands(r);
      if (!res.grad?.input || !o) return res;
      const up = r.grad_output ? valuesOf(decodeTensor(r.grad_output)) : undefined;
      const extra = new Array<number>(o.n * o.c).fill(0);
      o.targets.forEach((t, i) => {
        const g = (up ? up[reductionOf(r) === 'none' ? i : 0]! : 1) / (reductionOf(r) === 'sum' || reductionOf(r) === 'none' ? 1 : o.n) / o.c;
        for (const y of t) for (let k = 0; k < o.c; k++) {
          if (t.includes(k) || o.round(o.round(1 - o.x[i * o.c + y]!) + o.x[i * o.c + k]!) !== 0) continue;
          extra[i * o.c + k]! += g / 2;
          extra[i * o.c + y]! -= g / 2;
        }
      });
      return editGrad(res, 'input', (v, k) => (extra[k] === 0 ? v : o.round(v + extra[k]!)));
    },
  };
}

/** multi_label_margin_loss's mutants, over its descriptor. */
export function multiLabelMarginLossMutants(OP: Op): readonly Variant[] {
  const { reference } = bindOp(OP);
  return [
    relabelled(OP, 'multi-label-margin-past-first-minus-one', (row) => row.filter((v) => v !== -1), { expect: 'killed', description: 'takes every non-negative label as a target, not stopping at the first −1' }),
    byFormula(OP, 'multi-label-margin-other-targets-counted', { otherTargetsCounted: true }, { expect: 'killed', description: "leaves only the target itself out of its sum, counting the row's other targets as non-targets" }),
    {
      id: 'multi-label-margin-divides-by-target-count', expect: 'killed', description: "divides each row's sum by its number of targets instead of C",
      handle: (r) => { const o = operands(r); return o ? viaUnreduced(OP, r, (v, round) => v.map((l, i) => (o.targets[i]!.length ? round((l * o.c) / o.targets[i]!.length) : l))) : reference(r); },
    },
    byFormula(OP, 'multi-label-margin-nan-hinge-is-zero', { hinge: 'relu' }, { expect: 'killed', rule: 'maximum-nan-and-ties', description: 'takes max(m, 0) as m > 0 ? m : 0, so a NaN margin gives 0, where Paddle\'s maximum keeps the NaN' }),
    wholeGradAtKink(OP),
    // Both within the derived bound: two roundings per margin either way, the sums in another order.
    byFormula(OP, 'multi-label-margin-textbook-margin', { margin: 'textbook' }, { expect: 'passes', rule: 'multi-label-margin-sum-order', description: 'computes the margin as 1 − (x[y] − x[k]), as the page writes it' }),
    byFormula(OP, 'multi-label-margin-running-sum', { order: 'running' }, { expect: 'passes', rule: 'multi-label-margin-sum-order', description: "adds every target's terms into one running sum (PyTorch's order), then divides by C" }),
    relabelled(OP, 'multi-label-margin-duplicates-once', (row) => listed(row).filter((v, j, a) => a.indexOf(v) === j), { expect: 'killed', rule: 'multi-label-margin-duplicate-targets', description: 'counts a repeated target once (the targets as a set)' }),
    {
      id: 'multi-label-margin-range-checked-before-terminator', expect: 'killed', rule: 'multi-label-margin-label-range-checked',
      description: 'checks the label range only up to the first −1, where Paddle checks the whole label',
      handle: (r) => reference(withRows(r, listed)),
    },
    labelShapeMustEqual(OP),
    noTargetIsZero(OP),
    oneDAccepted(OP),
    {
      id: 'multi-label-margin-integer-input-refused', expect: 'killed', rule: 'multi-label-margin-integer-input',
      description: 'refuses an int64 input with TypeError (the page lists float32 and float64), where Paddle computes it',
      handle: (r) => (tensorOf(r, 'input').dtype === 'int64' ? { id: r.id, error: { type: 'TypeError', message: 'input must be float32 or float64' } } : reference(r)),
    },
    inputComputedIn(OP, ['int32'], 'multi-label-margin-int32-input-promoted', 'scatter-nd-add-same-dtype', 'computes an int32 input in float32 (scatter_nd_add promoting its operands), where Paddle raises TypeError'),
    inputComputedIn(OP, ['float16', 'bfloat16'], 'multi-label-margin-half-precision-computed', 'add-no-float16-or-bfloat16-kernel', 'computes float16 and bfloat16 inputs in float32, where Paddle has no add kernel for them'),
    { id: 'multi-label-margin-divides-by-reciprocal', expect: 'passes', rule: 'tensor-div-int-is-scale-before-3-3-1', description: "multiplies the row sums by round(1 / C) (Paddle 3.3.0's scale), within the bound", handle: (r) => withPaddleRelease('3.3.0', () => reference(r)) },
    meanGradTimesReciprocal(OP, 'multi-label-margin-mean-grad-times-reciprocal', 'mean-grad-divides-by-count', 'passes'),
    layerIgnoresLegacyArguments(OP, 'multi-label-margin-layer-ignores-legacy-arguments', 'multi-label-margin-layer-legacy-arguments'),
    reductionCheckedLast(OP, 'multi-label-margin-reduction-checked-last', 'multi-label-margin-reduction-checked-first'),
    meanOfEmptyIsZero(OP, 'multi-label-margin-mean-of-empty-is-0', 'mean-of-empty-is-nan'),
    sumOfEmptyRaises(OP, 'multi-label-margin-sum-of-empty-raises', 'sum-of-empty-is-zero'),
    sumAndMeanSwapped(OP, 'multi-label-margin-sum-and-mean-swapped'),
    meanGradNotDivided(OP, 'multi-label-margin-mean-grad-not-divided-by-n'),
  ];
}
