/**
 * Group `broadcast`: label and input of different shapes. The page asks for
 * equal shapes; Paddle's `where` broadcasts them, and shapes that cannot
 * broadcast must raise. Where the input itself is broadcast, its gradient
 * has to be summed back over the broadcast dimensions.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import { shapeSize } from '../../../conformance/wire.js';
import { Prng } from '../../prng.js';
import { reductionClause } from './clauses.js';
import { formatShape, type ParamValue } from '../params.js';
import { caseId, plannedCase } from './case.js';
import { request } from './request.js';
import { tensor } from '../tensor.js';
import type { Rule } from './rules.js';
import { mixedInputs, signLabels } from '../values.js';

const GROUP = 'broadcast';

type Shape = number[];

/** [input shape, label shape]: the equal-shape control first, then broadcastable pairs. */
const BROADCASTABLE: ReadonlyArray<readonly [Shape, Shape]> = [
  [[3, 2], [3, 2]],
  [[3, 2], [3, 1]],
  [[3], []],
  [[3, 1], [3, 2]],
  [[3, 2], [1, 2]],
  [[3, 2], [2]],
  [[], [3]],
  [[3, 1], [1, 2]],
  [[0, 3], [0, 1]],
  [[1], [0]],
];

/** Pairs that cannot broadcast. */
const UNBROADCASTABLE: ReadonlyArray<readonly [Shape, Shape]> = [
  [[3, 2], [2, 3]],
  [[3], [4]],
  [[4, 3], [3, 2, 1]],
  [[0, 3], [2, 3]],
];

/** Pairs whose input is broadcast, so its gradient is reduced back to its shape. */
const INPUT_BROADCAST: ReadonlyArray<readonly [Shape, Shape]> = [
  [[3, 1], [3, 2]],
  [[], [3]],
  [[3, 1], [1, 2]],
];

/** Broadcastable pairs with none and mean, unbroadcastable pairs, and gradients of a broadcast input. */
export function broadcastCases(): PlannedCase[] {
  const cases: PlannedCase[] = [];
  for (const [xs, ys] of BROADCASTABLE) for (const reduction of ['none', 'mean']) cases.push(broadcastCase(xs, ys, reduction, false, false));
  for (const [xs, ys] of UNBROADCASTABLE) for (const reduction of ['none', 'mean']) cases.push(broadcastCase(xs, ys, reduction, false, true));
  for (const [xs, ys] of INPUT_BROADCAST) for (const reduction of ['none', 'sum', 'mean']) cases.push(broadcastCase(xs, ys, reduction, true, false));
  for (const dtype of ['float32', 'float64'] as const) cases.push(perBranchCase(dtype));
  return cases;
}

/**
 * One input value broadcast against seven mixed labels, mean, margin 0.7:
 * the gradient is 4g − 3g with g = 1/7 rounded, and depends on whether the
 * two `where` branches are summed back to the input's shape separately
 * (Paddle) or added per element first.
 */
function perBranchCase(dtype: 'float32' | 'float64'): PlannedCase {
  const params: Record<string, ParamValue> = { input_shape: '1', label_shape: '7', margin: 0.7, dtype, reduction: 'mean', grad: 'input' };
  return plannedCase({
    group: GROUP,
    params,
    request: request({
      input: tensor(dtype, [1], [dtype === 'float32' ? Math.fround(0.3) : 0.3]),
      label: tensor(dtype, [7], [1, -1, -1, 1, -1, 1, 1]),
      margin: 0.7,
      reduction: 'mean',
      grad: true,
    }),
    description: `input [0.3] (${dtype}) broadcast against labels [1,-1,-1,1,-1,1,1], margin 0.7, mean: the gradient sums each where branch back to the input separately`,
    rules: ['where-broadcasts', 'where-broadcast-grad-column-major', 'mean-grad-divides-by-count'],
    tags: ['grad'],
  });
}

function broadcastCase(xs: Shape, ys: Shape, reduction: string, grad: boolean, fails: boolean): PlannedCase {
  const params: Record<string, ParamValue> = { input_shape: formatShape(xs), label_shape: formatShape(ys), reduction };
  if (grad) params.grad = 'input';
  const rng = new Prng(caseId(GROUP, params));
  const input = tensor('float32', xs, mixedInputs(rng, shapeSize(xs), 'float32'));
  const label = tensor('float32', ys, signLabels(rng, shapeSize(ys)));
  const same = formatShape(xs) === formatShape(ys);
  const rules: Rule[] = ['where-broadcasts'];
  if (!fails && (shapeSize(xs) === 0 || shapeSize(ys) === 0) && reduction === 'mean') rules.push('mean-of-empty-is-nan');
  const what = fails ? 'cannot broadcast and must raise' : same ? 'equal shapes (control)' : 'broadcast against each other';
  return plannedCase({
    group: GROUP,
    params,
    request: request({ input, label, reduction, grad }),
    description: `input [${xs.join(', ')}] and label [${ys.join(', ')}] ${what}, reduction='${reduction}'${grad ? ', gradient summed back to the input shape' : ''}`,
    ...(same ? { clauses: ['formula', 'shapes', reductionClause(reduction)] } : { rules }),
    tags: fails ? ['error'] : [],
  });
}
