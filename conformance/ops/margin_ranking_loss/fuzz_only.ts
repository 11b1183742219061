/**
 * margin_ranking_loss's fuzz-only mutant: a broken port whose fault lies
 * where no golden looks (margins are 0, ±1, 0.1, 0.2, 0.5, 2.5 and extremes:
 * nothing between 0.3 and 0.45), so only the fuzzer catches it
 * (fuzz/fuzz_only.test.ts); mutants/mutants.test.ts proves the goldens miss it.
 */
import { argsOf, tensorOf, withArgs } from '../../mutants/transform.js';
import type { Variant } from '../../mutants/variant.js';
import { decodeTensor } from '../../wire.js';
import type { OpDescriptor } from '../../op.js';

type Op = Omit<OpDescriptor, 'mutants'>;

/**
 * A float64 margin between 0.3 and 0.45 read through a float32 constant (as
 * a port caching common margins in a float32 table would): exact results
 * then differ in the low bits.
 */
function rankingMarginBandInFloat32(op: Op): Variant {
  return {
    id: 'ranking-margin-band-rounded-to-float32',
    family: 'margin_ranking_loss',
    expect: 'killed',
    fuzzOnly: true,
    description: 'rounds a float64 margin between 0.3 and 0.45 to float32',
    handle: (r) => {
      const margin = argsOf(op, r).margin;
      const inBand = typeof margin === 'number' && margin > 0.3 && margin < 0.45 && decodeTensor(tensorOf(r, 'input')).dtype === 'float64';
      return op.reference(inBand ? withArgs(op, r, { margin: Math.fround(margin) }) : r);
    },
  };
}

/** margin_ranking_loss's fuzz-only mutants: each passes every bundled golden and must be found by fuzzing. */
export function rankingFuzzOnly(OP: Op): readonly Variant[] {
  return [rankingMarginBandInFloat32(OP)];
}
