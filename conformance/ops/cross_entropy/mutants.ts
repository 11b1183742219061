/**
 * cross_entropy's mutants: the classic cross-entropy bugs (the mean over every label instead of the kept ones,
 * the weighted mean over N instead of Σw, axis ignored, log(softmax) without the max shift, which overflows at
 * logits of 100), each rule's alternative, and correct variants that only round otherwise.
 */
import type { ResponseJson } from '../../case.js';
import type { OpDescriptor } from '../../op.js';
import type { PortRequest } from '../../port.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf, type TensorJson, type WireDType } from '../../wire.js';
import { meanGradNotDivided } from '../../mutants/common.js';
import { computesIn, layerIgnoresLegacyArguments } from '../../mutants/kernel_alternatives.js';
import { bindOp, castTo, mapValues, rounderOf, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';

type Op = Omit<OpDescriptor, 'mutants'>;
const int = (v: unknown, fallback: number): number => (typeof v === 'object' && v !== null && 'int' in v ? Number((v as { int: number }).int) : fallback);
const retensor = (t: TensorJson, dtype: WireDType, values: number[], shape = decodeTensor(t).shape): TensorJson => encodeTensor(fromValues(dtype, shape, values));

/** cross_entropy's mutants, over its descriptor. */
export function crossEntropyMutants(OP: Op): readonly Variant[] {
  const { reference, argsOf, withArgs } = bindOp(OP);
  const a = (r: PortRequest) => argsOf(r);
  const ignoreOf = (r: PortRequest) => int(a(r).ignore_index, -100);
  const labels = (r: PortRequest) => valuesOf(decodeTensor(tensorOf(r, 'label')));
  const input = (r: PortRequest) => decodeTensor(tensorOf(r, 'input'));
  const soft = (r: PortRequest) => a(r).soft_label === true || Number(a(r).label_smoothing ?? 0) > 0;
  const isMean = (r: PortRequest) => (a(r).reduction ?? 'mean') === 'mean';
  /** The 0-D output sum / n, in the output's dtype. */
  const sumOver = (r: PortRequest, n: (r: PortRequest) => number): ResponseJson => {
    const res = reference(withArgs(r, { reduction: 'sum' }));
    if (!res.output) return res;
    const t = decodeTensor(res.output);
    const round = rounderOf(t.dtype);
    return round ? { ...reference(r), output: retensor(res.output, t.dtype as WireDType, [round(valuesOf(t)[0]! / n(r))], []) } : reference(r);
  };
  const rowsOf = (r: PortRequest) => (soft(r) ? input(r).shape.slice(0, -1).reduce((x, y) => x * y, 1) : labels(r).length);
  const when = (v: Omit<Variant, 'handle'>, takes: (r: PortRequest) => boolean, answer: (r: PortRequest) => ResponseJson): Variant => ({
    ...v, handle: (r) => { let t = false; try { t = takes(r); } catch { t = false; } return t ? answer(r) : reference(r); },
  });
  /** −log softmax(x)_y in float64 along the axis, rounded to the dtype, for hard labels: the textbook loss. */
  const textbook = (r: PortRequest, clipped: boolean): number[] => {
    const x = input(r);
    const axis = (int(a(r).axis, -1) + x.shape.length) % x.shape.length;
    const c = x.shape[axis]!;
    const remain = x.shape.slice(axis + 1).reduce((p, q) => p * q, 1);
    const xs = valuesOf(x);
    return labels(r).map((y, k) => {
      const i = Math.floor(k / remain), j = k % remain;
      const row = Array.from({ length: c }, (_, t) => xs[(i * c + t) * remain + j]!);
      const m = Math.max(...row);
      const shift = (v: number) => (clipped ? Math.max(v - m, -64) : v - m);
      return rounderOf(x.dtype)!(-(shift(row[y]!) - Math.log(row.reduce((s, v) => s + Math.exp(shift(v)), 0))));
    });
  };
  /** Unweighted hard labels in range, finite logits, 'none': the requests the textbook loss answers; `last` picks the axis. */
  const plain = (r: PortRequest, last: boolean) => {
    const x = input(r);
    const axis = (int(a(r).axis, -1) + x.shape.length) % x.shape.length;
    return a(r).reduction === 'none' && !soft(r) && a(r).use_softmax !== false && r.inputs.weight === undefined && x.shape.length >= 2 && (axis === x.shape.length - 1) === last
      && x.shape.slice(axis + 1).every((d) => d === 1) === last && valuesOf(x).every(Number.isFinite) && labels(r).every((y) => y >= 0 && y < x.shape[axis]! && y !== ignoreOf(r));
  };
  const withOutput = (r: PortRequest, values: number[]): ResponseJson => { const res = reference(r); return res.output ? { ...res, output: retensor(res.output, decodeTensor(res.output).dtype as WireDType, values) } : res; };
  return [
    when({ id: 'cross-entropy-mean-over-all-labels', expect: 'killed', description: "'mean' divides by every label, the ignored ones (ignore_index >= 0) too" },
      (r) => isMean(r) && ignoreOf(r) >= 0 && !soft(r) && r.inputs.weight === undefined, (r) => sumOver(r, rowsOf)),
    when({ id: 'cross-entropy-weighted-mean-over-n', expect: 'killed', description: "the weighted 'mean' divides by N instead of Σ weight[label]" },
      (r) => isMean(r) && r.inputs.weight !== undefined, (r) => sumOver(r, rowsOf)),
    when({ id: 'cross-entropy-axis-ignored', expect: 'killed', description: 'takes the classes along the last axis whatever axis says' },
      (r) => a(r).axis !== undefined, (r) => reference(withArgs(r, { axis: undefined }))),
    when({ id: 'cross-entropy-log-of-softmax-unshifted', expect: 'killed', description: 'log(exp(x) / Σ exp(x)) without the max shift: a logit above 88.7 (float32) overflows exp, and its row is NaN' },
      (r) => a(r).use_softmax !== false && valuesOf(input(r)).some((v) => v > (input(r).dtype === 'float64' ? 709.78 : 88.72)), (r) => {
        const res = reference(r);
        return res.output ? { ...res, output: mapValues(res.output, () => NaN), ...(res.grad && { grad: { input: mapValues(res.grad.input!, () => NaN) } }) } : res;
      }),
    when({ id: 'cross-entropy-mean-leaves-out-ignored-always', expect: 'killed', rule: 'cross-entropy-mean-counts-ignored-below-zero', description: "'mean' divides by the labels not equal to a negative ignore_index too (PyTorch's way)" },
      (r) => isMean(r) && !soft(r) && r.inputs.weight === undefined && labels(r).includes(ignoreOf(r)), (r) => sumOver(r, (q) => Math.max(1, labels(q).filter((y) => y !== ignoreOf(q)).length))),
    when({ id: 'cross-entropy-label-smoothing-skips-ignored', expect: 'killed', rule: 'cross-entropy-label-smoothing-smooths-every-label', description: "label_smoothing leaves the labels equal to ignore_index out (loss 0, not counted), PyTorch's way" },
      (r) => Number(a(r).label_smoothing ?? 0) > 0 && decodeTensor(tensorOf(r, 'label')).dtype.startsWith('int') && labels(r).includes(ignoreOf(r)), (r) => {
        const ys = labels(r);
        const kept = ys.map((y) => y !== ignoreOf(r));
        const q = withArgs({ ...r, inputs: { ...r.inputs, label: retensor(tensorOf(r, 'label'), 'int64', ys.map((y, i) => (kept[i] ? y : 0))) } }, { reduction: 'none', ignore_index: undefined });
        const res = reference(q);
        if (!res.output) return res;
        const t = decodeTensor(res.output);
        const rows = valuesOf(t).map((v, i) => (kept[i] ? v : 0));
        const round = rounderOf(t.dtype)!;
        const total = round(rows.reduce((s, v) => s + v, 0));
        const red = a(r).reduction ?? 'mean';
        const value = red === 'none' ? rows : [red === 'sum' ? total : round(total / Math.max(1, kept.filter(Boolean).length))];
        return { id: r.id, output: retensor(res.output, t.dtype as WireDType, value, red === 'none' ? t.shape : []) };
      }),
    when({ id: 'cross-entropy-soft-mean-over-rows', expect: 'killed', rule: 'cross-entropy-soft-mean-counts-entries', description: "soft labels with ignore_index >= 0: 'mean' divides by the N rows" },
      (r) => isMean(r) && soft(r) && ignoreOf(r) >= 0 && r.inputs.weight === undefined, (r) => sumOver(r, rowsOf)),
    when({ id: 'cross-entropy-loss-in-input-dtype', expect: 'killed', rule: 'cross-entropy-weight-dtype-wins', description: "returns the loss in the input's dtype whatever the weight's" },
      (r) => r.inputs.weight !== undefined && decodeTensor(tensorOf(r, 'weight')).dtype !== input(r).dtype, (r) => {
        const res = reference(r);
        return res.output ? { ...res, output: castTo(res.output, input(r).dtype as 'float32' | 'float64') } : res;
      }),
    when({ id: 'cross-entropy-arguments-coerced', expect: 'killed', rule: 'cross-entropy-argument-types', description: 'coerces its keywords as Python would (bool(v), int(v)), None taking the default' },
      (r) => ['soft_label', 'use_softmax', 'ignore_index', 'axis', 'label_smoothing'].some((k) => k in a(r)), (r) => {
        const args = a(r);
        const b = (k: string, d: boolean) => (args[k] === undefined ? undefined : args[k] === null ? d : Boolean(typeof args[k] === 'object' ? int(args[k], 0) : args[k]));
        const n = (k: string, d: number) => (args[k] === undefined ? undefined : args[k] === null ? { int: d } : { int: Math.trunc(int(args[k], Number(args[k]))) % 2 ** 31 });
        return reference(withArgs(r, { soft_label: b('soft_label', false), use_softmax: b('use_softmax', true), ignore_index: n('ignore_index', -100), axis: n('axis', -1), label_smoothing: args.label_smoothing === null ? 0 : args.label_smoothing === true ? 1 : args.label_smoothing }));
      }),
    when({ id: 'cross-entropy-label-smooth-in-float64', expect: 'killed', rule: 'label-smooth-float32-epsilon', description: 'smooths a float64 label by the float64 constants 1 − ε and ε / C' },
      (r) => input(r).dtype === 'float64' && typeof a(r).label_smoothing === 'number' && Number(a(r).label_smoothing) > 0 && Number(a(r).label_smoothing) <= 1, (r) => {
        const x = input(r);
        const c = x.shape.at(-1)!;
        const eps = Number(a(r).label_smoothing);
        const l = decodeTensor(tensorOf(r, 'label'));
        const hot = l.shape.length === x.shape.length ? valuesOf(l) : valuesOf(l).flatMap((y) => Array.from({ length: c }, (_, j) => (j === y ? 1 : 0)));
        const label = retensor(tensorOf(r, 'label'), 'float64', hot.map((v) => (1 - eps) * v + eps / c), x.shape);
        return reference(withArgs({ ...r, inputs: { ...r.inputs, label } }, { label_smoothing: undefined, soft_label: true }));
      }),
    meanGradNotDivided(OP, 'cross-entropy-mean-grad-not-divided-by-n'),
    layerIgnoresLegacyArguments(OP, 'cross-entropy-layer-ignores-legacy-arguments', 'cross-entropy-layer-legacy-arguments'),
    when({ id: 'cross-entropy-softmax-shift-unclipped', expect: 'killed', rule: 'softmax-shift-clipped-at-64', description: 'the exact log-softmax, a logit more than 64 below the maximum not clipped (logits [0, 1000], label 0: 1000, not 64)' },
      (r) => plain(r, true), (r) => withOutput(r, textbook(r, false))),
    when({ id: 'cross-entropy-softmax-in-float64', expect: 'passes', rule: 'softmax-avx-rows', description: 'the clipped log-softmax along the last axis in float64, rounded once' },
      (r) => plain(r, true), (r) => withOutput(r, textbook(r, true))),
    when({ id: 'cross-entropy-nan-logit-positive-nan', expect: 'killed', rule: 'softmax-avx-rows', bitwiseOnly: true, description: 'a NaN logit gives its row +NaN, where Paddle negates log(NaN) into −NaN' },
      (r) => a(r).reduction === 'none' && valuesOf(input(r)).some(Number.isNaN), (r) => { const res = reference(r); return res.output ? { ...res, output: mapValues(res.output, (v) => (Number.isNaN(v) ? NaN : v)) } : res; }),
    when({ id: 'cross-entropy-softmax-columns-in-float64', expect: 'passes', rule: 'softmax-eigen-columns', description: 'the clipped log-softmax along a middle axis in float64, rounded once' },
      (r) => plain(r, false), (r) => withOutput(r, textbook(r, true))),
    when({ id: 'cross-entropy-log-zero-is-inf', expect: 'killed', rule: 'cross-entropy-hard-label-log-clamped', description: "−log 0 is +inf and −log 1 is +0, the C library's log unclamped" },
      (r) => a(r).use_softmax === false && !soft(r), (r) => { const res = reference(r); return res.output ? { ...res, output: mapValues(res.output, (v) => (v === Math.fround(1e20) ? Infinity : v === 0 ? 0 : v)) } : res; }),
    when({ id: 'cross-entropy-out-of-range-ignored', expect: 'killed', rule: 'cross-entropy-label-out-of-range', description: 'a class index outside [0, C) is treated as ignored (loss 0) instead of refused' },
      (r) => !soft(r) && labels(r).some((y) => y !== ignoreOf(r) && (y < 0 || y >= input(r).shape.at(int(a(r).axis, -1))!)), (r) => {
        const c = input(r).shape.at(int(a(r).axis, -1))!;
        return reference({ ...r, inputs: { ...r.inputs, label: retensor(tensorOf(r, 'label'), decodeTensor(tensorOf(r, 'label')).dtype as WireDType, labels(r).map((y) => (y < 0 || y >= c ? ignoreOf(r) : y))) } });
      }),
    when({ id: 'cross-entropy-soft-label-cast', expect: 'killed', rule: 'cross-entropy-soft-label-dtype', description: "casts a soft label to the input's dtype instead of refusing it" },
      (r) => a(r).soft_label === true && decodeTensor(tensorOf(r, 'label')).dtype !== input(r).dtype, (r) => reference({ ...r, inputs: { ...r.inputs, label: retensor(tensorOf(r, 'label'), input(r).dtype as WireDType, labels(r)) } })),
    computesIn(OP, ['float16', 'bfloat16', 'int32', 'int64'], 'cross-entropy-other-dtypes-computed', 'cross-entropy-float-kernels-only', 'computes float16, bfloat16 and integer logits in float32 and rounds back'),
    when({ id: 'cross-entropy-float-label-grad-computed', expect: 'killed', rule: 'cross-entropy-hard-label-grad-integer-only', description: "gives a float hard label's input a gradient, as its forward takes it" },
      (r) => r.grad !== undefined && !soft(r) && decodeTensor(tensorOf(r, 'label')).dtype.startsWith('float'), (r) => reference({ ...r, inputs: { ...r.inputs, label: retensor(tensorOf(r, 'label'), 'int64', labels(r).map(Math.trunc)) } })),
    when({ id: 'cross-entropy-one-hot-out-of-range-zero', expect: 'killed', rule: 'one-hot-index-checked-in-order', description: 'label_smoothing one-hots an index outside [0, C) as a row of zeros (then smoothed) instead of refusing it' },
      (r) => Number(a(r).label_smoothing ?? 0) > 0 && !a(r).soft_label && decodeTensor(tensorOf(r, 'label')).dtype.startsWith('int') && labels(r).some((y) => y < 0 || y >= input(r).shape.at(-1)!), (r) => {
        const c = input(r).shape.at(-1)!;
        const ys = labels(r);
        const hot = ys.flatMap((y) => Array.from({ length: c }, (_, j) => (j === y ? 1 : 0)));
        return reference({ ...r, inputs: { ...r.inputs, label: retensor(tensorOf(r, 'label'), 'float32', hot, [...decodeTensor(tensorOf(r, 'label')).shape, c]) } });
      }),
  ];
}
