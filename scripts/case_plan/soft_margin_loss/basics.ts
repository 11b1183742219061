/**
 * Groups `doc_example`, `forms`, `reductions`, `paddle_unittest` and
 * `large`: the page's example, both forms, every reduction with the
 * defaults, Paddle's own unit-test scenario, and 2e4 float32 elements whose
 * summation order and exp packets matter.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import type { WireDType } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';
import { ParamSet } from '../params.js';
import { tensor } from '../tensor.js';
import { mixedInputs, signLabels } from '../values.js';
import { DEFAULT, justified, labelDtypeRules, plannedCase, request } from './case.js';
import { reductionClause, type ClauseName } from './clauses.js';

const REDUCTIONS = ['none', 'mean', 'sum'] as const;

const dims = (s: string): number[] => s.split('x').map(Number);
const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** The clauses that fix a valid reduction's result, or the default's. */
function reductionClauses(reduction: string): ClauseName[] {
  if (reduction === DEFAULT) return ['reductionDefault', 'mean', 'outputShape'];
  return [reductionClause(reduction), 'outputShape'];
}

/** The page's example through both forms and every reduction (the page shows the default, 'mean': 0.64022040). */
export function docExampleCases(): PlannedCase[] {
  const input = tensor('float32', [2, 3], [0.5, 0.6, 0.7, 0.3, 0.5, 0.2].map(Math.fround));
  const label = tensor('float32', [2, 3], [1, -1, 1, -1, 1, 1]);
  const rows = ParamSet.control({ form: 'functional' as 'functional' | 'layer' }).vary('form', ['layer']).combine('reduction', [DEFAULT, ...REDUCTIONS] as const);
  return [...rows].map((p) =>
    plannedCase({
      group: 'doc_example',
      params: p,
      request: request({ input, label, form: p.form, reduction: p.reduction }),
      description: `the page's example through the ${p.form} form, reduction ${p.reduction === DEFAULT ? "left at its default ('mean')" : `'${p.reduction}'`}`,
      clauses: ['example', 'formula', p.form, ...reductionClauses(p.reduction)],
      tags: ['doc'],
    }),
  );
}

/** The layer and the functional form agree for every reduction, the default included. */
export function formCases(): PlannedCase[] {
  const rows = ParamSet.of({ form: 'functional' as 'functional' | 'layer' }, { form: 'layer' as const }).combine('reduction', [DEFAULT, ...REDUCTIONS] as const);
  return [...rows].map((p) => {
    const rng = new Prng(`forms/reduction=${p.reduction}`);
    return plannedCase({
      group: 'forms',
      params: p,
      request: request({ input: tensor('float32', [2, 3], mixedInputs(rng, 6, 'float32')), label: tensor('float32', [2, 3], signLabels(rng, 6)), form: p.form, reduction: p.reduction }),
      description: `the ${p.form} form, reduction ${p.reduction}, float32 [2, 3], labels ±1`,
      clauses: ['formula', p.form, ...reductionClauses(p.reduction)],
    });
  });
}

/** Every reduction over both documented dtypes and a few shapes, labels ±1. */
export function reductionCases(): PlannedCase[] {
  const rows = ParamSet.of({ shape: '3' }, { shape: '2x3' }, { shape: '1x7' }).combine('dtype', ['float32', 'float64'] as const).combine('reduction', REDUCTIONS);
  return [...rows].map((p) => {
    const shape = dims(p.shape);
    const n = size(shape);
    const rng = new Prng(`reductions/${p.shape},${p.dtype},${p.reduction}`);
    return plannedCase({
      group: 'reductions',
      params: p,
      request: request({ input: tensor(p.dtype, shape, mixedInputs(rng, n, p.dtype)), label: tensor(p.dtype, shape, signLabels(rng, n)), reduction: p.reduction }),
      description: `${p.dtype} [${shape.join(', ')}], labels ±1, reduction '${p.reduction}'`,
      ...justified(['formula', 'input', 'label', ...reductionClauses(p.reduction)]),
    });
  });
}

/** The label dtypes Paddle's unit test draws. */
const UNITTEST_LABELS = ['int32', 'int64', 'float32', 'float64'] as const;

/**
 * Paddle's own test (test/legacy_test/test_soft_margin_loss.py): float64
 * [5, 5] input uniform in [0.1, 0.8), labels ±1 as int32, int64, float32 or
 * float64, every reduction, through both forms; and its unsupported reduction.
 */
export function paddleUnittestCases(): PlannedCase[] {
  const rng = new Prng('paddle_unittest');
  const x = Array.from({ length: 25 }, () => rng.uniform(0.1, 0.8));
  const rows = ParamSet.of({ form: 'layer' as 'layer' | 'functional' }, { form: 'functional' as const }).combine('label_dtype', UNITTEST_LABELS).combine('reduction', ['sum', 'mean', 'none'] as const);
  const cases = [...rows].map((p) => {
    const labels = Array.from({ length: 25 }, () => rng.sign());
    const rules = labelDtypeRules('float64', p.label_dtype);
    return plannedCase({
      group: 'paddle_unittest',
      params: p,
      request: request({ input: tensor('float64', [5, 5], x), label: tensor(p.label_dtype, [5, 5], labels), form: p.form, reduction: p.reduction }),
      description: `Paddle's unit test: float64 [5, 5] in [0.1, 0.8), ${p.label_dtype} labels ±1, the ${p.form} form, reduction '${p.reduction}'`,
      ...justified(['formula', 'input', 'label', p.form, ...reductionClauses(p.reduction)], rules),
    });
  });
  const errors = (['layer', 'functional'] as const).map((form) =>
    plannedCase({
      group: 'paddle_unittest',
      params: { form, reduction: 'unsupport_reduction' },
      request: request({ input: tensor('float32', [1, 2], [0.1, 0.3].map(Math.fround)), label: tensor('float32', [1, 2], [-1, 1]), form, reduction: 'unsupport reduction' }),
      description: `Paddle's unit test: the ${form} form with reduction='unsupport reduction' raises ValueError`,
      rules: ['soft-margin-reduction-checked-first'],
      tags: ['error'],
    }),
  );
  return [...cases, ...errors];
}

/** One large tensor: its size, dtype, reduction and whether input's gradient is asked. */
const LARGE: ReadonlyArray<{ n: number; dtype: WireDType; reduction: 'none' | 'mean' | 'sum'; grad: boolean }> = [
  { n: 20_003, dtype: 'float32', reduction: 'mean', grad: false },
  { n: 20_003, dtype: 'float32', reduction: 'sum', grad: false },
  { n: 20_003, dtype: 'float32', reduction: 'mean', grad: true },
  { n: 5_003, dtype: 'float64', reduction: 'sum', grad: true },
  { n: 1_499, dtype: 'float32', reduction: 'none', grad: true },
];

/**
 * mean and sum of 2e4 float32 losses (n mod 8 = 3: packets and a tail) with
 * inputs spread over [-8, 8) at full precision, where the summation order
 * changes the rounding; one with input's gradient; and 5e3 float64 ones.
 * Then 1499 losses (1499 = 5·256 + 219) with reduction 'none' and the
 * gradient, each element held to its own bound, so a port that loses the
 * last elements of a block shows, as no sum's bound could show it.
 */
export function largeCases(): PlannedCase[] {
  return LARGE.map(({ n, dtype, reduction, grad }) => {
    const rng = new Prng(`large/n=${n},${dtype}`);
    const round = dtype === 'float32' ? Math.fround : (v: number) => v;
    const x = Array.from({ length: n }, () => round(rng.uniform(-8, 8)));
    const l = Array.from({ length: n }, () => rng.sign());
    return plannedCase({
      group: 'large',
      params: { n, dtype, reduction, grad },
      request: request({ input: tensor(dtype, [n], x), label: tensor(dtype, [n], l), reduction, grad }),
      description: reduction === 'none'
        ? `${n} ${dtype} losses of inputs in [-8, 8), reduction 'none', with input's gradient: every element on its own`
        : `${reduction} of ${n} ${dtype} losses of inputs in [-8, 8)${grad ? ", with input's gradient" : ''}, where the summation order changes the rounding`,
      clauses: ['formula', 'input', 'label', reduction, 'outputShape'],
      tags: ['large'],
    });
  });
}
