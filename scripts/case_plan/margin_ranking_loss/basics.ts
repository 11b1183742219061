/**
 * Groups `doc_example`, `forms`, `reductions`, `labels`, `paddle_unittest`
 * and `large`: the page's example, both forms, every reduction with the
 * defaults, labels other than ±1 (the formula scales by any label), Paddle's
 * own unit-test scenario, and 1e5 float32 elements whose sum order matters.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { Prng } from '../../prng.js';
import { ParamSet } from '../params.js';
import { tensor } from '../tensor.js';
import { signLabels } from '../values.js';
import { DEFAULT, plannedCase, request } from './case.js';
import { reductionClause } from './clauses.js';
import { pairs } from './values.js';

const REDUCTIONS = ['none', 'mean', 'sum'] as const;

/** The page's example through both forms and every reduction (the page shows the default, 'mean': 0.75). */
export function docExampleCases(): PlannedCase[] {
  const input = tensor('float32', [2, 2], [1, 2, 3, 4]);
  const other = tensor('float32', [2, 2], [2, 1, 2, 4]);
  const label = tensor('float32', [2, 2], [1, -1, -1, -1]);
  const rows = ParamSet.control({ form: 'layer' as 'layer' | 'functional' }).vary('form', ['functional']).combine('reduction', [DEFAULT, ...REDUCTIONS] as const);
  return [...rows].map((p) =>
    plannedCase({
      group: 'doc_example',
      params: p,
      request: request({ input, other, label, form: p.form, reduction: p.reduction }),
      description: `the page's example through the ${p.form} form, reduction ${p.reduction === DEFAULT ? "left at its default ('mean')" : `'${p.reduction}'`}`,
      clauses: p.reduction === DEFAULT || p.reduction === 'mean' ? ['example', 'reductionDefault'] : ['example', 'formula', reductionClause(p.reduction), 'marginDefault'],
      tags: ['doc'],
    }),
  );
}

/** The layer and the functional form agree for every argument combination. */
export function formCases(): PlannedCase[] {
  const rows = ParamSet.of({ form: 'functional' as 'functional' | 'layer' }, { form: 'layer' as const })
    .combine('margin', [DEFAULT, 0.5, -1] as const)
    .combine('reduction', [DEFAULT, ...REDUCTIONS] as const);
  return [...rows].map((p) => {
    const rng = new Prng(`forms/margin=${p.margin},reduction=${p.reduction}`);
    const { input, other } = pairs(rng, 6, 'float32');
    const label = signLabels(rng, 6);
    const reduction = p.reduction === DEFAULT ? 'reductionDefault' : reductionClause(p.reduction);
    return plannedCase({
      group: 'forms',
      params: p,
      request: request({ input: tensor('float32', [2, 3], input), other: tensor('float32', [2, 3], other), label: tensor('float32', [2, 3], label), form: p.form, margin: p.margin, reduction: p.reduction }),
      description: `the ${p.form} form with margin ${p.margin} and reduction ${p.reduction}`,
      clauses: [p.form, 'formula', reduction, ...(p.margin === DEFAULT ? (['marginDefault'] as const) : [])],
    });
  });
}

/** Every reduction over both documented dtypes and a few shapes, labels ±1. */
export function reductionCases(): PlannedCase[] {
  const rows = ParamSet.of({ shape: '6' }, { shape: '2x3' }, { shape: '2x2x3' })
    .combine('dtype', ['float32', 'float64'] as const)
    .combine('reduction', REDUCTIONS);
  return [...rows].map((p) => {
    const shape = p.shape.split('x').map(Number);
    const n = shape.reduce((a, b) => a * b, 1);
    const rng = new Prng(`reductions/${p.shape},${p.dtype},${p.reduction}`);
    const { input, other } = pairs(rng, n, p.dtype);
    const label = signLabels(rng, n);
    return plannedCase({
      group: 'reductions',
      params: p,
      request: request({ input: tensor(p.dtype, shape, input), other: tensor(p.dtype, shape, other), label: tensor(p.dtype, shape, label), margin: 0.5, reduction: p.reduction }),
      description: `${p.dtype} [${shape.join(', ')}], labels ±1, margin 0.5, reduction '${p.reduction}'`,
      clauses: ['formula', reductionClause(p.reduction), 'dtypes', 'outputShape'],
    });
  });
}

/** Labels other than ±1: the formula multiplies by the label, whatever its value. */
export function labelCases(): PlannedCase[] {
  const rows = ParamSet.of(...[0, 2, -0.5, 3.5, -4, 0.25].map((label) => ({ label }))).combine('dtype', ['float32', 'float64'] as const).combine('reduction', ['none', 'sum'] as const);
  return [...rows].map((p) => {
    const rng = new Prng(`labels/${p.label},${p.dtype},${p.reduction}`);
    const { input, other } = pairs(rng, 4, p.dtype);
    return plannedCase({
      group: 'labels',
      params: p,
      request: request({ input: tensor(p.dtype, [4], input), other: tensor(p.dtype, [4], other), label: tensor(p.dtype, [4], [p.label, p.label, p.label, p.label]), margin: 1, reduction: p.reduction }),
      description: `${p.dtype} label ${p.label} everywhere (it scales -(input - other)), margin 1, reduction '${p.reduction}'`,
      ...(p.label === 0
        ? { rules: ['relu-nan-is-zero'] as const, tags: ['zero-label'] }
        : { clauses: ['formula', reductionClause(p.reduction)] as const }),
    });
  });
}

/**
 * Paddle's own test (test/legacy_test/test_margin_rank_loss.py): float64
 * [10, 10] inputs in [0, 1), labels ±1, margins 0.0 and 0.2, every reduction;
 * a label of shape [10] broadcast against them; its bad reductions.
 */
export function paddleUnittestCases(): PlannedCase[] {
  const rng = new Prng('paddle_unittest');
  const x = Array.from({ length: 100 }, () => rng.next());
  const y = Array.from({ length: 100 }, () => rng.next());
  const labels = Array.from({ length: 100 }, () => rng.sign());
  const cases: PlannedCase[] = [];
  for (const margin of [0, 0.2]) {
    for (const reduction of REDUCTIONS) {
      cases.push(plannedCase({
        group: 'paddle_unittest',
        params: { margin, reduction },
        request: request({ input: tensor('float64', [10, 10], x), other: tensor('float64', [10, 10], y), label: tensor('float64', [10, 10], labels), margin, reduction }),
        description: `Paddle's unit test: float64 [10, 10] in [0, 1), labels ±1, margin ${margin}, reduction '${reduction}'`,
        clauses: ['formula', reductionClause(reduction)],
      }));
    }
    cases.push(plannedCase({
      group: 'paddle_unittest',
      params: { margin, label_shape: '10', reduction: 'mean' },
      request: request({ input: tensor('float64', [10, 10], x), other: tensor('float64', [10, 10], y), label: tensor('float64', [10], labels.slice(0, 10)), margin, reduction: 'mean' }),
      description: `Paddle's unit test: a label of shape [10] broadcast against [10, 10] operands, margin ${margin}`,
      rules: ['multiply-broadcasts'],
    }));
  }
  for (const [form, reduction] of [['layer', 'reduce_mean'], ['functional', 'reduction_mean']] as const) {
    cases.push(plannedCase({
      group: 'paddle_unittest',
      params: { form, reduction },
      request: request({ input: tensor('float64', [10, 10], x), other: tensor('float64', [10, 10], y), label: tensor('float64', [10, 10], labels), form, reduction }),
      description: `Paddle's unit test: the ${form} form with reduction='${reduction}' must raise ValueError`,
      rules: ['ranking-reduction-checked-first'],
      tags: ['error'],
    }));
  }
  return cases;
}

/**
 * mean and sum of 2e4 float32 losses spread over 2^-24..2^24 (three tensors
 * each: 2e4 keeps the file small); then 1500 losses (1500 = 5·256 + 220) with
 * reduction 'none' and both gradients, where every element is exact, so a
 * port that loses the last elements of a block shows, as no sum's bound could show it.
 */
export function largeCases(): PlannedCase[] {
  return [...largeReducedCases(), largeNoneCase()];
}

/** 1500 float32 pairs apart from the relu's kink, labels ±1, margin 0.5: the page's formula, element by element. */
function largeNoneCase(): PlannedCase {
  const n = 1500;
  const rng = new Prng(`large/n=${n},none`);
  const { input, other } = pairs(rng, n, 'float32');
  const label = signLabels(rng, n);
  return plannedCase({
    group: 'large',
    params: { n, dtype: 'float32', reduction: 'none' },
    request: request({ input: tensor('float32', [n], input), other: tensor('float32', [n], other), label: tensor('float32', [n], label), margin: 0.5, reduction: 'none', grad: ['input', 'other'] }),
    description: `${n} float32 losses, labels ±1, margin 0.5, reduction 'none', with both gradients: every element on its own`,
    clauses: ['formula', 'none'],
    tags: ['large'],
  });
}

function largeReducedCases(): PlannedCase[] {
  const n = 20_000;
  const rng = new Prng(`large/n=${n}`);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const l = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.sign() * (1 + rng.next()) * 2 ** rng.int(-24, 24);
    y[i] = rng.sign() * (1 + rng.next()) * 2 ** rng.int(-24, 24);
    l[i] = rng.sign();
  }
  return (['mean', 'sum'] as const).map((reduction) =>
    plannedCase({
      group: 'large',
      params: { n, dtype: 'float32', reduction },
      request: request({ input: tensor('float32', [n], x), other: tensor('float32', [n], y), label: tensor('float32', [n], l), margin: 0.5, reduction }),
      description: `${reduction} of ${n} float32 losses spread over 2^-24..2^24, where the summation order changes the rounding`,
      clauses: ['formula', reduction],
      tags: ['large'],
    }),
  );
}
