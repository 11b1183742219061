/**
 * Group `errors`: shapes that differ (broadcastable or not), bad reductions
 * in both forms, calls with two faults at once so the goldens record which
 * check Paddle runs first, and the layer's removed PyTorch arguments.
 */
import type { KwargJson, PlannedCase } from '../../../conformance/case.js';
import type { WireDType } from '../../../conformance/wire.js';
import { formatParam, formatShape } from '../params.js';
import { tensor } from '../tensor.js';
import { plannedCase, request, type Rule } from './case.js';

const dims = (s: string): number[] => (s === 'scalar' ? [] : s.split('x').map(Number));
const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** A float32-exact tensor of a shape, values cycling through a few inputs or ±1 labels. */
function filled(dtype: WireDType, shape: number[], kind: 'input' | 'label'): ReturnType<typeof tensor> {
  const cycle = kind === 'input' ? [0.5, -1.25, 2, 0.75] : [1, -1];
  return tensor(dtype, shape, Array.from({ length: size(shape) }, (_, i) => cycle[i % cycle.length]!));
}

/** Input and label shapes that differ: the first four broadcast, the last two do not. */
const SHAPES: ReadonlyArray<[string, string]> = [
  ['3', '1'],
  ['1', 'scalar'],
  ['1x2', '2'],
  ['2', '2x1'],
  ['2x3', '3x2'],
  ['3', '2'],
];

/** Each shape pair in both forms: ValueError, whether or not the shapes broadcast. */
function shapeCases(): PlannedCase[] {
  return SHAPES.flatMap(([xs, ys]) =>
    (['functional', 'layer'] as const).map((form) =>
      plannedCase({
        group: 'errors',
        params: { input_shape: xs, label_shape: ys, form },
        request: request({ input: filled('float32', dims(xs), 'input'), label: filled('float32', dims(ys), 'label'), form, reduction: 'none' }),
        description: `input [${dims(xs).join(', ')}] against label [${dims(ys).join(', ')}] through the ${form} form: ValueError, no broadcasting`,
        rules: ['soft-margin-shapes-must-equal'],
        tags: ['error'],
      }),
    ),
  );
}

/** Reductions Paddle refuses, in both forms: each message names the form. */
const BAD_REDUCTIONS: readonly KwargJson[] = ['MEAN', 'reduce_mean', '', null, true, false, { int: 1 }];

function badReductionCases(): PlannedCase[] {
  return BAD_REDUCTIONS.flatMap((reduction) =>
    (['functional', 'layer'] as const).map((form) => {
      const id = typeof reduction === 'object' && reduction !== null ? ('int' in reduction ? `int(${reduction.int})` : `str(${reduction.str})`) : reduction;
      const legacy = form === 'layer' && typeof reduction === 'boolean';
      return plannedCase({
        group: 'errors',
        params: { reduction: id, form },
        request: request({ input: filled('float32', [3], 'input'), label: filled('float32', [3], 'label'), form, extra: { reduction } }),
        description: `reduction=${formatParam(id)} through the ${form} form raises ValueError naming ${form === 'layer' ? 'SoftMarginLoss' : 'soft_margin_loss'}${legacy ? ' (a keyword bool is no legacy argument)' : ''}`,
        rules: ['soft-margin-reduction-checked-first', ...(legacy ? (['soft-margin-layer-legacy-arguments'] as const) : [])],
        tags: ['error'],
      });
    }),
  );
}

/** Two faults at once, each on its own parameter; the golden records which error wins. */
const FAULTS: ReadonlyArray<{ id: string; dtype?: WireDType; shapes?: [string, string]; reduction?: string; form?: 'layer'; rules: Rule[] }> = [
  { id: 'reduction+shape', reduction: 'bad', shapes: ['2', '1'], rules: ['soft-margin-reduction-checked-first', 'soft-margin-shapes-must-equal'] },
  { id: 'reduction+float16', reduction: 'bad', dtype: 'float16', rules: ['soft-margin-reduction-checked-first', 'multiply-no-float16-kernel'] },
  { id: 'reduction+bfloat16', reduction: 'bad', dtype: 'bfloat16', rules: ['soft-margin-reduction-checked-first', 'exp-no-bfloat16-or-bool-kernel'] },
  { id: 'layer_reduction+float16', reduction: 'bad', dtype: 'float16', form: 'layer', rules: ['soft-margin-reduction-checked-first', 'multiply-no-float16-kernel'] },
  { id: 'float16+shape', dtype: 'float16', shapes: ['2', '1'], rules: ['soft-margin-non-tensor-attribute-error', 'soft-margin-shapes-must-equal', 'multiply-no-float16-kernel'] },
  { id: 'bfloat16+shape', dtype: 'bfloat16', shapes: ['3', '2'], rules: ['soft-margin-non-tensor-attribute-error', 'soft-margin-shapes-must-equal', 'exp-no-bfloat16-or-bool-kernel'] },
  { id: 'bool+shape', dtype: 'bool', shapes: ['2', 'scalar'], rules: ['soft-margin-non-tensor-attribute-error', 'soft-margin-shapes-must-equal', 'exp-no-bfloat16-or-bool-kernel'] },
];

function faultCases(): PlannedCase[] {
  return FAULTS.map((f) => {
    const dtype = f.dtype ?? 'float32';
    const [xs, ys] = f.shapes ?? ['3', '3'];
    const values = (kind: 'input' | 'label', shape: string) => (dtype === 'bool' ? tensor('bool', dims(shape), new Array<number>(size(dims(shape))).fill(1)) : filled(dtype, dims(shape), kind));
    return plannedCase({
      group: 'errors',
      params: { faults: f.id },
      request: request({ input: values('input', xs), label: values('label', ys), form: f.form ?? 'functional', reduction: f.reduction ?? 'none' }),
      description: `faults at once: ${f.id.replaceAll('+', ' and ')} (input [${formatShape(dims(xs))}], label [${formatShape(dims(ys))}], ${dtype}); the golden records which error wins`,
      rules: f.rules,
      tags: ['error'],
    });
  });
}

/** The layer's removed arguments, as keywords (the oracle calls the constructor with keywords only). */
const LEGACY: ReadonlyArray<{ id: string; form: 'layer' | 'functional'; args: Record<string, KwargJson> }> = [
  { id: 'size_average=True', form: 'layer', args: { size_average: true } },
  { id: 'reduce=False', form: 'layer', args: { reduce: false } },
  { id: 'size_average=False,reduce=True', form: 'layer', args: { size_average: false, reduce: true } },
  { id: 'size_average=True,reduction=x', form: 'layer', args: { size_average: true, reduction: 'x' } },
  { id: 'name=True', form: 'layer', args: { name: true } },
  { id: 'size_average=True', form: 'functional', args: { size_average: true } },
];

function legacyCases(): PlannedCase[] {
  return LEGACY.map((c) =>
    plannedCase({
      group: 'errors',
      params: { legacy: c.id.replaceAll(',', '+').replaceAll('=', ':'), form: c.form },
      request: request({ input: filled('float32', [3], 'input'), label: filled('float32', [3], 'label'), form: c.form, extra: c.args }),
      description:
        c.form === 'layer'
          ? `SoftMarginLoss(${c.id.replaceAll(',', ', ')}): the legacy-argument decorator ${c.id === 'name=True' ? 'ignores a keyword name' : 'raises ValueError suggesting a reduction'}`
          : 'soft_margin_loss(..., size_average=True): the functional form has no such argument (TypeError)',
      rules: ['soft-margin-layer-legacy-arguments'],
      ...(c.id === 'name=True' ? {} : { tags: ['error'] }),
    }),
  );
}

/** Every error case. */
export function errorCases(): PlannedCase[] {
  return [...shapeCases(), ...badReductionCases(), ...faultCases(), ...legacyCases()];
}
