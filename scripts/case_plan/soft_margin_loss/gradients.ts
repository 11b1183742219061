/**
 * Group `gradients`: d loss / d input for every reduction and both dtypes,
 * through loss.backward() and through an explicit upstream gradient; mean's
 * division of an upstream 3 by 7; a -0 upstream; and labels of 0, whose
 * -label is +0.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { Prng } from '../../prng.js';
import { ParamSet } from '../params.js';
import { tensor } from '../tensor.js';
import { mixedInputs, signLabels, upstreamValues } from '../values.js';
import { EXTREME_GRAD, plannedCase, request } from './case.js';
import { reductionClause } from './clauses.js';

const SHAPE = [2, 3];

/** Every reduction, dtype and upstream. */
export function gradientCases(): PlannedCase[] {
  return [...plainCases(), ...meanExactCases(), ...situationCases()];
}

/**
 * mean over N = 1, 2 and 4 elements with upstream 1 or 3: g / N is exact, so
 * g / N and g · round(1/N) agree and the page's mean fixes the gradient,
 * -label·e/(1 + e)·g/N with e = exp(-label·input), within its derived bound.
 * A port that never divides by N fails N = 2 and 4.
 */
function meanExactCases(): PlannedCase[] {
  const rows = ParamSet.of({ n: 1 }, { n: 2 }, { n: 4 }).combine('upstream', ['ones', 'given'] as const).combine('dtype', ['float32', 'float64'] as const);
  const [x, y] = [[0.5, -1.25, 2, -0.75], [1, -1, -1, 1]];
  return [...rows].map((p) => plannedCase({
    group: 'gradients',
    params: { at: 'mean_exact', ...p },
    request: request({ input: tensor(p.dtype, [p.n], x.slice(0, p.n)), label: tensor(p.dtype, [p.n], y.slice(0, p.n)), reduction: 'mean', grad: true, ...(p.upstream === 'given' && { gradOutput: tensor(p.dtype, [], [3]) }) }),
    description: `${p.dtype} gradient of input, mean over ${p.n} element(s) with upstream ${p.upstream === 'ones' ? '1' : '3'} (g / ${p.n} exact), labels ±1`,
    clauses: ['formula', 'input', 'label', 'mean'],
  }));
}

function plainCases(): PlannedCase[] {
  const rows = ParamSet.of({ dtype: 'float32' as const }, { dtype: 'float64' as const })
    .combine('reduction', ['none', 'mean', 'sum'] as const)
    .combine('upstream', ['ones', 'given'] as const)
    .combine('form', ['functional', 'layer'] as const);
  return [...rows].map((p) => {
    const rng = new Prng(`gradients/${p.dtype},${p.reduction},${p.upstream}`);
    const gShape = p.reduction === 'none' ? SHAPE : [];
    const input = mixedInputs(rng, 6, p.dtype);
    const label = signLabels(rng, 6);
    const gradOutput = p.upstream === 'given' ? tensor(p.dtype, gShape, upstreamValues(rng, gShape.length ? 6 : 1)) : undefined;
    return plannedCase({
      group: 'gradients',
      params: p,
      request: request({ input: tensor(p.dtype, SHAPE, input), label: tensor(p.dtype, SHAPE, label), form: p.form, reduction: p.reduction, grad: true, ...(gradOutput ? { gradOutput } : {}) }),
      description: `${p.dtype} gradient of input through the ${p.form} form, reduction '${p.reduction}', ${p.upstream === 'ones' ? 'loss.backward()' : 'an explicit upstream gradient'}`,
      clauses: ['formula', 'input', 'label', p.form, reductionClause(p.reduction)],
    });
  });
}

function situationCases(): PlannedCase[] {
  const cases: PlannedCase[] = [];
  for (const dtype of ['float32', 'float64'] as const) {
    // g = 3 over N = 7: 3/7 rounded once differs from 3 × round(1/7) (float32 0x3edb6db7 against 0x3edb6db8).
    const rng = new Prng(`gradients/mean_upstream_3,${dtype}`);
    cases.push(plannedCase({
      group: 'gradients',
      params: { at: 'mean_upstream_3', dtype },
      request: request({ input: tensor(dtype, [7], new Array<number>(7).fill(0)), label: tensor(dtype, [7], signLabels(rng, 7)), reduction: 'mean', grad: true, gradOutput: tensor(dtype, [], [3]) }),
      description: `${dtype} gradient of the mean with upstream 3 over 7 elements at input 0 (3/7 rounded once, not 3 times round(1/7))`,
      rules: ['mean-grad-divides-by-count'],
    }));
    // Scale's backward adds +0, so a -0 upstream reaches exp's backward as +0, then × e × -label gives -0.
    cases.push(plannedCase({
      group: 'gradients',
      params: { at: 'negative_zero_upstream', dtype },
      request: request({ input: tensor(dtype, [2], [0.5, -0.5]), label: tensor(dtype, [2], [1, 1]), reduction: 'none', grad: true, gradOutput: tensor(dtype, [2], [-0, -0]) }),
      description: `${dtype} gradient with upstream [-0, -0] at input [0.5, -0.5], label 1: the sign each zero keeps through the chain`,
      rules: ['scale-grad-adds-zero', ...EXTREME_GRAD],
    }));
    cases.push(plannedCase({
      group: 'gradients',
      params: { at: 'zero_labels', dtype },
      request: request({ input: tensor(dtype, [3], [0.5, -1.25, 2]), label: tensor(dtype, [3], [0, -0, 0]), reduction: 'sum', grad: true }),
      description: `${dtype} gradient where the labels are 0 and -0: -label is scale(label, -1) + 0 = +0, so the gradient is +0`,
      rules: ['scale-adds-zero-bias', 'soft-margin-label-cast-to-input-dtype'],
    }));
  }
  return cases;
}
