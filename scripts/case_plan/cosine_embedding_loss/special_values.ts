/**
 * Group `special_values`: zero vectors and tiny ones (where the epsilon
 * decides the cosine), NaN and inf elements, and values whose squares
 * overflow or underflow, one probe row among ordinary rows, in both
 * documented dtypes, with both gradients; in 3 rows (every sqrt exact) and,
 * for float32, in 8 rows (the probe's sqrt in an Eigen packet).
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { ParamSet } from '../params.js';
import { Prng } from '../../prng.js';
import { tensor } from '../tensor.js';
import { plannedCase, request, type Rule } from './case.js';
import { activePairs } from './values.js';

/** A probe: input1's and input2's row (3 values), and the rules its loss and gradients rest on. */
interface Probe {
  rows: (dtype: 'float32' | 'float64') => [number[], number[]];
  rules: Rule[];
}

const F32_HUGE = 2 ** 70; // its square, 2^140, overflows float32 (not float64)
const HUGE = (d: 'float32' | 'float64') => (d === 'float32' ? F32_HUGE : 2 ** 520);
const TINY = (d: 'float32' | 'float64') => (d === 'float32' ? 2 ** -70 : 2 ** -540); // squares underflow to 0
const EPS_RULES: Rule[] = ['cosine-eps-added-to-each-squared-norm'];

const PROBES: Record<string, Probe> = {
  zero_input1: { rows: () => [[0, 0, 0], [512, -544, 608]], rules: EPS_RULES },
  zero_both: { rows: () => [[0, 0, 0], [0, 0, 0]], rules: EPS_RULES },
  negative_zero: { rows: () => [[-0, 0, -0], [512, -544, 608]], rules: [...EPS_RULES, 'scale-grad-adds-zero'] },
  tiny_same: { rows: () => [[1e-6, 0, 0].map(Math.fround), [1e-6, 0, 0].map(Math.fround)], rules: EPS_RULES }, // cos = 1e-12 / (1e-12 + 1e-11), about 1/11
  small_norms: { rows: () => [[3e-4, -2e-4, 1e-4].map(Math.fround), [1e-4, 2e-4, 3e-4].map(Math.fround)], rules: EPS_RULES },
  nan_input1: { rows: () => [[NaN, 512, 544], [512, 544, 576]], rules: ['clip-keeps-nan'] },
  inf_input1: { rows: () => [[Infinity, 512, 544], [512, 544, 576]], rules: ['clip-keeps-nan'] },
  inf_both: { rows: () => [[Infinity, 0, 0], [Infinity, 0, 0]], rules: ['clip-keeps-nan'] },
  squares_overflow: { rows: (d) => [[HUGE(d), 0, 0], [1, 0, 0]], rules: ['sqrt-float32-fast-in-packets', 'clip-keeps-nan'] },
  squares_overflow_both: { rows: (d) => [[HUGE(d), HUGE(d), 0], [HUGE(d), 0, HUGE(d)]], rules: ['sqrt-float32-fast-in-packets', 'clip-keeps-nan'] },
  squares_underflow: { rows: (d) => [[TINY(d), TINY(d), 0], [TINY(d), 0, TINY(d)]], rules: EPS_RULES },
  // Each squared norm is finite (float32 about 2^120, float64 2^1000), their product is not: Paddle's cos is 0 (NaN in a float32 packet).
  max_finite_scale: { rows: (d) => [[d === 'float32' ? 2 ** 60 : 2 ** 500, 2 ** 59, 0], [2 ** 58, d === 'float32' ? 2 ** 60 : 2 ** 500, 0]], rules: ['sqrt-float32-fast-in-packets', 'cosine-norms-multiplied-before-sqrt'] },
};

/** Every probe under label 1 and label -1 in both dtypes; float32 also with the probe among 8 rows. */
export function specialValueCases(): PlannedCase[] {
  const rows = ParamSet.of(...Object.keys(PROBES).map((probe) => ({ probe })))
    .combine('label', [1, -1] as const)
    .combine('rows', [3, 8] as const)
    .combine('dtype', ['float32', 'float64'] as const)
    .filter((p) => p.rows === 3 || p.dtype === 'float32');
  return [...rows].map((p) => {
    const probe = PROBES[p.probe]!;
    const [a, b] = probe.rows(p.dtype);
    const rng = new Prng(`special_values/${p.probe},${p.rows}`);
    const labels = Array.from({ length: p.rows }, (_, r) => (r === 0 ? p.label : r % 2 ? 1 : -1));
    const others = activePairs(rng, labels.slice(1), 3);
    const round = p.dtype === 'float32' ? Math.fround : (x: number) => x;
    return plannedCase({
      group: 'special_values',
      params: p,
      request: request({
        input1: tensor(p.dtype, [p.rows, 3], [...a.map(round), ...others.input1]),
        input2: tensor(p.dtype, [p.rows, 3], [...b.map(round), ...others.input2]),
        label: tensor('int64', [p.rows], labels),
        margin: 0.25, reduction: 'none', grad: ['input1', 'input2'],
      }),
      description: `${p.dtype} probe row ${p.probe} (label ${p.label}) first among ${p.rows} rows, margin 0.25, reduction 'none', with both gradients`,
      rules: [...probe.rules, ...(p.dtype === 'float32' && p.rows === 8 ? (['sqrt-float32-fast-in-packets'] as const) : []), 'scale-grad-adds-zero'],
    });
  });
}
