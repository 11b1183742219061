/**
 * Groups `doc_example`, `forms`, `reductions`, `paddle_unittest` and
 * `large`: the page's example, both forms, every reduction over both
 * documented dtypes, Paddle's own unit-test scenarios, and a few thousand
 * float32 rows whose sums' order matters.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import type { WireDType } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';
import { ParamSet } from '../params.js';
import { tensor } from '../tensor.js';
import { signLabels } from '../values.js';
import { DEFAULT, plannedCase, request, type Rule } from './case.js';
import { reductionClause, type ClauseName } from './clauses.js';
import { activePairs, numericsRules, randomValues } from './values.js';

const REDUCTIONS = ['none', 'mean', 'sum'] as const;

/** The page's example: float32 [2, 3] inputs, int64 labels [1, -1], margin 0.5. */
function exampleTensors() {
  return {
    input1: tensor('float32', [2, 3], [1.6, 1.2, -0.5, 3.2, 2.6, -5.8].map(Math.fround)),
    input2: tensor('float32', [2, 3], [0.5, 0.5, -1.8, 2.3, -1.4, 1.1].map(Math.fround)),
    label: tensor('int64', [2], [1, -1]),
  };
}

/** The page's example through both forms and every reduction (the page shows mean, sum and none with margin 0.5). */
export function docExampleCases(): PlannedCase[] {
  const rows = ParamSet.control({ form: 'layer' as 'layer' | 'functional' }).vary('form', ['functional']).combine('reduction', [DEFAULT, ...REDUCTIONS] as const);
  return [...rows].map((p) => {
    const clauses: ClauseName[] = p.reduction === 'none' ? ['exampleNone'] : p.reduction === DEFAULT ? ['example', 'reductionDefault'] : ['example'];
    return plannedCase({
      group: 'doc_example',
      params: p,
      request: request({ ...exampleTensors(), form: p.form, margin: 0.5, reduction: p.reduction }),
      description: `the page's example through the ${p.form} form, margin 0.5, reduction ${p.reduction === DEFAULT ? "left at its default ('mean')" : `'${p.reduction}'`}`,
      clauses: [...clauses, p.form],
      tags: ['doc'],
    });
  });
}

/** The layer and the functional form agree for every argument combination. */
export function formCases(): PlannedCase[] {
  const rows = ParamSet.of({ form: 'functional' as 'functional' | 'layer' }, { form: 'layer' as const })
    .combine('margin', [DEFAULT, 0.5, -0.5] as const)
    .combine('reduction', [DEFAULT, ...REDUCTIONS] as const);
  return [...rows].map((p) => {
    const rng = new Prng(`forms/margin=${p.margin},reduction=${p.reduction}`);
    const labels = signLabels(rng, 3);
    const { input1, input2 } = activePairs(rng, labels, 4);
    const reduction = p.reduction === DEFAULT ? 'reductionDefault' : reductionClause(p.reduction);
    return plannedCase({
      group: 'forms',
      params: p,
      request: request({ input1: tensor('float32', [3, 4], input1), input2: tensor('float32', [3, 4], input2), label: tensor('int64', [3], labels), form: p.form, margin: p.margin, reduction: p.reduction }),
      description: `the ${p.form} form, float32 [3, 4] exact rows, labels ±1, margin ${p.margin}, reduction ${p.reduction}`,
      clauses: [p.form, 'positive', 'negative', 'cosine', reduction, ...(p.margin === DEFAULT ? (['marginDefault'] as const) : [])],
    });
  });
}

/** Every reduction over both documented dtypes, [N, M] and [M] inputs, labels ±1. */
export function reductionCases(): PlannedCase[] {
  const rows = ParamSet.of({ shape: '5x3' }, { shape: '6' }).combine('dtype', ['float32', 'float64'] as const).combine('reduction', REDUCTIONS);
  return [...rows].map((p) => {
    const twoD = p.shape === '5x3';
    const rng = new Prng(`reductions/${p.shape},${p.dtype},${p.reduction}`);
    const labels = twoD ? signLabels(rng, 5) : [-1];
    const { input1, input2 } = activePairs(rng, labels, twoD ? 3 : 6);
    const shape = twoD ? [5, 3] : [6];
    const oneDNone = !twoD && p.reduction === 'none';
    return plannedCase({
      group: 'reductions',
      params: p,
      request: request({ input1: tensor(p.dtype, shape, input1), input2: tensor(p.dtype, shape, input2), label: tensor('int64', [labels.length], labels), margin: 0.25, reduction: p.reduction }),
      description: `${p.dtype} [${shape.join(', ')}] exact rows, labels ±1, margin 0.25, reduction '${p.reduction}'`,
      // A 1-D pair's 'none' loss has shape [1] (the 0-D cosine broadcast against the label [1]); the page says [N].
      ...(oneDNone ? { rules: ['cosine-one-d-input-is-one-pair', 'where-broadcasts'] as Rule[] } : { clauses: ['positive', 'negative', 'cosine', reductionClause(p.reduction), 'inputShape', 'labelShape', 'outputShape'] as ClauseName[] }),
    });
  });
}

/** Random values in [0, 1) as Paddle's test draws them (numpy's random()), exact in the dtype. */
function unitValues(rng: Prng, n: number, dtype: WireDType): number[] {
  return Array.from({ length: n }, () => (dtype === 'float32' ? Math.fround(rng.next()) : rng.nextFloat64()));
}

/**
 * Paddle's own test (test/legacy_test/test_cosine_embedding_loss.py):
 * TestFunctionCosineEmbeddingLoss (float64 [5, 3] in [0, 1), int32 labels
 * three -1 and two 1, margin 0.5, every reduction) and
 * TestClassCosineEmbeddingLoss (float32 [10, 3] with int64 labels five and
 * five, and a 1-D [10] pair with label [1], through the layer with margin
 * 0.5), then its error checks.
 */
export function paddleUnittestCases(): PlannedCase[] {
  const rng = new Prng('paddle_unittest');
  const f64 = { input1: tensor('float64', [5, 3], unitValues(rng, 15, 'float64')), input2: tensor('float64', [5, 3], unitValues(rng, 15, 'float64')) };
  const label5 = tensor('int32', [5], [-1, 1, -1, 1, -1]);
  const base = numericsRules({ dtype: 'float64', values: 'random', rank: 2, d: 3, rows: 5 });
  const cases: PlannedCase[] = REDUCTIONS.map((reduction) =>
    plannedCase({
      group: 'paddle_unittest',
      params: { test: 'function', reduction },
      request: request({ ...f64, label: label5, margin: 0.5, reduction }),
      description: `TestFunctionCosineEmbeddingLoss: float64 [5, 3] in [0, 1), int32 labels, margin 0.5, reduction '${reduction}'`,
      rules: base,
    }),
  );
  const f32 = { input1: tensor('float32', [10, 3], unitValues(rng, 30, 'float32')), input2: tensor('float32', [10, 3], unitValues(rng, 30, 'float32')) };
  cases.push(plannedCase({
    group: 'paddle_unittest',
    params: { test: 'class', shape: '10x3' },
    request: request({ ...f32, label: tensor('int64', [10], [-1, 1, 1, -1, -1, 1, -1, 1, 1, -1]), form: 'layer', margin: 0.5, reduction: 'mean' }),
    description: 'TestClassCosineEmbeddingLoss: float32 [10, 3] in [0, 1), int64 labels, the layer with margin 0.5, mean',
    rules: numericsRules({ dtype: 'float32', values: 'random', rank: 2, d: 3, rows: 10 }),
  }));
  cases.push(plannedCase({
    group: 'paddle_unittest',
    params: { test: 'class', shape: '10' },
    request: request({ input1: tensor('float32', [10], unitValues(rng, 10, 'float32')), input2: tensor('float32', [10], unitValues(rng, 10, 'float32')), label: tensor('int64', [1], [1]), form: 'layer', margin: 0.5, reduction: 'mean' }),
    description: 'TestClassCosineEmbeddingLoss: a float32 [10] pair with int64 label [1], the layer with margin 0.5, mean',
    rules: ['cosine-one-d-input-is-one-pair', ...numericsRules({ dtype: 'float32', values: 'random', rank: 1, d: 10, rows: 1 })],
  }));
  return [...cases, ...unittestErrorCases(f64, label5)];
}

/** The test's error checks: each must raise ValueError (its label np.ndarray([-1, -2]) fails in numpy itself, so it has no case). */
function unittestErrorCases(f64: { input1: ReturnType<typeof tensor>; input2: ReturnType<typeof tensor> }, label5: ReturnType<typeof tensor>): PlannedCase[] {
  const rng = new Prng('paddle_unittest/errors');
  const rank3 = () => tensor('float64', [2, 3, 4], unitValues(rng, 24, 'float64'));
  const calls = {
    label_shape: request({ ...f64, label: tensor('int64', [2, 3], [0, 1, 1, 0, 1, 0]), margin: 0.5, reduction: 'mean' }),
    input_different_shape: request({ input1: tensor('float64', [3], unitValues(rng, 3, 'float64')), input2: f64.input2, label: tensor('float64', [1], [0]), margin: 0.5, reduction: 'mean' }),
    input_shape_2d: request({ input1: rank3(), input2: rank3(), label: label5, margin: 0.5, reduction: 'mean' }),
    input_type: request({ input1: tensor('int64', [5, 3], Array.from({ length: 15 }, () => 0)), input2: f64.input2, label: label5, margin: 0.5, reduction: 'mean' }),
    // The test's label is int16, which no port of this suite can be sent as a label it must compute with; float16 is refused by the same check.
    label_type: request({ ...f64, label: tensor('float16', [5], [-1, 1, -1, 1, -1]), margin: 0.5, reduction: 'mean' }),
    margin: request({ ...f64, label: label5, form: 'layer', margin: { int: 2 }, reduction: 'mean' }),
    margin_and_reduction: request({ ...f64, label: label5, form: 'layer', margin: { int: 2 }, reduction: 'reduce_mean' }),
  };
  return Object.entries(calls).map(([error, req]) =>
    plannedCase({
      group: 'paddle_unittest',
      params: { test: 'errors', error },
      request: req,
      description: `Paddle's test_errors: ${error.replaceAll('_', ' ')} must raise ValueError`,
      rules: error.startsWith('margin') ? ['cosine-layer-checks-margin-then-reduction'] : ['cosine-checks-in-source-order'],
      tags: ['error'],
    }),
  );
}

/**
 * mean and sum of 4000 float32 rows of 9 random values: packets and a tail in
 * every sum, and sqrt over 500 packets; then 1500 float64 rows of exact values
 * (1500 = 5·256 + 220 = 187·8 + 4) with reduction 'none' and both gradients,
 * where every loss and gradient element is held to its own bound, so a port
 * that loses the last rows of a block shows, as no sum's bound could show it.
 */
export function largeCases(): PlannedCase[] {
  return [...largeReducedCases(), largeNoneCase()];
}

/** 1500 float64 rows of 3 exact values, labels ±1 with every label -1 row above the margin 0.5: the page's formula, row by row. */
function largeNoneCase(): PlannedCase {
  const [n, d] = [1500, 3];
  const rng = new Prng(`large/n=${n},d=${d},none`);
  const labels = signLabels(rng, n);
  const { input1, input2 } = activePairs(rng, labels, d);
  return plannedCase({
    group: 'large',
    params: { n, d, dtype: 'float64', reduction: 'none' },
    request: request({ input1: tensor('float64', [n, d], input1), input2: tensor('float64', [n, d], input2), label: tensor('int64', [n], labels), margin: 0.5, reduction: 'none', grad: ['input1', 'input2'] }),
    description: `${n} float64 rows of ${d} exact values, labels ±1, margin 0.5, reduction 'none', with both gradients: every row's loss and gradient on its own`,
    clauses: ['positive', 'negative', 'cosine', 'none', 'outputShape'],
    tags: ['large'],
  });
}

function largeReducedCases(): PlannedCase[] {
  const [n, d] = [4000, 9];
  const rng = new Prng(`large/n=${n},d=${d}`);
  const input1 = tensor('float32', [n, d], randomValues(rng, n * d, 'float32'));
  const input2 = tensor('float32', [n, d], randomValues(rng, n * d, 'float32'));
  const label = tensor('int32', [n], signLabels(rng, n));
  return (['mean', 'sum'] as const).map((reduction) =>
    plannedCase({
      group: 'large',
      params: { n, d, dtype: 'float32', reduction },
      request: request({ input1, input2, label, margin: 0.25, reduction }),
      description: `${reduction} of ${n} float32 rows of ${d} random values, margin 0.25, where the summation order changes the rounding`,
      rules: numericsRules({ dtype: 'float32', values: 'random', rank: 2, d, rows: n }),
      tags: ['large'],
    }),
  );
}
