/**
 * The mutant catalog: realistic broken ports that the suite must catch, and
 * correct variants that it must let pass, for every registered op.
 *
 * Each op lists its own mutants (OpDescriptor.mutants, in its folder under
 * ops/); this module adds the variants every op with a reduction shares:
 * other summation orders, which must pass, and Kahan's compensated sum,
 * which must be caught. A mutant is "killed" when at least one golden case
 * fails against it; a correct variant must pass every case. mutants.test.ts
 * checks both and prints the kill rate.
 */
import type { OpDescriptor } from '../op.js';
import type { PortRequest } from '../port.js';
import { OPS, opForApi } from '../ops/index.js';
import { answer } from '../ports/reference.js';
import { leftToRight, reductionOf, viaUnreduced, type Reducer } from './transform.js';
import type { Variant } from './variant.js';

export { variantPort, type Variant } from './variant.js';

// ---------------------------------------------------------------- correct variants

/** Sum right to left. */
const reverseOrder: Reducer = (values, round) => values.reduceRight((acc, v) => round(acc + v), 0);

/** Pairwise (recursive halving) summation, as numpy and many BLAS do. */
const pairwise: Reducer = (values, round) => {
  if (values.length === 0) return 0;
  if (values.length === 1) return values[0]!;
  const half = values.length >> 1;
  return round(pairwise(values.slice(0, half), round) + pairwise(values.slice(half), round));
};

/** Eight interleaved accumulators combined at the end, as a SIMD loop does. */
const eightLanes: Reducer = (values, round) => {
  const lanes = new Array<number>(8).fill(0);
  values.forEach((v, i) => (lanes[i % 8] = round(lanes[i % 8]! + v)));
  return leftToRight(lanes, round);
};

/** Sum in float64, rounded to the dtype once at the end. */
const wideAccumulator: Reducer = (values, round) => round(values.reduce((acc, v) => acc + v, 0));

/**
 * Kahan's compensated summation in the dtype's arithmetic: more accurate than
 * any plain order, but an infinite partial sum makes the compensation
 * inf - inf = NaN, so a sum that should be +inf comes back NaN.
 */
const kahan: Reducer = (values, round) => {
  let sum = 0;
  let c = 0;
  for (const v of values) {
    const y = round(v - c);
    const t = round(sum + y);
    c = round(round(t - sum) - y);
    sum = t;
  }
  return sum;
};

/** A variant that reduces the reference's unreduced result its own way; any op with a reduction. */
function reducedWith(id: string, description: string, sum: Reducer, expect: Variant['expect'] = 'passes'): Variant {
  return {
    id,
    expect,
    description,
    // viaUnreduced re-sums only a mean or a sum: every other request (reduction 'none', an invalid reduction, an op
    // whose reduced bound is not the summation bound) gets the reference's own answer.
    departsOn: (r) => {
      const op = opForApi(r.api);
      if (!op) return true;
      if (op.tolerance.reduced.kind !== 'summation') return false;
      const reduction = reductionOf(op, r);
      return reduction === 'sum' || reduction === 'mean';
    },
    handle: (r) => {
      const op = opForApi(r.api);
      if (!op) return { id: r.id, skip: `no op named ${r.api}` };
      // The summation bound's orders only: an op whose reduction is no plain sum or element mean (nll_loss's mean
      // over the total weight) derives its own reduced bound, and its own variants of it.
      if (op.tolerance.reduced.kind !== 'summation') return op.reference(r);
      return viaUnreduced(op, r, (values) => values, sum, op.tolerance.reduced.divisor?.(r)?.value);
    },
  };
}

/** An op's mutant as a port of the whole suite: its own op's requests get the fault, every other op's the reference's answer. */
function scoped(op: OpDescriptor, m: Variant): Variant {
  const own = (r: PortRequest): boolean => opForApi(r.api) === op;
  return { ...m, family: op.family, departsOn: (r) => own(r) && (m.departsOn?.(r) ?? true), handle: (r) => (own(r) ? m.handle(r) : answer(r)) };
}

// ---------------------------------------------------------------- the catalog

/** Broken ports: each must be caught by at least one golden case. */
export const MUTANTS: readonly Variant[] = [
  ...OPS.flatMap((op) => op.mutants.filter((m) => m.expect === 'killed' && !m.fuzzOnly).map((m) => scoped(op, m))),
  reducedWith('kahan-sum-nan-on-infinity', "Kahan's compensated sum, which turns an infinite sum into NaN", kahan, 'killed'),
];

/** Legitimately different ports: each must pass every golden case. */
export const CORRECT_VARIANTS: readonly Variant[] = [
  reducedWith('sum-right-to-left', 'adds the loss values in reverse order', reverseOrder),
  reducedWith('sum-pairwise', 'adds the loss values pairwise (recursive halving)', pairwise),
  reducedWith('sum-eight-lanes', 'adds the loss values in eight interleaved accumulators, as a SIMD loop', eightLanes),
  reducedWith('sum-float64-accumulator', 'accumulates float32 sums in float64 and rounds once', wideAccumulator),
  // An op's own correct variants: mostly alternatives of rules whose effect lies inside the op's derived bound.
  ...OPS.flatMap((op) => op.mutants.filter((m) => m.expect === 'passes').map((m) => scoped(op, m))),
];

/** Broken ports only fuzzing catches: each must pass every golden case (proving the goldens miss it) and be found by fuzzOp. */
export const FUZZ_ONLY: readonly Variant[] = OPS.flatMap((op) => op.mutants.filter((m) => m.fuzzOnly).map((m) => scoped(op, m)));
