/**
 * Group `dtypes`: float32 and float64 input against every label dtype the
 * page lists (and bool and float16, which Paddle casts too), each label cast
 * to the input's dtype; the input dtypes Paddle's kernels refuse or compute
 * in integers; and a float64 label against a float32 input where computing
 * in float64 would change the result by far more than rounding.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import type { WireDType } from '../../../conformance/wire.js';
import { ParamSet } from '../params.js';
import { tensor } from '../tensor.js';
import { EXTREME_GRAD, labelDtypeRules, plannedCase, request, type Rule } from './case.js';

/** Inputs exact in every float dtype, labels ±1: three elements, so every exp is the C library's. */
const X = [0.5, -1.25, 2];
const L = [1, -1, -1];

const FLOATS = ['float32', 'float64'] as const;

/** The label values in a dtype (bool: true for 1, false for -1). */
function labels(dtype: WireDType, values: number[]): number[] {
  return dtype === 'bool' ? values.map((v) => Number(v > 0)) : values;
}

/** Documented input dtypes against every label dtype. */
function labelDtypeCases(): PlannedCase[] {
  const rows = ParamSet.of(...FLOATS.map((dtype) => ({ dtype })))
    .combine('label_dtype', ['int32', 'int64', 'float32', 'float64', 'bool', 'float16'] as const)
    .combine('reduction', ['none', 'sum'] as const)
    .combine('grad', [false, true] as const);
  return [...rows].map((p) => {
    const same = p.label_dtype === p.dtype;
    const rules = labelDtypeRules(p.dtype, p.label_dtype);
    const clauses = ['formula', 'input', 'label', p.reduction, 'outputShape'] as const;
    return plannedCase({
      group: 'dtypes',
      params: p,
      request: request({ input: tensor(p.dtype, [3], X), label: tensor(p.label_dtype, [3], labels(p.label_dtype, L)), reduction: p.reduction, grad: p.grad }),
      description: `${p.dtype} input, ${p.label_dtype} label (${same ? 'the same dtype' : `cast to ${p.dtype}`}), reduction '${p.reduction}'${p.grad ? ", with input's gradient" : ''}`,
      ...(rules.length ? { rules } : { clauses: [...clauses] }),
      ...(same ? {} : { tags: ['mixed-dtype'] }),
    });
  });
}

/** The primitive rule each input dtype the page does not list rests on. */
const KERNEL_RULE: Record<'float16' | 'bfloat16' | 'bool' | 'int32' | 'int64', Rule> = {
  float16: 'multiply-no-float16-kernel',
  bfloat16: 'exp-no-bfloat16-or-bool-kernel',
  bool: 'exp-no-bfloat16-or-bool-kernel',
  int32: 'exp-of-integers-in-float32',
  int64: 'exp-of-integers-in-float32',
};

/** Input dtypes the page does not list: the kernels refuse float16, bfloat16 and bool; integers compute in float32. */
function inputDtypeCases(): PlannedCase[] {
  const rows = ParamSet.of(...(['float16', 'bfloat16', 'bool', 'int32', 'int64'] as const).map((dtype) => ({ dtype })))
    .combine('label_dtype', ['same', 'float32'] as const)
    .combine('grad', [false, true] as const);
  return [...rows].map((p) => {
    const labelDtype = p.label_dtype === 'same' ? p.dtype : p.label_dtype;
    const x = p.dtype === 'bool' ? [1, 0, 1] : p.dtype.startsWith('int') ? [1, -2, 3] : X;
    return plannedCase({
      group: 'dtypes',
      params: p,
      request: request({ input: tensor(p.dtype, [3], x), label: tensor(labelDtype, [3], labels(labelDtype, L)), reduction: 'none', grad: p.grad }),
      description: `${p.dtype} input, ${labelDtype} label, reduction 'none'${p.grad ? ", with input's gradient" : ''}: Paddle checks no dtype itself`,
      rules: [KERNEL_RULE[p.dtype], ...(labelDtype === p.dtype ? [] : (['soft-margin-label-cast-to-input-dtype'] as const))],
      ...(p.dtype.startsWith('int') || labelDtype !== p.dtype ? {} : { tags: ['error'] }),
    });
  });
}

/** Mixes whose cast shows beyond rounding: a float label truncated for an integer input, a float64 label whose losses float32 absorbs or overflows. */
function castCases(): PlannedCase[] {
  return [
    plannedCase({
      group: 'dtypes',
      params: { dtype: 'int32', label_dtype: 'float32', labels: 'fractional' },
      request: request({ input: tensor('int32', [3], [1, 2, 3]), label: tensor('float32', [3], [0.7, -1.5, 2.5].map(Math.fround)), reduction: 'none' }),
      description: 'int32 input [1, 2, 3] with float32 labels [0.7, -1.5, 2.5]: the labels are truncated to 0, -1, 2 before they scale',
      rules: ['soft-margin-label-cast-to-input-dtype', 'cast-to-integer-truncates', 'exp-of-integers-in-float32'],
    }),
    ...[false, true].map((grad) =>
      plannedCase({
        group: 'dtypes',
        params: { dtype: 'float32', label_dtype: 'float64', labels: 'absorbed_and_overflowing', grad },
        request: request({ input: tensor('float32', [4], [20, 100, 0.5, -30]), label: tensor('float64', [4], [1, -1, 1, -1]), reduction: 'none', grad }),
        description: `float32 input [20, 100, 0.5, -30] with a float64 label [1, -1, 1, -1]: in float32 1 + e^-20 is 1 and e^100 overflows, which float64 would not${grad ? "; with input's gradient" : ''}`,
        rules: ['soft-margin-label-cast-to-input-dtype', 'soft-margin-one-plus-exp-absorbs-small', 'soft-margin-exp-overflows-to-inf', ...(grad ? EXTREME_GRAD : [])],
        tags: ['mixed-dtype'],
      }),
    ),
  ];
}

/** Every dtype combination. */
export function dtypeCases(): PlannedCase[] {
  return [...labelDtypeCases(), ...inputDtypeCases(), ...castCases()];
}
