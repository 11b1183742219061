/**
 * Group `errors`: calls with two or more faults at once (bad reduction,
 * unbroadcastable shapes, an unsupported dtype, margin None), so the goldens
 * record which check Paddle runs first. Each fault alone is covered by its
 * own group.
 */
import type { PlannedCase } from '../../../conformance/case.js';
import type { WireDType } from '../../../conformance/wire.js';
import type { ParamValue } from '../params.js';
import { plannedCase } from './case.js';
import { request } from './request.js';
import { tensor } from '../tensor.js';
import type { Rule } from './rules.js';

const GROUP = 'errors';

/** One fault: the parameter it changes and the rule that says what Paddle does about it. */
interface Fault {
  key: 'reduction' | 'label_shape' | 'dtype' | 'margin';
  value: ParamValue;
  rule: Rule;
}

const FAULTS: Fault[] = [
  { key: 'reduction', value: 'reduce_mean', rule: 'hinge-reduction-checked-first' },
  { key: 'label_shape', value: '3x2', rule: 'where-broadcasts' },
  { key: 'dtype', value: 'float16', rule: 'where-no-float16-kernel' },
  { key: 'dtype', value: 'int32', rule: 'promotion-refuses-int-with-float' },
  { key: 'margin', value: null, rule: 'hinge-margin-by-python-type' },
];

/** Every pair of faults on different parameters, and all four kinds at once. */
export function errorCases(): PlannedCase[] {
  const combos: Fault[][] = [];
  FAULTS.forEach((a, i) => FAULTS.slice(i + 1).forEach((b) => a.key !== b.key && combos.push([a, b])));
  combos.push(FAULTS.filter((f) => f.value !== 'int32'));
  return combos.map(faultyCase);
}

function faultyCase(faults: Fault[]): PlannedCase {
  const p: Record<Fault['key'], ParamValue> = { dtype: 'float32', label_shape: '2x3', margin: 1, reduction: 'mean' };
  for (const f of faults) p[f.key] = f.value;
  const dtype = p.dtype as WireDType;
  const labelShape = p.label_shape === '3x2' ? [3, 2] : [2, 3];
  const x = [0.5, -2, 3, 0, 1.5, -0.25].map((v) => (dtype === 'int32' ? Math.trunc(v) || 0 : v));
  const rules = faults.map((f) => f.rule);
  return plannedCase({
    group: GROUP,
    params: p,
    request: request({ input: tensor(dtype, [2, 3], x), label: tensor(dtype, labelShape, [1, -1, 1, -1, 1, -1]), margin: p.margin, reduction: p.reduction }),
    description: `faults at once: ${faults.map((f) => `${f.key}=${f.value === null ? 'None' : f.value}`).join(' and ')}; the golden records which error wins`,
    rules,
    tags: ['error'],
  });
}
