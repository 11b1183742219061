/**
 * Fuzz-only mutants: broken ports whose fault lies where no bundled golden
 * looks, so the goldens pass them and only the fuzzer (fuzz/) catches them.
 * mutants.test.ts proves the goldens miss each one; fuzz/fuzz_only.test.ts
 * proves the fuzzer finds each and shrinks it. Each fault sits in a gap of
 * the golden plan, found by listing what the goldens hold:
 *
 * - hinge_embedding_loss inputs have 0–9, 12, 16, 500 and 100000 elements:
 *   nothing between 17 and 31;
 * - margin_ranking_loss margins are 0, ±1, 0.1, 0.2, 0.5, 2.5 and extremes:
 *   nothing between 0.3 and 0.45;
 * - hinge_embedding_loss float64 labels near ±1 are ±1 and ±(1 + k·2⁻⁵²),
 *   k = 1, 4, 5: none just below 1 in magnitude.
 */
import type { OpDescriptor } from '../op.js';
import { opForFamily } from '../ops/index.js';
import type { PortRequest } from '../port.js';
import { decodeTensor } from '../wire.js';
import { argsOf, mapValues, tensorOf, viaUnreduced, withArgs } from './transform.js';
import type { Variant } from './variant.js';

function op(family: string): OpDescriptor {
  const found = opForFamily(family);
  if (!found) throw new Error(`no op ${family} is registered`);
  return found;
}

/** Whether a request's tensor has this dtype. */
function dtypeIs(r: PortRequest, name: string, dtype: string): boolean {
  return decodeTensor(tensorOf(r, name)).dtype === dtype;
}

/**
 * A blocked kernel whose tail loop is off by one when a second, partial
 * block of 16 follows the first: for 17 to 31 loss elements the last one
 * is lost (0 in 'none', missing from mean and sum).
 */
const hingeDropsLastOfPartialBlock: Variant = {
  id: 'hinge-drops-last-of-partial-second-block',
  family: 'hinge_embedding_loss',
  expect: 'killed',
  fuzzOnly: true,
  description: 'loses the last loss element when there are 17 to 31 of them (a partial second block of 16)',
  handle: (r) => viaUnreduced(op('hinge_embedding_loss'), r, (values) =>
    values.length >= 17 && values.length <= 31 ? values.map((v, i) => (i === values.length - 1 ? 0 : v)) : values),
};

/**
 * A float64 margin between 0.3 and 0.45 read through a float32 constant (as
 * a port caching common margins in a float32 table would): exact results
 * then differ in the low bits.
 */
const rankingMarginBandInFloat32: Variant = {
  id: 'ranking-margin-band-rounded-to-float32',
  family: 'margin_ranking_loss',
  expect: 'killed',
  fuzzOnly: true,
  description: 'rounds a float64 margin between 0.3 and 0.45 to float32',
  handle: (r) => {
    const ranking = op('margin_ranking_loss');
    const margin = argsOf(ranking, r).margin;
    const inBand = typeof margin === 'number' && margin > 0.3 && margin < 0.45 && dtypeIs(r, 'input', 'float64');
    return ranking.reference(inBand ? withArgs(ranking, r, { margin: Math.fround(margin) }) : r);
  },
};

/**
 * Paddle's label test is |y ∓ 1| < 1e-15 on both sides of ±1; this port
 * accepts only the outer side (1 ≤ |y| < 1 + 1e-15), so a float64 label a
 * few ulps inside ±1 counts as "other" and contributes 0.
 */
const hingeOneSidedLabelTolerance: Variant = {
  id: 'hinge-one-sided-label-tolerance',
  family: 'hinge_embedding_loss',
  expect: 'killed',
  fuzzOnly: true,
  description: 'counts a float64 label within 1e-15 of ±1 as ±1 only when |label| ≥ 1',
  handle: (r) => {
    const hinge = op('hinge_embedding_loss');
    if (!dtypeIs(r, 'label', 'float64')) return hinge.reference(r);
    const label = mapValues(tensorOf(r, 'label'), (y) => (Math.abs(y) < 1 && Math.abs(y) > 1 - 1e-15 ? 0 : y));
    return hinge.reference({ ...r, inputs: { ...r.inputs, label } });
  },
};

/** The fuzz-only mutants: each passes every bundled golden and must be found by fuzzing. */
export const FUZZ_ONLY_MUTANTS: readonly Variant[] = [
  hingeDropsLastOfPartialBlock,
  rankingMarginBandInFloat32,
  hingeOneSidedLabelTolerance,
];
