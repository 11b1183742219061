/**
 * Group `gradients`: d loss / d input1 and d loss / d input2 for every
 * reduction, with and without an upstream gradient, under both labels where
 * the page's formula is differentiable (label -1 rows with cos - margin > 0);
 * then the clipped region (gradient 0), the kink cos - margin == 0 exactly,
 * labels that select neither branch, mean's upstream divided by N, a label
 * broadcast against one cosine, and random rows.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { Prng } from '../../prng.js';
import { ParamSet } from '../params.js';
import { tensor } from '../tensor.js';
import { signLabels, upstreamValues } from '../values.js';
import { plannedCase, request, type Rule } from './case.js';
import { reductionClause } from './clauses.js';
import { activePairs, exactPairs, numericsRules, randomValues } from './values.js';

type Dtype = 'float32' | 'float64';

/** The page's formula, differentiable everywhere it is used: spec cases. */
function activeCases(): PlannedCase[] {
  const rows = ParamSet.of({ reduction: 'none' as 'none' | 'mean' | 'sum' }, { reduction: 'mean' as const }, { reduction: 'sum' as const })
    .combine('upstream', ['ones', 'given'] as const)
    .combine('dtype', ['float32', 'float64'] as const);
  return [...rows].map((p) => {
    const rng = new Prng(`gradients/active,${p.reduction},${p.upstream},${p.dtype}`);
    const labels = signLabels(rng, 5);
    const { input1, input2 } = activePairs(rng, labels, 4);
    const gradOutput = p.upstream === 'given' ? tensor(p.dtype, p.reduction === 'none' ? [5] : [], upstreamValues(rng, p.reduction === 'none' ? 5 : 1)) : undefined;
    // mean's upstream g / 5 is one rounding, g · round(1/5) two: only g = 1 leaves no doubt.
    const meanGiven = p.reduction === 'mean' && p.upstream === 'given';
    return plannedCase({
      group: 'gradients',
      params: { at: 'active', ...p },
      request: request({ input1: tensor(p.dtype, [5, 4], input1), input2: tensor(p.dtype, [5, 4], input2), label: tensor('int64', [5], labels), margin: 0.5, reduction: p.reduction, grad: ['input1', 'input2'], ...(gradOutput && { gradOutput }) }),
      description: `${p.dtype} gradients of both inputs, labels ±1 with every label -1 row above the margin 0.5, reduction '${p.reduction}', upstream ${p.upstream === 'ones' ? 'left out' : 'given'}`,
      ...(meanGiven ? { rules: ['mean-grad-divides-by-count'] as Rule[] } : { clauses: ['positive', 'negative', 'cosine', reductionClause(p.reduction)] }),
    });
  });
}

/**
 * mean over N = 1, 2 and 4 rows with upstream 1 or 3: g / N is exact, so
 * g / N and g · round(1/N) agree and the page's 'mean' fixes the gradient
 * (each row's G = ∓g/N), with every label -1 row above the margin 0.5.
 * A port that never divides by N fails the cases of 2 and 4 rows.
 */
function meanExactCases(): PlannedCase[] {
  const rows = ParamSet.of({ n: 1 }, { n: 2 }, { n: 4 }).combine('upstream', ['ones', 'given'] as const).combine('dtype', ['float32', 'float64'] as const);
  return [...rows].map((p) => {
    const rng = new Prng(`gradients/mean_exact,${p.n},${p.upstream},${p.dtype}`);
    const labels = [1, -1, -1, 1].slice(0, p.n);
    const { input1, input2 } = activePairs(rng, labels, 4);
    return plannedCase({
      group: 'gradients',
      params: { at: 'mean_exact', ...p },
      request: request({
        input1: tensor(p.dtype, [p.n, 4], input1), input2: tensor(p.dtype, [p.n, 4], input2), label: tensor('int64', [p.n], labels),
        margin: 0.5, reduction: 'mean', grad: ['input1', 'input2'], ...(p.upstream === 'given' && { gradOutput: tensor(p.dtype, [], [3]) }),
      }),
      description: `${p.dtype} gradients of both inputs, mean over ${p.n} row(s) with upstream ${p.upstream === 'ones' ? '1' : '3'} (g / ${p.n} exact), labels ±1 with every label -1 row above the margin 0.5`,
      clauses: ['positive', 'negative', 'cosine', 'mean'],
    });
  });
}

/** A special gradient situation: operands, labels, margin, reduction and the rules its gradients rest on. */
interface Situation {
  build: (rng: Prng, dtype: Dtype) => { input1: number[]; input2: number[]; shape: number[]; labels: number[]; margin: number; reduction: 'none' | 'mean' | 'sum'; gradOutput?: number[] };
  rules: Rule[];
}

const SITUATIONS: Record<string, Situation> = {
  // Opposed rows under label -1: cos < -0.81 < margin, the loss is clipped to 0 and so is its gradient (zero signs from the scale ops).
  clipped: {
    build: (rng) => ({ ...exactPairs(rng, 4, 3, () => 'opposed'), shape: [4, 3], labels: [-1, -1, -1, -1], margin: 0.25, reduction: 'none' }),
    rules: ['scale-grad-adds-zero'],
  },
  // [3, 4] against [4, 3]: cos = 24/25 rounds to the dtype's 0.96, so with margin 0.96 cos - margin == 0 exactly.
  kink: {
    build: () => ({ input1: [3, 4, 3, 4], input2: [4, 3, 4, 3], shape: [2, 2], labels: [-1, 1], margin: 0.96, reduction: 'sum' }),
    rules: ['clip-grad-passes-at-bounds', 'scale-attributes-in-dtype'],
  },
  kink_none: {
    build: () => ({ input1: [3, 4], input2: [4, 3], shape: [1, 2], labels: [-1], margin: 0.96, reduction: 'none' }),
    rules: ['clip-grad-passes-at-bounds', 'scale-attributes-in-dtype'],
  },
  other_labels: {
    build: (rng) => ({ ...activePairs(rng, [1, -1, -1, 1], 3), shape: [4, 3], labels: [0, 2, -1, 1], margin: 0.25, reduction: 'sum' }),
    rules: ['cosine-other-labels-contribute-zero', 'scale-grad-adds-zero'],
  },
  // x1 = [.46, .82, -.20], x2 = [.54, 1.04, -.21] under label 0: +0 everywhere but where both terms are -0.
  label_0_signs: {
    build: (_rng, d) => ({ input1: [0.46, 0.82, -0.2].map(d === 'float32' ? Math.fround : Number), input2: [0.54, 1.04, -0.21].map(d === 'float32' ? Math.fround : Number), shape: [1, 3], labels: [0], margin: 0, reduction: 'none' }),
    rules: ['cosine-other-labels-contribute-zero', 'scale-grad-adds-zero', 'sum-along-last-axis-left-to-right', 'cosine-eps-added-to-each-squared-norm'],
  },
  // g = 3 over N = 7: 3/7 rounded once differs from 3 × round(1/7).
  mean_upstream_3: {
    build: (rng) => ({ ...activePairs(rng, [1, -1, 1, 1, -1, -1, 1], 3), shape: [7, 3], labels: [1, -1, 1, 1, -1, -1, 1], margin: 0.25, reduction: 'mean', gradOutput: [3] }),
    rules: ['mean-grad-divides-by-count'],
  },
  // One 1-D pair against label [3]: its gradient sums the three losses' gradients.
  one_d_label_3: {
    build: (rng) => ({ ...activePairs(rng, [-1], 9), shape: [9], labels: [1, -1, 1], margin: 0.25, reduction: 'none', gradOutput: [0.5, -2, 1.25] }),
    rules: ['cosine-one-d-input-is-one-pair', 'where-broadcasts', 'sum-full-in-eigen-order'],
  },
  label_1_rows_3: {
    build: (rng) => ({ ...activePairs(rng, [-1, -1, -1], 3), shape: [3, 3], labels: [-1], margin: 0.25, reduction: 'mean' }),
    rules: ['where-broadcasts'],
  },
  random_rows: {
    build: (rng, d) => ({ input1: randomValues(rng, 15, d), input2: randomValues(rng, 15, d), shape: [5, 3], labels: signLabels(rng, 5), margin: 0, reduction: 'sum' }),
    rules: [...numericsRules({ dtype: 'float64', values: 'random', rank: 2, d: 3, rows: 5 }), 'scale-grad-adds-zero'],
  },
  scalar_pair: {
    build: () => ({ input1: [3], input2: [-2], shape: [], labels: [1, -1], margin: 0, reduction: 'sum' }),
    rules: ['cosine-one-d-input-is-one-pair', 'where-broadcasts', 'scale-grad-adds-zero'],
  },
};

/** Each situation in both dtypes, with both gradients. */
function situationCases(): PlannedCase[] {
  const rows = ParamSet.of(...Object.keys(SITUATIONS).map((at) => ({ at }))).combine('dtype', ['float32', 'float64'] as const);
  return [...rows].map((p) => {
    const s = SITUATIONS[p.at]!;
    const b = s.build(new Prng(`gradients/${p.at},${p.dtype}`), p.dtype);
    const lossShape = b.reduction === 'none' ? [b.labels.length] : [];
    return plannedCase({
      group: 'gradients',
      params: p,
      request: request({
        input1: tensor(p.dtype, b.shape, b.input1), input2: tensor(p.dtype, b.shape, b.input2), label: tensor('int64', [b.labels.length], b.labels),
        margin: b.margin, reduction: b.reduction, grad: ['input1', 'input2'], ...(b.gradOutput && { gradOutput: tensor(p.dtype, lossShape, b.gradOutput) }),
      }),
      description: `${p.dtype} gradients at ${p.at.replaceAll('_', ' ')}: margin ${b.margin}, reduction '${b.reduction}'`,
      rules: s.rules,
    });
  });
}

/** Every gradient case. */
export function gradientCases(): PlannedCase[] {
  return [...activeCases(), ...meanExactCases(), ...situationCases()];
}
