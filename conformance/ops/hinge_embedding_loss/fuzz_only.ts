/**
 * hinge_embedding_loss's fuzz-only mutants: broken ports whose fault lies
 * where no golden looks, so the goldens pass them and only the fuzzer
 * (fuzz/) catches them. mutants/mutants.test.ts proves the goldens miss each;
 * fuzz/fuzz_only.test.ts proves the fuzzer finds each and shrinks it. Each
 * fault sits in a gap of the golden plan, found by listing what it holds:
 *
 * - inputs have 0–9, 12, 16, 500 and 100000 elements: nothing between 17 and 31;
 * - float64 labels near ±1 are ±1 and ±(1 + k·2⁻⁵²), k = 1, 4, 5: none just
 *   below 1 in magnitude.
 */
import { mapValues, tensorOf, viaUnreduced } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import { decodeTensor } from '../../wire.js';
import type { OpDescriptor } from '../../op.js';

type Op = Omit<OpDescriptor, 'mutants'>;

/**
 * A blocked kernel whose tail loop is off by one when a second, partial
 * block of 16 follows the first: for 17 to 31 loss elements the last one
 * is lost (0 in 'none', missing from mean and sum).
 */
function hingeDropsLastOfPartialBlock(op: Op): Variant {
  return {
    id: 'hinge-drops-last-of-partial-second-block',
    family: 'hinge_embedding_loss',
    expect: 'killed',
    fuzzOnly: true,
    description: 'loses the last loss element when there are 17 to 31 of them (a partial second block of 16)',
    handle: (r) => viaUnreduced(op, r, (values) =>
      values.length >= 17 && values.length <= 31 ? values.map((v, i) => (i === values.length - 1 ? 0 : v)) : values),
  };
}

/**
 * Paddle's label test is |y ∓ 1| < 1e-15 on both sides of ±1; this port
 * accepts only the outer side (1 ≤ |y| < 1 + 1e-15), so a float64 label a
 * few ulps inside ±1 counts as "other" and contributes 0.
 */
function hingeOneSidedLabelTolerance(op: Op): Variant {
  return {
    id: 'hinge-one-sided-label-tolerance',
    family: 'hinge_embedding_loss',
    expect: 'killed',
    fuzzOnly: true,
    description: 'counts a float64 label within 1e-15 of ±1 as ±1 only when |label| ≥ 1',
    handle: (r) => {
      if (decodeTensor(tensorOf(r, 'label')).dtype !== 'float64') return op.reference(r);
      const label = mapValues(tensorOf(r, 'label'), (y) => (Math.abs(y) < 1 && Math.abs(y) > 1 - 1e-15 ? 0 : y));
      return op.reference({ ...r, inputs: { ...r.inputs, label } });
    },
  };
}

/** hinge_embedding_loss's fuzz-only mutants: each passes every bundled golden and must be found by fuzzing. */
export function hingeFuzzOnly(OP: Op): readonly Variant[] {
  return [hingeDropsLastOfPartialBlock(OP), hingeOneSidedLabelTolerance(OP)];
}
