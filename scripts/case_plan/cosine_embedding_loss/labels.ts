/**
 * Group `labels`: the two documented labels in every label dtype, then
 * values that are neither 1 nor -1 (0, 2, -2, 0.5, -0.0, NaN, inf, float64
 * labels a few ulps from ±1, which equal's tolerance may take for ±1),
 * which select neither `where` branch.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import type { WireDType } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';
import { ParamSet } from '../params.js';
import { tensor } from '../tensor.js';
import { plannedCase, request } from './case.js';
import { reductionClause } from './clauses.js';
import { activePairs } from './values.js';

/** Each probe label and the dtypes it is sent in. */
const OTHER_LABELS: ReadonlyArray<[string, number, WireDType[]]> = [
  ['0', 0, ['int32', 'int64', 'float32', 'float64']],
  ['2', 2, ['int64', 'float32']],
  ['-2', -2, ['int64', 'float64']],
  ['0.5', 0.5, ['float32']],
  ['-0.0', -0, ['float32']],
  ['NaN', NaN, ['float32', 'float64']],
  ['inf', Infinity, ['float64']],
  ['1+4ulp', 1 + 4 * 2 ** -52, ['float64']],
  ['1+5ulp', 1 + 5 * 2 ** -52, ['float64']],
  ['-1-4ulp', -1 - 4 * 2 ** -52, ['float64']],
  ['1+ulp', 1 + 2 ** -23, ['float32']],
];

/** Labels ±1 in each documented label dtype; then each other label in the middle of [1, x, -1, x]. */
export function labelCases(): PlannedCase[] {
  return [...documentedLabels(), ...otherLabels()];
}

function documentedLabels(): PlannedCase[] {
  const rows = ParamSet.of(...(['int32', 'int64', 'float32', 'float64'] as const).map((label_dtype) => ({ label_dtype }))).combine('reduction', ['none', 'sum'] as const);
  return [...rows].map((p) => {
    const rng = new Prng(`labels/${p.label_dtype},${p.reduction}`);
    const labels = [1, -1, -1, 1];
    const { input1, input2 } = activePairs(rng, labels, 3);
    return plannedCase({
      group: 'labels',
      params: { label: '±1', label_dtype: p.label_dtype, reduction: p.reduction },
      request: request({ input1: tensor('float32', [4, 3], input1), input2: tensor('float32', [4, 3], input2), label: tensor(p.label_dtype, [4], labels), margin: 0.5, reduction: p.reduction }),
      description: `labels [1, -1, -1, 1] as ${p.label_dtype}, float32 exact rows, margin 0.5, reduction '${p.reduction}'`,
      clauses: ['positive', 'negative', 'cosine', 'labelShape', reductionClause(p.reduction)],
    });
  });
}

function otherLabels(): PlannedCase[] {
  const rows = OTHER_LABELS.flatMap(([id, value, dtypes]) => dtypes.map((label_dtype) => ({ label: id, value, label_dtype })));
  return rows.flatMap((p) =>
    (['none', 'mean'] as const).map((reduction) => {
      const rng = new Prng(`labels/${p.label},${p.label_dtype},${reduction}`);
      const labels = [1, p.value, -1, p.value];
      // Aligned rows everywhere: under label -1 and under a label taken for -1 the loss is cos - 0.5 > 0.
      const { input1, input2 } = activePairs(rng, [-1, -1, -1, -1], 3);
      return plannedCase({
        group: 'labels',
        params: { label: p.label, label_dtype: p.label_dtype, reduction },
        request: request({ input1: tensor('float32', [4, 3], input1), input2: tensor('float32', [4, 3], input2), label: tensor(p.label_dtype, [4], labels), margin: 0.5, reduction }),
        description: `labels [1, ${p.label}, -1, ${p.label}] as ${p.label_dtype}: the ${p.label} rows select neither branch unless Paddle's equal says ±1; reduction '${reduction}'`,
        // A float64 label within 4 ulps of ±1 is ±1 by equal's tolerance (1e-8 before Paddle 3.1.0, so 1+5ulp too).
        rules: p.label.includes('ulp') && p.label_dtype === 'float64' ? ['equal-float-tolerance'] : ['cosine-other-labels-contribute-zero'],
      });
    }),
  );
}
