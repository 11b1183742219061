/**
 * Group `gradients`: d loss / d input and d loss / d other for every
 * reduction and both dtypes, through loss.backward() and through an explicit
 * upstream gradient; one of the two asked alone; then the kink (the relu's
 * argument exactly 0), an infinite label where the loss is 0, and mean's
 * division of the upstream gradient.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { Prng } from '../../prng.js';
import { ParamSet } from '../params.js';
import { tensor } from '../tensor.js';
import { signLabels, upstreamValues } from '../values.js';
import { plannedCase, request } from './case.js';
import { reductionClause } from './clauses.js';
import { pairs } from './values.js';

const SHAPE = [2, 3];

/** Every reduction, dtype and upstream, and which gradients are asked. */
export function gradientCases(): PlannedCase[] {
  return [...plainCases(), ...meanExactCases(), ...situationCases()];
}

/**
 * mean over N = 1, 2 and 4 elements with upstream 1 or 3: g / N is exact, so
 * g / N and g · round(1/N) agree and the page's MEAN fixes both gradients,
 * ∓label·g/N, every element inside the relu (-label·(input - other) + margin
 * is 1.5, 1.25, 1.5 and 1). A port that never divides by N fails N = 2 and 4.
 */
function meanExactCases(): PlannedCase[] {
  const rows = ParamSet.of({ n: 1 }, { n: 2 }, { n: 4 }).combine('upstream', ['ones', 'given'] as const).combine('dtype', ['float32', 'float64'] as const);
  const [input, other, label] = [[1, 2, -0.5, 3], [2, 1.25, 0.5, 3.5], [1, -1, 1, 1]];
  return [...rows].map((p) => plannedCase({
    group: 'gradients',
    params: { at: 'mean_exact', ...p },
    request: request({
      input: tensor(p.dtype, [p.n], input.slice(0, p.n)), other: tensor(p.dtype, [p.n], other.slice(0, p.n)), label: tensor(p.dtype, [p.n], label.slice(0, p.n)),
      margin: 0.5, reduction: 'mean', grad: ['input', 'other'], ...(p.upstream === 'given' && { gradOutput: tensor(p.dtype, [], [3]) }),
    }),
    description: `${p.dtype} gradients of input and other, mean over ${p.n} element(s) with upstream ${p.upstream === 'ones' ? '1' : '3'} (g / ${p.n} exact), every element inside the relu`,
    clauses: ['formula', 'mean'],
  }));
}

function plainCases(): PlannedCase[] {
  const rows = ParamSet.of({ dtype: 'float32' as const }, { dtype: 'float64' as const })
    .combine('reduction', ['none', 'mean', 'sum'] as const)
    .combine('upstream', ['ones', 'given'] as const)
    .combine('grad', ['input+other', 'input', 'other'] as const);
  return [...rows].map((p) => {
    const rng = new Prng(`gradients/${p.dtype},${p.reduction},${p.upstream}`);
    const { input, other } = pairs(rng, 6, p.dtype);
    const label = signLabels(rng, 6);
    const gShape = p.reduction === 'none' ? SHAPE : [];
    const gradOutput = p.upstream === 'given' ? tensor(p.dtype, gShape, upstreamValues(rng, gShape.length ? 6 : 1)) : undefined;
    return plannedCase({
      group: 'gradients',
      params: p,
      request: request({
        input: tensor(p.dtype, SHAPE, input), other: tensor(p.dtype, SHAPE, other), label: tensor(p.dtype, SHAPE, label), margin: 0.5, reduction: p.reduction,
        grad: p.grad.split('+') as Array<'input' | 'other'>, ...(gradOutput ? { gradOutput } : {}),
      }),
      description: `${p.dtype} gradient of ${p.grad.replace('+', ' and ')}, reduction '${p.reduction}', ${p.upstream === 'ones' ? 'loss.backward()' : 'an explicit upstream gradient'}`,
      ...(p.reduction === 'mean' ? { rules: ['mean-all-grad-divides-by-count'] as const } : { clauses: ['formula', reductionClause(p.reduction)] as const }),
    });
  });
}

function situationCases(): PlannedCase[] {
  const cases: PlannedCase[] = [];
  for (const dtype of ['float32', 'float64'] as const) {
    // -1 * (1.5 - 1) + 0.5 == 0 and 1 * (2 - 2.5) + 0.5 == 0: the relu's kink, where the page fixes no gradient.
    cases.push(plannedCase({
      group: 'gradients',
      params: { at: 'kink', dtype },
      request: request({ input: tensor(dtype, [3], [1.5, 2, 0.25]), other: tensor(dtype, [3], [1, 2.5, 1]), label: tensor(dtype, [3], [1, -1, -1]), margin: 0.5, reduction: 'sum', grad: ['input', 'other'] }),
      description: `${dtype} gradients where -label * (input - other) + margin is exactly 0 (and once inside the relu)`,
      rules: ['relu-grad-zero-at-kink', 'subtract-grad-negates'],
      tags: ['boundary'],
    }));
    cases.push(plannedCase({
      group: 'gradients',
      params: { at: 'inf_label_zero_loss', dtype },
      request: request({ input: tensor(dtype, [2], [3, 1]), other: tensor(dtype, [2], [1, 2]), label: tensor(dtype, [2], [Infinity, 1]), margin: 0.5, reduction: 'sum', grad: ['input', 'other'] }),
      description: `${dtype} gradients where an infinite label makes the loss 0: the mask times the label gives 0 × inf = NaN`,
      rules: ['multiply-grad-is-upstream-times-other', 'subtract-grad-negates'],
    }));
    // g = 3 over N = 7: 3/7 rounded once differs from 3 × round(1/7) (float32 0x3edb6db7 against 0x3edb6db8).
    const rng = new Prng(`gradients/mean_upstream_3,${dtype}`);
    const { input, other } = pairs(rng, 7, dtype);
    cases.push(plannedCase({
      group: 'gradients',
      params: { at: 'mean_upstream_3', dtype },
      request: request({ input: tensor(dtype, [7], input), other: tensor(dtype, [7], other), label: tensor(dtype, [7], signLabels(rng, 7)), margin: 0.5, reduction: 'mean', grad: ['input', 'other'], gradOutput: tensor(dtype, [], [3]) }),
      description: `${dtype} gradients of the mean with upstream 3 over 7 elements (3/7 rounded once, not 3 times round(1/7))`,
      rules: ['mean-all-grad-divides-by-count'],
    }));
  }
  return cases;
}
