/**
 * ctc_loss's mutants: each rule's alternative, run as the reference with reference/kernels/warpctc.ts's
 * CTC_ALTERNATIVE switched (log_probs taken as log-probabilities, no clip, log_plus in float32, +inf for an
 * impossible alignment, norm_by_times dividing, zero_infinity after 'mean', any integer dtype taken), the plain
 * bug of a 'mean' without the label lengths, sum and mean swapped, and correct variants: labels' padding past each
 * label length changed, and the two rounding-level alternatives (log_plus in float32, norm_by_times dividing), which
 * the derived bound accepts.
 */
import { CTC_ALTERNATIVE } from '../../../reference/kernels/warpctc.js';
import { meanGradNotDivided, sumAndMeanSwapped } from '../../mutants/common.js';
import { bindOp, mapValues, tensorOf } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import type { OpDescriptor } from '../../op.js';
import { decodeTensor, valuesOf } from '../../wire.js';

type Op = Omit<OpDescriptor, 'mutants'>;
type Alternative = NonNullable<(typeof CTC_ALTERNATIVE)['current']>;

/** The reference with one alternative switched on for the call. */
function switched(op: Op, id: string, alternative: Alternative, description: string, rule?: string, expect: Variant['expect'] = 'killed'): Variant {
  const { reference } = bindOp(op);
  return {
    id, expect, description, ...(rule && { rule }),
    handle: (r) => {
      CTC_ALTERNATIVE.current = alternative;
      try {
        return reference(r);
      } finally {
        CTC_ALTERNATIVE.current = null;
      }
    },
  };
}

/** Labels past each sequence's label length set to another class: Paddle never reads them. */
function paddingIgnored(op: Op): Variant {
  const { reference } = bindOp(op);
  return {
    id: 'ctc-label-padding-ignored', expect: 'passes', description: "labels past each label length replaced by (label + 1) mod C: the kernel reads only the first label_lengths[b] of row b",
    handle: (r) => {
      try {
        const [labels, lengths, x] = [tensorOf(r, 'labels'), valuesOf(decodeTensor(tensorOf(r, 'label_lengths'))), decodeTensor(tensorOf(r, 'log_probs'))];
        const width = labels.shape[1] ?? 1;
        const c = x.shape[2] ?? 1;
        const edited = mapValues(labels, (v, i) => (i % width >= (lengths[Math.floor(i / width)] ?? width) ? (v + 1) % c : v));
        return { ...reference({ ...r, inputs: { ...r.inputs, labels: edited } }), id: r.id };
      } catch {
        return reference(r);
      }
    },
  };
}

/** Every mutant of ctc_loss. */
export function ctcLossMutants(op: Op): Variant[] {
  return [
    switched(op, 'ctc-log-probs-as-log-probabilities', 'no-softmax', 'reads log_probs as log-probabilities (exp, no softmax), as PyTorch does, against the page'),
    switched(op, 'ctc-probs-not-clipped', 'no-clip', 'keeps a softmax probability of 0: log 0 = −inf, a +inf loss', 'ctc-probs-clipped-at-min-normal'),
    // Two rounding-level alternatives, correct ports inside the derived bound (tolerance.ts): an extra float32
    // rounding per log_plus (u·(A + 1) in a step the bound allows u·(2A + A + 12)), and g / T against g · fround(1 / T).
    switched(op, 'ctc-log-plus-in-float32', 'float-log-plus', "computes log_plus in float32 (expf, log1p rounded to float32) instead of the C library's double, inside the bound", 'ctc-log-plus-in-double', 'passes'),
    switched(op, 'ctc-impossible-alignment-inf', 'impossible-inf', 'gives +inf for a label sequence longer than its input allows, as PyTorch does', 'ctc-impossible-alignment-zero'),
    switched(op, 'ctc-norm-by-times-divides', 'norm-divides', 'divides the gradient by T under norm_by_times, where Paddle multiplies by fround(1 / T), inside the bound', 'ctc-norm-by-times-scales-gradient', 'passes'),
    switched(op, 'ctc-zero-infinity-after-mean', 'zero-after-mean', "applies zero_infinity to the reduced loss, after 'mean' divides by label lengths", 'ctc-zero-infinity-before-mean'),
    switched(op, 'ctc-lengths-any-integer', 'lengths-any-int', 'takes int64 labels and int32 lengths', 'ctc-argument-checks'),
    switched(op, 'ctc-mean-without-label-lengths', 'mean-by-batch', "'mean' averages the losses over the batch without dividing by the label lengths"),
    sumAndMeanSwapped(op, 'ctc-sum-mean-swapped'),
    meanGradNotDivided(op, 'ctc-mean-grad-not-divided-by-n'),
    paddingIgnored(op),
  ];
}
