/**
 * softmax_with_cross_entropy's mutants: the classic bugs (log(softmax) without the max shift, axis ignored, the
 * label unsqueezed as cross_entropy does), each rule's alternative, and correct variants that only round otherwise.
 */
import type { ResponseJson } from '../../case.js';
import type { OpDescriptor } from '../../op.js';
import type { PortRequest } from '../../port.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf, type TensorJson, type WireDType } from '../../wire.js';
import { bindOp, mapValues, rounderOf, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';

type Op = Omit<OpDescriptor, 'mutants'>;
const int = (v: unknown, fallback: number): number => (typeof v === 'object' && v !== null && 'int' in v ? Number((v as { int: number }).int) : fallback);
const retensor = (t: TensorJson, dtype: WireDType, values: number[], shape = decodeTensor(t).shape): TensorJson => encodeTensor(fromValues(dtype, shape, values));

/** softmax_with_cross_entropy's mutants, over its descriptor. */
export function softmaxWithCrossEntropyMutants(OP: Op): readonly Variant[] {
  const { reference, argsOf: a, withArgs } = bindOp(OP);
  const logits = (r: PortRequest) => decodeTensor(tensorOf(r, 'logits'));
  const label = (r: PortRequest) => decodeTensor(tensorOf(r, 'label'));
  const soft = (r: PortRequest) => a(r).soft_label === true;
  const axisOf = (r: PortRequest) => { const n = logits(r).shape.length; return (((int(a(r).axis, -1) % n) + n) % n); };
  const withLabel = (r: PortRequest, t: TensorJson): PortRequest => ({ ...r, inputs: { ...r.inputs, label: t } });
  const when = (v: Omit<Variant, 'handle'>, takes: (r: PortRequest) => boolean, answer: (r: PortRequest) => ResponseJson): Variant => ({
    ...v, handle: (r) => { let t = false; try { t = takes(r); } catch { t = false; } return t ? answer(r) : reference(r); },
  });
  /** The response with the loss (one tensor, or the first of two) passed through f. */
  const mapLoss = (res: ResponseJson, f: (v: number, k: number) => number): ResponseJson => {
    if (!res.output) return res;
    const out = res.output as TensorJson | TensorJson[];
    return { ...res, output: (Array.isArray(out) ? [mapValues(out[0]!, f), out[1]!] : mapValues(out, f)) as TensorJson };
  };
  /** Hard labels in range, finite logits, the label keeping the axis; `last`: along the last axis (the AVX rows) or another (Eigen's columns). */
  const plain = (r: PortRequest, last: boolean) => {
    const x = logits(r);
    const ax = axisOf(r);
    return !soft(r) && (ax === x.shape.length - 1) === last && x.shape.slice(ax + 1).every((d) => d === 1) === last && label(r).shape.length === x.shape.length
      && valuesOf(x).every(Number.isFinite) && valuesOf(label(r)).every((y) => Number.isInteger(y) && y >= 0 && y < x.shape[ax]! && y !== int(a(r).ignore_index, -100));
  };
  /** The textbook −log softmax(x)_y in float64 along the axis, rounded once; clipped at −64 or not. */
  const textbook = (r: PortRequest, clipped: boolean) => mapLoss(reference(r), (_, k) => {
    const x = logits(r);
    const ax = axisOf(r);
    const c = x.shape[ax]!;
    const remain = x.shape.slice(ax + 1).reduce((p, q) => p * q, 1);
    const xs = valuesOf(x);
    const i = Math.floor(k / remain), j = k % remain;
    const row = Array.from({ length: c }, (_, t) => xs[(i * c + t) * remain + j]!);
    const m = Math.max(...row);
    const shift = (v: number) => (clipped ? Math.max(v - m, -64) : v - m);
    return rounderOf(x.dtype)!(-(shift(row[valuesOf(label(r))[k]!]!) - Math.log(row.reduce((s, v) => s + Math.exp(shift(v)), 0))));
  });
  return [
    when({ id: 'softmax-with-cross-entropy-log-of-softmax-unshifted', expect: 'killed', description: 'log(exp(x) / Σ exp(x)) without the max shift: a logit above 88.7 (float32) overflows exp, and its row is NaN' },
      (r) => valuesOf(logits(r)).some((v) => v > (logits(r).dtype === 'float64' ? 709.78 : 88.72)), (r) => mapLoss(reference(r), () => NaN)),
    when({ id: 'softmax-with-cross-entropy-axis-ignored', expect: 'killed', description: 'takes the classes along the last axis whatever axis says' },
      (r) => a(r).axis !== undefined, (r) => reference(withArgs(r, { axis: undefined }))),
    when({ id: 'softmax-with-cross-entropy-label-unsqueezed-at-axis', expect: 'killed', rule: 'softmax-with-cross-entropy-label-reshaped', description: "unsqueezes a label of one dimension less at axis (cross_entropy's way, and Paddle's before 3.0.0)" },
      (r) => label(r).shape.length === logits(r).shape.length - 1, (r) => {
        const shape = [...label(r).shape];
        shape.splice(axisOf(r), 0, 1);
        return reference(withLabel(r, retensor(tensorOf(r, 'label'), label(r).dtype as WireDType, valuesOf(label(r)), shape)));
      }),
    when({ id: 'softmax-with-cross-entropy-soft-label-refuses-ignore-index', expect: 'killed', rule: 'softmax-with-cross-entropy-no-label-checks', description: "refuses soft_label=True with ignore_index > 0, as cross_entropy does (ValueError)" },
      (r) => soft(r) && int(a(r).ignore_index, -100) > 0, (r) => ({ id: r.id, error: { type: 'ValueError', message: "When soft_label == True, the value of 'ignore_index' should be '-100'" } })),
    when({ id: 'softmax-with-cross-entropy-return-softmax-bool-only', expect: 'killed', rule: 'softmax-with-cross-entropy-return-softmax-truthy', description: 'returns the softmax only for return_softmax=True, the loss alone for any other value' },
      (r) => a(r).return_softmax !== undefined && typeof a(r).return_softmax !== 'boolean', (r) => reference(withArgs(r, { return_softmax: false }))),
    when({ id: 'softmax-with-cross-entropy-softmax-grad-added', expect: 'killed', rule: 'softmax-with-cross-entropy-softmax-grad-ignored', description: "adds the softmax output's backward, p ⊙ (g_s − Σ g_s·p), to the logits' gradient" },
      (r) => r.grad !== undefined && Array.isArray(r.grad_output) && r.grad_output[1] !== null && axisOf(r) === logits(r).shape.length - 1, (r) => {
        const res = reference(r);
        if (!res.grad?.logits || !Array.isArray(res.output)) return res;
        const p = valuesOf(decodeTensor((res.output as TensorJson[])[1]));
        const gs = valuesOf(decodeTensor((r.grad_output as unknown as TensorJson[])[1]));
        const c = logits(r).shape.at(-1)!;
        const round = rounderOf(logits(r).dtype)!;
        return { ...res, grad: { logits: mapValues(res.grad.logits, (g, k) => {
          const row = Math.floor(k / c) * c;
          const dot = p.slice(row, row + c).reduce((s, q, j) => s + q * gs[row + j]!, 0);
          return round(g + p[k]! * (gs[k]! - dot));
        }) } };
      }),
    when({ id: 'softmax-with-cross-entropy-softmax-shift-unclipped', expect: 'killed', rule: 'softmax-shift-clipped-at-64', description: 'the exact log-softmax, a logit more than 64 below the maximum not clipped (logits [0, 1000], label 0: 1000, not 64)' },
      (r) => plain(r, true), (r) => textbook(r, false)),
    when({ id: 'softmax-with-cross-entropy-softmax-in-float64', expect: 'passes', rule: 'softmax-avx-rows', description: 'the clipped log-softmax along the last axis in float64, rounded once' },
      (r) => plain(r, true), (r) => textbook(r, true)),
    when({ id: 'softmax-with-cross-entropy-columns-in-float64', expect: 'passes', rule: 'softmax-eigen-columns', description: 'the clipped log-softmax along a middle axis in float64, rounded once' },
      (r) => plain(r, false), (r) => textbook(r, true)),
    when({ id: 'softmax-with-cross-entropy-log-one-positive-zero', expect: 'killed', rule: 'cross-entropy-hard-label-log-clamped', bitwiseOnly: true, description: '−log 1 is +0, the negation of log p written as 0 − log p' },
      (r) => !soft(r), (r) => mapLoss(reference(r), (v) => (Object.is(v, -0) ? 0 : v))),
    when({ id: 'softmax-with-cross-entropy-out-of-range-ignored', expect: 'killed', rule: 'cross-entropy-label-out-of-range', description: 'a class index outside [0, C) is treated as ignored (loss 0) instead of refused' },
      (r) => !soft(r) && label(r).shape.length === logits(r).shape.length, (r) => {
        const c = logits(r).shape[axisOf(r)]!;
        const ignore = int(a(r).ignore_index, -100);
        return reference(withLabel(r, retensor(tensorOf(r, 'label'), label(r).dtype as WireDType, valuesOf(label(r)).map((y) => (Math.trunc(y) < 0 || Math.trunc(y) >= c ? ignore : y)))));
      }),
    when({ id: 'softmax-with-cross-entropy-soft-label-cast', expect: 'killed', rule: 'cross-entropy-soft-label-dtype', description: "casts a soft label to the logits' dtype instead of refusing it" },
      (r) => soft(r) && label(r).dtype !== logits(r).dtype && ['float32', 'float64'].includes(logits(r).dtype), (r) => reference(withLabel(r, retensor(tensorOf(r, 'label'), logits(r).dtype as WireDType, valuesOf(label(r)))))),
    when({ id: 'softmax-with-cross-entropy-half-computed', expect: 'killed', rule: 'cross-entropy-float-kernels-only', description: 'computes float16 and bfloat16 logits in float32 and rounds back' },
      (r) => ['float16', 'bfloat16'].includes(logits(r).dtype) && (!soft(r) || label(r).dtype === logits(r).dtype), (r) => {
        const dtype = logits(r).dtype as WireDType;
        const q = { ...r, inputs: { ...r.inputs, logits: retensor(tensorOf(r, 'logits'), 'float32', valuesOf(logits(r))), ...(soft(r) && { label: retensor(tensorOf(r, 'label'), 'float32', valuesOf(label(r))) }) } };
        const res = reference(q);
        const back = (t: TensorJson) => retensor(t, dtype, valuesOf(decodeTensor(t)));
        if (!res.output) return res;
        const out = res.output as TensorJson | TensorJson[];
        return { ...res, output: (Array.isArray(out) ? out.map(back) : back(out)) as TensorJson, ...(res.grad?.logits && { grad: { logits: back(res.grad.logits) } }) };
      }),
    when({ id: 'softmax-with-cross-entropy-float-label-grad-computed', expect: 'killed', rule: 'cross-entropy-hard-label-grad-integer-only', description: "gives a float hard label's logits a gradient, as its forward takes it" },
      (r) => r.grad !== undefined && !soft(r) && label(r).dtype.startsWith('float'), (r) => reference(withLabel(r, retensor(tensorOf(r, 'label'), 'int64', valuesOf(label(r)).map(Math.trunc))))),
  ];
}
