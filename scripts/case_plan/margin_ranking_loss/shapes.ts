/**
 * Groups `shapes` and `broadcast`: one shape for all three tensors (0-D,
 * empty, any rank), then shapes that differ and broadcast (or do not), with
 * the gradients of input and other summed back to their shapes.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { Prng } from '../../prng.js';
import { ParamSet } from '../params.js';
import { tensor } from '../tensor.js';
import { plannedCase, request, type CaseSpec, type Rule } from './case.js';
import { reductionClause } from './clauses.js';
import { pairs } from './values.js';

const dims = (s: string): number[] => (s === 'scalar' ? [] : s.split('x').map(Number));
const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** The same shape for input, other and label, with a zero and a nonzero margin. */
export function shapeCases(): PlannedCase[] {
  const rows = ParamSet.of(...['scalar', '1', '5', '2x3', '2x3x4', '0', '2x0'].map((shape) => ({ shape })))
    .combine('margin', [0, 0.5] as const)
    .combine('reduction', ['none', 'mean', 'sum'] as const);
  return [...rows].map((p) => {
    const shape = dims(p.shape);
    const rng = new Prng(`shapes/${p.shape},${p.margin},${p.reduction}`);
    const { input, other } = pairs(rng, size(shape), 'float32');
    const label = Array.from({ length: size(shape) }, () => rng.sign());
    return plannedCase({
      group: 'shapes',
      params: p,
      request: request({ input: tensor('float32', shape, input), other: tensor('float32', shape, other), label: tensor('float32', shape, label), margin: p.margin, reduction: p.reduction, grad: ['input', 'other'] }),
      description: `input, other and label of shape [${shape.join(', ')}], margin ${p.margin}, reduction '${p.reduction}', with both gradients`,
      ...shapeJustification(shape, p.reduction),
    });
  });
}

function shapeJustification(shape: number[], reduction: 'none' | 'mean' | 'sum'): Pick<CaseSpec, 'clauses' | 'rules'> {
  const mean = reduction === 'mean' ? (['mean-all-grad-divides-by-count'] as const) : [];
  // [] with a zero margin, [1] with any other: the margin tensor is added only when it is nonzero.
  if (shape.length === 0 && reduction === 'none') return { rules: ['ranking-zero-d-none-shape-follows-margin', 'ranking-margin-added-only-when-nonzero'] };
  if (size(shape) === 0 && reduction === 'mean') return { rules: ['mean-all-of-empty-is-nan'] };
  if (size(shape) === 0 && reduction === 'sum') return { rules: ['sum-of-empty-is-zero'] };
  if (mean.length) return { rules: [...mean] };
  return { clauses: ['formula', 'shapes', reductionClause(reduction), 'outputShape'] };
}

/**
 * Shapes that differ: input, other, label, and the rules each rests on: which
 * kernel broadcasts (subtract(other, input), then multiply by label), and how
 * a broadcast operand's gradient is summed back. Only the first takes Paddle's
 * general path (other [2, 1] is subtract's x, of input's rank); the last two
 * cannot broadcast.
 */
const BROADCASTS: ReadonlyArray<[string, string, string, Rule[]]> = [
  ['2x3', '2x1', '2x3', ['subtract-broadcasts', 'broadcast-grad-summed-in-order', 'broadcast-grad-accumulates-from-zero']],
  ['2x1', '2x3', '3', ['subtract-broadcasts', 'multiply-broadcasts', 'broadcast-grad-summed-in-order']],
  ['3', '3', '2x3', ['multiply-broadcasts', 'broadcast-grad-summed-in-order']],
  ['1', '5', '5', ['subtract-broadcasts', 'broadcast-grad-summed-in-order']],
  ['scalar', '4', '4', ['subtract-broadcasts', 'broadcast-grad-summed-in-order']],
  ['2x3', '2x3', 'scalar', ['multiply-broadcasts']],
  ['2x3', '3', '1', ['subtract-broadcasts', 'multiply-broadcasts', 'broadcast-grad-summed-in-order']],
  ['4', '3', '4', ['subtract-broadcasts']],
  ['4', '4', '5', ['multiply-broadcasts']],
];

/** Each shape combination with the gradients of input and other, and one sum whose order decides the gradient. */
export function broadcastCases(): PlannedCase[] {
  return [...shapeCombinationCases(), orderCase()];
}

/**
 * input [1] broadcast against labels [1, 1e8, -1e8] (float32, margin 0, sum):
 * its gradient sums -1, -1e8 and 1e8. Left to right from +0, as Paddle
 * does, gives (-1 - 1e8) + 1e8 = 0 (-1 is lost in float32); pairwise or
 * reversed gives -1.
 */
function orderCase(): PlannedCase {
  return plannedCase({
    group: 'broadcast',
    params: { input_shape: '1', other_shape: '3', label_shape: '3', values: 'cancelling', reduction: 'sum' },
    request: request({
      input: tensor('float32', [1], [1]), other: tensor('float32', [3], [2, 2, 0]), label: tensor('float32', [3], [1, 1e8, -1e8]),
      margin: 0, reduction: 'sum', grad: ['input'],
    }),
    description: "input [1] against labels [1, 1e8, -1e8], margin 0, 'sum': the order in which input's gradient is summed back decides it (0 left to right, -1 pairwise)",
    rules: ['subtract-broadcasts', 'broadcast-grad-summed-in-order'],
  });
}

/**
 * Each combination under 'none' and 'sum'; under 'mean' those whose input
 * is smaller than the loss, so mean's count is the broadcast loss's size,
 * not input's (2x1 against 2x3: 6, not 2).
 */
function shapeCombinationCases(): PlannedCase[] {
  const smallerInput = (p: { input_shape: string; other_shape: string; label_shape: string }): boolean => {
    const [xs, ys, ls] = [dims(p.input_shape), dims(p.other_shape), dims(p.label_shape)];
    const loss = Math.max(xs.length, ys.length, ls.length);
    const at = (s: number[], i: number): number => s[s.length - loss + i] ?? 1;
    const shape = Array.from({ length: loss }, (_, i) => Math.max(at(xs, i), at(ys, i), at(ls, i)));
    const broadcasts = [xs, ys, ls].every((s) => shape.every((d, i) => at(s, i) === 1 || at(s, i) === d));
    return broadcasts && size(xs) < size(shape);
  };
  const rows = ParamSet.of(...BROADCASTS.map(([input, other, label]) => ({ input_shape: input, other_shape: other, label_shape: label })))
    .combine('reduction', ['none', 'sum', 'mean'] as const)
    .filter((p) => p.reduction !== 'mean' || smallerInput(p));
  const rulesOf = (p: { input_shape: string; other_shape: string; label_shape: string; reduction: string }): Rule[] => [
    ...BROADCASTS.find(([x, y, l]) => x === p.input_shape && y === p.other_shape && l === p.label_shape)![3],
    ...(p.reduction === 'mean' ? (['mean-all-grad-divides-by-count'] as const) : []),
  ];
  return [...rows].map((p) => {
    const [xs, ys, ls] = [dims(p.input_shape), dims(p.other_shape), dims(p.label_shape)];
    const rng = new Prng(`broadcast/${p.input_shape},${p.other_shape},${p.label_shape},${p.reduction}`);
    const input = pairs(rng, size(xs), 'float32').input;
    const other = pairs(rng, size(ys), 'float32').other;
    const label = Array.from({ length: size(ls) }, () => rng.sign());
    return plannedCase({
      group: 'broadcast',
      params: p,
      request: request({ input: tensor('float32', xs, input), other: tensor('float32', ys, other), label: tensor('float32', ls, label), margin: 0.5, reduction: p.reduction, grad: ['input', 'other'] }),
      description: `input [${xs.join(', ')}], other [${ys.join(', ')}], label [${ls.join(', ')}], reduction '${p.reduction}', with both gradients`,
      rules: rulesOf(p),
    });
  });
}
