/**
 * adaptive_log_softmax_with_loss's mutants: the natural bugs (the loss summed, or not negated, the bias dropped,
 * the backward from the loss alone) and each rule's alternative; a fused or float64
 * computation of the linear layers and the log-softmax is a correct variant, inside the derived bound.
 */
import type { ResponseJson } from '../../case.js';
import type { OpDescriptor, ReferenceAnswer } from '../../op.js';
import type { PortRequest } from '../../port.js';
import { mapValues, rounderOf, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf } from '../../wire.js';
import { fma } from '../../../reference/elementary.js';
import { PADDLE_KERNELS, Tensor, type AdaptiveKernels } from '../../../reference/index.js';
import { logSoftmaxRows } from '../../../reference/kernels/log_softmax.js';
import { matmulValues } from '../../../reference/kernels/matmul.js';

type Op = Omit<OpDescriptor, 'mutants'>;

const labelsOf = (r: PortRequest): number[] => valuesOf(decodeTensor(tensorOf(r, 'label')));
const cutoffsOf = (r: PortRequest): number[] => { const c: unknown = (r.kwargs ?? {}).cutoffs; return Array.isArray(c) ? c : []; };
const bucketsOf = (r: PortRequest): number[][] => {
  const b = [0, ...cutoffsOf(r)];
  return b.slice(1).map((high, i) => labelsOf(r).flatMap((y, k) => (y >= b[i]! && y < high ? [k] : [])));
};
const raise = (r: PortRequest, message: string): ResponseJson => ({ id: r.id, error: { type: 'ValueError', message } });

/** Dot products with one fused multiply-add per term (a zero keeps Paddle's sign: rule matmul-outer-product-keeps-sign is another's). */
function fusedMatmul(a: Tensor, b: Tensor, transA = false, transB = false): Tensor {
  const exact = matmulValues(a, b, transA, transB);
  const [n, k] = transA ? [a.shape[1]!, a.shape[0]!] : [a.shape[0]!, a.shape[1]!];
  const m = exact.shape[1]!;
  const round = rounderOf(a.dtype)!;
  const A = (i: number, t: number): number => (transA ? a.at(t * n + i) : a.at(i * k + t));
  const B = (t: number, j: number): number => (transB ? b.at(j * k + t) : b.at(t * m + j));
  const out = exact.data.slice();
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) { let acc = 0; for (let t = 0; t < k; t++) acc = round(fma(A(i, t), B(t, j), acc)); out[i * m + j] = acc === 0 ? exact.data[i * m + j]! : acc; }
  return new Tensor(a.dtype, exact.shape, out);
}

/** The log-softmax taken in float64 and rounded once, with or without the −64 clip (a NaN as Paddle's: its sign is the x86 rule's). */
function wideLogSoftmax(clip: boolean): (x: Tensor) => Tensor {
  return (x) => {
    const [n, c] = [x.shape[0]!, x.shape[1]!];
    const round = rounderOf(x.dtype)!;
    const out = logSoftmaxRows(x).data.slice();
    for (let i = 0; i < n; i++) {
      const row = Array.from({ length: c }, (_, j) => x.at(i * c + j));
      const max = Math.max(...row);
      const s = row.map((v) => (clip ? Math.max(v - max, -64) : v - max));
      const log = Math.log(s.reduce((acc, v) => acc + Math.exp(v), 0));
      s.forEach((v, j) => { const w = round(v - log); out[i * c + j] = Number.isNaN(w) ? out[i * c + j]! : w; });
    }
    return new Tensor(x.dtype, x.shape, out);
  };
}

/** The outer product summed from +0 like every other product: a −0 product becomes +0. */
function outerFromZero(a: Tensor, b: Tensor, transA = false, transB = false): Tensor {
  const t = matmulValues(a, b, transA, transB);
  return new Tensor(t.dtype, t.shape, t.data.map((v) => (v === 0 ? 0 : v)));
}

/** The mutants and correct variants of the op; `answerWith` is the reference over other value kernels. */
export function adaptiveLogSoftmaxMutants(op: Op, answerWith: (k: AdaptiveKernels) => ReferenceAnswer): Variant[] {
  const reference = op.reference;
  const when = (v: Omit<Variant, 'handle'>, applies: (r: PortRequest) => boolean, f: (r: PortRequest) => ResponseJson): Variant => ({ ...v, handle: (r) => (r.api === op.functional && Array.isArray((r.kwargs ?? {}).cutoffs) && applies(r) ? f(r) : reference(r)) });
  const kernels = (v: Omit<Variant, 'handle'>, k: Partial<AdaptiveKernels>): Variant => when(v, () => true, answerWith({ ...PADDLE_KERNELS, ...k }));
  const withLoss = (r: PortRequest, f: (output: number[], loss: number) => number): ResponseJson => {
    const res = reference(r);
    if (!Array.isArray(res.output)) return res;
    const [o, l] = res.output as unknown as [Parameters<typeof mapValues>[0], Parameters<typeof mapValues>[0]];
    const out = valuesOf(decodeTensor(o));
    return { ...res, output: [o, mapValues(l, (v) => rounderOf(decodeTensor(l).dtype)!(f(out, v)))] as unknown as ResponseJson['output'] };
  };
  const relabel = (r: PortRequest, f: (y: number) => number): PortRequest => {
    const l = decodeTensor(tensorOf(r, 'label'));
    return { ...r, inputs: { ...r.inputs, label: encodeTensor(fromValues(l.dtype, l.shape, valuesOf(l).map(f))) } };
  };
  return [
    when({ id: 'adaptive-loss-summed', expect: 'killed', description: 'the loss is the sum of −output, not its mean' }, (r) => labelsOf(r).length > 1, (r) => withLoss(r, (o) => -o.reduce((s, v) => s + v, 0))),
    when({ id: 'adaptive-loss-not-negated', expect: 'killed', description: 'the loss is the mean of output, not of −output' }, (r) => labelsOf(r).length > 0, (r) => withLoss(r, (_, l) => -l)),
    when({ id: 'adaptive-head-bias-dropped', expect: 'killed', description: 'head_bias is ignored' }, (r) => r.inputs.head_bias !== undefined, (r) => {
      const { head_bias: _, ...inputs } = r.inputs;
      return { ...reference({ ...r, inputs }), id: r.id };
    }),
    when({ id: 'adaptive-labels-clamped', expect: 'killed', rule: 'adaptive-last-cutoff-is-class-count', description: 'a label past the last cutoff or below 0 is clamped into range instead of raising' },
      () => true, (r) => ({ ...reference(relabel(r, (y) => Math.min(Math.max(y, 0), Math.max(0, (cutoffsOf(r).at(-1) ?? 1) - 1)))), id: r.id })),
    when({ id: 'adaptive-single-row-raises', expect: 'killed', rule: 'adaptive-single-row-bucket', description: 'a bucket of one row raises ValueError in every release, as Paddle 3.0.0 did' },
      (r) => bucketsOf(r).some((rows) => rows.length === 1), (r) => raise(r, "(InvalidArgument) The 'shape' of Input(Index) must be 1-D tensor.")),
    when({ id: 'adaptive-head-width-checked', expect: 'killed', rule: 'adaptive-head-width-unchecked', description: "a head_weight wider than cutoffs[0] + clusters raises ValueError" },
      (r) => decodeTensor(tensorOf(r, 'head_weight')).shape.at(-1) !== (cutoffsOf(r)[0] ?? 0) + cutoffsOf(r).length - 1, (r) => raise(r, 'head_weight has the wrong width')),
    when({ id: 'adaptive-empty-label-refused', expect: 'killed', rule: 'adaptive-empty-label-passes', description: 'an empty label with a non-empty batch raises ValueError, as before Paddle 3.1.1' },
      (r) => labelsOf(r).length === 0 && (decodeTensor(tensorOf(r, 'input')).shape[0] ?? 0) > 0, (r) => raise(r, 'Input and label should have the same size in the batch dimension.')),
    when({ id: 'adaptive-backward-through-loss-only', expect: 'killed', rule: 'adaptive-backward-from-both-outputs', description: "the backward starts from the loss alone: output's own upstream is dropped" },
      (r) => r.grad !== undefined, (r) => {
        const up = Array.isArray(r.grad_output) ? r.grad_output : undefined;
        const loss = up ? up[1] : encodeTensor(fromValues(decodeTensor(tensorOf(r, 'input')).dtype, [], [1]));
        if (!loss) return reference(r);
        return { ...reference({ ...r, grad_output: [null, loss] as never }), id: r.id };
      }),
    kernels({ id: 'adaptive-matmul-fused', expect: 'passes', rule: 'matmul-k-left-to-right', description: 'the linear layers with fused multiply-adds, inside the bound' }, { matmul: fusedMatmul }),
    kernels({ id: 'adaptive-matmul-outer-from-zero', expect: 'killed', rule: 'matmul-outer-product-keeps-sign', bitwiseOnly: true, description: 'an outer product summed from +0: a −0 product becomes +0' }, { matmul: outerFromZero }),
    kernels({ id: 'adaptive-log-softmax-unclipped', expect: 'killed', rule: 'log-softmax-shift-clipped-at-64', description: 'the exact log-softmax: a logit 150 below the maximum gives −150, not −64' }, { logSoftmax: wideLogSoftmax(false) }),
    kernels({ id: 'adaptive-log-softmax-in-float64', expect: 'passes', rule: 'log-softmax-eigen-expression', description: 'the clipped log-softmax in float64, rounded once, inside the bound' }, { logSoftmax: wideLogSoftmax(true) }),
  ];
}
