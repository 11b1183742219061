/**
 * Groups `dtypes` and `errors`: the documented dtypes and the ones Paddle
 * rejects, mixed dtypes across the three tensors, and calls with two faults
 * at once, so the goldens record which check Paddle runs first.
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { WireDType } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';
import { ParamSet } from '../params.js';
import { tensor } from '../tensor.js';
import { plannedCase, request, type Rule } from './case.js';
import { reductionClause } from './clauses.js';

/** Small values exact in every dtype, ints included, with other ≠ input everywhere. */
const X = [0, 1, -2, 3, 2, -1];
const Y = [1, -1, 0, 2, 3, -3];
const L = [1, -1, 1, -1, -1, 1];

const isFloat = (d: string): boolean => d === 'float32' || d === 'float64';

/**
 * The first kernel without a registration for an undocumented dtype, with
 * margin 0.5: subtract for float16 and bool, add for bfloat16 (subtract and
 * multiply have one), relu for the integers (every other op has one).
 */
const KERNEL_REFUSING: Partial<Record<string, Rule>> = {
  float16: 'subtract-no-float16-or-bool-kernel',
  bool: 'subtract-no-float16-or-bool-kernel',
  bfloat16: 'add-no-float16-or-bfloat16-kernel',
};

/** One dtype for all three tensors, then mixes. */
export function dtypeCases(): PlannedCase[] {
  const same = ParamSet.of(...(['float32', 'float64', 'float16', 'bfloat16', 'int32', 'int64', 'bool'] as const).map((dtype) => ({ dtype }))).combine('reduction', ['none', 'mean'] as const);
  const one = [...same].map((p) => {
    const values = (v: number[]): number[] => (p.dtype === 'bool' ? v.map((x) => Number(x > 0)) : v);
    const documented = isFloat(p.dtype);
    const rules: Rule[] = [KERNEL_REFUSING[p.dtype] ?? 'relu-float-kernels-only'];
    return plannedCase({
      group: 'dtypes',
      params: p,
      request: request({ input: tensor(p.dtype, [6], values(X)), other: tensor(p.dtype, [6], values(Y)), label: tensor(p.dtype, [6], values(L)), margin: 0.5, reduction: p.reduction }),
      description: `${p.dtype} input, other and label, margin 0.5, reduction '${p.reduction}'`,
      ...(documented
        ? p.reduction === 'mean' ? { clauses: ['dtypes', 'formula', 'mean', 'outputShape'] as const } : { clauses: ['dtypes', 'formula', reductionClause(p.reduction)] as const }
        : { rules, tags: ['error'] }),
    });
  });
  return [...one, ...mixedCases()];
}

/** Mixed dtypes: Paddle promotes per op (other - input, then × label), and rejects int with float. */
const MIXES: ReadonlyArray<{ id: string; input: WireDType; other: WireDType; label: WireDType; otherShape?: number[]; margin?: KwargJson; rules: Rule[] }> = [
  { id: 'f32_f32_f64', input: 'float32', other: 'float32', label: 'float64', rules: ['promotion-float-dtypes-widen'] },
  { id: 'f64_f32_f32', input: 'float64', other: 'float32', label: 'float32', rules: ['promotion-float-dtypes-widen'] },
  { id: 'f32_f64_f32', input: 'float32', other: 'float64', label: 'float32', rules: ['promotion-float-dtypes-widen'] },
  { id: 'f32_f64scalar_f32', input: 'float32', other: 'float64', label: 'float32', otherShape: [], rules: ['promotion-float-dtypes-widen', 'subtract-broadcasts'] },
  { id: 'f32_f32_f64,margin=0.1', input: 'float32', other: 'float32', label: 'float64', margin: 0.1, rules: ['promotion-float-dtypes-widen', 'ranking-margin-in-result-dtype'] },
  { id: 'i32_f32_f32', input: 'int32', other: 'float32', label: 'float32', rules: ['promotion-refuses-int-with-float'] },
  { id: 'f32_f32_i64', input: 'float32', other: 'float32', label: 'int64', rules: ['promotion-refuses-int-with-float'] },
  { id: 'i32_i64_i32', input: 'int32', other: 'int64', label: 'int32', rules: ['promotion-refuses-int-with-float'] },
  { id: 'f16_f16_f32', input: 'float16', other: 'float16', label: 'float32', rules: ['subtract-no-float16-or-bool-kernel'] },
];

function mixedCases(): PlannedCase[] {
  return MIXES.map((m) => {
    const rng = new Prng(`dtypes/mix=${m.id}`);
    const frac = (v: number): number => (isFloat(m.input) ? v + rng.pick([0.25, 0.5]) : v);
    const otherShape = m.otherShape ?? [6];
    return plannedCase({
      group: 'dtypes',
      params: { mix: m.id.split(',')[0]!, ...(m.margin !== undefined ? { margin: m.margin as number } : {}) },
      request: request({
        input: tensor(m.input, [6], X.map(frac)),
        other: tensor(m.other, otherShape, otherShape.length ? Y : [0.5]),
        label: tensor(m.label, [6], L),
        margin: m.margin ?? 0.5,
        reduction: 'none',
        ...(isFloat(m.input) && isFloat(m.other) ? { grad: ['input', 'other'] as Array<'input' | 'other'> } : {}),
      }),
      description: `input ${m.input}, other ${m.other}${m.otherShape ? ' (0-D)' : ''}, label ${m.label}, reduction 'none'`,
      rules: m.rules,
      tags: ['mixed-dtype'],
    });
  });
}

/** Two faults at once, each on its own parameter. */
const FAULTS: ReadonlyArray<{ id: string; reduction?: string; dtype?: WireDType; shapes?: [number, number, number]; margin?: KwargJson; form?: 'layer'; rules: Rule[] }> = [
  { id: 'reduction+shape', reduction: 'reduce_mean', shapes: [6, 4, 6], rules: ['ranking-reduction-checked-first', 'subtract-broadcasts'] },
  { id: 'reduction+float16', reduction: 'reduce_mean', dtype: 'float16', rules: ['ranking-reduction-checked-first', 'subtract-no-float16-or-bool-kernel'] },
  { id: 'reduction+margin_none', reduction: 'reduce_mean', margin: null, rules: ['ranking-reduction-checked-first', 'ranking-margin-none-or-str-refused'] },
  { id: 'layer_reduction+shape', reduction: 'reduce_mean', shapes: [6, 4, 6], form: 'layer', rules: ['ranking-reduction-checked-first', 'subtract-broadcasts'] },
  { id: 'float16+shape', dtype: 'float16', shapes: [6, 4, 6], rules: ['ranking-checks-in-op-order', 'subtract-no-float16-or-bool-kernel', 'subtract-broadcasts'] },
  { id: 'int32+shape', dtype: 'int32', shapes: [6, 4, 6], rules: ['ranking-checks-in-op-order', 'subtract-broadcasts', 'relu-float-kernels-only'] },
  { id: 'margin_none+shape', margin: null, shapes: [6, 4, 6], rules: ['ranking-checks-in-op-order', 'ranking-margin-none-or-str-refused', 'subtract-broadcasts'] },
  { id: 'margin_str+float16', margin: { str: '1.5' }, dtype: 'float16', rules: ['ranking-checks-in-op-order', 'ranking-margin-none-or-str-refused', 'subtract-no-float16-or-bool-kernel'] },
  { id: 'subtract_shape+label_shape', shapes: [6, 4, 5], rules: ['ranking-checks-in-op-order', 'subtract-broadcasts', 'multiply-broadcasts'] },
  { id: 'label_shape+margin_none', shapes: [6, 6, 5], margin: null, rules: ['ranking-checks-in-op-order', 'multiply-broadcasts', 'ranking-margin-none-or-str-refused'] },
  { id: 'bool+label_shape', dtype: 'bool', shapes: [6, 6, 5], rules: ['ranking-checks-in-op-order', 'subtract-no-float16-or-bool-kernel', 'multiply-broadcasts'] },
];

/** Every fault pair; the golden records which error wins. */
export function errorCases(): PlannedCase[] {
  return FAULTS.map((f) => {
    const dtype = f.dtype ?? 'float32';
    const [nx, ny, nl] = f.shapes ?? [6, 6, 6];
    const vals = (n: number, v: number[]): number[] => Array.from({ length: n }, (_, i) => (dtype === 'bool' ? Number(v[i % 6]! > 0) : v[i % 6]!));
    return plannedCase({
      group: 'errors',
      params: { faults: f.id },
      request: request({
        input: tensor(dtype, [nx], vals(nx, X)),
        other: tensor(dtype, [ny], vals(ny, Y)),
        label: tensor(dtype, [nl], vals(nl, L)),
        margin: f.margin === undefined ? 0.5 : f.margin,
        ...(f.reduction ? { reduction: f.reduction } : {}),
        ...(f.form ? { form: f.form } : {}),
      }),
      description: `faults at once: ${f.id.replaceAll('+', ' and ')}; the golden records which error wins`,
      rules: f.rules,
      tags: ['error'],
    });
  });
}
