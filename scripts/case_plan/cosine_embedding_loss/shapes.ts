/**
 * Group `shapes`: [N, M] inputs with label [N] for row lengths on both sides
 * of Eigen's 8-lane packets and row counts up to a few hundred, 1-D [M] pairs
 * with label [1], 0-D pairs, empty batches and empty rows, and the label
 * shapes Paddle broadcasts or refuses.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { Prng } from '../../prng.js';
import { ParamSet } from '../params.js';
import { tensor } from '../tensor.js';
import { signLabels } from '../values.js';
import { plannedCase, request, type CaseSpec, type Rule } from './case.js';
import { reductionClause } from './clauses.js';
import { activePairs, numericsRules } from './values.js';

const ROW_LENGTHS = [1, 2, 3, 8, 9, 17, 64];
const ROW_COUNTS = [1, 2, 7, 8, 9, 17, 300];

/** [N, M] exact rows: M varied with N = 5 in both dtypes, N varied with M = 3 in float32. */
export function shapeCases(): PlannedCase[] {
  const byLength = ParamSet.of(...ROW_LENGTHS.map((m) => ({ n: 5, m }))).combine('dtype', ['float32', 'float64'] as const);
  const byCount = ParamSet.of(...ROW_COUNTS.filter((n) => n !== 5).map((n) => ({ n, m: 3 }))).combine('dtype', ['float32'] as const);
  const twoD = [...byLength, ...byCount].flatMap((p) => (['none', 'sum'] as const).map((reduction) => twoDCase({ ...p, reduction })));
  return [...twoD, ...oneDCases(), ...edgeCases()];
}

function twoDCase(p: { n: number; m: number; dtype: 'float32' | 'float64'; reduction: 'none' | 'sum' }): PlannedCase {
  const rng = new Prng(`shapes/${p.n}x${p.m},${p.dtype},${p.reduction}`);
  const labels = signLabels(rng, p.n);
  const { input1, input2 } = activePairs(rng, labels, p.m);
  const rules = numericsRules({ dtype: p.dtype, values: 'exact', rank: 2, d: p.m, rows: p.n });
  return plannedCase({
    group: 'shapes',
    params: { shape: `${p.n}x${p.m}`, dtype: p.dtype, reduction: p.reduction },
    request: request({ input1: tensor(p.dtype, [p.n, p.m], input1), input2: tensor(p.dtype, [p.n, p.m], input2), label: tensor('int64', [p.n], labels), margin: 0.5, reduction: p.reduction }),
    description: `${p.dtype} [${p.n}, ${p.m}] exact rows with label [${p.n}], margin 0.5, reduction '${p.reduction}'`,
    ...(rules.length ? { rules } : { clauses: ['positive', 'negative', 'cosine', reductionClause(p.reduction), 'inputShape', 'labelShape', 'outputShape'] }),
  });
}

/** 1-D [M] pairs with label [1]: the inner sums are full reductions (Eigen's packets for M >= 8). */
function oneDCases(): PlannedCase[] {
  const rows = ParamSet.of(...ROW_LENGTHS.map((m) => ({ shape: String(m) }))).combine('reduction', ['none', 'mean'] as const);
  return [...rows].map((p) => {
    const m = Number(p.shape);
    const rng = new Prng(`shapes/1d,${m},${p.reduction}`);
    const labels = [rng.sign()];
    const { input1, input2 } = activePairs(rng, labels, m);
    const spec: Pick<CaseSpec, 'clauses' | 'rules'> = p.reduction === 'none'
      ? { rules: ['cosine-one-d-input-is-one-pair', 'where-broadcasts'] }
      : { clauses: ['positive', 'negative', 'cosine', 'mean', 'inputShape', 'labelShape', 'outputShape'] };
    return plannedCase({
      group: 'shapes',
      params: { shape: p.shape, label_shape: '1', dtype: 'float32', reduction: p.reduction },
      request: request({ input1: tensor('float32', [m], input1), input2: tensor('float32', [m], input2), label: tensor('int64', [1], labels), margin: 0.5, reduction: p.reduction }),
      description: `a float32 [${m}] pair with label [1] = ${labels[0]}, margin 0.5, reduction '${p.reduction}'`,
      ...spec,
    });
  });
}

/** One edge of the shape rules: input shape, label, rules, and what it shows. */
interface Edge {
  shape: number[];
  labels: number[];
  rules: Rule[];
  what: string;
}

const EDGES: Record<string, Edge> = {
  scalar: { shape: [], labels: [1, -1], rules: ['cosine-one-d-input-is-one-pair', 'where-broadcasts'], what: '0-D inputs are a pair of one-element vectors, broadcast against label [2]' },
  one_d_label_3: { shape: [4], labels: [1, -1, 1], rules: ['cosine-one-d-input-is-one-pair', 'where-broadcasts'], what: 'a 1-D pair against label [3]: three losses of the one cosine' },
  label_1_rows_4: { shape: [4, 3], labels: [-1], rules: ['where-broadcasts'], what: 'label [1] covers every one of 4 rows' },
  one_row_label_3: { shape: [1, 3], labels: [1, -1, 1], rules: ['where-broadcasts'], what: 'one row against label [3]: three losses' },
  label_4_rows_2: { shape: [2, 3], labels: [1, -1, 1, -1], rules: ['where-broadcasts'], what: 'label [4] against 2 rows cannot broadcast: ValueError' },
  label_0_rows_2: { shape: [2, 3], labels: [], rules: ['where-broadcasts'], what: 'an empty label against 2 rows cannot broadcast: ValueError' },
  label_scalar: { shape: [2, 3], labels: [1], rules: ['cosine-checks-in-source-order'], what: "a 0-D label is refused: '1D target tensor expected'" },
  label_2x1: { shape: [2, 3], labels: [1, -1], rules: ['cosine-checks-in-source-order'], what: "a [2, 1] label is refused: '1D target tensor expected'" },
  rank_3: { shape: [2, 3, 2], labels: [1, -1], rules: ['cosine-checks-in-source-order'], what: 'rank-3 inputs are refused' },
  empty_batch: { shape: [0, 3], labels: [], rules: ['mean-of-empty-is-nan'], what: 'N = 0: an empty loss' },
  empty_rows: { shape: [2, 0], labels: [1, -1], rules: ['cosine-eps-added-to-each-squared-norm'], what: 'rows of length 0: every sum is 0, the epsilon makes cos 0' },
};

/** Each edge with reductions none and mean (mean for the empty batch is NaN, sum 0). */
function edgeCases(): PlannedCase[] {
  const rows = ParamSet.of(...Object.keys(EDGES).map((edge) => ({ edge }))).combine('reduction', ['none', 'mean', 'sum'] as const);
  return [...rows].map((p) => {
    const e = EDGES[p.edge]!;
    const rng = new Prng(`shapes/${p.edge},${p.reduction}`);
    const size = e.shape.reduce((a, b) => a * b, 1);
    const rowsOf = e.shape.length === 2 ? e.shape[0]! : 1;
    const { input1, input2 } = activePairs(rng, Array.from({ length: rowsOf }, () => 1), size / rowsOf || 0);
    const labelShape = p.edge === 'label_scalar' ? [] : p.edge === 'label_2x1' ? [2, 1] : [e.labels.length];
    const rules: Rule[] = p.edge !== 'empty_batch' ? e.rules : p.reduction === 'none' ? ['where-broadcasts'] : p.reduction === 'sum' ? ['sum-of-empty-is-zero'] : ['mean-of-empty-is-nan'];
    return plannedCase({
      group: 'shapes',
      params: { edge: p.edge, reduction: p.reduction },
      request: request({ input1: tensor('float32', e.shape, input1.slice(0, size)), input2: tensor('float32', e.shape, input2.slice(0, size)), label: tensor('int64', labelShape, e.labels), margin: 0.5, reduction: p.reduction }),
      description: `${e.what}; reduction '${p.reduction}'`,
      rules,
    });
  });
}
