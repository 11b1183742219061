/**
 * Groups `dtypes`, `errors` and `reduction_none_result`: the documented
 * dtypes and the ones Paddle refuses (input1's dtype is checked, input2's
 * meets the ops), calls with two faults at once, so the goldens record which
 * check Paddle runs first, and the functional form's None for a reduction it
 * does not know.
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { WireDType } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';
import { tensor } from '../tensor.js';
import { plannedCase, request, type Rule } from './case.js';
import { reductionClause } from './clauses.js';
import { activePairs } from './values.js';

const LABELS = [1, -1, 1];

/** Exact [3, 2] operands: ±m·32 with m in 16..31 needs 5 significant bits, so float16, bfloat16 and the integer dtypes hold them too. */
function operands(seed: string): { input1: number[]; input2: number[] } {
  return activePairs(new Prng(seed), LABELS, 2);
}

/** Values a dtype holds: bool keeps the sign as True/False; the others hold them as they are. */
function cast(dtype: WireDType, values: number[]): number[] {
  return dtype === 'bool' ? values.map((v) => (v > 0 ? 1 : 0)) : values;
}

/** Builds one dtypes case. */
function dtypeCase(params: Record<string, string>, dtypes: { input1: WireDType; input2: WireDType; label: WireDType }, reduction: 'none' | 'mean', justification: { rules: Rule[] } | { clauses: Array<'positive' | 'negative' | 'cosine' | 'inputShape' | 'labelShape' | 'none' | 'mean'> }): PlannedCase {
  const { input1, input2 } = operands(`dtypes/${Object.values(params).join(',')}`);
  return plannedCase({
    group: 'dtypes',
    params: { ...params, reduction },
    request: request({ input1: tensor(dtypes.input1, [3, 2], cast(dtypes.input1, input1)), input2: tensor(dtypes.input2, [3, 2], cast(dtypes.input2, input2)), label: tensor(dtypes.label, [3], cast(dtypes.label, LABELS)), margin: 0.5, reduction }),
    description: `input1 ${dtypes.input1}, input2 ${dtypes.input2}, label ${dtypes.label}, reduction '${reduction}'`,
    ...justification,
  });
}

/** One dtype for both inputs (label int64), then input2 alone, then label dtypes. */
export function dtypeCases(): PlannedCase[] {
  const cases: PlannedCase[] = [];
  for (const reduction of ['none', 'mean'] as const) {
    for (const d of ['float32', 'float64'] as const) {
      cases.push(dtypeCase({ dtype: d }, { input1: d, input2: d, label: 'int64' }, reduction, { clauses: ['positive', 'negative', 'cosine', 'inputShape', reductionClause(reduction) as 'none' | 'mean'] }));
    }
    for (const d of ['float16', 'bfloat16', 'int32', 'int64', 'bool'] as const) {
      cases.push(dtypeCase({ dtype: d }, { input1: d, input2: d, label: 'int64' }, reduction, { rules: ['cosine-input1-dtype-only'] }));
    }
    for (const d of ['float64', 'float16', 'bfloat16', 'int32', 'int64', 'bool'] as const) {
      cases.push(dtypeCase({ input1_dtype: 'float32', input2_dtype: d }, { input1: 'float32', input2: d, label: 'int64' }, reduction, { rules: ['cosine-input1-dtype-only'] }));
    }
    cases.push(dtypeCase({ input1_dtype: 'float64', input2_dtype: 'float32' }, { input1: 'float64', input2: 'float32', label: 'int64' }, reduction, { rules: ['cosine-input1-dtype-only'] }));
    for (const d of ['float16', 'bfloat16', 'bool'] as const) {
      cases.push(dtypeCase({ dtype: 'float32', label_dtype: d }, { input1: 'float32', input2: 'float32', label: d }, reduction, { rules: ['cosine-checks-in-source-order'] }));
    }
  }
  return cases;
}

/** A fault of one argument: what it replaces in a valid call. */
interface Fault {
  input1?: [WireDType, number[]];
  input2?: [WireDType, number[]];
  label?: [WireDType, number[]];
  margin?: KwargJson;
}

const F32: [WireDType, number[]] = ['float32', [3, 2]];
const FAULTS: Record<string, Fault> = {
  label_rank_2: { label: ['int64', [3, 1]] },
  shapes_differ: { input2: ['float32', [3, 3]] },
  rank_3: { input1: ['float32', [3, 2, 1]], input2: ['float32', [3, 2, 1]] },
  input1_int32: { input1: ['int32', [3, 2]] },
  input1_float16: { input1: ['float16', [3, 2]] },
  label_float16: { label: ['float16', [3]] },
  input2_int32: { input2: ['int32', [3, 2]] },
  input2_float16: { input2: ['float16', [3, 2]] },
  margin_none: { margin: null },
  label_length_4: { label: ['int64', [4]] },
};

/** Pairs of faults, each pair's first fault being the one Paddle reports (the source's order, then the ops'). */
const PAIRS: ReadonlyArray<[string, string]> = [
  ['label_rank_2', 'shapes_differ'],
  ['label_rank_2', 'input1_int32'],
  ['shapes_differ', 'rank_3'],
  ['shapes_differ', 'input1_float16'],
  ['rank_3', 'input1_int32'],
  ['input1_int32', 'label_float16'],
  ['label_float16', 'input2_int32'],
  ['input2_int32', 'margin_none'],
  ['input2_float16', 'margin_none'],
  ['input2_int32', 'label_length_4'],
  ['margin_none', 'label_length_4'],
  ['label_rank_2', 'input2_int32'],
  ['shapes_differ', 'margin_none'],
  ['label_float16', 'input2_float16'],
];

/** Two faults at once through the functional form, then the layer's own checks with a bad operand. */
export function errorCases(): PlannedCase[] {
  return [...PAIRS.map(([a, b]) => faultPair(a, b)), ...layerErrorCases(), ...functionalReductionErrorCases()];
}

function faultPair(a: string, b: string): PlannedCase {
  const rng = new Prng(`errors/${a}+${b}`);
  const base = activePairs(rng, [1, -1, 1, 1], 3);
  const fault: Fault = { ...FAULTS[a], ...FAULTS[b] };
  const make = (f: [WireDType, number[]] | undefined, values: number[], fallback: [WireDType, number[]]) => {
    const [dtype, shape] = f ?? fallback;
    return tensor(dtype, shape, values.slice(0, shape.reduce((x, y) => x * y, 1)));
  };
  const margin: KwargJson = fault.margin === undefined ? 0.5 : fault.margin;
  return plannedCase({
    group: 'errors',
    params: { faults: `${a}+${b}` },
    request: request({ input1: make(fault.input1, base.input1, F32), input2: make(fault.input2, base.input2, F32), label: make(fault.label, [1, -1, 1, 1], ['int64', [3]]), margin, reduction: 'mean' }),
    description: `two faults at once, ${a.replaceAll('_', ' ')} and ${b.replaceAll('_', ' ')}: Paddle reports the first`,
    rules: ['cosine-checks-in-source-order', ...faultRules(a), ...faultRules(b)],
    tags: ['error'],
  });
}

/** The rules a single fault's error rests on beyond the source's order. */
function faultRules(f: string): Rule[] {
  if (f === 'input2_int32' || f === 'input2_float16') return ['cosine-input1-dtype-only'];
  if (f === 'margin_none') return ['cosine-margin-none-refused'];
  if (f === 'label_length_4') return ['where-broadcasts'];
  return [];
}

/** The layer checks the margin, then the reduction, at construction: before any operand is seen. */
function layerErrorCases(): PlannedCase[] {
  const rng = new Prng('errors/layer');
  const { input1, input2 } = activePairs(rng, [1, -1, 1], 2);
  const calls: Record<string, { margin: KwargJson; reduction: string; label: number[] }> = {
    margin_2_reduction_bad: { margin: 2, reduction: 'reduce_mean', label: [1, -1, 1] },
    margin_none_reduction_bad: { margin: null, reduction: 'reduce_mean', label: [1, -1, 1] },
    reduction_bad_label_rank_2: { margin: 0.5, reduction: 'reduce_mean', label: [1, -1, 1] },
    margin_2_label_length_4: { margin: 2, reduction: 'mean', label: [1, -1, 1, 1] },
    margin_nan_reduction_bad: { margin: 'NaN', reduction: 'MEAN', label: [1, -1, 1] },
  };
  return Object.entries(calls).map(([faults, c]) =>
    plannedCase({
      group: 'errors',
      params: { form: 'layer', faults },
      request: request({
        input1: tensor('float32', [3, 2], input1), input2: tensor('float32', [3, 2], input2),
        label: faults.includes('label_rank_2') ? tensor('int64', [3, 1], c.label) : tensor('int64', [c.label.length], c.label),
        form: 'layer', margin: c.margin, reduction: c.reduction,
      }),
      description: `the layer with ${faults.replaceAll('_', ' ')}: the margin is checked first, then the reduction, both at construction`,
      rules: ['cosine-layer-checks-margin-then-reduction'],
      tags: ['error'],
    }),
  );
}

/** The functional form never checks the reduction: a bad reduction with a bad operand raises the operand's error. */
function functionalReductionErrorCases(): PlannedCase[] {
  const rng = new Prng('errors/functional_reduction');
  const { input1, input2 } = activePairs(rng, [1, -1, 1], 2);
  const labels: Record<string, [WireDType, number[], number[]]> = {
    label_rank_2: ['int64', [3, 1], [1, -1, 1]],
    label_float16: ['float16', [3], [1, -1, 1]],
    label_length_4: ['int64', [4], [1, -1, 1, 1]],
  };
  return Object.entries(labels).map(([fault, [dtype, shape, values]]) =>
    plannedCase({
      group: 'errors',
      params: { form: 'functional', faults: `reduction_bad+${fault}` },
      request: request({ input1: tensor('float32', [3, 2], input1), input2: tensor('float32', [3, 2], input2), label: tensor(dtype, shape, values), margin: 0.5, reduction: 'reduce_mean' }),
      description: `the functional form with reduction 'reduce_mean' and ${fault.replaceAll('_', ' ')}: the operand's error, since the reduction is never checked`,
      rules: ['cosine-functional-reduction-unchecked', 'cosine-checks-in-source-order', ...faultRules(fault)],
      tags: ['error'],
    }),
  );
}

/** The functional form returns None for a reduction other than 'none', 'mean' and 'sum', after computing the loss. */
export function reductionNoneResultCases(): PlannedCase[] {
  const reductions = ['reduce_mean', 'MEAN', 'Sum', '', 'none ', 'max'];
  return reductions.flatMap((reduction) =>
    (['float32', 'float64'] as const).map((dtype) => {
      const rng = new Prng(`reduction_none_result/${dtype}`);
      const { input1, input2 } = activePairs(rng, LABELS, 3);
      return plannedCase({
        group: 'reduction_none_result',
        params: { reduction: reduction === '' ? '' : reduction.replace(' ', '_space'), dtype },
        request: request({ input1: tensor(dtype, [3, 3], input1), input2: tensor(dtype, [3, 3], input2), label: tensor('int64', [3], LABELS), margin: 0.5, reduction }),
        description: `the functional form with reduction ${JSON.stringify(reduction)} (${dtype}): Paddle returns None`,
        rules: ['cosine-functional-reduction-unchecked'],
      });
    }),
  );
}
