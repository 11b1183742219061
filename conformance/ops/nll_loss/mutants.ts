/**
 * nll_loss's mutants: the classic class-index bugs (the mean over every label, the weighted mean over N,
 * ignore_index ignored, the weight after the reduction, N-D input flattened without moving the class axis)
 * and each rule's alternative; a pairwise summation is a correct variant.
 */
import { layerIgnoresLegacyArguments, computesIn } from '../../mutants/kernel_alternatives.js';
import { meanGradNotDivided, reductionCheckedLast, sumAndMeanSwapped } from '../../mutants/common.js';
import { bindOp, mapValues, reshape, rounderOf, scalarTensor, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { PortRequest } from '../../port.js';
import type { OpDescriptor } from '../../op.js';
import type { ResponseJson } from '../../case.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf } from '../../wire.js';

type Op = Omit<OpDescriptor, 'mutants'>;

/** The kept labels' weights (ignore_index skipped) and the count of every label read, from the request. */
function labelsOf(op: Op, r: PortRequest): { weights: number[]; all: number } {
  const x = tensorOf(r, 'input');
  const ys = valuesOf(decodeTensor(tensorOf(r, 'label')));
  const w = r.inputs.weight ? valuesOf(decodeTensor(r.inputs.weight)) : undefined;
  const v = bindOp(op).argsOf(r).ignore_index ?? -100;
  const ignore = typeof v === 'object' && v !== null && 'int' in v ? v.int : v;
  const all = x.shape[0]! * x.shape.slice(2).reduce((a, b) => a * b, 1);
  return { weights: ys.slice(0, all).filter((y) => y !== ignore).map((y) => (w ? w[y]! : 1)), all };
}

/** A reduced result recomputed from the sum: `divisor` of the request (undefined keeps Paddle's). */
function meanOver(op: Op, id: string, rule: string | undefined, description: string, divisor: (r: PortRequest) => number | undefined): Variant {
  const { reference, reductionOf, withArgs } = bindOp(op);
  return {
    id, expect: 'killed', ...(rule && { rule }), description,
    handle: (r) => {
      const res = reference(r);
      const n = res.output && reductionOf(r) === 'mean' ? divisor(r) : undefined;
      const sum = n === undefined ? undefined : reference({ ...withArgs(r, { reduction: 'sum' }), grad: undefined, grad_output: undefined }).output;
      if (!sum || n === undefined) return res;
      const round = rounderOf(sum.dtype)!;
      return { ...res, output: scalarTensor(sum.dtype as 'float32', round(valuesOf(decodeTensor(sum))[0]! / n)) };
    },
  };
}

/** The request changed before the reference sees it (undefined: unchanged). */
function edited(op: Op, id: string, rule: string | undefined, description: string, edit: (r: PortRequest) => PortRequest | ResponseJson | undefined): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect: 'killed', ...(rule && { rule }), description,
    handle: (r) => {
      const e = edit(r);
      return e === undefined ? reference(r) : 'inputs' in e ? { ...reference(e), id: r.id } : e;
    },
  };
}

const int64 = (shape: readonly number[], values: number[]) => encodeTensor(fromValues('int64', shape, values));
const raise = (r: PortRequest, message: string): ResponseJson => ({ id: r.id, error: { type: 'ValueError', message } });

/** N-D input read as [N·d, C] rows, the class axis never moved to the end: the classic reshape bug. */
function ndFlattenedWithoutTranspose(op: Op): Variant {
  const { reference, reductionOf } = bindOp(op);
  return {
    id: 'nll-nd-flattened-without-moving-class-axis', expect: 'killed',
    description: 'reads an input [N, C, d…] as rows [N·d, C] of its memory (a reshape without moving the class axis last)',
    handle: (r) => {
      const [x, y] = [tensorOf(r, 'input'), tensorOf(r, 'label')];
      const [c, rows] = [x.shape[1]!, x.shape.reduce((a, b) => a * b, 1) / Math.max(1, x.shape[1]!)];
      if (x.shape.length < 3 || y.shape.reduce((a, b) => a * b, 1) !== rows) return reference(r);
      const res = reference({ ...r, inputs: { ...r.inputs, input: reshape(x, [rows, c]), label: reshape(y, [rows]) } });
      const none = reductionOf(r) === 'none';
      return { ...res, id: r.id, ...(res.output && none && { output: reshape(res.output, [x.shape[0]!, ...x.shape.slice(2)]) }), ...(res.grad?.input && { grad: { input: reshape(res.grad.input, [...x.shape]) } }) };
    },
  };
}

/** Sums the kept losses (and the weights) pairwise: inside the derived bound. */
function pairwiseSums(op: Op): Variant {
  const { reference, reductionOf, withArgs } = bindOp(op);
  const pairwise = (v: number[], round: (x: number) => number): number => (v.length === 0 ? 0 : v.length === 1 ? v[0]! : round(pairwise(v.slice(0, v.length >> 1), round) + pairwise(v.slice(v.length >> 1), round)));
  return {
    id: 'nll-pairwise-sums', expect: 'passes',
    description: 'sums the losses and the total weight pairwise instead of in label order',
    handle: (r) => {
      const res = reference(r);
      const reduction = reductionOf(r);
      if (!res.output || (reduction !== 'sum' && reduction !== 'mean')) return res;
      const none = reference({ ...withArgs(r, { reduction: 'none' }), grad: undefined, grad_output: undefined }).output;
      if (!none) return res;
      const round = rounderOf(none.dtype)!;
      const s = pairwise(valuesOf(decodeTensor(none)).map((v) => v + 0), round);
      const w = pairwise(labelsOf(op, r).weights, round);
      return { ...res, output: scalarTensor(none.dtype as 'float32', reduction === 'mean' && w !== 0 ? round(s / w) : s) };
    },
  };
}

/** nll_loss's mutants, over its descriptor. */
export function nllLossMutants(op: Op): readonly Variant[] {
  const { reference, argsOf, withArgs, reductionOf } = bindOp(op);
  const total = (r: PortRequest): number => labelsOf(op, r).weights.reduce((a, b) => a + b, 0);
  return [
    meanOver(op, 'nll-mean-over-all-labels', undefined, 'divides the mean by the count of every label, the ignored ones included', (r) => labelsOf(op, r).all),
    meanOver(op, 'nll-weighted-mean-over-n', undefined, 'divides the weighted mean by the count of kept labels, not by the sum of their weights', (r) => labelsOf(op, r).weights.length),
    meanOver(op, 'nll-zero-total-weight-is-nan', 'nll-loss-mean-divides-by-total-weight', 'divides by a total weight of 0 too (NaN), as PyTorch does', (r) => (total(r) === 0 ? 0 : undefined)),
    edited(op, 'nll-weight-after-reduction', undefined, "reduces the unweighted loss, then multiplies by the kept labels' mean weight", (r) => {
      const { weights } = labelsOf(op, r);
      if (!r.inputs.weight || reductionOf(r) === 'none' || weights.length === 0) return undefined;
      const { weight: _w, ...inputs } = r.inputs;
      const res = reference({ ...r, inputs, grad: undefined, grad_output: undefined });
      const round = res.output && rounderOf(res.output.dtype);
      return res.output && round ? { ...res, id: r.id, output: mapValues(res.output, (v) => round(v * round(total(r) / weights.length))) } : undefined;
    }),
    edited(op, 'nll-ignore-index-ignored', undefined, 'ignores ignore_index: every label is read', (r) => withArgs(r, { ignore_index: { int: -(2 ** 40) } })),
    edited(op, 'nll-out-of-range-labels-skipped', 'nll-loss-label-range-checked', 'skips a label outside [0, C) as if ignored, instead of raising', (r) => {
      const c = tensorOf(r, 'input').shape[1] ?? 0;
      const y = tensorOf(r, 'label');
      const ys = valuesOf(decodeTensor(y));
      const v = argsOf(r).ignore_index ?? -100;
      const ignore = typeof v === 'object' && v !== null && 'int' in v ? v.int : Number(v);
      return ys.some((k) => k < 0 || k >= c) && Number.isInteger(ignore) && y.dtype === 'int64' ? { ...r, inputs: { ...r.inputs, label: int64(y.shape, ys.map((k) => (k < 0 || k >= c ? ignore : k))) } } : undefined;
    }),
    edited(op, 'nll-int32-labels-accepted', 'nll-loss-int64-labels-only', 'accepts int32 labels as int64', (r) => {
      const y = tensorOf(r, 'label');
      return y.dtype === 'int32' ? { ...r, inputs: { ...r.inputs, label: int64(y.shape, valuesOf(decodeTensor(y))) } } : undefined;
    }),
    edited(op, 'nll-ignore-index-truncated', 'nll-loss-ignore-index-long', 'takes a float ignore_index as int(v) instead of refusing it', (r) => {
      const v = argsOf(r).ignore_index;
      return typeof v === 'number' && !Number.isInteger(v) && Number.isFinite(v) ? withArgs(r, { ignore_index: { int: Math.trunc(v) } }) : undefined;
    }),
    edited(op, 'nll-label-shape-must-match', 'nll-loss-nd-through-4d', "refuses a label of N-D input unless it is [N, d1, …], as the page's shapes read", (r) => {
      const [x, y] = [tensorOf(r, 'input').shape, tensorOf(r, 'label').shape];
      return x.length > 2 && x.length !== 4 && (y.length !== x.length - 1 || y.some((d, i) => d !== x[i === 0 ? 0 : i + 1])) ? raise(r, 'label shape does not match input') : undefined;
    }),
    edited(op, 'nll-label-trailing-dims-refused', 'nll-loss-shapes-checked-by-infer-meta', 'refuses a label [N, k] with input [N, C] instead of reading its first N labels', (r) => {
      const [x, y] = [tensorOf(r, 'input').shape, tensorOf(r, 'label').shape];
      return x.length === 2 && y.length === 2 ? raise(r, 'label must be [N]') : undefined;
    }),
    edited(op, 'nll-zero-size-nd-raises', 'reshape-zero-size-by-release', 'raises for an N-D input of batch 0 (the ambiguous reshape of Paddle before 3.1.1)', (r) => {
      const x = tensorOf(r, 'input').shape;
      return x.length > 2 && x.length !== 4 && x[0] === 0 && reference(r).output ? raise(r, 'can not reshape: ambiguous') : undefined;
    }),
    edited(op, 'nll-grad-zero-when-total-weight-zero', 'nll-loss-grad-scatters-negated-weight', "gives a zero gradient where the 'mean' has a total weight of 0, as the forward guards its division", (r) => {
      if (!r.grad || reductionOf(r) !== 'mean' || total(r) !== 0) return undefined;
      const res = reference(r);
      return res.grad?.input ? { ...res, grad: { input: mapValues(res.grad.input, () => 0) } } : undefined;
    }),
    ndFlattenedWithoutTranspose(op),
    pairwiseSums(op),
    reductionCheckedLast(op, 'nll-reduction-checked-last', 'nll-loss-reduction-checked-first'),
    computesIn(op, ['float16', 'bfloat16'], 'nll-half-precision-computed', 'nll-loss-float-kernels-only', 'computes float16 and bfloat16 input in float32, where Paddle has only float32 and float64 kernels'),
    layerIgnoresLegacyArguments(op, 'nll-layer-ignores-legacy-arguments', 'nll-loss-layer-legacy-arguments'),
    sumAndMeanSwapped(op, 'nll-sum-and-mean-swapped'),
    meanGradNotDivided(op, 'nll-mean-grad-not-divided-by-n'),
  ];
}
