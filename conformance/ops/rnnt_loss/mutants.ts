/**
 * rnnt_loss's mutants: each rule's alternative (torchaudio's log_softmax, a port that ignores FastEmit
 * or reads labels by row, ...) and the natural bugs; the log-sum-exp in the dtype is a correct variant.
 */
import type { ResponseJson } from '../../case.js';
import { meanGradNotDivided, sumAndMeanSwapped } from '../../mutants/common.js';
import { bindOp, mapValues, rounderOf, scalarTensor, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor, ReferenceAnswer } from '../../op.js';
import type { PortRequest } from '../../port.js';
import { decodeTensor, encodeTensor, fromValues, valuesOf } from '../../wire.js';
import { libmExpFloat } from '../../../reference/elementary.js';
import { PADDLE_RNNT, lseInDouble, type RnntKernel } from '../../../reference/index.js';

type Op = Omit<OpDescriptor, 'mutants'>;

/** log(e^a + e^b) in the dtype's own exp and log1p (expf, then log1p rounded to float32). */
const lseInDtype: RnntKernel['lse'] = (a, b, round) => {
  if (round(0.1) === 0.1) return lseInDouble(a, b, round);
  if (a === -Infinity || b === -Infinity || a !== a || b !== b) return lseInDouble(a, b, round);
  const [lo, hi] = a > b ? [b, a] : [a, b];
  const s = round(Math.fround(Math.log1p(libmExpFloat(round(lo - hi)))) + hi);
  return s !== s ? lseInDouble(a, b, round) : s;
};

/** Each row's log_softmax in double, rounded once (torchaudio's fused_log_softmax=True). */
const logSoftmax = (row: Float64Array): Float64Array => {
  const max = Math.max(...row);
  const log = Math.log(row.reduce((acc, v) => acc + Math.exp(v - max), 0)) + max;
  return row.map((v) => v - log);
};

/** The mutants and correct variants of the op; `answer` is the reference over other kernel hooks. */
export function rnntLossMutants(op: Op, answer: (k: RnntKernel) => ReferenceAnswer): Variant[] {
  const { reference, reductionOf, withArgs } = bindOp(op);
  const kernel = (v: Omit<Variant, 'handle'>, k: Partial<RnntKernel>): Variant => ({ ...v, handle: answer({ ...PADDLE_RNNT, ...k }) });
  const retype = (r: PortRequest, names: string[]): PortRequest => ({ ...r, inputs: { ...r.inputs, ...Object.fromEntries(names.map((n) => { const t = decodeTensor(tensorOf(r, n)); return [n, encodeTensor(fromValues('int32', t.shape, valuesOf(t)))]; })) } });
  return [
    kernel({ id: 'rnnt-log-softmax-applied', expect: 'killed', rule: 'rnnt-input-is-log-probabilities', description: "takes log_softmax of the input first (torchaudio's fused_log_softmax=True)" }, { logProbs: logSoftmax }),
    kernel({ id: 'rnnt-lse-in-dtype', expect: 'passes', rule: 'rnnt-log-sum-exp-in-double', description: 'takes float32 log-sum-exps with expf and a float32 log1p' }, { lse: lseInDtype }),
    kernel({ id: 'rnnt-fastemit-ignored', expect: 'killed', rule: 'rnnt-fastemit-in-gradient-only', description: 'leaves fastemit_lambda out of the emission gradients' }, { emitFactor: () => 1 }),
    kernel({ id: 'rnnt-fastemit-in-double', expect: 'killed', rule: 'rnnt-fastemit-in-gradient-only', description: 'takes fastemit_lambda in double, not rounded to a float32 attribute' }, { emitFactor: (l) => 1 + l }),
    kernel({ id: 'rnnt-label-read-by-row', expect: 'killed', rule: 'rnnt-label-flat-stride', description: "reads example b's labels from row b of the label, whatever its width" }, { labelOffset: (b, _u, columns) => b * columns }),
    kernel({ id: 'rnnt-gradient-without-sign', expect: 'killed', description: 'gives the gradient as +exp(…), the probability of the transition, not its negation' }, { emitFactor: (l) => -(1 + Math.fround(l)) }),
    {
      id: 'rnnt-mean-over-target-lengths', expect: 'killed', rule: 'rnnt-mean-divides-by-batch-size', description: "the layer's 'mean' divides each loss by its label length before the batch mean (its page's words)",
      handle: (r) => {
        if (reductionOf(r) !== 'mean' || r.api !== op.layer) return reference(r);
        const res = reference({ ...withArgs(r, { reduction: 'none' }), grad: undefined, grad_output: undefined });
        if (!res.output || Array.isArray(res.output)) return reference(r);
        const ll = valuesOf(decodeTensor(tensorOf(r, 'label_lengths')));
        const losses = valuesOf(decodeTensor(res.output));
        const dtype = decodeTensor(res.output).dtype as 'float32' | 'float64';
        return { ...reference(r), output: scalarTensor(dtype, rounderOf(dtype)!(losses.reduce((s, v, i) => s + v / Math.max(1, ll[i]!), 0) / losses.length)) };
      },
    },
    {
      id: 'rnnt-reduction-value-error', expect: 'killed', rule: 'rnnt-reduction-asserted-after-kernel', description: "raises ValueError for a bad reduction, as the other losses do",
      handle: (r): ResponseJson => { const res = reference(r); return res.error?.type === 'AssertionError' ? { id: r.id, error: { type: 'ValueError', message: "reduction should be 'sum', 'mean' or 'none'" } } : res; },
    },
    {
      id: 'rnnt-int64-accepted', expect: 'killed', rule: 'rnnt-argument-types', description: 'takes int64 labels and lengths, as the page says',
      handle: (r) => reference(retype(r, ['label', 'input_lengths', 'label_lengths'].filter((n) => r.inputs[n] && decodeTensor(r.inputs[n]!).dtype === 'int64'))),
    },
    {
      id: 'rnnt-empty-label-computed', expect: 'killed', rule: 'rnnt-invalid-value-raises', description: 'computes a batch whose label has no elements (every label length 0)',
      handle: (r) => {
        const label = r.inputs.label && decodeTensor(r.inputs.label);
        if (!label || label.shape.length !== 2 || label.shape[0]! * label.shape[1]! !== 0) return reference(r);
        return reference({ ...r, inputs: { ...r.inputs, label: encodeTensor(fromValues('int32', [label.shape[0]!, 1], new Array(label.shape[0]!).fill(0))) } });
      },
    },
    {
      id: 'rnnt-gradient-through-log-softmax', expect: 'killed', description: "passes the gradient back through a log_softmax of each row (torchaudio's fused gradient): g − softmax(x)·Σg",
      handle: (r) => {
        const res = reference(r);
        const g = res.grad?.input;
        if (!g) return res;
        const x = valuesOf(decodeTensor(tensorOf(r, 'input')));
        const D = decodeTensor(g).shape[3]!;
        const gv = valuesOf(decodeTensor(g));
        const round = rounderOf(decodeTensor(g).dtype)!;
        const out = gv.map((v, i) => {
          const row = Math.floor(i / D) * D;
          const xs = x.slice(row, row + D);
          const max = Math.max(...xs);
          const z = xs.reduce((a, w) => a + Math.exp(w - max), 0);
          return round(v - (Math.exp(x[i]! - max) / z) * gv.slice(row, row + D).reduce((a, w) => a + w, 0));
        });
        return { ...res, grad: { ...res.grad, input: mapValues(g, (_v, i) => out[i]!) } };
      },
    },
    sumAndMeanSwapped(op, 'rnnt-sum-and-mean-swapped'),
    meanGradNotDivided(op, 'rnnt-mean-grad-not-divided-by-n'),
    { id: 'rnnt-loss-not-negated', expect: 'killed', description: 'returns the log-likelihood, not its negation', handle: (r) => { const res = reference(r); return res.output && !Array.isArray(res.output) ? { ...res, output: mapValues(res.output, (v) => -v) } : res; } },
  ];
}
